"""The supervising office's review of a folder of reports (``xxgk review``, the 审核 window).

- ``batch``: find, import and check every report (against last year's when given);
- ``roster``: the units expected (名单: 机关名称, 上级机关, 口径), matched by name;
- ``checks``: the batch rules — year, duplicates, roster (W27–W31), hierarchy (E9, E10, W34, in
  ``hierarchy``), rates against the batch (W32, W33, in ``outliers``);
- ``rollup``: tables 三 and 四 summed per format, each unit once, never a 全辖区 report with its children;
- ``workbook``: the .xlsx the reviewer keeps.
"""

from .batch import LastYearIndex, Review, ReviewedReport, RosterLine, Unlisted, find_reports, review_file, review_folder
from .rollup import ROLLUP_SECTIONS, RollUp, roll_up
from .roster import OWN, WHOLE, Roster, Unit, read_roster
from .workbook import workbook_bytes, write_workbook

__all__ = [
    "OWN", "ROLLUP_SECTIONS", "WHOLE", "LastYearIndex", "Review", "ReviewedReport", "RollUp", "Roster", "RosterLine",
    "Unit", "Unlisted", "find_reports", "read_roster", "review_file", "review_folder", "roll_up", "workbook_bytes",
    "write_workbook",
]
