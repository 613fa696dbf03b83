"""Sentences for the text boxes, filled with the numbers from the tables.

Each sentence names the cells it reads by id; a sentence is offered only
when every cell exists in the report's format, so the wording follows the
format without repeating any of its labels.  The wording matches the
core's prose patterns, so an inserted sentence never raises W10 itself.
"""

from __future__ import annotations

import re

from report.model import Report

#: text field -> sentences (tried in order; every one whose cells all exist is used).
SENTENCES: dict[str, tuple[str, ...]] = {
    "overview_active": (
        ("本年度制发规章{active.regs.made}件、行政规范性文件{active.norm_docs.made}件。"),
        ("本年度新制作规章{active.regs.new_made}件、规范性文件{active.norm_docs.new_made}件。"),
    ),
    "overview_on_request": (
        (
            "本年度共收到政府信息公开申请{applications.new_received.total}件，"
            "上年结转{applications.carried_over.total}件，办结{applications.total_processed.total}件，"
            "结转下年度继续办理{applications.carried_forward.total}件。"
        ),
        (
            "因政府信息公开工作被申请行政复议{appeals.review.total}件，"
            "被提起行政诉讼{appeals.direct.total+appeals.after_review.total}件。"
        ),
    ),
}

_FIELD = re.compile(r"\{([^}]+)\}")


def sentence_for(report: Report, key: str) -> str:
    """The filled sentence(s) for text field ``key``, or "" when none applies."""
    cells = report.format.cells
    out = []
    for template in SENTENCES.get(key, ()):
        names = [n for group in _FIELD.findall(template) for n in group.split("+")]
        if not all(n in cells for n in names):
            continue

        def fill(match: re.Match) -> str:
            total = 0
            for name in match.group(1).split("+"):
                total += report.values.get(name) or 0
            return str(total)

        out.append(_FIELD.sub(fill, template))
    return "".join(out)
