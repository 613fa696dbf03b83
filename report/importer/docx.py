"""Any .docx report: paragraphs and table rows in body order (text path).

Size limits are checked on the zip directory before anything is
decompressed: a file over ``MAX_DOCX_BYTES`` or whose parts would expand
past ``MAX_EXPANDED_BYTES`` is refused.  python-docx parses with
``resolve_entities=False``, so an entity declared in the XML is never
expanded (tests/importer/test_safety.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import UserError
from .stream import Item, Para, Row

MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_EXPANDED_BYTES = 200 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_docx(path: Path) -> None:
    """Refuse what is not a sane .docx, with the reason in Chinese."""
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UserError(f"无法读取「{name}」：{exc.strerror or exc}") from exc
    if size > MAX_DOCX_BYTES:
        raise UserError(f"「{name}」有 {size / 1024 / 1024:.0f} MB，超过 50 MB 的上限，已拒绝导入。")
    if head == _OLE_MAGIC:
        raise UserError(f"「{name}」是旧版 Word（.doc）或 WPS 格式，请在 Word/WPS 中「另存为」.docx 后再导入。")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if "word/document.xml" not in {i.filename for i in infos}:
                raise UserError(f"「{name}」不是 Word 文档（缺少正文部分），无法导入。")
            expanded = sum(i.file_size for i in infos)
    except zipfile.BadZipFile as exc:
        raise UserError(f"「{name}」不是有效的 Word 文档（.docx），文件可能已损坏。") from exc
    if expanded > MAX_EXPANDED_BYTES:
        raise UserError(f"「{name}」解压后超过 200 MB，可能是恶意构造的文件，已拒绝导入。")


def read_docx(path: Path) -> list[Item]:
    check_docx(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise UserError(f"「{path.name}」无法作为 Word 文档打开：文件可能已损坏。") from exc
    items: list[Item] = []
    for child in document.element.body.iterchildren():
        if child.tag == _W + "p":
            items.append(Para(_text(child)))
        elif child.tag == _W + "tbl":
            items.extend(_rows(child))
        elif child.tag == _W + "sdt":  # content controls wrap ordinary paragraphs
            for p in child.iter(_W + "p"):
                items.append(Para(_text(p)))
    return items


def _text(element) -> str:
    """Visible text of a paragraph: runs, tabs and line breaks; deleted text skipped."""
    out: list[str] = []
    for node in element.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if node.tag == _W + "t":
            out.append(node.text or "")
        elif node.tag == _W + "tab":
            out.append("\t")
        elif node.tag in (_W + "br", _W + "cr"):
            out.append("\n")
    return "".join(out)


def _rows(table) -> list[Row]:
    """Each row's cells, a horizontally merged cell once, a vertical continuation not at all."""
    rows: list[Row] = []
    for tr in table.iterchildren(_W + "tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(_W + "tc"):
            tc_pr = tc.find(_W + "tcPr")
            if tc_pr is not None:
                v_merge = tc_pr.find(_W + "vMerge")
                if v_merge is not None and v_merge.get(_W + "val") in (None, "continue"):
                    continue
            paragraphs = [_text(p) for p in tc.iterchildren(_W + "p")]
            for inner in tc.iterchildren(_W + "tbl"):
                paragraphs.extend(r.text for r in _rows(inner))
            cells.append(" ".join(p.strip() for p in paragraphs if p.strip()))
        rows.append(Row(cells))
    return rows
