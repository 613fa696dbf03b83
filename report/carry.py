"""Next year's draft from this year's, and conversion between formats."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .formats import format_for_year, get_format
from .formats.header import HEADER_FIELDS, Carry
from .model import CellOrigin, Header, LastYear, Report


@dataclass(frozen=True)
class Carried:
    report: Report
    notes: tuple[str, ...]  # Chinese remarks on what could not be carried exactly
    #: The parts whose text is still last year's and names last year (「2021年」): see ``stale_parts``.
    stale: tuple[str, ...] = ()

    def stale_warning(self) -> str:
        """The Chinese warning about ``stale`` parts, or "" when every text speaks of this year."""
        return stale_warning(self.stale, self.report.header.year - 1)


def _carry_map(target_id: str, source_id: str) -> dict[str, str] | None:
    """this format's cell -> source format's cell, or None when not declared."""
    if target_id == source_id:
        return {cid: cid for cid in get_format(target_id).cells}
    target = get_format(target_id)
    for m in target.carry_from:
        if m.from_format == source_id:
            return dict(m.cells)
    return None


def _notes(target_id: str, source_id: str) -> tuple[str, ...]:
    if target_id == source_id:
        return ()
    for m in get_format(target_id).carry_from:
        if m.from_format == source_id:
            return m.notes
    src, dst = get_format(source_id), get_format(target_id)
    return (f"{src.name}与{dst.name}之间没有对应关系，表格数据未带入。",)


def _carried_opening(old: Report, new: Report) -> str:
    """The opening for ``new``: the new default if ``old`` used its default, else the clerk's with the year moved on."""
    opening = old.header.opening
    if not opening.strip():
        return ""
    if opening.strip() == old.default_opening().strip():
        return new.default_opening()
    if old.header.year and new.header.year != old.header.year:
        return opening.replace(f"{old.header.year}年", f"{new.header.year}年")
    return opening


def _carried_header(h: Header, year: int) -> Header:
    """Each header field carried as its declaration says (``HeaderFieldSpec.carry``)."""
    values = {}
    for spec in HEADER_FIELDS:
        value = getattr(h, spec.key)
        if spec.carry is Carry.CLEAR:
            value = spec.default
        elif spec.carry is Carry.ADVANCE:
            value = year
        elif spec.carry is Carry.RENUMBER and value and h.year:
            value = value.replace(str(h.year), str(year))
        values[spec.key] = value
    return Header(**values)


def _carried_headings(report: Report, target) -> dict:
    """An imported report's own headings go on with its texts (where the target format has the part)."""
    known = {s.number for s in target.sections} | {f.key for f in target.text_fields}
    return {k: h for k, h in report.headings.items() if k in known}


def next_year(report: Report) -> Carried:
    """A draft for the following year.

    Header and texts are kept as a starting point; 二、上年结转 takes this
    year's 四、结转下年度继续办理; this year's figures become the last-year
    reference of the cross-year checks; every other number starts at zero.
    """
    year = report.header.year + 1
    # A province's variant stays the province's as long as it covers the year.
    target = report.format if report.format.variant_of and report.format.covers_year(year) else format_for_year(year)
    h = report.header
    new = Report.new(year, h.org_name, target.id)
    new.header = _carried_header(h, year)
    new.header.opening = _carried_opening(report, new)
    new.texts = {f.key: report.texts.get(f.key, "") for f in target.text_fields}
    new.headings = _carried_headings(report, target)
    notes = list(_notes(target.id, report.format_id))
    mapping = _carry_map(target.id, report.format_id) or {}
    changes = {}
    missing = {}
    for this_cell, last_cell in target.carry_over:
        source_cell = mapping.get(last_cell)
        if source_cell is None:
            continue
        v = report.values.get(source_cell)
        changes[this_cell] = v
        if v is None:  # an imported report without this figure: missing, never a silent 0
            missing[this_cell] = f"上年报告的「{report.format.cells[source_cell].display}」没有数值"
    new.set_many(changes)
    for cid, reason in missing.items():
        new.origins[cid] = CellOrigin(missing=True, reason=reason)
    if missing:
        notes.append(f"上年报告中有 {len(missing)} 个结转数没有数值，本年的「上年结转」相应单元格已留空，请对照上年报告补填。")
    new.last_year = LastYear(report.format_id, report.header.year, dict(report.values))
    if report.totals_as_printed:
        notes.append("上年报告的合计是按原样导入的，结转数已按原表带入，请核对。")
    return Carried(new, tuple(notes), stale_parts(new, report.header.year))


def stale_parts(report: Report, last_year: int) -> tuple[str, ...]:
    """The header text fields and text parts of ``report`` that still name ``last_year`` (「2021年」).

    After a carry-over the texts are last year's, kept as a starting point; a
    part that still says 「2021年」 in the 2022 report is almost surely unedited.
    """
    if not last_year:
        return ()
    words = f"{last_year}年"
    parts = [spec.label for spec in HEADER_FIELDS if spec.is_text and words in getattr(report.header, spec.key)]
    fmt = report.format
    for field in fmt.text_fields:
        if words in report.texts.get(field.key, ""):
            heading = fmt.section_of_text(field.key).heading
            parts.append(f"{heading}{field.title}" if field.title else heading)
    return tuple(parts)


def stale_warning(parts: tuple[str, ...], last_year: int) -> str:
    if not parts:
        return ""
    return f"以下文字仍是上年原文，写着「{last_year}年」，请逐段改为本年度的情况：\n" + "\n".join(f"· {p}" for p in parts)


@dataclass(frozen=True)
class LastYearSource:
    """Last year's report as read from a file, with what the clerk should know about the reading."""

    report: Report
    notes: tuple[str, ...]


def load_last_year(path: str | os.PathLike) -> LastYearSource:
    """Last year's report from any file the program reads: a draft (.json), our own .docx
    (its embedded draft, exactly) or any importable report (read as text, missing figures
    left empty).  Raises ``UserError`` (Chinese) when the file cannot be read."""
    from . import draft

    p = Path(path)
    if p.suffix.lower() == ".json":
        return LastYearSource(draft.load(p), ())
    from .importer import import_file

    report, summary = import_file(p)
    if summary.exact:
        return LastYearSource(report, ())
    notes = [f"上年报告「{p.name}」是按文字识别导入的：{summary.headline()}。"]
    notes += summary.notes
    return LastYearSource(report, tuple(notes))


def convert_format(report: Report, format_id: str) -> Carried:
    """The same report in another format (e.g. a 2021 report drafted in the 2019 tables)."""
    if format_id == report.format_id:
        return Carried(copy.deepcopy(report), ())
    mapping = _carry_map(format_id, report.format_id)
    reverse = False
    if mapping is None:
        forward = _carry_map(report.format_id, format_id)
        if forward is not None:
            mapping = {theirs: mine for mine, theirs in forward.items()}
            reverse = True
    new = Report.new(report.header.year, report.header.org_name, format_id)
    new.header = copy.deepcopy(report.header)
    new.header.opening = _carried_opening(report, new)
    new.texts = {f.key: report.texts.get(f.key, "") for f in new.format.text_fields}
    new.headings = _carried_headings(report, new.format)
    new.acknowledged = {}
    new.last_year = copy.deepcopy(report.last_year)
    notes = list(_notes(format_id, report.format_id) if not reverse else _notes(report.format_id, format_id))
    if mapping:
        target = new.format
        changes = {}
        for mine, theirs in mapping.items():
            if mine in target.cells and not target.cells[mine].derived and theirs in report.values:
                v = report.values[theirs]
                changes[mine] = v if v is not None else (Decimal(0) if target.cells[mine].kind.is_decimal else 0)
        new.set_many(changes)
        lost = [
            cid for cid, v in report.values.items()
            if v and cid not in set(mapping.values()) and not report.format.cells[cid].derived
        ]
        if lost:
            names = "、".join(report.format.cells[c].display for c in lost[:5])
            more = f"等 {len(lost)} 项" if len(lost) > 5 else ""
            notes.append(f"以下数据在{new.format.name}中没有对应项，未带入：{names}{more}。")
    return Carried(new, tuple(notes))
