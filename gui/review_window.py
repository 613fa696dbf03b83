"""审核: review a folder of reports in a worker thread, list them, open any, export the workbook."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from report.errors import UserError
from report.review import Review, ReviewedReport, review_folder, write_workbook

from . import files

log = logging.getLogger("gui.review")

COLUMNS = ("文件", "机关名称", "年度", "格式", "错误", "提示", "缺失单元格", "计入汇总", "说明")
#: Widths of every column but the last (说明 takes the rest); in a narrow window 文件 and
#: 机关名称 give up width down to their floors so that 说明 keeps NOTE_MIN (full text in a tooltip).
WIDTHS = (260, 220, 60, 100, 60, 60, 90, 80)
FLOORS = {0: 170, 1: 140}
NOTE_MIN = 240
NUMERIC = {2, 4, 5, 6}


class _Cancelled(Exception):
    pass


class _Worker(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)  # Review
    failed = Signal(object)  # exception

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.cancelled = False

    def _progress(self, done: int, total: int, name: str) -> None:
        if self.cancelled:
            raise _Cancelled()
        self.progress.emit(done, total, name)

    @Slot()
    def run(self) -> None:
        try:
            review = review_folder(self.folder, progress=self._progress)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, shown there
            self.failed.emit(exc)
        else:
            self.done.emit(review)


class _NumberItem(QTableWidgetItem):
    """Sorts by number; an empty cell (a file that could not be read) counts as the largest."""

    def __init__(self, value: int | None):
        super().__init__("" if value is None else str(value))
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def __lt__(self, other) -> bool:
        if isinstance(other, _NumberItem):
            a = self.value if self.value is not None else float("inf")
            b = other.value if other.value is not None else float("inf")
            return a < b
        return super().__lt__(other)


class ReviewWindow(QMainWindow):
    """Choose a folder, watch the progress, sort the reports, double-click to open, export the workbook."""

    review_finished = Signal(object)  # Review

    def __init__(self, parent: QWidget | None = None, open_report: Callable | None = None):
        super().__init__(parent)
        self.open_report = open_report
        self.review: Review | None = None
        self.folder: Path | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.setWindowTitle("审核报告文件夹")
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1100, screen.width()), min(640, screen.height()))  # a 1024×600 screen too

        central = QWidget(self)
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.choose_button = QPushButton("选择文件夹(&F)…")
        self.choose_button.clicked.connect(self.choose_folder)
        self.folder_label = QLabel("请选择存放各单位年度报告的文件夹（.docx、.txt、.html，含子文件夹）。")
        self.folder_label.setWordWrap(True)
        self.export_button = QPushButton("导出审核结果(&E)…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_workbook)
        top.addWidget(self.choose_button)
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setValue(0)
        self.progress.setVisible(False)  # an empty 「0 / 100」 bar before any review means nothing
        self.status = QLabel("")
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fit_columns()
        self.table.installEventFilter(self)
        self.table.cellDoubleClicked.connect(self._open_row)
        # Keyboard-only use: Enter opens the current row, like the double-click.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open_row(self.table.currentRow()))
        self.table.setToolTip("双击一行（或选中后按 Enter）打开该报告；点击列标题排序。")
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the table's own size: the window's is known before its layout ran
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        widths = list(WIDTHS)
        bar = self.table.verticalScrollBar()
        available = self.table.width() - 2 * self.table.frameWidth() - (bar.width() if bar.isVisible() else 0)
        short = sum(widths) + NOTE_MIN - available
        for column, floor in FLOORS.items():
            give = max(0, min(short, widths[column] - floor))
            widths[column] -= give
            short -= give
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    # --- running ---------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._thread is not None

    def choose_folder(self) -> None:
        if self.is_running():
            return
        name = QFileDialog.getExistingDirectory(self, "选择存放报告的文件夹", str(files.last_folder()))
        if name:
            self.start_review(Path(name))

    def start_review(self, folder: Path) -> None:
        if self.is_running():
            return
        self.folder = Path(folder)
        self.review = None
        self.table.setRowCount(0)
        self.export_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.folder_label.setText(f"文件夹：{self.folder}")
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the first file is done
        self.status.setText("正在查找报告文件…")
        thread = QThread(self)
        worker = _Worker(self.folder)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()

    def _stop_thread(self) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
        self.choose_button.setEnabled(True)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(f"已审核 {done}/{total}：{name}")

    def _on_done(self, review: Review) -> None:
        self._stop_thread()
        self.review = review
        self._fill_table(review)
        total = len(review.reports)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(total)
        failed = sum(1 for r in review.reports if not r.ok)
        with_errors = sum(1 for r in review.reports if r.ok and r.errors)
        rollups = "；".join(f"{r.format.name}汇总 {len(r.included)} 份" for r in review.rollups) or "没有可汇总的报告"
        self.status.setText(
            f"共 {total} 个文件：{with_errors} 份有错误，{failed} 个无法导入；{rollups}。双击一行（或选中后按 Enter）可打开该报告。"
        )
        self.export_button.setEnabled(True)
        self.review_finished.emit(review)

    def _on_failed(self, exc: Exception) -> None:
        self._stop_thread()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, _Cancelled):
            self.status.setText("审核已停止。")
            return
        message = str(exc) if isinstance(exc, UserError) else f"审核时出错：{exc}"
        if not isinstance(exc, UserError):
            log.error("review failed", exc_info=exc)
        self.status.setText(message)
        QMessageBox.warning(self, "无法审核", message)

    def _fill_table(self, review: Review) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        for index, item in enumerate(review.reports):
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(item.name)
            name.setData(Qt.ItemDataRole.UserRole, index)
            name.setToolTip(str(item.path))
            cells = [
                name,
                QTableWidgetItem(item.org),
                _NumberItem(item.year),
                QTableWidgetItem(item.format_name),
                _NumberItem(item.errors if item.ok else None),
                _NumberItem(item.warnings if item.ok else None),
                _NumberItem(item.missing if item.ok else None),
                QTableWidgetItem("否" if item.left_out else "是"),
                QTableWidgetItem(item.error or item.left_out or (item.summary.headline() if item.summary else "")),
            ]
            cells[-1].setToolTip(cells[-1].text())
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
            if not item.ok:
                cells[-1].setForeground(Qt.GlobalColor.darkRed)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.AscendingOrder)  # folder order until the reviewer sorts

    # --- rows ------------------------------------------------------------------------

    def reviewed_at(self, row: int) -> ReviewedReport | None:
        if self.review is None:
            return None
        cell = self.table.item(row, 0)
        if cell is None:
            return None
        return self.review.reports[cell.data(Qt.ItemDataRole.UserRole)]

    def _open_row(self, row: int, _column: int = 0) -> None:
        item = self.reviewed_at(row)
        if item is None:
            return
        if not item.ok:
            QMessageBox.warning(self, "无法打开", item.error)
            return
        if self.open_report is not None:
            self.open_report(item.report, item.path)

    # --- export ----------------------------------------------------------------------

    def export_workbook(self) -> None:
        if self.review is None:
            return
        proposal = files.documents_dir() / "审核结果.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "导出审核结果", str(proposal), "Excel 工作簿 (*.xlsx)")
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            write_workbook(self.review, path)
        except UserError as exc:
            QMessageBox.warning(self, "无法导出", str(exc))
            return
        self.status.setText(f"已导出审核结果：{path}")

    def closeEvent(self, event) -> None:
        if self._worker is not None:
            self._worker.cancelled = True
        self._stop_thread()
        super().closeEvent(event)
