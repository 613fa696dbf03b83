"""``xxgk render`` (draft -> official .docx) and ``xxgk open-docx`` (.docx -> draft)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import draft
from .cli import EXIT_OK
from .docx_embed import extract_draft
from .errors import UserError
from .render import render_docx, suggested_filename


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

    p = sub.add_parser(
        "open-docx",
        help="从本程序生成的 Word 报告还原草稿",
        description="读取本程序生成的 .docx 中内嵌的草稿数据，原样还原为草稿文件（.json）。",
    )
    p.add_argument("docx", help="本程序生成的 Word 报告（.docx）")
    p.add_argument("-o", "--output", required=True, help="还原出的草稿文件（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_open_docx)


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
    from .checks import check

    return bool(check(report).errors)


def cmd_open_docx(args) -> int:
    out = Path(args.output)
    if out.exists() and not args.force:
        raise UserError(f"「{out}」已存在。如要覆盖，请加 --force。")
    report = extract_draft(args.docx)
    if report is None:
        raise UserError(
            f"「{args.docx}」中没有本程序嵌入的草稿数据：它不是由本程序生成的，"
            "或已被其他软件另存而丢失了数据。请改用导入功能从报告文字中识别。"
        )
    draft.save(report, out)
    print(f"已还原 {report.header.year} 年度草稿（{report.format.name}）：{out}")
    return EXIT_OK


__all__ = ["register"]
