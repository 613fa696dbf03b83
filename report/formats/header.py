"""The header of every report (机关名称, 年度, 标题, 文号 …), declared once.

The model's ``Header`` is built from ``HEADER_FIELDS``; the draft writes and
reads each field by its kind; the GUI's 基本信息 page, the undo labels, the
renderer's preflight and the importer read the same declaration.  A new
header field is one new ``HeaderFieldSpec`` here (plus, where it is printed,
its place in the template).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ..limits import MAX_LINE_CHARS, MAX_TEXT_CHARS


class HeaderKind(Enum):
    LINE = "line"  # one line of text
    TEXT = "text"  # a paragraph (may hold line breaks)
    YEAR = "year"  # an integer year
    DATE = "date"  # a calendar date or None
    FLAG = "flag"  # yes / no

    @property
    def python_type(self) -> type:
        return {HeaderKind.YEAR: int, HeaderKind.DATE: dt.date, HeaderKind.FLAG: bool}.get(self, str)


class Carry(Enum):
    """What next year's draft does with the field (``report.carry.next_year``)."""

    KEEP = "keep"  # the same value
    CLEAR = "clear"  # starts empty
    ADVANCE = "advance"  # the year + 1
    RENUMBER = "renumber"  # text kept, this year's 「2021」 replaced by next year's


@dataclass(frozen=True)
class HeaderFieldSpec:
    key: str
    label: str  # 机关名称: in messages, undo steps, the GUI
    kind: HeaderKind
    hint: str = ""  # placeholder / help in the GUI
    mnemonic: str = ""  # the GUI label's Alt key (a Latin letter)
    carry: Carry = Carry.KEEP
    #: Printed in the document (so the renderer's character preflight looks at it).
    printed: bool = True
    #: The ``Report`` attribute printed instead when the field is left empty (标题, 落款机关).
    fallback: str = ""
    #: The ``Report`` method that offers a standard text for the field (开头语).
    suggestion: str = ""
    #: Asked (and required) when a new report is made.
    asked_first: bool = False

    @property
    def default(self):
        return {HeaderKind.YEAR: 0, HeaderKind.DATE: None, HeaderKind.FLAG: False}.get(self.kind, "")

    @property
    def max_chars(self) -> int | None:
        return {HeaderKind.LINE: MAX_LINE_CHARS, HeaderKind.TEXT: MAX_TEXT_CHARS}.get(self.kind)

    @property
    def is_text(self) -> bool:
        return self.kind in (HeaderKind.LINE, HeaderKind.TEXT)


HEADER_FIELDS: tuple[HeaderFieldSpec, ...] = (
    HeaderFieldSpec("org_name", "机关名称", HeaderKind.LINE, "如：米易县人民政府办公室", "M", asked_first=True),
    HeaderFieldSpec("year", "报告年度", HeaderKind.YEAR, mnemonic="Y", carry=Carry.ADVANCE, printed=False,
                    asked_first=True),
    HeaderFieldSpec("title", "标题", HeaderKind.LINE, "不填则为「机关名称＋年度＋政府信息公开工作年度报告」", "T",
                    carry=Carry.RENUMBER, fallback="title"),
    HeaderFieldSpec("doc_number", "文号", HeaderKind.LINE, "如：米府办函〔2022〕5号（没有可不填）", "D", carry=Carry.CLEAR),
    HeaderFieldSpec("addressee", "主送机关", HeaderKind.LINE, "如：县人民政府（没有可不填）", "A"),
    HeaderFieldSpec("opening", "开头语", HeaderKind.TEXT,
                    "标题之后的第一段，如「根据《中华人民共和国政府信息公开条例》……」", "O", carry=Carry.RENUMBER,
                    suggestion="default_opening"),
    HeaderFieldSpec("signer", "落款机关", HeaderKind.LINE, "不填则与机关名称相同", "L", fallback="signer"),
    # Real reports 002 and 003 end without a 署名; an imported report keeps that (the renderer adds none).
    HeaderFieldSpec("unsigned", "不署名", HeaderKind.FLAG, "文末不印落款机关（原报告没有署名时）", "Q", printed=False),
    HeaderFieldSpec("sign_date", "成文日期", HeaderKind.DATE, mnemonic="R", carry=Carry.CLEAR),
    HeaderFieldSpec("sealed", "加盖印章", HeaderKind.FLAG, "落款处加盖印章", "S", printed=False),
)

HEADER_BY_KEY: dict[str, HeaderFieldSpec] = {f.key: f for f in HEADER_FIELDS}


def header_field(key: str) -> HeaderFieldSpec:
    return HEADER_BY_KEY[key]


def header_label(key: str) -> str:
    """The Chinese name of a header field, or of the two pseudo-fields findings name."""
    spec = HEADER_BY_KEY.get(key)
    if spec is not None:
        return spec.label
    return {"format": "报告格式", "sections": "报告结构"}.get(key, key)
