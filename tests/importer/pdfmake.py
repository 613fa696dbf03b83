"""PDFs made from other PDFs for the tests: pages turned a quarter, two pages side by side, no text at all."""

from pathlib import Path


def rotated(source: Path, target: Path, degrees: int = 90) -> Path:
    """Every page drawn turned by ``degrees`` (counter-clockwise) on a landscape page: rotated text, not /Rotate."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        w, h = src[i].get_size()
        page = out.new_page(h, w) if degrees in (90, 270) else out.new_page(w, h)
        obj = src.page_as_xobject(i, out).as_pageobject()
        m = pdfium.PdfMatrix().rotate(degrees, ccw=True)
        if degrees == 90:  # (x, y) -> (-y, x)
            m = m.translate(h, 0)
        elif degrees == 270:  # (x, y) -> (y, -x)
            m = m.translate(0, w)
        elif degrees == 180:
            m = m.translate(w, h)
        obj.transform(m)
        page.insert_obj(obj)
        page.gen_content()
    out.save(str(target))
    return target


def two_up(source: Path, target: Path) -> Path:
    """Pages two by two, side by side at half size on a landscape sheet (a two-column layout)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    w, h = src[0].get_size()
    for first in range(0, len(src), 2):
        page = out.new_page(h, w)
        scale = min((h / 2) / w, w / h)
        for k, i in enumerate(range(first, min(first + 2, len(src)))):
            obj = src.page_as_xobject(i, out).as_pageobject()
            obj.transform(pdfium.PdfMatrix().scale(scale, scale).translate(k * h / 2, (w - h * scale) / 2))
            page.insert_obj(obj)
        page.gen_content()
    out.save(str(target))
    return target


def without_text(target: Path, pages: int = 3) -> Path:
    """A PDF whose pages hold only drawings (what a scan looks like to a text reader)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = pdfium.PdfDocument.new()
    for _ in range(pages):
        page = out.new_page(595, 842)
        path = raw.FPDFPageObj_CreateNewRect(50, 50, 495, 742)
        raw.FPDFPageObj_SetFillColor(path, 200, 200, 200, 255)
        raw.FPDFPath_SetDrawMode(path, raw.FPDF_FILLMODE_ALTERNATE, False)
        raw.FPDFPage_InsertObject(page.raw, path)
        page.gen_content()
    out.save(str(target))
    return target
