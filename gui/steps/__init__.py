"""The wizard's steps, built from the report's format: 基本信息, one per section, 检查并生成."""

from __future__ import annotations

from ..document import ReportDocument
from .base import StepPage
from .basic import BasicStep
from .finish import FinishStep
from .section import SectionStep


def build_steps(document: ReportDocument) -> list[StepPage]:
    steps: list[StepPage] = [BasicStep(document)]
    steps += [SectionStep(document, section) for section in document.format.sections]
    steps.append(FinishStep(document))
    return steps


__all__ = ["BasicStep", "FinishStep", "SectionStep", "StepPage", "build_steps"]
