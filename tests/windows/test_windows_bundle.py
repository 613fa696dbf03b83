"""What is inside the Windows bundle (make dist-windows), read with pefile: no file from Wine,
every DLL it needs either inside or part of Windows 10 itself, the version resource and the icon."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from pathlib import Path

import pefile
import pytest
import winebox

pytestmark = pytest.mark.windows

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_ZH = "政府信息公开工作年度报告填报助手"
WINE_LIB = Path("/usr/lib/x86_64-linux-gnu/wine")
#: What 64-bit Windows 10 (1809+) and 11 carry in System32 and the bundle imports from there.
#: icuuc.dll is Windows' own ICU (since 1703); under Wine a build-host-only stand-in takes its place.
WINDOWS_SYSTEM_DLLS = {
    "advapi32.dll", "authz.dll", "bcrypt.dll", "comctl32.dll", "comdlg32.dll", "d3d11.dll", "d3d12.dll",
    "d3d9.dll", "dwmapi.dll", "dwrite.dll", "dxgi.dll", "gdi32.dll", "icuuc.dll", "imm32.dll", "iphlpapi.dll",
    "kernel32.dll", "mpr.dll", "netapi32.dll", "ntdll.dll", "ole32.dll", "oleaut32.dll", "setupapi.dll",
    "rpcrt4.dll", "shell32.dll", "shlwapi.dll", "uiautomationcore.dll", "user32.dll", "userenv.dll", "uxtheme.dll",
    "version.dll", "winmm.dll", "ws2_32.dll", "wtsapi32.dll", "ucrtbase.dll",
}
#: API sets (api-ms-win-*) are names Windows resolves itself; these families exist on Windows 10.
API_SET_PREFIXES = ("api-ms-win-crt-", "api-ms-win-core-", "api-ms-win-shcore-")
STUB_MARKER = b"xxgk-report build-host stand-in for icuuc.dll"
WINE_MARKERS = (b"Wine builtin DLL", b"Wine placeholder DLL")


def _pe_files(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("*") if p.suffix.lower() in (".dll", ".pyd", ".exe"))


def _imports(path: Path) -> set[str]:
    pe = pefile.PE(str(path), fast_load=True)
    pe.parse_data_directories(directories=[
        pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"],
        pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT"],
    ])
    entries = getattr(pe, "DIRECTORY_ENTRY_IMPORT", []) + getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", [])
    return {e.dll.decode("ascii").lower() for e in entries}


def test_no_file_of_the_bundle_comes_from_wine(bundle):
    files = _pe_files(bundle)
    assert len(files) > 30
    assert not [p for p in bundle.rglob("*") if p.name.lower().startswith("icu")], "an ICU library in the bundle"
    sizes = {p.stat().st_size for p in bundle.rglob("*") if p.is_file()}
    for p in files:
        data = p.read_bytes()
        is_stub = STUB_MARKER in data
        assert not is_stub, f"{p.name} is the build host's icuuc.dll stand-in"
        assert not any(m in data[:1024] for m in WINE_MARKERS), f"{p.name} is one of Wine's own DLLs"
    # Byte for byte: no file of the bundle is a copy of a file of Wine or of the prefix's Windows folder.
    ours = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in bundle.rglob("*") if p.is_file()}
    for folder in (winebox.PREFIX / "drive_c" / "windows", WINE_LIB):
        for q in folder.rglob("*"):
            if q.is_file() and not q.is_symlink() and q.stat().st_size in sizes:
                digest = hashlib.sha256(q.read_bytes()).hexdigest()
                assert digest not in ours, f"{ours[digest].name} is a copy of {q}"
    # The stand-in is really where the marker check would see it, if it ever were shipped.
    stub = winebox.SYSTEM32 / "icuuc.dll"
    if stub.exists():
        assert STUB_MARKER in stub.read_bytes()


def test_every_dll_the_bundle_needs_is_inside_or_part_of_windows(bundle):
    inside = {p.name.lower() for p in bundle.rglob("*") if p.is_file()}
    unknown = {}
    for p in _pe_files(bundle):
        for name in _imports(p):
            if name in inside or name in WINDOWS_SYSTEM_DLLS or name.startswith(API_SET_PREFIXES):
                continue
            unknown.setdefault(name, []).append(p.name)
    assert not unknown, f"DLLs neither bundled nor part of Windows 10: {unknown}"


def test_unused_parts_stay_out(bundle):
    internal = bundle / "_internal"
    assert list(internal.rglob("qtbase_zh_CN.qm"))
    assert not [p for p in internal.rglob("qtbase_*.qm") if "zh_CN" not in p.name]
    assert not list(internal.rglob("opengl32sw.dll")), "Mesa's software OpenGL (20 MB) is for OpenGL users only"
    assert not list(internal.rglob("qdirect2d.dll"))
    assert list(internal.rglob("qwindows.dll"))
    for unused in ("Qt6Quick", "Qt6Qml", "Qt6Network", "Qt6OpenGL", "Qt6Pdf", "Qt6Svg"):
        assert not list(internal.rglob(f"{unused}*.dll")), unused
    assert list((internal / "templates").glob("*.docx"))
    assert not list(internal.rglob("_ssl.pyd")) and not list(internal.rglob("libssl*.dll"))


def _version_strings(path: Path) -> tuple[dict[str, str], tuple[int, int, int, int]]:
    pe = pefile.PE(str(path), fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
    strings: dict[str, str] = {}
    for info in pe.FileInfo[0]:
        if info.Key == b"StringFileInfo":
            for table in info.StringTable:
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    fixed = pe.VS_FIXEDFILEINFO[0]
    numbers = (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF, fixed.FileVersionLS >> 16,
               fixed.FileVersionLS & 0xFFFF)
    return strings, numbers


@pytest.mark.parametrize("program", ["xxgk-gui", "xxgk"])
def test_version_resource(bundle, program):
    import report

    strings, numbers = _version_strings(bundle / f"{program}.exe")
    assert strings["ProductName"] == PRODUCT_ZH and strings["FileDescription"] == PRODUCT_ZH
    assert strings["ProductVersion"] == report.__version__ == strings["FileVersion"]
    assert strings["OriginalFilename"] == f"{program}.exe"
    expected = tuple(int(x) for x in (report.__version__.split(".") + ["0"] * 4)[:4])
    assert numbers == expected


def _ico_images(data: bytes) -> list[bytes]:
    _reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert kind == 1
    images = []
    for i in range(count):
        size, offset = struct.unpack_from("<II", data, 6 + 16 * i + 8)
        images.append(data[offset:offset + size])
    return images


def _pe_icon_images(path: Path) -> list[bytes]:
    pe = pefile.PE(str(path), fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
    images = []
    for kind in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if kind.id != pefile.RESOURCE_TYPE["RT_ICON"]:
            continue
        for entry in kind.directory.entries:
            for lang in entry.directory.entries:
                images.append(pe.get_data(lang.data.struct.OffsetToData, lang.data.struct.Size))
    return images


@pytest.mark.parametrize("program", ["xxgk-gui", "xxgk"])
def test_icon_is_the_program_icon(bundle, program):
    expected = _ico_images((ROOT / "resources" / "icons" / "app.ico").read_bytes())
    assert len(expected) >= 3
    assert sorted(_pe_icon_images(bundle / f"{program}.exe")) == sorted(expected)


def test_zip_holds_the_bundle(bundle):
    import report

    path = ROOT / "dist" / f"xxgk-report-{report.__version__}-windows-x86_64.zip"
    assert path.exists()
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        assert z.testzip() is None
    on_disk = {"xxgk-report/" + p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert names == on_disk  # sizes: the summary line of tests/windows/conftest.py
