"""The one thread/worker lifecycle behind 生成 Word, 导出 PDF and 按页预览 (``gui.jobs``)."""

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from gui.jobs import BackgroundJob, Generator
from report.errors import UserError


def test_result_arrives_in_the_gui_thread(app, qtbot):
    job = BackgroundJob()
    seen = {}

    def work():
        seen["thread"] = QThread.currentThread()
        return 42

    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        job.run(work)
        assert job.is_running()
    assert blocker.args == [42]
    assert seen["thread"] is not QApplication.instance().thread()
    assert not job.is_running()


def test_failure_arrives_as_the_exception(qtbot):
    job = BackgroundJob()
    error = OSError(28, "磁盘已满")

    def work():
        raise error

    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.run(work)
    assert blocker.args == [error]
    assert not job.is_running()


def test_wait_drops_the_result_of_a_job_it_outlived(qtbot):
    job = BackgroundJob()
    finished = []
    job.finished.connect(finished.append)
    release = threading.Event()
    job.run(lambda: release.wait(5) and "late")
    release.set()
    job.wait()  # the page closes while the job runs
    assert not job.is_running()
    qtbot.wait(200)  # the worker's queued result reaches the GUI thread now: it must not be announced
    assert finished == []
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:  # the job object is reusable
        job.run(lambda: "next")
    assert blocker.args == ["next"] and finished == ["next"]


def test_one_render_at_a_time(qtbot, sample_2021, tmp_path):
    generator = Generator()
    release = threading.Event()
    generator.run(lambda: release.wait(5))
    try:
        with pytest.raises(UserError, match="正在生成报告"):
            generator.start(sample_2021, tmp_path / "x.docx", force=True)
    finally:
        release.set()
        generator.wait()
