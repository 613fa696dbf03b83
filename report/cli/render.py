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
        help="生成正式格式的 Word 年度报告",
        description="按 GB/T 9704 公文格式和官方表样生成 .docx 年度报告。"
        "草稿有错误时拒绝生成；加 --force 可生成带「草稿」标记的核对稿。文档内嵌草稿数据，可用 open-docx 还原。",
    )
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("-o", "--output", help="输出的 Word 文件（.docx）；默认按报告标题命名，放在草稿所在文件夹")
    p.add_argument("--template", help="自选的 Word 模板（.docx），如本省的版式；变量见 templates/README.md")
    p.add_argument("--force", action="store_true", help="草稿有错误时仍生成，文档带「草稿」标记")
    p.set_defaults(handler=cmd_render)


def cmd_render(args) -> int:
    report = draft.load(args.draft)
    out = Path(args.output) if args.output else Path(args.draft).resolve().parent / suggested_filename(report)
    if out.suffix.lower() != ".docx":
        raise UserError(f"输出文件「{out}」应以 .docx 结尾。")
    result = render_docx(report, out, template=args.template, force=args.force)
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    mark = "（带「草稿」标记）" if args.force and _has_errors(report) else ""
    print(f"已生成{mark}：{result.path}")
    return EXIT_OK


def _has_errors(report) -> bool:
    from ..checks import check

    return bool(check(report).errors)
