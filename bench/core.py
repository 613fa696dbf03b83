"""Core figures: full recheck of a completely filled 2021 report; save + load."""

import tempfile
from pathlib import Path

from report import draft
from report.checks import check
from report.model import Report

from .timing import median_seconds, ms


def filled_report(year: int = 2021) -> Report:
    """A report with a distinct non-zero number in every entered cell."""
    report = Report.new(year, "基准测试县人民政府办公室")
    for i, cid in enumerate(report.format.entered_cells, start=1):
        spec = report.format.cells[cid]
        report.values[cid] = type(report.values[cid])(i) if not spec.kind.is_decimal else report.values[cid] + i
    report.recompute()
    for f in report.format.text_fields:
        report.texts[f.key] = "本年度共收到政府信息公开申请 12 件，办结 10 件。" * 20
    return report


def run():
    report = filled_report()
    recheck = median_seconds(lambda: check(report), repeat=9, number=200)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.json"

        def save_load():
            draft.save(report, path)
            draft.load(path)

        roundtrip = median_seconds(save_load, repeat=9, number=20)
    return [
        ("全部重新检查（2021 格式，填满）", f"{ms(recheck)}  (目标 < 1 ms)"),
        ("草稿保存 + 读取", ms(roundtrip)),
    ]
