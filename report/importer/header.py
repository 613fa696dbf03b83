"""The front and back matter: 文号, title (机关名称, 年度), 主送, opening, 落款, 成文日期."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..draftmark import DRAFT_SUFFIX
from ..model import TITLE_SUFFIX
from .normalise import compact, fold, label_key
from .stream import Item, Para

_DOC_NUMBER = re.compile(r"^(.{1,20}?[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号)$")
#: How titles end: the official wording, and the shorter one many offices print (…政府信息公开年度报告).
TITLE_ENDINGS = (TITLE_SUFFIX, "政府信息公开年度报告")
_TITLE_TAIL = rf"(?:{'|'.join(TITLE_ENDINGS)})(?:[(（].{{0,8}}[)）])?$"


def _has_title_ending(key: str) -> bool:
    return any(e in key for e in TITLE_ENDINGS)

_ENDS_AS_TITLE = re.compile(_TITLE_TAIL)
_TITLE_WITH_YEAR = re.compile(rf"^(?P<pre>.*?)(?P<year>\d{{4}})年度?(?P<mid>.*?){_TITLE_TAIL}")
_TITLE = re.compile(rf"^(?P<pre>.*?)(?P<year>)(?P<mid>){_TITLE_TAIL}")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE = re.compile(r"^([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_METADATA = ("http", "www.", "发布时间", "发布日期", "来源", "字号", "阅读", "浏览", "点击", "打印", "关闭", "分享", "当前位置", "首页")
_SENTENCE = re.compile(r"[。；，,]")
_OPENING_START = ("根据", "依据", "按照", "本报告", "本年度报告")
_YEAR_IN_TEXT = re.compile(r"(20\d{2})\s*年")
# A page viewer's prefix before the title (Page 8 - 威海市…年度报告): Latin words never begin an agency name.
_VIEWER_PREFIX = re.compile(r"^\s*[A-Za-z][A-Za-z0-9 .]*?\s*[-–—|:：]\s*(?=\S)")


@dataclass
class HeaderRead:
    doc_number: str = ""
    title: str = ""  # as printed, lines joined
    org: str = ""
    year: int = 0
    addressee: str = ""
    opening: str = ""
    signer: str = ""
    sign_date: dt.date | None = None
    end_at: int | None = None  # first item of the back matter (落款, date, page footer)
    draft_mark: bool = False  # the title ended in this program's 「（草稿）」 (dropped from ``title``)


_CN_YEAR = re.compile(r"([〇零○ＯO一二三四五六七八九]{4})(?=年)")


def fold_brackets(text: str) -> str:
    """Half-width brackets, full-width digits and a year in Chinese numerals (二〇二一年) as a title prints them."""
    text = re.sub(r"[０-９]", lambda m: str(ord(m.group(0)) - 0xFF10), text)
    text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(1)), text)
    return text.replace("(", "（").replace(")", "）")


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def parse_date(text: str) -> dt.date | None:
    key = re.sub(r"\s+", "", fold(text))
    m = _DATE.match(key)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _CN_DATE.match(key)
        if not m:
            return None
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _lines(items: list[Item], start: int, end: int) -> list[tuple[int, str]]:
    return [(i, item.line) for i in range(start, end) if isinstance(item := items[i], Para) and item.line]


def _is_metadata(line: str) -> bool:
    """A web page's date/source/font-size line or breadcrumb; a sentence naming a website is prose."""
    return len(line) < 80 and not line.endswith("。") and any(m in line for m in _METADATA)


def _broken_title(lines: list[tuple[int, str]]) -> tuple[int | None, list[tuple[int, str]]]:
    """A title broken inside its ending (…政府信息公开工作 / 年度报告): the two lines joined, and where."""
    for n in range(len(lines) - 1):
        joined = lines[n][1].strip() + lines[n + 1][1].strip()
        key = label_key(joined)
        if (
            len(key) <= 80 and _ENDS_AS_TITLE.search(key) and not _SENTENCE.search(joined)
            and not _is_metadata(joined)
        ):
            return n, [*lines[:n], (lines[n][0], joined), *lines[n + 2:]]
    return None, lines


def read_front(items: list[Item], end: int) -> HeaderRead:
    """Everything before the first section heading."""
    h = HeaderRead()
    lines = _lines(items, 0, end)
    title_at = ending_at = None
    for n, (_, line) in enumerate(lines):
        key = label_key(line)
        if _DOC_NUMBER.match(key) and not h.doc_number:
            h.doc_number = re.sub(r"\s+", "", line)
        if _has_title_ending(key) and len(key) <= 80 and not _is_metadata(line):
            title_at = n
            if _ENDS_AS_TITLE.search(key):
                ending_at = n
    # A line that ends as a title does is the title; one that only holds the words (a wrapped line of the
    # opening citing 《…政府信息公开工作年度报告格式》) is taken only when no line ends so.
    title_at = ending_at if ending_at is not None else title_at
    if title_at is None:
        title_at, lines = _broken_title(lines)
    if title_at is None:
        return h
    title = compact(fold_brackets(_VIEWER_PREFIX.sub("", lines[title_at][1])))
    m = _TITLE_WITH_YEAR.match(title) or _TITLE.match(title)
    if m:
        org = m.group("pre") or m.group("mid")
        if not org and title_at > 0:
            prev = compact(lines[title_at - 1][1])
            if (
                prev and len(prev) <= 40 and not _SENTENCE.search(prev) and not _is_metadata(prev)
                and not _DOC_NUMBER.match(prev) and not prev.endswith((":", "："))
                and not _has_title_ending(label_key(prev))  # the title printed twice is no agency name
            ):
                title = prev + title
                # a title broken over two lines (某某县2021年 / 政府信息公开工作年度报告): the whole title decides
                whole = _TITLE_WITH_YEAR.match(title) if not m.group("year") else None
                if whole is not None:
                    m, org = whole, whole.group("pre") or whole.group("mid") or prev
                else:
                    org = prev
        h.org = org.strip()
        h.year = int(m.group("year")) if m and m.group("year") else 0
    if title.endswith(DRAFT_SUFFIX):  # our own mark on a forced draft, not the report's wording
        title, h.draft_mark = title.removesuffix(DRAFT_SUFFIX), True
    h.title = title
    rest = lines[title_at + 1:]
    if rest and rest[0][1].rstrip().endswith(("：", ":")) and len(rest[0][1]) <= 40 and not rest[0][1].startswith(_OPENING_START):
        h.addressee = rest[0][1].rstrip().rstrip("：:").strip()
        rest = rest[1:]
    opening = [line for _, line in rest if not _is_metadata(line) and compact(line) != title]
    if opening and (opening[0].startswith(_OPENING_START) or any("如下" in p for p in opening)):
        h.opening = "\n".join(opening)
    return h


def read_end(items: list[Item], start: int, h: HeaderRead) -> None:
    """落款 and 成文日期: the first line after ``start`` that is only a date, the short line above it the signer.

    Everything from there on (a web page's footer, a seal note) is back matter, not prose.
    """
    lines = _lines(items, start, len(items))
    for n, (index, line) in enumerate(lines):
        date = parse_date(line)
        if date is None:
            continue
        h.sign_date = date
        h.end_at = index
        if n > 0:
            prev_index, prev = lines[n - 1]
            if len(prev) <= 40 and not _SENTENCE.search(prev) and not prev.endswith(("。", "：", ":")) and prev_index > start:
                h.signer = compact(prev)
                h.end_at = prev_index
        return


#: A place name alone (the title of a 本级政府 report: 米易县2021年政府信息公开工作年度报告).
_PLACE_ONLY = re.compile(r"^[\u3400-\u9fff]{2,24}?(?:省|市|县|区|旗|自治州|自治县|州|盟|镇|乡|街道|新区)$")
_ORGAN_WORDS = ("局", "委", "办", "厅", "院", "中心", "政府", "公司", "所", "站", "队", "处", "会", "部", "室", "馆", "社", "团")
#: A government's own general office signing for it.
_OFFICE_OF_GOVERNMENT = re.compile(r"^(?P<gov>.+?人民政府)(?:办公室|办公厅)$")


def is_place_only(name: str) -> bool:
    return bool(_PLACE_ONLY.match(name)) and not any(w in name for w in _ORGAN_WORDS)


def organ_of_place(place: str) -> str:
    """The organ that reports for a place named alone: its 人民政府, but a 街道 has none; its
    街道办事处 (the county's or district's 派出机关) is the agency (迎宾路街道 → 迎宾路街道办事处)."""
    return f"{place}办事处" if place.endswith("街道") else f"{place}人民政府"


def government_agency(title_org: str, signer: str) -> tuple[str, str]:
    """The agency of a report whose title names only a place (a 本级政府 report), and why.

    Signed by the government's 办公室 (the office that compiles it) or by the government itself:
    the government (米易县人民政府), not the title's place name nor its office.  ("", "") otherwise.
    """
    if not is_place_only(title_org):
        return "", ""
    m = _OFFICE_OF_GOVERNMENT.match(signer)
    if m:
        return m.group("gov"), f"标题只有地名「{title_org}」，落款为其办公室「{signer}」，机关名称取「{m.group('gov')}」"
    if signer.endswith("人民政府") or signer == organ_of_place(title_org):
        return signer, f"标题只有地名「{title_org}」，机关名称取落款「{signer}」"
    return "", ""


def org_from_title(title: str) -> tuple[str, int]:
    """(agency, year) from a text shaped like a report title (a page title, a file name); ("", 0) if none."""
    key = compact(fold_brackets(_VIEWER_PREFIX.sub("", title)))
    for part in re.split(r"[_|｜—–]+|-{1,2}|\s-\s", key):
        if not _has_title_ending(part):
            continue
        m = _TITLE_WITH_YEAR.match(part) or _TITLE.match(part)
        if m:
            org = (m.group("pre") or m.group("mid")).strip(" ：:")
            return org, int(m.group("year")) if m.group("year") else 0
    return "", 0


_YEAR_NOT_DATE = re.compile(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")


def year_from_text(text: str, dates: bool = True) -> int:
    """The first year named in ``text``; with ``dates=False`` a date's year (2022年1月14日) does not count."""
    m = (_YEAR_IN_TEXT if dates else _YEAR_NOT_DATE).search(text)
    return int(m.group(1)) if m else 0
