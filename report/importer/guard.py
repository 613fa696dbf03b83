"""The importer's outer wall: one size check and one translation of a reader's failure, around ``import_file``.

Each reader bounds what it reads (``report.limits``); this guard is the
last line, so that whatever a reader misses on a hostile file — Python's
recursion limit on deep nesting, its 4,300-digit limit on ``int()``, a
damaged zip or XML, an ``OSError`` — reaches the user as a Chinese
``UserError`` and never as a traceback.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..errors import UserError, describe
from ..limits import MAX_INPUT_BYTES, MAX_PDF_BYTES

MB = 1024 * 1024


def check_size(path: Path) -> None:
    """Refuse a file larger than any report of its kind before any reader opens it."""
    limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_INPUT_BYTES
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(describe(exc, path)) from None
    if size > limit:
        raise UserError(
            f"「{path.name}」太大（{size / MB:.0f} MB，上限 {limit // MB} MB），不像是一份年度报告，已拒绝读取。"
        )


def guarded(import_file):
    """``import_file`` with the size check before and every known failure turned into a Chinese ``UserError``."""

    @functools.wraps(import_file)
    def wrapper(path: str | os.PathLike, *args, **kwargs):
        p = Path(path)
        if p.is_file():
            check_size(p)
        try:
            return import_file(path, *args, **kwargs)
        except UserError:
            raise
        except Exception as exc:
            text = describe(exc, p)
            if text is None:
                raise  # a bug, not the file: the caller reports it as one
            raise UserError(text) from exc

    return wrapper
