"""The county against its departments: a 全辖区 report and the reports of its units (E9, E10, W34).

With a roster, a unit whose 口径 is 全辖区 covers every unit below it (上级机关):
each cell of its tables 三 and 四 is at least the sum of its children's (E9),
and equal to the children's plus the 本级 report's when every child and the
本级 report are in the batch (E10).  A child that is itself 全辖区 stands for
its own subtree; below a 本机关 child the grandchildren count directly.  Every
report a 全辖区 report present in the batch covers is kept out of the 汇总
(``covered_by``).  Without a roster, or when the roster does not say a
parent's 口径, a government's report together with its departments' is
reported (W34): the sum may count them twice.
"""

from __future__ import annotations

from ..findings import cell_refs, make_finding, num
from ..names import belongs_to_place, is_government, own_place
from .roster import OWN, WHOLE, Unit

#: Tables whose cells are compared and summed.
SECTIONS = ("三", "四")


def compared_cells(*reports) -> list[str]:
    """Cells of 三 and 四 every one of these reports has (2019 and 2021 formats share most of them)."""
    ids = None
    for r in reports:
        fmt = r.report.format
        mine = [c.id for t in fmt.tables if t.section in SECTIONS for c in t.cells]
        ids = mine if ids is None else [c for c in ids if c in set(mine)]
    return ids or []


def _covered(unit: Unit, primary: dict[int, object]) -> list:
    """The reports a 全辖区 ``unit`` must be at least the sum of: its subtree, cut at 全辖区 reports."""
    out = []
    for child in unit.children:
        report = primary.get(id(child))
        if report is not None:
            out.append(report)
            if child.scope == WHOLE:
                continue  # it already holds its own subtree
        out.extend(_covered(child, primary))
    return out


def _complete(unit: Unit, primary: dict[int, object]) -> bool:
    """Every unit below has its report (below a 全辖区 report that is there, nothing more is needed)."""
    for child in unit.children:
        if id(child) not in primary:
            return False
        if child.scope != WHOLE and not _complete(child, primary):
            return False
    return True


def check_hierarchy(review, primary: dict[int, object]) -> None:
    """E9/E10 for every 全辖区 unit with its report in the batch; sets ``covered_by`` on what it covers."""
    roster = review.roster
    for unit in roster.units:
        parent = primary.get(id(unit))
        if parent is None:
            continue
        if unit.scope != WHOLE:
            if not unit.scope and _covered(unit, primary):
                children = _covered(unit, primary)
                review.findings.append(make_finding(
                    "W34", f"名单没有写明「{unit.name}」的口径，本批次中有它所属单位的报告 {len(children)} 份"
                    f"（{_names(children)}）；如它是全辖区报告，汇总会重复计算",
                    reports=(parent.name, *(c.name for c in children)),
                ))
            continue
        own_unit = roster.own_unit_of(unit)
        own = primary.get(id(own_unit)) if own_unit is not None else None
        children = [c for c in _covered(unit, primary) if c is not own]
        for c in children + ([own] if own is not None else []):
            c.covered_by = parent
        if not children:
            continue
        exact = own is not None and _complete_without(unit, own_unit, primary)
        _compare(review, parent, children, own, exact)


def _complete_without(unit: Unit, own_unit: Unit, primary) -> bool:
    saved = unit.children
    unit.children = [c for c in saved if c is not own_unit]
    try:
        return _complete(unit, primary)
    finally:
        unit.children = saved


def _names(reports, limit: int = 4) -> str:
    shown = "、".join(f"「{r.display}」" for r in reports[:limit])
    return shown + (f"等 {len(reports)} 份" if len(reports) > limit else "")


def _compare(review, parent, children, own, exact: bool) -> None:
    """E9 (at least the sum) or, when ``exact``, E10 (the sum, 本级 included), cell by cell."""
    parts_of = children + ([own] if own is not None else [])
    refs = cell_refs(parent.report.format)
    cells = compared_cells(parent, *parts_of)
    files = (parent.name, *(c.name for c in parts_of))
    who = "所属单位与本级" if own is not None else "所属单位"
    fmt = parent.report.format
    addends: dict[str, set[str]] = {}
    for sum_spec in fmt.sums:
        addends.setdefault(sum_spec.target, set()).update(sum_spec.addends)
    explained: set[str] = set()  # cells flagged, and totals that differ only because of them
    order = [c for c in cells if not fmt.cells[c].derived] + [s.target for s in fmt.compute_order if s.target in cells]
    for cid in order:
        if addends.get(cid, set()) & explained:
            explained.add(cid)
            continue
        p = parent.report.values.get(cid)
        parts = [c.report.values.get(cid) for c in parts_of]
        if p is None or any(v is None for v in parts):
            continue
        total = sum(parts)
        if p == total or (p > total and not exact):
            continue
        listed = "、".join(f"{c.display} {num(v)}" for c, v in zip(parts_of, parts) if v)
        detail = f"（{listed}）" if listed else ""
        code = "E10" if exact else "E9"
        explained.add(cid)
        review.findings.append(make_finding(
            code, f"{refs[cid].display}：「{parent.display}」（全辖区）为 {num(p)}，{who}之和为 {num(total)}{detail}",
            [refs[cid]], reports=files,
        ))


def check_inferred(review, counted: list) -> None:
    """W34 without a roster: a government's report and reports of agencies under its place."""
    for parent in counted:
        subject = parent.subject
        if not is_government(subject):
            continue
        place = own_place(subject)
        children = [r for r in counted if r is not parent and belongs_to_place(r.subject, place)]
        if children:
            review.findings.append(make_finding(
                "W34", f"本批次有「{parent.display}」的报告和其所属单位的报告 {len(children)} 份（{_names(children)}），"
                "但没有名单说明它的口径；汇总按各报告相加，如它是全辖区报告则重复计算",
                reports=(parent.name, *(c.name for c in children)),
            ))


__all__ = ["OWN", "SECTIONS", "WHOLE", "check_hierarchy", "check_inferred", "compared_cells"]
