"""``xxgk next-year``: next year's draft from this year's."""

from __future__ import annotations

from pathlib import Path

from .. import carry, draft
from .common import EXIT_OK, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser(
        "next-year",
        help="由本年报告生成下一年草稿",
        description="生成下一年度草稿：上年结转取本年结转下年度数，文字保留作起点，其他数字清零。"
        "本年报告可以是草稿（.json）、本程序生成的 Word 文档，或任何可导入的年度报告（按文字识别）。",
    )
    p.add_argument("draft", help="本年度报告（草稿 .json、Word 文档或可导入的其他格式）")
    p.add_argument("-o", "--output", required=True, help="下一年度草稿路径（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_next_year)


def cmd_next_year(args) -> int:
    out = Path(args.output)
    refuse_overwrite(out, args.force)
    source = carry.load_last_year(args.draft)
    carried = carry.next_year(source.report)
    draft.save(carried.report, out)
    new = carried.report
    print(f"已生成 {new.header.year} 年度草稿（{new.format.name}）：{out}")
    for note in (*source.notes, *carried.notes):
        print(f"注意：{note}")
    if carried.stale:
        print(f"注意：{carried.stale_warning()}")
    return EXIT_OK
