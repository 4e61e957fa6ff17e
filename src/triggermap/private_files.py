"""Health data stays with the person: every file and folder triggermap makes is theirs alone.

- `private_folder`: a folder (and any missing parent) made 0700;
- `create_private_file`: an empty 0600 file for SQLite to fill (its WAL and journal files take
  the database file's mode, so they are 0600 too);
- `check_new_file` and `private_file` / `write_private_file`: every file written with `-o`,
  `--chart` or `--save-case` (exports, handouts, charts, cases). It is made 0600 with
  `O_EXCL | O_NOFOLLOW`, so a symbolic link is never followed and an existing file is never
  overwritten unless the person says `--force`; then a new file replaces it in one step
  (`os.replace`), so a failed write leaves the old file whole and never a half-written one.

Modes are asked for when a file or folder is created, so a stricter umask still applies.
Failures are `InputError`s naming the option and the path, on one line.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from triggermap.errors import InputError, show_path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CREATE |= getattr(os, "O_CLOEXEC", 0)


def private_folder(path: Path) -> None:
    """Make `path` and its missing parents, each new one 0700; an existing one is left as is."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        with suppress(FileExistsError):  # another process made it first
            os.mkdir(new, FOLDER_MODE)


def tighten_folder(path: Path) -> None:
    """Take group and other access away from a folder of ours (the default data folder made
    by an earlier version with 0755)."""
    info = path.stat()
    owner = getattr(os, "getuid", lambda: info.st_uid)()  # no owners to compare on Windows
    if info.st_uid == owner and stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(stat.S_IMODE(info.st_mode) & FOLDER_MODE)


def create_private_file(path: Path) -> None:
    """An empty 0600 file at `path`, unless something is there already."""
    with suppress(FileExistsError):
        os.close(os.open(path, _CREATE, FILE_MODE))


def check_new_file(path: Path, option: str = "--output", *, force: bool = False) -> None:
    """Before any work: can `path` be written? Its folder exists; it is not a link or a folder;
    an existing file is replaced only with `force`."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise InputError(
            f"{option}: {show_path(path)} is a symbolic link; give the path of a file, "
            "triggermap does not write through links"
        )
    if path.is_dir():
        raise InputError(f"{option}: {show_path(path)} is a folder, not a file")
    if not folder.is_dir():
        raise InputError(f"{option}: folder {show_path(folder)} does not exist")
    if path.exists() and not force:
        raise InputError(f"{option}: {show_path(path)} already exists; add --force to replace it")


def write_private_file(
    path: Path, data: str | bytes, option: str = "--output", *, force: bool = False
) -> None:
    """Write a whole file, 0600 (see the module docstring)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(path, option, force=force) as handle:
        handle.write(payload)


@contextmanager
def private_file(
    path: Path, option: str = "--output", *, force: bool = False
) -> Iterator[BinaryIO]:
    """A new 0600 file to write into; it appears at `path` whole when the block ends, and is
    removed when the block fails (see the module docstring)."""
    check_new_file(path, option, force=force)
    target = path
    if force and path.exists():
        target = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        descriptor = os.open(target, _CREATE, FILE_MODE)
    except FileExistsError:
        raise InputError(f"{option}: {show_path(path)} already exists; add --force") from None
    except OSError as exc:
        raise InputError(f"{option}: cannot write {show_path(path)}: {exc.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target != path:
            os.replace(target, path)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise InputError(f"{option}: cannot write {show_path(path)}: {exc.strerror}") from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
