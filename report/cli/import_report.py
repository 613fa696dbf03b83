"""``xxgk import FILE -o DRAFT.json``: an existing report read into a draft."""

from __future__ import annotations

from pathlib import Path

from .. import draft
from ..errors import UserError
from .common import EXIT_OK, print_json, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser(
        "import", help="把已有报告（Word、文本、网页）导入为草稿",
        description="读取已有的年度报告（.docx、.txt、.html，简体或繁体），识别格式、表格和各部分文字，保存为草稿。"
        "找不到的单元格留空并说明原因，不按 0 计。",
    )
    p.add_argument("file", help="报告文件（.docx、.txt、.html）")
    p.add_argument("-o", "--output", required=True, help="草稿文件路径（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出导入摘要")
    p.set_defaults(handler=cmd_import)


def cmd_import(args) -> int:
    from ..importer import import_file

    out = Path(args.output)
    refuse_overwrite(out, args.force)
    if out.suffix.lower() != ".json":
        raise UserError("草稿文件应保存为 .json。")
    report, summary = import_file(args.file)
    draft.save(report, out)
    if args.json:
        print_json({"draft": str(out), **summary.as_json()})
    else:
        print(summary.as_text())
        print(f"已保存草稿：{out}")
    return EXIT_OK
