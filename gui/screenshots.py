"""Screenshots of every step with a filled sample, and of the dialogs and windows a clerk
meets: ``python -m gui.screenshots OUT_DIR [SAMPLE]``.

Run under Xvfb (``xvfb-run -a``) or offscreen; the window is 1366×768,
the size of the smallest screens clerks still use, plus one at 1024×600.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

#: The screenshots live in the repository: each stays well under this many bytes.
MAX_BYTES = 200_000


def save_png(pixmap, path: Path) -> Path:
    """A screenshot as a 256-colour PNG: the wizard's flat colours survive, the file is a
    quarter of a true-colour one (a full table step is about 50 KB instead of 230 KB)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = pixmap.toImage().convertToFormat(
        QImage.Format.Format_Indexed8,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
    )
    if not image.save(str(path), "PNG", 0):  # quality 0: the strongest compression
        raise OSError(f"无法写入截图「{path}」")
    return path


def take(out_dir: Path, sample: Path, size=(1366, 768)) -> list[Path]:
    import os

    os.environ.setdefault("XXGK_DATA_DIR", tempfile.mkdtemp(prefix="xxgk-shots-"))

    from .app import create_application
    from .main_window import MainWindow

    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.resize(*size)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    def shot(name: str, widget=None) -> None:
        for _ in range(3):
            app.processEvents()
        written.append(save_png((widget or window).grab(), out_dir / f"{name}.png"))

    shot("00-start")
    window.open_path(sample)
    window.resize(*size)
    from report.steps import BASIC, FINISH

    names = {BASIC: "basic", FINISH: "finish"}
    for row, page in enumerate(window.steps):
        window.go_step(row)
        page.focus_first()
        shot(f"{row + 1:02d}-{names.get(page.key, f'section-{row}')}")
    # A mistake on purpose: the cells turn red and the findings panel explains.
    document = window.document
    cell = "applications.new_received.natural"
    document.edit_cells({cell: document.report.values[cell] + 5}, "示例")
    panel = window.findings_panel
    panel.list.setCurrentIndex(panel.model.index(0))
    window.show_finding(panel.model.findings[0])
    shot(f"{len(window.steps) + 1:02d}-findings")
    document.undo_stack.undo()
    # The smallest screens in use (netbooks, a half screen): table 三 still fits.
    window.resize(1024, 600)
    window.go_step(next(r for r, p in enumerate(window.steps) if "applications" in getattr(p, "tables", {})))
    shot("20-small-window-1024x600")
    window.resize(*size)
    _dialogs(app, window, shot)
    document.undo_stack.setClean()
    return written


def _dialogs(app, window, shot) -> None:
    """The dialogs and windows that are not steps, shown without blocking (never ``exec``)."""
    from report.importer import import_file

    from .about import AboutDialog
    from .importing import ImportSummaryDialog
    from .start_page import NewReportDialog

    _file_dialog(app, window, shot)
    window.show_help()
    helper = window.help_window
    helper.resize(900, 640)
    shot("32-help", helper)
    helper.close()
    about = AboutDialog(window)
    about.show()
    shot("33-about", about)
    about.close()

    dialog = NewReportDialog(window)
    dialog.org.setText("米易县人民政府办公室")
    dialog.show()
    shot("21-new-report-dialog", dialog)
    dialog.close()
    fixtures = Path(__file__).resolve().parents[1] / "tests" / "importer" / "fixtures"
    sources = sorted(fixtures.glob("004_*.txt"))
    if sources:  # a source checkout: an old report with missing cells
        _report, summary = import_file(sources[0])
        dialog = ImportSummaryDialog(summary, window)
        dialog.show()
        shot("22-import-summary", dialog)
        dialog.close()
        _review(app, window, sources[0].parent, shot)


def _file_dialog(app, window, shot) -> None:
    """Qt's own 打开 dialog (Linux desktops) over a clerk's folder: KB, Chinese dates, whole columns."""
    import time

    from PySide6.QtWidgets import QFileDialog

    from . import file_dialogs, files

    folder = Path(tempfile.mkdtemp(prefix="xxgk-shots-files-")) / "2021年度政府信息公开年报"
    (folder / "往年").mkdir(parents=True)
    for name, size in (
        ("米易县人民政府办公室2021年政府信息公开工作年度报告.docx", 41_300),
        ("米易县人民政府办公室2021年政府信息公开工作年度报告.json", 9_800),
        ("2020年度报告（网页版）.html", 126_000),
        ("2020年度报告.txt", 15_200),
    ):
        (folder / name).write_bytes(b" " * size)
    dialog = QFileDialog(window, "打开", str(folder), files.open_filter())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    with file_dialogs.readable():
        dialog.show()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    shot("31-file-dialog", dialog)
    dialog.close()


def _review(app, window, fixtures: Path, shot) -> None:
    """The 审核 window over a folder of the real reports and one broken file."""
    import shutil
    import time

    from .review_window import ReviewWindow

    folder = Path(tempfile.mkdtemp(prefix="xxgk-shots-review-")) / "各单位报告"
    folder.mkdir()
    for source in sorted(fixtures.glob("00[0-4]_*.txt")):
        shutil.copy(source, folder)
    (folder / "损坏.docx").write_bytes(b"not a zip")
    review = ReviewWindow(parent=window)
    review.show()
    review.start_review(folder)
    deadline = time.monotonic() + 60
    while review.is_running() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    review.folder_label.setText("文件夹：D:\\年报审核\\各单位报告")  # not the temporary folder's name
    shot("23-review-window", review)
    review.close()


def main(argv: list[str]) -> int:
    from report.resources import resource_path

    out = Path(argv[0]) if argv else Path("docs/screenshots")
    sample = Path(argv[1]) if len(argv) > 1 else resource_path("samples", "sample-2021.json")
    for path in take(out, sample):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
