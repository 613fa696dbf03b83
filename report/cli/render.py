"""``xxgk render``: draft -> official .docx."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import draft
from ..errors import UserError
from ..render import render_docx, suggested_filename
from .common import EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "render",
        help="生成正式格式的年度报告（Word、PDF 或网页）",
        description="按 GB/T 9704 公文格式和官方表样生成年度报告。格式由输出文件的扩展名决定："
        ".docx（默认）为 Word 文档，内嵌草稿数据，可用 open-docx 还原；"
        ".pdf 为由本机的 Word、WPS 或 LibreOffice 从同一份 Word 文档转换的 PDF（PDF/A，嵌入字体），同时生成同名 .docx；"
        ".html 为可直接发布到政府信息公开专栏的单个网页文件（不含脚本和外部资源，手机上表格可左右滑动）。"
        "草稿有错误时拒绝生成；加 --force 可生成带「草稿」标记的核对稿。",
    )
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("-o", "--output", help="输出文件（.docx、.pdf 或 .html）；默认按报告标题命名为 .docx，放在草稿所在文件夹")
    p.add_argument("--template", help="自选的 Word 模板（.docx），如本省的版式；变量见 templates/README.md")
    p.add_argument("--force", action="store_true", help="草稿有错误时仍生成，文档带「草稿」标记")
    p.set_defaults(handler=cmd_render)


def cmd_render(args) -> int:
    report = draft.load(args.draft)
    out = Path(args.output) if args.output else Path(args.draft).resolve().parent / suggested_filename(report)
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        if args.template:
            raise UserError("--template 是 Word 模板，只用于生成 .docx；网页不使用模板。")
        from ..html_page import render_html

        path = render_html(report, out, force=args.force)
        mark = "（带「草稿」标记）" if args.force and _has_errors(report) else ""
        print(f"已生成网页{mark}：{path}")
        return EXIT_OK
    if suffix == ".pdf":
        from ..pdf import render_pdf

        pdf = render_pdf(report, out, template=args.template, force=args.force)
        for warning in pdf.warnings:
            print(f"提示：{warning}", file=sys.stderr)
        mark = "（带「草稿」标记）" if args.force and _has_errors(report) else ""
        print(f"已生成 PDF{mark}（由 {pdf.converter} 转换）：{pdf.path}\n同时生成 Word 文档：{pdf.docx_path}")
        return EXIT_OK
    if suffix != ".docx":
        raise UserError(f"输出文件「{out}」的扩展名应为 .docx（Word 文档）、.pdf 或 .html（网页）。")
    result = render_docx(report, out, template=args.template, force=args.force)
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    mark = "（带「草稿」标记）" if args.force and _has_errors(report) else ""
    print(f"已生成{mark}：{result.path}")
    return EXIT_OK


def _has_errors(report) -> bool:
    from ..checks import check

    return bool(check(report).errors)
