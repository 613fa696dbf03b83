"""Names of agencies: the subject of a report's title, government or department, fuzzy matching.

Used by W9 (whose report it is decides the deadline) and by the review's
roster (a report named 「攀枝花市米易县自然资源局」 is the roster's
「米易县自然资源局」).  Pure string work, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from .model import TITLE_SUFFIX

#: A place name: a few characters ending in an administrative unit (米易县, 攀枝花市, 凉山彝族自治州 …).
#: One character before 县 is a county (易县); the other units need two, so that 城乡, 社区, 城市 are no places.
_PLACE_RXS = (
    re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|盟|地区|区|旗|乡|镇|街道)"),
    re.compile(r"^[\u4e00-\u9fff]{1,8}?县"),
)


class _Place:
    """``_PLACE.match(name)``: the shortest leading place name, or None."""

    @staticmethod
    def match(name: str):
        found = [m for m in (rx.match(name) for rx in _PLACE_RXS) if m]
        return min(found, key=lambda m: m.end()) if found else None

    @staticmethod
    def fullmatch(name: str):
        m = _Place.match(name)
        return m if m is not None and m.end() == len(name) else None


_PLACE = _Place()
#: Words that make a name a department even when it ends like a place (米易县人民政府办公室, 县政务服务中心 …).
_DEPARTMENT_TAIL = re.compile(r"(?:办公室|办公厅|局|委员会|委|厅|中心|处|所|站|院|队|馆|会|社|公司|部|署|办|司)$")
_YEAR = re.compile(r"[0-9０-９〇零一二三四五六七八九]{4}\s*年(?:度)?")
_PUNCT = re.compile(r"[\s\u3000·•・（）()〔〕\[\]【】「」『』“”\"'‘’《》<>,，.。、:：;；!！?？\-—_/／|]+")


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """A name for comparison: NFKC, no spaces or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", name or ""))


def title_subject(title: str) -> str:
    """「某县人民政府2021年政府信息公开工作年度报告」 → 「某县人民政府」 (the year may come first)."""
    text = unicodedata.normalize("NFKC", title or "").strip()
    if TITLE_SUFFIX not in text:
        return ""
    text = text[: text.index(TITLE_SUFFIX)]
    text = _YEAR.sub("", text)
    return normalise(text)


def report_subject(report) -> str:
    """Whose report it is: the subject of its title, else its 机关名称 (never the 落款机关)."""
    h = report.header
    subject = title_subject(h.title) if h.title.strip() else ""
    return subject or normalise(h.org_name)


def is_government(name: str) -> bool:
    """A people's government (or a bare place name used as one), not one of its departments."""
    name = normalise(name)
    if not name or _DEPARTMENT_TAIL.search(name):
        return False
    key = _government_key(name)
    return key != name or "".join(leading_places(key)) == key


@lru_cache(maxsize=8192)
def strip_places(name: str) -> str:
    """「攀枝花市米易县自然资源局」 → 「自然资源局」: every leading place name removed (never all of it)."""
    name = normalise(name)
    while True:
        m = _PLACE.match(name)
        if not m or m.end() >= len(name):
            return name
        rest = name[m.end():]
        if rest in ("人民政府", "政府"):
            return name
        name = rest


def _government_key(name: str) -> str:
    """「米易县人民政府」 and 「米易县」 are one agency."""
    for tail in ("人民政府", "政府"):
        if name.endswith(tail) and _PLACE.fullmatch(name[: -len(tail)] or "-"):
            return name[: -len(tail)]
    return name


def _places_prefix(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with one or more place names in front (攀枝花市 + 米易县自然资源局)."""
    if not longer.endswith(shorter) or len(longer) == len(shorter):
        return False
    head = longer[: len(longer) - len(shorter)]
    while head:
        m = _PLACE.match(head)
        if not m:
            return False
        head = head[m.end():]
    return True


def same_agency(a: str, b: str) -> bool:
    """The same agency, written with or without its city/county prefix (and 「人民政府」 for a place)."""
    a, b = _government_key(normalise(a)), _government_key(normalise(b))
    if not a or not b:
        return False
    if a == b:
        return True
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    # The shorter name must still name the agency: 「自然资源局」 alone matches any county's bureau.
    return _PLACE.match(shorter) is not None and _places_prefix(longer, shorter)


def similarity(a: str, b: str) -> float:
    """0..1, how alike two names are once their place prefixes are set aside."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    whole = SequenceMatcher(None, a, b).ratio()
    core = SequenceMatcher(None, strip_places(a), strip_places(b)).ratio()
    return max(whole, (whole + core) / 2)


def leading_places(name: str) -> tuple[str, ...]:
    """The place names a name starts with: 「攀枝花市米易县自然资源局」 → (攀枝花市, 米易县)."""
    name = _government_key(normalise(name))
    out = []
    while name:
        m = _PLACE.match(name)
        if not m:
            break
        out.append(m.group(0))
        name = name[m.end():]
    return tuple(out)


def own_place(government: str) -> str:
    """The place a government governs: 「攀枝花市米易县」, 「米易县人民政府」 → 「米易县」 ("" if none)."""
    key = _government_key(normalise(government))
    places = leading_places(key)
    return places[-1] if places and "".join(places) == key else ""


def belongs_to_place(name: str, place: str) -> bool:
    """「米易县自然资源局」 and 「米易县丙谷镇人民政府」 belong to 米易县; 「米易县人民政府」 itself does not."""
    if not place:
        return False
    places = leading_places(name)
    if place not in places:
        return False
    return places[-1] != place or _government_key(normalise(name)) != "".join(places)


def _chain(name: str) -> list[str]:
    """The name and every shorter form that still starts with a place: 攀枝花市米易县X局 → (…, 米易县X局)."""
    key = _government_key(normalise(name))
    out = [key]
    while True:
        m = _PLACE.match(key)
        if not m or m.end() >= len(key):
            return out
        rest = key[m.end():]
        if not _PLACE.match(rest):
            return out
        out.append(rest)
        key = rest


class NameIndex:
    """Names looked up the way ``best_match`` says, in time independent of how many are known."""

    def __init__(self, known: list[str]):
        self.known = list(known)
        self._exact: dict[str, int] = {}
        self._chains: dict[str, list[int]] = {}
        self._cores: dict[str, list[int]] = {}
        for i, k in enumerate(self.known):
            self._exact.setdefault(normalise(k), i)
            for form in _chain(k):
                self._chains.setdefault(form, []).append(i)
            self._cores.setdefault(strip_places(k), []).append(i)

    def match(self, *names: str) -> int | None:
        names = tuple(n for n in names if n and n.strip())
        for name in names:
            i = self._exact.get(normalise(name))
            if i is not None:
                return i
        for name in names:
            candidates = {i for form in _chain(name) for i in self._chains.get(form, ())}
            candidates |= set(self._chains.get(_government_key(normalise(name)), ()))
            same = sorted(i for i in candidates if same_agency(self.known[i], name))
            if len(same) == 1:
                return same[0]
        for name in names:
            core, places = strip_places(name), set(leading_places(name))
            if len(core) < 2:
                continue
            # 「教育局」 is the roster's 「米易县教育局」; 「盐边县教育局」 is not: its place must be one of the other's.
            alike = [i for i in self._cores.get(core, ()) if places <= set(leading_places(self.known[i]))]
            if len(alike) == 1:
                return alike[0]
        return None


def best_match(known: list[str], *names: str) -> int | None:
    """Which of ``known`` these names (a report's subject, its 机关名称 …) are: an index, or None.

    In order: the same name; the same agency with or without its place prefix, when only one is;
    the same name once the place prefix is set aside (any place it names being one of the other's), when only
    one of ``known`` has it.
    """
    return NameIndex(known).match(*names)
