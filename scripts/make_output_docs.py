"""Regenerate docs/outputs/: both 一图读懂, the web page in headless Chromium (desktop and phone), PDF pages,
the preview of 检查并生成 with an error marked in table 三, the 按页预览 window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_output_docs.py

Needs LibreOffice and poppler-utils (PDF pages) and /usr/bin/chromium (screenshots).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report import draft  # noqa: E402
from report.infographic import build  # noqa: E402
from report.render.pdf import render_pdf  # noqa: E402
from report.render.web import render_html  # noqa: E402
from report.resources import resource_path  # noqa: E402

OUT = ROOT / "docs" / "outputs"


def chromium_shot(page: Path, target: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri()],
            check=True, capture_output=True, timeout=180,
        )


def preview_shot(target: Path, sample: Path) -> None:
    """检查并生成 with one error: the preview scrolled to table 三, the cells marked."""
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.screenshots import save_png

    app = QApplication.instance()
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.open_path(sample)
    document = window.document
    cell = "applications.new_received.natural"
    document.edit_cells({cell: document.report.values[cell] + 1}, "示例")
    finish = next(row for row, page in enumerate(window.steps) if page.key == "finish")
    window.go_step(finish)
    page = window.steps[finish]
    for _ in range(5):
        app.processEvents()
    preview = page.preview
    preview.scrollToAnchor("")
    found = preview.document().find("三、收到和处理政府信息公开申请情况")
    preview.verticalScrollBar().setValue(int(preview.document().documentLayout().blockBoundingRect(found.block()).top()))
    for _ in range(5):
        app.processEvents()
    save_png(window.grab(), target)
    document.undo_stack.setClean()
    window.close()


def pages_shot(target: Path, sample: Path) -> None:
    """按页预览: the pages as LibreOffice lays them out, in their window."""
    import time

    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.screenshots import save_png

    app = QApplication.instance()
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.open_path(sample)
    finish = next(row for row, page in enumerate(window.steps) if page.key == "finish")
    window.go_step(finish)
    page = window.steps[finish]
    page.show_pages()
    start = time.monotonic()
    while page.page_render.is_running() and time.monotonic() - start < 300:
        app.processEvents()
        time.sleep(0.05)
    for _ in range(5):
        app.processEvents()
    dialog = page.pages_dialog
    dialog.resize(900, 760)
    for _ in range(5):
        app.processEvents()
    save_png(dialog.grab(), target)
    dialog.close()
    window.document.undo_stack.setClean()
    window.close()


def main() -> None:
    from gui.app import create_application
    from gui.infographic_painter import write_png

    create_application([sys.argv[0]], install_hook=False)
    OUT.mkdir(parents=True, exist_ok=True)
    r2021 = draft.load(resource_path("samples", "sample-2021.json"))
    r2019 = draft.load(resource_path("samples", "sample-2019.json"))
    # The 2021 sample compared with the 2020 one (a different format: only matching figures get 较上年).
    write_png(build(r2021, r2019), OUT / "infographic-2021.png")
    write_png(build(r2019), OUT / "infographic-2019.png")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        page = render_html(r2021, tmp / "sample-2021.html")
        chromium_shot(page, OUT / "web-2021-desktop.png", 1100, 2600)
        chromium_shot(page, OUT / "web-2021-phone.png", 390, 2000)
        pdf = render_pdf(r2021, tmp / "sample-2021.pdf").path
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp / "pdf")], check=True)
        for old in OUT.glob("pdf-2021-*.png"):  # a report that got shorter leaves no stale page behind
            old.unlink()
        for png in sorted(tmp.glob("pdf-*.png")):
            shutil.copyfile(png, OUT / f"pdf-2021-{int(png.stem.split('-')[-1])}.png")
        sample = tmp / "示例.json"
        draft.save(r2021, sample)
        preview_shot(OUT / "preview-with-errors.png", sample)
        pages_shot(OUT / "page-preview.png", sample)
    print("\n".join(sorted(p.name for p in OUT.iterdir())))


if __name__ == "__main__":
    main()
