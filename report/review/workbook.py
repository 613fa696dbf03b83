"""The review as an .xlsx workbook: 报告清单, 问题清单, 批量问题, 名单核对 (with a roster), 汇总.

Written atomically (``write_workbook``); the reports' folder is never written.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ..atomic import write_atomic
from ..errors import UserError
from ..export import write_table_grid
from .batch import Review
from .rollup import ROLLUP_SECTIONS, RollUp

LIST_SHEET = "报告清单"
FINDINGS_SHEET = "问题清单"
BATCH_SHEET = "批量问题"
ROSTER_SHEET = "名单核对"
ROLLUP_SHEET = "汇总"


def _sentences(f) -> str:
    return "\n".join(f"{s.where}：「{s.text}」" for s in f.sentences)


def workbook_bytes(review: Review) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    ws = wb.active
    ws.title = LIST_SHEET
    roster = review.roster is not None
    last = review.last_year_folder is not None
    head = ["序号", "文件", "机关名称"] + (["名单单位"] if roster else []) + ["年度", "格式", "错误", "提示", "缺失单元格"]
    head += (["上年报告"] if last else []) + ["计入汇总", "说明"]
    ws.append(head)
    for n, r in enumerate(review.reports, start=1):
        note = r.error or r.left_out or (r.summary.headline() if r.summary else "")
        row = [n, r.name, r.org] + ([r.unit.name if r.unit else "（不在名单中）" if r.ok else ""] if roster else [])
        row += [r.year, r.format_name, r.errors if r.ok else None, r.warnings if r.ok else None, r.missing if r.ok else None]
        row += ([r.last_year_name or "（未找到）" if r.ok else ""] if last else []) + ["否" if r.left_out else "是", note]
        ws.append(row)
    for name, reason in review.skipped:
        ws.append([None, name] + [None] * (len(head) - 4) + ["否", reason])
    widths = [6, 40, 30] + ([30] if roster else []) + [8, 14, 8, 8, 12] + ([36] if last else []) + [10, 70]
    _finish_list(ws, widths, bold, header_fill)

    fs = wb.create_sheet(FINDINGS_SHEET)
    fs.append(("文件", "机关名称", "级别", "代码", "问题", "说明", "涉及单元格", "涉及句子", "处理建议"))
    for r in review.reports:
        if not r.ok:
            fs.append((r.name, "", "无法导入", "", "文件无法导入", r.error, "", "", "检查文件是否为年度报告，或另存为 .docx 后重试。"))
            continue
        for f in r.result.findings:
            cells = "、".join(c.display for c in f.cells)
            fs.append((r.name, r.org, f.severity_name, f.code, f.title, f.message, cells, _sentences(f), f.what_to_do))
    for f in review.findings:
        fs.append(("、".join(f.reports) or "（本批次）", "", f.severity_name, f.code, f.title, f.message,
                   "、".join(c.display for c in f.cells), "", f.what_to_do))
    _finish_list(fs, (40, 30, 10, 8, 28, 70, 40, 50, 50), bold, header_fill)

    bs = wb.create_sheet(BATCH_SHEET)
    bs.append(("级别", "代码", "问题", "说明", "涉及报告", "涉及单元格", "处理建议"))
    for f in review.findings:
        bs.append((f.severity_name, f.code, f.title, f.message, "\n".join(f.reports),
                   "、".join(c.display for c in f.cells), f.what_to_do))
    if not review.findings:
        bs.append(("", "", "没有批量问题", "名单、上下级和批量比较均未发现问题。" if roster else
                   "未提供名单：只做了年度、重复报告、口径和批量比较的检查。", "", "", ""))
    _finish_list(bs, (8, 8, 28, 80, 40, 30, 50), bold, header_fill)

    if roster:
        _roster_sheet(wb.create_sheet(ROSTER_SHEET), review, bold, header_fill)

    several = len(review.rollups) > 1
    for rollup in review.rollups or [None]:
        title = f"{ROLLUP_SHEET}（{rollup.format.name}）" if several and rollup else ROLLUP_SHEET
        _rollup_sheet(wb.create_sheet(title), review, rollup, bold)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _finish_list(ws, widths, bold, fill) -> None:
    from openpyxl.styles import Alignment

    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _roster_sheet(ws, review: Review, bold, fill) -> None:
    from openpyxl.styles import Alignment

    ws.append(("序号", "机关名称", "上级机关", "口径", "状态", "报告文件", "说明"))
    for n, line in enumerate(review.roster_lines, start=1):
        u = line.unit
        ws.append((n, u.name, u.parent, u.scope, line.status, "\n".join(line.files), line.note))
    counts: dict[str, int] = {}
    for line in review.roster_lines:
        counts[line.status] = counts.get(line.status, 0) + 1
    top = ws.max_row + 2
    summary = "，".join(f"{k} {v} 个" for k, v in counts.items())
    ws.cell(top, 1, f"名单「{review.roster.source}」共 {len(review.roster_lines)} 个单位：{summary}。").font = bold
    top += 2
    ws.cell(top, 1, f"不在名单中的报告（{len(review.unlisted)} 份）").font = bold
    top += 1
    for col, text in enumerate(("文件", "机关名称", "名单中相近的单位"), start=2):
        ws.cell(top, col, text).font = bold
    for u in review.unlisted:
        top += 1
        ws.cell(top, 2, u.report.name)
        ws.cell(top, 3, u.report.display)
        ws.cell(top, 4, u.similar.name if u.similar else "")
    for note in review.roster.notes:
        top += 2
        ws.cell(top, 1, note)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    for letter, width in zip("ABCDEFG", (6, 34, 30, 10, 10, 40, 50)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, max_row=len(review.roster_lines) + 1):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"


def _rollup_sheet(ws, review: Review, rollup: RollUp | None, bold) -> None:
    from openpyxl.styles import Font

    if rollup is None:
        ws.cell(1, 1, "没有可以汇总的报告。").font = Font(bold=True, size=14)
        top = 3
    else:
        fmt = rollup.format
        year = f"{rollup.year}年度，" if rollup.year else ""
        ws.cell(1, 1, f"政府信息公开工作年度报告汇总（{year}{fmt.name}，共 {len(rollup.included)} 份报告）").font = Font(bold=True, size=14)
        ws.cell(2, 1, "各「总计」按各项相加计算；未计入汇总的报告列在下方。")
        top = 3
        for note in review.rollup_notes:
            ws.cell(top, 1, note)
            top += 1
        top += 1
        for table in fmt.tables:
            if table.section not in ROLLUP_SECTIONS:
                continue
            ws.cell(top, 1, fmt.section_of_table(table.key).heading).font = bold
            top += 1
            top = write_table_grid(ws, rollup.report, table, top) + 2
        ws.cell(top, 1, "计入汇总的报告").font = bold
        top += 1
        for name in rollup.included:
            ws.cell(top, 1, name)
            top += 1
        top += 1
    left_out = review.left_out
    ws.cell(top, 1, f"未计入汇总的报告（{len(left_out)} 份）").font = bold
    top += 1
    ws.cell(top, 1, "文件").font = bold
    ws.cell(top, 2, "原因").font = bold
    top += 1
    for name, reason in left_out:
        ws.cell(top, 1, name)
        ws.cell(top, 2, reason)
        top += 1
    for col in range(1, 16):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 11
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 20


def write_workbook(review: Review, path: str | os.PathLike) -> None:
    if Path(path).suffix.lower() != ".xlsx":
        raise UserError("审核结果只能保存为 .xlsx 文件。")
    write_atomic(path, workbook_bytes(review))
