"""``xxgk infographic``: draft -> 一图读懂 (PNG), drawn by the graphical program.

The image is drawn with Qt (QPainter), which the console program ``xxgk``
does not carry (the bundle's ``xxgk`` excludes PySide6, and the core never
imports Qt).  So this command checks the draft here, then hands the drawing
to ``xxgk-gui --infographic`` — the program beside ``xxgk`` in the bundle, or
``python -m gui`` from source — and relays its messages and exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import draft
from ..errors import UserError
from ..infographic import prepare
from .common import EXIT_BUG, EXIT_OK, refuse_overwrite

#: Seconds the drawing may take (it takes well under one).
TIMEOUT = 120


def register(sub) -> None:
    p = sub.add_parser(
        "infographic",
        help="生成「一图读懂」图片（PNG）",
        description="把年度报告的主要数字画成一张竖版长图（宽 1080 像素，适合在政务新媒体发布）："
        "主动公开、申请的收到与办理、办理结果分布、行政复议和诉讼、信息处理费；有上年数据时标出较上年的增减。"
        "图片由图形界面程序 xxgk-gui 绘制（命令行程序本身不含图形库）：本命令会在后台调用同一文件夹中的 "
        "xxgk-gui --infographic，不打开窗口。报告有错误时拒绝生成；加 --force 生成带「草稿」标记的核对图。",
    )
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("-o", "--output", required=True, help="输出的图片（.png）")
    p.add_argument("--last-year", help="上年度草稿，用于标出「较上年」的增减；不填时用草稿中保存的上年数据")
    p.add_argument("--force", action="store_true", help="报告有错误时仍生成，图上带「草稿」标记；并可覆盖已有图片")
    p.set_defaults(handler=cmd_infographic)


def gui_command() -> list[str]:
    """How to start the graphical program: the bundled xxgk-gui beside us, or ``python -m gui``."""
    if getattr(sys, "frozen", False):
        name = "xxgk-gui.exe" if sys.platform == "win32" else "xxgk-gui"
        program = Path(sys.executable).resolve().parent / name
        if not program.is_file():
            raise UserError(f"找不到图形界面程序「{program}」：一图读懂由它绘制。请重新解压完整的程序包。")
        return [str(program)]
    import importlib.util

    if importlib.util.find_spec("PySide6") is None:
        raise UserError("生成一图读懂需要图形界面组件 PySide6，当前环境没有安装。请安装 xxgk-report[gui] 后重试。")
    return [sys.executable, "-m", "gui"]


def cmd_infographic(args) -> int:
    out = Path(args.output)
    if out.suffix.lower() != ".png":
        raise UserError(f"输出文件「{out}」应以 .png 结尾。")
    refuse_overwrite(out, args.force)
    # Checked here first, so a refusal reads the same as every other command's.
    report = draft.load(args.draft)
    last = draft.load(args.last_year) if args.last_year else None
    prepare(report, last, force=args.force)
    command = gui_command() + ["--infographic", str(Path(args.draft).resolve()), "-o", str(out.resolve())]
    if args.last_year:
        command += ["--last-year", str(Path(args.last_year).resolve())]
    if args.force:
        command.append("--force")
    fd, message_file = tempfile.mkstemp(prefix="xxgk-infographic-", suffix=".txt")
    os.close(fd)
    try:
        command += ["--message-file", message_file]
        try:
            proc = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise UserError(f"绘制一图读懂超过 {TIMEOUT} 秒仍未完成，已停止。") from None
        except OSError as exc:
            raise UserError(f"无法启动图形界面程序（{exc.strerror or exc}），一图读懂没有生成。") from None
        try:
            messages = Path(message_file).read_text(encoding="utf-8").strip()
        except OSError:
            messages = ""
    finally:
        try:
            os.unlink(message_file)
        except OSError:
            pass
    if not messages:
        messages = (proc.stdout + proc.stderr).decode("utf-8", "replace").strip()
    if proc.returncode == EXIT_OK and out.is_file():
        print(messages or f"已生成一图读懂：{out}")
        return EXIT_OK
    if proc.returncode in (EXIT_OK, 2):
        # The drawing program's own Chinese message; exit 2 like every refused input.
        text = messages.removeprefix("错误：") if messages else "一图读懂没有生成。"
        raise UserError(text)
    print(messages or "抱歉，绘制一图读懂时程序内部出错，图片没有生成。", file=sys.stderr)
    return EXIT_BUG
