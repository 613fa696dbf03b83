"""Draft files on disk: one bounded JSON reader, one writer that refuses what the reader would refuse.

Reading is bounded by ``report.limits``: the file's size (``MAX_DRAFT_BYTES``),
its nesting (``MAX_NESTING_DEPTH``) and the length of every number
(``MAX_NUMBER_DIGITS``, checked on the literal, before ``int()``, which
refuses over 4,300 digits with a ``ValueError``).  ``NaN``, ``Infinity`` and
over-long numbers are not turned into values at all: the JSON reader hands
the validator a ``RefusedNumber`` which it names with its field.

``save`` builds the text, reads it back through the same ``loads`` and
checks the same size limit before anything is written: a draft that ``save``
wrote, ``load`` reads.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from ..atomic import backup_path, write_atomic
from ..errors import describe_os_error
from ..limits import MAX_DRAFT_BYTES, MAX_NESTING_DEPTH, MAX_NUMBER_DIGITS
from ..model import Report
from .schema import DraftError, RefusedNumber, from_dict, to_dict

MB = 1024 * 1024
_FLOAT = re.compile(r"-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_int(literal: str):
    if len(literal) - literal.startswith("-") > MAX_NUMBER_DIGITS:
        return RefusedNumber(literal)
    return int(literal)


def _parse_float(literal: str):
    from decimal import Decimal

    m = _FLOAT.fullmatch(literal)
    if m is None:  # pragma: no cover - the JSON scanner only hands over number literals
        return RefusedNumber(literal)
    digits = len(m.group(1)) + len(m.group(2) or "")
    exponent = m.group(3) or "0"
    if digits > MAX_NUMBER_DIGITS or len(exponent.lstrip("+-")) > 3 or abs(int(exponent)) > MAX_NUMBER_DIGITS:
        return RefusedNumber(literal)
    return Decimal(literal)  # exact, as printed: no binary floating point


def read_json(text: str) -> Any:
    """``json.loads`` within the limits; ``DraftError`` (Chinese) for malformed or over-deep JSON."""
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=RefusedNumber)
    except RecursionError:
        raise _too_deep() from None
    except json.JSONDecodeError as exc:
        raise DraftError(f"草稿文件已损坏或不完整（第 {exc.lineno} 行第 {exc.colno} 列无法读取）。") from None
    _check_depth(data)
    return data


def _too_deep() -> DraftError:
    return DraftError(f"草稿文件的结构嵌套超过 {MAX_NESTING_DEPTH} 层，不是本程序保存的草稿（本程序的草稿只有几层）。")


def _check_depth(data: Any) -> None:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING_DEPTH:
            raise _too_deep()
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def json_text(data: Any, indent: int | None = 2) -> str:
    """``data`` as readable JSON that UTF-8 can hold: Chinese unescaped, a lone surrogate as its ``\\udXXX`` escape.

    For every JSON the program writes from a report (the draft, the GUI's autosave): a lone surrogate is
    valid in JSON and may come from an imported or pasted text, but ``str.encode("utf-8")`` refuses it.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(report: Report) -> str:
    """The draft as readable JSON (see ``json_text``)."""
    return json_text(to_dict(report)) + "\n"


def loads(text: str) -> Report:
    return from_dict(read_json(text))


def encode(report: Report) -> bytes:
    """The bytes ``save`` writes, after proving that ``load`` reads them back (same validator, same size limit)."""
    text = dumps(report)
    data = text.encode("utf-8")
    if len(data) > MAX_DRAFT_BYTES:
        raise DraftError(
            f"草稿太大（{len(data) / MB:.1f} MB），超过草稿文件的上限 {MAX_DRAFT_BYTES // MB} MB，无法保存。"
            f"请删减过长的文字（{_largest_text(report)}）后再保存。"
        )
    try:
        loads(text)
    except DraftError as exc:
        raise DraftError(str(exc).replace("草稿文件已损坏：", "草稿无法保存：", 1)) from None
    return data


def _largest_text(report: Report) -> str:
    from ..formats.header import HEADER_FIELDS

    sizes = [(len(v), f"「{report.format.text_field(k).title or k}」") for k, v in report.texts.items()]
    sizes += [(len(str(getattr(report.header, f.key))), f"「{f.label}」") for f in HEADER_FIELDS]
    n, name = max(sizes)
    return f"最长的是{name}，{n:,} 字"


def save(report: Report, path: str | os.PathLike) -> None:
    """Write the draft atomically; the previous version is kept as ``.bak``."""
    write_atomic(path, encode(report), keep_backup=True)


def load(path: str | os.PathLike) -> Report:
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise IsADirectoryError(21, "is a directory", str(p))
        if size > MAX_DRAFT_BYTES:
            raise DraftError(
                f"「{p.name}」太大（{size / MB:.1f} MB），超过草稿文件的上限 {MAX_DRAFT_BYTES // MB} MB，"
                "不是本程序保存的草稿。"
            )
        with open(p, "rb") as fh:
            raw = fh.read(MAX_DRAFT_BYTES + 1)
    except OSError as exc:
        raise DraftError(describe_os_error(exc, p)) from None
    if len(raw) > MAX_DRAFT_BYTES:
        raise DraftError(f"「{p.name}」超过草稿文件的上限 {MAX_DRAFT_BYTES // MB} MB，不是本程序保存的草稿。")
    not_a_draft = _not_a_draft(p, raw)
    if not_a_draft:
        raise DraftError(not_a_draft)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(f"「{p.name}」不是 UTF-8 编码的草稿文件，可能已损坏或不是本程序的文件。{_import_hint()}") from None
    try:
        return loads(text)
    except DraftError as exc:
        message = f"无法打开「{p.name}」：{exc}"
        if "损坏或不完整" in str(exc):
            message += _backup_hint(p)
        raise DraftError(message) from None


def _import_hint() -> str:
    return "如果这是一份年度报告，请用「导入已有报告」（命令行：xxgk import）把它导入为草稿。"


_DOCUMENT_MAGIC = (
    (b"PK\x03\x04", "一个 Word 文档（或其他压缩包格式的文件）"),
    (b"%PDF", "一个 PDF 文件"),
    (b"\xd0\xcf\x11\xe0", "一个旧版 Word（.doc）或 WPS 文件"),
    (b"{\\rtf", "一个 RTF 文档"),
)


def _not_a_draft(p: Path, raw: bytes) -> str:
    """Why a file is plainly not a draft (a document, a web page, a text), with what to do instead; or ""."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, what in _DOCUMENT_MAGIC:
        if head.startswith(magic):
            return f"「{p.name}」是{what}，不是草稿。{_import_hint()}"
    if not head:
        return f"「{p.name}」是空文件：草稿已损坏或没有保存完整。{_backup_hint(p)}"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"「{p.name}」是 UTF-16 编码的文件，不是 UTF-8 编码的草稿文件（可能被其他软件另存过）。"
    if head.startswith(b"<"):
        return f"「{p.name}」是网页或 XML 文件，不是草稿。{_import_hint()}"
    if not head.startswith((b"{", b"[")):
        return f"「{p.name}」不是本程序的草稿文件（草稿是本程序保存的 .json 文件）。{_import_hint()}"
    return ""


def _backup_hint(p: Path) -> str:
    bak = backup_path(p)
    if bak.is_file():
        return f"同一文件夹中的「{bak.name}」是上一次保存的版本，可以打开它（或复制一份改名为 .json 后打开）。"
    return "同一文件夹中没有备份（.bak）文件。"
