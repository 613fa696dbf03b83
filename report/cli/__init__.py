"""The ``xxgk`` command line (every message in Chinese).

One module per sub-command, each defining ``register(subparsers)``;
``COMMAND_MODULES`` lists them in the order ``--help`` shows them.
``main`` is the one place errors are turned into exit codes: a
``UserError`` prints its Chinese sentence and exits 2; anything else is a
bug, logged with its traceback, and the user gets a Chinese apology with
the log's path and exit 3 — never a bare traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import UserError
from ..stdio import configure_std_streams
from . import argparse_zh
from .common import EXIT_BUG, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_json

#: Each module defines ``register(subparsers)``; the order is the order of ``--help``.
COMMAND_MODULES = tuple(
    f"{__name__}.{name}"
    for name in ("new", "check", "next_year", "export", "render", "open_docx", "import_report", "review")
)

__all__ = ["EXIT_BUG", "EXIT_FINDINGS", "EXIT_INPUT", "EXIT_OK", "build_parser", "main", "print_json"]


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="政府信息公开工作年度报告填报助手：新建、检查、结转和导出年度报告草稿。",
        epilog="每个命令的详细说明：xxgk 命令 --help",
    )
    parser.add_argument("--version", action="version", version=f"xxgk-report {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    configure_std_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the one place a bug becomes an apology instead of a traceback
        return _report_bug(args)


def _report_bug(args) -> int:
    import traceback

    details = traceback.format_exc()
    where = _write_log(f"xxgk {args.command}\n{details}")
    place = f"详细信息已记录在「{where}」，请把该文件发给信息化人员。" if where else "详细信息无法写入日志文件。"
    print(f"抱歉，程序内部出错，本次操作没有完成，您的文件没有被改动。{place}", file=sys.stderr)
    return EXIT_BUG


def _write_log(text: str):
    import datetime as dt

    from ..userdata import log_path

    try:
        path = log_path("xxgk")
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} ---\n{text}\n")
        return path
    except OSError:
        return None
