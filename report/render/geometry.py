"""The page of a 公文 (GB/T 9704-2012), declared once.

Everything that depends on the page, the fonts or the character pitch reads
it here: the template builder (margins, styles, table widths), the
typesetting (how many 字 a title or a 署名 line holds, the signature
indents), the number fitting, and the tests that measure the printed page.
See ``shared/official-format.md`` §9.
"""

from __future__ import annotations

TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# --- the page (§5.1, §5.2.1) ---------------------------------------------------------

PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_MM = PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156: the 版心
TEXT_HEIGHT_MM = PAGE_H_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
#: The number's top about 28 mm above the page bottom, 7 mm under the 版心 (§9.5).
FOOTER_MM = 23
HEADER_MM = 15

PAGE_W, PAGE_H = mm_to_twips(PAGE_W_MM), mm_to_twips(PAGE_H_MM)
MARGIN_TOP, MARGIN_BOTTOM = mm_to_twips(MARGIN_TOP_MM), mm_to_twips(MARGIN_BOTTOM_MM)
MARGIN_LEFT, MARGIN_RIGHT = mm_to_twips(MARGIN_LEFT_MM), mm_to_twips(MARGIN_RIGHT_MM)
#: The text width in twips as a word processor computes it from the page and the margins.
TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 8845
TEXT_HEIGHT = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

# --- the grid: 22 lines of 28 characters (§5.2.3) ----------------------------------------

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
#: Line pitch: the largest whole twip that still puts 22 lines on the 225 mm 版心.
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579 (28.95 pt)

BODY_PT = 16  # 3号
#: One body character: 16 pt condensed to the largest whole twip that puts 28 on the line.
#: (A character grid, ``w:docGrid w:type="linesAndChars"``, would say the same to Word, but
#: LibreOffice and WPS lay it out as 20 widely spread characters; spacing means the same
#: to every word processor.)
CHAR_PITCH = TEXT_WIDTH // CHARS_PER_LINE  # 315 twips
CONDENSE = CHAR_PITCH - BODY_PT * TWIPS_PER_PT  # -5 (w:spacing, in twips)
INDENT = 2 * CHAR_PITCH  # 首行缩进 2 字

TITLE_PT = 22  # 2号
TITLE_LINE = 700  # twips: the title's own exact line pitch (35 pt)
TITLE_CHARS_PER_LINE = TEXT_WIDTH // (TITLE_PT * TWIPS_PER_PT)  # 20
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 10.5  # 五号: table 二
TABLE_SMALL_PT = 9  # 小五: the wide tables 三 and 四
TABLE_ROW_MM = 6  # minimum row height
TABLE_CELL_MARGIN = 28  # twips, left and right of every cell
#: 署名 lines hold fewer characters than the body line, leaving room for the 2-字 offsets of §7.3.5.
SIGNER_CHARS_PER_LINE = 20

# --- fonts (§5.2.2, §7.3; official-format.md §9.2) ---------------------------------------

LATIN = "Times New Roman"
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
#: What Word and WPS substitute where a font is missing (fontTable ``w:altName``).
FONT_FALLBACKS = {
    BODY_FONT: "仿宋",
    HEADING2_FONT: "楷体",
    TITLE_FONT: "宋体",
    HEADING1_FONT: "SimHei",
    PAGE_NUMBER_FONT: "SimSun",
}

#: Advance widths in em of Times New Roman (and its metric twin Liberation Serif), for the
#: half-width characters the typesetting measures; a CJK character is 1 em.
LATIN_EM = {
    **dict.fromkeys("0123456789", 0.5),
    **dict.fromkeys(",.:;", 0.25),
    " ": 0.25,
    "-": 0.333,
    "+": 0.564,
    "\u2212": 0.564,
    "/": 0.278,
    "(": 0.333,
    ")": 0.333,
    "%": 0.833,
}
LATIN_EM_DEFAULT = 0.5


def is_half_width(ch: str) -> bool:
    """Typeset at half a 字 (Latin letters, digits, half-width punctuation and katakana)."""
    return ord(ch) < 0x2000 or "\uff61" <= ch <= "\uffdc"


def run_twips(text: str, size_pt: float = BODY_PT, condense: int = CONDENSE) -> float:
    """The advance of ``text`` in twips as set in ``size_pt`` with ``condense`` after every character."""
    em = size_pt * TWIPS_PER_PT
    total = 0.0
    for ch in text:
        total += (LATIN_EM.get(ch, LATIN_EM_DEFAULT) if is_half_width(ch) else 1.0) * em + condense
    return total
