"""Outputs beyond the .docx: the preview of 检查并生成, the web page, the 一图读懂, the PDF."""

import sys
import tempfile
from pathlib import Path

from report import draft
from report.checks import check
from report.html_page import html_bytes
from report.resources import resource_path

from .timing import median_seconds, ms


def run():
    out = []
    report = draft.load(resource_path("samples", "sample-2021.json"))
    html_bytes(report)
    out.append(("网页（2021 格式样例，内存中）", f"{ms(median_seconds(lambda: html_bytes(report), repeat=9))}"))

    from gui.app import create_application
    from gui.infographic_painter import paint
    from gui.preview import ReportPreview
    from report.infographic import build

    app = create_application([sys.argv[0]], install_hook=False)
    preview = ReportPreview()
    preview.resize(820, 600)
    preview.show()
    result = check(report)

    def open_preview():
        # From the report to a laid-out view: checks, page, QTextBrowser layout of every table.
        preview.show_report(report, check(report))
        preview.document().documentLayout().documentSize()
        app.processEvents()

    open_preview()
    out.append(("打开全文预览（2021 格式样例，含检查和排版）",
                f"{ms(median_seconds(open_preview, repeat=9))}  (目标 < 300 ms)"))
    del result
    paint(build(report))
    out.append(("一图读懂（2021 格式样例，绘制）", f"{ms(median_seconds(lambda: paint(build(report)), repeat=5))}"))

    from report.pdf import converters, render_pdf

    if not converters():
        out.append(("导出 PDF", "本机没有 LibreOffice/WPS/Word，未测"))
        return out
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "report.pdf"
        seconds = median_seconds(lambda: render_pdf(report, target), repeat=3)
    out.append(("导出 PDF（生成 .docx 并由 LibreOffice 转换，PDF/A-2b）", f"{seconds:.2f} s"))
    return out
