"""The arithmetic and plausibility checks (勾稽关系) of a report.

``check(report, last_year)`` returns findings; each names its cells by key
and by official label, with the numbers.  The rule wording comes from
``rules.py``; which cells a rule concerns comes from the format declaration.
Cheap enough to run on every keystroke (see ``make bench``).
"""

from __future__ import annotations

import re

from . import content, prose, trends
from .findings import CellRef, CheckResult, Finding, SentenceRef, cell_refs, make_finding, num
from .limits import MAX_COUNT, YEAR_MAX, YEAR_MIN
from .model import LastYear, Report
from .names import is_government, report_subject
from .parse import decimals_of, describe_problem, value_problem
from .rules import ERROR, RULES, WARNING
from .schema import RelationSpec, ValueKind

__all__ = ["CellRef", "CheckResult", "Finding", "SentenceRef", "acknowledge", "check", "unacknowledge"]

WAN_MAX_DECIMALS = 4
WAN_SUSPICIOUS = 1_000_000  # 万元: 100 亿元 of fees from one office is a 元/万元 mix-up
_RULE_ORDER = {r.code: i for i, r in enumerate(RULES)}


def _finding(code: str, message: str, cells=(), text_fields=(), header_fields=()) -> Finding:
    return make_finding(code, message, cells, text_fields, header_fields)


_num = num
_cell_refs = cell_refs


# --- individual rules ------------------------------------------------------


def _check_sums(fmt, values, refs, out):
    for s in fmt.sums:
        actual = values.get(s.target)
        addends = [values.get(a) for a in s.addends]
        if actual is None or any(a is None for a in addends):
            continue  # a missing cell is reported by E7; the sum cannot be verified
        expected = sum(addends)
        if expected != actual:
            ref = refs[s.target]
            out.append(_finding(s.code, f"{ref.display}：{s.addends_name}为 {_num(expected)}，表中为 {_num(actual)}", [ref]))


def _side(terms, values, last_values):
    total = 0
    for t in terms:
        source = last_values if t.last_year else values
        if source is None:
            return None
        v = source.get(t.cell)
        if v is None:
            return None
        total += t.coef * v
    return total


def _check_relation(rel: RelationSpec, values, last_values, refs, out):
    left = _side(rel.lhs, values, last_values)
    right = _side(rel.rhs, values, last_values)
    if left is None or right is None:
        return
    if rel.op == "==":
        ok = abs(left - right) <= rel.tolerance
        text = f"{rel.subject}：{rel.left_name}={_num(left)}，{rel.right_name}={_num(right)}，相差 {_num(abs(left - right))}"
    elif rel.op == ">=":
        ok = left >= right
        text = f"{rel.subject}：{rel.left_name}为 {_num(left)}，小于{rel.right_name}（{_num(right)}）"
    else:
        ok = left <= right
        text = f"{rel.subject}：{rel.left_name}为 {_num(left)}，大于{rel.right_name}（{_num(right)}）"
    if not ok:
        cells = [refs[t.cell] for t in rel.lhs + rel.rhs if not t.last_year and t.cell in refs]
        out.append(_finding(rel.code, text, dict.fromkeys(cells)))


def _check_types(fmt, values, report, refs, out):
    for cid, spec in fmt.cells.items():
        v = values.get(cid)
        if type(v) is int and 0 <= v <= MAX_COUNT:
            continue  # the common case, valid for every kind
        ref = refs[cid]
        if v is None:
            origin = report.origins.get(cid)
            reason = f"（{origin.reason}）" if origin and origin.reason else ""
            out.append(_finding("E7", f"{ref.display}：没有数值{reason}，没有发生的请填 0", [ref]))
            continue
        problem = value_problem(v, spec.kind)
        if problem:
            out.append(_finding("E7", f"{ref.display}：{describe_problem(v, spec.kind, problem)}", [ref]))


def _check_fee_values(fmt, report, out):
    """E7 for the fee fields: the same rules as a cell's (``parse.value_problem``)."""
    where = (fmt.fee_text_field,) if fmt.fee_text_field else ()
    for f in fmt.fee_fields:
        v = report.fees.get(f.key)
        if v is None:
            continue  # not filled in: the fee fields are optional
        problem = value_problem(v, f.kind)
        if problem:
            text = describe_problem(v, f.kind, problem).replace("表中为", "填写的是")
            out.append(_finding("E7", f"信息处理费「{f.label}」：{text}", text_fields=where))


def _check_structure(fmt, report, out):
    h = report.header
    # An imported report that names its agency nowhere has it as a missing item to fill (its import
    # summary lists it), not as a structural error of the report.
    imported_without_name = (origin := report.origins.get("header.org_name")) is not None and origin.missing
    if not h.org_name.strip() and not imported_without_name:
        out.append(_finding("E8", "基本信息：机关名称未填写", header_fields=("org_name",)))
    if not (YEAR_MIN <= h.year <= YEAR_MAX):
        out.append(_finding("E8", f"基本信息：报告年度「{h.year or '未填写'}」不正确", header_fields=("year",)))
    unknown = [cid for cid in report.values if cid not in fmt.cells]
    if unknown:
        out.append(_finding("E8", f"表格中有 {len(unknown)} 个单元格不属于{fmt.name}（如 {unknown[0]}），请核对格式", header_fields=("format",)))
    for number in report.missing_sections:
        section = next((s for s in fmt.sections if s.number == number), None)
        name = section.heading if section else number
        out.append(_finding("E8", f"报告缺少「{name}」部分", header_fields=("sections",)))


def _check_amounts(fmt, values, refs, out):
    for cid, spec in fmt.cells.items():
        if spec.kind is not ValueKind.WAN:
            continue
        v = values.get(cid)
        if v is None:
            continue
        ref = refs[cid]
        if decimals_of(v) > WAN_MAX_DECIMALS:
            out.append(_finding("W5", f"{ref.display}：{_num(v)} 万元有 {decimals_of(v)} 位小数，一般保留不超过 {WAN_MAX_DECIMALS} 位", [ref]))
        elif v > WAN_SUSPICIOUS:
            out.append(_finding("W5", f"{ref.display}：{_num(v)} 万元（即 {_num(v / 10000)} 亿元）数额很大，请确认单位是万元而不是元", [ref]))


def _check_fees(fmt, values, report, refs, out, bare_none: bool = False):
    if not fmt.fee_text_field:
        return
    text = report.texts.get(fmt.fee_text_field, "")
    fields = (fmt.fee_text_field,)
    sentence = report.fee_sentence()
    if sentence and sentence not in text:
        # The structured fields print only through the sentence the clerk puts into section 六.
        out.append(_finding(
            "W6", f"已填写信息处理费数据，但第六部分正文中没有相应的句子：「{sentence}」", text_fields=fields,
        ))
        return
    notices = values.get(fmt.fee_notice_cell) if fmt.fee_notice_cell else None
    if bare_none or not notices or notices <= 0 or any(w in text for w in fmt.fee_words):
        return  # (a bare 「无」 with fee notices is W18's)
    ref = refs[fmt.fee_notice_cell]
    out.append(_finding(
        "W6", f"{ref.display}为 {_num(notices)}，但第六部分没有说明信息处理费（发出收费通知件数、金额、实际收取金额）",
        [ref], text_fields=fields,
    ))


def _check_year(fmt, report, out):
    h = report.header
    if h.year and not fmt.covers_year(h.year):
        from .formats import format_for_year

        right = format_for_year(h.year)
        out.append(_finding(
            "W8", f"{h.year} 年度报告应使用{right.name}（{right.document}），当前为{fmt.name}",
            header_fields=("format",),
        ))
    d = h.sign_date
    if d and h.year:
        # Whose report it is comes from the title's subject, never from the signer (an 办公室 signs for its government).
        subject = report_subject(report)
        government = is_government(subject)
        deadline_month, deadline_day = (3, 31) if government else (1, 31)
        who = f"本级人民政府（{subject}）" if government else "政府部门"
        if d.year != h.year + 1:
            out.append(_finding("W9", f"成文日期 {d.year}年{d.month}月{d.day}日 不在 {h.year + 1} 年；{h.year} 年度报告应在 {h.year + 1} 年形成", header_fields=("sign_date",)))
        elif (d.month, d.day) > (deadline_month, deadline_day):
            out.append(_finding(
                "W9", f"成文日期 {d.month}月{d.day}日 晚于{who}年度报告的公布期限 {deadline_month}月{deadline_day}日",
                header_fields=("sign_date",),
            ))




def _check_aspects(fmt, report, out):
    if not fmt.expected_aspects:
        return
    lead = report.texts.get("overview_lead", "")
    missing = []
    for key in fmt.expected_aspects:
        if report.texts.get(key, "").strip():
            continue
        keyword = re.sub(r"^（[一二三四五六七八九十]+）", "", fmt.text_field(key).title)
        if keyword and keyword in lead:
            continue
        missing.append((key, keyword))
    if missing:
        names = "、".join(k for _, k in missing)
        out.append(_finding("W11", f"一、总体情况缺少：{names}", text_fields=tuple(k for k, _ in missing)))


# --- entry point -------------------------------------------------------------


def _last_values(report: Report, last_year: Report | LastYear | None):
    source = last_year if last_year is not None else report.last_year
    if source is None:
        return None
    if isinstance(source, Report):
        return source.values
    return source.values


def check(report: Report, last_year: Report | LastYear | None = None) -> CheckResult:
    """Every finding for ``report``; ``last_year`` defaults to the draft's stored reference."""
    fmt = report.format
    values = report.values
    refs = _cell_refs(fmt)
    last_values = _last_values(report, last_year)
    out: list[Finding] = []
    _check_structure(fmt, report, out)
    _check_types(fmt, values, report, refs, out)
    _check_fee_values(fmt, report, out)
    _check_sums(fmt, values, refs, out)
    for rel in fmt.relations:
        if rel.needs_last_year and last_values is None:
            continue
        _check_relation(rel, values, last_values, refs, out)
    _check_amounts(fmt, values, refs, out)
    texts = prose.sources(report)
    bare_none = content.check(fmt, values, report, refs, texts, out)
    _check_fees(fmt, values, report, refs, out, bare_none)
    _check_year(fmt, report, out)
    prose.check(fmt, values, report, refs, last_values, texts, out)
    _check_aspects(fmt, report, out)
    trends.check(fmt, values, refs, last_values, out)
    acknowledged = report.acknowledged
    if acknowledged:
        out = [
            Finding(**{**f.__dict__, "acknowledged": acknowledged[f.key]})
            if f.severity == WARNING and f.key in acknowledged
            else f
            for f in out
        ]
    out.sort(key=lambda f: (f.severity != ERROR, _RULE_ORDER[f.code]))
    return CheckResult(tuple(out))


def acknowledge(report: Report, finding: Finding, reason: str) -> None:
    """Record the clerk's reason for accepting a warning (stored in the draft)."""
    if finding.severity != WARNING:
        raise ValueError("只有提示可以确认，错误必须改正")
    reason = reason.strip()
    if not reason:
        raise ValueError("请填写确认的理由")
    report.acknowledged[finding.key] = reason


def unacknowledge(report: Report, finding: Finding) -> None:
    report.acknowledged.pop(finding.key, None)
