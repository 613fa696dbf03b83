"""The NSIS installer under Wine, as an IT department runs it: silent install over an older version,
the installed programs run, silent uninstall; the clerk's drafts and data survive both.

The tests of this module run in order on one installation (made by the ``installed`` fixture).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import winebox
from winebox import winpath

pytestmark = pytest.mark.windows

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_ZH = "政府信息公开工作年度报告填报助手"
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\xxgk-report"
OLD_VERSION = "0.0.1"

sys.path.insert(0, str(ROOT / "packaging" / "windows"))


def _program_folder() -> Path:
    return winebox.user_folder("AppData/Local/Programs/xxgk-report")


def _shortcuts() -> list[Path]:
    return [
        winebox.user_folder("Desktop") / f"{PRODUCT_ZH}.lnk",
        winebox.user_folder("AppData/Roaming/Microsoft/Windows/Start Menu/Programs") / f"{PRODUCT_ZH}.lnk",
    ]


def _entry(wine) -> dict[str, str]:
    """The 应用和功能 entry, read with reg.exe (which writes the ANSI code page)."""
    out = wine(["reg", "query", UNINSTALL_KEY], codepage=936, encoding="gbk")
    if out.returncode != 0:
        return {}
    values = {}
    for line in out.stdout.splitlines():
        parts = line.strip().split(None, 2)
        if len(parts) == 3 and parts[1].startswith("REG_"):
            values[parts[0]] = parts[2]
    return values


def _install(wine, setup: Path) -> None:
    start = time.monotonic()
    out = wine([setup, "/S"], timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    print(f"{setup.name}: silent install {time.monotonic() - start:.0f} s")


def _uninstall_if_present(wine) -> None:
    uninstaller = _program_folder() / "uninstall.exe"
    if uninstaller.exists():
        wine([uninstaller, "/S"], timeout=300)
        _wait_until(lambda: not uninstaller.exists(), 300)


def _wait_until(condition, timeout: float) -> bool:
    """NSIS's uninstaller copies itself to %TEMP% and returns at once; the copy does the work."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


@pytest.fixture(scope="module")
def installed(wine, bundle, setup_exe):
    """An older version installed, the clerk's files written, then this version installed over it."""
    import dist_windows

    _uninstall_if_present(wine)
    # The older version: this bundle plus a file the new version no longer has (hard links, no copy).
    old = winebox.scratch("installer-old-version")
    old_bundle = old / "xxgk-report"
    shutil.copytree(bundle, old_bundle, copy_function=os.link)
    (old_bundle / "_internal" / "stale-from-0.0.1.txt").write_text("old", encoding="utf-8")
    old_setup = dist_windows.make_installer(OLD_VERSION, old, compress="zlib", bundle_dir=old_bundle)
    _install(wine, old_setup)
    assert _entry(wine).get("DisplayVersion") == OLD_VERSION
    assert (_program_folder() / "_internal" / "stale-from-0.0.1.txt").exists()
    # What the clerk has: a draft in Documents, the program's own files in the user data folder.
    draft = winebox.user_folder("Documents") / "年度报告" / "米易县2021年度报告.json"
    draft.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "resources" / "samples" / "sample-2021.json", draft)
    data = winebox.user_folder("AppData/Local/xxgk-report")
    data.mkdir(parents=True, exist_ok=True)
    (data / "ui-settings.ini").write_text("[recent]\nfiles=草稿.json\n", encoding="utf-8")
    (data / "autosave.json").write_text("{}", encoding="utf-8")
    clerk_files = {draft: draft.read_bytes(), **{p: p.read_bytes() for p in data.iterdir()}}
    _install(wine, setup_exe)
    yield {"draft": draft, "clerk_files": clerk_files}
    _uninstall_if_present(wine)


def test_upgrade_replaced_the_program_and_kept_the_clerks_files(installed, bundle):
    folder = _program_folder()
    assert not (folder / "_internal" / "stale-from-0.0.1.txt").exists(), "a file of the old version was left"
    assert (folder / "xxgk-gui.exe").read_bytes() == (bundle / "xxgk-gui.exe").read_bytes()
    assert (folder / "uninstall.exe").exists()
    installed_files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    bundle_files = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert installed_files == bundle_files | {"uninstall.exe"}
    for path, content in installed["clerk_files"].items():
        assert path.read_bytes() == content, f"the upgrade changed {path}"


def test_apps_and_features_entry(installed, wine):
    import report

    entry = _entry(wine)
    assert entry["DisplayName"] == PRODUCT_ZH
    assert entry["DisplayVersion"] == report.__version__
    location = entry["InstallLocation"]
    assert location.lower().endswith(r"\appdata\local\programs\xxgk-report")
    assert entry["UninstallString"] == f'"{location}\\uninstall.exe"'
    assert entry["QuietUninstallString"] == f'"{location}\\uninstall.exe" /S'
    assert int(entry["EstimatedSize"], 16) * 1024 > 50 * 2**20  # KB, about the bundle's size


def test_shortcuts_start_the_installed_program(installed):
    for link in _shortcuts():
        assert link.exists(), link
        target = "xxgk-report\\xxgk-gui.exe".encode("utf-16-le")
        data = link.read_bytes()
        assert target in data or b"xxgk-report\\xxgk-gui.exe" in data, f"{link} does not start xxgk-gui.exe"


def test_installed_programs_run(installed, wine):
    folder = _program_folder()
    checked = wine([folder / "xxgk.exe", "check", winpath(installed["draft"])])
    assert checked.returncode == 0 and "检查通过" in checked.stdout, checked.stdout + checked.stderr
    # As the README tells the clerk to run it (the default platform, no screen needed).
    selftest = wine([folder / "xxgk-gui.exe", "--self-test"], timeout=300)
    assert selftest.returncode == 0 and "自检通过" in selftest.stdout, selftest.stdout + selftest.stderr


def test_silent_uninstall_removes_the_program_and_keeps_the_clerks_files(installed, wine):
    folder = _program_folder()
    out = wine([folder / "uninstall.exe", "/S"], timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert _wait_until(lambda: not folder.exists(), 300), sorted(str(p) for p in folder.rglob("*"))[:10]
    assert not [link for link in _shortcuts() if link.exists()]
    assert _entry(wine) == {}
    for path, content in installed["clerk_files"].items():
        assert path.read_bytes() == content, f"the uninstaller touched {path}"
    assert json.loads(installed["draft"].read_text(encoding="utf-8"))["format"] == "2021"
