"""Atomic file writes: the target is either the old file or the new one, never half."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import UserError


def describe_os_error(path: Path, exc: OSError) -> str:
    """A Chinese explanation of why ``path`` could not be written."""
    import errno

    name = str(path)
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return f"无法写入「{name}」：文件可能正在 Word/WPS 中打开，或没有写入权限。请关闭该文件或另选位置后重试。"
    if exc.errno == errno.ENOSPC:
        return f"无法写入「{name}」：磁盘空间不足。"
    if exc.errno == errno.ENOENT:
        return f"无法写入「{name}」：文件夹不存在。"
    if exc.errno == errno.EROFS:
        return f"无法写入「{name}」：该位置是只读的。"
    return f"无法写入「{name}」：{exc.strerror or exc}"


def write_atomic(path: str | os.PathLike, data: bytes, keep_backup: bool = False) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync, replace.

    With ``keep_backup`` the previous file is kept as ``path + '.bak'``.
    Raises ``UserError`` (Chinese) and leaves the old file untouched on failure.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(describe_os_error(target, exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.exists(target):
            # Carry over the target's permission bits; mkstemp creates 0600.
            shutil.copymode(target, tmp)
            if keep_backup:
                shutil.copy2(target, target.with_name(target.name + ".bak"))
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise UserError(describe_os_error(target, exc)) from exc
    _fsync_dir(folder)


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
