"""Plain text (copied from a web page or a PDF): one ``Para`` per line."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError, describe_os_error
from ..limits import MAX_INPUT_BYTES
from .normalise import is_sentence, number_token
from .stream import Item, Para, Row


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"无法读取「{name}」：文件编码无法识别（应为 UTF-8 或 GBK 文本）。")


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise UserError(f"「{path.name}」有 {size // (1024 * 1024)} MB，太大，不像一份年度报告，已拒绝读取。")
        return path.read_bytes()
    except OSError as exc:
        raise UserError(describe_os_error(exc, path)) from exc


def read_text(path: Path) -> list[Item]:
    data = read_bytes(path)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(f"「{path.name}」不是文本文件（可能是改了扩展名的其他文件），无法导入。")
    return lines_to_items(decode(data, path.name))


def lines_to_items(text: str) -> list[Item]:
    """One item per line; a line whose cells are separated by tabs (copied from a Word table) is a table row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_tabbed(line) for line in text.split("\n")]


def _tabbed(line: str) -> Item:
    """A tab-separated line holding a number keeps its cells as positions: ``12⇥3⇥⇥⇥1⇥1⇥17`` has seven."""
    if "\t" not in line:
        return Para(line)
    cells = line.split("\t")
    if not any(number_token(c) for c in cells) or any(is_sentence(c) for c in cells):
        return Para(line)
    return Row([c.strip() for c in cells])
