"""From the common stream of paragraphs and rows to a ``Report`` and its import summary."""

from __future__ import annotations

import re

from ..draftmark import DRAFT_SUFFIX
from ..errors import UserError
from ..formats import FORMATS, format_for_year
from ..formats.header import HEADER_FIELDS
from ..limits import MAX_TEXT_CHARS
from ..model import TITLE_SUFFIX, CellOrigin, Report
from ..schema import FormatSpec
from . import header as hdr
from .as_printed import province_variant, record_as_printed
from .labels import detect_format
from .normalise import has_traditional, label_key, t2s, t2s_phrases
from .sections import find_headings, paragraphs, split_overview, split_problems, split_run_in_headings
from .stream import Item, Para, Row
from .summary import Assumption, ImportSummary, MissingCell
from .tables import read_tables

_DECIMALS_HINT = re.compile(r"保留(\d)位小数")
TABLE_SECTIONS = ("二", "三", "四")


#: Share of a document's Chinese characters that must be Traditional for it to be a Traditional text
#: (a Simplified page's 「繁體版」 link or a quoted name is not).
TRADITIONAL_SHARE = 0.03
_CJK = re.compile(r"[\u3400-\u9fff]")


def to_simplified(items: list[Item], convert=t2s) -> tuple[list[Item], bool]:
    """The items in Simplified characters, and whether the text was Traditional.

    A text is Traditional when enough of its characters change; otherwise it is returned as it
    was (a few Traditional characters in a Simplified page are quoted, not to be converted).
    """
    if not has_traditional("".join(item.text for item in items)):
        return list(items), False
    out: list[Item] = []
    changed = total = 0
    for item in items:
        if isinstance(item, Row):
            cells = [convert(c) for c in item.cells]
            changed += sum(_differing(a, b) for a, b in zip(item.cells, cells))
            total += sum(len(_CJK.findall(c)) for c in item.cells)
            out.append(Row(cells))
        else:
            text = convert(item.text)
            changed += _differing(item.text, text)
            total += len(_CJK.findall(item.text))
            out.append(Para(text))
    if not changed or changed < TRADITIONAL_SHARE * total:
        return list(items), False
    return out, True


def _differing(before: str, after: str) -> int:
    if before == after:
        return 0
    if len(before) != len(after):
        return max(1, abs(len(before) - len(after)))
    return sum(1 for a, b in zip(before, after) if a != b)


def assemble(items: list[Item], source: str, kind: str, page_titles: list[str] = ()) -> tuple[Report, ImportSummary]:
    """The report in ``items``; ``source`` is the file name (the agency's last resort), ``page_titles``
    a web page's <title> and title meta texts."""
    original = items
    items, traditional = to_simplified(items)
    # Table labels of a Traditional text are matched with Taiwan phrases undone too (§11 #1);
    # the conversion is item by item, so indices stay those of ``items``.
    table_items = to_simplified(original, t2s_phrases)[0] if traditional else items
    split_items = split_run_in_headings(items, FORMATS.values())
    if table_items is not items:
        split_table_items = split_run_in_headings(table_items, FORMATS.values())
        table_items = split_table_items if len(split_table_items) == len(split_items) else split_items
    else:
        table_items = split_items
    items = split_items
    document_key = label_key("".join(item.text for item in items))
    detection = detect_format(document_key)
    any_format = detection.format or next(iter(FORMATS.values()))
    headings = find_headings(items, any_format)
    first_heading = min(headings.values(), default=len(items))
    front = hdr.read_front(items, first_heading)
    assumed: list[Assumption] = []
    notes: list[str] = []

    fmt = detection.format
    if fmt is not None:
        shown = "、".join(f"「{s}」" for s in detection.found[:3])
        format_reason = f"表格中有{shown}等{fmt.name}特有的标签"
    else:
        year = front.year or hdr.year_from_text(document_key)
        fmt = format_for_year(year) if year else max(FORMATS.values(), key=lambda f: f.first_year)
        format_reason = f"表格中没有找到区分格式的标签，按{'报告年度 ' + str(year) + ' 年' if year else '最新格式'}推定为{fmt.name}"
        assumed.append(Assumption("报告格式", format_reason))
    fmt = province_variant(fmt, document_key)  # 河南「保留4位小数」 and the like (as_printed.py)
    if fmt is not any_format:
        headings = find_headings(items, fmt)

    table_start = min((headings[n] for n in TABLE_SECTIONS if n in headings), default=headings.get("一", -1) + 1)
    if not any(n in headings for n in TABLE_SECTIONS[:2]):
        # Without the headings of 二 and 三 (a copy that begins on a later page), rows of table 三
        # may stand before 四's heading; only labels of a table start reading (see tables._advance).
        table_start = min(table_start, headings.get("一", -1) + 1)
    table_end = next((headings[n] for n in ("五", "六") if n in headings and headings[n] > table_start), len(items))
    tables = read_tables(fmt, table_items, table_start, table_end, headings)

    # A work summary may well have a 「一、总体情况」; a report also has its tables, its title or most sections.
    if not tables.seen and len(headings) < 3 and not (front.title and headings):
        if not headings:
            raise UserError(
                f"「{source}」看起来不是政府信息公开工作年度报告：没有找到「一、总体情况」等部分标题，也没有找到年度报告的表格。"
            )
        # Say what was found: a copy of one part of a report is not the same as no report at all.
        found = "、".join(f"「{s.heading}」" for s in fmt.sections if s.number in headings)
        raise UserError(
            f"「{source}」看起来不是政府信息公开工作年度报告，或只是报告的一部分：只找到{found}{len(headings)} 个部分的标题"
            f"（年度报告应有 {len(fmt.sections)} 个部分），没有找到报告标题，也没有找到年度报告的表格。"
            "如果它是报告的一部分，请找到完整的报告后再导入。"
        )

    hdr.read_end(items, headings.get("六", table_end), front)
    overview_end = next((i for i in sorted(headings.values()) if i > headings.get("一", len(items))), len(items))
    text_year = hdr.year_from_text("".join(paragraphs(items[headings["一"] + 1:overview_end]))) if "一" in headings else 0
    prose_year = hdr.year_from_text("".join(paragraphs(items)), dates=False) if not text_year else 0
    report = _build_report(fmt, front, assumed, text_year, prose_year)
    missing_fields = _agency(report, front, assumed, page_titles, source)
    _fill_texts(report, items, headings, front.end_at)
    _fill_values(report, tables, assumed)
    _infer_missing(report, assumed)
    record_as_printed(report, items, headings, front, tables, notes)  # its own headings, units, 署名 (as_printed.py)
    _within_limits(report, notes)

    report.missing_sections = [s.number for s in fmt.sections if s.number not in headings]
    missing = [
        MissingCell(cid, fmt.cells[cid].display, o.reason)
        for cid, o in report.origins.items()
        if o.missing and cid in fmt.cells
    ]
    found = sum(1 for cid in fmt.cells if report.values.get(cid) is not None)
    if front.draft_mark:
        notes.append(
            f"原文标题后有「{DRAFT_SUFFIX}」：这是草稿的标记，不是报告标题的一部分，导入时已去掉"
            "（本程序带错误强制生成的草稿每页还有一行草稿提示，也不读入正文）；检查会重新指出其中的错误。"
        )
    if traditional:
        notes.append("原文为繁体字，已转换为简体字后识别；文字部分按简体保存。")
    m = _DECIMALS_HINT.search(document_key)
    if m:
        notes.append(f"表二收费金额的表头注明「保留{m.group(1)}位小数」（地方格式），已按原样读取。")
    if report.header.year and not fmt.covers_year(report.header.year):
        notes.append(f"{report.header.year} 年度报告使用了{fmt.name}的表格（{fmt.document}），检查时会提示。")
    notes.extend(dict.fromkeys(tables.notes))
    blank_totals = [c for c in fmt.derived_cells if (o := report.origins.get(c)) and o.was_blank]
    if blank_totals:
        notes.append(
            f"有 {len(blank_totals)} 个合计栏（总计）原文为空，按 0 读取；检查会指出其中与各项之和不符的，"
            "核对后可改用程序自动计算的合计。"
        )
    if found:
        notes.append("保留了报告自己印的合计数，检查会逐一指出与各项之和不符的地方。")
    summary = ImportSummary(
        source=source,
        kind=kind,
        format_id=fmt.id,
        format_name=fmt.name,
        format_reason=format_reason,
        cells_total=len(fmt.cells),
        found=found,
        missing=missing,
        assumed=assumed,
        missing_sections=[s.heading for s in fmt.sections if s.number in report.missing_sections],
        notes=notes,
        missing_fields=missing_fields,
    )
    return report, summary


def _within_limits(report: Report, notes: list[str]) -> None:
    """Keep the draft savable: what the reader took for a header line or a part cannot exceed the draft's bounds.

    A one-line field over its limit was not a title or a 文号 but a run of text the reader
    mistook for one: it is left empty and said so.  A part over the limit is refused (a
    draft holds it whole or not at all; nothing is cut).
    """
    h = report.header
    for spec in HEADER_FIELDS:
        limit = spec.max_chars
        value = getattr(h, spec.key)
        if spec.is_text and limit is not None and len(value) > limit:
            setattr(h, spec.key, spec.default)
            notes.append(f"识别出的「{spec.label}」有 {len(value):,} 个字，超过 {limit:,} 字，不像{spec.label}，未采用，请在基本信息中填写。")
    for field_spec in report.format.text_fields:
        text = report.texts.get(field_spec.key, "")
        if len(text) > MAX_TEXT_CHARS:
            raise UserError(
                f"报告中「{report.format.section_of_text(field_spec.key).heading}{field_spec.title}」一部分有 {len(text):,} 个字，超过 {MAX_TEXT_CHARS:,} 字的上限，"
                "不像一份年度报告，已拒绝导入。"
            )


def _build_report(
    fmt: FormatSpec, front: hdr.HeaderRead, assumed: list[Assumption], text_year: int, prose_year: int = 0,
) -> Report:
    report = Report.new(front.year or fmt.first_year, front.org, format_id=fmt.id)
    h = report.header
    h.year = front.year
    if not h.year:
        year = front.sign_date.year - 1 if front.sign_date else 0
        if year:
            h.year = year
            assumed.append(Assumption("报告年度", f"标题中没有年度，按成文日期 {front.sign_date.year} 年推定为 {year} 年度"))
        elif text_year:
            h.year = text_year
            assumed.append(Assumption("报告年度", f"标题中没有年度，按「一、总体情况」开头的「{text_year}年」推定"))
        elif prose_year:
            # a copy without its title or section 一 (a later page, a bare table): the first year
            # the prose names that is not a date (现将我局2020年度政府信息公开情况报告如下)
            h.year = prose_year
            assumed.append(Assumption("报告年度", f"没有标题和「一、总体情况」，按正文中最先出现的「{prose_year}年」推定"))

    h.doc_number = front.doc_number
    h.addressee = front.addressee
    h.opening = front.opening
    if front.signer and front.signer != h.org_name:
        h.signer = front.signer
    h.sign_date = front.sign_date
    if front.title and h.org_name and h.year and front.title != report.title:
        h.title = front.title
    report.totals_as_printed = True
    return report


#: The header field an imported report may lack, keyed in ``Report.origins`` (not a cell; not saved in drafts).
ORG_MISSING = "header.org_name"


def _agency(report: Report, front: hdr.HeaderRead, assumed: list[Assumption], page_titles, source: str) -> list[str]:
    """The agency: from the title, the 落款, a web page's title, then the file name; the names of
    header fields still missing (a 缺失项 for the clerk to fill)."""
    h = report.header
    signer = front.signer
    gov, why = hdr.government_agency(h.org_name, signer)
    if gov:
        h.org_name = gov
        assumed.append(Assumption("机关名称", why))
    elif not h.org_name and signer:
        h.org_name = signer
        assumed.append(Assumption("机关名称", f"标题中没有机关名称，取落款「{signer}」"))
    if not h.org_name:
        for title in page_titles:
            org, _year = hdr.org_from_title(title)
            if org:
                h.org_name = org
                assumed.append(Assumption("机关名称", f"正文中没有机关名称，取网页标题「{title[:60]}」中的「{org}」"))
                break
    if not h.org_name:
        org, _year = hdr.org_from_title(source.rsplit(".", 1)[0])
        if org:
            h.org_name = org
            assumed.append(Assumption("机关名称", f"正文中没有机关名称，按文件名「{source}」推定为「{org}」，请核对"))
    if hdr.is_place_only(h.org_name) and not gov:
        place = h.org_name
        h.org_name = hdr.organ_of_place(place)
        whose = "街道办事处的报告" if h.org_name.endswith("办事处") else "本级政府的报告"
        assumed.append(Assumption("机关名称", f"标题只有地名「{place}」（{whose}），机关名称推定为「{h.org_name}」"))
    if signer and signer != h.org_name:
        h.signer = signer
    elif signer == h.org_name:
        h.signer = ""
    default_title = f"{h.org_name}{h.year}年{TITLE_SUFFIX}"
    h.title = front.title if front.title and h.org_name and h.year and front.title != default_title else ""
    if h.org_name:
        return []
    report.origins[ORG_MISSING] = CellOrigin("", False, True, "标题、落款、网页标题和文件名中都没有机关名称")
    return ["机关名称"]


def _fill_texts(report: Report, items: list[Item], headings: dict[str, int], end_at: int | None) -> None:
    fmt = report.format
    order = sorted(headings.items(), key=lambda kv: kv[1])
    for n, (number, index) in enumerate(order):
        end = order[n + 1][1] if n + 1 < len(order) else len(items)
        if end_at is not None and index < end_at < end:
            end = end_at
        section = next(s for s in fmt.sections if s.number == number)
        if not section.text_fields:
            continue
        paras = paragraphs(items[index + 1:end])
        if section.number == fmt.sections[0].number:
            texts = split_overview(fmt, paras)
        elif len(section.text_fields) == 2:
            texts = split_problems(fmt, paras)
        else:
            texts = {section.text_fields[0]: "\n".join(paras)}
        for key, text in texts.items():
            report.set_text(key, text)


def _fill_values(report: Report, tables, assumed: list[Assumption]) -> None:
    fmt = report.format
    for cid, spec in fmt.cells.items():
        read = tables.cells.get(cid)
        if read is None:
            report.values[cid] = None
            reason = tables.missing.get(cid) or _missing_reason(fmt, cid, tables.seen)
            report.origins[cid] = CellOrigin("", False, True, reason)
            continue
        report.values[cid] = read.value
        if read.assumed:
            report.origins[cid] = CellOrigin(read.raw, read.was_blank, False, read.assumed)
            assumed.append(Assumption(spec.display, read.assumed, cid))
        elif read.was_blank:
            reason = f"原文为「{read.raw}」，按 0 计" if read.raw.strip() else "原文为空，按 0 计"
            report.origins[cid] = CellOrigin(read.raw, True, False, reason)
            assumed.append(Assumption(spec.display, reason, cid))


def _infer_missing(report: Report, assumed: list[Assumption]) -> None:
    """Fill a lost cell when the table's own arithmetic determines it (spec §11 #10), flagged as assumed.

    Every declared sum (a row's 总计, （七）总计, table 四's totals) and the balance of table 三
    (一+二 = （七）+四) is an equation between non-negative cells.  A cell is filled when it is the
    only unknown of an equation (its value then follows and must not be negative), or when the
    known side of an equation is 0 (every unknown part of a zero total is 0).  Such a cell can no
    longer be checked, so its reason says so; anything less determined stays missing.
    """
    fmt = report.format
    values = report.values
    equations: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
    for rel in fmt.relations:
        if rel.code == "E1" and rel.op == "==" and not rel.needs_last_year and all(
            t.coef == 1 for t in (*rel.lhs, *rel.rhs)
        ):
            equations.append((tuple(t.cell for t in rel.lhs), tuple(t.cell for t in rel.rhs),
                              f"勾稽关系「{rel.left_name}={rel.right_name}」"))
    for sum_spec in fmt.sums:
        equations.append(((sum_spec.target,), sum_spec.addends, f"「{fmt.cells[sum_spec.target].display}」={sum_spec.addends_name}"))

    def settle(cid: str, value, reason: str) -> None:
        values[cid] = value
        report.origins[cid] = CellOrigin("", False, False, reason)
        assumed.append(Assumption(fmt.cells[cid].display, reason, cid))

    changed = True
    while changed:
        changed = False
        for lhs, rhs, name in equations:
            unknown = [c for c in (*lhs, *rhs) if values.get(c) is None]
            if not unknown:
                continue
            known_l = sum(values[c] for c in lhs if values.get(c) is not None)
            known_r = sum(values[c] for c in rhs if values.get(c) is not None)
            if len(unknown) == 1:
                cid = unknown[0]
                value = known_r - known_l if cid in lhs else known_l - known_r
                if value >= 0:
                    settle(cid, value, f"原文缺失，按{name}推算（该项因此无法再核对）")
                    changed = True
                continue
            sides = {cid in lhs for cid in unknown}
            if len(sides) == 1:  # all unknowns on one side: they sum to the other side's known total
                rest = known_r - known_l if True in sides else known_l - known_r
                if rest == 0:
                    for cid in unknown:
                        settle(cid, _zero(fmt, cid),
                               f"原文缺失；按{name}，其余各项合计为 0，各项不会为负数，按 0 计")
                    changed = True
    for s in fmt.compute_order:
        if values.get(s.target) is None and all(values.get(a) is not None for a in s.addends):
            settle(s.target, sum(values[a] for a in s.addends), f"原文缺失，按{s.addends_name}计算")


def _zero(fmt: FormatSpec, cid: str):
    from decimal import Decimal

    return Decimal(0) if fmt.cells[cid].kind.is_decimal else 0


def _missing_reason(fmt: FormatSpec, cid: str, seen: set[str]) -> str:
    spec = fmt.cells[cid]
    if spec.table not in seen:
        section = fmt.section_of_table(spec.table)
        return f"没有找到「{section.heading}」的表格"
    return f"没有找到「{spec.row_label}」一行的数字"
