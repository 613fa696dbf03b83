"""GUI figures: cold start of the wizard vs a bare PySide6 window; one cell edit end to end."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .timing import median_seconds, ms

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow()\n"
    "w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "sys.exit(app.exec())\n"
)


def _env(data_dir: str) -> dict:
    return {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "XXGK_DATA_DIR": data_dir}


def _once(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _starts(env: dict) -> tuple[float, float]:
    """Median whole-process times of the wizard and of a bare window.

    The runs are interleaved so that a busy machine slows both alike.
    """
    wizard, bare = [], []
    for _ in range(RUNS):
        wizard.append(_once(["-m", "gui", "--quit-after-show"], env))
        bare.append(_once(["-c", BARE_WINDOW], env))
    return statistics.median(wizard), statistics.median(bare)


def _cell_edit(data_dir: str):
    os.environ["XXGK_DATA_DIR"] = data_dir
    from gui.app import create_application
    from gui.document import ReportDocument
    from gui.main_window import MainWindow
    from report import draft
    from report.resources import resource_path

    app = create_application([sys.argv[0]], install_hook=False)
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.set_document(ReportDocument(draft.load(resource_path("samples", "sample-2021.json"))))
    row = next(i for i, p in enumerate(window.steps) if "applications" in getattr(p, "tables", {}))
    window.go_step(row)
    view = window.steps[row].tables["applications"]
    model = view.model()
    index = model.index_of("applications.new_received.natural")
    app.processEvents()
    counter = iter(range(10_000, 10**9))

    def edit_only():
        model.setData(index, str(next(counter)))

    def edit_and_paint():
        model.setData(index, str(next(counter)))
        app.processEvents()  # the repaint of the table, the findings list and the step list

    only = median_seconds(edit_only, repeat=9, number=20)
    painted = median_seconds(edit_and_paint, repeat=9, number=20)
    window.document.undo_stack.setClean()
    window.close()
    return only, painted


def run():
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        wizard, bare = _starts(env)
        edit, edit_painted = _cell_edit(tmp)
    ratio = wizard / bare if bare else float("nan")
    return [
        (f"冷启动到主窗口显示（python -m gui，{RUNS} 次中位数）", f"{ms(wizard)}  (目标 < 1000 ms)"),
        (f"空白 PySide6 主窗口冷启动（{RUNS} 次中位数）", ms(bare)),
        ("启动时间之比（本程序 / 空白窗口）", f"{ratio:.2f}  (目标 ≤ 2)"),
        ("改一个单元格 → 合计、检查结果全部更新", f"{ms(edit)}  (目标 < 16 ms)"),
        ("改一个单元格 → 更新并重绘", ms(edit_painted)),
    ]
