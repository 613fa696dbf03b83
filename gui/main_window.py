"""The main window: start page, step list, the steps, findings panel, menus, files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from report.errors import UserError

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
#: Step list and findings panel widths; a window narrower than COMPACT_BELOW (a
#: 1024×600 netbook or a half screen) gets the narrow ones, leaving the tables room.
STEP_LIST_WIDTH, STEP_LIST_NARROW = 220, 160
FINDINGS_WIDTH, FINDINGS_NARROW = 280, 220
COMPACT_BELOW = 1200


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
        self.setMinimumSize(960, 600)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.start = StartPage()
        self.start.newRequested.connect(self.new_report)
        self.start.openRequested.connect(self.open_dialog)
        self.start.recentRequested.connect(self.open_path)
        self.start.carryRequested.connect(self.from_last_year)
        self.start.importRequested.connect(self.import_report)
        self.stack.addWidget(self.start)
        self.wizard = QWidget()
        self.stack.addWidget(self.wizard)
        self._build_wizard_frame()

        self.findings_dock = QDockWidget("检查结果", self)
        self.findings_dock.setObjectName("findings_dock")
        self.findings_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.findings_dock.hide()
        self.findings_panel: FindingsPanel | None = None

        self.autosave_label = QLabel()
        self.statusBar().addPermanentWidget(self.autosave_label)
        self._build_actions()
        self._restore_geometry()
        self.show_start()

    # --- construction ---------------------------------------------------------------

    def _build_wizard_frame(self) -> None:
        layout = QHBoxLayout(self.wizard)
        layout.setContentsMargins(6, 6, 0, 6)
        self.step_list = QListWidget()
        self.step_list.setFixedWidth(STEP_LIST_WIDTH)
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
        self.help_line.setStyleSheet("color: #444; background: #f5f7fa; padding: 4px;")
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
        self._action(m, "新建报告(&N)…", self.new_report, QKeySequence.StandardKey.New)
        self._action(m, "打开草稿(&O)…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = m.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(m, "从上年报告生成(&L)…", self.from_last_year)
        self._action(m, "导入已有报告(&I)…", self.import_report)
        self._action(m, "审核报告文件夹(&V)…", self.review_folder)
        m.addSeparator()
        self.save_action = self._action(m, "保存(&S)", self.save, QKeySequence.StandardKey.Save)
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
        v = bar.addMenu("视图(&V)")
        toggle = self.findings_dock.toggleViewAction()
        toggle.setText("检查结果面板(&C)")
        toggle.setShortcut(QKeySequence("F8"))
        v.addAction(toggle)
        self._action(v, "转到检查结果(&F)", self.focus_findings, QKeySequence("F9"))
        self._action(v, "上一步(&B)", lambda: self.step_by(-1), QKeySequence("Ctrl+PgUp"))
        self._action(v, "下一步(&N)", lambda: self.step_by(1), QKeySequence("Ctrl+PgDown"))
        h = bar.addMenu("帮助(&H)")
        self._action(h, "关于(&A)", self._about)
        self.document_actions = (self.save_action, self.save_as_action, self.generate_action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in files.recent_files():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _about(self) -> None:
        QMessageBox.about(
            self, "关于", f"{APP_TITLE}\n\n按《中华人民共和国政府信息公开条例》和国务院办公厅规定的格式填写年度报告。"
        )

    # --- geometry ----------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_side_panels()

    def _fit_side_panels(self) -> None:
        compact = self.width() < COMPACT_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        self.step_list.setFixedWidth(STEP_LIST_NARROW if compact else STEP_LIST_WIDTH)
        findings = FINDINGS_NARROW if compact else FINDINGS_WIDTH
        if self.findings_panel is not None:
            self.findings_panel.setMinimumWidth(findings)
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
        from .steps import build_steps

        current = self.step_list.currentRow()
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.pages.isAncestorOf(focused)
        if had_focus:
            # Removing the focused page makes Qt hand the focus to another old page
            # (a table of the previous format), which then looks up cells that no longer exist.
            self.step_list.setFocus(Qt.FocusReason.OtherFocusReason)
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
        row = self.step_list.currentRow() + delta
        if not self.steps or not 0 <= row < len(self.steps):
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
        row = self.step_list.currentRow()
        return self.steps[row] if 0 <= row < len(self.steps) else None

    def _update_step_list(self, *_args) -> None:
        if self.document is None:
            return
        counts = self.document.counts_by_step()
        for row, page in enumerate(self.steps):
            item = self.step_list.item(row)
            if item is None:
                continue
            errors, warnings = counts.get(page.key, (0, 0))
            text = page.title
            color = Qt.GlobalColor.black
            if page.key in self.visited and (errors or warnings):
                parts = ([f"错误 {errors}"] if errors else []) + ([f"提示 {warnings}"] if warnings else [])
                text += "\n" + " · ".join(parts)
                color = Qt.GlobalColor.darkRed if errors else Qt.GlobalColor.darkYellow
            elif page.key in self.visited and page.key != "finish":
                text += "  ✓"
            item.setText(text)
            item.setForeground(color)

    def focus_findings(self) -> None:
        if self.findings_panel is None:
            return
        self.findings_dock.show()
        self.findings_panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.findings_panel.list.currentIndex().isValid() and self.findings_panel.model.rowCount():
            self.findings_panel.list.setCurrentIndex(self.findings_panel.model.index(0))

    def show_finding(self, finding) -> None:
        step = self.document.step_of(finding)
        for row, page in enumerate(self.steps):
            if page.key == step:
                self.go_step(row)
                page.show_finding(finding)
                return

    # --- title and status -------------------------------------------------------------

    def _update_title(self, *_args) -> None:
        if self.document is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.document.display_name()}[*] - {APP_TITLE}")
        self.setWindowModified(self.document.is_modified())

    def _autosave_status(self, text: str, is_error: bool) -> None:
        self.autosave_label.setText(text)
        self.autosave_label.setStyleSheet("color: #b42318; font-weight: bold;" if is_error else "color: #555;")

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
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, "打开草稿", str(files.last_folder()), files.DRAFT_FILTER)
        if name:
            self.open_path(Path(name), asked=True)

    def open_path(self, path: Path, asked: bool = False) -> bool:
        if not asked and not self.maybe_save():
            return False
        from report import draft

        from .document import ReportDocument

        path = Path(path)
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
        if self.document is None:
            return False
        self.commit_pending()
        current = self.document.path
        proposal = current if current else files.last_folder() / f"{self.document.report.title}.json"
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
        from report import draft

        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "选择上一年度的报告", str(files.last_folder()), "上年报告 (*.json *.docx)"
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() == ".docx":
            try:
                from report.render.package import extract_draft
            except ImportError:
                QMessageBox.information(self, "从上年报告生成", NOT_AVAILABLE)
                return
            last = extract_draft(path)
            if last is None:
                QMessageBox.information(
                    self,
                    "从上年报告生成",
                    f"「{path.name}」中没有本程序保存的报告数据（只有本程序生成的 Word 文档才带有）。\n\n"
                    "请选择上年的草稿（.json），或用「导入已有报告」读取这份文档。",
                )
                return
        else:
            last = draft.load(path)
        self._open_carried(last)

    def _open_carried(self, last: Report) -> None:
        from report.carry import next_year

        from .document import ReportDocument

        carried = next_year(last)
        self.set_document(ReportDocument(carried.report))
        self.document.mark_unsaved()
        self._update_title()
        notes = "\n".join(f"· {n}" for n in carried.notes)
        stale = _parts_mentioning(carried.report, f"{last.header.year}年")
        if stale:
            notes = (
                f"以下文字仍是上年原文，写着「{last.header.year}年」，请逐段改为本年度的情况：\n"
                + "\n".join(f"· {part}" for part in stale)
                + (f"\n\n{notes}" if notes else "")
            )
        QMessageBox.information(
            self,
            "已生成本年度草稿",
            f"已根据 {last.header.year} 年度报告生成 {carried.report.header.year} 年度草稿：上年结转数已带入，"
            "其他数字从 0 开始，文字部分保留上年内容供修改。" + (f"\n\n{notes}" if notes else ""),
        )

    def import_report(self) -> None:
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
        report, _summary = outcome
        self.open_report(report, None)

    def open_report(self, report: Report, source: Path | None) -> None:
        """A report read from elsewhere (an import, the review window): unsaved, never over its source."""
        from .document import ReportDocument

        if self.document is not None and self.document.is_modified() and not self.maybe_save():
            return
        self.set_document(ReportDocument(report))
        self.document.mark_unsaved()
        self._update_title()
        if source is not None:
            self.statusBar().showMessage(f"已读取「{Path(source).name}」，请另存为草稿。", 8000)

    def review_folder(self) -> None:
        try:
            from .review_window import ReviewWindow
        except ImportError:
            QMessageBox.information(self, "审核报告文件夹", NOT_AVAILABLE)
            return
        self.review_window = ReviewWindow(parent=self, open_report=self.open_report)
        self.review_window.show()

    def generate(self) -> None:
        self.commit_pending()
        for row, page in enumerate(self.steps):
            if page.key == "finish":
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
        answer = dialogs.choose(
            self,
            "恢复未保存的报告",
            f"上次退出时有未保存的修改，已自动保存于 {pending.saved_at:%Y年%m月%d日 %H:%M}{source}。\n\n"
            f"报告：{pending.report.title}\n\n是否恢复？",
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
        self.statusBar().showMessage("已恢复自动保存的内容，请保存。", 8000)
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


def _parts_mentioning(report: Report, words: str) -> list[str]:
    """The opening and the text parts that still contain ``words`` (last year's 「2021年」)."""
    parts = ["开头语"] if words in report.header.opening else []
    fmt = report.format
    for field in fmt.text_fields:
        if words in report.texts.get(field.key, ""):
            heading = fmt.section_of_text(field.key).heading
            parts.append(f"{heading}{field.title}" if field.title else heading)
    return parts
