"""The 汇总: tables 三 and 四 summed per format, each unit once, never a 全辖区 report with its own children.

Every report left out says why (``left_out``); ``review.rollup_notes`` says in
words what was summed, for the sheet and the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..formats import get_format
from ..model import Report
from ..schema import FormatSpec

#: Sections whose tables are summed in the roll-up.
ROLLUP_SECTIONS = ("三", "四")


@dataclass
class RollUp:
    format: FormatSpec
    year: int | None
    report: Report  # summed values of the roll-up tables, totals computed
    included: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[str]:
        return rollup_cells(self.format)


def rollup_cells(fmt: FormatSpec) -> list[str]:
    return [c.id for t in fmt.tables if t.section in ROLLUP_SECTIONS for c in t.cells]


def _reason(r, year) -> tuple[str, str]:
    """(kind, why) a report is not summed; ("", "") when it is."""
    if not r.ok:
        return "unreadable", f"无法导入：{r.error}"
    fmt = r.report.format
    missing = [c for c in rollup_cells(fmt) if r.report.values.get(c) is None]
    if missing:
        names = "、".join(fmt.cells[c].display for c in missing[:3])
        more = f"等 {len(missing)} 个" if len(missing) > 3 else ""
        return "missing", f"表三、表四有单元格没有数字（{names}{more}），无法汇总"
    if year and r.year != year:
        return "year", f"报告年度为{r.year or '（未识别）'}年，与其他报告（{year}年）不同"
    if r.duplicate_of is not None:
        return "duplicate", f"与「{r.duplicate_of.name}」是同一机关同一年度的报告，只计一次"
    return "", ""


def _chain(r):
    up, seen = r.covered_by, set()
    while up is not None and id(up) not in seen:
        seen.add(id(up))
        yield up
        up = up.covered_by


def roll_up(review) -> list[RollUp]:
    """Sum tables 三 and 四 per format; sets ``left_out`` on every report that is not summed."""
    year = review.year
    groups: dict[str, list] = {}
    covered = []
    own = {id(r): _reason(r, year) for r in review.reports}

    memo: dict[int, bool] = {}

    def summed(r) -> bool:
        """Summed unless its own reason, or a 全辖区 report above it is summed (one with lost cells holds nothing)."""
        if id(r) not in memo:
            memo[id(r)] = False  # a cycle of covered_by (a roster mistake) ends here
            memo[id(r)] = not own[id(r)][0] and not any(summed(up) for up in _chain(r))
        return memo[id(r)]

    for r in review.reports:
        kind, r.left_out = own[id(r)]
        if not kind and not summed(r):
            p = next(up for up in _chain(r) if summed(up))
            r.left_out = f"已包含在「{p.display}」的全辖区报告（{p.name}）中，不重复相加"
            covered.append((r, p))
        if r.left_out:
            continue
        # A province's variant (same cells, its own wording) is summed with its national format.
        fmt = r.report.format
        groups.setdefault(fmt.variant_of or fmt.id, []).append(r)
    out = []
    for format_id in sorted(groups):
        fmt = get_format(format_id)
        total = Report.new(year or fmt.first_year, "汇总", format_id=format_id)
        for c in rollup_cells(fmt):
            if not fmt.cells[c].derived:
                total.values[c] = sum(r.report.values[c] for r in groups[format_id])
        total.recompute()
        out.append(RollUp(fmt, year, total, [r.name for r in groups[format_id]]))
    notes = []
    count = sum(len(r.included) for r in out)
    if count:
        notes.append(f"汇总了 {count} 份报告，每个单位只计一次。")
    parents: dict[int, tuple] = {}
    for r, p in covered:
        parents.setdefault(id(p), (p, []))[1].append(r)
    for parent, children in parents.values():
        names = "、".join(f"「{c.display}」" for c in children[:5]) + (f"等 {len(children)} 份" if len(children) > 5 else "")
        notes.append(
            f"「{parent.display}」是全辖区报告，已包含所属单位，计入汇总的是它；{names}的报告未重复相加。"
        )
    if review.roster is None and any(f.code == "W34" for f in review.findings):
        notes.append("本批次有本级政府和其所属单位的报告，但没有名单说明口径：汇总按各报告相加（见问题 W34）。")
    review.rollup_notes = notes
    return out
