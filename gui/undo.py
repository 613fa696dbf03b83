"""One ``QUndoCommand`` per user action; each stores old and new and changes the core model.

A paste or a clear of many cells is a single ``SetCellsCommand``.  Typing
in one text box (or one header field) merges into one command until
another field is touched, so Ctrl+Z undoes a burst of typing, not a letter.
Every command knows where its change is (``where``), so undo and redo can
show it.  The commands change the document only through its ``apply_*``
methods (the ``Target`` protocol): this module does not import the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

from report.formats.header import header_label

if TYPE_CHECKING:
    from report.model import Report


class Target(Protocol):
    """What the commands need of the document (``gui.document.ReportDocument``)."""

    format: object

    def apply_cells(self, values: dict) -> None: ...
    def apply_text(self, key: str, text: str) -> None: ...
    def apply_header(self, name: str, value) -> None: ...
    def apply_fee(self, key: str, value) -> None: ...
    def apply_report(self, report: Report) -> None: ...
    def apply_acknowledged(self, key: str, reason: str | None) -> None: ...


@dataclass(frozen=True)
class Where:
    """The place of a change or of a finding: cells, a text field, a header field or a fee field."""

    cells: tuple[str, ...] = ()
    text_field: str | None = None
    header_field: str | None = None
    fee_field: str | None = None

    @classmethod
    def of_finding(cls, finding) -> Where:
        return cls(
            tuple(ref.id for ref in finding.cells),
            finding.text_fields[0] if finding.text_fields else None,
            finding.header_fields[0] if finding.header_fields else None,
        )

    def __bool__(self) -> bool:
        return bool(self.cells or self.text_field or self.header_field or self.fee_field)

_TEXT_ID = 1
_HEADER_ID = 2
_FEE_ID = 3


class SetCellsCommand(QUndoCommand):
    def __init__(self, document: Target, old: dict, new: dict, text: str):
        super().__init__(text)
        self.document, self.old, self.new = document, dict(old), dict(new)
        self.where = Where(cells=tuple(new))

    def redo(self) -> None:
        self.document.apply_cells(self.new)

    def undo(self) -> None:
        self.document.apply_cells(self.old)


class _MergingCommand(QUndoCommand):
    """Consecutive edits of the same field merge into one step."""

    ID = -1

    def __init__(self, document: Target, key: str, old, new, text: str):
        super().__init__(text)
        self.document, self.key, self.old, self.new = document, key, old, new
        self.where = self.place(key)

    @staticmethod
    def place(key: str) -> Where:
        return Where()

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

    @staticmethod
    def place(key: str) -> Where:
        return Where(text_field=key)

    def apply(self, value) -> None:
        self.document.apply_text(self.key, value)


class SetHeaderCommand(_MergingCommand):
    ID = _HEADER_ID

    def __init__(self, document, key, old, new):
        super().__init__(document, key, old, new, f"修改{header_label(key)}")

    @staticmethod
    def place(key: str) -> Where:
        return Where(header_field=key)

    def apply(self, value) -> None:
        self.document.apply_header(self.key, value)


class SetFeeCommand(_MergingCommand):
    ID = _FEE_ID

    def __init__(self, document, key, old, new):
        label = next((f.label for f in document.format.fee_fields if f.key == key), key)
        super().__init__(document, key, old, new, f"修改{label}")

    @staticmethod
    def place(key: str) -> Where:
        return Where(fee_field=key)

    def apply(self, value) -> None:
        self.document.apply_fee(self.key, value)


class ReplaceReportCommand(QUndoCommand):
    """A change of format: the whole report is swapped (both copies are kept)."""

    def __init__(self, document: Target, old: Report, new: Report, text: str):
        super().__init__(text)
        self.document, self.old, self.new = document, old, new
        self.where = Where()

    def redo(self) -> None:
        self.document.apply_report(self.new)

    def undo(self) -> None:
        self.document.apply_report(self.old)


class AcknowledgeCommand(QUndoCommand):
    def __init__(self, document: Target, finding, old: str | None, new: str | None):
        title = finding.title
        super().__init__(f"确认提示「{title}」" if new is not None else f"取消确认「{title}」")
        self.document, self.key, self.old, self.new = document, finding.key, old, new
        self.where = Where.of_finding(finding)

    def redo(self) -> None:
        self.document.apply_acknowledged(self.key, self.new)

    def undo(self) -> None:
        self.document.apply_acknowledged(self.key, self.old)
