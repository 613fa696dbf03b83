"""The batch checks: the year under review, duplicates, the roster, the hierarchy, the rates.

Run once over a reviewed folder (``batch_checks``); each adds findings of the
catalogue's batch rules (E9, E10, W27–W34) to ``review.findings`` and marks
the reports the 汇总 must not add (``duplicate_of``, ``covered_by``; another
year).  Without a roster: the year, duplicates by 机关名称, W34 by names and
the rates — the roster's own findings need the roster.
"""

from __future__ import annotations

from ..findings import make_finding
from ..formats import format_for_year
from ..names import normalise
from ..rules import RULES
from .batch import Review, RosterLine, Unlisted
from .hierarchy import check_hierarchy, check_inferred
from .outliers import check_rates


def batch_checks(review: Review) -> None:
    review.findings.clear()
    right_year = _check_year(review)
    if review.roster is not None:
        _match_roster(review)
    primary = _check_duplicates(review, right_year)
    if review.roster is not None:
        _roster_lines(review, right_year)
        check_hierarchy(review, {id(r.unit): r for r in primary if r.unit is not None})
        for r in primary:
            if r.covered_by is not None and r.covered_by.covered_by is r:
                r.covered_by = None  # a roster mistake cannot hide both
    else:
        check_inferred(review, primary)
    check_rates(review, primary)
    review.findings.sort(key=lambda f: (f.severity != "error", _order(f.code)))


_ORDER = {r.code: i for i, r in enumerate(RULES)}


def _order(code: str) -> int:
    return _ORDER[code]


def _check_year(review: Review) -> list:
    ok = [r for r in review.reports if r.ok]
    if not review.year:
        return ok
    right = []
    for r in ok:
        if r.year == review.year:
            right.append(r)
            continue
        said = f"{r.year}年度" if r.year else "年度未识别"
        review.findings.append(make_finding(
            "W30", f"「{r.display}」（{r.name}）的报告为{said}，本次审核 {review.year} 年度的报告", reports=(r.name,),
        ))
    return right


def _key(r) -> str:
    if r.unit is not None:
        return f"unit:{id(r.unit)}"
    return normalise(r.org) or normalise(r.subject)


def _check_duplicates(review: Review, right_year: list) -> list:
    groups: dict[str, list] = {}
    for r in right_year:
        key = _key(r)
        if key:
            groups.setdefault(key, []).append(r)
        else:
            groups[f"file:{r.name}"] = [r]
    primary = []
    for items in groups.values():
        first, *others = items
        primary.append(first)
        for other in others:
            other.duplicate_of = first
        if others:
            unit = first.unit.name if first.unit is not None else first.display
            names = "、".join(f"「{r.name}」" for r in items)
            review.findings.append(make_finding(
                "W29", f"「{unit}」有 {len(items)} 份 {review.year or ''}年度报告：{names}；汇总只计「{first.name}」",
                reports=tuple(r.name for r in items),
            ))
    return primary


def _match_roster(review: Review) -> None:
    roster = review.roster
    review.unlisted = []
    for r in review.reports:
        if r.ok:
            r.unit = roster.match(r.subject, r.org, r.report.header.signer)
            if r.unit is None:
                review.unlisted.append(Unlisted(r, roster.similar(r.subject, r.org)))
        else:
            r.unit = roster.match(r.subject)  # a file that cannot be read: by its name


def _roster_lines(review: Review, right_year: list) -> None:
    fmt = format_for_year(review.year) if review.year else None
    by_unit: dict[int, list] = {}
    for r in review.reports:
        if r.unit is not None:
            by_unit.setdefault(id(r.unit), []).append(r)
    lines = []
    current_ids = {id(r) for r in right_year}
    for unit in review.roster.units:
        files = by_unit.get(id(unit), [])
        names = [r.name for r in files]
        current = [r for r in files if id(r) in current_ids]
        readable = [r for r in files if r.ok]
        if current:
            first = next(r for r in current if r.duplicate_of is None)
            if len(current) > 1:
                line = RosterLine(unit, "重复", names, f"有 {len(current)} 份，汇总只计「{first.name}」")
            elif fmt is not None and not first.report.format.covers_year(review.year):
                line = RosterLine(unit, "格式不符", names, f"使用了{first.format_name}")
                review.findings.append(make_finding(
                    "W31", f"「{unit.name}」（{first.name}）的报告使用{first.format_name}，{review.year} 年度应使用{fmt.name}",
                    reports=(first.name,),
                ))
            else:
                line = RosterLine(unit, "已报送", names)
        elif readable:
            said = "、".join(f"{r.year}年度" if r.year else "年度未识别" for r in readable)
            line = RosterLine(unit, "年度不符", names, f"只有{said}的报告")
        elif files:
            line = RosterLine(unit, "无法导入", names, files[0].error)
        else:
            line = RosterLine(unit, "未报送", [])
            parent = f"（上级机关：{unit.parent}）" if unit.parent else ""
            review.findings.append(make_finding(
                "W27", f"名单第 {unit.row} 行「{unit.name}」{parent}没有报告", reports=(),
            ))
        lines.append(line)
    review.roster_lines = lines
    for u in review.unlisted:
        r = u.report
        hint = f"；名单中相近的有「{u.similar.name}」" if u.similar is not None else ""
        review.findings.append(make_finding(
            "W28", f"「{r.display}」（{r.name}）不在名单「{review.roster.source}」中{hint}", reports=(r.name,),
        ))
