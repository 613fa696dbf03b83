"""Any .docx report: paragraphs and table rows in body order (text path).

Size limits are checked on the zip directory before anything is
decompressed: a file over ``MAX_INPUT_BYTES`` or whose parts would expand
past ``MAX_EXPANDED_BYTES`` is refused.  python-docx parses with
``resolve_entities=False``, so an entity declared in the XML is never
expanded (tests/importer/test_safety.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import UserError, describe_os_error
from ..limits import MAX_EXPANDED_BYTES, MAX_INPUT_BYTES
from .stream import Item, Para, Row


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_V_MERGE = f"{_W}tcPr/{_W}vMerge"
_H_MERGE = f"{_W}tcPr/{_W}hMerge"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_docx(path: Path) -> None:
    """Refuse what is not a sane .docx, with the reason in Chinese."""
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UserError(describe_os_error(exc, name)) from exc
    if size > MAX_INPUT_BYTES:
        raise UserError(f"「{name}」有 {size / 1024 / 1024:.0f} MB，超过 {MAX_INPUT_BYTES // 1024 // 1024} MB 的上限，已拒绝导入。")
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
        raise UserError(f"「{name}」解压后超过 {MAX_EXPANDED_BYTES // 1024 // 1024} MB，可能是恶意构造的文件，已拒绝导入。")


def read_docx(path: Path) -> list[Item]:
    """Paragraphs and table rows of the main document part, in body order.

    Only the main part is parsed, with python-docx's parser settings (entities
    never expanded, no network) but lxml's plain elements: loading the package
    through python-docx costs several times more and reads nothing the report needs.
    """
    check_docx(path)
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            body = etree.fromstring(zf.read(_main_part(zf)), _parser()).find(_W + "body")
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise UserError(f"「{path.name}」无法作为 Word 文档打开：文件可能已损坏。") from exc
    if body is None:
        raise UserError(f"「{path.name}」不是 Word 文档（没有正文），无法导入。")
    items: list[Item] = []
    _walk(body, items)
    return items


def _walk(container, items: list[Item]) -> None:
    for child in container.iterchildren():
        if child.tag == _W + "p":
            items.append(Para(_text(child)))
        elif child.tag == _W + "tbl":
            items.extend(_rows(child))
        elif child.tag == _W + "sdt":  # a content control around paragraphs or a whole table
            content = child.find(_W + "sdtContent")
            if content is not None:
                _walk(content, items)
        elif child.tag == _W + "customXml":
            _walk(child, items)


_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (word/document.xml in practice)."""
    from lxml import etree

    try:
        rels = etree.fromstring(zf.read("_rels/.rels"), _parser())
    except KeyError:
        return "word/document.xml"
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


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
            v_merge = tc.find(_V_MERGE)
            if v_merge is not None and v_merge.get(_W + "val") in (None, "continue"):
                continue
            h_merge = tc.find(_H_MERGE)  # the legacy horizontal merge of older Word files
            if h_merge is not None and h_merge.get(_W + "val") in (None, "continue"):
                continue
            parts = ["".join(p.itertext(_W + "t")).strip() for p in tc.iterchildren(_W + "p")]
            for inner in tc.iterchildren(_W + "tbl"):
                parts.extend(r.text for r in _rows(inner))
            cells.append(" ".join(p for p in parts if p))
        rows.append(Row(cells))
    return rows
