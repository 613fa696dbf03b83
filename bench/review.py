"""Batch review speed: 200 generated reports (.docx), with the embedded draft and by the text path."""

import copy
import tempfile
import time
from pathlib import Path

from report import draft
from report.resources import resource_path
from report.review import review_folder, workbook_bytes

COUNT = 200


def _generated(i: int):
    """Report i: the 2021 sample (every tenth the 2019 one) with its own name and figures."""
    name = "sample-2019.json" if i % 10 == 9 else "sample-2021.json"
    report = copy.deepcopy(draft.load(resource_path("samples", name)))
    report.header.org_name = f"基准测试县第{i + 1}局"
    report.header.signer = ""
    fmt = report.format
    for n, cid in enumerate(fmt.entered_cells):
        if fmt.cells[cid].kind.is_decimal:
            continue
        report.values[cid] = (i * 7 + n * 3) % 40
    report.recompute()
    return report


def _strip(data: bytes) -> bytes:
    import io
    import zipfile

    from report.render.package import NAMESPACE

    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            z.writestr(info, b"<other/>" if NAMESPACE.encode() in blob[:400] else blob)
    return out.getvalue()


def _rate(folder: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    review = review_folder(folder)
    reviewed = time.perf_counter() - start
    start = time.perf_counter()
    workbook_bytes(review)
    workbook = time.perf_counter() - start
    assert len(review.reports) == COUNT and all(r.ok for r in review.reports)
    return COUNT / reviewed, workbook, sum(len(r.included) for r in review.rollups)


def run():
    from report.render import render_docx

    with tempfile.TemporaryDirectory() as tmp:
        embedded, text = Path(tmp) / "embedded", Path(tmp) / "text"
        embedded.mkdir()
        text.mkdir()
        for i in range(COUNT):
            path = embedded / f"report-{i:03d}.docx"
            render_docx(_generated(i), path, force=True)
            (text / path.name).write_bytes(_strip(path.read_bytes()))
        fast, fast_workbook, summed = _rate(embedded)
        slow, slow_workbook, _ = _rate(text)
    return [
        (f"审核 {COUNT} 份 .docx（含嵌入草稿，并核对文档中印出的数字）", f"{fast:.1f} 份/秒  (目标 ≥ 20 份/秒)"),
        (f"审核 {COUNT} 份 .docx（去掉嵌入草稿，按文字识别）", f"{slow:.1f} 份/秒"),
        ("写审核结果工作簿（200 份）", f"{fast_workbook * 1000:.0f} ms（文字识别批次 {slow_workbook * 1000:.0f} ms）"),
        ("计入汇总的报告", f"{summed} 份"),
    ]
