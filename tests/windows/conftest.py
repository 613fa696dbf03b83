"""The Windows bundle (make dist-windows) run under Wine: fixtures shared by tests/windows/.

Locally these tests skip when no Windows bundle was built; with CI=true a missing bundle,
Wine, Xvfb or locale fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.needs import unavailable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "windows"))

import winebox

BUNDLE = winebox.BUNDLE
DIST = ROOT / "dist"


def _version() -> str:
    import report

    return report.__version__


def _unavailable(reason: str):
    unavailable(f"{reason}：CI 中必须先 make dist-windows（scripts/install-system-deps.sh 安装 Wine 等）")


@pytest.fixture(scope="session")
def bundle() -> Path:
    for tool in ("wine", "wineserver", "Xvfb"):
        if not shutil.which(tool):
            _unavailable(f"{tool} not installed")
    if not (BUNDLE / "xxgk.exe").exists() or not winebox.PYTHON.exists():
        _unavailable("no Windows bundle or Wine prefix; run make dist-windows")
    for codepage in winebox.CODEPAGE_LOCALES:
        missing = winebox.locale_missing(codepage)
        if missing:
            _unavailable(missing)
    return BUNDLE


@pytest.fixture(scope="session")
def setup_exe(bundle) -> Path:
    path = DIST / f"xxgk-report-{_version()}-setup.exe"
    if not path.exists():
        _unavailable(f"{path.name} not built; run make dist-windows")
    return path


@pytest.fixture(scope="session")
def display(bundle):
    """One virtual screen for every Windows program of the session (Wine's desktop process stays bound to it)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    if not number:
        xvfb.kill()
        pytest.fail("Xvfb did not start")
    winebox.kill_server()  # a server left by the build has no screen
    winebox.start_server(f":{number}")
    yield f":{number}"
    winebox.kill_server()  # Windows processes (Wine's desktop among them) end before their screen does
    xvfb.terminate()
    xvfb.wait(timeout=30)


@pytest.fixture(scope="session")
def wine(bundle, display):
    """``wine(args, codepage=936, timeout=...)``: a Windows program run on the session's screen."""

    def run(args, *, codepage: int = 936, timeout: float = 180, cwd=None, env=None, encoding="utf-8"):
        return winebox.run(args, codepage=codepage, timeout=timeout, display=display, cwd=cwd, env=env,
                           encoding=encoding)

    return run


@pytest.fixture
def work(request) -> Path:
    """An empty folder for the test's files, inside the project: the only host folder Wine's drives reach."""
    return winebox.scratch(re.sub(r"[^\w.-]+", "_", request.node.name))


def pytest_terminal_summary(terminalreporter):
    """The sizes of what a clerk downloads, printed after every run that has them."""
    if not BUNDLE.exists():
        return
    mb = 2**20
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file())
    parts = [f"Windows 程序包 dist/windows/xxgk-report {size / mb:.1f} MB"]
    for name in (f"xxgk-report-{_version()}-windows-x86_64.zip", f"xxgk-report-{_version()}-setup.exe"):
        path = DIST / name
        if path.exists():
            parts.append(f"{name} {path.stat().st_size / mb:.1f} MB")
    terminalreporter.write_line("；".join(parts))
