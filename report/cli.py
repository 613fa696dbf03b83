"""The ``xxgk`` command line (every message in Chinese).

Sub-commands live in small modules that each define ``register(subparsers)``;
``COMMAND_MODULES`` lists them in the order ``--help`` shows them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from . import __version__, cli_text
from .errors import UserError

#: Each module defines ``register(subparsers)``.
COMMAND_MODULES = ("report.cli_core", "report.cli_render", "report.cli_import")

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    cli_text.install()
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


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    _utf8_stdio()
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


def _utf8_stdio() -> None:
    # A Windows console defaults to a legacy code page; Chinese must not crash the program.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def out_path(value: str) -> Path:
    return Path(value)
