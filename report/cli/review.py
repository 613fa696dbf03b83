"""``xxgk review FOLDER [-o 审核结果.xlsx] [--roster 名单.xlsx] [--last-year 上年文件夹] [--json]``."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UserError
from ..limits import YEAR_MAX, YEAR_MIN
from .common import EXIT_FINDINGS, EXIT_OK, print_json, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser(
        "review", help="批量审核一个文件夹中的报告并汇总",
        description="导入并检查文件夹（含子文件夹）中的每份报告，生成审核结果工作簿：报告清单、问题清单、批量问题、"
        "名单核对（提供名单时）和表三、表四的汇总。提供名单时列出未报送、不在名单中、重复、年度或格式不符的单位，"
        "并核对全辖区报告与所属单位报告之和；汇总不会把全辖区报告与其所属单位相加。无法读取的文件列出原因，"
        "不影响其他文件。不会在报告所在文件夹写入任何文件。退出码：0 全部无错误，1 有错误或无法导入的文件，2 无法运行。",
    )
    p.add_argument("folder", help="存放报告的文件夹")
    p.add_argument("-o", "--output", help="审核结果工作簿（.xlsx）；使用 --json 时可不写")
    p.add_argument("--roster", metavar="名单", help="应报送单位的名单（.xlsx 或 .csv）：机关名称，可选上级机关、口径（全辖区/本机关）")
    p.add_argument("--last-year", metavar="文件夹", help="上年度报告所在的文件夹，用于跨年度核对")
    p.add_argument("--year", type=int, help="审核的报告年度（默认取多数报告的年度）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出每份报告和本批次的检查结果（与 xxgk check --json 相同的结构）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_review)


class ProgressBar:
    """A one-line progress bar on stderr (one line per file when stderr is not a terminal)."""

    WIDTH = 30

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        line = f"审核中 [{bar}] {done}/{total} {name}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line[:120])
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def cmd_review(args) -> int:
    from ..review import read_roster, review_folder, write_workbook

    out = Path(args.output) if args.output else None
    if out is None and not args.json:
        raise UserError("请用 -o 指定审核结果工作簿（.xlsx），或加 --json 输出检查结果。")
    if out is not None:
        refuse_overwrite(out, args.force)
        if out.suffix.lower() != ".xlsx":
            raise UserError("审核结果只能保存为 .xlsx 文件。")
    if args.year is not None and not (YEAR_MIN <= args.year <= YEAR_MAX):
        raise UserError(f"报告年度「{args.year}」不正确。")
    roster = read_roster(args.roster) if args.roster else None  # a bad roster stops before any import
    exclude = tuple(p for p in (out, Path(args.roster) if args.roster else None) if p is not None)
    review = review_folder(
        Path(args.folder), progress=ProgressBar(), exclude=exclude, roster=roster, last_year=args.last_year,
        year=args.year,
    )
    if out is not None:
        write_workbook(review, out)
    if args.json:
        print_json(review.as_json())
    else:
        _print_summary(review, out)
    return EXIT_FINDINGS if review.has_errors else EXIT_OK


def _print_summary(review, out) -> None:
    reports = review.reports
    failed = [r for r in reports if not r.ok]
    with_errors = [r for r in reports if r.ok and r.errors]
    year = f"{review.year} 年度，" if review.year else ""
    print(f"共审核 {len(reports)} 个文件（{year}）：导入 {len(reports) - len(failed)} 份，无法导入 {len(failed)} 个；"
          f"{len(with_errors)} 份报告有错误。")
    if review.roster is not None:
        counts: dict[str, int] = {}
        for line in review.roster_lines:
            counts[line.status] = counts.get(line.status, 0) + 1
        summary = "，".join(f"{k} {v} 个" for k, v in counts.items())
        print(f"名单「{review.roster.source}」{len(review.roster_lines)} 个单位：{summary}；不在名单中的报告 {len(review.unlisted)} 份。")
    batch = review.batch_result
    if batch.findings:
        print(f"批量问题：{len(batch.errors)} 个错误，{len(batch.warnings)} 个提示。")
        for f in batch.findings:
            print(f"[{f.severity_name} {f.code}] {f.title}：{f.message}")
    for rollup in review.rollups:
        print(f"汇总（{rollup.format.name}）：计入 {len(rollup.included)} 份报告。")
    for note in review.rollup_notes[1:]:
        print(note)
    if review.left_out:
        print(f"未计入汇总：{len(review.left_out)} 个文件（原因见工作簿）。")
    if out is not None:
        print(f"已写入审核结果：{out}")
