"""A plain-text box for one text field of the format, with count, help and live findings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from report.render import empty_part_note
from report.sentences import sentence_for

from .constants import PLAIN_COLOR
from .document import ReportDocument
from .widgets import MessageLabel, StackPlainTextEdit


class TextFieldEditor(QWidget):
    def __init__(self, document: ReportDocument, key: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.key = key
        spec = document.format.text_field(key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        title = spec.title or ("开头段（可不填）" if document.format.section_of_text(key).number == "一" else "正文")
        self.title_label = QLabel(f"<b>{title}</b>")
        top.addWidget(self.title_label)
        top.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"color: {PLAIN_COLOR};")
        top.addWidget(self.count_label)
        self.insert_button = QPushButton("插入表格数字")
        self.insert_button.setToolTip("按表格中的数字生成一句话，插入到光标处，可再修改。")
        self.insert_button.clicked.connect(self.insert_sentence)
        top.addWidget(self.insert_button)
        layout.addLayout(top)
        if spec.help:
            help_label = QLabel(spec.help)
            help_label.setWordWrap(True)
            help_label.setStyleSheet(f"color: {PLAIN_COLOR};")
            layout.addWidget(help_label)
        self.editor = StackPlainTextEdit()
        # What the document prints when the box stays empty (left out, or 「无。」 once the clerk confirms).
        self.editor.setPlaceholderText(empty_part_note(document.format, key))
        self.editor.setToolTip(spec.help)
        self.editor.setAccessibleName(title)
        self.editor.setPlainText(document.report.texts.get(key, ""))
        self.editor.setMinimumHeight(84)
        self.editor.textChanged.connect(self._on_typed)
        layout.addWidget(self.editor, 1)
        self.findings_label = MessageLabel()
        layout.addWidget(self.findings_label)
        self.title_label.setBuddy(self.editor)
        document.textChanged.connect(self._on_document_text)
        document.checked.connect(self._on_checked)
        self._update_count()
        self._on_checked(document.result)

    def _on_typed(self) -> None:
        self._update_count()
        self.document.edit_text(self.key, self.editor.toPlainText())

    def _on_document_text(self, key: str) -> None:
        if key == self.key:
            self.editor.set_text_keeping_cursor(self.document.report.texts.get(key, ""))
            self._update_count()

    def _update_count(self) -> None:
        text = self.editor.toPlainText()
        chars = len("".join(text.split()))
        paragraphs = len([p for p in text.split("\n") if p.strip()])
        self.count_label.setText(f"{chars} 字，{paragraphs} 段")

    def _on_checked(self, _result) -> None:
        self.findings_label.show_findings(self.document.by_text.get(self.key, []))
        self.insert_button.setVisible(bool(sentence_for(self.document.report, self.key)))

    def insert_sentence(self) -> None:
        sentence = sentence_for(self.document.report, self.key)
        if sentence:
            self.insert_text(sentence)

    def insert_text(self, text: str) -> None:
        """Insert at the cursor (one undo step, like typing it)."""
        cursor = self.editor.textCursor()
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
