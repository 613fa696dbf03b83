"""One ``QUndoCommand`` per user action; each stores old and new and changes the core model.

A paste or a clear of many cells is a single ``SetCellsCommand``.  Typing
in one text box (or one header field) merges into one command until
another field is touched, so Ctrl+Z undoes a burst of typing, not a letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from report.formats.header import header_label

if TYPE_CHECKING:
    from report.model import Report

    from .document import ReportDocument

_TEXT_ID = 1
_HEADER_ID = 2
_FEE_ID = 3


class SetCellsCommand(QUndoCommand):
    def __init__(self, document: ReportDocument, old: dict, new: dict, text: str):
        super().__init__(text)
        self.document, self.old, self.new = document, dict(old), dict(new)

    def redo(self) -> None:
        self.document.apply_cells(self.new)

    def undo(self) -> None:
        self.document.apply_cells(self.old)


class _MergingCommand(QUndoCommand):
    """Consecutive edits of the same field merge into one step."""

    ID = -1

    def __init__(self, document: ReportDocument, key: str, old, new, text: str):
        super().__init__(text)
        self.document, self.key, self.old, self.new = document, key, old, new

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, type(self)) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)

    def apply(self, value) -> None:
        raise NotImplementedError


class SetTextCommand(_MergingCommand):
    ID = _TEXT_ID

    def __init__(self, document, key, old, new):
        title = document.format.text_field(key).title or document.format.section_of_text(key).heading
        super().__init__(document, key, old, new, f"编辑「{title}」")

    def apply(self, value) -> None:
        self.document.apply_text(self.key, value)


class SetHeaderCommand(_MergingCommand):
    ID = _HEADER_ID

    def __init__(self, document, key, old, new):
        super().__init__(document, key, old, new, f"修改{header_label(key)}")

    def apply(self, value) -> None:
        self.document.apply_header(self.key, value)


class SetFeeCommand(_MergingCommand):
    ID = _FEE_ID

    def __init__(self, document, key, old, new):
        label = next((f.label for f in document.format.fee_fields if f.key == key), key)
        super().__init__(document, key, old, new, f"修改{label}")

    def apply(self, value) -> None:
        self.document.apply_fee(self.key, value)


class ReplaceReportCommand(QUndoCommand):
    """A change of format: the whole report is swapped (both copies are kept)."""

    def __init__(self, document: ReportDocument, old: Report, new: Report, text: str):
        super().__init__(text)
        self.document, self.old, self.new = document, old, new

    def redo(self) -> None:
        self.document.apply_report(self.new)

    def undo(self) -> None:
        self.document.apply_report(self.old)


class AcknowledgeCommand(QUndoCommand):
    def __init__(self, document: ReportDocument, key: str, old: str | None, new: str | None, title: str):
        super().__init__(f"确认提示「{title}」" if new is not None else f"取消确认「{title}」")
        self.document, self.key, self.old, self.new = document, key, old, new

    def redo(self) -> None:
        self.document.apply_acknowledged(self.key, self.new)

    def undo(self) -> None:
        self.document.apply_acknowledged(self.key, self.old)
