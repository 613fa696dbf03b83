"""The six top-level sections and the prose they hold.

Only the six known titles (and their aliases in the format declaration)
split the document, in order, so that 一、二、三、 numbering inside a
section (§11 #15) or 四、结转下年度继续办理 in table 三 never starts a
section.  Section 一 is split into its five aspects when their
sub-headings are there; section 五 into problems and improvements when
the split is visible; everything else goes where nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import FormatSpec, SectionSpec
from .normalise import clean_line, label_key
from .stream import Item, Para

_ORDINAL_HEADING = re.compile(r"^([一二三四五六七八九十]+)[、.,，:：]?(.*?)[。:：]?$")
_LEADING_ORDINAL = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．,，])\s*")
_MARKER_START = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+、|\d+[.．、]\s*\D)")
_TERMINAL = tuple("。！？；：!?;:…")
#: A PDF line shorter than this ends a paragraph even without punctuation (a heading).
WRAPPED_LINE = 20
_HEADING_TAIL = 10

# Words that open the second half of section 五 when clerks split it (§7.2).
IMPROVEMENT_MARKERS = ("改进情况", "改进措施", "整改措施", "整改情况", "改进方向", "下一步", "今后工作", "工作打算")
PROBLEM_MARKERS = ("存在的主要问题", "存在的问题", "存在问题", "主要问题")
IMPROVEMENT_SENTENCES = ("针对以上问题", "针对上述问题", "针对存在的问题", "针对这些问题", "下一步", "今后")


_TITLES: dict[int, tuple[SectionSpec, tuple[str, ...]]] = {}


def section_titles(section: SectionSpec) -> tuple[str, ...]:
    """The section's title and aliases in ``label_key`` form (memoised on the declaration's identity)."""
    hit = _TITLES.get(id(section))
    if hit is None or hit[0] is not section:
        hit = _TITLES[id(section)] = (section, tuple(label_key(t) for t in (section.title, *section.aliases)))
    return hit[1]


def heading_of(text: str, sections: tuple[SectionSpec, ...]) -> SectionSpec | None:
    """The section ``text`` is the heading of: its title or an alias as printed, or, when the heading
    carries the section's own ordinal (四、…), the whole heading within a small edit distance of one
    (an extra or a wrong character: 「四、政府信息公开行政复x议、行政诉讼情况」)."""
    return heading_of_key(label_key(clean_line(text)), sections)


def heading_of_key(key: str, sections: tuple[SectionSpec, ...]) -> SectionSpec | None:
    """``heading_of`` for a text already in ``label_key`` form (of its cleaned line)."""
    if not key or len(key) > 40:
        return None
    m = _ORDINAL_HEADING.match(key)
    whole = key.rstrip("。:：")
    ordinal, rest = (m.group(1), m.group(2)) if m else ("", "")
    for section in sections:
        for n, title in enumerate(section_titles(section)):
            if whole == title:
                return section
            if (
                m and (n == 0 or ordinal == section.number)  # an alias counts under its own ordinal only
                and (rest == title or (rest.endswith(title) and len(rest) - len(title) <= 12))
            ):
                return section
    if m:
        rest = m.group(2).rstrip("。:：")
        for section in sections:
            if m.group(1) != section.number:
                continue
            for title in section_titles(section):
                if len(title) >= 4 and edit_distance(rest, title, limit=max(1, len(title) // 6)) <= max(1, len(title) // 6):
                    return section
    return None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of two whole strings, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j - 1] + (ca != cb), previous[j] + 1, current[j - 1] + 1)
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def split_run_in_headings(items: list[Item], formats) -> list[Item]:
    """A page copied as one line (一、总体情况 根据… 二、主动公开政府信息情况 三、…) cut at its section headings.

    A heading counts only where its ordinal and title (from the format declarations) stand
    between spaces or at the line's ends, which a mention inside a sentence does not.
    """
    pattern = _run_in_pattern(tuple(formats))
    out: list[Item] = []
    for item in items:
        if not isinstance(item, Para):
            out.append(item)
            continue
        text = item.text
        cuts = [m.span(1) for m in pattern.finditer(text)]
        if not cuts or (len(cuts) == 1 and cuts[0] == (0, len(text.rstrip()))):
            out.append(item)
            continue
        position = 0
        for start, end in cuts:
            if text[position:start].strip():
                out.append(Para(text[position:start].strip()))
            out.append(Para(text[start:end]))
            position = end
        rest = text[position:].lstrip(":： \t\u3000")
        if rest.strip():
            out.append(Para(rest.strip()))
    return out


_RUN_IN: dict[tuple[int, ...], tuple[tuple, re.Pattern]] = {}


def _run_in_pattern(formats: tuple) -> re.Pattern:
    """The run-in heading pattern of these format declarations (memoised on their identity)."""
    hit = _RUN_IN.get(tuple(map(id, formats)))
    if hit is not None and all(a is b for a, b in zip(hit[0], formats)):
        return hit[1]
    headings: dict[str, set[str]] = {}
    for fmt in formats:
        for section in fmt.sections:
            headings.setdefault(section.number, set()).update((section.title, *section.aliases))
    pattern = re.compile(
        r"(?:^|(?<=\s))(" + "|".join(
            re.escape(number) + "[、.．]\\s*(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + ")"
            for number, titles in headings.items()
        ) + r")(?=\s|$|[:：])"
    )
    _RUN_IN[tuple(map(id, formats))] = (formats, pattern)
    return pattern


def find_headings(items: list[Item], fmt: FormatSpec) -> dict[str, int]:
    """Section number -> index of its heading item, found in document order."""
    found: dict[str, int] = {}
    remaining = tuple(fmt.sections)
    for i, item in enumerate(items):
        if not isinstance(item, Para) or not remaining:
            continue
        section = heading_of_key(label_key(item.line), remaining)
        if section is None:
            continue
        found[section.number] = i
        remaining = remaining[remaining.index(section) + 1:]
    return found


def paragraphs(items: list[Item]) -> list[str]:
    """Prose paragraphs: table rows skipped, lines a PDF wrapped joined again.

    A line is taken as wrapped (the next line continues it) when it is long and does not end a
    sentence, blank lines between or not (some PDFs' text puts a blank line after every line);
    a sub-heading line (``（二）…情况``) takes nothing after it.
    """
    out: list[str] = []
    open_line = False
    for item in items:
        if not isinstance(item, Para):
            open_line = False
            continue
        line = item.line
        if not line or item.line_is_page_mark:
            continue
        if out and open_line and not _MARKER_START.match(line):
            out[-1] += line
        else:
            out.append(line)
        open_line = not out[-1].endswith(_TERMINAL) and len(line) >= WRAPPED_LINE and not _is_heading_line(out[-1])
    return out


def _is_heading_line(text: str) -> bool:
    """A numbered line that reads as a sub-heading: short, no sentence inside, ending 情况/方面/工作."""
    return (
        len(text) <= _HEADING_LINE_CHARS
        and bool(_MARKER_START.match(text))
        and text.endswith(_HEADING_SUFFIXES)
        and not any(c in text for c in "，,。；;")
    )


@dataclass
class Split:
    heading: bool  # the paragraph is (or starts with) a sub-heading
    body: str  # what remains of the paragraph as text


_HEADING_SUFFIXES = ("情况", "方面", "工作")
#: A sub-heading line is at most this long (（二）人大代表建议和政协委员提案办理情况 has 20 characters).
_HEADING_LINE_CHARS = 40


def _sub_heading(paragraph: str, keywords: tuple[str, ...], need_ordinal: bool, shortened: bool = False) -> Split | None:
    """Whether ``paragraph`` opens with one of ``keywords`` as a (possibly run-in) sub-heading.

    With ``shortened``, a short heading that is a part of the keyword also counts
    (（四）平台建设情况 for 政府信息公开平台建设), and so does one holding the keyword's last
    four characters or more in words of its own ((二)规范依申请公开办理, (四)加强公开平台建设).
    """
    m = _LEADING_ORDINAL.match(paragraph)
    if need_ordinal and not m:
        return None
    rest = paragraph[m.end():] if m else paragraph
    key = label_key(rest)
    keyword = next((k for k in keywords if key.startswith(label_key(k))), None)
    stops = [i for i in (rest.find(c) for c in "。：:") if i >= 0]
    stop = min(stops, default=-1)
    if keyword is None and shortened:
        part = rest[:stop] if stop >= 0 else rest
        head = label_key(part)
        for suffix in _HEADING_SUFFIXES:
            head = head.removesuffix(suffix)
        keyword = next((k for k in keywords if len(head) >= 4 and head in label_key(k)), None)
        if keyword is None and _heading_words(part):
            keyword = next((k for k in keywords if _holds_tail(head, label_key(k))), None)
        if keyword is not None:
            keyword = head
    if keyword is None:
        return None
    limit = len(keyword) + _HEADING_TAIL
    if 0 <= stop <= limit:
        return Split(True, rest[stop + 1:].strip())
    if len(rest) <= limit:
        return Split(True, "")
    return None


#: A sub-heading in words of its own is at most this long (「规范依申请公开办理」 has 9 characters).
_OWN_HEADING_CHARS = 16


def _heading_words(part: str) -> bool:
    """Whether ``part`` (a paragraph's opening up to its first 。/：) can be a heading: short, no clause in it."""
    return 0 < len(label_key(part)) <= _OWN_HEADING_CHARS and not any(c in part for c in "，,；;、")


def _holds_tail(head: str, keyword: str) -> bool:
    """Whether ``head`` holds the last four or more characters of ``keyword`` (both ``label_key`` form)."""
    return any(keyword[i:] in head for i in range(max(len(keyword) - 3, 0)))


def _ordinal(text: str) -> str:
    """The ordinal a line opens with, brackets and punctuation dropped: 「(二)」 and 「（二）」 are 「二」."""
    m = _LEADING_ORDINAL.match(text)
    return re.sub(r"[\s（()）、.．,，]", "", m.group(0)) if m else ""


def _aspect_keyword(title: str) -> str:
    return _LEADING_ORDINAL.sub("", title).strip()


def split_overview(fmt: FormatSpec, paras: list[str]) -> dict[str, str]:
    """Section 一 into ``overview_lead`` and the five aspects when at least three sub-headings are there.

    Sub-headings are found by their words.  Once three are, the structure is proven, and an aspect
    whose heading is in other words ((一)加大公开力度) is the heading line between its neighbours
    that bears the aspect's own ordinal; the report's wording is kept as its printed heading.
    """
    section = fmt.sections[0]
    fields = [fmt.text_field(k) for k in section.text_fields]
    lead = next((f.key for f in fields if not f.title), fields[0].key)
    aspects = [(f.key, _aspect_keyword(f.title), _ordinal(f.title)) for f in fields if f.title]
    found: dict[int, tuple[int, str]] = {}  # aspect index -> (paragraph index, body)
    next_aspect = 0
    for i, p in enumerate(paras):
        for j in range(next_aspect, len(aspects)):
            split = _sub_heading(p, (aspects[j][1],), need_ordinal=True, shortened=True)
            if split:
                found[j] = (i, split.body)
                next_aspect = j + 1
                break
    if len(found) < 3:
        return {lead: "\n".join(paras)}
    for j, (_, _, ordinal) in enumerate(aspects):
        if j in found or not ordinal:
            continue
        low = max((found[k][0] for k in found if k < j), default=-1)
        high = min((found[k][0] for k in found if k > j), default=len(paras))
        for i in range(low + 1, high):
            split = _heading_by_ordinal(paras[i], ordinal)
            if split is not None:
                found[j] = (i, split.body)
                break
    marks = sorted((i, aspects[j][0], body) for j, (i, body) in found.items())
    out = {lead: "\n".join(paras[: marks[0][0]])}
    for n, (i, key, body) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(paras)
        out[key] = "\n".join(([body] if body else []) + paras[i + 1:end])
    return out


def _heading_by_ordinal(paragraph: str, ordinal: str) -> Split | None:
    """``paragraph`` as a sub-heading in words of its own that opens with ``ordinal``, if it is one."""
    if _ordinal(paragraph) != ordinal:
        return None
    rest = paragraph[_LEADING_ORDINAL.match(paragraph).end():]
    stops = [i for i in (rest.find(c) for c in "。：:") if i >= 0]
    stop = min(stops, default=-1)
    part = rest[:stop] if stop >= 0 else rest
    if not _heading_words(part):
        return None
    return Split(True, rest[stop + 1:].strip() if stop >= 0 else "")


def split_problems(fmt: FormatSpec, paras: list[str]) -> dict[str, str]:
    """Section 五 into problems and improvements when the report shows where one ends."""
    keys = [k for k in next(s for s in fmt.sections if "problems" in s.text_fields or s.number == "五").text_fields]
    problems_key = keys[0] if keys else "problems"
    improvements_key = keys[1] if len(keys) > 1 else problems_key
    improvement_titles = (fmt.text_field(improvements_key).title, *IMPROVEMENT_MARKERS)
    problem_titles = (fmt.text_field(problems_key).title, *PROBLEM_MARKERS)
    cut, body = None, ""
    for i, p in enumerate(paras):
        split = _sub_heading(p, improvement_titles, need_ordinal=False)
        if split:
            cut, body = i, split.body
            break
        if i > 0 and any(label_key(p).startswith(label_key(s)) for s in IMPROVEMENT_SENTENCES):
            cut, body = i, p
            break
    if cut is None or cut == 0:
        return {problems_key: "\n".join(paras)}
    first = paras[:cut]
    head = _sub_heading(first[0], problem_titles, need_ordinal=False)
    if head:
        first = ([head.body] if head.body else []) + first[1:]
    return {
        problems_key: "\n".join(first),
        improvements_key: "\n".join(([body] if body else []) + paras[cut + 1:]),
    }
