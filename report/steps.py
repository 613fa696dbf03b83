"""The steps a clerk walks through, and which step shows a finding.

基本信息 (the header), one step per section of the format (its number, 一 … 六),
then 检查并生成.  The GUI builds its pages from ``steps(fmt)`` and files each
finding under ``step_of(fmt, finding)``; a command line can group its output
the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .checks import Finding
from .rules import ERROR
from .schema import FormatSpec

#: The header step's key; the sections use their numbers (一 … 六).
BASIC = "basic"
#: The last step: the findings summary and the document.
FINISH = "finish"
BASIC_TITLE = "基本信息"
FINISH_TITLE = "检查并生成"


@dataclass(frozen=True)
class Step:
    key: str  # BASIC, a section number, or FINISH
    title: str


def steps(fmt: FormatSpec) -> tuple[Step, ...]:
    return (
        Step(BASIC, BASIC_TITLE),
        *(Step(s.number, s.heading) for s in fmt.sections),
        Step(FINISH, FINISH_TITLE),
    )


def step_of(fmt: FormatSpec, finding: Finding) -> str:
    """The step that shows ``finding``: the section of its first cell or text field, else 基本信息."""
    return step_of_place(fmt, tuple(ref.id for ref in finding.cells), finding.text_fields[:1])


def step_of_place(fmt: FormatSpec, cells: tuple[str, ...] = (), text_fields: tuple[str, ...] = (),
                  fee_field: str | None = None) -> str:
    """The step showing these cells (ids), text fields or fee field; 基本信息 for anything else (the header)."""
    for cid in cells:
        return fmt.section_of_table(cid.split(".", 1)[0]).number
    for key in text_fields:
        return fmt.section_of_text(key).number
    if fee_field is not None and fmt.fee_text_field:
        return fmt.section_of_text(fmt.fee_text_field).number
    return BASIC


def counts_by_step(fmt: FormatSpec, findings: Iterable[Finding]) -> dict[str, tuple[int, int]]:
    """step -> (errors, warnings not yet acknowledged); steps without any are left out."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f in findings:
        if f.severity != ERROR and f.acknowledged is not None:
            continue
        counts[step_of(fmt, f)][0 if f.severity == ERROR else 1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}
