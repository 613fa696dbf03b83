"""一图读懂: which figures of a report the infographic shows, in which order, with which labels.

``build(report, last_year)`` returns an ``Infographic``: panels of figures,
each figure a value read from the report (a cell, or the sum of the cells of
a category) with its label taken from the format declaration and, when last
year's report is known, the change 「较上年 +12 件」.  Nothing here draws: the
painter (``gui/infographic_painter.py``) lays the panels out on an image and
a test reads this object to check that every number drawn is the model's.

What is shown, for any format declared in ``report/formats/``:

- 二: every row of the 主动公开 table with each of its values (column labels);
- 三: the rows outside the 办理结果 group and the results total (本年新收、上年
  结转、本年度办理结果、结转下年度), the applicants of the newly received ones,
  and the distribution of the results by category (（一）…（六）, each category
  the sum of its rows, an empty one shown as 0);
- 四: every row of the 复议诉讼 table, its total and its outcomes;
- the 信息处理费 fields where the format declares them.

A value the report does not hold (an imported report's missing cell) is
``None`` and drawn as 「—」 with 「未填写」, never as 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .errors import UserError
from .model import LastYear, Report
from .parse import Value, format_value
from .schema import Layout, TableSpec, ValueKind

#: Cases in tables 三 and 四 (applications, reviews, lawsuits) are counted in 件.
CASE_UNIT = "件"
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_NOTE = re.compile(r"[（(][^（()）]*[）)]$")
_UNIT_NOTE = re.compile(r"[（(](?:单位[:：])?\s*(万元|元|件|个|项)\s*[）)]$")


def short_label(label: str) -> str:
    """A declared label without its ordinal and trailing note: 「（二）部分公开（区分处理的…）」 -> 「部分公开」."""
    text = _ORDINAL.sub("", label.strip())
    while True:
        shorter = _NOTE.sub("", text).strip()
        if shorter == text or not shorter:
            return text
        text = shorter


def _unit_of(label: str, kind: ValueKind) -> tuple[str, str]:
    """(label without a unit note, unit): the label's own 「（单位：万元）」 first, else by kind."""
    m = _UNIT_NOTE.search(label)
    if m:
        return label[: m.start()].strip(), m.group(1)
    return label, "万元" if kind.is_decimal else ""


@dataclass(frozen=True)
class Figure:
    """One number of the infographic."""

    key: str  # stable across years and formats: panel + label path (matches last year's figure)
    label: str
    value: Value | None
    kind: ValueKind
    unit: str = ""
    cells: tuple[str, ...] = ()  # the report cells (or fee fields) summed
    last_value: Value | None = None
    has_last: bool = False

    @property
    def text(self) -> str:
        """The number as drawn: 「21213」, 「3415.891」, or 「—」 when the report does not hold it."""
        return "—" if self.value is None else format_value(self.value, self.kind)

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def change(self) -> Value | None:
        if not self.has_last or self.value is None or self.last_value is None:
            return None
        return self.value - self.last_value

    @property
    def change_text(self) -> str:
        """「较上年 +12 件」, 「较上年 −3 件」, 「与上年持平」; "" without last year's figure."""
        delta = self.change
        if delta is None:
            return ""
        if delta == 0:
            return "与上年持平"
        sign = "+" if delta > 0 else "\u2212"
        unit = f" {self.unit}" if self.unit else ""
        return f"较上年 {sign}{format_value(abs(delta), self.kind)}{unit}"


@dataclass(frozen=True)
class Group:
    """A figure with its parts (a 复议/诉讼 row and its outcomes, a row of table 二 and its values)."""

    key: str
    label: str
    total: Figure | None
    parts: tuple[Figure, ...]


@dataclass(frozen=True)
class Panel:
    key: str  # active | applications | applicants | results | appeals | fees
    title: str
    #: tiles: large numbers side by side; bars: a labelled bar per figure (shares of ``total``);
    #: groups: a card per group with its parts.
    style: str
    figures: tuple[Figure, ...] = ()
    groups: tuple[Group, ...] = ()
    total: Figure | None = None  # what the bars are shares of
    note: str = ""

    def all_figures(self) -> Iterator[Figure]:
        yield from self.figures
        if self.total is not None and self.total not in self.figures:
            yield self.total
        for g in self.groups:
            if g.total is not None:
                yield g.total
            yield from g.parts


@dataclass(frozen=True)
class Infographic:
    title: str
    #: The title in balanced lines of at most 20 字 (as the report's own title is set).
    title_lines: tuple[str, ...]
    org_name: str
    year: int
    format_name: str
    signer: str
    sign_date: str
    panels: tuple[Panel, ...]
    last_year: int | None = None
    draft_mark: bool = False
    notes: tuple[str, ...] = field(default=())

    def figures(self) -> Iterator[Figure]:
        for p in self.panels:
            yield from p.all_figures()

    def panel(self, key: str) -> Panel:
        for p in self.panels:
            if p.key == key:
                return p
        raise KeyError(key)


# --- reading the report -----------------------------------------------------------


def _sum(report: Report, cells: tuple[str, ...]) -> Value | None:
    """The sum of ``cells``; ``None`` when any of them is missing (a sum of a gap is not a number)."""
    total: Value = 0
    for cid in cells:
        v = report.values.get(cid)
        if v is None:
            return None
        total += v
    return total


def _figure(report: Report, key: str, label: str, cells: tuple[str, ...], kind: ValueKind, unit: str) -> Figure:
    return Figure(key=key, label=label, value=_sum(report, cells), kind=kind, unit=unit, cells=cells)


def _active_panel(report: Report, table: TableSpec, title: str) -> Panel:
    groups = []
    for block, row in table.iter_rows():
        columns = block.columns if block else table.columns
        parts = []
        for col in columns:
            label, unit = _unit_of(col.label, col.kind)
            cid = f"{table.key}.{row.key}.{col.key}"
            parts.append(_figure(report, f"{table.key}/{row.label}/{label}", label, (cid,), col.kind, unit))
        groups.append(Group(f"{table.key}/{row.label}", row.label, None, tuple(parts)))
    return Panel(table.key, title, "groups", groups=tuple(groups))


def _results_group(table: TableSpec) -> str | None:
    """The row group whose items make up the derived results total (「三、本年度办理结果」)."""
    for row in table.rows:
        if row.derived and row.groups:
            return row.groups[0]
    return None


def _applications_panels(report: Report, table: TableSpec, title: str) -> list[Panel]:
    total_col = next((c for c in table.columns if c.derived), None)
    entered_cols = tuple(c for c in table.columns if not c.derived)
    results = _results_group(table)

    def row_cells(row_keys) -> tuple[str, ...]:
        if total_col is not None:
            return tuple(f"{table.key}.{r}.{total_col.key}" for r in row_keys)
        return tuple(f"{table.key}.{r}.{c.key}" for r in row_keys for c in entered_cols)

    flow = []
    for row in table.rows:
        if not row.groups or (row.derived and row.groups[0] == results):
            label = short_label(row.groups[-1] if row.derived and row.groups else row.label)
            flow.append(_figure(report, f"{table.key}/{label}", label, row_cells((row.key,)), ValueKind.COUNT, CASE_UNIT))
    panels = [Panel(table.key, title, "tiles", figures=tuple(flow))]

    first = next((r for r in table.rows if not r.groups and not r.derived), None)
    if first is not None and len(entered_cols) > 1:
        name = short_label(first.label)
        applicants = tuple(
            _figure(
                report, f"{table.key}/{name}/{'/'.join((*c.groups, c.label))}", c.label,
                (f"{table.key}.{first.key}.{c.key}",), ValueKind.COUNT, CASE_UNIT,
            )
            for c in entered_cols
        )
        total = _figure(report, f"{table.key}/{name}", name, row_cells((first.key,)), ValueKind.COUNT, CASE_UNIT)
        # Columns under a sub-group (法人或其他组织) are named with it once, below the bars.
        subgroups: dict[str, list[str]] = {}
        for c in entered_cols:
            if len(c.groups) > 1:
                subgroups.setdefault(c.groups[-1], []).append(c.label)
        note = "；".join(f"{g}：{'、'.join(labels)}" for g, labels in subgroups.items())
        by = entered_cols[0].groups[0] if entered_cols[0].groups else ""
        panels.append(Panel("applicants", f"{name}·{by}" if by else name, "bars", figures=applicants, total=total,
                            note=note))

    if results is not None:
        categories: dict[str, list[str]] = {}
        for row in table.rows:
            if row.derived or not row.groups or row.groups[0] != results:
                continue
            category = row.groups[1] if len(row.groups) > 1 else row.label
            categories.setdefault(category, []).append(row.key)
        bars = tuple(
            _figure(report, f"{table.key}/{short_label(results)}/{short_label(cat)}", short_label(cat),
                    row_cells(rows), ValueKind.COUNT, CASE_UNIT)
            for cat, rows in categories.items()
        )
        total = next((f for f in flow if f.key == f"{table.key}/{short_label(results)}"), None)
        panels.append(Panel("results", short_label(results), "bars", figures=bars, total=total))
    return panels


def _appeals_panel(report: Report, table: TableSpec, title: str) -> Panel:
    total_col = next((c for c in table.columns if c.derived), None)
    groups = []
    for row in table.rows:
        label = "·".join((*row.groups, row.label))
        parts = tuple(
            _figure(report, f"{table.key}/{label}/{c.label}", c.label, (f"{table.key}.{row.key}.{c.key}",),
                    c.kind, CASE_UNIT)
            for c in table.columns
            if not c.derived
        )
        total = None
        if total_col is not None:
            total = _figure(report, f"{table.key}/{label}", label, (f"{table.key}.{row.key}.{total_col.key}",),
                            total_col.kind, CASE_UNIT)
        groups.append(Group(f"{table.key}/{label}", label, total, parts))
    return Panel(table.key, title, "groups", groups=tuple(groups))


def _fees_panel(report: Report) -> Panel | None:
    fmt = report.format
    if not fmt.fee_fields:
        return None
    figures = []
    for spec in fmt.fee_fields:
        label, unit = _unit_of(spec.label, spec.kind)
        if not unit and spec.kind is ValueKind.COUNT:
            unit = CASE_UNIT
        value = report.fees.get(spec.key)
        figures.append(Figure(f"fees/{label}", label, value, spec.kind, unit, cells=(f"fees.{spec.key}",)))
    return Panel("fees", "信息处理费", "tiles", figures=tuple(figures))


def _panels(report: Report) -> list[Panel]:
    fmt = report.format
    panels: list[Panel] = []
    for section in fmt.sections:
        for key in section.tables:
            table = fmt.table(key)
            title = section.title
            if table.layout is Layout.BLOCKS:
                panels.append(_active_panel(report, table, title))
            elif table.layout is Layout.MATRIX:
                panels.extend(_applications_panels(report, table, title))
            else:
                panels.append(_appeals_panel(report, table, title))
    fees = _fees_panel(report)
    if fees is not None:
        panels.append(fees)
    return panels


def _as_report(last_year: Report | LastYear) -> Report:
    if isinstance(last_year, Report):
        return last_year
    report = Report(format_id=last_year.format_id, values=dict(last_year.values))
    report.header.year = last_year.year
    return report


def _with_last(panel: Panel, last: dict[str, Figure]) -> Panel:
    def one(f: Figure | None) -> Figure | None:
        if f is None or f.key not in last:
            return f
        return replace(f, last_value=last[f.key].value, has_last=True)

    return replace(
        panel,
        figures=tuple(one(f) for f in panel.figures),
        total=one(panel.total),
        groups=tuple(replace(g, total=one(g.total), parts=tuple(one(p) for p in g.parts)) for g in panel.groups),
    )


def build(report: Report, last_year: Report | LastYear | None = None, *, draft_mark: bool = False) -> Infographic:
    """The infographic of ``report``; ``last_year`` defaults to the draft's carried reference.

    Last year's figures are matched by key (panel and label path), so a figure
    whose label changed between formats gets no 较上年 rather than a wrong one.
    """
    from .model import format_date

    panels = _panels(report)
    source = last_year if last_year is not None else report.last_year
    last_year_number = None
    if source is not None:
        previous = _as_report(source)
        last = {f.key: f for p in _panels(previous) for f in p.all_figures() if f.value is not None}
        panels = [_with_last(p, last) for p in panels]
        last_year_number = previous.header.year or None
    h = report.header
    notes = []
    if any(f.missing for p in panels for f in p.all_figures()):
        notes.append("「—」表示报告中没有这个数字（未填写）。")
    if source is not None and not any(f.has_last for p in panels for f in p.all_figures()):
        notes.append("上年报告的格式与本年不同，没有可比较的数字。")
    from .render import title_lines

    return Infographic(
        title=report.title,
        title_lines=tuple(title_lines(report.title, h.org_name.strip())),
        org_name=h.org_name.strip(),
        year=h.year,
        format_name=report.format.name,
        signer=report.signer,
        sign_date=format_date(h.sign_date),
        panels=tuple(panels),
        last_year=last_year_number,
        draft_mark=draft_mark,
        notes=tuple(notes),
    )


def share(part: Figure, total: Figure | None) -> float:
    """``part`` as a fraction of ``total`` (0 when either is missing or the total is 0)."""
    if total is None or part.value is None or not total.value:
        return 0.0
    return float(Decimal(part.value) / Decimal(total.value))


class InfographicRefused(UserError):
    """The report has errors and ``force`` was not given."""


def prepare(report: Report, last_year: Report | LastYear | None = None, *, force: bool = False) -> Infographic:
    """The infographic of a report fit to publish: refused (Chinese) while the report has errors.

    With ``force`` a report with errors gets one marked 「草稿」 on every screen's worth of image.
    """
    from .checks import check

    errors = check(report, last_year).errors
    if errors and not force:
        first = errors[0]
        raise InfographicRefused(
            f"报告还有 {len(errors)} 个错误（如「{first.title}：{first.message}」），一图读懂中的数字会前后矛盾，"
            "不能生成。请先改正；如只需核对用的草稿，请加 --force（图上带「草稿」标记）。"
        )
    return build(report, last_year, draft_mark=bool(errors))
