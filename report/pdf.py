"""The report as PDF: the same .docx, converted by the word processor on this machine.

``render_pdf(report, "报告.pdf")`` writes ``报告.docx`` (the official document,
exactly as ``xxgk render`` makes it) and then ``报告.pdf`` from it, through
``report.office`` (Word or WPS automation on Windows, LibreOffice headless
elsewhere).  PDF/A is asked for (LibreOffice: PDF/A-2b through the
``SelectPdfVersion`` filter option; Word: ``UseISO19005_1``, PDF/A-1b), which
also embeds every font.  No word processor: ``PdfUnavailable``, a Chinese
sentence naming what to install, and the .docx is there all the same.

LibreOffice runs with the project's fontconfig (``resources/fontconfig``):
where the Windows 公文 fonts are missing, 仿宋_GB2312 and the others take the
Noto CJK faces instead of a sans fallback; where they are installed, they win.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .errors import UserError
from .model import Report

try:  # issue 13's module; until it is on main, the interim copy of its interface (LibreOffice only)
    from . import office
except ImportError:  # pragma: no cover - removed when report/office.py lands
    from . import _office_interim as office

#: Seconds a conversion may take (a few-page report takes 2–5 s; a cold LibreOffice start more).
PDF_TIMEOUT = 180.0
_ENV_LOCK = threading.Lock()


class PdfUnavailable(UserError):
    """No converter, or the converter failed; the .docx was written (``docx_path``)."""

    def __init__(self, message: str, docx_path: Path | None = None):
        super().__init__(message)
        self.docx_path = docx_path


@dataclass
class PdfResult:
    path: Path
    docx_path: Path
    converter: str
    warnings: list[str] = field(default_factory=list)


@contextmanager
def _fonts_for_libreoffice():
    """FONTCONFIG_FILE for the LibreOffice child (unless the user set one); restored afterwards."""
    if sys.platform == "win32" or os.environ.get("FONTCONFIG_FILE"):
        yield
        return
    from .resources import resource_path

    conf = resource_path("fontconfig", "fonts.conf")
    if not conf.is_file():
        yield
        return
    with _ENV_LOCK:
        os.environ["FONTCONFIG_FILE"] = str(conf)
        try:
            yield
        finally:
            os.environ.pop("FONTCONFIG_FILE", None)


def converters() -> list:
    """The word processors that can make the PDF here, preferred first."""
    return office.find_converters()


def converter_names() -> str:
    return office.describe()


def docx_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike, *, found=None,
                timeout: float = PDF_TIMEOUT) -> str:
    """Convert an existing .docx to ``pdf_path`` (atomically); returns the converter's name."""
    docx_path, pdf_path = Path(docx_path), Path(pdf_path)
    found = office.find_converters() if found is None else found
    if not found:
        raise PdfUnavailable(
            f"这台电脑上没有可以生成 PDF 的文字处理软件，{office.INSTALL_HINT}。"
            f"Word 文档已生成：{docx_path}；也可以用 WPS 或 Word 打开它，「另存为」PDF。",
            docx_path,
        )
    work = Path(tempfile.mkdtemp(prefix="xxgk-pdf-"))
    try:
        try:
            with _fonts_for_libreoffice():
                produced = office.convert(docx_path, "pdf", work, timeout=timeout, converters=found, pdfa=True)
        except UserError as exc:
            raise PdfUnavailable(f"{exc} Word 文档已生成：{docx_path}。", docx_path) from exc
        data = produced.read_bytes()
        if not data.startswith(b"%PDF-"):
            raise PdfUnavailable(f"{found[0].name} 没有生成有效的 PDF 文件。Word 文档已生成：{docx_path}。", docx_path)
        write_atomic(pdf_path, data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return found[0].name


def render_pdf(report: Report, output_path: str | os.PathLike, *, template=None, force: bool = False,
               found=None, timeout: float = PDF_TIMEOUT) -> PdfResult:
    """Write ``<name>.docx`` and ``<name>.pdf`` made from it.  Raises ``PdfUnavailable`` after the .docx."""
    from .render import render_docx

    pdf_path = Path(output_path)
    docx_path = pdf_path.with_suffix(".docx")
    rendered = render_docx(report, docx_path, template=template, force=force)
    name = docx_to_pdf(docx_path, pdf_path, found=found, timeout=timeout)
    return PdfResult(pdf_path, docx_path, name, list(rendered.warnings))
