"""The open report: the core ``Report``, its undo stack, its file and its live findings.

Every change goes through a ``QUndoCommand`` (``gui/undo.py``) that calls
one of the ``apply_*`` methods here; each ``apply_*`` changes the core
model, announces what moved and re-runs ``report.checks.check`` (well under
2 ms), so views never compute anything themselves.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from report import steps
from report.checks import CheckResult, Finding, check
from report.model import Report
from report.parse import Value

from . import undo


class ReportDocument(QObject):
    cellsChanged = Signal(list)  # cell ids whose value moved (derived included)
    textChanged = Signal(str)  # text field key
    headerChanged = Signal(str)  # Header attribute name
    feesChanged = Signal()
    reportReplaced = Signal()  # the format (so every table) changed
    checked = Signal(object)  # CheckResult
    pathChanged = Signal()
    #: What an open cell editor holds changed (``pending``): not yet a change of the report.
    pendingChanged = Signal()

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.report = report
        # Absolute: a report opened as 「草稿.json」 is the same file whatever the working folder later is.
        self.path = Path(path).resolve() if path else None
        #: Cell id -> the text typed into its open editor, not yet committed (kept by autosave).
        self.pending: dict[str, str] = {}
        #: The cells of the clerk's last cell edit (转到 puts the cursor there when a finding concerns them).
        self.last_cells: tuple[str, ...] = ()
        self.undo_stack = QUndoStack(self)
        self.result: CheckResult = CheckResult(())
        self.by_cell: dict[str, list[Finding]] = {}
        self.by_text: dict[str, list[Finding]] = {}
        self.by_header: dict[str, list[Finding]] = {}
        self.recheck()

    # --- state --------------------------------------------------------------

    @property
    def format(self):
        return self.report.format

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_pending(self, cell_id: str, text: str | None) -> None:
        """Record (``None``: forget) what an open cell editor holds."""
        if text is None:
            if self.pending.pop(cell_id, None) is not None:
                self.pendingChanged.emit()
        elif self.pending.get(cell_id) != text:
            self.pending[cell_id] = text
            self.pendingChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = Path(path).resolve()
        self.undo_stack.setClean()
        self.pathChanged.emit()

    def mark_unsaved(self) -> None:
        """A restored autosave or a generated draft: differs from any file on disk."""
        self.undo_stack.resetClean()

    def display_name(self) -> str:
        # Before the first save the report's own title says which report this is
        # (an import or a carry-over arrives with its 机关 and 年度 already known).
        return self.path.name if self.path else self.report.title

    # --- checking -------------------------------------------------------------

    def recheck(self) -> CheckResult:
        result = check(self.report)
        by_cell: dict[str, list[Finding]] = defaultdict(list)
        by_text: dict[str, list[Finding]] = defaultdict(list)
        by_header: dict[str, list[Finding]] = defaultdict(list)
        for f in result.findings:
            for ref in f.cells:
                by_cell[ref.id].append(f)
            for key in f.text_fields:
                by_text[key].append(f)
            for key in f.header_fields:
                by_header[key].append(f)
        self.result, self.by_cell, self.by_text, self.by_header = result, by_cell, by_text, by_header
        self.checked.emit(result)
        return result

    def step_of(self, finding: Finding) -> str:
        """The step that shows a finding (``report.steps``)."""
        return steps.step_of(self.format, finding)

    def counts_by_step(self) -> dict[str, tuple[int, int]]:
        """step -> (errors, warnings not yet acknowledged)."""
        return steps.counts_by_step(self.format, self.result.findings)

    # --- edits (undoable) -----------------------------------------------------

    def edit_cells(self, changes: dict[str, Value | None], text: str) -> bool:
        """Push one command for ``changes``; False when nothing would change."""
        old = {cid: self.report.values.get(cid) for cid in changes}
        real = {cid: v for cid, v in changes.items() if old[cid] != v or type(old[cid]) is not type(v)}
        if not real:
            return False
        self.last_cells = tuple(real)
        self.undo_stack.push(undo.SetCellsCommand(self, {c: old[c] for c in real}, real, text))
        return True

    def edit_text(self, key: str, text: str) -> None:
        old = self.report.texts.get(key, "")
        if old != text:
            self.undo_stack.push(undo.SetTextCommand(self, key, old, text))

    def edit_header(self, name: str, value) -> None:
        old = getattr(self.report.header, name)
        if old != value:
            self.undo_stack.push(undo.SetHeaderCommand(self, name, old, value))

    def edit_fee(self, key: str, value: Value | None) -> None:
        old = self.report.fees.get(key)
        if old != value:
            self.undo_stack.push(undo.SetFeeCommand(self, key, old, value))

    def replace_report(self, new_report: Report, text: str) -> None:
        self.undo_stack.push(undo.ReplaceReportCommand(self, copy.deepcopy(self.report), new_report, text))

    def acknowledge(self, finding: Finding, reason: str | None) -> None:
        """Record (or, with ``None``, withdraw) the clerk's reason for a warning."""
        old = self.report.acknowledged.get(finding.key)
        if reason is not None:
            reason = reason.strip()
            if not reason:
                raise ValueError("请填写确认的理由")
        if old != reason:
            self.undo_stack.push(undo.AcknowledgeCommand(self, finding, old, reason))

    # --- apply (called by the undo commands only) -----------------------------

    def apply_cells(self, values: dict[str, Value | None]) -> None:
        changed = self.report.set_many(dict(values))
        self.cellsChanged.emit(list(dict.fromkeys([*values, *changed])))
        self.recheck()

    def apply_text(self, key: str, text: str) -> None:
        self.report.set_text(key, text)
        self.textChanged.emit(key)
        self.recheck()

    def apply_header(self, name: str, value) -> None:
        setattr(self.report.header, name, value)
        self.headerChanged.emit(name)
        self.recheck()

    def apply_fee(self, key: str, value: Value | None) -> None:
        self.report.fees[key] = value
        self.feesChanged.emit()
        self.recheck()

    def apply_report(self, report: Report) -> None:
        self.report = copy.deepcopy(report)
        self.reportReplaced.emit()
        self.recheck()

    def apply_acknowledged(self, key: str, reason: str | None) -> None:
        if reason is None:
            self.report.acknowledged.pop(key, None)
        else:
            self.report.acknowledged[key] = reason
        self.recheck()
