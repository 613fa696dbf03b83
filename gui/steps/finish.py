"""Step 检查并生成: the findings summary and the .docx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from report.errors import UserError
from report.steps import FINISH, FINISH_TITLE, steps

from .. import file_dialogs, files
from ..constants import ERROR_COLOR, OK_COLOR, WARNING_COLOR
from ..errors import show_user_error
from ..generate import Generator
from ..widgets import MessageLabel
from .base import StepPage


class FinishStep(StepPage):
    key = FINISH
    title = FINISH_TITLE
    help_text = "查看检查结果，生成 Word 文档（.docx）；仍有错误时也可以生成带「草稿」标记的文档。"
    #: The .docx was written (its path).
    generated = Signal(Path)

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.generator = Generator(self)
        self.generator.finished.connect(self._rendered)
        self.generator.failed.connect(self._render_failed)
        self.last_path: Path | None = None
        self._pending: tuple[Path, bool] | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.generate_button = QPushButton("生成报告(&G)…")
        self.generate_button.setMinimumHeight(36)
        self.generate_button.clicked.connect(self.generate)
        row = QHBoxLayout()
        row.addWidget(self.generate_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: rendering takes well under a second
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        row.addWidget(self.progress, 1)
        layout.addLayout(row)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        # What can be done with the generated document: one row of buttons, enabled once it exists.
        # Another action is one more ``add_result_button`` call.
        self.after = QHBoxLayout()
        self.result_buttons: list[QPushButton] = []
        self.open_button = self.add_result_button("打开文档(&W)", lambda: self._open(self.last_path))
        self.folder_button = self.add_result_button(
            "打开所在文件夹(&D)", lambda: self._open(self.last_path.parent if self.last_path else None)
        )
        self.print_button = self.add_result_button("打印(&P)", self.print_last)
        self.after.addStretch(1)
        layout.addLayout(self.after)
        layout.addStretch(1)
        document.checked.connect(self._summarise)
        self._summarise(document.result)

    def add_result_button(self, text: str, slot) -> QPushButton:
        """A button acting on the generated document (``last_path``): disabled until there is one."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        button.setEnabled(self.last_path is not None)
        self.after.insertWidget(len(self.result_buttons), button)
        self.result_buttons.append(button)
        return button

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._summarise(self.document.result)

    def _summarise(self, result) -> None:
        if not self.isVisible() and self.summary.text():
            return  # brought up to date when the step is shown
        counts = self.document.counts_by_step()
        names = {step.key: step.title for step in steps(self.document.format)}
        rows = "".join(
            f"<tr><td>{names.get(step, step)}</td><td style='color:{ERROR_COLOR}'>{e or ''}</td>"
            f"<td style='color:{WARNING_COLOR}'>{w or ''}</td></tr>"
            for step, (e, w) in sorted(
                counts.items(), key=lambda kv: list(names).index(kv[0]) if kv[0] in names else 99
            )
        )
        errors, warnings = len(result.errors), len(result.open_warnings)
        if errors:
            head = (
                f"<p><b style='color:{ERROR_COLOR}'>还有 {errors} 个错误</b>、{warnings} 个提示。"
                "错误会使报告数字前后矛盾，请在右侧检查结果中逐项点击改正。仍可生成带「草稿」标记的文档。</p>"
            )
        elif warnings:
            head = (
                f"<p><b style='color:{WARNING_COLOR}'>没有错误，还有 {warnings} 个提示。</b>"
                "请逐项核实；数字无误的，可在右侧点「确认此提示」并写明理由。</p>"
            )
        else:
            head = f"<p><b style='color:{OK_COLOR}'>检查通过：没有错误和未确认的提示，可以生成正式文档。</b></p>"
        table = (
            f"<table cellpadding='4'><tr><th align='left'>步骤</th><th>错误</th><th>提示</th></tr>{rows}</table>"
            if rows
            else ""
        )
        self.summary.setText(head + table)

    # --- generate -----------------------------------------------------------------

    def generate(self) -> None:
        if self.generator.is_running():
            return
        try:
            from report.render import suggested_filename
        except ImportError:
            QMessageBox.warning(self, "无法生成", "此版本暂不支持生成 Word 文档。")
            return
        result = self.document.recheck()
        force = False
        if result.errors:
            answer = QMessageBox.question(
                self,
                "仍有错误",
                f"报告中还有 {len(result.errors)} 个错误。\n\n仍要生成吗？生成的文档将带有「草稿」标记，不能作为正式报告。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        # Beside the draft, where the clerk keeps this report; else where the last file was opened.
        if self.last_path is not None:
            folder = self.last_path.parent
        elif self.document.path is not None:
            folder = self.document.path.parent
        else:
            folder = files.last_folder()
        name = Path(suggested_filename(self.document.report))
        if force:
            # A draft must not take (or overwrite) the name of the real report.
            name = name.with_name(f"{name.stem}（草稿）{name.suffix}")
        self._ask_and_render(folder / name, force)

    def _ask_and_render(self, proposal: Path, force: bool) -> None:
        with file_dialogs.readable():
            name, _ = QFileDialog.getSaveFileName(self, "生成报告", str(proposal), "Word 文档 (*.docx)")
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        self._pending = (path, force)
        self.generate_button.setEnabled(False)
        self.progress.setVisible(True)
        self.message.show_message(f"正在生成「{path.name}」……", False)
        self.generator.start(self.document.report, path, force)

    def _finish_busy(self) -> None:
        self.generate_button.setEnabled(True)
        self.progress.setVisible(False)

    def _rendered(self, result) -> None:
        self._finish_busy()
        self.last_path = Path(result.path)
        forced = self._pending is not None and self._pending[1]
        self._pending = None
        if forced:
            lines = [
                f"已生成带「草稿」标记的文档：{self.last_path}",
                "报告中还有错误，这份文档不能作为正式报告；改正全部错误后请重新生成。",
            ]
        else:
            lines = [f"已生成：{self.last_path}"]
        lines += [f"· {w}" for w in getattr(result, "warnings", ()) or ()]
        if forced:
            self.message.show_warning("\n".join(lines))
        else:
            self.message.show_message("\n".join(lines), False)
        for b in self.result_buttons:
            b.setEnabled(True)
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.generated.emit(self.last_path)

    def _render_failed(self, exc) -> None:
        self._finish_busy()
        pending, self._pending = self._pending, None
        if not isinstance(exc, UserError):
            self.message.show_message("生成失败，详见错误信息。", True)
            raise exc  # the excepthook logs it and shows the details dialog
        from report.render import RenderRefused

        self.message.show_message(str(exc), True)
        show_user_error(self, exc, "无法生成报告")
        if pending is not None and not isinstance(exc, RenderRefused):
            # Another chance: the clerk closes the file in Word/WPS or picks another name.
            self._ask_and_render(pending[0], pending[1])

    # --- after ----------------------------------------------------------------------

    def _open(self, path: Path | None) -> None:
        if path is not None and not files.open_with_system(path):
            QMessageBox.information(self, "无法打开", f"系统没有能打开「{path}」的程序。")

    def print_last(self) -> None:
        if self.last_path is None:
            return
        ok, text = files.print_document(self.last_path)
        self.message.show_message(text, not ok)
        if not ok:
            QMessageBox.information(self, "打印", text)

    def shutdown(self) -> None:
        self.generator.wait()

    def focus_first(self) -> None:
        self.generate_button.setFocus(Qt.FocusReason.OtherFocusReason)
