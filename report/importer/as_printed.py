"""What an imported report printed in its own way, kept so that its document prints the same.

Two calls from ``assemble``:

- ``province_variant(fmt, document_key)``: a province's variant of the detected national
  format when the document prints the variant's own wording (河南「保留4位小数」).
- ``record_as_printed(...)``: the report's own section headings, its sub-headings (their
  wording, none at all, or run into the first paragraph), the unit printed with an amount
  (「251000元」), a title printed without agency or year, and a report without 署名.

Only what the importer already read is compared: the prose of each part (``report.texts``)
is found again among the section's paragraphs, and whatever stands between two parts is
the heading the report printed.
"""

from __future__ import annotations

from ..formats import FORMATS
from ..model import CellOrigin, PrintedHeading, Report
from ..schema import FormatSpec
from .normalise import label_key
from .sections import paragraphs
from .stream import Item, Para


def province_variant(fmt: FormatSpec, document_key: str) -> FormatSpec:
    """The variant of ``fmt`` whose own labels all occur in the document (``label_key`` form), else ``fmt``."""
    for variant in FORMATS.values():
        labels = variant.variant_labels
        if variant.variant_of == fmt.id and labels and all(label_key(x) in document_key for x in labels):
            return variant
    return fmt


def _key(text: str) -> str:
    return "".join(text.split())


def _section_ranges(items: list[Item], headings: dict[str, int], end_at: int | None) -> dict[str, tuple[int, int]]:
    """Each found section's items (after its heading), as ``assemble`` reads its texts."""
    order = sorted(headings.items(), key=lambda kv: kv[1])
    out = {}
    for n, (number, index) in enumerate(order):
        end = order[n + 1][1] if n + 1 < len(order) else len(items)
        if end_at is not None and index < end_at < end:
            end = end_at
        out[number] = (index + 1, end)
    return out


def _part_headings(report: Report, keys: tuple[str, ...], paras: list[str]) -> dict[str, PrintedHeading]:
    """The heading each filled part printed: the paragraphs between the previous part and its first line."""
    fmt = report.format
    found: dict[str, PrintedHeading] = {}
    cursor = 0
    squashed = [_key(p) for p in paras]
    for key in keys:
        lines = [x for x in report.texts.get(key, "").split("\n") if x.strip()]
        if not lines:
            continue
        first, last = _key(lines[0]), _key(lines[-1])
        start = next((i for i in range(cursor, len(paras)) if squashed[i].endswith(first) and first), None)
        if start is None:
            return {}  # the texts are not the section's paragraphs as printed: keep the standard layout
        between = [paras[i] for i in range(cursor, start)]
        run_in = squashed[start][: len(squashed[start]) - len(first)]
        if fmt.text_field(key).title:
            if run_in:
                found[key] = PrintedHeading(run_in, run_in=True)
            else:
                # The paragraph just above the part, if a short one: what the report printed as its heading.
                head = between[-1] if between and len(_key(between[-1])) <= 40 else ""
                found[key] = PrintedHeading(head)
        end = next((i for i in range(start, len(paras)) if squashed[i].endswith(last)), start)
        cursor = end + 1
    return found


def record_as_printed(report: Report, items: list[Item], headings: dict[str, int], front, tables, notes: list[str]) -> None:
    """Fill ``report.headings``, the printed units of amounts, the title as printed and ``header.unsigned``."""
    fmt = report.format
    ranges = _section_ranges(items, headings, front.end_at)
    for section in fmt.sections:
        if section.number not in headings:
            continue
        item = items[headings[section.number]]
        printed = item.line.strip() if isinstance(item, Para) else ""
        if printed and _key(printed) != _key(section.heading):
            report.headings[section.number] = PrintedHeading(printed)
        if section.text_fields:
            start, end = ranges[section.number]
            report.headings.update(_part_headings(report, section.text_fields, paragraphs(items[start:end])))
    for cid, spec in fmt.cells.items():
        read = tables.cells.get(cid)
        if spec.unit and read is not None and cid not in report.origins:
            report.origins[cid] = CellOrigin(raw=read.raw)  # the unit as printed (「251000元」, or none)
    h = report.header
    if front.title and report.title != front.title:
        h.title = front.title
    if not front.signer:
        h.unsigned = True
        notes.append("原文文末没有落款机关（署名），生成的文档也不印署名；需要署名时，请在基本信息中取消「不署名」。")
