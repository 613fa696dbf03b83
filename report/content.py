"""What the report's text says, read for the slips a reviewer catches (W17–W23).

- W17 section 五 empty or only 「无」;
- W18 fees in 二 or 三 while section 六 says only 「无」;
- W19 (2021 format) section 六 without the 信息处理费 statement;
- W20 a past-tense statement about another year (「2020年度主动公开…」 in a 2021
  report); plans (「2022年，我局将…」), comparisons and citations are not read;
- W21 a doubled word (「审核审核」);
- W22 many cells of 三/四 printed as 「/」 or blank (read as 0: the reviewer confirms);
- W23 paragraph numbering out of order (一、二、四、) or mixing systems (一、（二）三、).

Each function is cheap and caches what it reads from a text.
"""

from __future__ import annotations

import re

from .findings import make_finding, num
from .prose import MAX_READ, Source, normalised, sentences
from .textcache import text_cache
from .thresholds import BLANK_CELLS_MIN

#: What a bare 「无」 looks like once punctuation is gone: 无 / 暂无 / 无其他需要报告的事项 …
_BARE_NONE = re.compile(
    r"^(?:本年度?|本机关|我单位)?(?:暂|均)?(?:无|没有)(?:其他|其它)?(?:需要?|需)?(?:报告|说明)?(?:的)?(?:事项|情况|内容)?$"
)
_PUNCT = re.compile(r"[\s。，,.、；;：:！!？?（）()“”\"'…—-]+")


@text_cache(maxsize=512)
def is_bare_none(text: str) -> bool:
    """Nothing said: empty, 「无」, 「暂无其他需报告事项。」 …"""
    bare = _PUNCT.sub("", normalised(text or ""))
    return not bare or bool(_BARE_NONE.match(bare))


def _section(fmt, number: str):
    return next((s for s in fmt.sections if s.number == number), None)


# --- W17 section 五 --------------------------------------------------------------------


#: The section W17 reads: 「存在的主要问题及改进情况」 in every format of the notice.
PROBLEMS_SECTION = "五"


def check_problems(fmt, report, out) -> None:
    section = _section(fmt, PROBLEMS_SECTION)
    if section is None or not section.text_fields or section.number in report.missing_sections:
        return  # a part not found at all is E8's
    texts = [report.texts.get(k, "") for k in section.text_fields]
    if all(is_bare_none(t) for t in texts):
        said = "；".join(t.strip() for t in texts if t.strip())
        what = f"只写了「{said}」" if said else "没有填写"
        out.append(make_finding("W17", f"{section.heading}{what}", text_fields=section.text_fields))


# --- W18 / W19 section 六 and the fees ---------------------------------------------------


def _fee_cells(fmt, values):
    """(cell, value) of every fee figure above 0: 二's amounts in 万元, 三's 「逾期未缴费」 row."""
    out = []
    active = next((t for t in fmt.tables if t.section == "二"), None)
    if active is not None:
        for cell in active.cells:
            if cell.kind.name == "WAN" and (values.get(cell.id) or 0) > 0:
                out.append((cell.id, values[cell.id]))
    if fmt.fee_notice_cell and (values.get(fmt.fee_notice_cell) or 0) > 0:
        out.append((fmt.fee_notice_cell, values[fmt.fee_notice_cell]))
    return out


def check_fee_statement(fmt, values, report, refs, out) -> bool:
    """W18 and W19; True when section 六 is a bare 「无」 (W6 then has nothing to add)."""
    key = fmt.fee_text_field
    if not key or fmt.section_of_text(key).number in report.missing_sections:
        return False
    text = report.texts.get(key, "")
    bare = is_bare_none(text)
    fees = _fee_cells(fmt, values)
    if bare and fees:
        said = f"只写了「{text.strip()}」" if text.strip() else "没有填写"
        figures = "、".join(f"{refs[c].display}为 {num(v)}" for c, v in fees)
        out.append(make_finding(
            "W18", f"{figures}，但六、其他需要报告的事项{said}", [refs[c] for c, _ in fees], text_fields=(key,),
        ))
        return True
    notices = values.get(fmt.fee_notice_cell) if fmt.fee_notice_cell else None
    if fmt.fee_fields and not any(w in normalised(text) for w in fmt.fee_words) and not (notices or 0) > 0:
        # (With fee notices counted in 三, W6 says the same more precisely.)
        said = f"（现为「{text.strip()[:30]}」）" if text.strip() else "（现为空）"
        out.append(make_finding("W19", f"六、其他需要报告的事项没有写信息处理费的收取情况{said}", text_fields=(key,)))
    return bare


# --- W20 another year in a past-tense statement ---------------------------------------------

_YEAR_AT = re.compile(r"((?:19|20)[0-9]{2})\s*年(度)?")
_MONTH = re.compile(r"\s*[0-9]{1,2}\s*月")
_CLAUSE_START = "。！？!?；;，,：:\n"
#: A statement of what was done: one of these words within the clause that starts with the year.
_DONE_WORDS = (
    "主动公开", "公开", "收到", "接到", "受理", "办结", "答复", "办理", "发布", "制定", "印发", "制发", "开展",
    "完成", "累计", "共", "新增", "更新", "组织", "召开", "举办", "处理",
)
#: Plans, comparisons and periods: a year followed by these is not a slip.
_NOT_PAST = (
    "将", "计划", "拟", "力争", "争取", "继续", "要", "预计", "下一步", "着力", "努力", "确保", "打算", "准备",
    "较", "比", "同比", "相比", "对比", "以来", "起", "至今", "截至", "截止", "同期", "上年", "去年", "增长",
    "增加", "减少", "下降", "版", "修订", "修正", "整改", "问题", "指出", "反馈", "评估", "考核",
)
_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+[、.．]|[0-9]+[、.．])\s*")


@text_cache(maxsize=1024)
def _other_years(text: str, year: int) -> tuple[tuple[int, str], ...]:
    found = []
    for offset, sentence in sentences(text):
        body = _HEADING.sub("", sentence)
        for m in _YEAR_AT.finditer(body):
            y = int(m.group(1))
            if y >= year or y < year - 10:
                continue  # this year, next year's plans and dates, or history
            before = body[max(0, m.start() - 200): m.start()]
            if before and before[-1] not in _CLAUSE_START:
                continue  # 「较2020年」「自2019年」「《2020年…要点》」: not a clause of its own
            if before.count("《") > before.count("》"):
                continue
            after = body[m.end(): m.end() + 200]
            if after[:1] in ("以", "起", "至", "底", "末", "第", "月", "版", "修", "同") or _MONTH.match(after):
                continue  # a period, an edition or a date (「2020年12月」)
            clause_end = min([i for i in (after.find(c) for c in "。；;！？!?\n") if i >= 0] or [len(after)])
            rest = after[:clause_end]
            if any(w in rest for w in _NOT_PAST):
                continue
            head = rest.lstrip("，,、 ")[:30]
            if any(w in head for w in _DONE_WORDS):
                found.append((y, sentence))
                break
    return tuple(found)


def check_other_year(fmt, report, texts: list[Source], out) -> None:
    year = report.header.year
    if not year:
        return
    for source in texts:
        hits = _other_years(source.text, year)
        if hits:
            y, sentence = hits[0]
            more = f"（共 {len(hits)} 处）" if len(hits) > 1 else ""
            out.append(make_finding(
                "W20", f"{source.where}写「{_cut(sentence)}」，说的是 {y} 年，本报告为 {year} 年度{more}",
                sentences=[source.ref(s) for _, s in hits[:3]], **source.fields(),
            ))


def _cut(sentence: str, limit: int = 50) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


# --- W21 doubled words ----------------------------------------------------------------------

_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,6})\1")
#: Reduplications that are words: 一个一个, 研究研究 …
_DOUBLED_OK = ("研究", "讨论", "学习", "商量", "检查", "考虑", "了解", "交流", "沟通", "谢谢")


@text_cache(maxsize=1024)
def _doubled(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for _, sentence in sentences(text):
        for m in _DOUBLED.finditer(sentence):
            word = m.group(1)
            if word.startswith("一") or word in _DOUBLED_OK or len(set(word)) == 1:
                continue
            out.append((m.group(0), sentence if len(sentence) <= 120 else sentence[max(0, m.start() - 40): m.end() + 40]))
            if len(out) >= MAX_READ:
                return tuple(out)
    return tuple(out)


def check_doubled(fmt, report, texts: list[Source], out) -> None:
    title = report.header.title.strip()
    extra = [Source("title", "标题", normalised(title), header=True)] if title else []
    for source in extra + texts:
        hits = _doubled(source.text)
        if hits:
            unique = list(dict.fromkeys(w for w, _ in hits))
            words = "、".join(f"「{w}」" for w in unique[:10]) + (f"等 {len(unique)} 处" if len(unique) > 10 else "")
            out.append(make_finding(
                "W21", f"{source.where}有重复的词语：{words}", sentences=[source.ref(s) for _, s in hits[:3]], **source.fields(),
            ))


# --- W22 「/」 or blank cells ------------------------------------------------------------------

_BLANKISH = frozenset({"", "/", "／", "\\", "-", "—", "——", "－", "―", "–"})


def check_blank_cells(fmt, report, refs, out) -> None:
    if not report.origins:
        return
    cells = [
        c.id for t in fmt.tables if t.section in ("三", "四") for c in t.cells
        if (o := report.origins.get(c.id)) is not None and o.was_blank and o.raw.strip() in _BLANKISH
    ]
    if len(cells) >= BLANK_CELLS_MIN:
        slash = sum(1 for c in cells if report.origins[c].raw.strip())
        if slash and slash < len(cells):
            how = f"印为「/」或「-」（{slash} 个）或空白（{len(cells) - slash} 个）"
        else:
            how = "印为「/」或「-」" if slash else "为空白"
        out.append(make_finding(
            "W22", f"表三、表四有 {len(cells)} 个单元格{how}，已按 0 读取（如 {refs[cells[0]].display}）",
            [refs[c] for c in cells],
        ))


# --- W23 paragraph numbering ---------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MARKERS = (
    ("「一、」", re.compile(r"^([一二三四五六七八九十]{1,3})[、．.]")),
    ("「（一）」", re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("「1.」", re.compile(r"^([0-9]{1,2})(?:[、．]|\.(?![0-9]))")),
    ("「（1）」", re.compile(r"^[（(]([0-9]{1,2})[）)]")),
)


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS.get(text, 0)
    if text[0] == "十":
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10 + _CN_DIGITS.get(text[2], 0)
    return 0


@text_cache(maxsize=1024)
def _numbering(text: str) -> tuple[str, str] | None:
    """(problem, paragraph) for the first numbering slip of a text, or None."""
    last: dict[str, int] = {}
    previous: tuple[str, int] | None = None
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        for system, rx in _MARKERS:
            m = rx.match(paragraph)
            if not m:
                continue
            n = _cn_number(m.group(1))
            if not n:
                break
            head = paragraph[: m.end()]
            mine = last.get(system)
            if previous and previous[0] != system and previous[1] == n - 1 and mine != n - 1 and n > 1:
                return f"序号混用：「{head}」接在{previous[0]}式序号 {previous[1]} 之后", paragraph
            if mine is not None and n != 1 and n != mine + 1:
                return f"序号不连续：{system}式序号 {mine} 之后是「{head}」", paragraph
            last[system] = n
            previous = (system, n)
            break
    return None


def check_numbering(fmt, report, texts: list[Source], out) -> None:
    for source in texts:
        slip = _numbering(source.text)
        if slip:
            problem, paragraph = slip
            out.append(make_finding(
                "W23", f"{source.where}：{problem}", sentences=[source.ref(_cut(paragraph, 80))], **source.fields(),
            ))


def check(fmt, values, report, refs, texts: list[Source], out) -> bool:
    """Every content rule; True when section 六 is a bare 「无」."""
    check_problems(fmt, report, out)
    bare = check_fee_statement(fmt, values, report, refs, out)
    check_other_year(fmt, report, texts, out)
    check_doubled(fmt, report, texts, out)
    check_blank_cells(fmt, report, refs, out)
    check_numbering(fmt, report, texts, out)
    return bare
