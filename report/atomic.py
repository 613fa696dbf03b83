"""Atomic file writes: the target is either the old file or the new one, never half; so is its ``.bak``.

``write_atomic`` writes the new content to a temp file in the same folder,
flushes it to disk, and only then touches anything the clerk can see:

1. with ``keep_backup``, the previous file becomes ``NAME.bak`` by a hard
   link under a temp name renamed over the old ``.bak`` (``os.replace``);
   where hard links are not possible (FAT-formatted USB sticks, some network
   shares) the previous file is copied to a temp file, flushed, and renamed
   the same way.  The ``.bak`` is never written in place, so it is at every
   moment a complete earlier version;
2. the temp file is renamed over the target.

A failure at any step removes the temp files and, if the ``.bak`` had
already been replaced, puts the earlier ``.bak`` back: both files are left
as they were.  A process killed mid-save can leave a temp file behind
(``.NAME.xxxxxxxx.tmp``); the next save of the same file removes such files
of ours that are more than a minute old.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from .errors import UserError, describe_os_error

#: Temp files older than this (seconds) are leftovers of a killed save; younger ones may be another save's.
STALE_TEMP_SECONDS = 60
BACKUP_SUFFIX = ".bak"

__all__ = ["BACKUP_SUFFIX", "STALE_TEMP_SECONDS", "backup_path", "remove_stale_temps", "temp_pattern", "write_atomic"]


def backup_path(path: str | os.PathLike) -> Path:
    target = Path(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def temp_pattern(name: str) -> re.Pattern:
    """The names of our temp files for target ``name``: ``.NAME.`` + 8 random characters + ``.tmp``."""
    return re.compile(r"\." + re.escape(name) + r"\.[a-z0-9_]{8}\.tmp")


def write_atomic(path: str | os.PathLike, data: bytes, keep_backup: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; with ``keep_backup`` the previous file becomes ``path + '.bak'``.

    Raises ``UserError`` (Chinese) and leaves the target and its ``.bak`` as they were on failure.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UserError(describe_os_error(IsADirectoryError(21, "is a directory"), target, writing=True))
    remove_stale_temps(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(describe_os_error(exc, target, writing=True)) from exc
    tmp = Path(tmp_name)
    created: list[Path] = [tmp]  # our temp files, removed whatever happens
    bak = backup_path(target)
    earlier_bak: Path | None = None  # a link to the previous .bak while it is being replaced
    bak_replaced = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        exists = target.exists()
        if exists:
            # Carry over the target's permission bits; mkstemp creates 0600.
            shutil.copymode(target, tmp)
        else:
            os.chmod(tmp, 0o644)
        if keep_backup and exists:
            if bak.exists():
                earlier_bak = _link_or_copy(bak, folder, target.name, created)
            new_bak = _link_or_copy(target, folder, target.name, created)
            os.replace(new_bak, bak)
            bak_replaced = True
        os.replace(tmp, target)
    except OSError as exc:
        if bak_replaced:
            _restore_backup(bak, earlier_bak)
        _remove(created)
        raise UserError(describe_os_error(exc, target, writing=True)) from exc
    except BaseException:
        if bak_replaced:
            _restore_backup(bak, earlier_bak)
        _remove(created)
        raise
    _remove(created)
    _fsync_dir(folder)


def _temp_name(folder: Path, name: str) -> Path:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_"
    return folder / (f".{name}." + "".join(secrets.choice(alphabet) for _ in range(8)) + ".tmp")


def _link_or_copy(source: Path, folder: Path, name: str, created: list[Path]) -> Path:
    """A temp name in ``folder`` holding ``source``'s content: a hard link, or a flushed copy where links fail."""
    for _ in range(100):
        candidate = _temp_name(folder, name)
        try:
            os.link(source, candidate)
        except FileExistsError:
            continue
        except OSError:
            break  # no hard links on this file system: copy instead
        created.append(candidate)
        return candidate
    fd, copy_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    copy = Path(copy_name)
    created.append(copy)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
    shutil.copystat(source, copy)
    return copy


def _restore_backup(bak: Path, earlier: Path | None) -> None:
    try:
        if earlier is not None:
            os.replace(earlier, bak)
        else:
            bak.unlink()
    except OSError:
        pass  # the .bak then holds the version still in the target: complete, one save newer


def _remove(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def remove_stale_temps(target: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove our temp files for ``target`` left by a killed save more than ``older_than`` seconds ago."""
    folder = target.parent if str(target.parent) else Path(".")
    pattern = temp_pattern(target.name)
    now = time.time()
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False):
                continue
            # A hard link under a temp name keeps the linked file's mtime, so a concurrent save of the same
            # file may lose its link here: its os.replace then fails and it reports that, changing nothing.
            age = now - st.st_mtime
            if age > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
