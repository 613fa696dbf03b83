"""Help inside: F1 and 帮助 open the built-in 使用说明; 关于; 复制诊断信息."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from gui import about
from gui import help as help_module
from report import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_f1_opens_the_clerks_part_of_the_readme(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    helper = window.help_window
    qtbot.waitUntil(helper.isVisible)
    text = helper.browser.toPlainText()
    assert "给填报人员和审核人员" in text and "检查规则一览" in text and "安装（Windows）" in text
    assert "For developers" not in text and "PyInstaller" not in text  # the developers' part stays out
    assert "docs/screenshots" not in text and "![" not in text  # no images to fetch: all offline
    assert "国办公开办函〔2021〕30号" in text


def test_the_help_menu_holds_help_diagnostics_and_about(window):
    # findChildren, not QAction.menu(): PySide6 6.9's wrapper of the latter is not always alive.
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "帮助(&H)")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["使用说明(&H)", "复制诊断信息(&D)", "关于(&A)"]
    help_action = menu.actions()[0]
    assert help_action.shortcut().toString() == "F1"


def test_the_help_is_the_readme_written_once():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = help_module.clerk_help(readme)
    # Every sentence of the clerk's section is in the help, verbatim.
    assert "边填边核对每一个合计和勾稽关系" in readme and "边填边核对每一个合计和勾稽关系" in help_text
    assert help_module.clerk_help(None) == help_module.MISSING
    assert help_module.clerk_help("# 别的文件\n\n没有用户部分。") == help_module.MISSING


def test_without_the_readme_file_the_installed_metadata_serves(monkeypatch, tmp_path):
    monkeypatch.setattr("report.resources.base_dir", lambda: tmp_path)  # e.g. installed from a wheel
    text = help_module.readme_text()
    assert text and "给填报人员和审核人员" in text


def test_about_shows_version_build_date_data_folder_and_licence(app, qtbot, data_dir):
    dialog = about.AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert __version__ in text and str(data_dir) in text and "MIT" in text
    assert "构建日期" in text and about.build_date() in text


def test_the_build_date_is_read_from_the_bundle(monkeypatch, tmp_path):
    (tmp_path / about.BUILD_INFO).write_text('{"version": "0.1.0", "date": "2026-11-30"}', encoding="utf-8")
    monkeypatch.setattr(about, "base_dir", lambda: tmp_path)
    assert about.build_date() == "2026-11-30"


def test_copy_diagnostics_puts_version_system_and_log_tail_on_the_clipboard(window, data_dir):
    import platform

    log = about.log_path()
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("".join(f"第 {n} 行\n" for n in range(1000)), encoding="utf-8")
    window.copy_diagnostics()
    text = QApplication.clipboard().text()
    assert f"版本：{__version__}" in text and platform.platform() in text and str(data_dir) in text
    assert "第 999 行" in text and "第 800 行" in text and "第 799 行" not in text  # the last 200 lines
    assert "诊断信息" in window.statusBar().currentMessage()
    log.unlink()
    assert "无法读取日志" in about.diagnostics()


def test_the_bundle_ships_the_readme_and_the_build_date():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '"README.md"' in spec and "build-info.json" in spec
