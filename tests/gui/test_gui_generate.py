"""生成报告 through the GUI: worker thread, file name, draft confirmation, locked target, numbers."""

import docx as python_docx
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui import files
from report.render.package import extract_draft

NATURAL = "applications.new_received.natural"


def _finish(window):
    for row, page in enumerate(window.steps):
        if page.key == "finish":
            window.go_step(row)
            return page
    raise AssertionError("no finish step")


def _all_text(path):
    document = python_docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    # A forced draft says so in the page header (and a watermark), not in the body.
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_generate_docx_through_the_gui(open_sample, qtbot, tmp_path, monkeypatch):
    w = open_sample
    w.document.edit_cells({NATURAL: 2500}, "t")
    w.document.edit_cells(
        {"applications.carried_forward.natural": w.document.report.values["applications.carried_forward.natural"] + 67},
        "t",
    )  # keeps the E1 balance
    assert not w.document.result.errors, [f.message for f in w.document.result.errors]
    proposals = []
    target = tmp_path / "out" / "报告.docx"
    target.parent.mkdir()

    def save_dialog(parent, title, proposal, filter_):
        proposals.append(proposal)
        return str(target), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    page = _finish(w)
    with qtbot.waitSignal(page.generated, timeout=20000) as blocker:
        page.generate_button.click()
        assert page.progress.isVisible()  # the worker runs; the window stays responsive
    assert blocker.args[0] == target
    # Beside the draft: the clerk keeps a report's files together.
    assert proposals == [str(w.document.path.parent / "米易县人民政府办公室2021年政府信息公开工作年度报告.docx")]
    assert not page.progress.isVisible()
    assert page.open_button.isEnabled() and page.print_button.isEnabled()
    text = _all_text(target)
    report = w.document.report
    assert report.title.replace("\n", "") in text.replace("\n", "")
    for cid in (NATURAL, "applications.new_received.total", "applications.total_processed.total"):
        assert report.display_value(cid) in text
    assert "草稿" not in text
    embedded = extract_draft(target)
    assert embedded.values[NATURAL] == 2500


def test_errors_ask_first_and_mark_a_draft(open_sample, qtbot, tmp_path, monkeypatch):
    w = open_sample
    w.document.edit_cells({NATURAL: 1}, "t")
    assert w.document.result.errors
    questions = []

    def question(parent, title, text, buttons, default):
        questions.append((title, default))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    target = tmp_path / "draft.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    page = _finish(w)
    assert "错误" in page.summary.text()
    with qtbot.waitSignal(page.generated, timeout=20000):
        page.generate()
    assert questions == [("仍有错误", QMessageBox.StandardButton.No)]
    assert "草稿" in _all_text(target)


def test_errors_declined_generates_nothing(open_sample, tmp_path, monkeypatch):
    w = open_sample
    w.document.edit_cells({NATURAL: 1}, "t")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No))
    page = _finish(w)
    page.generate()  # no_dialogs: a file dialog here would fail the test
    assert not page.generator.is_running()


def test_locked_target_gets_a_message_and_another_chance(open_sample, qtbot, tmp_path, monkeypatch):
    w = open_sample
    locked = tmp_path / "locked.docx"
    locked.mkdir()  # a folder where the file should go: the write fails like a file open in Word
    good = tmp_path / "good.docx"
    answers = iter([str(locked), str(good)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (next(answers), "")))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))
    page = _finish(w)
    with qtbot.waitSignal(page.generated, timeout=20000) as blocker:
        page.generate()
    assert warnings and "无法写入" in warnings[0]
    assert blocker.args[0] == good and good.exists()


def test_print_without_a_printer_program_explains(open_sample, monkeypatch, tmp_path):
    page = _finish(open_sample)
    page.last_path = tmp_path / "x.docx"
    page.last_path.write_bytes(b"PK")
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr("report.desktop._linux_programs", lambda: [])  # no LibreOffice/WPS at known paths either
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    page.print_last()
    assert shown and "WPS" in shown[0]
    assert page.message.text() == shown[0]


def test_print_uses_libreoffice_when_present(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/soffice" if name == "soffice" else None)
    monkeypatch.setattr("subprocess.Popen", lambda args, **k: started.append(args))
    ok, _text = files.print_document(tmp_path / "x.docx")
    assert ok and started and started[0][-2:] == ["-p", str(tmp_path / "x.docx")]
