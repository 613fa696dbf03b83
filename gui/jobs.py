"""The slow jobs of 检查并生成, each in a thread of its own so the window never freezes.

生成 Word (``Generator``), 导出 PDF (``PdfExport``) and 按页预览 (``PageRender``) all run
through one ``BackgroundJob``: the thread and worker lifecycle lives in one place.
Every job works on a copy of the report, so the clerk may keep typing meanwhile.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from report.errors import UserError


class _Worker(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, job):
        super().__init__()
        self.job = job

    @Slot()
    def run(self) -> None:
        try:
            result = self.job()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which applies the error policy
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class BackgroundJob(QObject):
    """One job at a time; ``finished`` (result) or ``failed`` (exception) arrive in the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: _Worker | None = None

    def is_running(self) -> bool:
        return self.thread is not None

    def run(self, job) -> None:
        thread = QThread(self)
        worker = _Worker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self.thread, self.worker = thread, worker
        thread.start()

    def _stop(self) -> None:
        # The worker is held only here: it must outlive run() in the worker thread, so it is
        # dropped after wait(), never before (Python would delete it under the running job).
        thread, worker = self.thread, self.worker
        self.thread = self.worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
        del worker

    def wait(self) -> None:
        """Block until a running job has finished; its result is dropped."""
        self._stop()

    def _current(self) -> bool:
        # A result queued before wait() still reaches the GUI thread afterwards: it is not announced.
        return self.worker is not None and self.sender() is self.worker

    def _done(self, result) -> None:
        if self._current():
            self._stop()
            self.finished.emit(result)

    def _failed(self, exc) -> None:
        if self._current():
            self._stop()
            self.failed.emit(exc)


class Generator(BackgroundJob):
    """生成 Word: the official-format .docx (``report.render.render_docx``)."""

    def start(self, report, path: Path, force: bool) -> None:
        if self.is_running():
            raise UserError("正在生成报告，请稍候。")
        from report.render import render_docx

        report, path = copy.deepcopy(report), Path(path)
        self.run(lambda: render_docx(report, path, force=force))


class PdfExport(BackgroundJob):
    """导出 PDF: the .docx and its PDF (``report.render.pdf.render_pdf``); the word processor takes seconds."""

    def start(self, report, path: Path, force: bool) -> None:
        from report.render.pdf import render_pdf

        report, path = copy.deepcopy(report), Path(path)
        self.run(lambda: render_pdf(report, path, force=force))


class PageRender(BackgroundJob):
    """按页预览: the report laid out by the word processor, as page images (``preview_pages``)."""

    def start(self, report, dpi: float) -> None:
        from report.render.pdf import preview_pages

        report = copy.deepcopy(report)
        self.run(lambda: preview_pages(report, dpi=dpi))
