"""The wizard survives a long session even on a PySide6 that drops references to None."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LONG_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from gui.app import create_application
from gui.document import ReportDocument
from gui.table_model import GridTableModel
from report.model import Report
app = create_application([], install_hook=False)
doc = ReportDocument(Report.new(2021, "某县"))
model = GridTableModel(doc, "applications")
index = model.index_of("applications.new_received.natural")
for i in range(3000):  # a long day of typing: each edit makes ~100 void Qt calls
    model.setData(index, str(i))
print("ok", doc.report.values["applications.new_received.natural"])
"""


def test_three_thousand_edits_do_not_crash(tmp_path):
    env = {"XXGK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", LONG_SESSION],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok 2999"


def test_guard_only_acts_when_needed(app):
    from gui import refcount_guard

    before = sys.getrefcount(None)
    acted = refcount_guard.install()
    assert acted == (sys.version_info < (3, 12) and refcount_guard.drops_none_references())
    if not acted:
        assert abs(sys.getrefcount(None) - before) < 1000
