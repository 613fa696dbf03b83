"""Screenshots of every step with a filled sample: ``python -m gui.screenshots OUT_DIR [SAMPLE]``.

Run under Xvfb (``xvfb-run -a``) or offscreen; the window is 1366×768,
the size of the smallest screens clerks still use.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


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

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        path = out_dir / f"{name}.png"
        window.grab().save(str(path), "PNG")
        written.append(path)

    shot("00-start")
    window.open_path(sample)
    window.resize(*size)
    names = {"basic": "basic", "finish": "finish"}
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
    document.undo_stack.setClean()
    return written


def main(argv: list[str]) -> int:
    from report.resources import resource_path

    out = Path(argv[0]) if argv else Path("docs/screenshots")
    sample = Path(argv[1]) if len(argv) > 1 else resource_path("samples", "sample-2021.json")
    for path in take(out, sample):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
