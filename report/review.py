"""Batch review of a folder of reports, with a county roll-up, as an .xlsx workbook.

``review_folder`` imports every report under a folder (subfolders too),
checks each and sums tables 三 and 四 of the reports that can be summed,
per format.  A file that cannot be read becomes a row with its error; it
never stops the batch.  Nothing is written anywhere but the workbook the
caller asks for (``write_workbook``).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .checks import CheckResult, check
from .errors import UserError, describe
from .export import write_table_grid
from .formats import get_format
from .importer import IMPORTABLE, UNSUPPORTED_HINTS, ImportSummary, import_file
from .model import Report
from .schema import FormatSpec

#: Sections whose tables are summed in the roll-up.
ROLLUP_SECTIONS = ("三", "四")

Progress = Callable[[int, int, str], None]


@dataclass
class ReviewedReport:
    path: Path
    name: str  # relative to the reviewed folder
    report: Report | None = None
    summary: ImportSummary | None = None
    result: CheckResult | None = None
    error: str = ""
    left_out: str = ""  # why it is not in the roll-up ("" when it is)

    @property
    def ok(self) -> bool:
        return self.report is not None

    @property
    def errors(self) -> int:
        return len(self.result.errors) if self.result else 0

    @property
    def warnings(self) -> int:
        return len(self.result.warnings) if self.result else 0

    @property
    def missing(self) -> int:
        if self.report is None:
            return 0
        return sum(1 for v in self.report.values.values() if v is None)

    @property
    def org(self) -> str:
        return self.report.header.org_name if self.report else ""

    @property
    def year(self) -> int | None:
        return self.report.header.year or None if self.report else None

    @property
    def format_name(self) -> str:
        return self.report.format.name if self.report else ""


@dataclass
class RollUp:
    format: FormatSpec
    year: int | None
    report: Report  # summed values of the roll-up tables, totals computed
    included: list[str] = field(default_factory=list)


@dataclass
class Review:
    folder: Path
    reports: list[ReviewedReport]
    skipped: list[tuple[str, str]]  # files not imported (unsupported type), with the reason
    rollups: list[RollUp]

    @property
    def left_out(self) -> list[tuple[str, str]]:
        return [(r.name, r.left_out) for r in self.reports if r.left_out] + self.skipped


def find_reports(folder: Path, exclude: tuple[Path, ...] = ()) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under ``folder`` in a stable order, and the document files that cannot be read."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith((".", "~$")) or path.resolve() in excluded:
                continue
            suffix = path.suffix.lower()
            if suffix in IMPORTABLE:
                found.append(path)
            elif suffix in UNSUPPORTED_HINTS:
                skipped.append((path, UNSUPPORTED_HINTS[suffix]))
    return found, skipped


def review_file(path: Path, folder: Path) -> ReviewedReport:
    """Import and check one file; any failure becomes the row's error, never an exception."""
    name = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name
    item = ReviewedReport(path=path, name=name)
    try:
        report, summary = import_file(path)
        item.report, item.summary = report, summary
        item.result = check(report)
    except UserError as exc:
        item.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the batch
        item.error = describe(exc, path) or "读取时程序内部出错，已跳过该文件。请把该文件发给信息化人员以便改进。"
    return item


def review_folder(folder: str | os.PathLike, progress: Progress | None = None, exclude: tuple[Path, ...] = ()) -> Review:
    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"「{root}」不是文件夹。")
    paths, skipped = find_reports(root, exclude)
    reports: list[ReviewedReport] = []
    for n, path in enumerate(paths, start=1):
        reports.append(review_file(path, root))
        if progress:
            progress(n, len(paths), reports[-1].name)
    rollups = roll_up(reports)
    return Review(root, reports, [(p.relative_to(root).as_posix(), reason) for p, reason in skipped], rollups)


# --- roll-up ----------------------------------------------------------------------


def _rollup_cells(fmt: FormatSpec) -> list[str]:
    return [c.id for t in fmt.tables if t.section in ROLLUP_SECTIONS for c in t.cells]


def roll_up(reports: list[ReviewedReport]) -> list[RollUp]:
    """Sum tables 三 and 四 per format; sets ``left_out`` on every report that is not summed."""
    for r in reports:
        r.left_out = ""
        if not r.ok:
            r.left_out = f"无法导入：{r.error}"
    usable = [r for r in reports if r.ok]
    years = Counter(r.year for r in usable if r.year)
    main_year = years.most_common(1)[0][0] if years else None
    seen: dict[tuple[str, int | None], str] = {}
    groups: dict[str, list[ReviewedReport]] = {}
    for r in usable:
        fmt = r.report.format
        missing = [c for c in _rollup_cells(fmt) if r.report.values.get(c) is None]
        if missing:
            names = "、".join(fmt.cells[c].display for c in missing[:3])
            more = f"等 {len(missing)} 个" if len(missing) > 3 else ""
            r.left_out = f"表三、表四有单元格没有数字（{names}{more}），无法汇总"
            continue
        if main_year and r.year != main_year:
            r.left_out = f"报告年度为{r.year or '（未识别）'}年，与其他报告（{main_year}年）不同"
            continue
        key = (r.org.strip(), r.year)
        if key[0] and key in seen:
            r.left_out = f"与「{seen[key]}」是同一机关同一年度的报告，只计一次"
            continue
        seen[key] = r.name
        # A province's variant (same cells, its own wording) is summed with its national format.
        groups.setdefault(fmt.variant_of or fmt.id, []).append(r)
    out = []
    for format_id in sorted(groups):
        fmt = get_format(format_id)
        total = Report.new(main_year or fmt.first_year, "汇总", format_id=format_id)
        cells = [c for c in _rollup_cells(fmt) if not fmt.cells[c].derived]
        for c in cells:
            total.values[c] = sum(r.report.values[c] for r in groups[format_id])
        total.recompute()
        out.append(RollUp(fmt, main_year, total, [r.name for r in groups[format_id]]))
    return out


# --- workbook -----------------------------------------------------------------------


def workbook_bytes(review: Review) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    ws = wb.active
    ws.title = "报告清单"
    ws.append(("序号", "文件", "机关名称", "年度", "格式", "错误", "提示", "缺失单元格", "计入汇总", "说明"))
    for n, r in enumerate(review.reports, start=1):
        note = r.error or r.left_out or (r.summary.headline() if r.summary else "")
        ws.append((
            n, r.name, r.org, r.year, r.format_name,
            r.errors if r.ok else None, r.warnings if r.ok else None, r.missing if r.ok else None,
            "否" if r.left_out else "是", note,
        ))
    for name, reason in review.skipped:
        ws.append((None, name, None, None, None, None, None, None, "否", reason))
    _finish_list(ws, (6, 40, 30, 8, 14, 8, 8, 12, 10, 70), bold, header_fill)

    fs = wb.create_sheet("问题清单")
    fs.append(("文件", "机关名称", "级别", "代码", "问题", "说明", "涉及单元格", "处理建议"))
    for r in review.reports:
        if not r.ok:
            fs.append((r.name, "", "无法导入", "", "文件无法导入", r.error, "", "检查文件是否为年度报告，或另存为 .docx 后重试。"))
            continue
        for f in r.result.findings:
            cells = "、".join(c.display for c in f.cells)
            fs.append((r.name, r.org, f.severity_name, f.code, f.title, f.message, cells, f.what_to_do))
    _finish_list(fs, (40, 30, 10, 8, 28, 70, 40, 50), bold, header_fill)

    several = len(review.rollups) > 1
    for rollup in review.rollups or [None]:
        title = f"汇总（{rollup.format.name}）" if several and rollup else "汇总"
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
        top = 4
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
