"""``xxgk-gui --self-test`` from source: the same checks the frozen bundle runs in CI."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_from_source(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run(
        [sys.executable, "-m", "gui", "--self-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=180,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "自检通过" in out.stdout
    assert "内嵌草稿：200 个数字全部一致" in out.stdout
    assert "按文档表格读回：198 个数字全部一致" in out.stdout
    assert "[失败]" not in out.stdout
