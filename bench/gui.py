"""GUI figures: cold start of the wizard vs a bare PySide6 window; one cell edit end to end; one autosave."""

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .timing import median_seconds, ms

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
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


def _once(args: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _starts(env: dict) -> tuple[float, float, float, float]:
    """Median whole-process wall and CPU times of the wizard and of a bare window.

    The runs are interleaved so that a busy machine slows both alike.  The CPU time
    is the steadier figure on a shared machine (waiting for a core does not count).
    Both start from compiled bytecode, as an installed or frozen program does
    (``PYTHONDONTWRITEBYTECODE`` would otherwise make every run compile the wizard).
    """
    compileall.compile_dir(str(ROOT / "gui"), quiet=1)
    compileall.compile_dir(str(ROOT / "report"), quiet=1)
    wizard, bare = [], []
    for _ in range(RUNS):
        wizard.append(_once(["-m", "gui", "--quit-after-show"], env))
        bare.append(_once(["-c", BARE_WINDOW], env))
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    return med(wizard, 0), med(bare, 0), med(wizard, 1), med(bare, 1)


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
    autosave = _autosave_cost(window)
    window.document.undo_stack.setClean()
    window.close()
    return only, painted, autosave


def _autosave_cost(window) -> tuple[float, float]:
    """One autosave of the full sample report: the GUI thread's part (serialise, hand to the writer
    thread — what the clerk's typing waits for) and the whole write (temp file, fsync, rename)."""
    saver = window.autosaver
    saver.throttle.stop()

    def in_background():
        saver._dirty = True
        assert saver.save_in_background()

    def whole():
        saver._dirty = True
        assert saver.save_now()

    gui_thread = median_seconds(in_background, repeat=9, number=5)
    saver.flush()
    return gui_thread, median_seconds(whole, repeat=9, number=3)


def run():
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        wizard, bare, wizard_cpu, bare_cpu = _starts(env)
        edit, edit_painted, autosave = _cell_edit(tmp)
    ratio = wizard / bare if bare else float("nan")
    cpu_ratio = wizard_cpu / bare_cpu if bare_cpu else float("nan")
    return [
        (f"冷启动到主窗口显示（python -m gui，{RUNS} 次中位数）", f"{ms(wizard)}  (目标 < 1000 ms)"),
        (f"空白 PySide6 主窗口冷启动（{RUNS} 次中位数）", ms(bare)),
        ("启动时间之比（本程序 / 空白窗口）", f"{ratio:.2f}  (目标 ≤ 1.5)"),
        ("启动 CPU 时间之比（本程序 / 空白窗口）", f"{cpu_ratio:.2f}  ({ms(wizard_cpu)} / {ms(bare_cpu)}，目标 ≤ 1.5)"),
        ("改一个单元格 → 合计、检查结果全部更新", f"{ms(edit)}  (目标 < 16 ms)"),
        ("改一个单元格 → 更新并重绘", ms(edit_painted)),
        ("自动保存一次：界面线程（序列化并交给写入线程）", f"{ms(autosave[0])}  (目标 < 10 ms)"),
        ("自动保存一次：完整写入（后台线程，含 fsync）", ms(autosave[1])),
    ]
