"""Table numbers fitted to their cells: a 9-digit figure in a 12 mm column stays on one line.

A word processor breaks a number too wide for its column between digits
(「12807780 / 823」).  The digits of such a cell are scaled horizontally
(``w:w``) down to half width, and only below that made smaller too.  The
cell widths come from the table's own grid, so a clerk's template is fitted
the same way as ours.
"""

from __future__ import annotations

import re

from . import geometry as g

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER_TEXT = re.compile(r"[-+\u2212]?\d[\d,]*(?:\.\d+)?")
#: WordprocessingML's order of run properties (Word refuses a part with misordered ones).
_RPR_ORDER = (
    *("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow"),
    *("emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern"),
    *("position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs"),
    *("em", "lang", "eastAsianLayout", "specVanish", "oMath"),
)
_MIN_SCALE = 50  # percent: narrower digits stop being legible; the size shrinks below that
_WORD_CELL_MARGIN = 108  # twips: Word's default left and right cell margin


def _twips(el, attr: str = "w") -> int | None:
    if el is None:
        return None
    try:
        return int(float(el.get(_W + attr)))
    except (TypeError, ValueError):
        return None


class _FontSizes:
    """Font size (half-points) a run gets from its own properties, its paragraph style or the defaults."""

    def __init__(self, styles_root):
        self.styles: dict[str, tuple[int | None, str | None]] = {}
        self.default = 20
        if styles_root is None:
            return
        sz = styles_root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
        self.default = _twips(sz, "val") or 20
        for style in styles_root.iter(_W + "style"):
            based = style.find(_W + "basedOn")
            self.styles[style.get(_W + "styleId")] = (
                _twips(style.find(f"{_W}rPr/{_W}sz"), "val"),
                based.get(_W + "val") if based is not None else None,
            )

    def of(self, run, paragraph) -> int:
        own = _twips(run.find(f"{_W}rPr/{_W}sz"), "val")
        if own:
            return own
        pstyle = paragraph.find(f"{_W}pPr/{_W}pStyle") if paragraph is not None else None
        style_id, seen = (pstyle.get(_W + "val") if pstyle is not None else None), set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            size, style_id = self.styles.get(style_id, (None, None))
            if size:
                return size
        return self.default


def _set_run_property(run, tag: str, value: str) -> None:
    from lxml import etree

    rpr = run.find(_W + "rPr")
    if rpr is None:
        rpr = etree.SubElement(run, _W + "rPr")
        run.remove(rpr)
        run.insert(0, rpr)
    old = rpr.find(_W + tag)
    if old is not None:
        rpr.remove(old)
    el = etree.Element(_W + tag)
    el.set(_W + "val", value)
    rank = _RPR_ORDER.index(tag)
    for i, child in enumerate(rpr):
        name = etree.QName(child).localname
        if name in _RPR_ORDER and _RPR_ORDER.index(name) > rank:
            rpr.insert(i, el)
            return
    rpr.append(el)


def _cell_margins(tbl) -> int:
    mar = tbl.find(f"{_W}tblPr/{_W}tblCellMar")
    total = 0
    for side in (("left", "start"), ("right", "end")):
        found = None
        for name in side:
            found = _twips(mar.find(_W + name)) if mar is not None else None
            if found is not None:
                break
        total += _WORD_CELL_MARGIN if found is None else found
    return total


def fit_numbers_in_cells(body, styles_root) -> int:
    """Narrow the digits of every table number wider than its cell; returns how many cells changed.

    A word processor breaks a number too wide for its column between digits
    (「12807780 / 823」); a clerk's 9-digit figure in a 12 mm column of table 三
    must stay on one line.  The digits are scaled horizontally (``w:w``) down to
    half width, and only below that made smaller too.
    """
    sizes = _FontSizes(styles_root)
    changed = 0
    for tbl in body.iter(_W + "tbl"):
        grid = [_twips(gc) or 0 for gc in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
        margins = _cell_margins(tbl)
        for tr in tbl.iterchildren(_W + "tr"):
            col = _twips(tr.find(f"{_W}trPr/{_W}gridBefore"), "val") or 0
            for tc in tr.iterchildren(_W + "tc"):
                span = _twips(tc.find(f"{_W}tcPr/{_W}gridSpan"), "val") or 1
                width = sum(grid[col : col + span]) or (_twips(tc.find(f"{_W}tcPr/{_W}tcW")) or 0)
                col += span
                texts = [t.text or "" for t in tc.iter(_W + "t")]
                text = "".join(texts).strip()
                if not text or width <= 0 or not _NUMBER_TEXT.fullmatch(text):
                    continue
                own = tc.find(f"{_W}tcPr/{_W}tcMar")
                if own is not None:
                    inner = width - (_twips(own.find(_W + "left")) or 0) - (_twips(own.find(_W + "right")) or 0)
                else:
                    inner = width - margins
                runs = [r for r in tc.iter(_W + "r") if r.find(_W + "t") is not None]
                if not runs or inner <= 0:
                    continue
                paragraph = runs[0].getparent()
                half_points = sizes.of(runs[0], paragraph)
                need = sum(g.LATIN_EM.get(ch, g.LATIN_EM_DEFAULT) for ch in text) * half_points * 10  # twips
                room = inner * 0.94  # rounding in the word processor's own metrics
                if need <= room:
                    continue
                scale = room / need
                percent = max(_MIN_SCALE, int(scale * 100))
                for run in runs:
                    _set_run_property(run, "w", str(percent))
                    if scale * 100 < _MIN_SCALE:
                        smaller = str(max(8, int(half_points * scale * 100 / _MIN_SCALE)))
                        _set_run_property(run, "sz", smaller)
                        _set_run_property(run, "szCs", smaller)
                changed += 1
    return changed

