"""Rendering the .docx in a worker thread, so the window never freezes."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from report.errors import UserError
from report.model import Report


class _Worker(QObject):
    done = Signal(object)  # RenderResult
    failed = Signal(object)  # the exception

    def __init__(self, report: Report, path: Path, force: bool):
        super().__init__()
        self.report, self.path, self.force = report, path, force

    @Slot()
    def run(self) -> None:
        try:
            from report.render import render_docx

            result = render_docx(self.report, self.path, force=self.force)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which applies the error policy
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class Generator(QObject):
    """Runs one render at a time; ``finished`` or ``failed`` arrive in the GUI thread."""

    started = Signal()
    finished = Signal(object)  # RenderResult
    failed = Signal(object)  # exception (UserError: show as-is)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: _Worker | None = None

    def is_running(self) -> bool:
        return self.thread is not None

    def start(self, report: Report, path: Path, force: bool) -> None:
        if self.thread is not None:
            raise UserError("正在生成报告，请稍候。")
        thread = QThread(self)
        worker = _Worker(copy.deepcopy(report), Path(path), force)  # the clerk may keep typing meanwhile
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self.thread, self.worker = thread, worker
        self.started.emit()
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
        """Block until a running render has finished (its result is dropped)."""
        if self.thread is not None:
            self.thread.quit()  # leaves the thread's loop once the render returns
            self.thread.wait()
            self.thread, self.worker = None, None  # only now: the render has returned

    def _done(self, result) -> None:
        self._stop()
        self.finished.emit(result)

    def _failed(self, exc) -> None:
        self._stop()
        self.failed.emit(exc)
