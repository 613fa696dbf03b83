"""The report's words against its tables (W10, W12–W16).

Every text of the report is read (the opening paragraph and every part),
not only section 一.  What is read:

- figures (W10): 新收, 上年结转, 办结/答复/办理, 结转下年度, 行政复议, 行政诉讼,
  in both word orders (「收到申请12件」 and 「共收到12件申请」); the patterns are
  declared with the format (``FormatSpec.prose_patterns``);
- whether there were applications at all (W12);
- outcome words (W13): 「均获维持」 with 结果纠正 > 0, 「全部办结」/「无结转」 with
  结转下年度 > 0, 「未发生行政复议」 with 行政复议 > 0 (and the same for 行政诉讼);
- sub-totals (W14): 「网上申请5件、信函申请3件」 against the stated or tabled total;
- percentages (W15 「占 X%」, W16 「同比增长 X%」 against last year's report).

Only sentences about disclosure, applications and reviews are read, so that
「满意率 99%」 or 「办理人大代表建议 28 件」 is never compared with a table.
What a text says is read once per text (``reading``, cached): a recheck after
a table edit only compares numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .findings import SentenceRef, make_finding, num
from .formats import get_format
from .limits import MAX_NUMBER_DIGITS
from .textcache import text_cache

#: Words that make a sentence one about disclosure, applications or reviews (W14–W16 read no other).
TOPIC_WORDS = ("申请", "公开", "复议", "诉讼", "办结", "答复")
_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?\n；;，,"
_LOOK_BACK = 100  # a clause is shorter; a text without punctuation costs no more than this per figure
#: What one text yields at most per kind (figures, outcome words …): real texts have a few dozen.
MAX_READ = 500
#: A quoted sentence longer than this is cut (a paragraph without a full stop).
MAX_QUOTE = 200
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_DIGIT = re.compile("[0-9]")
#: A figure in a clause that starts like these is about another year or a part of the whole.
_OTHER_TIME = re.compile(r"其中|去年|往年|历年|同期|累计|以来|上(?:一)?年(?!度?结转)|上年度(?!结转)")

REVIEW = ("appeals.review",)
LITIGATION = ("appeals.direct", "appeals.after_review")
NEW = "applications.new_received.total"
CARRIED = "applications.carried_over.total"
DONE = "applications.total_processed.total"
FORWARD = "applications.carried_forward.total"


@dataclass(frozen=True)
class Source:
    field: str  # text field key, or "opening"
    where: str  # Chinese name of the place
    text: str  # ``normalised``
    header: bool = False

    def ref(self, sentence: str) -> SentenceRef:
        quote = sentence if len(sentence) <= MAX_QUOTE else sentence[: MAX_QUOTE - 1] + "…"
        return SentenceRef(self.field, self.where, quote)

    def fields(self) -> dict:
        return {"header_fields": (self.field,)} if self.header else {"text_fields": (self.field,)}


@dataclass(frozen=True)
class Mention:
    """A table figure a text states: 「收到申请12件」."""

    pattern: int  # index into ``fmt.prose_patterns``
    number: int
    start: int  # where the number is in the text
    sentence: str


@dataclass(frozen=True)
class Outcome:
    """An outcome word: what it claims is zero (``cells``) and the words themselves."""

    kind: str  # "maintained" | "done" | "no-review" | "no-litigation"
    cells: tuple[str, ...]
    words: str
    sentence: str


@dataclass(frozen=True)
class Parts:
    """Sub-totals one sentence lists: 「网上申请5件、信函申请3件」 (two kinds at least)."""

    group: str  # 申请方式 | 申请人
    items: tuple[tuple[str, int], ...]
    stated: int | None  # the 新收 figure the same sentence states
    sentence: str


@dataclass(frozen=True)
class Share:
    part: int
    printed: str  # 「33.9」
    bases: tuple[int, ...]  # totals the same sentence states
    sentence: str


@dataclass(frozen=True)
class Change:
    pattern: int  # the figure it follows
    number: int
    words: str  # 「同比增长20%」
    printed: str
    sign: int
    sentence: str


@dataclass(frozen=True)
class Reading:
    mentions: tuple[Mention, ...]
    by_cells: tuple[tuple[tuple[str, ...], tuple[Mention, ...]], ...]  # the mentions per quantity
    outcomes: tuple[Outcome, ...]
    parts: tuple[Parts, ...]
    shares: tuple[Share, ...]
    changes: tuple[Change, ...]
    said_none: str  # the first 「无依申请…」 word, "" if none
    said_none_sentence: str


#: Full-width digits and 「％」 read as ASCII; everything else (「，」「。」) stays as written, so quotes are faithful.
_NARROW = {0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF05: ord("%"), 0xFF0E: ord(".")}


@text_cache(maxsize=512)
def normalised(text: str) -> str:
    """The text as the rules read it: one character for one (offsets hold), digits narrowed."""
    return text.translate(_NARROW)


def sources(report) -> list[Source]:
    """Every text of the report, with where it is: the opening paragraph, then each part."""
    out = []
    opening = report.header.opening
    if opening.strip():
        out.append(Source("opening", "开头语", normalised(opening), header=True))
    texts = report.texts
    for key, where in _places(report.format_id):
        text = texts.get(key, "")
        if text and not text.isspace():
            out.append(Source(key, where, normalised(text)))
    return out


@lru_cache(maxsize=32)
def _places(format_id: str) -> tuple[tuple[str, str], ...]:
    """(text field, 「一、总体情况·（一）主动公开」) in the format's order."""
    fmt = get_format(format_id)
    out = []
    for section in fmt.sections:
        for key in section.text_fields:
            title = fmt.text_field(key).title
            out.append((key, f"{section.heading}·{title}" if title else section.heading))
    return tuple(out)


def sentence_at(text: str, pos: int) -> str:
    """The sentence holding position ``pos`` (the same string object ``sentences`` gives)."""
    starts, items = _sentence_index(text)
    i = bisect_right(starts, pos) - 1
    return items[i][1] if i >= 0 else (items[0][1] if items else "")


@text_cache(maxsize=1024)
def _sentence_index(text: str) -> tuple[list[int], tuple[tuple[int, str], ...]]:
    items = sentences(text)
    return [offset for offset, _ in items], items


@text_cache(maxsize=1024)
def sentences(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, sentence) for every sentence of ``text``, stripped (the offset is its first character)."""
    out = []
    start = 0
    for i, ch in enumerate(text + "\n"):
        if ch in _SENTENCE_END:
            piece = text[start:i + 1] if i < len(text) else text[start:]
            stripped = piece.strip()
            if stripped:
                out.append((start + piece.index(stripped[0]), stripped))
            start = i + 1
    return tuple(out)


def _clause_prefix(text: str, pos: int) -> str:
    """The clause before ``pos`` (at most ``_LOOK_BACK`` characters); 「其中，」 standing alone just before it belongs to it."""
    window = max(0, pos - _LOOK_BACK)
    start = max(max(text.rfind(c, window, pos) for c in _CLAUSE_END) + 1, window)
    before = text[max(0, start - 6):start].rstrip("，,：: \u3000")
    lead = "其中" if before.endswith("其中") else ""
    return lead + text[start:pos]


def _about_other_time(prefix: str, year: int) -> bool:
    if _OTHER_TIME.search(prefix):
        return True
    return any(int(y) != year for y in _YEAR.findall(prefix))


@lru_cache(maxsize=256)
def _compiled(regex: str) -> re.Pattern:
    return re.compile(regex)


def _mentions(fmt, text: str, year: int) -> tuple[Mention, ...]:
    """The table figures ``text`` states; one per number."""
    if not _DIGIT.search(text):
        return ()
    best: dict[int, tuple[tuple[bool, int], Mention]] = {}
    for index, pattern in enumerate(fmt.prose_patterns):
        for m in _compiled(pattern.regex).finditer(text):
            matched = m.group(0)
            prefix = _clause_prefix(text, m.start())
            # 「结转下年度继续办理909件」 is no 办结 figure: the clause's own words count too.
            if any(word in prefix or word in matched for word in pattern.exclude):
                continue
            if _about_other_time(prefix + text[m.start():m.start(1)], year):
                continue
            if len(m.group(1)) > MAX_NUMBER_DIGITS:
                continue  # no figure (and ``int`` refuses over 4,300 digits)
            mention = Mention(index, int(m.group(1)), m.start(1), sentence_at(text, m.start(1)))
            # A number claimed by two patterns belongs to the word written before it (「答复申请805件（含上年结转…」
            # is 办结, not 上年结转), then to the nearer word.
            rank = (m.start(1) == m.start(), len(matched))
            if m.start(1) not in best or rank < best[m.start(1)][0]:
                best[m.start(1)] = (rank, mention)
            if len(best) >= MAX_READ:
                break
    return tuple(m for _, m in sorted(best.values(), key=lambda x: x[1].start))


# --- outcome words (W13) -------------------------------------------------------------------

_MAINTAINED = re.compile(r"(?:均|全部|都|一律)(?:获|被|予以|得到|依法)?维持")
_ALL_DONE = re.compile(
    r"(?:全部|均已|均|已全部|都已|全部按时|均按时|均在法定期限内|全部在法定期限内)(?:予以)?(?:办结|办理完毕|答复完毕)"
    r"|(?:无|没有|未有|不存在)(?:申请)?(?:结转|转入下(?:一)?年)"
)
_NO_CASE = re.compile(
    r"(?:未|没有|无)(?:发生|出现|收到|接到|被|产生)?[^。；;，,0-9\n]{0,12}?(行政复议|行政诉讼)"
    r"((?:[、和及与或]|以及)(?:被)?(?:提起)?(?:行政复议|行政诉讼))?"
)
_NO_CASE_NOT = ("纠", "撤销", "败诉", "确认违法", "决定书")
_DONE_HINT = re.compile("办结|完毕|结转|转入")


def _outcomes(sentence: str) -> list[Outcome]:
    out = []
    if "复议" in sentence or "诉讼" in sentence:
        for m in _MAINTAINED.finditer(sentence) if "维持" in sentence else ():
            before = sentence[: m.start()]
            rows: tuple[str, ...] = ()
            if "复议" in before or "诉讼" not in sentence:
                rows += REVIEW
            if "诉讼" in before or "复议" not in sentence:
                rows += LITIGATION
            out.append(Outcome("maintained", tuple(f"{r}.correct" for r in rows), m.group(0), sentence))
        for m in _NO_CASE.finditer(sentence):
            if any(w in m.group(0) + sentence[m.end(): m.end() + 12] for w in _NO_CASE_NOT):
                continue
            names = [m.group(1)] + ([m.group(2)[-4:]] if m.group(2) else [])
            for name in dict.fromkeys(names):
                rows = REVIEW if name == "行政复议" else LITIGATION
                kind = "no-review" if name == "行政复议" else "no-litigation"
                out.append(Outcome(kind, tuple(f"{r}.total" for r in rows), m.group(0), sentence))
    if _DONE_HINT.search(sentence) and "上年结转" not in sentence and "上年度结转" not in sentence:
        m = _ALL_DONE.search(sentence)
        if m:
            out.append(Outcome("done", (FORWARD,), m.group(0), sentence))
    return out


# --- sub-totals (W14), shares (W15), year-on-year (W16) -----------------------------------------

_PART_GROUPS = (
    ("申请方式", re.compile(
        r"(网上|网络|在线|互联网|网站|电子邮件|邮件|信函|邮寄|来信|当面|现场|窗口|传真|电话)"
        r"(?:方式|渠道|途径|形式)?(?:提交|提出|递交|受理)?(?:的)?(?:申请)?[^。；;，,、0-9\n]{0,2}?([0-9]+)\s*件")),
    ("申请人", re.compile(
        r"(自然人|公民个人|个人|法人或其他组织|法人和其他组织|法人|其他组织)"
        r"(?:提出|提交)?(?:的)?(?:申请)?[^。；;，,、0-9\n]{0,2}?([0-9]+)\s*件")),
)
_RECEIVED_WORDS = ("收到", "接到", "受理", "新收", "提出", "提交")
_SHARE = re.compile(r"(?<![0-9])([0-9]+)\s*件[^。；;0-9%\n]{0,14}?占(?:比)?[^。；;0-9%\n]{0,12}?([0-9]+(?:\.[0-9]+)?)\s*%")
_CHANGE = re.compile(
    r"(?:同比|较上年(?:度)?|比上年(?:度)?|较去年|比去年|与上年(?:度)?相比|与去年相比)(?:同期)?[^。；;0-9%\n]{0,4}?"
    r"(增长|增加|上升|提高|下降|减少|降低)了?\s*([0-9]+(?:\.[0-9]+)?)\s*%"
)
_DOWN = ("下降", "减少", "降低")


@text_cache(maxsize=2048)
def reading(format_id: str, text: str, year: int) -> Reading:
    """Everything the prose rules read in one text, independent of the tables."""
    fmt = get_format(format_id)
    found = _mentions(fmt, text, year)
    outcomes: list[Outcome] = []
    parts: list[Parts] = []
    shares: list[Share] = []
    changes: list[Change] = []
    new_patterns = {i for i, p in enumerate(fmt.prose_patterns) if p.cells == (fmt.applications_total_cell,)}
    starts = [m.start for m in found]
    for offset, sentence in sentences(text):
        if max(len(outcomes), len(parts), len(shares), len(changes)) >= MAX_READ:
            break
        here = found[bisect_left(starts, offset): bisect_left(starts, offset + len(sentence))]
        for o in _outcomes(sentence):
            # W13 says each claim once: the first sentence of each kind is the one quoted.
            if not any(x.kind == o.kind and x.cells == o.cells for x in outcomes):
                outcomes.append(o)
        if not any(w in sentence for w in TOPIC_WORDS):
            continue
        if "件" not in sentence:
            continue  # every figure below is counted in 件
        if "申请" in sentence and any(w in sentence for w in _RECEIVED_WORDS):
            stated = next((m.number for m in here if m.pattern in new_patterns), None)
            for group, rx in _PART_GROUPS:
                items = tuple((m.group(1), int(m.group(2))) for m, _ in zip(rx.finditer(sentence), range(MAX_READ))
                              if len(m.group(2)) <= MAX_NUMBER_DIGITS)
                if len({k for k, _ in items}) >= 2:
                    parts.append(Parts(group, items, stated, sentence))
        if "%" not in sentence:
            continue
        for m, _ in zip(_SHARE.finditer(sentence), range(MAX_READ)):
            if len(m.group(1)) > MAX_NUMBER_DIGITS or len(m.group(2)) > MAX_NUMBER_DIGITS:
                continue
            part = int(m.group(1))
            bases = tuple(sorted({x.number for x in here if x.number and x.number != part}))
            shares.append(Share(part, m.group(2), bases, sentence))
        for m, _ in zip(_CHANGE.finditer(sentence), range(MAX_READ)):
            if len(m.group(2)) > MAX_NUMBER_DIGITS:
                continue
            before = [x for x in here if x.start - offset < m.start()]
            if before:
                x = before[-1]
                sign = -1 if m.group(1) in _DOWN else 1
                changes.append(Change(x.pattern, x.number, m.group(0), m.group(2), sign, sentence))
    word = next((w for w in fmt.no_application_words if w in text), "")
    groups: dict[tuple[str, ...], list[Mention]] = {}
    for m in found:
        groups.setdefault(fmt.prose_patterns[m.pattern].cells, []).append(m)
    return Reading(
        found, tuple((cells, tuple(ms)) for cells, ms in groups.items()),
        tuple(outcomes), tuple(parts), tuple(shares), tuple(changes),
        word, sentence_at(text, text.index(word)) if word else "",
    )


# --- the checks -------------------------------------------------------------------------------


def _sum(values, cells):
    parts = [values.get(c) for c in cells]
    return None if not parts or any(p is None for p in parts) else sum(parts)


def _short(sentence: str, limit: int = 60) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def _cells_where(refs_here) -> str:
    return "与".join(r.display for r in refs_here) + ("之和" if len(refs_here) > 1 else "")


def _tolerance(printed: str) -> Decimal:
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return Decimal(1).scaleb(-decimals)


def _close(expected: Decimal, printed: str) -> bool:
    """Equal up to one unit of the last digit printed (rounded or cut off)."""
    return abs(expected - Decimal(printed)) <= _tolerance(printed)


def check_figures(fmt, values, refs, read: list[tuple[Source, Reading]], out) -> None:
    """W10: every figure stated against its cells; one finding per quantity."""
    found: dict[tuple[str, ...], list[tuple[Source, tuple[Mention, ...]]]] = {}
    for source, r in read:
        for cells, ms in r.by_cells:
            found.setdefault(cells, []).append((source, ms))
    for cells, items in found.items():
        actual = _sum(values, cells)
        if actual is None:
            continue
        wrong = 0
        first = None
        quoted: list[SentenceRef] = []
        text_fields: list[str] = []
        header_fields: list[str] = []
        for source, ms in items:
            here = [m for m in ms if m.number != actual]
            if not here:
                continue
            wrong += len(here)
            first = first or (source, here[0])
            (header_fields if source.header else text_fields).append(source.field)
            quoted.extend(source.ref(m.sentence) for m in here[: 3 - len(quoted)])
        if not wrong:
            continue
        source, m = first
        what = fmt.prose_patterns[m.pattern].what
        refs_here = [refs[c] for c in cells]
        more = f"；另有 {wrong - 1} 处写的数字也不同" if wrong > 1 else ""
        out.append(make_finding(
            "W10", f"{source.where}写{what}为 {m.number}（「{_short(m.sentence)}」），但{_cells_where(refs_here)}为 {num(actual)}{more}",
            refs_here, text_fields=text_fields, header_fields=header_fields, sentences=quoted,
        ))


def check_any_applications(fmt, values, refs, read, out) -> None:
    """W12: applications in the text but none in 三, or the reverse."""
    cell = fmt.applications_total_cell
    if not cell:
        return
    table_total = values.get(cell)
    ref = refs[cell]
    if table_total == 0:
        said = [(s, m) for s, r in read for m in r.mentions
                if fmt.prose_patterns[m.pattern].cells == (cell,) and m.number > 0]
        if said:
            s, m = max(said, key=lambda x: x[1].number)
            out.append(make_finding(
                "W12", f"表三{ref.display}为 0，但{s.where}写到收到申请 {m.number} 件", [ref],
                sentences=[s.ref(m.sentence)], **s.fields(),
            ))
    elif table_total:
        overview = set(fmt.sections[0].text_fields)
        for s, r in read:
            if r.said_none and s.field in overview:  # 「未收到」 elsewhere is often about something else
                out.append(make_finding(
                    "W12", f"表三{ref.display}为 {num(table_total)}，但{s.where}写有「{r.said_none}」",
                    [ref], sentences=[s.ref(r.said_none_sentence)], **s.fields(),
                ))
                return


def check_outcomes(fmt, values, refs, read, out) -> None:
    """W13: one finding per contradicted group of cells."""
    raised: set[tuple[str, tuple[str, ...]]] = set()
    for source, r in read:
        for o in r.outcomes:
            cells = tuple(c for c in o.cells if c in values)
            if (o.kind, cells) in raised:
                continue
            figure = _sum(values, cells)
            if not figure:
                continue
            raised.add((o.kind, cells))
            what = f"没有{'行政复议' if o.kind == 'no-review' else '行政诉讼'}（「{_short(o.words, 30)}」）" if o.kind.startswith("no-") \
                else f"「{o.words}」"
            out.append(make_finding(
                "W13", f"{source.where}写{what}，但{_cells_where([refs[c] for c in cells])}为 {num(figure)}",
                [refs[c] for c in cells], sentences=[source.ref(o.sentence)], **source.fields(),
            ))


def check_subtotals(fmt, values, refs, read, out) -> None:
    """W14: the first sentence whose parts do not add up."""
    cell = fmt.applications_total_cell
    if not cell or values.get(cell) is None:
        return
    for source, r in read:
        for p in r.parts:
            total = p.stated if p.stated is not None else values[cell]
            added = sum(n for _, n in p.items)
            if added == total:
                continue
            listed = "、".join(f"{k}{n}件" for k, n in p.items[:6]) + (f"等 {len(p.items)} 项" if len(p.items) > 6 else "")
            against = f"同一句写的新收申请数 {p.stated}" if p.stated is not None else f"{refs[cell].display} {num(total)}"
            out.append(make_finding(
                "W14", f"{source.where}按{p.group}分列的 {listed} 合计 {added} 件，与{against} 不符",
                [refs[cell]], sentences=[source.ref(p.sentence)], **source.fields(),
            ))
            return


def check_shares(fmt, values, refs, read, out) -> None:
    """W15: the first 「占 X%」 that no stated or tabled total gives."""
    table = {b for b in (values.get(NEW), values.get(DONE), _sum(values, (NEW, CARRIED))) if b}
    for source, r in read:
        for s in r.shares:
            bases = table | set(s.bases)
            if not bases or any(_close(Decimal(s.part) * 100 / b, s.printed) for b in bases):
                continue
            shown = "、".join(str(b) for b in sorted(bases))
            out.append(make_finding(
                "W15", f"{source.where}写 {s.part} 件「占{s.printed}%」，但按本句或表三的合计（{shown}）计算都不是 {s.printed}%",
                sentences=[source.ref(s.sentence)], **source.fields(),
            ))
            return


def check_changes(fmt, values, refs, read, last_values, out) -> None:
    """W16: the first 「同比增长 X%」 that last year's report does not give."""
    if last_values is None:
        return
    for source, r in read:
        for c in r.changes:
            cells = fmt.prose_patterns[c.pattern].cells
            last = _sum(last_values, cells)
            if not last:
                continue
            expected = (Decimal(c.number) - Decimal(last)) * 100 / Decimal(last)
            if _close(expected * c.sign, c.printed):
                continue
            what = fmt.prose_patterns[c.pattern].what
            trend = "增长" if expected >= 0 else "下降"
            out.append(make_finding(
                "W16", f"{source.where}写{what} {c.number} 件「{c.words}」，上年报告为 {num(last)} 件，"
                f"按此计算应为{trend} {abs(expected):.1f}%",
                [refs[x] for x in cells], sentences=[source.ref(c.sentence)], **source.fields(),
            ))
            return


def check(fmt, values, report, refs, last_values, texts: list[Source], out) -> None:
    """W10, W12–W16 over ``texts`` (``sources(report)``)."""
    year = report.header.year
    read = [(s, reading(fmt.id, s.text, year)) for s in texts]
    check_figures(fmt, values, refs, read, out)
    check_any_applications(fmt, values, refs, read, out)
    check_outcomes(fmt, values, refs, read, out)
    check_subtotals(fmt, values, refs, read, out)
    check_shares(fmt, values, refs, read, out)
    check_changes(fmt, values, refs, read, last_values, out)
