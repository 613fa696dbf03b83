"""Rebuild the report templates in ``templates/`` (one per declared format) and their README.

Run with the project's venv from the project root::

    .venv/bin/python scripts/build_templates.py

The builder itself is ``report/render/builder.py``; the tests check that the
committed templates are exactly what it builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report.render.builder import write_all


def main() -> int:
    for path in write_all(ROOT / "templates"):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
