"""Editors that leave Ctrl+Z / Ctrl+Y to the window's undo stack.

Qt's line and text editors keep an undo history of their own; the wizard
keeps one for the whole report instead (``QUndoStack``), so these editors
decline the undo shortcuts and the window's actions handle them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from .constants import ERROR_COLOR, PLAIN_COLOR, WARNING_COLOR

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
#: Ctrl+Y is redo on Windows only by Qt's standard keys; clerks expect it everywhere.
_EXTRA_REDO = QKeySequence("Ctrl+Y")


def is_undo_shortcut(event) -> bool:
    if any(event.matches(k) for k in _UNDO_KEYS):
        return True
    return QKeySequence(event.keyCombination()) == _EXTRA_REDO


class StackLineEdit(QLineEdit):
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_shortcut(event):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if is_undo_shortcut(event):
            event.ignore()
            return
        super().keyPressEvent(event)


class StackPlainTextEdit(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)  # keyboard-only use: Tab leaves the box

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_shortcut(event):
            event.ignore()
            return True
        return super().event(event)

    def set_text_keeping_cursor(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        position = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)



class MessageLabel(QLabel):
    """A line under a table or field: refusals in red, information in grey."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._color = ""
        self.setWordWrap(True)
        self._show("", PLAIN_COLOR)

    def show_message(self, text: str, is_error: bool) -> None:
        self._show(text, ERROR_COLOR if is_error else PLAIN_COLOR)

    def show_warning(self, text: str) -> None:
        """Done, but with something the clerk must not overlook (amber, like a 提示)."""
        self._show(text, WARNING_COLOR)

    def show_findings(self, findings) -> None:
        """The findings of one field, coloured like the findings panel: a 提示 is not an 错误."""
        if not findings and not self.text():
            return  # the common case on every keystroke: nothing shown, nothing to show
        from report.rules import ERROR

        lines = [f"［{f.severity_name}{'·已确认' if f.acknowledged is not None else ''}］{f.message}" for f in findings]
        if any(f.severity == ERROR for f in findings):
            color = ERROR_COLOR
        elif any(f.acknowledged is None for f in findings):
            color = WARNING_COLOR
        else:
            color = PLAIN_COLOR
        self._show("\n".join(lines), color)

    def _show(self, text: str, color: str) -> None:
        # Called for every field on every keystroke: a style sheet is costly to apply, so
        # only a change is applied.
        if text == self.text() and color == self._color:
            return
        self._color = color
        self.setText(text)
        self.setStyleSheet(f"color: {color};")
        self.setVisible(bool(text))
