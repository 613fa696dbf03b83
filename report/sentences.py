"""Sentences for the text boxes, filled with the numbers from the tables.

The templates are part of the format declaration (``FormatSpec.sentences``);
each names the cells it reads by id, so the wording never repeats a label.
"""

from __future__ import annotations

import re

from .model import Report
from .parse import format_value

_FIELD = re.compile(r"\{([^}]+)\}")


def sentence_for(report: Report, key: str) -> str:
    """The filled sentence(s) for text field ``key``, or "" when none applies."""
    fmt = report.format
    cells = fmt.cells
    out = []
    for field_key, templates in fmt.sentences:
        if field_key != key:
            continue
        for template in templates:
            names = [n for group in _FIELD.findall(template) for n in group.split("+")]
            if not all(n in cells for n in names):
                continue

            def fill(match: re.Match) -> str:
                parts = match.group(1).split("+")
                total = sum(report.values.get(name) or 0 for name in parts)
                return format_value(total, cells[parts[0]].kind)

            out.append(_FIELD.sub(fill, template))
    return "".join(out)
