"""What a clerk types: one strict parser; imports use the lenient one."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.parse import CellInputError, clean_text, format_value, parse_cell, parse_printed
from report.schema import ValueKind

COUNT, SIGNED, WAN, AMOUNT = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.WAN, ValueKind.AMOUNT


@pytest.mark.parametrize(
    "text,kind,expected",
    [
        ("12", COUNT, 12),
        ("１２", COUNT, 12),  # full-width digits
        (" 1 2 ", COUNT, 12),
        ("1,234", COUNT, 1234),
        ("1，234", COUNT, 1234),  # full-width comma
        ("1,234,567", COUNT, 1234567),
        ("12件", COUNT, 12),
        ("无", COUNT, 0),
        ("-", COUNT, 0),
        ("—", COUNT, 0),
        ("", COUNT, 0),
        ("3.0", COUNT, 3),
        ("-3", SIGNED, -3),
        ("－3", SIGNED, -3),
        ("3415.891", WAN, Decimal("3415.891")),
        ("24252.311082", WAN, Decimal("24252.311082")),
        ("３４１５．８９１", WAN, Decimal("3415.891")),
        ("0.5万元", WAN, Decimal("0.5")),
        ("无", WAN, Decimal(0)),
    ],
)
def test_accepts(text, kind, expected):
    assert parse_cell(text, kind).value == expected


@pytest.mark.parametrize(
    "text,kind,words",
    [
        ("abc", COUNT, "不是数字"),
        ("12a", COUNT, "不是数字"),
        ("-3", COUNT, "不能为负数"),
        ("1.5", COUNT, "整数"),
        ("1000000000", COUNT, "上限"),
        ("1.2345678", WAN, "小数"),
        ("-1", WAN, "负数"),
        ("1,23", COUNT, "不是数字"),
        ("1e5", COUNT, "不是数字"),
    ],
)
def test_refuses_with_a_chinese_reason(text, kind, words):
    with pytest.raises(CellInputError) as exc:
        parse_cell(text, kind)
    assert words in str(exc.value)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_counts_round_trip(n):
    assert parse_cell(str(n), COUNT).value == n
    assert parse_cell(f"{n:,}", COUNT).value == n
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_cell(full_width, COUNT).value == n


@given(st.integers(min_value=-999_999_999, max_value=999_999_999))
def test_signed_round_trip(n):
    assert parse_cell(str(n), SIGNED).value == n


@given(st.decimals(min_value=0, max_value=10**8, places=4, allow_nan=False, allow_infinity=False))
def test_amounts_round_trip(d):
    parsed = parse_cell(format_value(d, WAN), WAN).value
    assert parsed == d


@given(st.text(max_size=20))
def test_parser_never_crashes(text):
    for kind in ValueKind:
        try:
            result = parse_cell(text, kind)
        except CellInputError as exc:
            assert str(exc)
        else:
            assert isinstance(result.value, (int, Decimal))
            if kind is COUNT:
                assert isinstance(result.value, int) and result.value >= 0


def test_printed_values_are_kept_as_printed():
    assert parse_printed("-3", COUNT) == -3  # refused for a clerk, kept for an import
    assert parse_printed("2.5", COUNT) == Decimal("2.5")
    assert parse_printed("24252.311082", WAN) == Decimal("24252.311082")
    assert parse_printed("无", COUNT) == 0
    assert parse_printed("（空）", COUNT) is None
    assert parse_printed("1,234", COUNT) == 1234


def test_clean_text_drops_illegal_characters_and_normalises_lines():
    cleaned = clean_text("第一段\r\n第二段\x00\x07\x0c\r第三段")
    assert cleaned.text == "第一段\n第二段\n第三段"
    assert cleaned.removed == 3


def test_a_negative_count_names_only_the_formats_signed_columns():
    from report.formats import get_format

    with pytest.raises(CellInputError) as plain:
        parse_cell("-3", ValueKind.COUNT, get_format("2021").signed_labels)
    assert str(plain.value) == "件数不能为负数"
    with pytest.raises(CellInputError) as signed:
        parse_cell("-3", ValueKind.COUNT, get_format("2019").signed_labels)
    assert str(signed.value) == "件数不能为负数（只有「本年增/减」可以填负数）"


def test_a_computed_cell_says_what_it_is_computed_from():
    from report.formats import get_format

    fmt = get_format("2021")
    note = fmt.derived_note("applications.new_received.total")
    assert note.startswith("「三、一·总计」是自动计算的合计，等于各申请人之和")
    assert "「三、一·自然人」至「三、一·其他」" in note
    assert "四项结果之和" in fmt.derived_note("appeals.review.total")
