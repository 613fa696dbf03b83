"""What a clerk types into a cell or a text box, turned into values.

``parse_cell`` is strict (the clerk's input: refuse with a Chinese reason);
``parse_printed`` is lenient (an imported report: keep whatever number was
printed and let the checks speak); ``read_stored`` reads a value as a draft
file stores it (refusing what is not a finite, bounded number).  Which values
a cell may hold is decided once, by ``value_problem``: the clerk's input, the
draft reader and the checks (E7, for table cells and the fee fields alike)
all ask it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .limits import MAX_COUNT, MAX_DECIMALS, MAX_NUMBER_DIGITS
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


class StoredValueError(ValueError):
    """A stored value that is not a finite, bounded number; ``str()`` is Chinese (without the field's name)."""


# --- what a cell may hold ------------------------------------------------------------

#: ``value_problem`` codes, with how the checks (E7) say them.
FRACTION, NEGATIVE, TOO_LARGE, TOO_MANY_DECIMALS = "fraction", "negative", "too_large", "decimals"
PROBLEM_TEXT = {
    FRACTION: "件数应为整数",
    NEGATIVE: "不能为负数",
    TOO_LARGE: f"超出上限 {MAX_COUNT:,}",
    TOO_MANY_DECIMALS: f"最多保留 {MAX_DECIMALS} 位小数",
}


def value_problem(value: Value, kind: ValueKind) -> str | None:
    """Why ``value`` cannot stand in a cell (or fee field) of ``kind``: a code of ``PROBLEM_TEXT``, or ``None``."""
    if kind.is_decimal:
        if value < 0:
            return NEGATIVE
        if decimals_of(value) > MAX_DECIMALS:
            return TOO_MANY_DECIMALS
        if value > MAX_COUNT:
            return TOO_LARGE
        return None
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return FRACTION
    if value < 0 and kind is not ValueKind.SIGNED:
        return NEGATIVE
    if abs(value) > MAX_COUNT:
        return TOO_LARGE
    return None


def describe_problem(value: Value, kind: ValueKind, problem: str) -> str:
    """E7's wording: 「件数不能为负数，表中为 -2」."""
    what = "金额" if kind.is_decimal else ("件数" if problem != TOO_LARGE else "数值")
    text = PROBLEM_TEXT[problem]
    if problem == FRACTION:
        return f"{text}，表中为 {format_value(value, kind)}"
    return f"{what}{text}，表中为 {format_value(value, kind)}"


@dataclass(frozen=True)
class Parsed:
    value: Value
    note: str = ""  # e.g. 「按 0 计」 when a word meaning none was typed


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, commas, points and the ideographic space.
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("−", "-").replace("–", "-")
    return re.sub(r"\s+", "", s)


def parse_cell(text: str, kind: ValueKind, signed_labels: tuple[str, ...] = ()) -> Parsed:
    """Parse a clerk's cell input or raise ``CellInputError`` with the reason.

    ``signed_labels``: the columns of the report's format that may be negative
    (``FormatSpec.signed_labels``), named in the refusal of a negative count.
    """
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
    if _digits(s) > MAX_NUMBER_DIGITS:
        raise CellInputError(f"「{_short(raw.strip())}」位数太多，不是一个表格数字，请核对")
    negative = s.startswith("-")
    if kind.is_decimal:
        try:
            value = Decimal(s)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            raise CellInputError(f"「{raw.strip()}」不是有效的金额") from None
        problem = NEGATIVE if negative else value_problem(value, kind)
        if problem == NEGATIVE:
            raise CellInputError("金额不能为负数")
        if problem == TOO_MANY_DECIMALS:
            raise CellInputError(f"金额最多保留 {MAX_DECIMALS} 位小数（一般保留 4 位），「{raw.strip()}」小数位太多")
        if problem == TOO_LARGE:
            raise CellInputError(f"金额 {value} 过大，请确认单位是否为万元")
        return Parsed(value)
    if "." in s:
        whole, _, frac = s.partition(".")
        if frac.strip("0"):
            raise CellInputError(f"件数必须是整数，「{raw.strip()}」带有小数")
        s = whole
    value = int(s)
    problem = value_problem(value, kind)
    if problem == NEGATIVE:
        allowed = "、".join(f"「{label}」" for label in signed_labels)
        raise CellInputError(f"件数不能为负数（只有{allowed}可以填负数）" if allowed else "件数不能为负数")
    if problem == TOO_LARGE:
        raise CellInputError(f"数值 {value} 超过上限 {MAX_COUNT:,}，请核对")
    return Parsed(value)


def _digits(s: str) -> int:
    return sum(1 for ch in s if ch.isdigit())


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"


_STORED_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def read_stored(value: object) -> Value | None:
    """A cell or fee value as a draft file stores it; ``None`` (missing) for ``null``.

    Counts are JSON integers, amounts plain decimal strings (``"3415.891"``);
    a JSON number with a fraction or an exponent is read exactly (as a
    ``Decimal``) when it is bounded.  Refused with ``StoredValueError``:
    anything that is not a finite number (NaN, Infinity, true, a list, a
    word), a number of more than ``MAX_NUMBER_DIGITS`` digits or of huge
    magnitude.  Whether the number fits the cell (no negative count, no
    fraction of a 件) is ``value_problem``'s question, asked by the checks.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise StoredValueError(f"应为数字，不是「{'true' if value else 'false'}」")
    if isinstance(value, int):
        # bit_length first: str() of an integer over 4,300 digits raises ValueError.
        if value.bit_length() > 4 * MAX_NUMBER_DIGITS or abs(value) >= 10**MAX_NUMBER_DIGITS:
            raise StoredValueError(f"位数太多（超过 {MAX_NUMBER_DIGITS} 位），不是表格中的数字")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoredValueError(f"「{value}」不是有限的数字")
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise StoredValueError(f"「{value}」不是有限的数字")
        t = value.as_tuple()
        if len(t.digits) > MAX_NUMBER_DIGITS or value.adjusted() >= MAX_NUMBER_DIGITS or -t.exponent > MAX_NUMBER_DIGITS:
            raise StoredValueError(f"「{_short(str(value))}」位数太多或数量级太大，不是表格中的数字")
        return value
    if isinstance(value, str):
        s = value.strip()
        if not _STORED_NUMBER.fullmatch(s):
            raise StoredValueError(f"「{_short(s)}」不是数字")
        if _digits(s) > MAX_NUMBER_DIGITS:
            raise StoredValueError(f"「{_short(s)}」位数太多（超过 {MAX_NUMBER_DIGITS} 位），不是表格中的数字")
        return Decimal(s)
    raise StoredValueError(f"应为数字，不是{_json_type(value)}")


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "一组键值（对象）"
    if isinstance(value, list):
        return "一个列表"
    return "其他类型的数据"


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
    if _digits(number) > MAX_NUMBER_DIGITS:
        return None  # a run of digits, not a figure (and int() refuses over 4,300 digits)
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
