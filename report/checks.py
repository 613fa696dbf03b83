"""The arithmetic and plausibility checks (勾稽关系) of a report.

``check(report, last_year)`` returns findings; each names its cells by key
and by official label, with the numbers.  The rule wording comes from
``rules.py``; which cells a rule concerns comes from the format declaration.
Cheap enough to run on every keystroke (see ``make bench``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from .model import LastYear, Report
from .limits import MAX_COUNT, YEAR_MAX, YEAR_MIN
from .parse import decimals_of, describe_problem, format_value, value_problem
from .rules import ERROR, RULES, RULES_BY_CODE, SEVERITY_NAMES, WARNING
from .schema import FormatSpec, RelationSpec, ValueKind

WAN_MAX_DECIMALS = 4
WAN_SUSPICIOUS = 1_000_000  # 万元: 100 亿元 of fees from one office is a 元/万元 mix-up
_RULE_ORDER = {r.code: i for i, r in enumerate(RULES)}


@dataclass(frozen=True)
class CellRef:
    id: str
    table: str
    row: str
    column: str
    row_label: str
    column_label: str
    display: str

    def as_json(self) -> dict:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "row_label": self.row_label,
            "column_label": self.column_label,
        }


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    title: str
    message: str
    what_to_do: str
    cells: tuple[CellRef, ...] = ()
    text_fields: tuple[str, ...] = ()
    header_fields: tuple[str, ...] = ()
    acknowledged: str | None = None  # the clerk's reason, for an acknowledged warning

    @property
    def key(self) -> str:
        """Stable identity, used to store an acknowledgement in the draft."""
        where = ",".join(c.id for c in self.cells) or ",".join(self.text_fields + self.header_fields)
        return f"{self.code}|{where}"

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES[self.severity]

    def as_json(self) -> dict:
        data = {
            "code": self.code,
            "severity": self.severity_name,
            "title": self.title,
            "message": self.message,
            "what_to_do": self.what_to_do,
            "cells": [c.as_json() for c in self.cells],
        }
        if self.acknowledged is not None:
            data["acknowledged"] = self.acknowledged
        return data


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)

    @property
    def open_warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.warnings if f.acknowledged is None)

    def as_json(self) -> dict:
        return {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.as_json() for f in self.findings],
        }


_REFS: dict[str, dict[str, CellRef]] = {}


def _cell_refs(fmt: FormatSpec) -> dict[str, CellRef]:
    # Keyed by id: hashing a FormatSpec would walk the whole declaration on every call.
    refs = _REFS.get(fmt.id)
    if refs is None:
        refs = _REFS[fmt.id] = {
            cid: CellRef(cid, c.table, c.row, c.column, c.row_label, c.column_label, c.display)
            for cid, c in fmt.cells.items()
        }
    return refs


def _finding(code: str, message: str, cells=(), text_fields=(), header_fields=()) -> Finding:
    r = RULES_BY_CODE[code]
    return Finding(code, r.severity, r.title, message, r.what_to_do, tuple(cells), tuple(text_fields), tuple(header_fields))


def _num(v) -> str:
    if isinstance(v, Decimal):
        return format_value(v, ValueKind.WAN)
    return str(v)


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


@lru_cache(maxsize=256)
def _normalised(text: str) -> str:
    # Cached: texts rarely change between two table edits, and NFKC dominates a recheck.
    return unicodedata.normalize("NFKC", text)


def _overview_text(fmt, report) -> list[tuple[str, str]]:
    first = fmt.sections[0]
    return [(k, _normalised(report.texts.get(k, ""))) for k in first.text_fields]


def _check_fees(fmt, values, report, refs, out):
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
    if not notices or notices <= 0 or any(w in text for w in fmt.fee_words):
        return
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
        government = h.org_name.strip().endswith(("人民政府", "省", "市", "县", "区", "州", "旗", "乡", "镇"))
        deadline_month, deadline_day = (3, 31) if government else (1, 31)
        who = "本级人民政府" if government else "政府部门"
        if d.year != h.year + 1:
            out.append(_finding("W9", f"成文日期 {d.year}年{d.month}月{d.day}日 不在 {h.year + 1} 年；{h.year} 年度报告应在 {h.year + 1} 年形成", header_fields=("sign_date",)))
        elif (d.month, d.day) > (deadline_month, deadline_day):
            out.append(_finding(
                "W9", f"成文日期 {d.month}月{d.day}日 晚于{who}年度报告的公布期限 {deadline_month}月{deadline_day}日",
                header_fields=("sign_date",),
            ))




def _check_prose(fmt, values, report, refs, out):
    overview = _overview_text(fmt, report)
    said_applications = None
    for pattern in fmt.prose_patterns:
        rx = _compiled(pattern.regex)
        parts = [values.get(c) for c in pattern.cells]
        actual = None if any(p is None for p in parts) else sum(parts)
        refs_here = [refs[c] for c in pattern.cells]
        where = "与".join(r.display for r in refs_here) + ("之和" if len(refs_here) > 1 else "")
        for key, text in overview:
            for m in rx.finditer(text):
                n = int(m.group(1))
                if fmt.applications_total_cell in pattern.cells:
                    said_applications = max(said_applications or 0, n)
                if actual is not None and n != actual:
                    title = fmt.text_field(key).title or "开头段"
                    out.append(_finding(
                        "W10", f"一、总体情况「{title}」写{pattern.what}为 {n}，但{where}为 {_num(actual)}",
                        refs_here, text_fields=(key,),
                    ))
                    break
    if fmt.applications_total_cell:
        table_total = values.get(fmt.applications_total_cell)
        ref = refs[fmt.applications_total_cell]
        if table_total == 0 and said_applications:
            out.append(_finding("W12", f"表三{ref.display}为 0，但一、总体情况写到收到申请 {said_applications} 件", [ref]))
        elif table_total and fmt.no_application_words:
            for key, text in overview:
                word = next((w for w in fmt.no_application_words if w in text), None)
                if word:
                    out.append(_finding(
                        "W12", f"表三{ref.display}为 {_num(table_total)}，但一、总体情况写有「{word}」",
                        [ref], text_fields=(key,),
                    ))
                    break


@cache
def _compiled(regex: str) -> re.Pattern:
    return re.compile(regex)


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
    _check_fees(fmt, values, report, refs, out)
    _check_year(fmt, report, out)
    _check_prose(fmt, values, report, refs, out)
    _check_aspects(fmt, report, out)
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
