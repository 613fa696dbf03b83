"""Every size, depth and length bound of the program, in one place.

Each reader and writer imports its bound from here, so that what ``save``
writes ``load`` reads, and a hostile file meets the same wall whichever
door it comes through (draft, .docx, embedded draft, HTML, text, PDF).
The values are generous for any real report (the largest real report
seen is under 5 MB as .docx, 40 pages as PDF, paragraphs under 3,000
characters) and small enough that memory stays far under 300 MB.
"""

from __future__ import annotations

MB = 1024 * 1024

# --- files -------------------------------------------------------------------
#: A draft file (JSON).  ``draft.save`` refuses to write more than ``load`` reads.
MAX_DRAFT_BYTES = 20 * MB
#: Any report file read by the importer or by open-docx (.docx, .html, .txt, .pdf, .doc …).
MAX_INPUT_BYTES = 50 * MB
#: A PDF: scanned annexes make real PDFs larger than the other kinds.
MAX_PDF_BYTES = 100 * MB
#: PDF pages read (a report is 5–40 pages).
MAX_PDF_PAGES = 300
#: The sum of the uncompressed sizes of a zip package's members (.docx, .xlsx): a zip bomb stops here.
MAX_EXPANDED_BYTES = 200 * MB
#: Members in a zip package (a .docx of a report has about 20).
MAX_ZIP_MEMBERS = 2_000
#: One XML part read from a package (document.xml, the embedded draft).
MAX_XML_PART_BYTES = 60 * MB

# --- structure ---------------------------------------------------------------
#: Nesting of JSON arrays/objects, HTML elements, XML elements.
MAX_NESTING_DEPTH = 200
#: Elements of one web page kept by the importer (a real report page has 2,000–10,000).
MAX_HTML_ELEMENTS = 300_000
#: Digits in one number of any input (a count has at most 9; longer runs are not figures).
MAX_NUMBER_DIGITS = 30

# --- text ----------------------------------------------------------------------
#: One text field of a report (a section's text), in characters.
MAX_TEXT_CHARS = 200_000
#: One paragraph, in characters.
MAX_PARAGRAPH_CHARS = 50_000
#: A one-line header field (机关名称, 标题, 文号 …), in characters.
MAX_LINE_CHARS = 500
#: Characters of text one memo cache of the checks or the importer may hold (``report/textcache.py``):
#: a clerk typing for hours or a batch of reports never piles up old versions of the prose.
MAX_CACHED_CHARS = 1_000_000

# --- values ----------------------------------------------------------------------
#: The largest count (件/条/个) accepted in a cell.
MAX_COUNT = 999_999_999
#: Decimal places accepted in an amount (real reports carry up to 6, e.g. 24252.311082).
MAX_DECIMALS = 6

# --- years -----------------------------------------------------------------------
#: Report years accepted anywhere (the 条例 of 2008 started the annual reports).
YEAR_MIN, YEAR_MAX = 2008, 2100
#: A year a draft may hold at all (0: not known yet); outside YEAR_MIN..YEAR_MAX the checks (E8) say so.
STORED_YEAR_MAX = 9999

# --- review ----------------------------------------------------------------------
#: Units in a roster (名单) for ``xxgk review --roster``: a province has a few thousand agencies.
MAX_ROSTER_ROWS = 20_000
