"""Importing an existing report (.docx, .txt, .html) as a draft.

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

from ..errors import UserError
from ..model import Report
from .summary import Assumption, ImportSummary, MissingCell

#: Extensions the importer reads, with how they are described to the user.
SUPPORTED = {".docx": "Word 文档", ".txt": "文本文件", ".html": "网页", ".htm": "网页"}
UNSUPPORTED_HINTS = {
    ".doc": "旧版 Word（.doc）文件无法直接导入，请在 Word/WPS 中「另存为」.docx。",
    ".wps": "WPS 文字（.wps）文件无法直接导入，请在 WPS 中「另存为」.docx。",
    ".pdf": "PDF 文件无法直接导入，请复制其中的文字存为 .txt，或用 Word 打开后另存为 .docx。",
    ".rtf": "RTF 文件无法直接导入，请另存为 .docx。",
    ".odt": "ODT 文件无法直接导入，请另存为 .docx。",
    ".mht": "MHT 网页存档无法直接导入，请在浏览器中「另存为」.html。",
    ".mhtml": "MHT 网页存档无法直接导入，请在浏览器中「另存为」.html。",
    ".xls": "表格文件不是年度报告正文，无法导入。",
    ".xlsx": "表格文件不是年度报告正文，无法导入。",
    ".et": "表格文件不是年度报告正文，无法导入。",
}


@dataclass
class ImportResult:
    report: Report
    summary: ImportSummary

    def __iter__(self):  # ``report, summary = import_file(path)``
        yield self.report
        yield self.summary


def import_file(path: str | os.PathLike) -> ImportResult:
    """Read a report file; raises ``UserError`` (Chinese) when it cannot be read or is not a report."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise UserError(f"找不到文件「{p}」。")
    if p.is_dir():
        raise UserError(f"「{p}」是文件夹，请选择一份报告文件。")
    if suffix not in SUPPORTED:
        hint = UNSUPPORTED_HINTS.get(suffix, "只能导入 .docx、.txt、.html 文件。")
        raise UserError(f"无法导入「{p.name}」：{hint}")
    from .assemble import assemble

    if suffix == ".docx":
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
    elif suffix == ".txt":
        from .text import read_text

        items = read_text(p)
        kind = "文本文件"
        note = ""
    else:
        from .html import read_html

        items = read_html(p)
        kind = "网页文件"
        note = ""
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


__all__ = ["SUPPORTED", "Assumption", "ImportResult", "ImportSummary", "MissingCell", "import_file"]
