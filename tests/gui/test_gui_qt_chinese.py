"""Qt's own dialogs in Chinese, including the strings qtbase_zh_CN leaves in English."""

import re

import PySide6
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLabel

from gui import files


def test_qt_file_dialog_labels_and_types_are_chinese(app, qtbot, tmp_path):
    folder = tmp_path / "子文件夹"
    folder.mkdir()
    # Qt's own dialog: what clerks get on Linux desktops without a native one.
    dialog = QFileDialog(None, "打开草稿", str(tmp_path), files.DRAFT_FILTER)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    if PySide6.__version_info__[:2] >= (6, 10):
        assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    else:
        # Qt 6.9 and 6.8 (the pins of the Linux bundles: 6.9.3, 6.8.0.2 on aarch64) give these two labels
        # no accelerator and no buddy; qtbase_zh_CN translates them.
        assert "查找范围：" in labels and "文件类型：" in labels
    assert not [t for t in labels if re.search(r"[A-Za-z]{2,}", t)], labels
    model = dialog.findChild(QFileSystemModel)
    index = model.index(str(folder))
    qtbot.waitUntil(lambda: bool(model.data(index.siblingAtColumn(2))))
    assert model.data(index.siblingAtColumn(2)) == "文件夹"


def test_missing_documents_folder_falls_back_to_home(monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _where: str(tmp_path / "没有这个")))
    assert files.documents_dir() == files.Path.home()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _where: str(tmp_path)))
    assert files.documents_dir() == tmp_path
