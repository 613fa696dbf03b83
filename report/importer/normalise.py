"""Normalisation before matching: Traditional to Simplified, brackets, spaces, typos.

``t2s`` turns a Traditional-character report (spec §11 #1) into Simplified
once, for the whole document.  ``label_key`` is the form in which a piece
of a document is compared with a label of the format declaration: both
sides go through it, so a rule applied here can never make a correct
label unrecognisable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..draftmark import DRAFT_NOTICE
from ..parse import ZERO_WORDS

_WS = re.compile(r"\s+")
# Markdown and Word leftovers (§11 #16) and punctuation that varies between reports.
_NOISE = re.compile(r"[|#*“”\"'‘’「」『』`·]|\[bookmark:[^\]]*\]")
# 行政事业性收费费 (§11 #4): a doubled character never carries meaning in a label.
_DOUBLED = re.compile(r"([\u3400-\u9fff])\1+")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\uff08\uff09（）])[ \t\u3000]+|[ \t\u3000]+(?=[\u3400-\u9fff（）])")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")

#: A printed number as a whole token: 12, 3,415.891, -3, 251000元.
_NUMBER = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|件|个|项|条|起)?")
#: A change written out in words in a 本年增/减 cell: 减4 for -4, 增3 for 3.
_CHANGE = re.compile(r"(增加?|减少?)\s*(\d+)")
#: Words meaning "none" that stand in for 0 in a table cell (§11 #7).
BLANK_WORDS = frozenset(w for w in ZERO_WORDS if w not in ("", "0"))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


_HAS_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def traditional_characters() -> frozenset[str]:
    """Every character OpenCC turns into another one going from Traditional to Simplified."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars: set[str] = set()
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            if len(source) == 1 and targets.split(" ")[0] != source:
                chars.add(source)
    except OSError:
        return frozenset()
    return frozenset(chars)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _traditional_search():
    """``traditional_characters`` as a search in C: one character class for the BMP (a bitmap in
    ``re``), and a set for the few characters beyond it (which would make the class a slow list)."""
    table = traditional_characters()
    if not table:
        return None
    bmp = "".join(re.escape(c) for c in sorted(table) if ord(c) < 0x10000)
    return re.compile(f"[{bmp}]") if bmp else None, frozenset(c for c in table if ord(c) >= 0x10000)


def has_traditional(text: str) -> bool:
    """Whether ``text`` has a character that Traditional-to-Simplified conversion would change."""
    search = _traditional_search()
    if search is None:
        return True
    bmp, astral = search
    if bmp is not None and bmp.search(text) is not None:
        return True
    return bool(astral) and _ASTRAL.search(text) is not None and not astral.isdisjoint(text)


def t2s(text: str) -> str:
    """Traditional to Simplified characters (text without Chinese characters is returned as is)."""
    if not _HAS_CJK.search(text) or not has_traditional(text):
        return text
    if len(text) <= 80:
        return _t2s_short(text)
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _phrase_converter():
    import opencc

    return opencc.OpenCC("tw2sp")


def t2s_phrases(text: str) -> str:
    """Traditional to Simplified with Taiwan phrases mapped back (規範性檔案 -> 规范性文件).

    Web mirrors convert with Taiwan phrases, which a table label must undo to be recognised;
    prose keeps ``t2s``, since the phrase map also turns a real 档案馆 into 文件馆.
    """
    if not _HAS_CJK.search(text) or not has_traditional(text):
        return text
    # Labels repeat across a batch and are cached; a paragraph is converted each time, so that the
    # cache never holds a batch's prose (its entries are bounded in number, not in size).
    return _t2s_phrases_short(text) if len(text) <= CACHED_TEXT_CHARS else _phrase_converter().convert(text)


@lru_cache(maxsize=8192)
def _t2s_phrases_short(text: str) -> str:
    return _phrase_converter().convert(text)


@lru_cache(maxsize=1)
def _s2t_converter():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def mirror_phrase_form(label: str) -> str:
    """What ``t2s_phrases`` makes of ``label`` printed in Traditional characters with mainland words.

    Mirrors convert characters only (行政規範性文件); the phrase map then reads the mainland word as a
    Taiwan one (文件 -> 文档, 查询 -> 查找).  A label matched in that form is still the label.
    """
    return t2s_phrases(_s2t_converter().convert(label))


@lru_cache(maxsize=8192)
def _t2s_short(text: str) -> str:
    # Table labels repeat across a batch of reports; convert each once.
    return _converter().convert(text)


def fold(text: str) -> str:
    """NFKC (full-width brackets, digits and colons to half-width) and a plain minus sign."""
    s = unicodedata.normalize("NFKC", text)
    return s.replace("−", "-").replace("–", "-")


#: Longer texts (paragraphs, a whole document) are keyed afresh each time: the caches are bounded in
#: entries, not in size, and a batch review must not keep every report's prose in memory.
CACHED_TEXT_CHARS = 200


def _label_key(text: str) -> str:
    s = _NOISE.sub("", fold(text))
    s = _WS.sub("", s)
    return _DOUBLED.sub(r"\1", s)


_label_key_cached = lru_cache(maxsize=4096)(_label_key)


def label_key(text: str) -> str:
    """The comparable form of a label: folded, no spaces, no noise, no doubled characters."""
    return _label_key_cached(text) if len(text) <= CACHED_TEXT_CHARS else _label_key(text)


def compact(text: str) -> str:
    """A name or title as printed, without spaces or Word/Markdown noise (characters untouched)."""
    return _WS.sub("", _NOISE.sub("", text))


@lru_cache(maxsize=8192)
def number_token(text: str) -> bool:
    """Whether a token is a printed number or a word standing for 0."""
    s = fold(text).strip()
    if not s:
        return False
    return s in BLANK_WORDS or _NUMBER.fullmatch(s) is not None or _CHANGE.fullmatch(s) is not None


@lru_cache(maxsize=8192)
def change_in_words(text: str) -> str | None:
    """``减4`` -> ``-4``, ``增3`` -> ``3``; None when the text is not a change written in words."""
    m = _CHANGE.fullmatch(fold(text).strip())
    if m is None:
        return None
    return ("-" if m.group(1).startswith("减") else "") + m.group(2)


#: A page number or a page viewer's page header on a line of its own (P. 8, - 8 -, 第8页, Page 8 - title).
_PAGE_MARK = re.compile(
    r"(?:P\.?\s*\d+|[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|Page\s*\d+(?:\s*[-–—]\s*.*)?)",
    re.IGNORECASE,
)
_SENTENCE_MARK = frozenset(",;。!?")


_DRAFT_NOTICE_KEY = compact(fold(DRAFT_NOTICE))


def is_page_mark(text: str) -> bool:
    """A page number, a page viewer's header, or the notice line of a draft this program printed."""
    folded = fold(text).strip()
    if _PAGE_MARK.fullmatch(folded) is not None:
        return True
    return "草稿" in folded and compact(folded) == _DRAFT_NOTICE_KEY


def is_sentence(text: str) -> bool:
    """Whether a line is running prose: sentence punctuation outside brackets among Chinese words.

    A year or count in such a line (2020 年，我单位…) is no table value; a table label keeps
    its commas inside brackets (（区分处理的，只计这一情形，不计其他情形）).
    """
    depth, outside, marks = 0, 0, 0
    for ch in fold(text):
        if ch in "([【〔":
            depth += 1
        elif ch in ")]】〕":
            if depth == 0:  # closes a bracket opened on an earlier line: all so far was inside it
                outside = marks = 0
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch in _SENTENCE_MARK:
                marks += 1
            elif "\u3400" <= ch <= "\u9fff":
                outside += 1
    return marks > 0 and outside >= 8


@lru_cache(maxsize=8192)
def is_blank_word(text: str) -> bool:
    s = fold(text).strip()
    return s == "" or s in BLANK_WORDS


def clean_line(text: str) -> str:
    """A line of prose: Word/Markdown artifacts removed, spaces around Chinese collapsed (§11 #14, #16)."""
    s = _BOOKMARK.sub("", text)
    s = _MARKDOWN_HEADING.sub("", s)
    s = s.replace("\u00a0", " ").strip()
    if " " in s or "\t" in s or "\u3000" in s:  # the only characters the gap pattern removes
        s = _CJK_GAP.sub("", s)
    return s
