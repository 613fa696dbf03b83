"""导入已有报告 with real widgets (offscreen): the file dialog is replaced, the summary dialog is real."""

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from gui import importing

from .conftest import FIXTURES, REAL


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture
def choose(monkeypatch):
    def set_choice(path):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path) if path else "", "")))
    return set_choice


@pytest.fixture
def summary_dialogs(monkeypatch):
    """Every summary dialog shown, answered with ``answer[0]``."""
    shown = []
    answer = [QDialog.DialogCode.Accepted]

    def fake_exec(dialog):
        shown.append(dialog)
        return answer[0]

    monkeypatch.setattr(importing.ImportSummaryDialog, "exec", fake_exec)
    return shown, answer


def test_import_opens_the_report_and_lists_missing_cells(qtbot, choose, summary_dialogs):
    shown, _ = summary_dialogs
    choose(REAL["004"])
    outcome = importing.import_report_interactive(None)
    assert outcome is not None
    report, summary = outcome
    # table 三's lost rows follow from its zero totals (flagged as 推定); table 二's lost rows stay missing
    assert report.values["applications.new_received.natural"] == 0
    assert report.values["active.regs.new_made"] is None
    assert len(summary.missing) == 22
    dialog = shown[0]
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "没有找到的单元格（22 个，已留空，不按 0 计）" in text
    assert "二、规章·本年新制作数量：" in text
    assert "三、一·自然人：原文缺失" in text
    assert "缺 22 个" in dialog.headline.text()
    assert dialog.open_button.text() == "作为草稿打开"


def test_cancelled_file_dialog_returns_none(choose, summary_dialogs):
    choose(None)
    assert importing.import_report_interactive(None) is None
    assert summary_dialogs[0] == []


def test_cancelled_summary_returns_none(choose, summary_dialogs):
    shown, answer = summary_dialogs
    answer[0] = QDialog.DialogCode.Rejected
    choose(FIXTURES / "web-2021-chrome.html")
    assert importing.import_report_interactive(None) is None
    assert len(shown) == 1


def test_a_file_that_is_not_a_report_shows_the_chinese_error(tmp_path, choose, summary_dialogs, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append((title, text))))
    notice = tmp_path / "通知.txt"
    notice.write_text("关于做好节日值班工作的通知\n", encoding="utf-8")
    choose(notice)
    assert importing.import_report_interactive(None) is None
    assert warnings and warnings[0][0] == "无法导入"
    assert "不是政府信息公开工作年度报告" in warnings[0][1]
    assert summary_dialogs[0] == []


def test_main_window_opens_the_imported_report(qtbot, choose, summary_dialogs):
    """The wizard's 导入已有报告 (built by the GUI developer) opens the result as an unsaved draft."""
    from gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    choose(REAL["001"])
    window.import_report()
    assert window.document is not None
    report = window.document.report
    assert report.values["active.licensing.decisions"] == 9544
    assert report.header.signer == "米易县人民政府办公室"
    window.document.undo_stack.setClean()
