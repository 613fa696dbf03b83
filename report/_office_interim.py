"""INTERIM — to be replaced by ``report/office.py`` (issue 13) when it lands on main; delete this file then.

The PDF export (``report/pdf.py``) needs "convert a document through the word
processor found on this machine".  That module is issue 13's; until it is on
main, this file offers the same interface (``find_converters``, ``convert``,
``NoConverter``, ``ConversionError``, ``INSTALL_HINT``, ``describe``) for
LibreOffice headless only, the converter of Linux and 信创 desktops.  Word/WPS
automation on Windows is in issue 13's module and is not repeated here.
``report/pdf.py`` imports ``report.office`` first and falls back to this file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

DEFAULT_TIMEOUT = 120.0
SOFFICE_ENV = "XXGK_SOFFICE"
TARGETS = {"docx": ("docx:MS Word 2007 XML", 16), "pdf": ("pdf:writer_pdf_Export", 17)}
INSTALL_HINT = "请安装 WPS Office、Microsoft Word 或 LibreOffice（免费）中的任意一个后重试"


@dataclass(frozen=True)
class Converter:
    kind: str
    name: str
    target: str


class ConversionError(UserError):
    """A word processor was found but did not produce the file."""


class NoConverter(UserError):
    """No word processor on this machine."""


def _soffice_candidates() -> list[str]:
    env = os.environ.get(SOFFICE_ENV)
    if env is not None:
        return [env] if env else []
    out = [shutil.which(n) for n in ("soffice", "libreoffice")]
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"), os.environ.get("ProgramFiles(x86)", "")):
            if base:
                out.append(os.path.join(base, "LibreOffice", "program", "soffice.exe"))
    else:
        out += ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]
    return [p for p in out if p]


def find_converters() -> list[Converter]:
    for path in _soffice_candidates():
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return [Converter("libreoffice", "LibreOffice", path)]
    return []


def convert(source, target: str, out_dir, *, timeout: float = DEFAULT_TIMEOUT, converters=None,
            pdfa: bool = False) -> Path:
    src, out_dir = Path(source), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    converters = find_converters() if converters is None else converters
    if not converters:
        raise NoConverter(f"这台电脑上没有找到能打开「{src.name}」的文字处理软件，{INSTALL_HINT}。")
    work = Path(tempfile.mkdtemp(prefix="xxgk-office-"))
    try:
        staged = work / f"source{src.suffix.lower()}"
        shutil.copyfile(src, staged)
        failures = []
        for conv in converters:
            profile = Path(tempfile.mkdtemp(prefix="lo-", dir=work))
            filter_name = TARGETS[target][0]
            if target == "pdf":
                options = ['"EmbedStandardFonts":{"type":"boolean","value":"true"}']
                if pdfa:
                    options.append('"SelectPdfVersion":{"type":"long","value":"2"}')
                filter_name += ":{" + ",".join(options) + "}"
            args = [conv.target, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", filter_name, "--outdir", str(work),
                    str(staged)]
            kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "stdin": subprocess.DEVNULL}
            if sys.platform != "win32":
                kwargs["start_new_session"] = True
            try:
                proc = subprocess.Popen(args, **kwargs)
            except OSError as exc:
                failures.append(f"{conv.name}：无法启动（{exc.strerror or exc}）")
                continue
            try:
                proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL) if sys.platform != "win32" else proc.kill()
                except OSError:
                    pass
                proc.wait()
                failures.append(f"{conv.name}：超过 {timeout:.0f} 秒仍未完成，已停止")
                continue
            produced = work / f"source.{target}"
            if produced.exists() and produced.stat().st_size > 0:
                final = out_dir / f"{src.stem}.{target}"
                os.replace(produced, final)
                return final
            failures.append(f"{conv.name}：没有生成文件")
        raise ConversionError(f"无法转换「{src.name}」：" + "；".join(failures) + "。")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def describe(converters=None) -> str:
    converters = find_converters() if converters is None else converters
    return "、".join(dict.fromkeys(c.name for c in converters)) or "未找到"
