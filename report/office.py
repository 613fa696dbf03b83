"""Finding a word processor on the machine and converting documents through it.

Both directions go through here: an old document (.doc, .wps, .rtf, .odt) to
.docx for the importer, and later our .docx to .pdf for export.  The word
processors, in order of preference:

- Windows: Microsoft Word (``Word.Application``) and WPS 文字
  (``KWps.Application``, older releases ``WPS.Application``) through their
  automation interface, driven with comtypes (pure Python, late-bound, so
  nothing is generated on the user's disk); then LibreOffice.
- Elsewhere (Linux, 信创 desktops): LibreOffice headless.

Each LibreOffice run gets a profile folder of its own (parallel runs sharing one
fail), the output file is the only proof of success (``soffice`` exits 0 after
writing nothing), and every conversion has a timeout after which the process
group is killed.  The source is copied into the temporary folder first, under
an ASCII name, so that a path LibreOffice or Word cannot take (non-ASCII on an
old code page, a file locked by an open Word) is never a reason to fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

#: Seconds one conversion may take (a 40-page report takes 2–5 s).
DEFAULT_TIMEOUT = 120.0
#: Environment variable naming soffice explicitly (portable LibreOffice, tests).
SOFFICE_ENV = "XXGK_SOFFICE"

#: Formats a conversion can produce, with the names each converter gives them.
TARGETS = {
    # LibreOffice filter, Word's WdSaveFormat
    "docx": ("docx:MS Word 2007 XML", 16),
    "pdf": ("pdf:writer_pdf_Export", 17),
}

#: What to install, said when no word processor is found.
INSTALL_HINT = "请安装 WPS Office、Microsoft Word 或 LibreOffice（免费）中的任意一个后重试"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Converter:
    kind: str  # "word" | "wps" | "libreoffice"
    name: str  # as the user knows it
    target: str  # a ProgID for word/wps, the soffice path for libreoffice


class ConversionError(UserError):
    """A word processor was found but did not produce the file."""


class NoConverter(UserError):
    """No word processor on this machine."""


# --- finding ---------------------------------------------------------------------


def _windows_progids() -> list[Converter]:
    if sys.platform != "win32":
        return []
    import winreg

    found = []
    for kind, name, progids in (
        ("word", "Microsoft Word", ("Word.Application",)),
        ("wps", "WPS 文字", ("KWps.Application", "WPS.Application")),
    ):
        for progid in progids:
            try:
                with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, progid + r"\CLSID"):
                    found.append(Converter(kind, name, progid))
                    break
            except OSError:
                continue
    return found


def _soffice_candidates() -> list[str]:
    env = os.environ.get(SOFFICE_ENV)
    if env is not None:
        return [env] if env else []  # empty: LibreOffice deliberately not used (tests)
    out = [shutil.which(n) for n in ("soffice", "libreoffice")]
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"), os.environ.get("ProgramFiles(x86)", "")):
            if base:
                out.append(os.path.join(base, "LibreOffice", "program", "soffice.exe"))
    elif sys.platform == "darwin":
        out.append("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    else:
        out += ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]
        try:
            out += sorted(str(p / "program" / "soffice") for p in Path("/opt").glob("libreoffice*"))
        except OSError:
            pass
    return [p for p in out if p]


def find_converters() -> list[Converter]:
    """The word processors found on this machine, preferred first."""
    found = _windows_progids()
    seen: set[str] = set()
    for path in _soffice_candidates():
        real = os.path.realpath(path)
        if real in seen or not os.path.isfile(path) or not os.access(path, os.X_OK):
            continue
        seen.add(real)
        found.append(Converter("libreoffice", "LibreOffice", path))
        break
    return found


# --- converting --------------------------------------------------------------------


def convert(
    source: str | os.PathLike,
    target: str,
    out_dir: str | os.PathLike,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    converters: list[Converter] | None = None,
    pdfa: bool = False,
) -> Path:
    """Convert ``source`` to ``target`` (``"docx"`` or ``"pdf"``) in ``out_dir``; returns the file written.

    The first converter that produces the file wins; raises ``NoConverter`` when
    there is none and ``ConversionError`` (Chinese, naming each program tried)
    when every one failed.  ``pdfa`` asks for PDF/A-2b where the program offers it.
    """
    if target not in TARGETS:
        raise ValueError(target)
    src = Path(source)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if converters is None:
        converters = find_converters()
    if not converters:
        raise NoConverter(f"这台电脑上没有找到能打开「{src.name}」的文字处理软件，{INSTALL_HINT}。")
    work = Path(tempfile.mkdtemp(prefix="xxgk-office-"))
    try:
        suffix = _working_suffix(src)
        staged = work / f"source{suffix}"
        try:
            shutil.copyfile(src, staged)
        except OSError as exc:
            raise UserError(f"无法读取「{src.name}」：{exc.strerror or exc}") from exc
        failures = []
        for conv in converters:
            produced = work / f"source.{target}"
            try:
                if conv.kind == "libreoffice":
                    _libreoffice(conv.target, staged, target, work, timeout, pdfa)
                else:
                    _automation(conv.target, staged, produced, target, timeout, pdfa)
            except ConversionError as exc:
                failures.append(f"{conv.name}：{exc}")
                continue
            if produced.exists() and produced.stat().st_size > 0:
                final = out_dir / f"{src.stem}.{target}"
                os.replace(produced, final)
                return final
            failures.append(f"{conv.name}：没有生成文件（文件可能已损坏或受密码保护）")
        raise ConversionError(f"无法转换「{src.name}」：" + "；".join(failures) + "。")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _working_suffix(src: Path) -> str:
    """The extension under which the staged copy is opened.

    A Kingsoft .wps file is a Word 97 binary file (OLE); LibreOffice reads .wps as
    Microsoft Works, so such a file is staged as .doc.
    """
    suffix = src.suffix.lower() or ".doc"
    if suffix == ".wps":
        try:
            with open(src, "rb") as fh:
                if fh.read(8) == _OLE_MAGIC:
                    return ".doc"
        except OSError:
            pass
    return suffix


def _libreoffice(soffice: str, staged: Path, target: str, work: Path, timeout: float, pdfa: bool) -> None:
    profile = Path(tempfile.mkdtemp(prefix="lo-", dir=work))
    filter_name = TARGETS[target][0]
    if target == "pdf":
        options = ['"EmbedStandardFonts":{"type":"boolean","value":"true"}']
        if pdfa:
            options.append('"SelectPdfVersion":{"type":"long","value":"2"}')
        filter_name += ":{" + ",".join(options) + "}"
    args = [
        soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        f"-env:UserInstallation={profile.as_uri()}", "--convert-to", filter_name, "--outdir", str(work), str(staged),
    ]
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "stdin": subprocess.DEVNULL}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        kwargs["start_new_session"] = True  # a process group of its own, killed whole on timeout
    try:
        proc = subprocess.Popen(args, **kwargs)
    except OSError as exc:
        raise ConversionError(f"无法启动（{exc.strerror or exc}）") from exc
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ConversionError(f"超过 {timeout:.0f} 秒仍未完成，已停止") from None
    finally:
        if proc.poll() is None:
            _kill_group(proc)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        if sys.platform == "win32":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, ProcessLookupError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _automation(progid: str, staged: Path, produced: Path, target: str, timeout: float, pdfa: bool) -> None:
    """Word or WPS through COM, in a thread of its own (COM is per thread); gives up after ``timeout``."""
    outcome: dict = {}

    def run() -> None:
        try:
            _com_convert(progid, staged, produced, target, pdfa)
        except Exception as exc:  # any COM failure is reported, never raised into the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="office-automation", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ConversionError(f"超过 {timeout:.0f} 秒仍未完成（程序可能在等待一个对话框）")
    if "error" in outcome:
        raise ConversionError(f"自动化调用失败（{_com_message(outcome['error'])}）")


def _com_message(exc: Exception) -> str:
    text = str(exc).strip()
    return text[:120] if text else type(exc).__name__


def _com_convert(progid: str, staged: Path, produced: Path, target: str, pdfa: bool) -> None:  # pragma: no cover - Windows
    import comtypes
    import comtypes.client

    comtypes.CoInitialize()
    app = None
    doc = None
    try:
        app = comtypes.client.CreateObject(progid, dynamic=True)
        app.Visible = False
        app.DisplayAlerts = 0  # wdAlertsNone: no dialog may stop an unattended run
        doc = app.Documents.Open(
            str(staged), False, True, False,  # FileName, ConfirmConversions, ReadOnly, AddToRecentFiles
        )
        if target == "pdf":
            try:
                doc.ExportAsFixedFormat(str(produced), 17, False, 0, 0, 1, 1, 0, True, True, 0, True, True, pdfa)
            except Exception:
                doc.SaveAs2(str(produced), 17)
        else:
            try:
                doc.SaveAs2(str(produced), TARGETS[target][1])
            except Exception:  # WPS releases without SaveAs2
                doc.SaveAs(str(produced), TARGETS[target][1])
    finally:
        if doc is not None:
            try:
                doc.Close(0)  # wdDoNotSaveChanges
            except Exception:
                pass
        if app is not None:
            try:
                app.Quit(0)
            except Exception:
                pass
        comtypes.CoUninitialize()


def describe(converters: list[Converter] | None = None) -> str:
    """The word processors found, for a message or the about box (「LibreOffice」, or 「未找到」)."""
    converters = find_converters() if converters is None else converters
    return "、".join(dict.fromkeys(c.name for c in converters)) or "未找到"
