"""The frozen bundle (make dist): the web page, the PDF (LibreOffice, read back and checked inside the bundle),
and 一图读懂 handed from xxgk to xxgk-gui --infographic.

Locally these skip when no bundle was built; with CI=true a missing bundle fails.
"""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.needs import unavailable

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "xxgk-report"
EXE = ".exe" if sys.platform == "win32" else ""
SAMPLE = ROOT / "resources" / "samples" / "sample-2021.json"

pytestmark = pytest.mark.frozen


@pytest.fixture(scope="module")
def xxgk() -> Path:
    program = BUNDLE / f"xxgk{EXE}"
    if not program.exists():
        unavailable("dist/xxgk-report 不存在：CI 中必须先 make dist")
    return program


def _run(args, cwd, timeout=180):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the job picks offscreen itself
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=cwd, env=env)


def test_frozen_cli_draws_the_infographic_through_the_gui_program(xxgk, tmp_path):
    out = tmp_path / "一图读懂.png"
    done = _run([str(xxgk), "infographic", str(SAMPLE), "-o", str(out)], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24])[0] == 1080


def test_frozen_cli_writes_the_web_page(xxgk, tmp_path):
    out = tmp_path / "报告.html"
    done = _run([str(xxgk), "render", str(SAMPLE), "-o", str(out)], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<table") == 3
    # Drawn from the .docx's plan (report/render/web.py): the sub-headings numbered as printed.
    assert "<h3>（一）主动公开</h3>" in text and "<h3>（一）存在的主要问题</h3>" in text


def test_frozen_cli_writes_the_pdf_and_checks_it(xxgk, tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    from pdf_text import page_count, tool_or_fail

    tool_or_fail("soffice")
    out = tmp_path / "报告.pdf"
    done = _run([str(xxgk), "render", str(SAMPLE), "-o", str(out)], tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已生成 PDF（由 LibreOffice 转换）" in done.stdout
    assert "PDF 中" not in done.stderr and "Traceback" not in done.stderr  # read back: nothing lost
    assert page_count(out) >= 4 and out.with_suffix(".docx").exists()
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in fonts  # the bundle's fontconfig reached LibreOffice
