"""``xxgk open-docx``: the draft embedded in a .docx this program made."""

from __future__ import annotations

from pathlib import Path

from .. import draft
from ..render.package import extract_draft
from ..errors import UserError
from .common import EXIT_OK, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser(
        "open-docx",
        help="从本程序生成的 Word 报告还原草稿",
        description="读取本程序生成的 .docx 中内嵌的草稿数据，原样还原为草稿文件（.json）。",
    )
    p.add_argument("docx", help="本程序生成的 Word 报告（.docx）")
    p.add_argument("-o", "--output", required=True, help="还原出的草稿文件（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_open_docx)


def cmd_open_docx(args) -> int:
    out = Path(args.output)
    refuse_overwrite(out, args.force)
    report = extract_draft(args.docx)
    if report is None:
        raise UserError(
            f"「{args.docx}」中没有本程序嵌入的草稿数据：它不是由本程序生成的，"
            "或已被其他软件另存而丢失了数据。请改用导入功能从报告文字中识别。"
        )
    draft.save(report, out)
    print(f"已还原 {report.header.year} 年度草稿（{report.format.name}）：{out}")
    return EXIT_OK
