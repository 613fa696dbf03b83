"""Import throughput of the real-report fixtures (in-process, median of 7 runs of ≥ 0.25 s) and PDF memory.

Text and web-page fixtures are read as they are; the PDFs are the real-report fixtures written as
our .docx and printed to PDF by LibreOffice (made once per run, not timed), plus the web-page
fixture printed by LibreOffice.  Peak memory is measured in a child process importing a 54-page
PDF (the sample report's pages repeated).
"""

import math
import subprocess
import sys
import tempfile
from pathlib import Path

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


#: A timed run imports the file set this often at least (a run of one pass of two web pages took
#: ~10 ms, shorter than the scheduler's share of a loaded 2-core machine: its median said more
#: about the other processes than about the importer).
MIN_RUN_SECONDS = 0.25


def _rates(files: list[Path]) -> tuple[float, float]:
    """Files per second, in-process: the median of 7 timed runs, each importing every file at least
    once and for at least ``MIN_RUN_SECONDS`` (wall clock; and the same runs in CPU time)."""
    import statistics
    import time

    from report.importer import import_file

    start = time.perf_counter()
    for f in files:  # warm up: imports, caches
        import_file(f)
    passes = max(1, math.ceil(MIN_RUN_SECONDS / max(time.perf_counter() - start, 1e-6)))
    wall, cpu = [], []
    for _ in range(7):
        w, c = time.perf_counter(), time.process_time()
        for _ in range(passes):
            for f in files:
                import_file(f)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    n = len(files) * passes
    return n / statistics.median(wall), n / statistics.median(cpu)


def _figure(files: list[Path], fmt: str, target: str) -> str:
    wall, cpu = _rates(files)
    return f"{wall:{fmt}} 份/秒（CPU 时间 {cpu:{fmt}} 份/秒）  (目标 {target})"


def run():
    out = [
        (f"导入：文本（真实报告样本，{len(_texts())} 份）", _figure(_texts(), ".0f", "≥ 100")),
        (f"导入：网页（{len(_pages())} 份）", _figure(_pages(), ".0f", "≥ 100")),
    ]
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-pdf-") as tmp:
        pdfs = _pdfs(Path(tmp))
        if not pdfs:
            return out + [("导入：PDF", "未测（没有 LibreOffice 生成 PDF）")]
        out.append((f"导入：PDF（真实报告经 LibreOffice 打印，{len(pdfs)} 份）", _figure(pdfs, ".1f", "≥ 10")))
        big = _fifty_pages(pdfs[0], Path(tmp) / "fifty.pdf")
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(big)))
        child = subprocess.run([sys.executable, "-c", _CHILD, str(big)], capture_output=True, text=True, cwd=ROOT,
                               timeout=600)
        peak = child.stdout.split()[0] if child.returncode == 0 and child.stdout else f"失败：{child.stderr[-200:]}"
        out.append((f"导入：{pages} 页 PDF 的峰值内存（子进程）", f"{peak} MB  (目标 < 300 MB)"))
    return out
