"""The report a clerk fills in: header, texts, table values, fees.

Values are keyed by cell id (``table.row.column``, see ``schema.CellSpec``).
Derived cells (every 总计) are computed from entered cells, unless the
report arrived with its own totals (``totals_as_printed``, set by the
importer), in which case they are kept so the checks can show mismatches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .formats import format_for_year, get_format
from .formats.header import HEADER_FIELDS, HeaderKind
from .parse import CleanText, Value, clean_text, format_value, value_problem
from .schema import FormatSpec

TITLE_SUFFIX = "政府信息公开工作年度报告"


def _header_class():
    """``Header``: one attribute per ``HEADER_FIELDS`` entry, in declaration order, with its default."""
    from dataclasses import make_dataclass

    fields = [(f.key, f.kind.python_type | None if f.kind is HeaderKind.DATE else f.kind.python_type,
               field(default=f.default)) for f in HEADER_FIELDS]
    cls = make_dataclass("Header", fields)
    cls.__module__ = __name__
    cls.__doc__ = "The report's header; its fields are declared in ``report.formats.header``."
    return cls


Header = _header_class()


@dataclass
class LastYear:
    """Last year's figures, kept as reference for the cross-year checks."""

    format_id: str
    year: int
    values: dict[str, Value | None]


@dataclass(frozen=True)
class PrintedHeading:
    """A heading as an imported report printed it, where the standard document would say otherwise.

    ``Report.headings`` maps a section number (「五」) or a text field key (``problems``) to
    it.  ``text`` "" means the part stood without a heading of its own (report 004's 五 runs
    problems and improvements on without sub-headings); ``run_in`` that the heading opened the
    part's first paragraph (report 000: 「（一）主动公开政府信息情况。2021年……」).
    """

    text: str
    run_in: bool = False


@dataclass
class CellOrigin:
    """Where an imported value came from."""

    raw: str = ""
    was_blank: bool = False
    missing: bool = False
    reason: str = ""


@dataclass
class Report:
    format_id: str
    header: Header = field(default_factory=Header)
    texts: dict[str, str] = field(default_factory=dict)
    fees: dict[str, Value | None] = field(default_factory=dict)
    values: dict[str, Value | None] = field(default_factory=dict)
    totals_as_printed: bool = False
    acknowledged: dict[str, str] = field(default_factory=dict)  # finding key -> reason
    last_year: LastYear | None = None
    origins: dict[str, CellOrigin] = field(default_factory=dict)
    missing_sections: list[str] = field(default_factory=list)
    #: Headings an imported report printed in its own words (see ``PrintedHeading``); empty for a
    #: report made in this program, which prints the standard headings.
    headings: dict[str, PrintedHeading] = field(default_factory=dict)

    # --- construction -----------------------------------------------------

    @classmethod
    def new(cls, year: int, org_name: str = "", format_id: str | None = None) -> Report:
        fmt = get_format(format_id) if format_id else format_for_year(year)
        report = cls(format_id=fmt.id, header=Header(org_name=org_name.strip(), year=year))
        report.reset_values()
        return report

    def reset_values(self) -> None:
        fmt = self.format
        self.values = {cid: (Decimal(0) if spec.kind.is_decimal else 0) for cid, spec in fmt.cells.items()}
        self.texts = {f.key: self.texts.get(f.key, "") for f in fmt.text_fields}
        self.fees = {f.key: self.fees.get(f.key) for f in fmt.fee_fields}

    # --- format -----------------------------------------------------------

    @property
    def format(self) -> FormatSpec:
        return get_format(self.format_id)

    # --- values -----------------------------------------------------------

    def get(self, cell_id: str) -> Value | None:
        return self.values.get(cell_id)

    def set(self, cell_id: str, value: Value | None) -> list[str]:
        """Set an entered cell; returns every cell whose value changed (derived included)."""
        spec = self.format.cells.get(cell_id)
        if spec is None:
            raise KeyError(cell_id)
        if spec.derived and not self.totals_as_printed:
            raise ValueError(f"{spec.display} 是自动计算的合计，不能直接填写")
        return self.set_many({cell_id: value})

    def set_many(self, changes: dict[str, Value | None]) -> list[str]:
        changed = [cid for cid, v in changes.items() if self.values.get(cid) != v or cid not in self.values]
        self.values.update(changes)
        for cid in changes:
            self.origins.pop(cid, None)
        if not self.totals_as_printed:
            changed += self.recompute()
        return changed

    def recompute(self) -> list[str]:
        """Compute every derived cell from entered cells; returns the cells that changed."""
        values = self.values
        changed = []
        for s in self.format.compute_order:
            total = 0
            for a in s.addends:
                v = values.get(a)
                if v is not None:
                    total += v
            if values.get(s.target) != total or s.target not in values:
                values[s.target] = total
                changed.append(s.target)
        return changed

    def use_computed_totals(self) -> list[str]:
        """Drop the printed totals of an imported report and compute them instead."""
        self.totals_as_printed = False
        return self.recompute()

    def display_value(self, cell_id: str) -> str:
        return format_value(self.values.get(cell_id), self.format.cells[cell_id].kind)

    # --- texts ------------------------------------------------------------

    def set_text(self, key: str, text: str) -> CleanText:
        self.format.text_field(key)  # KeyError for an unknown field
        cleaned = clean_text(text)
        self.texts[key] = cleaned.text
        return cleaned

    # --- header-derived text ----------------------------------------------

    @property
    def title(self) -> str:
        h = self.header
        if h.title.strip():
            return h.title.strip()
        year = f"{h.year}年" if h.year else ""
        return f"{h.org_name}{year}{TITLE_SUFFIX}"

    @property
    def signer(self) -> str:
        """The 署名 as printed: the 落款机关, or the 机关名称; nothing when the report is not signed."""
        if self.header.unsigned:
            return ""
        return self.header.signer.strip() or self.header.org_name.strip()

    def default_opening(self) -> str:
        return self.format.default_opening.format(org=self.header.org_name or "本机关", year=self.header.year)

    def fee_sentence(self) -> str:
        """The standard 信息处理费 sentence of section 六, or "" when the fields are unused or invalid."""
        fmt = self.format
        if not fmt.fee_fields or all(self.fees.get(f.key) is None for f in fmt.fee_fields):
            return ""
        values = {f.key: self.fees.get(f.key) or 0 for f in fmt.fee_fields}
        if any(value_problem(values[f.key], f.kind) for f in fmt.fee_fields):
            return ""  # a negative or fractional fee is an error (E7), never a sentence to print
        if not any(values.values()):
            return fmt.fee_none_sentence
        return fmt.fee_sentence.format(**{f.key: format_value(values[f.key], f.kind) for f in fmt.fee_fields})


def format_date(d: dt.date | None) -> str:
    """GB/T 9704 §7.3.5.4: 2022年1月14日 (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""
