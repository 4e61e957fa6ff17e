"""The knowledge base's files and their content hash, without parsing them.

Shared by the loader (which validates the files) and the compiled engine's cache (which only
needs to know whether they changed), so a process that assesses cases from the cache reads the
files' bytes but imports neither a YAML parser nor the schema.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from triggermap.kb.kinds import KINDS

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DIRS = KINDS  # any kind may also be a folder of files


def knowledge_root() -> Traversable:
    """The knowledge directory shipped inside the package (a folder beside this module: the
    package is installed as files; importlib.resources would cost a one-case process ~10 ms)."""
    return Path(__file__).resolve().parents[1] / "knowledge"


def knowledge_files(base: Traversable | None = None) -> list[tuple[str, bytes]]:
    """(name, bytes) of every knowledge file, sorted by name."""
    return sorted(_yaml_files(base or knowledge_root()), key=lambda item: item[0])


def _yaml_files(base: Traversable) -> Iterator[tuple[str, bytes]]:
    for item in base.iterdir():
        if item.is_file() and item.name.endswith(".yaml"):
            yield item.name, item.read_bytes()
        elif item.is_dir() and item.name in DIRS:
            for sub in item.iterdir():
                if sub.is_file() and sub.name.endswith(".yaml"):
                    yield f"{item.name}/{sub.name}", sub.read_bytes()


def content_hash(files: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in files:
        h.update(name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def cache_folder() -> Path:
    """Where the knowledge base's caches live: TRIGGERMAP_CACHE_DIR, else platformdirs' user
    cache folder for triggermap (on Linux worked out here, as platformdirs does: XDG_CACHE_HOME,
    else ~/.cache; importing platformdirs would cost a short command ~10 ms)."""
    chosen = os.environ.get("TRIGGERMAP_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "linux":
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")
        return Path(base) / "triggermap"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("triggermap"))
