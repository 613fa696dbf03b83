"""The roster (名单): the units whose reports the reviewer expects, read from .xlsx or .csv.

Columns (the header row names them; order free): 机关名称 (required),
上级机关 (optional), 口径 (optional: 全辖区 or 本机关).  A report belongs to a
unit when their names are the same agency (``names.same_agency``: with or
without the city/county prefix) or, failing that, when the name without its
place prefix is that of exactly one unit of the roster (「城乡规划编制研究中心」
is the roster's 「民权县城乡规划编制研究中心」).  Bad input is a Chinese
``UserError`` naming the row; nothing is changed.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..limits import MAX_EXPANDED_BYTES, MAX_INPUT_BYTES, MAX_LINE_CHARS, MAX_ROSTER_ROWS, MAX_ZIP_MEMBERS
from ..names import NameIndex, normalise, same_agency, similarity

WHOLE = "全辖区"
OWN = "本机关"
#: What a clerk writes in the 口径 column, and what it means.
SCOPE_WORDS = {
    WHOLE: ("全辖区", "全辖", "辖区", "全县", "全区", "全市", "全州", "全省", "全乡", "全镇", "汇总", "含下属", "含所属单位"),
    OWN: ("本机关", "本级", "本单位", "本部门", "本级机关", "机关本级"),
}
NAME_HEADERS = ("机关名称", "单位名称", "机关", "单位", "名称")
PARENT_HEADERS = ("上级机关", "上级单位", "上级", "主管单位", "所属")
SCOPE_HEADERS = ("口径", "统计口径", "范围", "统计范围")
SIMILAR_ENOUGH = 0.6  # a suggestion 「可能是名单中的……」 below this is noise
SIMILAR_CANDIDATES = 30


def _bigrams(name: str) -> set[str]:
    key = normalise(name)
    return {key[i:i + 2] for i in range(len(key) - 1)} or {key}


@dataclass
class Unit:
    name: str
    row: int  # the roster's own row number (1-based, as the clerk sees it)
    parent: str = ""  # as written
    scope: str = ""  # WHOLE, OWN or ""
    parent_unit: Unit | None = field(default=None, repr=False)
    children: list[Unit] = field(default_factory=list, repr=False)

    @property
    def key(self) -> str:
        return normalise(self.name)

    def ancestors(self):
        u = self.parent_unit
        while u is not None:
            yield u
            u = u.parent_unit


@dataclass
class Roster:
    source: str  # the file name
    units: list[Unit]
    notes: list[str] = field(default_factory=list)  # parents not on the roster, etc.
    _index: NameIndex | None = field(default=None, repr=False, compare=False)
    _bigrams: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def match(self, *names: str) -> Unit | None:
        """The unit these names (the report's subject, its 机关名称 …) belong to, or None."""
        if self._index is None or len(self._index.known) != len(self.units):
            self._index = NameIndex([u.name for u in self.units])
        i = self._index.match(*names)
        return None if i is None else self.units[i]

    def similar(self, *names: str) -> Unit | None:
        """The closest unit by name (for 「可能是名单中的……」), when close enough."""
        if self._bigrams is None:
            self._bigrams = {}
            for i, u in enumerate(self.units):
                for gram in _bigrams(u.name):
                    self._bigrams.setdefault(gram, []).append(i)
        best, score = None, 0.0
        for name in names:
            if not name:
                continue
            shared: dict[int, int] = {}
            for gram in _bigrams(name):
                for i in self._bigrams.get(gram, ()):
                    shared[i] = shared.get(i, 0) + 1
            # Only the names sharing most pairs of characters are compared closely (a roster may hold thousands).
            for i in sorted(shared, key=lambda i: -shared[i])[:SIMILAR_CANDIDATES]:
                s = similarity(self.units[i].name, name)
                if s > score:
                    best, score = self.units[i], s
        return best if score >= SIMILAR_ENOUGH else None

    def own_unit_of(self, parent: Unit) -> Unit | None:
        """The 本级 unit of a 全辖区 parent: its child 「本机关」 of the same name or named …本级."""
        for child in parent.children:
            if child.scope == OWN and (same_agency(child.name, parent.name) or "本级" in child.name):
                return child
        return None


def read_roster(path: str | os.PathLike) -> Roster:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"找不到名单文件「{p}」。")
    if p.stat().st_size > MAX_INPUT_BYTES:
        raise UserError(f"名单文件「{p.name}」太大（超过 {MAX_INPUT_BYTES // (1024 * 1024)} MB），请检查是否选错了文件。")
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(p)
    elif suffix == ".csv":
        rows = _csv_rows(p)
    else:
        raise UserError(f"名单只能是 .xlsx 或 .csv 文件，「{p.name}」不是。请在 Excel/WPS 中另存为 .xlsx。")
    return _parse(p.name, rows)


def _xlsx_rows(path: Path) -> list[list[str]]:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_EXPANDED_BYTES:
                raise UserError(f"名单文件「{path.name}」解压后过大，无法读取。")
    except zipfile.BadZipFile:
        raise UserError(f"名单文件「{path.name}」不是有效的 .xlsx 文件（可能已损坏，或是改了扩展名的其他文件）。") from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise UserError(f"名单文件「{path.name}」无法读取（{type(exc).__name__}），请在 Excel/WPS 中重新保存为 .xlsx。") from None
    try:
        for ws in wb.worksheets:
            rows = []
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if n > MAX_ROSTER_ROWS + 10:
                    raise UserError(f"名单超过 {MAX_ROSTER_ROWS} 行，请分批审核。")
                rows.append(["" if v is None else str(v) for v in row])
            if _header_row(rows) is not None:
                return rows
        return rows if wb.worksheets else []
    finally:
        wb.close()


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(f"名单文件「{path.name}」的编码无法识别，请另存为 UTF-8 编码的 .csv 或 .xlsx。")
    if "\x00" in text:
        raise UserError(f"名单文件「{path.name}」不是文本格式的 .csv 文件。")
    rows = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if n > MAX_ROSTER_ROWS + 10:
            raise UserError(f"名单超过 {MAX_ROSTER_ROWS} 行，请分批审核。")
        rows.append(row)
    return rows


def _header_row(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:10]):
        if _column(row, NAME_HEADERS) is not None:
            return i
    return None


def _column(row: list[str], headers: tuple[str, ...]) -> int | None:
    cleaned = [normalise(c) for c in row]
    for h in headers:  # the most specific header first: 机关名称 before 名称
        if h in cleaned:
            return cleaned.index(h)
    return None


def _scope(word: str, row: int) -> str:
    w = normalise(word)
    if not w:
        return ""
    for scope, words in SCOPE_WORDS.items():
        if w in words:
            return scope
    raise UserError(f"名单第 {row} 行的口径「{word.strip()}」无法识别，应为「{WHOLE}」或「{OWN}」（也可不填）。")


def _parse(source: str, rows: list[list[str]]) -> Roster:
    top = _header_row(rows)
    if top is None:
        raise UserError(f"名单「{source}」中找不到「机关名称」列：第一行应为列名（机关名称、上级机关、口径）。")
    header = rows[top]
    name_col = _column(header, NAME_HEADERS)
    parent_col = _column(header, PARENT_HEADERS)
    scope_col = _column(header, SCOPE_HEADERS)
    units: list[Unit] = []
    seen: dict[str, Unit] = {}

    def cell(row, col):
        return row[col].strip() if col is not None and col < len(row) and row[col] else ""

    for i, row in enumerate(rows[top + 1:], start=top + 2):
        name = cell(row, name_col)
        if not name:
            continue
        if len(name) > MAX_LINE_CHARS:
            raise UserError(f"名单第 {i} 行的机关名称太长。")
        unit = Unit(name, i, cell(row, parent_col), _scope(cell(row, scope_col), i))
        if unit.key in seen:
            raise UserError(
                f"名单中「{name}」出现了两次（第 {seen[unit.key].row} 行和第 {i} 行）。"
                "本级报告请另起名称，如「某县人民政府（本级）」。"
            )
        seen[unit.key] = unit
        units.append(unit)
        if len(units) > MAX_ROSTER_ROWS:
            raise UserError(f"名单超过 {MAX_ROSTER_ROWS} 个单位，请分批审核。")
    if not units:
        raise UserError(f"名单「{source}」中没有机关名称。")
    roster = Roster(source, units)
    for unit in units:
        if not unit.parent:
            continue
        parent = roster.match(unit.parent)
        if parent is None or parent is unit:
            roster.notes.append(f"第 {unit.row} 行「{unit.name}」的上级机关「{unit.parent}」不在名单中，不作上下级核对。")
            continue
        unit.parent_unit = parent
        parent.children.append(unit)
    for unit in units:
        seen_up = {id(unit)}
        for up in unit.ancestors():
            if id(up) in seen_up:
                raise UserError(f"名单中「{unit.name}」的上级机关形成了循环（第 {unit.row} 行），请检查上级机关列。")
            seen_up.add(id(up))
    return roster
