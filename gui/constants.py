"""The wizard's constants, in one place: colours, sizes, timings.

Bounds on what a clerk may enter (years, lengths, sizes) are the core's
(``report/limits.py``) and are re-exported here, so no GUI module defines a
bound of its own.  Importing this module loads no Qt.
"""

from __future__ import annotations

from report.limits import MAX_LINE_CHARS, MAX_TEXT_CHARS, YEAR_MAX, YEAR_MIN

__all__ = ["MAX_LINE_CHARS", "MAX_TEXT_CHARS", "YEAR_MAX", "YEAR_MIN"]

# --- colours ----------------------------------------------------------------------
#: Text: 错误 red, 提示 amber, explanations grey, done grey, all clear green.
ERROR_COLOR = "#b42318"
WARNING_COLOR = "#8a5a00"
PLAIN_COLOR = "#555"
DONE_COLOR = "#6b7280"
OK_COLOR = "#1a7f37"
#: The step list: a step with errors, with open warnings, without.
STEP_ERROR_COLOR = "#8b0000"
STEP_WARNING_COLOR = "#8a5a00"
STEP_PLAIN_COLOR = "#000000"
#: The help line under the step title.
HELP_TEXT_COLOR = "#444"
HELP_BACKGROUND = "#f5f7fa"
#: Table cells: backgrounds by state, text of entered and of computed cells.
CELL_ERROR_BACKGROUND = "#f8c9c4"
CELL_WARNING_BACKGROUND = "#fbe3a6"
CELL_DERIVED_BACKGROUND = "#e6eaf0"
CELL_HEADER_BACKGROUND = "#f3f4f6"
CELL_ENTERED_BACKGROUND = "#ffffff"
CELL_TEXT = "#1f2328"
CELL_DERIVED_TEXT = "#3b4a63"

# --- sizes ------------------------------------------------------------------------
#: Step list and findings panel widths; a window narrower than COMPACT_BELOW (a
#: 1024×600 netbook or a half screen) gets the narrow ones, leaving the tables room.
STEP_LIST_WIDTH, STEP_LIST_NARROW = 220, 160
FINDINGS_WIDTH, FINDINGS_NARROW = 280, 220
COMPACT_BELOW = 1200
MIN_WINDOW = (960, 600)

# --- timings ----------------------------------------------------------------------
#: An autosave follows the first unsaved change within this time, however fast the
#: clerk types (a throttle: later changes do not postpone it).
AUTOSAVE_THROTTLE_MS = 1000
#: And runs at least this often while there are unsaved changes.
AUTOSAVE_PERIOD_MS = 60_000

# --- files ------------------------------------------------------------------------
MAX_RECENT = 8
#: Lines of the log put on the clipboard by 复制诊断信息.
LOG_TAIL_LINES = 200
