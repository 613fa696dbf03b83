"""The wizard's findings panel shows the new rules as it shows the old: a sentence finding leads to its text box."""

import pytest
from PySide6.QtWidgets import QApplication

from .conftest import clean_report


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_DATA_DIR", str(tmp_path / "userdata"))
    from PySide6.QtWidgets import QMessageBox

    from gui.app import create_application
    from gui.document import ReportDocument
    from gui.main_window import MainWindow

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3] if len(args) > 2 else args}")

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))

    def forget_changes(w):
        # An acknowledged warning is a change: the teardown must not stop at the save question.
        if w.document is not None:
            w.document.undo_stack.setClean()

    create_application([], install_hook=False)
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.show()
    report = clean_report()
    report.texts["overview_management"] = "严格落实信息发布审核审核制度。"
    report.header.title = "某县自然资源局2021年政府信息公开工作年度报告报告"
    w.set_document(ReportDocument(report))
    return w


def test_sentence_findings_are_listed_and_lead_to_their_place(qtbot, window):
    panel = window.findings_panel
    findings = panel.model.findings
    w21 = [f for f in findings if f.code == "W21"]
    assert len(w21) == 2
    body = next(f for f in w21 if f.text_fields)
    title = next(f for f in w21 if f.header_fields)
    row = findings.index(body)
    text = panel.model.data(panel.model.index(row))
    assert text.startswith("［提示］W21 词语重复") and "「审核审核」" in text

    window.show_finding(body)
    page = window.steps[window.step_list.currentRow()]
    assert page.key == "一"
    QApplication.processEvents()
    assert page.editors["overview_management"].editor.hasFocus()

    window.show_finding(title)
    assert window.steps[window.step_list.currentRow()].key == "basic"


def test_a_sentence_warning_is_acknowledged_and_kept(qtbot, window):
    document = window.document
    body = next(f for f in document.result.findings if f.code == "W21" and f.text_fields)
    document.acknowledge(body, "原文如此")
    again = next(f for f in document.result.findings if f.code == "W21" and f.text_fields)
    assert again.acknowledged == "原文如此"
    assert document.report.acknowledged == {body.key: "原文如此"}
