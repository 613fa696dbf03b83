"""What a check reports: a finding, the cells and sentences it names, a report's result.

Shared by the per-report checks (``checks``, ``prose``, ``content``,
``trends``) and the batch checks of the review (``review``).  A finding
names cells (by key and official label), text fields, header fields, the
sentences it quotes (``SentenceRef``) and, for a batch finding, the report
files it concerns.  The two last are optional additions: a finding without
them is what it always was (same key, same JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .parse import format_value
from .rules import ERROR, RULES_BY_CODE, SEVERITY_NAMES, WARNING
from .schema import FormatSpec, ValueKind


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
class SentenceRef:
    """A sentence of the report's text that a finding quotes."""

    field: str  # a text field key (``overview_on_request``) or a header field key (``opening``)
    where: str  # in Chinese: 「一、总体情况·（二）依申请公开」, 「开头语」
    text: str  # the sentence as written (normalised)

    def as_json(self) -> dict:
        return {"field": self.field, "where": self.where, "text": self.text}


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
    sentences: tuple[SentenceRef, ...] = ()
    reports: tuple[str, ...] = ()  # batch findings: the files (relative names) concerned

    @property
    def key(self) -> str:
        """Stable identity, used to store an acknowledgement in the draft."""
        where = ",".join(c.id for c in self.cells) or ",".join(self.text_fields + self.header_fields)
        if not self.cells and self.sentences:
            # Two findings of one rule in one text box are told apart by the sentence they quote.
            where += "|" + self.sentences[0].text[:40]
        if self.reports:
            where += "|" + ",".join(self.reports)
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
        if self.sentences:
            data["sentences"] = [s.as_json() for s in self.sentences]
        if self.reports:
            data["reports"] = list(self.reports)
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


def cell_refs(fmt: FormatSpec) -> dict[str, CellRef]:
    # Keyed by id: hashing a FormatSpec would walk the whole declaration on every call.
    refs = _REFS.get(fmt.id)
    if refs is None:
        refs = _REFS[fmt.id] = {
            cid: CellRef(cid, c.table, c.row, c.column, c.row_label, c.column_label, c.display)
            for cid, c in fmt.cells.items()
        }
    return refs


def make_finding(code: str, message: str, cells=(), text_fields=(), header_fields=(), sentences=(), reports=()) -> Finding:
    """A finding of rule ``code``: severity, title and advice from the catalogue."""
    r = RULES_BY_CODE[code]
    return Finding(
        code, r.severity, r.title, message, r.what_to_do, tuple(cells), tuple(text_fields), tuple(header_fields),
        sentences=tuple(sentences), reports=tuple(reports),
    )


def num(v) -> str:
    """A value as the messages print it (万元 amounts without trailing zeros)."""
    if isinstance(v, Decimal):
        return format_value(v, ValueKind.WAN)
    return str(v)
