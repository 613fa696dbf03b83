"""Never silently different: the PDF's text read back and compared with the words the plan prints.

A word processor may lay a document out so that a character is not drawn.
LibreOffice 7.4 does it to a punctuation mark that hangs after a full,
justified line: in print and PDF output its painter stops at the first
portion that starts past the line's right edge
(``SwTextPainter::DrawTextLine``), and the justified line's end can round a
twip past that edge, so the hanging 「，」 is neither drawn nor in the text
layer (see ``geometry.TEXT_WIDTH``).  Word and WPS are not affected.

``losses(document, text)`` compares every printed word of a ``Document`` —
the title, 文号, 主送机关, each paragraph (with its run-in heading), each
heading, every table label and value, the 落款 — with the PDF's text layer
(``read_text``), and ``notes`` turns what is missing into Chinese 提示 that
name the part and the characters, e.g. 「PDF 中「一、总体情况」第 1 段少了
1 个标点「，」（LibreOffice 排版所致）……」.

Paragraphs are found in reading order: each where the previous one ended;
one not found whole is aligned (``difflib``) with the text up to the next
paragraph found, and its characters without a counterpart are the loss.
Table cells are compared within their table's stretch of text: PDFium reads
a row's wrapped header cells line by line across the cells, so a label is
not always one run of text; the characters of all cells are counted there,
and a missing one is named with the cell that holds it where only one can.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import UserError
from ..limits import MAX_PDF_BYTES, MAX_PDF_PAGES
from .document import Document

#: A page number line as the template prints it: 「— 3 —」.
_PAGE_NUMBER = re.compile(r"^\s*[—－-]\s*\d{1,4}\s*[—－-]\s*$")
_SPACE = re.compile(r"\s+")
#: At most this many 提示; the rest are counted.
MAX_NOTES = 10
#: A paragraph of which less than this share is found is missing as a whole.
_WHOLE = 0.5
#: Characters of other cells between two runs of one table cell (a cell cut by a page break
#: has the repeated heading rows between its runs).
_MAX_GAP = 1500
_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")
_VALUE = re.compile(r"^([-−]?\d+(?:\.\d+)?)(\D*)$")


@dataclass(frozen=True)
class Printed:
    """One printed text and where a reader finds it (「一、总体情况」第 1 段)."""

    where: str
    text: str  # squashed: no white space
    table: str = ""  # the table key for a table cell
    value: bool = False  # a value cell (else a label)


@dataclass(frozen=True)
class Loss:
    where: str
    chars: str  # the characters missing, in order
    whole: bool = False  # the whole text is missing

    @property
    def kind(self) -> str:
        if all(unicodedata.category(ch).startswith("P") for ch in self.chars):
            return "标点"
        if not any(unicodedata.category(ch).startswith("P") for ch in self.chars):
            return "字"
        return "字符"


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def _fold(text: str) -> str:
    # Kangxi radicals some fonts map instead of 一, 二, 工 …: the character a reader sees.
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch for ch in text)


def read_text(path: str | Path) -> str:
    """The PDF's text layer, page by page, without the page numbers (PDFium, as the importer reads PDFs)."""
    import pypdfium2 as pdfium

    path = Path(path)
    if path.stat().st_size > MAX_PDF_BYTES:
        raise UserError(f"「{path.name}」太大，无法核对其中的文字。")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UserError(f"「{path.name}」不是有效的 PDF 文件。") from exc
    try:
        pages = []
        for index in range(min(len(pdf), MAX_PDF_PAGES)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            pages.append("\n".join(line for line in lines if not _PAGE_NUMBER.match(line)))
        return _fold("\n".join(pages))
    finally:
        pdf.close()


def printed(document: Document) -> list[Printed]:
    """Every text the document prints, in reading order, each named as a reader would find it."""
    out: list[Printed] = []

    def add(where: str, text: str, table: str = "", value: bool = False) -> None:
        text = squash(text)
        if text:
            out.append(Printed(where, text, table, value))

    add("文号", document.doc_number)
    add("标题", "".join(document.title_lines))
    if document.addressee:
        add("主送机关", document.addressee + "：")
    many = len(document.opening) > 1
    for i, p in enumerate(document.opening, 1):
        add(f"开头语第 {i} 段" if many else "开头语", p.head + p.text)
    fmt = document.format
    for section in document.sections:
        add(f"「{section.heading}」这一标题", section.heading)
        heading, n = "", 0
        for part in section.parts:
            if part.heading:
                heading, n = part.heading, 0
                add(f"「{section.heading}{part.heading}」这一小标题", part.heading)
            for p in part.paragraphs:
                n += 1
                add(f"「{section.heading}{heading}」第 {n} 段", p.head + p.text)
        for key in section.tables:
            table = fmt.table(key)
            cells, _, _ = table.grid
            for c in cells:
                if c.role == "value":
                    spec = fmt.cells[c.cell_id]
                    add(f"表格「{table.name}」的「{spec.display}」", document.cells.get(c.cell_id, ""), key, True)
                else:
                    add(f"表格「{table.name}」的栏目「{squash(c.text)}」", c.text, key)
    if not document.signature.empty:
        add("落款", "".join(line.text for line in document.signature.lines))
    return out


def _aligned_loss(item: Printed, window: str) -> tuple[str, int, int] | None:
    """The characters of ``item`` without a counterpart in ``window``, and where the match starts and ends.

    None when less than half of ``item`` is there: it is missing, not damaged.
    """
    matcher = SequenceMatcher(None, item.text, window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if sum(b.size for b in blocks) < _WHOLE * len(item.text):
        return None
    kept = bytearray(len(item.text))
    for b in blocks:
        kept[b.a : b.a + b.size] = b"\x01" * b.size
    lost = "".join(ch for ch, k in zip(item.text, kept) if not k)
    return lost, blocks[0].b, blocks[-1].b + blocks[-1].size


def _fragment_loss(text: str, region: str) -> str:
    """The characters of a cell's ``text`` that ``region`` lacks, the cell read as the runs PDFium gives.

    PDFium reads a row line by line across its cells, so a wrapped label comes as several
    runs with other cells' text between them: each run is the longest next piece of the label
    found after the previous one (within ``_MAX_GAP``), at least two characters unless it
    directly follows; a character no run covers is lost.
    """
    lost: list[str] = []
    pos = -1
    i = 0
    while i < len(text):
        taken = 0
        for size in range(len(text) - i, 0, -1):
            at = region.find(text[i : i + size], max(pos, 0))
            if at < 0 or (pos >= 0 and at - pos > _MAX_GAP):
                continue
            if size >= 2 or at == pos or len(text) == 1:
                taken = size
                pos = at + size
            break
        if taken:
            i += taken
        else:
            lost.append(text[i])
            i += 1
    return "".join(lost)


def _table_losses(items: list[Printed], raw: str) -> list[Loss]:
    """What one table's cells lack in ``raw``, the PDF's text (with its spaces) from the table's start to its end.

    A label (or a value that is not a number) is read in runs (``_fragment_loss``); a value
    is a number the table's text must hold as a whole, each occurrence claimed once; one
    that is missing is compared with the numbers no cell claimed (「2121」 for 「21213」).
    """
    region = squash(raw)
    numbers = Counter(_NUMBER.findall(raw))
    found: list[tuple[int, Loss]] = []
    missing: list[tuple[int, Printed, str, str]] = []
    repeated = Counter(_split_value(i.text)[0] for i in items if i.value)
    for index, item in enumerate(items):
        number, unit = _split_value(item.text) if item.value else (None, item.text)
        if number is None:
            if item.text not in region:
                lost = _fragment_loss(item.text, region)
                if lost:
                    found.append((index, Loss(item.where, lost, whole=lost == item.text)))
            continue
        if numbers[number] > 0:
            numbers[number] -= 1
            lost = _fragment_loss(unit, region) if unit and item.text not in region else ""
            if lost:
                found.append((index, Loss(item.where, lost)))
        else:
            missing.append((index, item, number, unit))
    leftovers = list(numbers.elements())
    table_name = items[0].where.split("」", 1)[0] + "」" if items else ""
    for index, item, number, unit in missing:
        best = max(leftovers, key=lambda n: SequenceMatcher(None, number, n).ratio(), default=None)
        if best is not None and SequenceMatcher(None, number, best).ratio() >= _WHOLE:
            leftovers.remove(best)
            blocks = SequenceMatcher(None, number, best, autojunk=False).get_matching_blocks()
            kept = {i for b in blocks for i in range(b.a, b.a + b.size)}
            lost = "".join(ch for i, ch in enumerate(number) if i not in kept)
        else:
            lost = number
        where = item.where if repeated[number] == 1 else f"{table_name}中的一个数（{number}）"
        found.append((index, Loss(where, lost, whole=lost == number and not unit)))
    return [loss for _, loss in sorted(found, key=lambda x: x[0])]


def _split_value(text: str) -> tuple[str | None, str]:
    """「251.3608万元」 -> (「251.3608」, 「万元」); (None, text) for a value that is not a number."""
    m = _VALUE.match(text)
    return (m.group(1), m.group(2)) if m else (None, text)


def losses(document: Document, text: str, *, only_in: str | None = None) -> list[Loss]:
    """What ``document`` prints that ``text`` (``read_text`` of its PDF) lacks.

    ``only_in`` (the .docx's own text, squashed) restricts the comparison to what the
    document really holds (a user template may leave parts of the plan out).
    """
    raw = _fold(text)
    at_raw = [i for i, ch in enumerate(raw) if not ch.isspace()]  # squashed index -> raw index
    body = "".join(raw[i] for i in at_raw)
    items = printed(document)
    if only_in is not None:
        only = squash(only_in)
        # A table the template prints has all its labels; a template without it has none of its cells.
        tables = {i.table for i in items if i.table}
        printed_tables = {t for t in tables if all(i.text in only for i in items if i.table == t and not i.value)}
        items = [i for i in items if (i.table in printed_tables if i.table else i.text in only)]
    out: list[Loss] = []
    cursor = 0
    pending: list[Printed] = []  # table cells waiting for the text after their table
    flow = [i for i in items if not i.table]

    def settle_tables(end: int) -> None:
        if not pending:
            return
        region = raw[at_raw[table_start] : at_raw[end - 1] + 1] if end > table_start else ""
        for key in dict.fromkeys(i.table for i in pending):
            out.extend(_table_losses([i for i in pending if i.table == key], region))
        pending.clear()

    table_start = 0
    next_flow = 0
    for item in items:
        if item.table:
            if not pending:
                table_start = cursor
            pending.append(item)
            continue
        next_flow += 1
        found = body.find(item.text, cursor)
        if found >= 0:
            settle_tables(found)
            cursor = found + len(item.text)
            continue
        # Not whole: align it with the text up to where the next paragraph is found.
        end = len(body)
        for later in flow[next_flow:]:
            at = body.find(later.text, cursor)
            if at >= 0:
                end = at
                break
        aligned = _aligned_loss(item, body[cursor:end])
        if aligned is None:
            if body.find(item.text) < 0:
                out.append(Loss(item.where, item.text, whole=True))
            continue
        lost, start, stop = aligned
        settle_tables(cursor + start)
        if lost:
            out.append(Loss(item.where, lost))
        cursor += stop
    settle_tables(len(body))
    return out


def _quote(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def notes(found: list[Loss], converter: str) -> list[str]:
    """The 提示 for what the PDF lacks, one per part (at most ``MAX_NOTES``)."""
    if not found:
        return []
    if converter == "LibreOffice":
        advice = "（LibreOffice 排版所致）；请核对，或用 WPS/Word 打开同名 Word 文档导出 PDF"
    else:
        advice = f"（{converter} 转换所致）；请核对，同名 Word 文档是完整的，可用 WPS/Word 打开它重新导出 PDF"
    out = []
    for loss in found[:MAX_NOTES]:
        if loss.whole:
            out.append(f"PDF 中缺少{loss.where}（「{_quote(loss.chars)}」）{advice}。")
        else:
            out.append(f"PDF 中{loss.where}少了 {len(loss.chars)} 个{loss.kind}「{_quote(loss.chars)}」{advice}。")
    if len(found) > MAX_NOTES:
        out.append(f"PDF 中另有 {len(found) - MAX_NOTES} 处文字缺失，请逐页核对。")
    return out
