"""The preview of 检查并生成 and the PDF export job.

``ReportPreview`` shows the whole report as it will read — the title, every
section, the three tables with their merged headers, the 落款 — from the same
web page the program publishes (``report.html_page``), with each error and
warning marked where it is (red / yellow cells and paragraphs, the rule's
code beside them).  ``PdfExport`` converts in a worker thread: the word
processor takes seconds, the window must not freeze.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QTextBrowser

from report.html_page import Marks, html_text



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
        page = html_text(report, draft_mark=bool(result.errors), marks=marks, qt=True)
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(page)
        bar.setValue(position)  # a refresh keeps the clerk's place
        self.last_ms = (time.perf_counter() - start) * 1000


class _Worker(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, report, path: Path, force: bool):
        super().__init__()
        self.report, self.path, self.force = report, path, force

    @Slot()
    def run(self) -> None:
        try:
            from report.pdf import render_pdf

            result = render_pdf(self.report, self.path, force=self.force)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which applies the error policy
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class PdfExport(QObject):
    """One export at a time; ``finished`` (PdfResult) or ``failed`` (exception) arrive in the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: _Worker | None = None

    def is_running(self) -> bool:
        return self.thread is not None

    def start(self, report, path: Path, force: bool) -> None:
        thread = QThread(self)
        worker = _Worker(copy.deepcopy(report), Path(path), force)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self.thread, self.worker = thread, worker
        thread.start()

    def _stop(self) -> None:
        thread, self.thread, self.worker = self.thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()

    def wait(self) -> None:
        self._stop()

    def _done(self, result) -> None:
        self._stop()
        self.finished.emit(result)

    def _failed(self, exc) -> None:
        self._stop()
        self.failed.emit(exc)
