"""关于 (version, build date, data folder, licence) and 复制诊断信息 (for the IT person)."""

from __future__ import annotations

import html
import json
import platform
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from report import __version__
from report.errors import describe_os_error
from report.resources import base_dir

from .app import APP_TITLE
from .constants import LOG_TAIL_LINES
from .paths import data_dir, log_path

#: Written into the bundle by build.spec (the date the program was built).
BUILD_INFO = "build-info.json"
LICENCE = (
    "本程序以 MIT 许可证发布：可以自由使用、复制、修改和分发，作者不提供任何担保。"
    "界面使用 Qt for Python（PySide6），按 GNU LGPL v3 许可证使用。"
)


def build_date() -> str:
    try:
        return json.loads((base_dir() / BUILD_INFO).read_text(encoding="utf-8"))["date"]
    except (OSError, ValueError, KeyError, TypeError):
        return "从源代码运行（未打包）"


def _qt_version() -> str:
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion

        return f"Qt {qVersion()}，PySide6 {pyside}"
    except ImportError:  # pragma: no cover - the GUI always has it
        return "Qt 未知"


def log_tail(lines: int = LOG_TAIL_LINES) -> str:
    path = log_path()
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 256 * 1024))
            text = fh.read().decode("utf-8", "replace")
    except OSError as exc:
        return f"（无法读取日志：{describe_os_error(exc, path)}）"
    tail = text.splitlines()[-lines:]
    return "\n".join(tail) if tail else "（日志为空）"


def diagnostics() -> str:
    """What an IT person needs first: version, build, system, folders and the log's end."""
    frozen = "是（打包程序）" if getattr(sys, "frozen", False) else "否（从源代码运行）"
    parts = [
        f"{APP_TITLE} 诊断信息",
        f"版本：{__version__}",
        f"构建日期：{build_date()}",
        f"操作系统：{platform.platform()}（{platform.machine()}）",
        f"Python：{platform.python_version()}；{_qt_version()}",
        f"打包程序：{frozen}",
        f"程序位置：{Path(sys.executable).resolve().parent if getattr(sys, 'frozen', False) else base_dir()}",
        f"数据文件夹：{data_dir()}",
        f"日志文件：{log_path()}",
        "",
        f"—— 日志最后 {LOG_TAIL_LINES} 行 ——",
        log_tail(),
    ]
    return "\n".join(parts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("关于")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        rows = [
            ("版本", __version__),
            ("构建日期", build_date()),
            ("数据文件夹", str(data_dir())),
            ("日志文件", str(log_path())),
            ("许可", LICENCE),
        ]
        table = "".join(
            f"<tr><td style='padding:3px 12px 3px 0' valign='top'><b>{name}</b></td><td>{html.escape(value)}</td></tr>"
            for name, value in rows
        )
        self.text = QLabel(
            f"<h3>{APP_TITLE}</h3>"
            "<p>按《中华人民共和国政府信息公开条例》和国务院办公厅规定的格式填写年度报告，"
            "边填边检查，离线生成公文格式的 Word 文档。</p>"
            f"<table>{table}</table>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(520)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("复制诊断信息(&D)")
        self.copy_button.clicked.connect(self.copy_diagnostics)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton("打开数据文件夹(&F)")
        self.folder_button.clicked.connect(self.open_folder)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def copy_diagnostics(self) -> None:
        QApplication.clipboard().setText(diagnostics())
        self.copy_button.setText("已复制诊断信息")

    def open_folder(self) -> None:
        from .files import open_with_system

        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        open_with_system(folder)
