"""What a clerk types into a cell or a text box, turned into values.

``parse_cell`` is strict (the clerk's input: refuse with a Chinese reason);
``parse_printed`` is lenient (an imported report: keep whatever number was
printed and let the checks speak).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .limits import MAX_COUNT, MAX_DECIMALS
from .schema import ValueKind

#: Words clerks use for "nothing happened"; read as 0.
ZERO_WORDS = frozenset({"", "无", "-", "—", "——", "－", "/", "／", "0", "〇", "零"})
_UNITS = {
    ValueKind.COUNT: ("件", "个", "项", "起", "条"),
    ValueKind.SIGNED: ("件", "个", "项"),
    ValueKind.WAN: ("万元",),
    ValueKind.AMOUNT: ("万元", "元"),
}
_PLAIN = re.compile(r"[+-]?\d+(\.\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Value = int | Decimal


class CellInputError(ValueError):
    """A value the clerk typed that cannot go into the cell; ``str()`` is Chinese."""


@dataclass(frozen=True)
class Parsed:
    value: Value
    note: str = ""  # e.g. 「按 0 计」 when a word meaning none was typed


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, commas, points and the ideographic space.
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("−", "-").replace("–", "-")
    return re.sub(r"\s+", "", s)


def parse_cell(text: str, kind: ValueKind) -> Parsed:
    """Parse a clerk's cell input or raise ``CellInputError`` with the reason."""
    raw = text if isinstance(text, str) else str(text)
    s = _normalise(raw)
    if s in ZERO_WORDS or raw.strip() in ZERO_WORDS:
        return Parsed(Decimal(0) if kind.is_decimal else 0, "" if s == "0" else "按 0 计")
    for unit in _UNITS[kind]:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if kind is ValueKind.WAN and s.endswith("元") and _PLAIN.fullmatch(s[:-1].replace(",", "")):
        raise CellInputError(f"「{raw.strip()}」：这一栏以万元为单位，请换算为万元填写（1 万元 = 10000 元）")
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    elif not _PLAIN.fullmatch(s):
        if re.search(r"\d", s):
            raise CellInputError(f"「{raw.strip()}」不是数字：只能填写数字，如 12；没有发生的填 0 或「无」")
        raise CellInputError(f"「{raw.strip()}」不是数字：请填写数字，没有发生的填 0")
    negative = s.startswith("-")
    if kind.is_decimal:
        try:
            value = Decimal(s)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            raise CellInputError(f"「{raw.strip()}」不是有效的金额") from None
        if negative:
            raise CellInputError("金额不能为负数")
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
            raise CellInputError(f"金额最多保留 {MAX_DECIMALS} 位小数（一般保留 4 位），「{raw.strip()}」小数位太多")
        if value > MAX_COUNT:
            raise CellInputError(f"金额 {value} 过大，请确认单位是否为万元")
        return Parsed(value)
    if "." in s:
        whole, _, frac = s.partition(".")
        if frac.strip("0"):
            raise CellInputError(f"件数必须是整数，「{raw.strip()}」带有小数")
        s = whole
    value = int(s)
    if negative and kind is not ValueKind.SIGNED:
        raise CellInputError("件数不能为负数（只有「本年增/减」可以填负数）")
    if abs(value) > MAX_COUNT:
        raise CellInputError(f"数值 {value} 超过上限 {MAX_COUNT:,}，请核对")
    return Parsed(value)


_PRINTED_NUMBER = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?")


def parse_printed(text: str, kind: ValueKind) -> Value | None:
    """Read a number as printed in an existing report, without judging it.

    Returns ``None`` when the text holds no number and no word meaning zero.
    A count printed with decimals or a sign is kept as printed (checks flag it).
    """
    s = _normalise(text)
    if s in ZERO_WORDS:
        return Decimal(0) if kind.is_decimal else 0
    m = _PRINTED_NUMBER.search(s)
    if not m:
        return None
    number = m.group(0).replace(",", "")
    if kind.is_decimal or "." in number:
        value = Decimal(number)
        if not kind.is_decimal and value == value.to_integral_value():
            return int(value)
        return value
    return int(number)


def format_value(value: Value | None, kind: ValueKind) -> str:
    """A value as printed in the report: integers plain, amounts as entered."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
            return str(int(value))
        return format(value, "f")
    return str(value)


def decimals_of(value: Value | None) -> int:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0
    return 0


@dataclass(frozen=True)
class CleanText:
    text: str
    removed: int  # how many XML-illegal characters were dropped


def clean_text(text: str) -> CleanText:
    """Normalise line endings and drop characters no .docx can hold."""
    s = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    cleaned, removed = _ILLEGAL_XML.subn("", s)
    return CleanText(cleaned, removed)
