"""Chinese typesetting decisions that do not depend on the output format.

Where lines break in a title, a 署名 and a table heading (between words,
symmetric, GB/T 9704 §7.3.1); where the 署名 and the 成文日期 stand
(§7.3.5); and which level a paragraph that opens with an ordinal occupies
(§7.3.3).  The .docx renderer and later the web page and PDF read these.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations, pairwise

from . import geometry as g


def width(text: str) -> float:
    """Width in 字: half-width characters count ½."""
    return sum(0.5 if g.is_half_width(ch) else 1.0 for ch in text)


# --- line breaking between words ---------------------------------------------------------

#: Words an agency name ends with: a title or 署名 may break after them (GB/T 9704 §7.3.1: words stay whole).
_UNIT_ENDING_WORDS = (
    "省 市 县 区 州 盟 旗 镇 乡 街道 村 社区 政府 办公室 办公厅 委员会 委 局 厅 署 中心 处 所 站 院 馆 队 部 室 办 "
    "公司 集团 党组 和 与 及 、 年 年度 公开 工作"
)
_UNIT_ENDINGS = tuple(_UNIT_ENDING_WORDS.split())
#: Words a break must never split although a unit ending sits inside them.
_WHOLE_WORD_LIST = (
    "市场 城市 区域 县域 市域 乡村 村民 村镇 社会 委员 县委 市委 区委 省委 办公 办理 办事 处理 处置 所属 所有 "
    "会计 部门 局面 和平 和谐 政府信息 年度报告"
)
_WHOLE_WORDS = tuple(_WHOLE_WORD_LIST.split())
_ADMIN_CHARS = "省市县区州盟旗镇乡"
#: A line never starts with these (closing punctuation) nor ends with opening punctuation.
_NO_LINE_START = "）)」』》〉】〕”’，、。；：！？,.;:!?%"
_NO_LINE_END = "（(「『《〈【〔“‘"
_CONNECTORS = "和与及"
_MAX_LAYOUTS = 1500  # line layouts tried per line count (a few ms)


def _break_ok(text: str, i: int) -> bool:
    """May a line end before ``text[i]``? Never inside a number, a Latin word or a protected word."""
    a, b = text[i - 1], text[i]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return False
    if a.isdigit() and b in ".．" or a in ".．" and b.isdigit():
        return False
    if b.isspace() or b in _NO_LINE_START or a in _NO_LINE_END:
        return False
    if b in _CONNECTORS and text[i : i + 2] not in _WHOLE_WORDS:
        return False  # 「和」「与」「及」 end a line, never start one
    for word in _WHOLE_WORDS:
        start = text.find(word, max(0, i - len(word) + 1))
        while 0 <= start < i:
            if start + len(word) > i:
                return False
            start = text.find(word, start + 1)
    return True


def _word_breaks(text: str) -> list[int]:
    """Positions between words: after an agency-unit word, around a year, before a full-width bracket."""
    out = []
    for i in range(1, len(text)):
        if not _break_ok(text, i):
            continue
        a, b = text[i - 1], text[i]
        year_end = a == "年" and text[:i].rstrip("年")[-1:].isdigit()
        year_edge = (b.isdigit() and not a.isdigit()) or year_end
        unit = any(text.endswith(w, 0, i) for w in _UNIT_ENDINGS) and not (a in _ADMIN_CHARS and b in _ADMIN_CHARS)
        if year_edge or unit or b in "（(" or a.isspace():
            out.append(i)
    return out


def _shape_cost(widths: list[float]) -> float:
    """Balanced lines in a 梯形 or 菱形: never an hourglass, a short line between longer ones."""
    cost = max(widths) - min(widths)
    for k in range(1, len(widths) - 1):
        if widths[k] < widths[k - 1] and widths[k] < widths[k + 1]:
            cost += 8
    if widths[0] > widths[-1]:
        cost += 0.5  # 正梯形 (upper line shorter) reads better than 倒梯形
    return cost


def _best_partition(text: str, breaks: list[int], max_width: float, count: int, bonus: dict[int, float]):
    best = None
    for cut in combinations(breaks, count - 1):
        bounds = (0, *cut, len(text))
        widths = [width(text[s:e]) for s, e in pairwise(bounds)]
        if max(widths) > max_width:
            continue
        cost = _shape_cost(widths) - sum(bonus.get(c, 0) for c in cut)
        if best is None or cost < best[0]:
            best = (cost, bounds)
    return best


def wrap_balanced(text: str, max_width: float, prefer: int = -1) -> list[str]:
    """Break ``text`` into as few lines of at most ``max_width`` 字 as whole words allow, symmetric.

    Lines break between words (after an agency-unit word such as 县、局、委员会、中心, around the
    year); only when no word break fits does a line break between any two characters
    (still never inside a number).  ``prefer`` is a break worth a little imbalance (the end
    of the agency name, before the year).
    """
    text = text.strip()
    if width(text) <= max_width:
        return [text] if text else []
    bonus = {prefer: 5.0} if prefer > 0 else {}
    fewest = math.ceil(width(text) / max_width)
    for breaks in (_word_breaks(text), [i for i in range(1, len(text)) if _break_ok(text, i)]):
        for count in range(fewest, fewest + 3):
            if count - 1 > len(breaks):
                break
            while math.comb(len(breaks), count - 1) > _MAX_LAYOUTS:  # an unusual text: keep the search small
                breaks = breaks[::2]
            best = _best_partition(text, breaks, max_width, count, bonus)
            if best is not None and (best[0] < 8 or count == fewest + 2):
                # A space the clerk typed (report 004's title) ends a line and does not print.
                return [text[s:e].strip() for s, e in pairwise(best[1])]
    # Nothing fits (a run of digits longer than a line): cut at the width.
    lines, line = [], ""
    for ch in text:
        if line and width(line + ch) > max_width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def title_lines(title: str, org_name: str = "") -> list[str]:
    """Split a long title into lines of at most 20 字, symmetric (GB/T 9704 §7.3.1, 梯形/菱形).

    Words stay whole: the agency name breaks only after a unit word (县、局、中心…), never
    inside a number; a break between the agency name and the year is preferred.
    """
    title = title.strip()
    prefer = len(org_name) if org_name and title.startswith(org_name) else -1
    while 0 < prefer < len(title) and title[prefer].isspace():
        prefer += 1
    return wrap_balanced(title, g.TITLE_CHARS_PER_LINE, prefer)


def signer_lines(signer: str) -> list[str]:
    """A 署名 too long for one line, in balanced lines of whole words."""
    return wrap_balanced(signer, g.SIGNER_CHARS_PER_LINE)


# --- table headings ------------------------------------------------------------------------

#: One-character words in the labels of the official tables (法人「或」其他组织, 复议「后」起诉).
_SINGLE_WORDS = frozenset("或后的和与及、/")
#: Three-character words of those labels; the rest are two-character words (商业/企业, 社会/公益/组织).
_THREE_WORDS = ("自然人", "申请人", "上一年")


def label_words(label: str) -> list[str]:
    """A table label cut into its words, as far as the official labels need it."""
    words: list[str] = []
    i = 0
    while i < len(label):
        ch = label[i]
        if ch in _SINGLE_WORDS or not ("\u4e00" <= ch <= "\u9fff"):
            j = i + 1
            while j < len(label) and not ("\u4e00" <= label[j] <= "\u9fff") and label[j] not in _SINGLE_WORDS:
                j += 1
            words.append(label[i:j])
            i = j
            continue
        three = next((w for w in _THREE_WORDS if label.startswith(w, i)), None)
        if three:
            words.append(three)
            i += 3
            continue
        j = i + 1
        if j < len(label) and "\u4e00" <= label[j] <= "\u9fff" and label[j] not in _SINGLE_WORDS:
            j += 1
        words.append(label[i:j])
        i = j
    return words


def heading_lines(label: str, chars: int) -> list[str]:
    """A column heading in lines of at most ``chars`` 字, broken between words, lines as even as possible.

    Word would break 「社会公益组织」 in a 12 mm column as 社会公/益组织; the official tables
    read 社会公益/组织.  A label no word break can fit is broken between characters.
    """
    if width(label) <= chars or chars < 1:
        return [label]
    words = label_words(label)
    bounds = [0]
    for w in words:
        bounds.append(bounds[-1] + len(w))
    inner = bounds[1:-1]
    best = None
    for count in range(math.ceil(width(label) / chars), len(words) + 1):
        for cut in combinations(inner, count - 1):
            edges = (0, *cut, len(label))
            widths = [width(label[s:e]) for s, e in pairwise(edges)]
            if max(widths) > chars:
                continue
            # Even lines; on a tie the longer line first (社会公益/组织).
            cost = (max(widths) - min(widths), [-x for x in widths])
            if best is None or cost < best[0]:
                best = (cost, edges)
        if best is not None:
            return [label[s:e] for s, e in pairwise(best[1])]
    per = chars
    return [label[i : i + per] for i in range(0, len(label), per)]


# --- ordinals of the clerk's own paragraphs ---------------------------------------------------

#: The structural ordinals of §7.3.3, outermost first: 一、 （一） 1. （1）.
ORDINAL_SYSTEMS = (
    ("一、", re.compile(r"[一二三四五六七八九十]{1,3}、")),
    ("（一）", re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")),
    ("1.", re.compile(r"\d{1,2}[.．](?!\d)")),
    ("（1）", re.compile(r"[（(]\d{1,2}[）)]")),
)
#: 字: a longer opening without a full stop is prose, not a heading.
RUN_IN_MAX = 40


def ordinal_system(line: str) -> str | None:
    """Which ordinal the line opens with (「一、」「（一）」「1.」「（1）」), if any."""
    for name, pattern in ORDINAL_SYSTEMS:
        if pattern.match(line):
            return name
    return None


def run_in_head(line: str, system: str) -> str:
    """The heading at the start of ``line`` (up to its full stop or colon), or "" for prose."""
    pattern = dict(ORDINAL_SYSTEMS)[system]
    m = pattern.match(line)
    if not m:
        return ""
    stop = min((line.find(p, m.end()) for p in "。：:" if line.find(p, m.end()) >= 0), default=-1)
    if 0 <= stop < RUN_IN_MAX:
        return line[: stop + 1]
    if len(line) <= RUN_IN_MAX:
        return line
    return ""


def level_two_system(lines: list[str]) -> str | None:
    """Of a block of paragraphs printed directly under a section heading, the ordinal that is its second level.

    Inside a section (level 1, 黑体) the clerk's outermost numbering is the second level
    (楷体), whichever ordinal the clerk chose: report 003 numbers its parts 「一、」 inside
    section 一.  Only 「一、」 and 「（一）」 can be that level; 「1.」 and 「（1）」 stay 仿宋.
    """
    used = {ordinal_system(line) for line in lines}
    for name, _ in ORDINAL_SYSTEMS[:2]:
        if name in used:
            return name
    return None


# --- the 署名 and the 成文日期 (§7.3.5) -----------------------------------------------------------


@dataclass(frozen=True)
class SignatureLine:
    text: str
    align: str  # "left", "right" or "center", within the indents
    left_twips: int = 0
    right_twips: int = 0


@dataclass(frozen=True)
class SignatureLayout:
    blank_lines: int  # between the 正文 and the 署名: one, two under a seal
    lines: tuple[SignatureLine, ...]  # the 署名 lines, then the date

    @property
    def empty(self) -> bool:
        return not self.lines


def signature_layout(signer: str, date: str, sealed: bool) -> SignatureLayout:
    """Where the 署名 and the 成文日期 stand (GB/T 9704 §7.3.5).

    Without a seal the 署名 is 右空二字 and the date's first character stands 2 字 right of the
    署名's first character; when the date is longer, the date is 右空二字 and the 署名 moves left.
    Under a seal the date is 右空四字 and the 署名 is centred over it.

    Widths are measured as the word processor sets them (body characters of
    ``geometry.CHAR_PITCH``, digits of Times New Roman, no extra space between Chinese and
    digits, which the styles turn off).  Where a rule fixes a line's first character, the line
    is left-aligned at that position, so the 2 字 hold even in a word processor that adds space
    between Chinese and digits anyway (LibreOffice ignores ``w:autoSpaceDN``); where it fixes the
    right end (右空二字, 右空四字), the line is right-aligned.  A 署名 longer than a line is set in
    balanced lines: left-aligned as a block without a seal, each line centred over the date with one.
    """
    if not signer and not date:
        return SignatureLayout(0, ())
    pitch, width = g.CHAR_PITCH, g.TEXT_WIDTH
    lines = signer_lines(signer)
    ws = max((g.run_twips(x) for x in lines), default=0.0)
    wd = g.run_twips(date)
    out: list[SignatureLine] = []
    if sealed:
        centre = width - 4 * pitch - wd / 2
        for line in lines:
            if date:
                # Centred over the date: placed at its first character; a line too long for that ends at the margin.
                w = g.run_twips(line)
                if centre + w / 2 > width - pitch / 2:
                    out.append(SignatureLine(line, "right", 0, 0))
                else:
                    out.append(SignatureLine(line, "left", max(0, round(centre - w / 2)), 0))
            else:
                out.append(SignatureLine(line, "right", 0, 4 * pitch))
        if date:
            out.append(SignatureLine(date, "right", 0, 4 * pitch))
    elif ws - wd >= 2 * pitch or not date:
        # The date is the shorter: the 署名 右空二字, the date from the 署名's first character + 2 字.
        start = width - 2 * pitch - ws
        for line in lines:
            if len(lines) == 1:
                out.append(SignatureLine(line, "right", 0, 2 * pitch))
            else:
                out.append(SignatureLine(line, "left", max(0, round(start)), 0))
        if date:
            out.append(SignatureLine(date, "left", max(0, round(start + 2 * pitch)), 0))
    else:
        # The date is the longer: the date 右空二字, the 署名 block 2 字 left of the date's first character.
        start = width - 2 * pitch - wd - 2 * pitch
        for line in lines:
            out.append(SignatureLine(line, "left", max(0, round(start)), 0))
        out.append(SignatureLine(date, "right", 0, 2 * pitch))
    return SignatureLayout(2 if sealed else 1, tuple(out))
