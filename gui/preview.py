"""The preview of 检查并生成: the report as it will read, and its pages (按页预览).

``ReportPreview`` shows the whole report as it will read — the title, every
section, the three tables with their merged headers, the 落款 — from the same
web page the program publishes (``report.render.web``, drawn from the same plan as the .docx), with each error and
warning marked where it is (red / yellow cells and paragraphs, the rule's
code beside them).  ``PagePreviewDialog`` (按页预览) shows the pages as the
word processor lays them out, made on request by ``gui.jobs.PageRender``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from report.render.web import Marks, html_text

from .constants import ERROR_COLOR, WARNING_COLOR


class ReportPreview(QTextBrowser):
    """A read-only, scrollable view of the report as it will be printed and published."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setAccessibleName("报告全文预览")
        #: Milliseconds the last refresh took (bench/ reads it).
        self.last_ms = 0.0
        self.marked_cells: set[str] = set()

    def show_report(self, report, result) -> None:
        start = time.perf_counter()
        marks = Marks.from_findings(result.findings)
        self.marked_cells = set(marks.cells)
        page = html_text(report, draft_mark=bool(result.errors), marks=marks, qt=True, result=result)
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(page)
        bar.setValue(position)  # a refresh keeps the clerk's place
        self.last_ms = (time.perf_counter() - start) * 1000


class PagePreviewDialog(QDialog):
    """The pages as the word processor prints them, one under the other; refreshed on request.

    Kept apart from the live preview: a word processor takes seconds to lay out the report
    (LibreOffice 2–5 s, Word or WPS through automation), too slow to follow every keystroke.
    """

    refresh_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("按页预览")
        self.resize(900, 760)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("报告各页")
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidget(self.pages_widget)
        layout.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton("重新排版(&R)")
        self.refresh_button.clicked.connect(self.refresh_requested)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        #: The page labels shown (tests read them).
        self.page_labels: list[QLabel] = []

    def show_busy(self, converter: str) -> None:
        self.refresh_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(f"正在由 {converter} 排版分页，需要几秒钟……")

    def show_pages(self, preview) -> None:
        from PySide6.QtGui import QImage, QPixmap

        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        for number, page in enumerate(preview.pages, 1):
            image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888).copy()
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"第 {number} 页")
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        lines = [f"共 {len(preview.pages)} 页，由 {preview.converter} 排版，与导出的 PDF 相同。"]
        if preview.draft_mark:
            lines.append("报告还有错误：各页带「草稿」标记。")
        lines += preview.notes
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet(f"color: {WARNING_COLOR};" if preview.notes else "")
        self.refresh_button.setEnabled(True)

    def show_stale(self) -> None:
        """The report changed since the pages were laid out."""
        if self.page_labels and "已修改" not in self.status.text():
            self.status.setText("报告已修改，下面的页面不是最新的；请点击「重新排版」。\n" + self.status.text())
            self.status.setStyleSheet(f"color: {WARNING_COLOR};")

    def show_failure(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet(f"color: {ERROR_COLOR};")
        self.refresh_button.setEnabled(True)
