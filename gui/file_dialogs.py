"""Qt's own file dialog (Linux desktops without a native one) made readable for a clerk.

Qt shows sizes as 「12.3 KiB」 and dates in the system's short format (「1 12
2026」 on an English-locale desktop), and its default column widths cut the
size and type columns.  While one of our file dialogs is open, a filter on
the application catches the dialog being shown and gives it a model that
shows 「13 KB」 and 「2026年1月12日 14:30」, and columns wide enough to read.
The native dialogs (Windows) are left alone: they already speak Chinese.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QIdentityProxyModel, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QHeaderView, QTreeView

#: Name, size, type, date: wide enough for a long Chinese file name and 「2026年12月31日 23:59」.
COLUMN_WIDTHS = (400, 90, 120, 170)
DIALOG_SIZE = (900, 560)
SIZE_COLUMN, DATE_COLUMN = 1, 3


def format_size(size: int) -> str:
    """As Windows Explorer writes it: whole kilobytes, rounded up (0 stays 0)."""
    if size < 1024 * 1024 * 10:
        return f"{math.ceil(size / 1024):,} KB"
    return f"{size / (1024 * 1024):,.1f} MB"


def format_datetime(value) -> str:
    return f"{value.date().year()}年{value.date().month()}月{value.date().day()}日 {value.time().toString('HH:mm')}"


class ReadableModel(QIdentityProxyModel):
    """The dialog's file system model with Chinese dates and KB sizes."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (SIZE_COLUMN, DATE_COLUMN):
            source = self.sourceModel()
            src = self.mapToSource(index)
            if isinstance(source, QFileSystemModel) and src.isValid():
                info = source.fileInfo(src)
                if index.column() == SIZE_COLUMN:
                    return "" if info.isDir() else format_size(info.size())
                modified = info.lastModified()
                return format_datetime(modified) if modified.isValid() else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == SIZE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


def make_readable(dialog: QFileDialog) -> None:
    """Chinese dates, KB sizes and readable columns for a widget-based file dialog."""
    if dialog.property("xxgk_readable"):
        return
    dialog.setProperty("xxgk_readable", True)
    directory = dialog.directory()
    dialog.setProxyModel(ReadableModel(dialog))
    dialog.setDirectory(directory)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    view = dialog.findChild(QTreeView, "treeView")
    if view is not None:
        header = view.header()
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
    if dialog.width() < DIALOG_SIZE[0]:
        dialog.resize(*DIALOG_SIZE)


class _Watcher(QObject):
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QFileDialog):
            make_readable(obj)
        return False


@contextmanager
def readable():
    """Around a static ``QFileDialog.get…`` call: the dialog it shows is made readable."""
    app = QApplication.instance()
    watcher = _Watcher()
    if app is not None:
        app.installEventFilter(watcher)
    try:
        yield
    finally:
        if app is not None:
            app.removeEventFilter(watcher)
