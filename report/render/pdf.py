"""The report as PDF: the same .docx, converted by the word processor on this machine, then read back.

``render_pdf(report, "报告.pdf")`` writes ``报告.docx`` (the official document,
exactly as ``xxgk render`` makes it) and then ``报告.pdf`` from it, through
``report.office`` (Word or WPS automation on Windows, LibreOffice headless
elsewhere).  PDF/A is asked for (LibreOffice: PDF/A-2b through the
``SelectPdfVersion`` filter option; Word: ``UseISO19005_1``, PDF/A-1b), which
also embeds every font.  No word processor: ``PdfUnavailable``, a Chinese
sentence naming what to install, and the .docx is there all the same.

The PDF is never silently different from the report: its text layer is read
back and compared with every word the plan prints (``pdf_check``); whatever
the converter failed to draw becomes a 提示 naming the part and the
characters (the result's ``warnings``, printed by ``xxgk render`` and shown
in 检查并生成).

LibreOffice runs with the project's fontconfig (``resources/fontconfig``):
where the Windows 公文 fonts are missing, 仿宋_GB2312 and the others take the
Noto CJK faces instead of a sans fallback; where they are installed, they win.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
import tempfile
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import office
from ..atomic import write_atomic
from ..errors import UserError
from ..model import Report
from . import pdf_check

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
    #: The .docx's 提示 (preflight), then ``notes``.
    warnings: list[str] = field(default_factory=list)
    #: What the PDF lacks (``pdf_check``), as data and as the 提示 that say it.
    lost: list[pdf_check.Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@contextmanager
def _fonts_for_libreoffice():
    """FONTCONFIG_FILE for the LibreOffice child (unless the user set one); restored afterwards."""
    if sys.platform == "win32" or os.environ.get("FONTCONFIG_FILE"):
        yield
        return
    from ..resources import resource_path

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


def converters() -> list[office.Converter]:
    """The word processors that can make the PDF here, preferred first."""
    return office.find_converters()


def converter_names() -> str:
    return office.describe()


def docx_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike, *,
                found: list[office.Converter] | None = None, timeout: float = PDF_TIMEOUT) -> str:
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
    # The first converter that produced the file: office.convert tries them in order.
    return _producer(pdf_path, found)


def _producer(pdf_path: Path, found: list[office.Converter]) -> str:
    """The converter that wrote the PDF, from its Producer entry when several were offered."""
    if len(found) == 1:
        return found[0].name
    try:
        head = pdf_path.read_bytes()[:200_000]
    except OSError:
        return found[0].name
    for conv in found:
        marker = {"libreoffice": b"LibreOffice", "word": b"Microsoft", "wps": b"WPS"}.get(conv.kind, b"")
        if marker and marker in head:
            return conv.name
    return found[0].name


def _docx_text(path: Path) -> str:
    """The text of the .docx's body (for a user template: only what it really prints is compared)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)))


def render_pdf(report: Report, output_path: str | os.PathLike, *, template=None, force: bool = False,
               found: list[office.Converter] | None = None, timeout: float = PDF_TIMEOUT) -> PdfResult:
    """Write ``<name>.docx`` and ``<name>.pdf`` made from it, and say what the PDF lacks.

    Raises ``PdfUnavailable`` after the .docx is written when no converter works.
    """
    from . import render_docx

    pdf_path = Path(output_path)
    docx_path = pdf_path.with_suffix(".docx")
    rendered = render_docx(report, docx_path, template=template, force=force)
    name = docx_to_pdf(docx_path, pdf_path, found=found, timeout=timeout)
    only_in = _docx_text(docx_path) if template is not None else None
    lost = pdf_check.losses(rendered.document, pdf_check.read_text(pdf_path), only_in=only_in)
    notes = pdf_check.notes(lost, name)
    return PdfResult(pdf_path, docx_path, name, list(rendered.warnings) + notes, lost, notes)


# --- pages as images (the page preview of 检查并生成) ------------------------------------------


@dataclass(frozen=True)
class PageImage:
    """One page as pixels: ``height`` rows of ``stride`` bytes, RGBX (what ``QImage.Format_RGBX8888`` reads)."""

    width: int
    height: int
    stride: int
    data: bytes


@dataclass
class PagePreview:
    pages: list[PageImage]
    converter: str
    #: What the PDF lacks (as in the export): the pages are the word processor's, not the report's words.
    notes: list[str] = field(default_factory=list)
    draft_mark: bool = False


def page_images(pdf_path: str | os.PathLike, dpi: float = 96) -> list[PageImage]:
    """Every page of a PDF drawn at ``dpi`` (PDFium)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        out = []
        for index in range(min(len(pdf), 300)):
            page = pdf[index]
            try:
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                out.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def preview_pages(report: Report, *, dpi: float = 96, found: list[office.Converter] | None = None,
                  timeout: float = PDF_TIMEOUT) -> PagePreview:
    """The report's pages as the word processor lays them out: the PDF export into a temporary folder, drawn.

    A report with errors is previewed as its forced draft (marked 草稿); nothing is left on disk.
    Raises ``PdfUnavailable`` (Chinese: what to install) when there is no converter.
    """
    from ..checks import check

    found = office.find_converters() if found is None else found
    if not found:
        raise PdfUnavailable(f"这台电脑上没有能给报告排版分页的文字处理软件，{office.INSTALL_HINT}。上方的全文预览不需要它。")
    with tempfile.TemporaryDirectory(prefix="xxgk-pages-") as tmp:
        try:
            result = render_pdf(report, Path(tmp) / "preview.pdf", force=True, found=found, timeout=timeout)
        except PdfUnavailable as exc:  # its message names the .docx, which is in the temporary folder
            cause = exc.__cause__ if isinstance(exc.__cause__, UserError) else None
            raise PdfUnavailable(f"按页预览失败：{cause or '没有生成有效的 PDF 文件。'}") from exc
        pages = page_images(result.path, dpi)
    return PagePreview(pages, result.converter, result.notes, draft_mark=bool(check(report).errors))
