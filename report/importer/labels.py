"""Matching pieces of a document against the labels of a format declaration.

Every label comes from ``report.formats`` (rows, captions, headers,
signature labels); nothing here names a label of its own.  Both sides are
compared in ``label_key`` form.  The matchers, from strict to loose:
an exact occurrence (the one ending last wins, since a row label follows
its group labels), an approximate occurrence within a small edit distance
(a missing 按, §11 #5), and for the small blocks of table 二 a fragment of
a label (规范性文件 for 行政规范性文件, §11 #2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formats import FORMATS
from ..schema import FormatSpec, Layout, TableSpec
from .normalise import label_key, mirror_phrase_form

_TRAILING_NOTE = re.compile(r"^(.{4,}?)[（(][^（()）]*[)）]$")
# An explanatory note a province adds inside a row label (规章（设区的市、自治州人民政府应提供相关数据）);
# ordinals such as (一) are too short to be one.
_NOTE = re.compile(r"\([^()]{6,}\)")


def variants(label: str) -> tuple[str, ...]:
    """The label, and without its trailing parenthetical note (（二）部分公开（区分处理的…）); each
    also as a Traditional text with mainland words reads after the Taiwan-phrase map (行政规范性文档,
    see ``mirror_phrase_form``)."""
    bases = [label]
    m = _TRAILING_NOTE.match(label)
    if m:
        bases.append(m.group(1))
    keys = [label_key(b) for b in bases] + [label_key(mirror_phrase_form(b)) for b in bases]
    return tuple(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class Candidate:
    row: str
    key: str  # a label variant in label_key form


@dataclass(frozen=True)
class BlockLabels:
    key: str
    caption: str
    candidates: tuple[Candidate, ...]
    rows: tuple[str, ...]
    width: int  # values per row


@dataclass(frozen=True)
class TableLabels:
    table: TableSpec
    candidates: tuple[Candidate, ...]  # MATRIX rows
    blocks: tuple[BlockLabels, ...]  # BLOCKS
    noise: tuple[str, ...]  # header and caption texts, longest first (BLOCKS)
    markers: tuple[str, ...]  # texts that announce this table (STRIP: top header groups)


def _by_identity(fn):
    """Cache on the object's identity: hashing a frozen TableSpec walks all its rows on every call."""
    memo: dict[int, tuple[object, object]] = {}

    def cached(table):
        hit = memo.get(id(table))
        if hit is None or hit[0] is not table:
            hit = memo[id(table)] = (table, fn(table))
        return hit[1]

    cached.__doc__ = fn.__doc__
    return cached


@_by_identity
def table_labels(table: TableSpec) -> TableLabels:
    grid, _, _ = table.grid
    noise = sorted({label_key(g.text) for g in grid if g.role in ("caption", "header", "corner") and g.text}, key=len, reverse=True)
    blocks: list[BlockLabels] = []
    candidates: list[Candidate] = []
    if table.layout is Layout.BLOCKS:
        for b in table.blocks:
            cands = tuple(Candidate(r.key, k) for r in b.rows for k in variants(r.label))
            blocks.append(BlockLabels(b.key, label_key(b.caption), cands, tuple(r.key for r in b.rows), len(b.columns)))
    else:
        candidates = [Candidate(r.key, k) for r in table.rows for k in variants(r.label)]
    markers = tuple(label_key(g.text) for g in grid if g.role == "header" and g.row == 0) if table.layout is Layout.STRIP else ()
    return TableLabels(table, tuple(candidates), tuple(blocks), tuple(noise), markers)


def without_notes(key: str) -> str:
    """A label in ``label_key`` form without bracketed notes, so that a row named inside a note
    (其他对外管理服务事项（指行政许可证以外的…行政处罚、行政强制…）) does not win over the row itself."""
    previous = None
    while previous != key:
        previous, key = key, _NOTE.sub("", key)
    return key


# --- matchers ------------------------------------------------------------------


def last_exact(chunk: str, candidates) -> Candidate | None:
    """The candidate occurring in ``chunk`` whose occurrence ends last (longer wins a tie)."""
    best, best_end = None, -1
    for c in candidates:
        pos = chunk.rfind(c.key)
        if pos < 0:
            continue
        end = pos + len(c.key)
        if end > best_end or (end == best_end and best is not None and len(c.key) > len(best.key)):
            best, best_end = c, end
    return best


def rows_in(chunk: str, candidates) -> list[str]:
    """Every row whose label occurs in ``chunk``, in the order of their first occurrence."""
    first: dict[str, int] = {}
    for c in candidates:
        pos = chunk.find(c.key)
        if pos >= 0 and (c.row not in first or pos < first[c.row]):
            first[c.row] = pos
    return sorted(first, key=first.get)


def approximate_distance(pattern: str, text: str) -> tuple[int, int]:
    """Smallest edit distance between ``pattern`` and any substring of ``text`` (Sellers), and where it ends."""
    previous = [0] * (len(text) + 1)
    for i, pc in enumerate(pattern, 1):
        current = [i] + [0] * len(text)
        for j, tc in enumerate(text, 1):
            current[j] = min(previous[j - 1] + (pc != tc), previous[j] + 1, current[j - 1] + 1)
        previous = current
    best = min(range(len(previous)), key=lambda j: (previous[j], -j))
    return previous[best], best


def fuzzy(chunk: str, candidates, min_length: int = 6) -> Candidate | None:
    """The candidate approximately present in ``chunk`` (about one edit per eight characters)."""
    best, best_score = None, None
    present = set(chunk)
    for c in candidates:
        if len(c.key) < min_length:
            continue
        allowed = max(1, len(c.key) // 8)
        if len(chunk) < len(c.key) - allowed:
            continue
        if len(set(c.key) - present) > allowed:  # each character absent from the chunk costs an edit
            continue
        distance, end = approximate_distance(c.key, chunk)
        if distance > allowed:
            continue
        score = (distance / len(c.key), -end)
        if best_score is None or score < best_score:
            best, best_score = c, score
    return best


def fragment(residue: str, candidates) -> Candidate | None:
    """The only candidate that contains ``residue`` (a label printed shorter than the official one)."""
    if len(residue) < 2:
        return None
    found = {c.row: c for c in candidates if residue in c.key}
    return next(iter(found.values())) if len(found) == 1 else None


def strip_noise(chunk: str, noise) -> str:
    for n in noise:
        if n:
            chunk = chunk.replace(n, "")
    return chunk


# --- format detection ------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    format: FormatSpec | None
    found: tuple[str, ...]  # the signature labels seen


def detect_format(document_key: str) -> Detection:
    """The format whose signature labels (spec §11 #9) occur most in the document."""
    scored = []
    for fmt in FORMATS.values():
        found = tuple(lbl for lbl in fmt.signature_labels if label_key(lbl) in document_key)
        scored.append((len(found), fmt.first_year, fmt, found))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    count, _, fmt, found = scored[0]
    if count == 0 or (len(scored) > 1 and scored[1][0] == count):
        return Detection(None, ())
    return Detection(fmt, found)


# --- rows a report merged or split ---------------------------------------------------


@dataclass(frozen=True)
class Group:
    label: str  # as declared, e.g. （六）其他处理
    key: str  # label_key form
    rows: tuple[str, ...]  # the rows printed under it, in order


@_by_identity
def row_groups(table: TableSpec) -> tuple[Group, ...]:
    """The groups of a table's rows (their innermost group label) holding two rows or more.

    A report that prints such a group as one row (a 2021-format table with a single （六）其他处理
    row) prints the group's sum: the format's own declaration says which rows it covers.
    """
    groups: dict[str, list[str]] = {}
    for row in table.rows:
        if row.groups and not row.derived:
            groups.setdefault(row.groups[-1], []).append(row.key)
    return tuple(Group(g, label_key(g), tuple(rows)) for g, rows in groups.items() if len(rows) >= 2)


@_by_identity
def split_rows(table: TableSpec) -> tuple[tuple[Candidate, str], ...]:
    """Rows of the same table in the other formats that this format has as one row.

    Each entry is (the other format's row as a candidate, the row of this table that is their sum):
    a 2019-format table printed with 2021's three sub-rows of （六）其他处理.
    """
    ours = {label_key(r.label): r.key for r in table.rows}
    own_keys = {k for r in table.rows for k in variants(r.label)}
    out = []
    for fmt in FORMATS.values():
        other = next((t for t in fmt.tables if t.key == table.key and t.layout is table.layout), None)
        if other is None or other is table:
            continue
        for row in other.rows:
            if not row.groups or row.derived:
                continue
            target = ours.get(label_key(row.groups[-1]))
            if target is None:
                continue
            for k in variants(row.label):
                if k not in own_keys:
                    out.append((Candidate(row.key, k), target))
    return tuple(out)
