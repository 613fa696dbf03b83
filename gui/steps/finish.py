"""Step 检查并生成: the findings summary and the .docx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from ..jobs import Generator, PageRender, PdfExport
from ..preview import ReportPreview
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
        outputs = QHBoxLayout()
        self.infographic_button = QPushButton("生成一图读懂(&I)…")
        self.infographic_button.setToolTip("把报告的主要数字画成一张竖版长图（PNG，宽 1080 像素），可在网站和政务新媒体发布")
        self.infographic_button.clicked.connect(self.make_infographic)
        outputs.addWidget(self.infographic_button)
        self.pdf_button = QPushButton("导出 PDF(&T)…")
        self.pdf_button.setToolTip("用本机的 WPS、Word 或 LibreOffice 把 Word 文档转换为 PDF（PDF/A，嵌入字体），同时保存 .docx")
        self.pdf_button.clicked.connect(self.export_pdf)
        outputs.addWidget(self.pdf_button)
        self.html_button = QPushButton("导出网页(&L)…")
        self.html_button.setToolTip("生成可直接发布到政府信息公开专栏的单个网页文件（.html）")
        self.html_button.clicked.connect(self.export_html)
        outputs.addWidget(self.html_button)
        self.pages_button = QPushButton("按页预览(&A)…")
        self.pages_button.setToolTip("由本机的 WPS、Word 或 LibreOffice 排版分页，逐页查看打印出来的样子（需要几秒钟）")
        self.pages_button.clicked.connect(self.show_pages)
        outputs.addWidget(self.pages_button)
        outputs.addStretch(1)
        self.preview_toggle = QCheckBox("显示全文预览(&Y)")
        self.preview_toggle.setChecked(True)
        self.preview_toggle.toggled.connect(self._toggle_preview)
        outputs.addWidget(self.preview_toggle)
        layout.addLayout(outputs)
        self.pdf_export = PdfExport(self)
        self.pdf_export.finished.connect(self._pdf_done)
        self.pdf_export.failed.connect(self._pdf_failed)
        self.page_render = PageRender(self)
        self.page_render.finished.connect(self._pages_done)
        self.page_render.failed.connect(self._pages_failed)
        self.pages_dialog = None
        self._pages_changed = False
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
        self.preview = ReportPreview(self)
        layout.addWidget(self.preview, 1)
        document.checked.connect(self._summarise)
        document.checked.connect(self._refresh_preview)
        document.checked.connect(self._pages_stale)
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
        self._refresh_preview(self.document.result)

    # --- preview ------------------------------------------------------------------

    def _refresh_preview(self, result=None) -> None:
        if not self.isVisible() or not self.preview.isVisible():
            return  # brought up to date when the step is shown
        self.preview.show_report(self.document.report, result or self.document.result)

    def _toggle_preview(self, on: bool) -> None:
        self.preview.setVisible(on)
        if on:
            self._refresh_preview()

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

    # --- PDF and web page ---------------------------------------------------------------

    def _confirm_errors(self, what: str) -> bool | None:
        """None: cancelled; else whether to force (the report has errors and the clerk agreed)."""
        result = self.document.recheck()
        if not result.errors:
            return False
        answer = QMessageBox.question(
            self,
            "仍有错误",
            f"报告中还有 {len(result.errors)} 个错误。\n\n仍要生成吗？生成的{what}将带有「草稿」标记，不能作为正式报告。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return True if answer == QMessageBox.StandardButton.Yes else None

    def _proposal(self, suffix: str, force: bool) -> Path:
        from report.render import suggested_filename

        folder = self.last_path.parent if self.last_path else files.documents_dir()
        stem = Path(suggested_filename(self.document.report)).stem
        return folder / f"{stem}{'（草稿）' if force else ''}{suffix}"

    def _ask_path(self, title: str, proposal: Path, name_filter: str, suffix: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, str(proposal), name_filter)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export_pdf(self) -> None:
        if self.pdf_export.is_running():
            return
        force = self._confirm_errors("PDF")
        if force is None:
            return
        path = self._ask_path("导出 PDF", self._proposal(".pdf", force), "PDF 文件 (*.pdf)", ".pdf")
        if path is None:
            return
        self.pdf_button.setEnabled(False)
        self.progress.setVisible(True)
        self.message.show_message(f"正在生成「{path.name}」：先生成 Word 文档，再由文字处理软件转换为 PDF，需要几秒钟……",
                                  False)
        self.pdf_export.start(self.document.report, path, force)

    def _pdf_done(self, result) -> None:
        self.pdf_button.setEnabled(True)
        self.progress.setVisible(False)
        self.last_path = Path(result.path)
        lines = [f"已生成 PDF（由 {result.converter} 转换）：{result.path}", f"同时保存了 Word 文档：{result.docx_path}"]
        lines += [f"· {w}" for w in result.warnings if w not in result.notes]
        if result.notes:
            lines.append("请注意：PDF 与报告不完全一致（Word 文档是完整的）：")
            lines += [f"· {n}" for n in result.notes]
        if result.lost:
            self.message.show_warning("\n".join(lines))  # amber: done, but not to be overlooked
        else:
            self.message.show_message("\n".join(lines), False)
        for b in (self.open_button, self.folder_button, self.print_button):
            b.setEnabled(True)

    def _pdf_failed(self, exc) -> None:
        self.pdf_button.setEnabled(True)
        self.progress.setVisible(False)
        if not isinstance(exc, UserError):
            self.message.show_message("导出 PDF 失败，详见错误信息。", True)
            raise exc
        docx = getattr(exc, "docx_path", None)
        if docx is not None:
            self.last_path = Path(docx)  # the .docx was written: it can be opened and printed
            for b in (self.open_button, self.folder_button, self.print_button):
                b.setEnabled(True)
        self.message.show_message(str(exc), True)
        show_user_error(self, exc, "无法导出 PDF")

    def export_html(self) -> None:
        from report.render.web import render_html

        force = self._confirm_errors("网页")
        if force is None:
            return
        path = self._ask_path("导出网页", self._proposal(".html", force), "网页 (*.html)", ".html")
        if path is None:
            return
        try:
            render_html(self.document.report, path, force=force)
        except UserError as exc:
            self.message.show_message(str(exc), True)
            show_user_error(self, exc, "无法导出网页")
            return
        self.last_path = path
        self.message.show_message(f"已生成网页：{path}（单个文件，可直接上传或把内容粘贴到网站编辑器）", False)
        for b in (self.open_button, self.folder_button):
            b.setEnabled(True)

    # --- 按页预览 ----------------------------------------------------------------------

    #: Page images at this resolution (an A4 page is 794 px wide).
    PAGE_DPI = 96

    def show_pages(self) -> None:
        """The pages as the word processor lays them out, in a window of their own (made in the background)."""
        from report.render.pdf import converters

        from ..preview import PagePreviewDialog

        if self.pages_dialog is None:
            self.pages_dialog = PagePreviewDialog(self)
            self.pages_dialog.refresh_requested.connect(self.show_pages)
        self.pages_dialog.show()
        self.pages_dialog.raise_()
        if self.page_render.is_running():
            return
        found = converters()
        self.pages_dialog.show_busy(found[0].name if found else "文字处理软件")
        self._pages_changed = False
        self.page_render.start(self.document.report, self.PAGE_DPI)

    def _pages_done(self, preview) -> None:
        if self.pages_dialog is not None:
            self.pages_dialog.show_pages(preview)
            if self._pages_changed:  # edited while the word processor was at work
                self.pages_dialog.show_stale()

    def _pages_failed(self, exc) -> None:
        if not isinstance(exc, UserError):
            if self.pages_dialog is not None:
                self.pages_dialog.show_failure("按页预览失败，详见错误信息。")
            raise exc
        if self.pages_dialog is not None:
            self.pages_dialog.show_failure(str(exc))

    def _pages_stale(self, _result=None) -> None:
        if self.page_render.is_running():
            self._pages_changed = True
        elif self.pages_dialog is not None and self.pages_dialog.isVisible():
            self.pages_dialog.show_stale()

    # --- 一图读懂 ---------------------------------------------------------------------

    #: The image written last (tests and the status line read it).
    last_infographic: Path | None = None

    def make_infographic(self) -> None:
        from report.infographic import prepare
        from report.render import suggested_filename

        from ..infographic_painter import write_png

        report = self.document.report
        result = self.document.recheck()
        force = False
        if result.errors:
            answer = QMessageBox.question(
                self,
                "仍有错误",
                f"报告中还有 {len(result.errors)} 个错误，图中的数字会前后矛盾。\n\n"
                "仍要生成吗？图片将带有「草稿」标记，不能发布。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        folder = self.last_path.parent if self.last_path else files.documents_dir()
        stem = Path(suggested_filename(report)).stem
        proposal = folder / f"{stem}（一图读懂{'·草稿' if force else ''}）.png"
        name, _ = QFileDialog.getSaveFileName(self, "生成一图读懂", str(proposal), "PNG 图片 (*.png)")
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            width, height = write_png(prepare(report, force=force), path)
        except UserError as exc:
            self.message.show_message(str(exc), True)
            show_user_error(self, exc, "无法生成一图读懂")
            return
        self.last_infographic = path
        mark = "带「草稿」标记的" if force else ""
        self.message.show_message(f"已生成{mark}一图读懂：{path}（{width}×{height} 像素）", False)

    # --- after ----------------------------------------------------------------------

    def _open(self, path: Path | None) -> None:
        from report.desktop import open_document

        if path is None:
            return
        if path.is_dir():
            if not files.open_with_system(path):
                QMessageBox.information(self, "无法打开", f"无法打开文件夹「{path}」。")
            return
        outcome = open_document(path)
        self.message.show_message(outcome.message, not outcome.ok)
        if not outcome.ok:
            QMessageBox.information(self, "无法打开", outcome.message)

    def print_last(self) -> None:
        from report.desktop import print_document

        if self.last_path is None:
            return
        outcome = print_document(self.last_path)
        self.message.show_message(outcome.message, not outcome.ok)
        if not outcome.ok:
            QMessageBox.information(self, "打印", outcome.message)

    def shutdown(self) -> None:
        self.generator.wait()
        self.pdf_export.wait()
        self.page_render.wait()

    def focus_first(self) -> None:
        self.generate_button.setFocus(Qt.FocusReason.OtherFocusReason)
