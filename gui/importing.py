"""导入已有报告: choose a file, import it, show what was found and what is missing."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from report.errors import UserError, describe
from report.importer import ImportSummary, import_file
from report.model import Report

from . import file_dialogs, files

log = logging.getLogger("gui.importing")


class ImportSummaryDialog(QDialog):
    """The import summary: found, missing (left empty, with reasons), assumed; open or cancel."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入结果")
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        self.headline = QLabel(f"「{summary.source}」：{summary.headline()}。")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        hint = QLabel(import_advice(summary))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.details = QPlainTextEdit(summary.as_text())
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("作为草稿打开", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.setDefault(True)


def import_advice(summary: ImportSummary) -> str:
    """What the clerk has to do next, in words: every number of the headline explained."""
    if summary.exact:
        return "这份文档由本程序生成，已按其中保存的报告数据原样恢复，数字和文字与生成时完全一致。"
    parts = []
    if summary.missing:
        parts.append(
            f"没有找到的 {len(summary.missing)} 个单元格已留空（不按 0 计），请对照原文补填；检查结果会逐项列出。"
        )
    if summary.assumed:
        parts.append(
            f"「推定」的 {len(summary.assumed)} 处是原文缺失、看不清或没有写明、由程序按原文和表格的合计关系推定的，"
            "已列在下面，请对照原文核对。"
        )
    if summary.missing_fields:
        parts.append(f"原文中没有{'、'.join(summary.missing_fields)}，请在「基本信息」中填写。")
    if not summary.missing and not any(a.cell_id for a in summary.assumed):
        parts.insert(0, "全部单元格都已找到。报告自己印的合计数已保留，检查会指出与各项之和不符之处。")
    return "\n".join(parts)


def import_report_interactive(parent: QWidget | None) -> tuple[Report, ImportSummary] | None:
    """Ask for a report file and import it; None when cancelled or when it failed (after saying why)."""
    with file_dialogs.readable():
        name, _ = QFileDialog.getOpenFileName(parent, "导入已有报告", str(files.last_folder()), files.import_filter())
    if not name:
        return None
    return import_path(parent, Path(name))


def import_path(parent: QWidget | None, path: Path) -> tuple[Report, ImportSummary] | None:
    """Import ``path``; the summary is shown (open or cancel) unless our own .docx was restored exactly."""
    files.remember_folder(path)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report, summary = import_file(path)
    except UserError as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "无法导入", str(exc))
        return None
    except Exception as exc:  # an unforeseen file: say so, keep the program running
        QGuiApplication.restoreOverrideCursor()
        log.exception("import failed: %s", path)
        QMessageBox.critical(
            parent, "无法导入",
            f"读取「{path.name}」时出错：{describe(exc, path) or '程序内部出错（详细信息已记入日志）。'}"
            "\n\n请确认文件是年度报告，或另存为 .docx 后重试。",
        )
        return None
    QGuiApplication.restoreOverrideCursor()
    if summary.exact:
        return report, summary
    dialog = ImportSummaryDialog(summary, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return report, summary
