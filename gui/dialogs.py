"""Questions with Chinese button words of our own (Qt's 丢弃 reads oddly for 不保存)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def choose(parent: QWidget | None, title: str, text: str, choices: tuple[str, ...], default: str, escape: str) -> str:
    """Ask; returns the chosen word.  ``default`` is the safe answer (Enter), ``escape`` is Esc."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    buttons = {}
    for word in choices:
        role = QMessageBox.ButtonRole.RejectRole if word == escape else QMessageBox.ButtonRole.AcceptRole
        buttons[word] = box.addButton(word, role)
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((w for w, b in buttons.items() if b is clicked), escape)
