"""The frozen one-folder bundle (make dist) runs its self-test and the command line.

Locally these skip when no bundle was built; with CI=true a missing bundle fails.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "xxgk-report"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.frozen


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (BUNDLE / f"xxgk{EXE}").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("dist/xxgk-report 不存在：CI 中必须先 make dist")
        pytest.skip("no frozen bundle; run make dist")
    return BUNDLE


def run(args, **kw):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env, **kw)


def test_frozen_gui_self_test(bundle, tmp_path):
    out = run([str(bundle / f"xxgk-gui{EXE}"), "--self-test"], cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "自检通过" in out.stdout


def test_frozen_cli_renders_a_sample(bundle, tmp_path):
    sample = ROOT / "resources" / "samples" / "sample-2021.json"
    target = tmp_path / "样例.docx"
    out = run([str(bundle / f"xxgk{EXE}"), "render", str(sample), "-o", str(target)], cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    doc = Document(target)
    assert len(doc.tables) >= 3
    check = run([str(bundle / f"xxgk{EXE}"), "check", str(sample)], cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "共 0 个错误" in check.stdout or "检查通过" in check.stdout


def test_bundle_holds_templates_and_chinese_qt(bundle):
    internal = bundle / "_internal"
    assert (internal / "templates").is_dir()
    assert list((internal / "templates").glob("*.docx"))
    assert list(internal.rglob("qtbase_zh_CN.qm"))
    assert not [p for p in internal.rglob("qtbase_*.qm") if "zh_CN" not in p.name]
    assert not list(internal.rglob("*Qt6Quick*")) and not list(internal.rglob("*Qt6Qml*"))
