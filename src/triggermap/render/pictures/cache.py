"""Drawn pictures kept between runs, so a handout does not pose and draw its figures again.

A picture depends only on its pose data, its treatment's muscles, the side and the renderer's
code; the key is a hash of exactly those, so an edited pose, a changed muscle list or a new
renderer never serves an old picture. Each entry holds what the handouts use (the SVG, the PDF
operators and the PDF labels) as JSON (never pickle: a cache file is data, not code), in
`TRIGGERMAP_CACHE_DIR` (else the user's cache folder), written whole and readable by its owner
only. A cache that cannot be read or written only costs time, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triggermap.render.pictures.shapes import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from triggermap.kb.schema import Illustration

CACHE_FORMAT = 1
MEMORY_LIMIT = 256  # drawn pictures a long-running process keeps in memory


@dataclass(frozen=True)
class DrawnPicture:
    key: str  # what drew it, hashed: also the picture's name in a PDF
    svg: str
    pdf_operators: str  # shapes in picture units (render.pictures.pdf_stream)
    pdf_texts: tuple[Text, ...]  # labels, drawn by the PDF back end in its own font


_MEMORY: dict[str, DrawnPicture] = {}


def drawn_picture(
    illustration: Illustration, *, muscles: Sequence[str], side: str | None
) -> DrawnPicture:
    """The picture on `side`, from memory, the cache folder or drawn now (then kept)."""
    key = _key(illustration, muscles, side)
    found = _MEMORY.get(key) or _read(key)
    if found is None:
        found = _draw(key, illustration, muscles, side)
        _write(found)
    if len(_MEMORY) >= MEMORY_LIMIT:
        _MEMORY.clear()
    _MEMORY[key] = found
    return found


def _draw(
    key: str, illustration: Illustration, muscles: Sequence[str], side: str | None
) -> DrawnPicture:
    from triggermap.render.pictures.pdf_stream import picture_operators
    from triggermap.render.pictures.scene import draw_picture
    from triggermap.render.pictures.svg import picture_svg

    picture = draw_picture(illustration, muscles=muscles, side=side)  # type: ignore[arg-type]
    texts = tuple(item for item in picture.items if isinstance(item, Text))
    return DrawnPicture(key, picture_svg(picture), picture_operators(picture), texts)


def _key(illustration: Illustration, muscles: Sequence[str], side: str | None) -> str:
    h = hashlib.sha256(f"{CACHE_FORMAT}:{_renderer_fingerprint()}:{side}:".encode())
    h.update(",".join(muscles).encode() + b"\0" + illustration.model_dump_json().encode())
    return h.hexdigest()[:32]


@cache
def _renderer_fingerprint() -> str:
    """A hash of the renderer's code: a changed renderer draws every picture anew."""
    h = hashlib.sha256()
    package = resources.files("triggermap") / "render" / "pictures"
    for module in sorted(package.iterdir(), key=lambda m: m.name):
        if module.name.endswith(".py"):
            h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def cache_folder() -> Path:
    from platformdirs import user_cache_dir

    base = os.environ.get("TRIGGERMAP_CACHE_DIR") or user_cache_dir("triggermap")
    return Path(base) / "drawn-pictures"


def _read(key: str) -> DrawnPicture | None:
    try:
        data = json.loads((cache_folder() / f"{key}.json").read_text(encoding="utf-8"))
        if data["format"] != CACHE_FORMAT:
            return None
        texts = tuple(Text(**fields) for fields in data["pdf_texts"])
        return DrawnPicture(key, str(data["svg"]), str(data["pdf_operators"]), texts)
    except Exception:  # any unreadable entry is drawn again, never an error for the user
        return None


def _write(drawn: DrawnPicture) -> None:
    data: dict[str, Any] = {
        "format": CACHE_FORMAT,
        "svg": drawn.svg,
        "pdf_operators": drawn.pdf_operators,
        "pdf_texts": [text.__dict__ for text in drawn.pdf_texts],
    }
    folder = cache_folder()
    path = folder / f"{drawn.key}.json"
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written only costs time
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
