"""Standard streams never crash on Chinese (report/stdio.py), redirected or on a terminal."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT = "from report.stdio import configure_std_streams; configure_std_streams(); print('米易县𬌗鱼乡')"


def test_redirected_output_is_utf8_whatever_the_code_page():
    # PYTHONIOENCODING stands in for Windows' ANSI code page of a redirected stream.
    for legacy in ("gbk", "cp1252", "ascii"):
        env = {**os.environ, "PYTHONIOENCODING": legacy}
        out = subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, timeout=60)
        assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
        assert out.stdout.decode("utf-8") == "米易县𬌗鱼乡\n"


def test_without_the_fix_the_legacy_code_page_crashes():
    """The failure the function prevents, so the test above can fail."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    out = subprocess.run([sys.executable, "-c", "print('𬌗')"], env=env, capture_output=True, timeout=60)
    assert out.returncode != 0 and b"UnicodeEncodeError" in out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_a_terminal_keeps_its_encoding_and_replaces_what_it_cannot_show():
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal whose encoding cannot show Chinese
        os.environ["PYTHONIOENCODING"] = "ascii"
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-c", PRINT])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert output.strip() == b"??????"  # not UTF-8 bytes, which a legacy console shows as mojibake
