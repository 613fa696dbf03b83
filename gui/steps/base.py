"""What every step page offers the window."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QScrollArea, QWidget

from ..document import ReportDocument
from ..undo import Where


class StepPage(QWidget):
    #: ``report.steps.BASIC``, a section number (一 … 六) or ``report.steps.FINISH``.
    key = ""
    title = ""
    help_text = ""

    def __init__(self, document: ReportDocument, parent=None):
        super().__init__(parent)
        self.document = document

    def focus_first(self) -> None:
        """Put the keyboard focus on the first thing to fill."""
        self.focusNextChild()

    def show_place(self, where: Where) -> bool:
        """Scroll to and select exactly the cells, text box or field of ``where``; False when not here."""
        return False

    def commit_pending(self) -> None:
        """Store a value still open in an editor (before saving, generating, closing)."""

    def shutdown(self) -> None:
        """Finish background work before the page is destroyed."""


def scrolling_body(outer: QLayout) -> QWidget:
    """A frameless, resizable scroll area added to ``outer``; returns the widget to fill."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    return body
