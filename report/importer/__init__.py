"""Importing an existing report (.docx, .pdf, .doc/.wps/.rtf/.odt, .html, .txt) as a draft.

``import_file(path)`` returns the report and a summary of what was found,
what is missing (left empty, never 0) and what was assumed.  Our own .docx
carries the draft itself and is restored exactly, unless the numbers printed
in its tables were changed after it was generated (then the printed ones
win); any other document is read as text (see ``assemble``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError, describe_os_error
from ..model import Report
from .guard import guarded
from .summary import Assumption, ImportSummary, MissingCell

#: Every file the importer reads, with the name the user knows it by (file dialogs read this list).
IMPORTABLE: dict[str, str] = {
    ".docx": "Word 文档",
    ".doc": "Word 97-2003 文档",
    ".wps": "WPS 文字文档",
    ".rtf": "RTF 文档",
    ".odt": "OpenDocument 文本",
    ".pdf": "PDF 文件",
    ".html": "网页",
    ".htm": "网页",
    ".txt": "文本文件",
}
#: Read through a word processor on the machine (converted to .docx first, see ``report.office``).
THROUGH_OFFICE = frozenset((".doc", ".wps", ".rtf", ".odt"))
UNSUPPORTED_HINTS = {
    ".mht": "MHT 网页存档无法直接导入，请在浏览器中「另存为」.html。",
    ".mhtml": "MHT 网页存档无法直接导入，请在浏览器中「另存为」.html。",
    ".xls": "表格文件不是年度报告正文，无法导入。",
    ".xlsx": "表格文件不是年度报告正文，无法导入。",
    ".et": "表格文件不是年度报告正文，无法导入。",
}
#: When no word processor is found: what the clerk can do instead.
SAVE_AS_HINT = "也可以在 Word/WPS 中把它「另存为」.docx 后再导入"


def file_filter() -> str:
    """A Qt file-dialog filter for every importable file, then one entry per kind (Chinese names)."""
    kinds: dict[str, list[str]] = {}
    for ext, name in IMPORTABLE.items():
        kinds.setdefault(name, []).append(f"*{ext}")
    everything = " ".join(p for patterns in kinds.values() for p in patterns)
    return ";;".join([f"年度报告 ({everything})"] + [f"{name} ({' '.join(p)})" for name, p in kinds.items()])


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table", b"<div", b"<p")


def sniff(path: Path) -> str:
    """What a file holds, from its first bytes: pdf, docx, office, html, mht or text.

    Offices publish .doc files that are web pages or RTF, and .docx files that are
    old Word files; the content decides how a file is read, not its extension.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise UserError(describe_os_error(exc, path)) from exc
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC) or head.lstrip().startswith(b"{\\rtf"):
        return "office"
    if head.startswith(b"PK\x03\x04"):
        return "odt" if b"application/vnd.oasis.opendocument" in head[:200] else "docx"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith(b"mime-version:") or b"\nmime-version:" in probe[:600]:
        return "mht"
    if probe.startswith(_HTML_START) or b"<html" in probe[:1024]:
        return "html"
    return "text"


@dataclass
class ImportResult:
    report: Report
    summary: ImportSummary

    def __iter__(self):  # ``report, summary = import_file(path)``
        yield self.report
        yield self.summary


@guarded  # size check, and a reader's RecursionError / digit-limit ValueError / OSError in Chinese
def import_file(path: str | os.PathLike) -> ImportResult:
    """Read a report file; raises ``UserError`` (Chinese) when it cannot be read or is not a report."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise UserError(f"找不到文件「{p}」。")
    if p.is_dir():
        raise UserError(f"「{p}」是文件夹，请选择一份报告文件。")
    if suffix not in IMPORTABLE:
        hint = UNSUPPORTED_HINTS.get(suffix, "只能导入" + "、".join(IMPORTABLE) + " 文件。")
        raise UserError(f"无法导入「{p.name}」：{hint}")
    content = sniff(p)
    if content == "mht":
        raise UserError(f"无法导入「{p.name}」：{UNSUPPORTED_HINTS['.mht']}")
    if content == "text" and suffix != ".txt":
        # not what its extension says: the reader of that extension says what is wrong with it
        content = "office" if suffix in THROUGH_OFFICE else "html" if suffix in (".html", ".htm") else suffix[1:]
    if content in ("office", "odt"):
        return _through_office(p)
    if content == "docx":
        return _import_docx(p)
    from .assemble import assemble

    titles: list[str] = []
    if content == "pdf":
        from .pdf import read_pdf

        items, kind = read_pdf(p), "PDF 文件（按文字层识别）"
    elif content == "html":
        from .html import read_page

        items, titles = read_page(p)
        kind = "网页文件"
    else:
        from .text import read_text

        items, kind = read_text(p), "文本文件"
    report, summary = assemble(items, p.name, kind, page_titles=titles)
    if content != "text" and IMPORTABLE.get(suffix) != IMPORTABLE["." + content]:
        summary.notes.insert(0, f"文件扩展名为 {suffix}，内容实为{IMPORTABLE['.' + content]}，已按其内容读取。")
    return ImportResult(report, summary)


def _through_office(p: Path) -> ImportResult:
    """A .doc, .wps, .rtf or .odt file: converted to .docx by a word processor in a temporary folder."""
    import tempfile

    from .. import office
    from .assemble import assemble
    from .docx import read_docx

    with tempfile.TemporaryDirectory(prefix="xxgk-import-") as tmp:
        try:
            docx = office.convert(p, "docx", Path(tmp))
        except office.NoConverter as exc:
            raise UserError(f"无法导入「{p.name}」：{exc}{SAVE_AS_HINT}。") from exc
        except office.ConversionError as exc:
            raise UserError(f"{exc}{SAVE_AS_HINT}。") from exc
        items = read_docx(docx)
    converter = office.describe()
    report, summary = assemble(items, p.name, f"{IMPORTABLE.get(p.suffix.lower(), '文档')}（经 {converter} 转换后识别）")
    return ImportResult(report, summary)


def _import_docx(p: Path) -> ImportResult:
    from .assemble import assemble
    from .docx import check_docx, read_docx

    check_docx(p)
    restored, note = _embedded(p)
    items = read_docx(p)
    kind = "Word 文档（按文字识别）"
    if restored is not None:
        try:
            printed, printed_summary = assemble(items, p.name, kind)
        except UserError:  # a template of the clerk's own that the text reader does not follow
            return ImportResult(restored, _embedded_summary(restored, p.name))
        edited = _edited_cells(restored, printed)
        if not edited:
            return ImportResult(restored, _embedded_summary(restored, p.name))
        fmt = printed.format
        first = edited[0]
        printed_summary.notes.insert(0, (
            f"文档表格中有 {len(edited)} 个数字与文档内保存的草稿不同（如「{fmt.cells[first].display}」："
            f"草稿为 {restored.display_value(first)}，文档中为 {printed.display_value(first)}），"
            "文档可能在 Word/WPS 中改过；已按文档中印出的数字导入。"
        ))
        return ImportResult(printed, printed_summary)
    report, summary = assemble(items, p.name, kind)
    if note:
        summary.notes.insert(0, note)
    return ImportResult(report, summary)


def _embedded(path: Path) -> tuple[Report | None, str]:
    """The draft our own renderer stored inside the .docx, if there is one; else why the text is read."""
    from ..render.package import extract_draft

    try:
        return extract_draft(path), ""
    except UserError as exc:
        return None, f"{exc}已改为按文档文字识别。"


def _edited_cells(restored: Report, printed: Report) -> list[str]:
    """Cells whose number in the document's tables differs from the embedded draft (edited after rendering)."""
    if printed.format_id != restored.format_id:
        return []
    out = []
    for cid in restored.format.cells:
        value, origin = printed.values.get(cid), printed.origins.get(cid)
        if value is None or (origin is not None and origin.reason):
            continue  # not read, or read with an assumption: no evidence of an edit
        if value != restored.values.get(cid):
            out.append(cid)
    return out


def _embedded_summary(report: Report, source: str) -> ImportSummary:
    fmt = report.format
    missing = [
        MissingCell(cid, fmt.cells[cid].display, report.origins[cid].reason if cid in report.origins else "没有数值")
        for cid in fmt.cells
        if report.values.get(cid) is None
    ]
    return ImportSummary(
        source=source,
        kind="本程序生成的 Word 文档（含完整草稿数据）",
        format_id=fmt.id,
        format_name=fmt.name,
        format_reason="文档内保存的草稿数据",
        cells_total=len(fmt.cells),
        found=len(fmt.cells) - len(missing),
        missing=missing,
        missing_sections=[s.heading for s in fmt.sections if s.number in report.missing_sections],
        exact=True,
    )


__all__ = ["IMPORTABLE", "file_filter", "Assumption", "ImportResult", "ImportSummary", "MissingCell", "import_file"]
