"""The main window: start page, step list, the steps, findings panel, menus, files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from report.errors import UserError

from . import constants as k
from . import dialogs, files
from .app import APP_TITLE
from .errors import show_user_error, user_action
from .start_page import StartPage

if TYPE_CHECKING:
    from report.model import Report

    from .autosave import Autosaver
    from .document import ReportDocument
    from .findings_panel import FindingsPanel
    from .steps import StepPage

# The start page needs none of the report machinery: it is imported when a
# report is first opened, so the first window appears sooner.

log = logging.getLogger("gui")
NOT_AVAILABLE = "此版本暂不提供该功能。"


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.document: ReportDocument | None = None
        self.autosaver: Autosaver | None = None
        self.steps: list[StepPage] = []
        self.visited: set[str] = set()
        self.undo_group = QUndoGroup(self)
        self.review_window = None
        self._compact: bool | None = None  # the side panels' width mode, see _fit_side_panels
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(*k.MIN_WINDOW)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.start = StartPage()
        self.start.newRequested.connect(self.new_report)
        self.start.openRequested.connect(self.open_dialog)
        self.start.recentRequested.connect(self.open_path)
        self.start.carryRequested.connect(self.from_last_year)
        self.start.importRequested.connect(self.import_report)
        self.stack.addWidget(self.start)
        # The wizard's frame (step list, title, pages, back/next) is built with the first report:
        # the first window is the start page, and needs none of it.
        self.wizard: QWidget | None = None
        self.step_list: QListWidget | None = None

        # The findings panel (a dock) is made with the first report: the start page does not need it.
        self.findings_dock = None  # QDockWidget
        self.findings_panel: FindingsPanel | None = None

        self.autosave_label = QLabel()
        self.statusBar().addPermanentWidget(self.autosave_label)
        self._build_actions()
        self._restore_geometry()
        self.show_start()

    # --- construction ---------------------------------------------------------------

    def _build_wizard_frame(self) -> None:
        self.wizard = QWidget()
        self.stack.addWidget(self.wizard)
        layout = QHBoxLayout(self.wizard)
        layout.setContentsMargins(6, 6, 0, 6)
        self.step_list = QListWidget()
        self.step_list.setFixedWidth(k.STEP_LIST_WIDTH)
        self.step_list.setWordWrap(True)
        self.step_list.setSpacing(2)
        self.step_list.setAccessibleName("步骤")
        self.step_list.currentRowChanged.connect(self._step_selected)
        layout.addWidget(self.step_list)
        right = QVBoxLayout()
        self.step_title = QLabel()
        self.step_title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        right.addWidget(self.step_title)
        self.help_line = QLabel()
        self.help_line.setWordWrap(True)
        self.help_line.setStyleSheet(f"color: {k.HELP_TEXT_COLOR}; background: {k.HELP_BACKGROUND}; padding: 4px;")
        right.addWidget(self.help_line)
        self.pages = QStackedWidget()
        right.addWidget(self.pages, 1)
        nav = QHBoxLayout()
        self.back_button = QPushButton("上一步(&B)")
        self.back_button.clicked.connect(lambda: self.go_step(self.step_list.currentRow() - 1))
        self.next_button = QPushButton("下一步(&N)")
        self.next_button.clicked.connect(lambda: self.go_step(self.step_list.currentRow() + 1))
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        right.addLayout(nav)
        layout.addLayout(right, 1)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        # Shortcuts by their text: the StandardKey enum costs start-up time, and these are the same everywhere.
        self._action(m, "新建报告(&N)…", self.new_report, QKeySequence("Ctrl+N"))
        self._action(m, "打开(&O)…", self.open_dialog, QKeySequence("Ctrl+O"))
        self.recent_menu = m.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(m, "从上年报告生成(&L)…", self.from_last_year)
        self._action(m, "导入已有报告(&I)…", self.import_report)
        self._action(m, "审核报告文件夹(&V)…", self.review_folder)
        m.addSeparator()
        self.save_action = self._action(m, "保存(&S)", self.save, QKeySequence("Ctrl+S"))
        self.save_as_action = self._action(m, "另存为(&A)…", self.save_as, QKeySequence("Ctrl+Shift+S"))
        self.generate_action = self._action(m, "生成报告(&G)…", self.generate, QKeySequence("Ctrl+G"))
        m.addSeparator()
        self._action(m, "退出(&X)", self.close, QKeySequence("Ctrl+Q"))
        e = bar.addMenu("编辑(&E)")
        self.undo_action = self.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        e.addAction(self.undo_action)
        e.addAction(self.redo_action)
        # After the group's own slot has undone or redone: show where the change is.
        self.undo_action.triggered.connect(lambda: self._show_command(undone=True))
        self.redo_action.triggered.connect(lambda: self._show_command(undone=False))
        v = bar.addMenu("视图(&V)")
        self.findings_toggle = self._action(v, "检查结果面板(&C)", self._toggle_findings, QKeySequence("F8"))
        self.findings_toggle.setCheckable(True)
        self.findings_toggle.setEnabled(False)
        self._action(v, "转到检查结果(&F)", self.focus_findings, QKeySequence("F9"))
        self._action(v, "上一步(&B)", lambda: self.step_by(-1), QKeySequence("Ctrl+PgUp"))
        self._action(v, "下一步(&N)", lambda: self.step_by(1), QKeySequence("Ctrl+PgDown"))
        h = bar.addMenu("帮助(&H)")
        self._action(h, "使用说明(&H)", self.show_help, QKeySequence("F1"))
        self._action(h, "复制诊断信息(&D)", self.copy_diagnostics)
        h.addSeparator()
        self._action(h, "关于(&A)", self._about)
        self.document_actions = (self.save_action, self.save_as_action, self.generate_action)

    def _make_findings_dock(self):
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget

        dock = QDockWidget("检查结果", self)
        dock.setObjectName("findings_dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.visibilityChanged.connect(self.findings_toggle.setChecked)
        self.findings_toggle.setEnabled(True)
        return dock

    def _toggle_findings(self, checked: bool) -> None:
        if self.findings_dock is not None:
            self.findings_dock.setVisible(checked)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in files.recent_files():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self).exec()

    def show_help(self) -> None:
        """F1: the built-in 使用说明 (the clerk's part of the README), offline."""
        from .help import HelpWindow

        if getattr(self, "help_window", None) is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def copy_diagnostics(self) -> None:
        from .about import diagnostics

        QApplication.clipboard().setText(diagnostics())
        self.statusBar().showMessage("诊断信息（版本、系统、日志末尾）已复制到剪贴板，可粘贴到邮件或聊天中发给信息化人员。", 8000)

    # --- geometry ----------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_side_panels()

    def _fit_side_panels(self) -> None:
        compact = self.width() < k.COMPACT_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        if self.step_list is not None:
            self.step_list.setFixedWidth(k.STEP_LIST_NARROW if compact else k.STEP_LIST_WIDTH)
        findings = k.FINDINGS_NARROW if compact else k.FINDINGS_WIDTH
        if self.findings_panel is not None:
            self.findings_panel.setMinimumWidth(findings)
        if self.findings_dock is not None:
            from PySide6.QtCore import Qt

            self.resizeDocks([self.findings_dock], [findings], Qt.Orientation.Horizontal)

    def _restore_geometry(self) -> None:
        geometry = files.settings().value("geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and (screen.width() <= 1400 or screen.height() <= 800):
            self.resize(screen.width(), screen.height())
        else:
            self.resize(1280, 760)

    def _save_geometry(self) -> None:
        files.settings().setValue("geometry", self.saveGeometry())

    # --- pages ------------------------------------------------------------------------

    def show_start(self) -> None:
        self.start.refresh_recent()
        self.stack.setCurrentWidget(self.start)
        if self.findings_dock is not None:
            self.findings_dock.hide()
        for action in self.document_actions:
            action.setEnabled(False)
        self._update_title()
        self.start.focus_first()

    def set_document(self, document: ReportDocument) -> None:
        """Show ``document`` in the wizard (the previous one is closed)."""
        from . import autosave
        from .findings_panel import FindingsPanel

        old = self.document
        if old is document:
            return
        if self.wizard is None:
            self._build_wizard_frame()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            if self.autosaver is not None:
                self.autosaver.stop()
                self.autosaver.deleteLater()
            old.deleteLater()
            autosave.discard()
        self.document = document
        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.undo_stack.cleanChanged.connect(self._update_title)
        document.pathChanged.connect(self._update_title)
        document.headerChanged.connect(self._update_title)  # an unsaved report is named by its title
        document.checked.connect(self._update_step_list)
        document.reportReplaced.connect(self._rebuild_steps)
        self.autosaver = autosave.Autosaver(document, self)
        self.autosaver.failed.connect(self._autosave_failed)
        self.autosaver.saved.connect(lambda t: self._autosave_status(f"已自动保存（{t}）", False))
        self._autosave_status("", False)
        if self.findings_panel is not None:
            self.findings_panel.deleteLater()
        if self.findings_dock is None:
            self.findings_dock = self._make_findings_dock()
        self.findings_panel = FindingsPanel(document)
        self.findings_panel.findingActivated.connect(self.show_finding)
        self._compact = None
        self._fit_side_panels()
        self.findings_dock.setWidget(self.findings_panel)
        self.findings_dock.show()
        self.visited = set()
        self._rebuild_steps()
        self.stack.setCurrentWidget(self.wizard)
        for action in self.document_actions:
            action.setEnabled(True)
        self._update_title()
        if document.path:
            files.remember_recent(document.path)
        # The start page's button had the focus and is gone: a keyboard user starts typing here.
        page = self.current_step()
        if page is not None:
            page.focus_first()

    def _rebuild_steps(self) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        from .steps import build_steps

        current = self.step_list.currentRow()
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.pages.isAncestorOf(focused)
        if had_focus:
            # Removing the focused page makes Qt hand the focus to another old page
            # (a table of the previous format), which then looks up cells that no longer exist.
            self.step_list.setFocus()
        for page in self.steps:
            page.shutdown()
            self.pages.removeWidget(page)
            page.deleteLater()
        self.steps = build_steps(self.document)
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for page in self.steps:
            self.pages.addWidget(page)
            item = QListWidgetItem(page.title)
            item.setToolTip(page.title)
            self.step_list.addItem(item)
            help_signal = getattr(page, "helpChanged", None)
            if help_signal is not None:
                help_signal.connect(self.help_line.setText)
        self.step_list.blockSignals(False)
        self.go_step(max(current, 0))
        if had_focus:
            self.steps[self.step_list.currentRow()].focus_first()

    def go_step(self, row: int) -> None:
        if not self.steps or not 0 <= row < len(self.steps):
            return
        if self.step_list.currentRow() != row:
            self.step_list.setCurrentRow(row)  # comes back through _step_selected
            return
        self._step_selected(row)

    def step_by(self, delta: int) -> None:
        """The previous / next step from the keyboard: the focus goes to its first field,
        not to whatever Qt picks when the focused widget of the old step is hidden."""
        if not self.steps:
            return
        row = self.step_list.currentRow() + delta
        if not 0 <= row < len(self.steps):
            return
        self.go_step(row)
        self.steps[row].focus_first()

    def _step_selected(self, row: int) -> None:
        if not 0 <= row < len(self.steps):
            return
        page = self.steps[row]
        self.pages.setCurrentWidget(page)
        self.visited.add(page.key)
        self.step_title.setText(page.title)
        self.help_line.setText(page.help_text)
        self.help_line.setVisible(bool(page.help_text))
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.steps) - 1)
        self._update_step_list()

    def current_step(self) -> StepPage | None:
        if not self.steps:
            return None
        row = self.step_list.currentRow()
        return self.steps[row] if 0 <= row < len(self.steps) else None

    def _update_step_list(self, *_args) -> None:
        if self.document is None:
            return
        from report.steps import FINISH

        counts = self.document.counts_by_step()
        for row, page in enumerate(self.steps):
            item = self.step_list.item(row)
            if item is None:
                continue
            errors, warnings = counts.get(page.key, (0, 0))
            text = page.title
            color = k.STEP_PLAIN_COLOR
            if page.key in self.visited and (errors or warnings):
                parts = ([f"错误 {errors}"] if errors else []) + ([f"提示 {warnings}"] if warnings else [])
                text += "\n" + " · ".join(parts)
                color = k.STEP_ERROR_COLOR if errors else k.STEP_WARNING_COLOR
            elif page.key in self.visited and page.key != FINISH:
                text += "  ✓"
            item.setText(text)
            item.setForeground(QColor(color))

    def focus_findings(self) -> None:
        if self.findings_panel is None:
            return
        self.findings_dock.show()
        from PySide6.QtCore import Qt

        self.findings_panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.findings_panel.list.currentIndex().isValid() and self.findings_panel.model.rowCount():
            self.findings_panel.list.setCurrentIndex(self.findings_panel.model.index(0))

    def show_finding(self, finding) -> None:
        """转到 / a click in 检查结果: the step, and exactly the cells (or box, or field) concerned."""
        from .undo import Where

        self.show_place(Where.of_finding(finding))

    def show_place(self, where) -> bool:
        from report.steps import step_of_place

        if self.document is None or not where:
            return False
        texts = (where.text_field,) if where.text_field else ()
        step = step_of_place(self.document.format, where.cells, texts, where.fee_field)
        for row, page in enumerate(self.steps):
            if page.key == step:
                self.go_step(row)
                return page.show_place(where)
        return False

    def _show_command(self, undone: bool) -> None:
        """After Ctrl+Z / Ctrl+Y: show what changed back (the command undone or redone)."""
        if self.document is None:
            return
        stack = self.document.undo_stack
        command = stack.command(stack.index() if undone else stack.index() - 1)
        where = getattr(command, "where", None)
        if where:
            self.show_place(where)

    # --- title and status -------------------------------------------------------------

    def _update_title(self, *_args) -> None:
        if self.document is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.document.display_name()}[*] - {APP_TITLE}")
        self.setWindowModified(self.document.is_modified())

    def _autosave_status(self, text: str, is_error: bool) -> None:
        if not is_error:
            self.autosave_label.setToolTip("")  # a failure's explanation goes once a save succeeds
        self.autosave_label.setText(text)
        self.autosave_label.setStyleSheet(
            f"color: {k.ERROR_COLOR}; font-weight: bold;" if is_error else f"color: {k.PLAIN_COLOR};"
        )

    def _autosave_failed(self, message: str) -> None:
        self._autosave_status("自动保存失败！", True)
        self.autosave_label.setToolTip(message)
        self.statusBar().showMessage(message)

    # --- files ------------------------------------------------------------------------

    def commit_pending(self) -> None:
        for page in self.steps:
            page.commit_pending()

    def maybe_save(self) -> bool:
        """True when the current report may be closed (saved, discarded, or unchanged)."""
        self.commit_pending()
        if self.document is None or not self.document.is_modified():
            return True
        answer = dialogs.choose(
            self,
            "保存修改",
            f"「{self.document.display_name()}」有未保存的修改。\n\n是否保存？",
            ("保存", "不保存", "取消"),
            default="取消",
            escape="取消",
        )
        if answer == "保存":
            return self.save()
        return answer == "不保存"

    def new_report(self) -> None:
        if not self.maybe_save():
            return
        from .document import ReportDocument
        from .start_page import NewReportDialog

        dialog = NewReportDialog(self)
        if dialog.exec() != NewReportDialog.DialogCode.Accepted:
            return
        self.set_document(ReportDocument(dialog.report()))
        self.document.mark_unsaved()
        self._update_title()
        self.go_step(0)

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.maybe_save():
            return
        from . import file_dialogs

        with file_dialogs.readable():
            name, _ = QFileDialog.getOpenFileName(self, "打开", str(files.last_folder()), files.open_filter())
        if name:
            self.open_path(Path(name), asked=True)

    def open_path(self, path: Path, asked: bool = False) -> bool:
        """Open a draft; our .docx and any importable report go through the importer (unsaved)."""
        if not asked and not self.maybe_save():
            return False
        from report import draft

        from .document import ReportDocument

        path = Path(path)
        if path.suffix.lower() != ".json" and path.exists() and path.is_file():
            return self._import_path(path)
        try:
            report = draft.load(path)
        except UserError as exc:
            show_user_error(self, exc, "无法打开")
            if not path.exists():
                files.forget_recent(path)
                self.start.refresh_recent()
            return False
        files.remember_folder(path)
        self.set_document(ReportDocument(report, path))
        self.statusBar().showMessage(f"已打开「{path.name}」", 5000)
        return True

    def save(self) -> bool:
        if self.document is None:
            return False
        self.commit_pending()
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        if self.document is None:
            return False
        self.commit_pending()
        current = self.document.path
        proposal = current if current else files.last_folder() / f"{self.document.report.title}.json"
        from . import file_dialogs

        with file_dialogs.readable():
            name, _ = QFileDialog.getSaveFileName(self, "另存为", str(proposal), files.DRAFT_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        from report import draft

        try:
            draft.save(self.document.report, path)
        except UserError as exc:
            show_user_error(self, exc, "保存失败")
            return False
        self.document.mark_saved(path)
        files.remember_recent(path)
        files.remember_folder(path)
        self.statusBar().showMessage(f"已保存到「{path}」", 5000)
        return True

    @user_action
    def from_last_year(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from report.carry import load_last_year

        if not self.maybe_save():
            return
        from . import file_dialogs

        with file_dialogs.readable():
            name, _ = QFileDialog.getOpenFileName(
                self, "选择上一年度的报告", str(files.last_folder()), files.open_filter("上年报告")
            )
        if not name:
            return
        path = Path(name)
        files.remember_folder(path)
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            source = load_last_year(path)
        finally:
            QApplication.restoreOverrideCursor()
        self._open_carried(source.report, source.notes)

    def _open_carried(self, last: Report, source_notes: tuple[str, ...] = ()) -> None:
        from PySide6.QtWidgets import QMessageBox

        from report.carry import next_year

        from .document import ReportDocument

        carried = next_year(last)
        self.set_document(ReportDocument(carried.report))
        self.document.mark_unsaved()
        self._update_title()
        notes = "\n".join(f"· {n}" for n in (*source_notes, *carried.notes))
        if carried.stale:
            notes = carried.stale_warning() + (f"\n\n{notes}" if notes else "")
        QMessageBox.information(
            self,
            "已生成本年度草稿",
            f"已根据 {last.header.year} 年度报告生成 {carried.report.header.year} 年度草稿：上年结转数已带入，"
            "其他数字从 0 开始，文字部分保留上年内容供修改。" + (f"\n\n{notes}" if notes else ""),
        )

    def import_report(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            from .importing import import_report_interactive
        except ImportError:
            QMessageBox.information(self, "导入已有报告", NOT_AVAILABLE)
            return
        if not self.maybe_save():
            return
        outcome = import_report_interactive(self)
        if outcome is None:
            return
        report, summary = outcome
        self.open_report(report, summary.source, asked=True)

    def _import_path(self, path: Path) -> bool:
        """打开 on a .docx or another report file: read it as 导入已有报告 does (the clerk was asked already)."""
        from .importing import import_path

        outcome = import_path(self, path)
        if outcome is None:
            return False
        report, summary = outcome
        self.open_report(report, path, asked=True)
        if summary.exact:
            self.statusBar().showMessage(f"已从「{path.name}」中恢复报告草稿，请另存为草稿（.json）。", 8000)
        return True

    def open_report(self, report: Report, source: Path | None, asked: bool = False) -> None:
        """A report read from elsewhere (an import, the review window): unsaved, never over its source.

        ``asked``: the clerk already answered the save question for this action.
        """
        from .document import ReportDocument

        if not asked and self.document is not None and self.document.is_modified() and not self.maybe_save():
            return
        self.set_document(ReportDocument(report))
        self.document.mark_unsaved()
        self._update_title()
        if source is not None:
            self.statusBar().showMessage(f"已读取「{Path(source).name}」，请另存为草稿。", 8000)

    def review_folder(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            from .review_window import ReviewWindow
        except ImportError:
            QMessageBox.information(self, "审核报告文件夹", NOT_AVAILABLE)
            return
        self.review_window = ReviewWindow(parent=self, open_report=self.open_report)
        self.review_window.show()

    def generate(self) -> None:
        from report.steps import FINISH

        self.commit_pending()
        for row, page in enumerate(self.steps):
            if page.key == FINISH:
                self.go_step(row)
                page.generate()
                return

    # --- start-up and shut-down ---------------------------------------------------------

    def offer_restore(self) -> bool:
        """After an unclean exit: offer the autosaved report. True when restored."""
        from . import autosave
        from .document import ReportDocument

        pending = autosave.find_pending()
        if pending is None:
            return False
        source = f"（原文件：{pending.source}）" if pending.source else "（尚未保存为文件）"
        typed = f"\n\n正在输入的 {len(pending.typed)} 个单元格也已保存。" if pending.typed else ""
        saves = f"恢复后按 Ctrl+S 保存到原文件「{pending.source.name}」。" if pending.source else "恢复后请保存为草稿。"
        answer = dialogs.choose(
            self,
            "恢复未保存的报告",
            f"上次退出时有未保存的修改，已自动保存于 {pending.saved_at:%Y年%m月%d日 %H:%M:%S}{source}。{typed}\n\n"
            f"报告：{pending.report.title}\n\n是否恢复？{saves}",
            ("恢复", "放弃"),
            default="恢复",
            escape="恢复",
        )
        if answer != "恢复":
            autosave.discard()
            return False
        document = ReportDocument(pending.report, pending.source)
        self.set_document(document)
        document.mark_unsaved()
        self._update_title()
        where = f"按 Ctrl+S 保存到「{pending.source}」" if pending.source else "请保存为草稿"
        self.statusBar().showMessage(f"已恢复自动保存的内容，{where}。", 8000)
        return True

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        for page in self.steps:
            page.shutdown()
        if self.autosaver is not None:
            from . import autosave

            self.autosaver.stop()
            autosave.discard()
        self._save_geometry()
        event.accept()

