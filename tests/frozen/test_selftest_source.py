"""``xxgk-gui --self-test`` from source: the same checks the frozen bundles run in CI."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The self-test as ``xxgk-gui --self-test`` runs it, then the files the process still holds open.
RUN = textwrap.dedent("""
    import os, sys
    from gui.__main__ import main
    code = main(["--self-test"])
    held = []  # Linux shows them in /proc; Windows refuses to remove the folder instead (a [失败] line)
    for fd in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else ():
        try:
            held.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the descriptor listdir itself used
            pass
    print("HELD-OPEN:", [p for p in held if "xxgk-selftest-" in p])
    sys.exit(code)
""")


def test_self_test_from_source(tmp_path):
    # GBK stands in for the ANSI code page Windows gives a redirected stream (𬌗 is not in it);
    # the temp folder is watched: the self-test must remove it, every file in it closed first.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "gbk", "TMPDIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", RUN],
        cwd=ROOT, env=env, capture_output=True, timeout=180,
    )
    stdout = out.stdout.decode("utf-8")  # UTF-8 although the stream started as GBK
    assert out.returncode == 0, stdout + out.stderr.decode("utf-8", "replace")
    assert "自检通过" in stdout
    assert "内嵌草稿：200 个数字全部一致" in stdout
    assert "按文档表格读回：198 个数字全部一致" in stdout
    assert "𬌗" in stdout
    assert "[失败]" not in stdout
    assert "HELD-OPEN: []" in stdout, "a file in the self-test's temp folder was still open when it was removed"
    assert not list(tmp_path.iterdir()), "the self-test left files behind"
