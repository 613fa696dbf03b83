"""Shipping budgets of the one-folder bundles: Linux (make dist) size, cold start, memory; Windows (make dist-windows) size."""

import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "xxgk-report"
SAMPLE = ROOT / "resources" / "samples" / "sample-2021.json"


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _run_child(args) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of one whole-process run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{args} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss * 1024


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC symbol version any file of the bundle needs (objdump, binutils)."""
    import re
    import shutil

    if not shutil.which("objdump"):
        return "未知（没有 objdump）"
    newest = (0, 0)
    for p in bundle.rglob("*"):
        if not p.is_file() or p.is_symlink() or not (p.suffix in (".so", "") or ".so." in p.name):
            continue
        with p.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["objdump", "-T", str(p)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            newest = max(newest, (int(major), int(minor)))
    return f"glibc {newest[0]}.{newest[1]}"


def run():
    return run_x86_64() + linux_floors() + windows_figures()


def run_x86_64():
    gui = BUNDLE / "xxgk-gui"
    if not gui.exists():
        return [("Linux 程序包", "未构建（先运行 make dist）")]
    total = _size(BUNDLE)
    internal = BUNDLE / "_internal"
    parts = sorted(((_size(p), p.relative_to(BUNDLE)) for p in internal.rglob("*") if p.is_file() and not p.is_symlink()), reverse=True)[:5]
    biggest = ", ".join(f"{p.name} {s / 2**20:.1f} MB" for s, p in parts)
    _run_child([str(gui), "--quit-after-show"])  # warm the page cache once
    starts = [_run_child([str(gui), "--quit-after-show"])[0] for _ in range(5)]
    rss = [_run_child([str(gui), "--quit-after-show", str(SAMPLE)])[1] for _ in range(3)]
    tarballs = sorted((ROOT / "dist").glob("xxgk-report-*-linux-*.tar.gz"))
    figures = [
        ("Linux 程序包大小（目标 < 120 MB）", f"{total / 2**20:.1f} MB"),
        ("  其中最大的文件", biggest),
        ("冻结程序冷启动到首个窗口（目标 < 1.0 s）", f"{statistics.median(starts) * 1000:.0f} ms"),
        ("载入样例报告后的内存 RSS（目标 < 150 MB）", f"{statistics.median(rss) / 2**20:.0f} MB"),
    ]
    figures.append(("程序包需要的最低 glibc 版本", glibc_needed(BUNDLE)))
    if tarballs:
        figures.append(("  压缩包 " + tarballs[-1].name, f"{tarballs[-1].stat().st_size / 2**20:.1f} MB"))
    return figures


# --- Windows bundle (make dist-windows; built and tested under Wine, so only its size is measured here) ---
WINDOWS_BUNDLE = ROOT / "dist" / "windows" / "xxgk-report"


def du_sm(path: Path) -> int:
    """``du -sm``: disk usage in MiB, rounded up as du rounds."""
    out = subprocess.run(["du", "-sm", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def windows_figures():
    figures = []
    for arch, bundle in (("x86_64", BUNDLE), ("aarch64", ROOT / "dist" / "linux-aarch64" / "xxgk-report")):
        if bundle.exists():
            figures.append((f"Linux {arch} 程序包 du -sm（目标 ≤ 120 MB）", f"{du_sm(bundle)} MB"))
    if not (WINDOWS_BUNDLE / "xxgk-gui.exe").exists():
        return figures + [("Windows 程序包", "未构建（先运行 make dist-windows）")]
    files = [p for p in WINDOWS_BUNDLE.rglob("*") if p.is_file()]
    parts = sorted(((p.stat().st_size, p) for p in files), reverse=True)[:5]
    figures += [
        ("Windows 程序包大小", f"{sum(p.stat().st_size for p in files) / 2**20:.1f} MB（du -sm {du_sm(WINDOWS_BUNDLE)} MB）"),
        ("  其中最大的文件", ", ".join(f"{p.name} {size / 2**20:.1f} MB" for size, p in parts)),
        ("  opengl32sw.dll（软件 OpenGL，20 MB）", "未打包：程序不使用 OpenGL" if not list(
            WINDOWS_BUNDLE.rglob("opengl32sw.dll")) else "已打包"),
    ]
    for pattern in ("xxgk-report-*-windows-x86_64.zip", "xxgk-report-*-setup.exe"):
        found = sorted((ROOT / "dist").glob(pattern))
        if found:
            figures.append(("  " + found[-1].name, f"{found[-1].stat().st_size / 2**20:.1f} MB"))
    return figures


# --- Both Linux bundles (issue 14): size and glibc floor, with the library that holds it ---
ARM64_BUNDLE = ROOT / "dist" / "linux-aarch64" / "xxgk-report"


def linux_floors():
    import runpy

    elf = runpy.run_path(str(ROOT / "packaging" / "elfinfo.py"))
    figures = []
    for arch, bundle in (("x86_64", BUNDLE), ("aarch64", ARM64_BUNDLE)):
        if not (bundle / "xxgk").exists():
            figures.append((f"Linux {arch} 程序包", f"未构建（先运行 make {'dist' if arch == 'x86_64' else 'dist-arm64'}）"))
            continue
        infos = elf["elf_files"](bundle)
        figures.append((f"Linux {arch} 程序包大小", f"{_size(bundle) / 2**20:.1f} MB"))
        tarballs = sorted((ROOT / "dist").glob(f"xxgk-report-*-linux-{arch}.tar.gz"))
        if tarballs:
            figures.append((f"  压缩包 {tarballs[-1].name}", f"{tarballs[-1].stat().st_size / 2**20:.1f} MB"))
        for prefix, label in (("GLIBC_", "glibc"), ("GLIBCXX_", "libstdc++ GLIBCXX"), ("CXXABI_", "libstdc++ CXXABI")):
            version, _ = elf["newest"](infos, prefix)
            who = ", ".join(p.name for p in elf["holders"](infos, version, prefix)[:3])
            figures.append((f"  {arch} 需要的最低 {label}", f"{elf['dotted'](version)}（{who}）"))
        if arch == "aarch64":
            bad = elf["misaligned"](infos, 65536)
            figures.append(("  aarch64 未按 64 KiB 对齐的 ELF 段", f"{len(bad)} 个文件（共 {len(infos)} 个 ELF 文件）"))
    return figures
