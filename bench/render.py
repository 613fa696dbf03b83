"""Rendering figures: a fully filled report to .docx (bytes and file), against a bare docxtpl render."""

import io
import tempfile
from pathlib import Path

from report import draft
from report.render import default_template, plan, render_bytes, render_docx
from report.render.docx_context import build
from report.resources import resource_path

from .timing import median_seconds, ms


def _bare(report):
    """docxtpl alone on the same template and context: open, render with autoescape, save."""
    from docxtpl import DocxTemplate

    data = default_template(report.format).read_bytes()
    context = build(plan(report))

    def run():
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.render(context, autoescape=True)
        tpl.save(io.BytesIO())

    return run


def run():
    out = []
    for format_id in ("2021", "2019"):
        report = draft.load(resource_path("samples", f"sample-{format_id}.json"))
        render_bytes(report)  # warm the template cache and imports
        ours = median_seconds(lambda r=report: render_bytes(r), repeat=9)
        bare = median_seconds(_bare(report), repeat=9)
        out.append((
            f"生成 Word 报告（{format_id} 格式样例，内存中）",
            f"{ms(ours)}；同一模板和内容单用 docxtpl {ms(bare)}，为其 {ours / bare:.2f} 倍  (目标 < 200 ms)",
        ))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.docx"
        to_file = median_seconds(lambda: render_docx(report, path), repeat=9)
    out.append(("生成 Word 报告并原子写入文件（含预检）", f"{ms(to_file)}  (目标 < 200 ms)"))
    return out
