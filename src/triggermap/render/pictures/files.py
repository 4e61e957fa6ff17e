"""Pictures as files a person can open: the guided session shows each exercise's path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from triggermap.errors import InputError
from triggermap.render.pictures import picture_for
from triggermap.render.pictures.svg import picture_svg

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.render.pictures.scene import Side


def pictures_folder() -> Path:
    """Where the session writes its pictures (TRIGGERMAP_CACHE_DIR, else the user's cache)."""
    from platformdirs import user_cache_dir

    base = os.environ.get("TRIGGERMAP_CACHE_DIR") or user_cache_dir("triggermap")
    return Path(base) / "pictures"


def write_picture_file(
    kb: KnowledgeBase, treatment_id: str, side: Side | None, folder: Path
) -> Path | None:
    """The item's picture as PNG (SVG where PNG cannot be drawn), or None without a picture.
    Written whole and private (`private_files`: the folder 0700, the file 0600, a new file
    renamed into place, never through a link)."""
    picture = picture_for(kb, treatment_id, side)
    if picture is None:
        return None
    svg = picture_svg(picture)
    name = f"{treatment_id}-{picture.side or 'both'}"
    try:
        from triggermap.render.pictures.png import svg_to_png

        data, path = svg_to_png(svg), folder / f"{name}.png"
    except InputError:
        data, path = svg.encode("utf-8"), folder / f"{name}.svg"
    from triggermap.private_files import private_folder, write_private_file

    private_folder(folder)
    write_private_file(path, data, "picture", force=True)  # the same picture, drawn again
    return path
