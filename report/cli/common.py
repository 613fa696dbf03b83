"""What every ``xxgk`` sub-command shares: exit codes, JSON output, the overwrite guard."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import UserError

#: 0 done / no errors, 1 the report has errors, 2 the input cannot be used, 3 a bug (apology printed).
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UserError(f"「{path}」已存在。如要覆盖，请加 --force。")
