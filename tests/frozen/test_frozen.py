"""The frozen one-folder bundle (make dist) runs its self-test and the command line.

Locally these skip when no bundle was built; with CI=true a missing bundle fails.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from tests.needs import tool_or_fail, unavailable

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "xxgk-report"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.frozen


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (BUNDLE / f"xxgk{EXE}").exists():
        unavailable("dist/xxgk-report 不存在：CI 中必须先 make dist")
    return BUNDLE


def run(args, platform="offscreen", **kw):
    # No PYTHONIOENCODING: the programs themselves write UTF-8 when their output is redirected.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHONIO")}
    env["QT_QPA_PLATFORM"] = platform
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env, **kw)


def test_frozen_gui_self_test(bundle, tmp_path):
    out = run([str(bundle / f"xxgk-gui{EXE}"), "--self-test"], cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "自检通过" in out.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="X11 is the Linux desktop")
def test_frozen_gui_self_test_on_an_x_screen(bundle, tmp_path):
    """The xcb platform plugin with the libraries the bundle keeps (and those it leaves to the system)."""
    tool_or_fail("xvfb-run", "CI 中必须先运行 scripts/install-system-deps.sh")
    out = run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", str(bundle / "xxgk-gui"), "--self-test"],
              platform="xcb", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "自检通过" in out.stdout and "主窗口已显示" in out.stdout


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


def test_bundle_carries_the_licence_and_the_help(bundle):
    internal = bundle / "_internal"
    assert "MIT License" in (internal / "LICENSE").read_text(encoding="utf-8")
    assert "给填报人员和审核人员" in (internal / "README.md").read_text(encoding="utf-8")
