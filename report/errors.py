"""The one error type shown to the user as-is, and the one place system errors become Chinese.

``UserError`` carries a complete Chinese sentence.  ``describe`` turns what
the operating system, ``zipfile``, an XML parser or Python's own limits
raise (``OSError``, ``BadZipFile``, ``ParseError``, ``RecursionError`` …)
into a Chinese sentence that says what happened and what to do, never an
English fragment such as 「File is not a zip file」 or 「Is a directory」.
The CLI's top-level handler, the atomic writer, the draft reader, the
importer's entry point, the review workbook and the GUI's error dialog all
call it, so one condition reads the same everywhere.
"""

from __future__ import annotations

import errno
import os


class UserError(Exception):
    """Something the clerk can act on; ``str()`` is a complete Chinese sentence."""


#: Windows error codes (``OSError.winerror``) that mean "another program has the file open".
_WIN_SHARING_VIOLATION = 32
_WIN_LOCK_VIOLATION = 33
_WIN_DISK_FULL = (39, 112)
_WIN_INVALID_NAME = 123


def _name(path) -> str:
    if path is None:
        return "该文件"
    return f"「{os.fspath(path)}」"


def describe_os_error(exc: OSError, path=None, *, writing: bool = False) -> str:
    """A Chinese sentence for an ``OSError`` met while reading (or, with ``writing``, writing) ``path``."""
    name = _name(path if path is not None else (exc.filename or None))
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    verb = "写入" if writing else "读取"
    if winerror in (_WIN_SHARING_VIOLATION, _WIN_LOCK_VIOLATION) or code in (errno.EBUSY, errno.ETXTBSY):
        return f"{name}正被其他程序（如 Word、WPS）占用，无法{verb}。请关闭该文件后重试。"
    if winerror in _WIN_DISK_FULL or code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"磁盘空间不足，无法写入{name}，原有文件没有改动。请清理磁盘或另选保存位置后重试。"
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        if writing:
            return f"无法写入{name}：这是一个文件夹，不是文件。请另起一个文件名（可以保存在这个文件夹中）。"
        return f"{name}是一个文件夹，不是文件。请选择文件夹中的一份文件。"
    if isinstance(exc, NotADirectoryError) or code == errno.ENOTDIR:
        return f"{name}的路径中有一段不是文件夹（是一个同名文件）。请检查路径。"
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        if writing:
            return f"无法写入{name}：所在的文件夹不存在。请先建立该文件夹，或另选保存位置。"
        return f"找不到文件{name}。请确认文件名和所在位置是否正确。"
    if code == errno.EROFS:
        return f"无法写入{name}：该位置是只读的（如光盘、写保护的 U 盘）。请另选保存位置。"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        if writing:
            return (f"无法写入{name}：文件可能正在 Word/WPS 中打开，或您没有该位置的写入权限。"
                    "请关闭该文件，或另选保存位置后重试。")
        return f"没有权限读取{name}。请确认您有权打开该文件，或把它复制到「文档」文件夹后重试。"
    if code == errno.ENAMETOOLONG:
        return f"{name}的文件名或路径太长。请缩短文件名，或放到层次较浅的文件夹中。"
    if winerror == _WIN_INVALID_NAME or code == errno.EINVAL:
        return f"{name}不是有效的文件名（不能包含 \\ / : * ? \" < > | 等字符）。请改用其他文件名。"
    if code == errno.EFBIG:
        return f"{name}太大，无法{verb}。"
    if code in (errno.EMFILE, errno.ENFILE):
        return "同时打开的文件太多，操作没有完成。请关闭一些程序后重试。"
    if code == errno.EIO:
        return f"{verb}{name}时设备出错（如 U 盘被拔出、网络盘断开）。请检查设备后重试。"
    if code == errno.EEXIST:
        return f"{name}已存在。"
    number = f"（系统错误代码 {code}）" if code is not None else ""
    return f"无法{verb}{name}{number}。请确认文件所在位置可以访问后重试。"


def describe(exc: BaseException, path=None, *, writing: bool = False) -> str | None:
    """A Chinese sentence for ``exc`` met while handling ``path``; ``None`` if it is not a known kind.

    Known kinds: ``UserError`` (its own sentence), ``OSError``, a damaged zip
    package, damaged XML, undecodable text, over-deep nesting, over-long
    numbers and exhausted memory.  Anything else is a bug for the caller to
    report as one.
    """
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    name = _name(path)
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error)):
        return (f"{name}不是有效的 Word 文档（.docx），或文件已损坏：无法按 Word 文档的压缩格式读取。"
                "如果它是旧版 .doc、WPS 或其他格式的文件，请在 Word/WPS 中「另存为」.docx 后重试。")
    if isinstance(exc, OSError):
        return describe_os_error(exc, path, writing=writing)
    if isinstance(exc, (ParseError, _lxml_error())) or type(exc).__name__ in ("XMLSyntaxError", "ExpatError"):
        return f"{name}内部的 XML 数据已损坏，无法读取。请用 Word/WPS 打开并另存一次后重试。"
    if isinstance(exc, EOFError):
        return f"{name}不完整（文件在中途结束），可能没有下载或复制完整。请重新获取该文件。"
    if isinstance(exc, UnicodeError):
        return f"{name}的文字编码无法识别（不是 UTF-8 或 GBK 文本），可能已损坏或不是文本文件。"
    if isinstance(exc, RecursionError):
        return f"{name}的结构嵌套过深，不像是年度报告，已拒绝读取。"
    if isinstance(exc, MemoryError):
        return f"{name}太大，内存不足以处理。请确认这是一份年度报告。"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return f"{name}中有位数过多的数字（超过几千位），不像是年度报告，已拒绝读取。"
    return None


def as_user_error(exc: BaseException, path=None, *, writing: bool = False) -> UserError | None:
    """``describe`` as a ``UserError`` (``None`` for an unknown kind)."""
    text = describe(exc, path, writing=writing)
    return None if text is None else (exc if isinstance(exc, UserError) else UserError(text))


def _lxml_error() -> type:
    try:
        from lxml.etree import LxmlError
    except ImportError:  # lxml is optional for the core
        return _Never
    return LxmlError


class _Never(Exception):
    """Matches nothing: stands in for a library that is not installed."""
