"""Rendering figures: a fully filled report to .docx (bytes and file), and the template check."""

import tempfile
from pathlib import Path

from report import draft
from report.render import render_bytes, render_docx
from report.resources import resource_path

from .timing import median_seconds, ms


def run():
    out = []
    for format_id in ("2021", "2019"):
        report = draft.load(resource_path("samples", f"sample-{format_id}.json"))
        render_bytes(report)  # warm the template cache and imports
        in_memory = median_seconds(lambda r=report: render_bytes(r), repeat=9)
        out.append((f"生成 Word 报告（{format_id} 格式样例，内存中）", f"{ms(in_memory)}  (目标 < 200 ms)"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.docx"
        to_file = median_seconds(lambda: render_docx(report, path), repeat=9)
    out.append(("生成 Word 报告并原子写入文件（含 GB2312 预检）", f"{ms(to_file)}  (目标 < 200 ms)"))
    return out
