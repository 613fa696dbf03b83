"""How a forced draft is marked in what the program prints, so the importer can tell the mark from the report.

A draft rendered with errors carries 「（草稿）」 after its title and a notice line on every page
(the .docx's page header, above the web page).  Neither is the report's own wording: read back
from a PDF or a web page, they are dropped, and the import says so.
"""

#: After the title of a forced draft.
DRAFT_SUFFIX = "（草稿）"
#: The line a forced draft carries on every page of the .docx and above the web page.
DRAFT_NOTICE = "草稿：本稿有未改正的错误，不得作为正式报告印发"
