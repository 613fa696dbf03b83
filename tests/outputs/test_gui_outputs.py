"""检查并生成: the preview, 导出 PDF / 网页, 一图读懂 and honest 打开 / 打印, driven through real widgets."""

import os
import struct
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from report import draft

sys.path.insert(0, str(Path(__file__).parent))
from pdf_text import page_count, tool_or_fail  # noqa: E402


@pytest.fixture
def app(qapp):
    from gui.app import create_application

    return create_application([], install_hook=False)


@pytest.fixture
def finish(app, qtbot, sample_2021, tmp_path, monkeypatch):
    from gui.main_window import MainWindow

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: pytest.fail(f"unexpected dialog {a[1:3]}")))
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    path = tmp_path / "sample.json"
    draft.save(sample_2021, path)
    assert w.open_path(path)
    for row, page in enumerate(w.steps):
        if page.key == "finish":
            w.go_step(row)
            return page
    raise AssertionError("no finish step")


def _save_as(monkeypatch, target: Path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))


def test_preview_shows_the_whole_report(finish, qtbot):
    report = finish.document.report
    qtbot.waitUntil(lambda: finish.preview.toPlainText() != "")
    text = finish.preview.toPlainText()
    for section in report.format.sections:
        assert section.heading in text
    for cid in ("applications.new_received.total", "applications.total_processed.total", "appeals.review.total"):
        assert report.display_value(cid) in text
    assert report.signer in text and "2022年1月14日" in text
    tables = [f for f in _frames(finish.preview.document()) if f.__class__.__name__ == "QTextTable"]
    assert len(tables) == 3
    cells, nrows, ncols = report.format.table("applications").grid
    assert (tables[1].rows(), tables[1].columns()) == (nrows, ncols)
    corner = next(c for c in cells if c.role == "corner")
    spanned = tables[1].cellAt(0, 0)
    assert (spanned.rowSpan(), spanned.columnSpan()) == (corner.rowspan, corner.colspan)
    assert finish.preview.last_ms < 2000  # measured for real in make bench; here only: it finished


def _frames(document):
    from PySide6.QtGui import QTextTable

    out = []
    root = document.rootFrame()
    for frame in root.childFrames():
        out.append(frame if not isinstance(frame, QTextTable) else frame)
    return out


def test_preview_marks_errors_where_they_are(finish, qtbot):
    doc = finish.document
    cid = "applications.new_received.natural"
    doc.edit_cells({cid: doc.report.values[cid] + 1}, "t")
    qtbot.waitUntil(lambda: cid in finish.preview.marked_cells)
    assert "E1" in finish.preview.toPlainText()
    assert "草稿" in finish.preview.toPlainText()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: cid not in finish.preview.marked_cells)


def test_export_html_button(finish, monkeypatch, tmp_path):
    target = tmp_path / "网页.html"
    _save_as(monkeypatch, target)
    finish.html_button.click()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "已生成网页" in finish.message.text()


def test_export_pdf_button(finish, qtbot, monkeypatch, tmp_path):
    tool_or_fail("soffice")
    target = tmp_path / "报告.pdf"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(finish.pdf_export.finished, timeout=240_000):
        finish.pdf_button.click()
        assert not finish.pdf_button.isEnabled() and finish.progress.isVisible()
    assert finish.pdf_button.isEnabled()
    assert page_count(target) >= 4 and target.with_suffix(".docx").exists()
    assert "已生成 PDF" in finish.message.text() and finish.print_button.isEnabled()


def test_export_pdf_without_converter_keeps_the_docx(finish, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("XXGK_SOFFICE", "")
    monkeypatch.setattr("report.pdf.office.find_converters", lambda: [])
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[2])))
    target = tmp_path / "报告.pdf"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(finish.pdf_export.failed, timeout=60_000):
        finish.pdf_button.click()
    assert shown and "安装" in shown[0] and "LibreOffice" in shown[0]
    assert target.with_suffix(".docx").exists() and not target.exists()
    assert finish.last_path == target.with_suffix(".docx") and finish.open_button.isEnabled()


def test_infographic_button(finish, monkeypatch, tmp_path):
    target = tmp_path / "图.png"
    _save_as(monkeypatch, target)
    finish.infographic_button.click()
    data = target.read_bytes()
    assert struct.unpack(">II", data[16:24])[0] == 1080
    assert finish.last_infographic == target and "1080×" in finish.message.text()


def test_errors_are_confirmed_before_a_pdf(finish, monkeypatch, tmp_path):
    doc = finish.document
    doc.edit_cells({"applications.new_received.natural": doc.report.values["applications.new_received.natural"] + 1}, "t")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: pytest.fail("no dialog")))
    finish.pdf_button.click()
    assert asked and "草稿" in asked[0]


# --- 打开 / 打印, with stand-in programs on PATH ------------------------------------------------


def _program(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def desktop(tmp_path, monkeypatch):
    if sys.platform == "win32":
        pytest.skip("the Linux desktop paths; Windows uses the shell verbs")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr("report.desktop._LINUX_PROGRAMS",
                        tuple((n, c, ()) for n, c, _ in __import__("report.desktop").desktop._LINUX_PROGRAMS))
    doc = tmp_path / "报告.docx"
    doc.write_bytes(b"PK")
    return bin_dir, log, doc


def test_open_uses_the_default_application(desktop):
    from report.desktop import open_document

    bin_dir, log, doc = desktop
    _program(bin_dir, "xdg-mime", "echo libreoffice-writer.desktop")
    _program(bin_dir, "xdg-open", f'echo "xdg-open $1" >> {log}')
    outcome = open_document(doc)
    assert outcome.ok and log.read_text(encoding="utf-8").strip() == f"xdg-open {doc}"


def test_open_finds_libreoffice_without_an_association(desktop):
    from report.desktop import open_document

    bin_dir, log, doc = desktop
    _program(bin_dir, "xdg-mime", "exit 0")  # no default for .docx
    _program(bin_dir, "xdg-open", f'echo "xdg-open $1" >> {log}; exit 4')
    _program(bin_dir, "soffice", f'echo "soffice $1" >> {log}')
    outcome = open_document(doc)
    assert outcome.ok and outcome.program == "LibreOffice"
    assert log.read_text(encoding="utf-8").strip() == f"soffice {doc}"


def test_open_with_nothing_says_what_to_install(desktop):
    from report.desktop import open_document

    outcome = open_document(desktop[2])
    assert not outcome.ok and "LibreOffice" in outcome.message and "WPS" in outcome.message


def test_print_without_printer_says_so_and_starts_nothing(desktop):
    from report.desktop import print_document

    bin_dir, log, doc = desktop
    _program(bin_dir, "lpstat", "exit 0")  # CUPS answers: no printer
    _program(bin_dir, "soffice", f'echo "soffice $@" >> {log}')
    outcome = print_document(doc)
    assert not outcome.ok and "打印机" in outcome.message and not log.exists()


def test_print_opens_the_print_dialog_program(desktop):
    from report.desktop import print_document

    bin_dir, log, doc = desktop
    _program(bin_dir, "lpstat", 'echo "办公室打印机 accepting requests"')
    _program(bin_dir, "wps", f'echo "wps $@" >> {log}; /bin/sleep 2')
    outcome = print_document(doc)
    assert outcome.ok and "Ctrl+P" in outcome.message and "WPS" in outcome.message
    assert "打印到" not in outcome.message  # it never says the document was printed
    assert log.read_text(encoding="utf-8").strip() == f"wps {doc}"


def test_print_button_shows_the_honest_message(finish, desktop, monkeypatch):
    bin_dir, log, doc = desktop
    _program(bin_dir, "lpstat", "exit 0")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    finish.last_path = doc
    finish.print_last()
    assert shown and "没有可用的打印机" in shown[0] and finish.message.text() == shown[0]


def test_program_failing_at_once_is_not_success(desktop):
    from report.desktop import open_document

    bin_dir, log, doc = desktop
    _program(bin_dir, "soffice", "exit 1")
    assert not open_document(doc).ok
    assert os.environ["PATH"] == str(bin_dir)
