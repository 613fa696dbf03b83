"""审核: review a folder of reports in a worker thread, with a roster and last year's reports; list, open, export.

Three tabs: the reports (sortable, double-click opens one), the batch findings (roster, the county against
its departments, rates) and the roster's status.  Esc or 关闭 closes the window.  Everything it shows comes
from ``report.review``; the window decides nothing a command line could not (``xxgk review``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from report.errors import UserError, describe
from report.review import Review, ReviewedReport, Roster, read_roster, review_folder, write_workbook
from report.rules import ERROR

from . import files

log = logging.getLogger("gui.review")

COLUMNS = ("文件", "机关名称", "年度", "格式", "错误", "提示", "缺失单元格", "计入汇总", "说明")
BATCH_COLUMNS = ("级别", "代码", "问题", "涉及报告", "说明")
ROSTER_COLUMNS = ("机关名称", "上级机关", "口径", "状态", "报告文件", "说明")
#: Every column but the last (说明, which takes the rest) fits its contents, between a floor and a cap
#: (文件, 机关名称, 格式).  In a narrow window the names give up width down to their floors so that 说明 keeps
#: NOTE_MIN (full texts in tooltips).  WIDTHS are the widths before any review.
WIDTHS = (260, 220, 60, 100, 60, 60, 90, 80)
FLOORS = {0: 170, 1: 140}
CAPS = {0: 380, 1: 320, 3: 110}
NOTE_MIN = 200
NUMERIC = {2, 4, 5, 6}
#: Batch and roster tables: (column, floor, cap) of the columns that fit their contents; the last stretches.
BATCH_FIT = ((0, 50, 70), (1, 46, 60), (2, 150, 260), (3, 160, 320))
ROSTER_FIT = ((0, 140, 320), (1, 110, 280), (2, 60, 80), (3, 70, 90), (4, 150, 320))
_ERROR_TEXT = QBrush(QColor("#b42318"))
_WARNING_TEXT = QBrush(QColor("#8a5a00"))
_STATUS_BRUSH = {"未报送": _ERROR_TEXT, "无法导入": _ERROR_TEXT}
NO_ROSTER = "名单：未选择（不核对应报单位和上下级）"
NO_LAST_YEAR = "上年报告：未选择（只用报告中保存的上年数据）"


class _Cancelled(Exception):
    pass


class _Worker(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)  # Review
    failed = Signal(object)  # exception

    def __init__(self, folder: Path, roster: Roster | None = None, last_year: Path | None = None):
        super().__init__()
        self.folder = folder
        self.roster = roster
        self.last_year = last_year
        self.cancelled = False

    def _progress(self, done: int, total: int, name: str) -> None:
        if self.cancelled:
            raise _Cancelled()
        self.progress.emit(done, total, name)

    @Slot()
    def run(self) -> None:
        try:
            review = review_folder(self.folder, progress=self._progress, roster=self.roster, last_year=self.last_year)
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


def _table(columns, tooltip: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    table.setToolTip(tooltip)
    return table


def _item(text: str, tooltip: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tooltip:
        item.setToolTip(text)
    return item


class ReviewWindow(QMainWindow):
    """Choose a folder (and a roster, last year's folder), watch the progress, read the tabs, open, export."""

    review_finished = Signal(object)  # Review

    def __init__(self, parent: QWidget | None = None, open_report: Callable | None = None):
        super().__init__(parent)
        self.open_report = open_report
        self.review: Review | None = None
        self.folder: Path | None = None
        self.roster: Roster | None = None
        self.roster_path: Path | None = None
        self.last_year: Path | None = None
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

        options = QHBoxLayout()
        self.roster_button = QPushButton("名单(&R)…")
        self.roster_button.setToolTip("应报送单位的名单（.xlsx 或 .csv）：机关名称，可选上级机关、口径（全辖区/本机关）。")
        self.roster_button.clicked.connect(self.choose_roster)
        self.roster_label = QLabel(NO_ROSTER)
        self.clear_roster_button = QPushButton("不用名单")
        self.clear_roster_button.setEnabled(False)
        self.clear_roster_button.clicked.connect(lambda: self.set_roster(None))
        self.last_year_button = QPushButton("上年报告(&L)…")
        self.last_year_button.setToolTip("上年度报告所在的文件夹：与本年报告逐个对照（上年结转、同比、数量悬殊）。")
        self.last_year_button.clicked.connect(self.choose_last_year)
        self.last_year_label = QLabel(NO_LAST_YEAR)
        self.clear_last_year_button = QPushButton("不用上年报告")
        self.clear_last_year_button.setEnabled(False)
        self.clear_last_year_button.clicked.connect(lambda: self.set_last_year(None))
        for w in (self.roster_button, self.roster_label, self.clear_roster_button):
            options.addWidget(w)
        options.addSpacing(16)
        for w in (self.last_year_button, self.last_year_label, self.clear_last_year_button):
            options.addWidget(w)
        options.addStretch(1)
        layout.addLayout(options)

        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setValue(0)
        self.progress.setVisible(False)  # an empty 「0 / 100」 bar before any review means nothing
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.tabs = QTabWidget()
        self.table = _table(COLUMNS, "双击一行（或选中后按 Enter）打开该报告；点击列标题排序。")
        self.table.setSortingEnabled(True)
        self.table.installEventFilter(self)
        self.table.cellDoubleClicked.connect(self._open_row)
        self.batch_table = _table(BATCH_COLUMNS, "双击一行转到所涉及的第一份报告。")
        self.batch_table.cellDoubleClicked.connect(self._show_batch_row)
        self.roster_table = _table(ROSTER_COLUMNS, "名单中每个单位的报送情况；双击有报告的一行转到该报告。")
        self.roster_table.cellDoubleClicked.connect(self._show_roster_row)
        self.tabs.addTab(self.table, "报告")
        self.tabs.addTab(self.batch_table, "批量问题")
        self.tabs.addTab(self.roster_table, "名单核对")
        # Keyboard-only use: Enter opens the current row, like the double-click.
        for table, slot in ((self.table, self._open_row), (self.batch_table, self._show_batch_row),
                            (self.roster_table, self._show_roster_row)):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), table, context=Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda t=table, s=slot: s(t.currentRow()))
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton("关闭")
        self.close_button.setToolTip("关闭审核窗口（Esc）")
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.setCentralWidget(central)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.close)
        self._update_tab_titles()
        self._fit_columns()

    # --- column widths ----------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the table's own size: the window's is known before its layout ran
        return super().eventFilter(watched, event)

    def _content_width(self, table: QTableWidget, column: int) -> int:
        metrics = table.fontMetrics()
        header = table.horizontalHeader()
        widest = header.fontMetrics().horizontalAdvance(table.horizontalHeaderItem(column).text()) + 24
        for row in range(table.rowCount()):
            item = table.item(row, column)
            if item is not None:
                widest = max(widest, metrics.horizontalAdvance(item.text()) + 16)
        return widest

    def _fit_columns(self) -> None:
        widths = list(WIDTHS)
        if self.table.rowCount():
            for column in range(len(widths)):
                fit = self._content_width(self.table, column)
                widths[column] = max(FLOORS.get(column, 0), min(CAPS[column], fit)) if column in CAPS else fit
        bar = self.table.verticalScrollBar()
        available = self.table.width() - 2 * self.table.frameWidth() - (bar.width() if bar.isVisible() else 0)
        short = sum(widths) + NOTE_MIN - available
        for column, floor in FLOORS.items():
            give = max(0, min(short, widths[column] - floor))
            widths[column] -= give
            short -= give
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def _fit(self, table: QTableWidget, spec) -> None:
        for column, floor, cap in spec:
            table.setColumnWidth(column, max(floor, min(cap, self._content_width(table, column))))

    # --- choosing ------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._thread is not None

    def choose_folder(self) -> None:
        if self.is_running():
            return
        name = QFileDialog.getExistingDirectory(self, "选择存放报告的文件夹", str(files.last_folder()))
        if name:
            self.start_review(Path(name))

    def choose_roster(self) -> None:
        if self.is_running():
            return
        start = str(self.roster_path.parent if self.roster_path else files.last_folder())
        name, _ = QFileDialog.getOpenFileName(self, "选择名单", start, "名单 (*.xlsx *.csv)")
        if name:
            self.set_roster(Path(name))

    def set_roster(self, path: Path | None) -> bool:
        """Read the roster (a Chinese message and nothing changed when it cannot be); review again if a folder is set."""
        if self.is_running():
            return False
        if path is None:
            self.roster, self.roster_path = None, None
            self.roster_label.setText(NO_ROSTER)
        else:
            try:
                roster = read_roster(path)
            except UserError as exc:
                QMessageBox.warning(self, "无法使用名单", str(exc))
                return False
            self.roster, self.roster_path = roster, Path(path)
            self.roster_label.setText(f"名单：{Path(path).name}（{len(roster.units)} 个单位）")
            self.roster_label.setToolTip(str(path))
        self.clear_roster_button.setEnabled(self.roster is not None)
        if self.folder is not None:
            self.start_review(self.folder)
        return True

    def choose_last_year(self) -> None:
        if self.is_running():
            return
        name = QFileDialog.getExistingDirectory(self, "选择上年度报告所在的文件夹", str(files.last_folder()))
        if name:
            self.set_last_year(Path(name))

    def set_last_year(self, folder: Path | None) -> None:
        if self.is_running():
            return
        self.last_year = Path(folder) if folder is not None else None
        self.last_year_label.setText(f"上年报告：{self.last_year.name}" if self.last_year else NO_LAST_YEAR)
        self.last_year_label.setToolTip(str(self.last_year) if self.last_year else "")
        self.clear_last_year_button.setEnabled(self.last_year is not None)
        if self.folder is not None:
            self.start_review(self.folder)

    # --- running ---------------------------------------------------------------------

    def start_review(self, folder: Path) -> None:
        if self.is_running():
            return
        self.folder = Path(folder)
        self.review = None
        for table in (self.table, self.batch_table, self.roster_table):
            table.setRowCount(0)
        self._update_tab_titles()
        self.export_button.setEnabled(False)
        for button in (self.choose_button, self.roster_button, self.last_year_button):
            button.setEnabled(False)
        self.folder_label.setText(f"文件夹：{self.folder}")
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the first file is done
        self.status.setText("正在查找报告文件…")
        thread = QThread(self)
        worker = _Worker(self.folder, self.roster, self.last_year)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()

    def _stop_thread(self) -> None:
        # The worker object is only this reference: it must outlive run() in the worker thread (dropped
        # before wait(), Python deleted it under the running review, and closing mid-review crashed).
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
        del worker
        for button in (self.choose_button, self.roster_button, self.last_year_button):
            button.setEnabled(True)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(f"已审核 {done}/{total}：{name}")

    def _on_done(self, review: Review) -> None:
        self._stop_thread()
        self.review = review
        self._fill_table(review)
        self._fill_batch(review)
        self._fill_roster(review)
        self._update_tab_titles()
        total = len(review.reports)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(total)
        failed = sum(1 for r in review.reports if not r.ok)
        with_errors = sum(1 for r in review.reports if r.ok and r.errors)
        rollups = "；".join(f"{r.format.name}汇总 {len(r.included)} 份" for r in review.rollups) or "没有可汇总的报告"
        batch = review.batch_result
        parts = [f"共 {total} 个文件：{with_errors} 份有错误，{failed} 个无法导入", rollups]
        if batch.findings:
            parts.append(f"批量问题 {len(batch.errors)} 个错误、{len(batch.warnings)} 个提示")
        if review.roster is not None:
            missing = sum(1 for line in review.roster_lines if line.status == "未报送")
            parts.append(f"名单 {len(review.roster_lines)} 个单位中未报送 {missing} 个，不在名单中的报告 {len(review.unlisted)} 份")
        self.status.setText("；".join(parts) + "。双击一行（或选中后按 Enter）可打开该报告。")
        self.export_button.setEnabled(True)
        self.review_finished.emit(review)

    def _on_failed(self, exc: Exception) -> None:
        self._stop_thread()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, _Cancelled):
            self.status.setText("审核已停止。")
            return
        message = describe(exc)
        if message is None:  # a bug: logged with its details; the reviewer reads Chinese only
            log.error("review failed", exc_info=exc)
            message = ("审核时程序内部出错，审核未完成；详细情况已记录到日志，"
                       "可在主窗口「帮助 → 复制诊断信息」中复制后发给维护人员。")
        self.status.setText(message)
        QMessageBox.warning(self, "无法审核", message)

    # --- filling the tabs --------------------------------------------------------------

    def _update_tab_titles(self) -> None:
        review = self.review
        self.tabs.setTabText(0, f"报告（{len(review.reports)}）" if review else "报告")
        self.tabs.setTabText(1, f"批量问题（{len(review.findings)}）" if review else "批量问题")
        has_roster = review is not None and review.roster is not None
        self.tabs.setTabText(2, f"名单核对（{len(review.roster_lines)}）" if has_roster else "名单核对")
        self.tabs.setTabEnabled(2, has_roster)

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
                _item(item.org, tooltip=True),
                _NumberItem(item.year),
                _item(item.format_name, tooltip=True),
                _NumberItem(item.errors if item.ok else None),
                _NumberItem(item.warnings if item.ok else None),
                _NumberItem(item.missing if item.ok else None),
                QTableWidgetItem("否" if item.left_out else "是"),
                _item(item.error or item.left_out or (item.summary.headline() if item.summary else ""), tooltip=True),
            ]
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
            if not item.ok:
                cells[-1].setForeground(Qt.GlobalColor.darkRed)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.AscendingOrder)  # folder order until the reviewer sorts
        self._fit_columns()

    def _fill_batch(self, review: Review) -> None:
        self.batch_table.setRowCount(0)
        for f in review.findings:
            row = self.batch_table.rowCount()
            self.batch_table.insertRow(row)
            severity = QTableWidgetItem(f.severity_name)
            severity.setForeground(_ERROR_TEXT if f.severity == ERROR else _WARNING_TEXT)
            severity.setData(Qt.ItemDataRole.UserRole, f)
            title = _item(f.title)
            title.setToolTip(f"{f.title}\n怎么办：{f.what_to_do}")
            reports = _item("、".join(f.reports) or "—")
            reports.setToolTip("\n".join(f.reports))
            for column, cell in enumerate((severity, QTableWidgetItem(f.code), title, reports, _item(f.message, tooltip=True))):
                self.batch_table.setItem(row, column, cell)
        self._fit(self.batch_table, BATCH_FIT)

    def _fill_roster(self, review: Review) -> None:
        self.roster_table.setRowCount(0)
        if review.roster is None:
            return
        rows = [
            (line.unit.name, line.unit.parent, line.unit.scope, line.status, "、".join(line.files), line.note, line.files)
            for line in review.roster_lines
        ] + [
            (u.report.display, "", "", "不在名单中", u.report.name,
             f"名单中相近的有「{u.similar.name}」" if u.similar else "", [u.report.name])
            for u in review.unlisted
        ]
        for *texts, linked in rows:
            row = self.roster_table.rowCount()
            self.roster_table.insertRow(row)
            for column, text in enumerate(texts):
                cell = _item(text, tooltip=column in (0, 4, 5))
                if column == 3:
                    brush = _STATUS_BRUSH.get(text) or (None if text == "已报送" else _WARNING_TEXT)
                    if brush is not None:
                        cell.setForeground(brush)
                self.roster_table.setItem(row, column, cell)
            self.roster_table.item(row, 0).setData(Qt.ItemDataRole.UserRole, linked)
        self._fit(self.roster_table, ROSTER_FIT)

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

    def select_report(self, name: str) -> bool:
        """Show the 报告 tab with the report ``name`` (relative file name) selected."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == name:
                self.tabs.setCurrentWidget(self.table)
                self.table.selectRow(row)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def _show_batch_row(self, row: int, _column: int = 0) -> None:
        cell = self.batch_table.item(row, 0)
        finding = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        if finding is not None and finding.reports:
            self.select_report(finding.reports[0])

    def _show_roster_row(self, row: int, _column: int = 0) -> None:
        cell = self.roster_table.item(row, 0)
        linked = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        if linked:
            self.select_report(linked[0])

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
