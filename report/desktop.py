"""Opening and printing a finished document with the programs of this desktop, honestly.

``open_document(path)`` and ``print_document(path)`` return ``Outcome``: whether it
happened and a Chinese sentence that says only what did happen (a program was
started, the document was handed to the print verb), never that something was
printed when nothing can know it.  Qt-free, so the command line and the GUI
share it; the programs are found without any network access:

- Windows: the file's association (``os.startfile``, verbs ``open`` / ``print``);
  without one, Word, WPS or LibreOffice at their usual install paths.
- Linux (信创 desktops): ``xdg-open`` when the desktop has a default
  application for the type, else LibreOffice or WPS (PATH, then known paths).
  Printing opens the document in LibreOffice or WPS, where the clerk chooses
  the printer and the copies (Ctrl+P); with no printer configured (CUPS
  ``lpstat``) it says so instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Seconds to watch a started program for an immediate failure.
_SETTLE = 0.8
_MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".png": "image/png",
}
_LINUX_PROGRAMS = (
    ("LibreOffice", ("soffice", "libreoffice"), ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice")),
    ("WPS 文字", ("wps",), ("/opt/kingsoft/wps-office/office6/wps", "/usr/bin/wps")),
)
_WINDOWS_PROGRAMS = (
    ("Microsoft Word", (r"Microsoft Office\root\Office16\WINWORD.EXE", r"Microsoft Office\Office16\WINWORD.EXE",
                        r"Microsoft Office\root\Office15\WINWORD.EXE")),
    ("WPS 文字", (r"Kingsoft\WPS Office\office6\wps.exe", r"WPS Office\office6\wps.exe")),
    ("LibreOffice", (r"LibreOffice\program\soffice.exe",)),
)
NO_PROGRAM = "这台电脑上没有找到能打开「{name}」的程序。请安装 WPS Office、Microsoft Word 或 LibreOffice（免费）后重试。"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    program: str = ""


def _start(args: list[str], program: str) -> Outcome | None:
    """Start ``args``; ``None`` when it could not start or failed at once."""
    kwargs: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if sys.platform != "win32":
        kwargs["start_new_session"] = True  # outlives this program, never killed with it
    try:
        proc = subprocess.Popen(args, **kwargs)
    except OSError:
        return None
    try:
        code = proc.wait(timeout=_SETTLE)
    except subprocess.TimeoutExpired:
        return Outcome(True, "", program)  # still running: the program has the document
    return Outcome(True, "", program) if code == 0 else None


def _linux_programs() -> list[tuple[str, str]]:
    found = []
    for name, commands, paths in _LINUX_PROGRAMS:
        path = next((p for p in (shutil.which(c) for c in commands) if p), None)
        path = path or next((p for p in paths if os.path.isfile(p) and os.access(p, os.X_OK)), None)
        if path:
            found.append((name, path))
    return found


def _windows_programs() -> list[tuple[str, str]]:
    found = []
    bases = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA")]
    for name, rels in _WINDOWS_PROGRAMS:
        for base in filter(None, bases):
            hit = next((os.path.join(base, r) for r in rels if os.path.isfile(os.path.join(base, r))), None)
            if hit:
                found.append((name, hit))
                break
    return found


def _has_default_application(path: Path) -> bool:
    """Does the desktop associate a program with this file type (``xdg-mime query default``)?"""
    mime = _MIME.get(path.suffix.lower())
    query = shutil.which("xdg-mime")
    if mime is None or query is None:
        return shutil.which("xdg-open") is not None and mime is None
    try:
        out = subprocess.run([query, "query", "default", mime], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and bool(out.stdout.strip())


def open_document(path: str | os.PathLike) -> Outcome:
    """Open ``path`` in the desktop's program for it, or in LibreOffice / WPS / Word found on the machine."""
    path = Path(path)
    if not path.exists():
        return Outcome(False, f"找不到文件「{path}」，可能已被移动或删除。")
    if sys.platform == "win32":
        try:
            os.startfile(str(path))  # type: ignore[attr-defined]
            return Outcome(True, f"已打开「{path.name}」。", "系统默认程序")
        except OSError:
            pass
        for name, exe in _windows_programs():
            if _start([exe, str(path)], name):
                return Outcome(True, f"已用 {name} 打开「{path.name}」。", name)
        return Outcome(False, NO_PROGRAM.format(name=path.name))
    opener = shutil.which("xdg-open") or shutil.which("open")
    if opener and (sys.platform == "darwin" or _has_default_application(path)):
        if _start([opener, str(path)], "系统默认程序"):
            return Outcome(True, f"已打开「{path.name}」。", "系统默认程序")
    if path.suffix.lower() in (".docx", ".pdf", ".html"):
        for name, exe in _linux_programs():
            if _start([exe, str(path)], name):
                return Outcome(True, f"已用 {name} 打开「{path.name}」。", name)
    return Outcome(False, NO_PROGRAM.format(name=path.name))


def printers() -> list[str] | None:
    """The printers CUPS knows (``lpstat -e``), or ``None`` when that cannot be asked (no CUPS tools)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    try:
        out = subprocess.run([lpstat, "-e"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]


NO_PRINTER = ("这台电脑上没有可用的打印机。请先在系统设置中添加打印机；"
              "或点「导出 PDF」保存后，在有打印机的电脑上打印。")


def print_document(path: str | os.PathLike) -> Outcome:
    """Bring ``path`` to printing: the print verb on Windows, the word processor's print dialog elsewhere."""
    path = Path(path)
    if not path.exists():
        return Outcome(False, f"找不到文件「{path}」，可能已被移动或删除。")
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
        except OSError as exc:
            opened = open_document(path)
            if opened.ok:
                return Outcome(False, f"无法直接打印（{exc.strerror or exc}）。{opened.message}请在其中按 Ctrl+P 打印。",
                               opened.program)
            return Outcome(False, f"无法打印：没有能打印「{path.name}」的程序。请安装 WPS Office、Microsoft Word 或 LibreOffice。")
        return Outcome(True, "已交给 Word/WPS 打印到默认打印机。如需选择打印机或份数，请点「打开文档」后按 Ctrl+P。")
    known = printers()
    if known is not None and not known:
        return Outcome(False, NO_PRINTER)
    for name, exe in _linux_programs():
        if _start([exe, str(path)], name):
            return Outcome(True, f"已在 {name} 中打开「{path.name}」：请按 Ctrl+P，选择打印机和份数后打印。", name)
    opened = open_document(path)
    if opened.ok:
        return Outcome(True, f"{opened.message}请在其中按 Ctrl+P，选择打印机和份数后打印。", opened.program)
    return Outcome(False, "无法打印：" + NO_PROGRAM.format(name=path.name))
