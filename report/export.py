"""Export every cell as (表, 行, 列, 值) to CSV, or to an .xlsx laid out like the official tables."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from .atomic import write_atomic
from .errors import UserError
from .model import Report
from .parse import format_value


def cell_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """(表, 行, 列, 值) for every cell, totals included, in official order."""
    fmt = report.format
    out = []
    for table in fmt.tables:
        section = fmt.section_of_table(table.key)
        for cell in table.cells:
            row_label = cell.row_label
            if table.layout.value == "matrix":
                row = next(r for r in table.rows if r.key == cell.row)
                row_label = "".join(row.groups[1:] + (row.label,)) if row.groups else row.label
            out.append((section.heading, row_label, cell.column_label,
                        format_value(report.values.get(cell.id), cell.kind)))
    return out


def to_csv(report: Report) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(("表", "行", "列", "值"))
    writer.writerows(cell_rows(report))
    # UTF-8 with BOM so that Excel and WPS open the Chinese correctly.
    return buf.getvalue().encode("utf-8-sig")


def write_table_grid(ws, report: Report, table, top: int) -> int:
    """Draw ``table`` of ``report`` in the official layout (merged cells, thin borders) from sheet row ``top``.

    Returns the first sheet row below the table.  Shared by the export and the review roll-up.
    """
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fmt = report.format
    cells, nrows, _ = table.grid
    for g in cells:
        r, c = top + g.row, 1 + g.col
        if g.role == "value":
            spec = fmt.cells[g.cell_id]
            v = report.values.get(g.cell_id)
            ws.cell(r, c, float(v) if spec.kind.is_decimal and v is not None else v)
            if spec.kind.is_decimal:
                ws.cell(r, c).number_format = "0.0000"
        else:
            ws.cell(r, c, g.text)
        for rr in range(r, r + g.rowspan):
            for cc in range(c, c + g.colspan):
                ws.cell(rr, cc).border = border
                ws.cell(rr, cc).alignment = centre
        if g.rowspan > 1 or g.colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + g.rowspan - 1, end_column=c + g.colspan - 1)
    return top + nrows


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    fmt = report.format
    wb = Workbook()
    ws = wb.active
    ws.title = "报告表格"
    ws.cell(1, 1, report.title).font = Font(bold=True, size=14)
    top = 3
    widest = 0
    for table in fmt.tables:
        section = fmt.section_of_table(table.key)
        ws.cell(top, 1, section.heading).font = Font(bold=True)
        top += 1
        widest = max(widest, table.grid[2])
        top = write_table_grid(ws, report, table, top) + 2
    for col in range(1, widest + 1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 12
    flat = wb.create_sheet("全部单元格")
    flat.append(("表", "行", "列", "值"))
    for row in cell_rows(report):
        flat.append(row)
    for letter, width in zip("ABCD", (30, 50, 24, 12)):
        flat.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export(report: Report, path: str | os.PathLike) -> None:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        data = to_csv(report)
    elif suffix == ".xlsx":
        data = to_xlsx(report)
    else:
        raise UserError(f"不支持导出为「{suffix or '无扩展名'}」文件，请使用 .csv 或 .xlsx。")
    write_atomic(path, data)
