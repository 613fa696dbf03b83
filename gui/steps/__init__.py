"""The wizard's steps, built from the report's format: 基本信息, one per section, 检查并生成."""

from __future__ import annotations

from report.steps import BASIC, FINISH, steps

from ..document import ReportDocument
from .base import StepPage
from .basic import BasicStep
from .finish import FinishStep
from .section import SectionStep


def build_steps(document: ReportDocument) -> list[StepPage]:
    """One page per ``report.steps.steps`` entry: 基本信息, the sections, 检查并生成."""
    sections = {s.number: s for s in document.format.sections}
    pages: list[StepPage] = []
    for step in steps(document.format):
        if step.key == BASIC:
            pages.append(BasicStep(document))
        elif step.key == FINISH:
            pages.append(FinishStep(document))
        else:
            pages.append(SectionStep(document, sections[step.key]))
    return pages


__all__ = ["BasicStep", "FinishStep", "SectionStep", "StepPage", "build_steps"]
