"""Import throughput of the real-report fixtures (in-process, median of several runs) and PDF memory.

Text and web-page fixtures are read as they are; the PDFs are the real-report fixtures written as
our .docx and printed to PDF by LibreOffice (made once per run, not timed), plus the web-page
fixture printed by LibreOffice.  Peak memory is measured in a child process importing a 54-page
PDF (the sample report's pages repeated).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from .timing import median_seconds

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "importer" / "fixtures"


def _texts() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "found").glob("*.txt"))


def _pages() -> list[Path]:
    return sorted(FIXTURES.glob("*.html"))


def _soffice(source: Path, outdir: Path, infilter: str) -> Path | None:
    import shutil

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
         f"--infilter={infilter}", "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False,
    )
    out = outdir / f"{source.stem}.pdf"
    return out if out.exists() and out.stat().st_size else None


def _pdfs(folder: Path) -> list[Path]:
    from report.importer import import_file
    from report.render import render_docx

    out = []
    for source in sorted(FIXTURES.glob("0*.txt")):
        report, _ = import_file(source)
        docx = folder / f"{source.stem}.docx"
        render_docx(report, docx, force=True)
        pdf = _soffice(docx, folder / source.stem, "MS Word 2007 XML")
        if pdf:
            out.append(pdf)
    page = _soffice(FIXTURES / "web-2021-chrome.html", folder / "web", "HTML (StarWriter)")
    if page:
        out.append(page)
    return out


def _fifty_pages(source: Path, target: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    while len(out) < 50:
        out.import_pages(src)
    out.save(str(target))
    return target


_CHILD = """
import resource, sys
from report.importer import import_file
report, summary = import_file(sys.argv[1])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, summary.found)
"""


def _rate(files: list[Path]) -> float:
    from report.importer import import_file

    for f in files:  # warm up: imports, caches
        import_file(f)

    def all_files():
        for f in files:
            import_file(f)

    return len(files) / median_seconds(all_files, repeat=5, number=1)


def run():
    out = [
        ("导入：文本（真实报告样本，%d 份）" % len(_texts()), f"{_rate(_texts()):.0f} 份/秒  (目标 ≥ 100)"),
        ("导入：网页（%d 份）" % len(_pages()), f"{_rate(_pages()):.0f} 份/秒  (目标 ≥ 100)"),
    ]
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-pdf-") as tmp:
        pdfs = _pdfs(Path(tmp))
        if not pdfs:
            return out + [("导入：PDF", "未测（没有 LibreOffice 生成 PDF）")]
        out.append((f"导入：PDF（真实报告经 LibreOffice 打印，{len(pdfs)} 份）", f"{_rate(pdfs):.1f} 份/秒  (目标 ≥ 10)"))
        big = _fifty_pages(pdfs[0], Path(tmp) / "fifty.pdf")
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(big)))
        child = subprocess.run([sys.executable, "-c", _CHILD, str(big)], capture_output=True, text=True, cwd=ROOT,
                               timeout=600)
        peak = child.stdout.split()[0] if child.returncode == 0 and child.stdout else f"失败：{child.stderr[-200:]}"
        out.append((f"导入：{pages} 页 PDF 的峰值内存（子进程）", f"{peak} MB  (目标 < 300 MB)"))
    return out
