"""Drawing a 一图读懂 (``report.infographic.Infographic``) on a QImage with QPainter.

1080 px wide, as tall as the figures need (portrait, like the graphics
published on WeChat).  The fonts are the machine's own (Microsoft YaHei on
Windows, Noto Sans CJK on Linux); no plotting library.  Every string drawn is
recorded (``Drawn``), so a test can check that each number of the layout
object, and nothing else, is what the image shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from report.infographic import Figure, Group, Infographic, Panel, share

WIDTH = 1080
MARGIN = 48
_MAX_HEIGHT = 12000  # px: a canvas far taller than any report needs; cropped to what was drawn
#: Windows first, then the Linux desktops (UOS, Kylin, Debian with fonts-noto-cjk).
FONTS = ("Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei")

RED = QColor("#b71c1c")
RED_LIGHT = QColor("#d84315")
INK = QColor("#1f2933")
MUTED = QColor("#5f6b7a")
PAPER = QColor("#f3f5f9")
CARD = QColor("#ffffff")
ACCENT = QColor("#c62828")
BLUE = QColor("#1e5aa8")
UP = QColor("#c62828")
DOWN = QColor("#2e7d32")
BAR_TRACK = QColor("#e6e9ef")
#: Outcome colours of 复议/诉讼 (维持, 纠正, 其他, 尚未审结, …).
SEGMENTS = (QColor("#1e5aa8"), QColor("#c62828"), QColor("#f29d38"), QColor("#8e9aaf"), QColor("#6a4c93"))


@dataclass(frozen=True)
class Drawn:
    """One string on the image and where (the test reads these)."""

    text: str
    role: str  # title | label | value | unit | change | note | heading
    rect: tuple[float, float, float, float]
    figure_key: str = ""


def font_family() -> str | None:
    """The first CJK font of ``FONTS`` installed on this machine."""
    families = set(QFontDatabase.families())
    return next((f for f in FONTS if f in families), None)


class _Canvas:
    def __init__(self, family: str | None):
        self.image = QImage(WIDTH, _MAX_HEIGHT, QImage.Format.Format_RGB32)
        self.image.fill(PAPER)
        self.painter = QPainter(self.image)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.family = family
        self.drawn: list[Drawn] = []

    def font(self, px: float, bold: bool = False) -> QFont:
        f = QFont()
        if self.family:
            f.setFamilies([self.family, *FONTS])
        f.setPixelSize(round(px))
        f.setBold(bold)
        return f

    def text_height(self, text: str, width: float, px: float, bold: bool = False) -> float:
        metrics = QFontMetricsF(self.font(px, bold))
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, text).height()

    def text_width(self, text: str, px: float, bold: bool = False) -> float:
        return QFontMetricsF(self.font(px, bold)).horizontalAdvance(text)

    def text(self, text: str, x: float, y: float, width: float, px: float, *, role: str, color: QColor = INK,
             bold: bool = False, align=Qt.AlignmentFlag.AlignLeft, key: str = "") -> float:
        """Draw wrapped text from (x, y); returns its height."""
        if not text:
            return 0.0
        height = self.text_height(text, width, px, bold)
        rect = QRectF(x, y, width, height)
        self.painter.setFont(self.font(px, bold))
        self.painter.setPen(color)
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap), text)
        self.drawn.append(Drawn(text, role, (x, y, width, height), key))
        return height

    def rounded(self, rect: QRectF, color: QColor, radius: float = 16) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        self.painter.fillPath(path, color)

    def finish(self, height: float) -> QImage:
        self.painter.end()
        return self.image.copy(0, 0, WIDTH, int(height))


def _change_color(f: Figure) -> QColor:
    delta = f.change
    if delta is None or delta == 0:
        return MUTED
    return UP if delta > 0 else DOWN


def _header(c: _Canvas, ig: Infographic) -> float:
    inner = WIDTH - 2 * MARGIN
    y = 56.0
    tag = f"一图读懂 · {ig.year}年度政府信息公开工作" if ig.year else "一图读懂 · 政府信息公开工作"
    tag_h = c.text_height(tag, inner, 30, True)
    title = "\n".join(ig.title_lines) or ig.title
    title_h = c.text_height(title, inner, 48, True)
    org_h = c.text_height(ig.org_name, inner, 30)
    height = y + tag_h + 24 + title_h + 24 + org_h + 56
    c.painter.fillRect(QRectF(0, 0, WIDTH, height), RED)
    c.painter.fillRect(QRectF(0, height - 12, WIDTH, 12), RED_LIGHT)
    y += c.text(tag, MARGIN, y, inner, 30, role="heading", color=QColor("#ffe0b2"), bold=True)
    y += 24
    y += c.text(title, MARGIN, y, inner, 48, role="title", color=QColor("white"), bold=True)
    y += 24
    c.text(ig.org_name, MARGIN, y, inner, 30, role="title", color=QColor("#ffebee"))
    if ig.draft_mark:
        c.text("草稿 · 报告仍有错误，不能发布", MARGIN, height - 52, inner, 26, role="note", color=QColor("#fff59d"),
               bold=True, align=Qt.AlignmentFlag.AlignRight)
    return height + 32


def _panel_title(c: _Canvas, title: str, y: float) -> float:
    c.painter.fillRect(QRectF(MARGIN, y + 6, 10, 40), ACCENT)
    h = c.text(title, MARGIN + 26, y, WIDTH - 2 * MARGIN - 26, 36, role="heading", bold=True)
    return y + max(h, 52) + 16


def _figure_block(c: _Canvas, f: Figure, x: float, y: float, width: float, number_px: float,
                  label_first: bool = False) -> float:
    """A number with its unit, label and change, top-left at (x, y); returns the height used."""
    start = y
    if label_first:
        y += c.text(f.label, x, y, width, 26, role="label", color=MUTED, key=f.key) + 4
    value_color = MUTED if f.missing else BLUE
    c.text(f.text, x, y, width, number_px, role="value", color=value_color, bold=True, key=f.key)
    value_w = c.text_width(f.text, number_px, True)
    unit = "未填写" if f.missing else f.unit
    if unit:
        c.text(unit, x + value_w + 8, y + number_px * 0.45, max(60.0, width - value_w - 8), 26, role="unit",
               color=MUTED, key=f.key)
    y += QFontMetricsF(c.font(number_px, True)).height()
    if not label_first:
        y += c.text(f.label, x, y, width, 26, role="label", color=INK, key=f.key) + 2
    if f.change_text:
        y += c.text(f.change_text, x, y, width, 24, role="change", color=_change_color(f), key=f.key)
    return y - start


def _tiles(c: _Canvas, panel: Panel, y: float) -> float:
    per_row = 2
    gap = 24
    width = (WIDTH - 2 * MARGIN - gap * (per_row - 1)) / per_row
    figures = list(panel.figures)
    for start in range(0, len(figures), per_row):
        row = figures[start : start + per_row]
        heights = [_measure(c, lambda f=f, w=width: _figure_block_dry(c, f, w - 48, 64)) for f in row]
        h = max(heights) + 48
        for i, f in enumerate(row):
            x = MARGIN + i * (width + gap)
            c.rounded(QRectF(x, y, width, h), CARD)
            _figure_block(c, f, x + 24, y + 24, width - 48, 64)
        y += h + gap
    return y


def _figure_block_dry(c: _Canvas, f: Figure, width: float, number_px: float) -> float:
    h = QFontMetricsF(c.font(number_px, True)).height()
    h += c.text_height(f.label, width, 26) + 2
    if f.change_text:
        h += c.text_height(f.change_text, width, 24)
    return h


def _measure(c: _Canvas, fn) -> float:
    return fn()


def _bars(c: _Canvas, panel: Panel, y: float) -> float:
    inner = WIDTH - 2 * MARGIN
    figures = list(panel.figures)
    label_w = max((c.text_width(f.label, 28) for f in figures), default=120) + 16
    label_w = min(label_w, 300)
    number_w = 250
    bar_w = inner - 48 - label_w - number_w
    rows_h = []
    for f in figures:
        rows_h.append(max(c.text_height(f.label, label_w, 28), 40) + (30 if f.change_text else 0) + 18)
    total_h = 24 + sum(rows_h) + 24
    if panel.total is not None:
        total_h += 52
    note_h = c.text_height(panel.note, inner - 48, 22) + 12 if panel.note else 0
    c.rounded(QRectF(MARGIN, y, inner, total_h + note_h), CARD)
    yy = y + 24
    x = MARGIN + 24
    if panel.total is not None:
        t = panel.total
        c.text(f"{t.label}", x, yy, inner - 48 - 300, 28, role="label", color=MUTED, key=t.key)
        unit = "未填写" if t.missing else t.unit
        unit_w = c.text_width(unit, 26) + 8 if unit else 0
        c.text(t.text, x, yy - 4, inner - 48 - unit_w, 34, role="value", color=INK, bold=True,
               align=Qt.AlignmentFlag.AlignRight, key=t.key)
        if unit:
            c.text(unit, x + inner - 48 - unit_w + 8, yy + 2, unit_w, 26, role="unit", color=MUTED, key=t.key)
        yy += 52
    for f, h in zip(figures, rows_h):
        c.text(f.label, x, yy, label_w, 28, role="label", key=f.key)
        frac = share(f, panel.total)
        bar_x = x + label_w
        c.rounded(QRectF(bar_x, yy + 4, bar_w, 28), BAR_TRACK, 8)
        if frac > 0:
            c.rounded(QRectF(bar_x, yy + 4, max(8.0, bar_w * frac), 28), BLUE, 8)
        pct = f"{frac * 100:.1f}%" if panel.total is not None and panel.total.value else ""
        value = f.text
        c.text(value, bar_x + bar_w + 16, yy - 2, 120, 34, role="value", color=MUTED if f.missing else BLUE,
               bold=True, key=f.key)
        if pct:
            c.text(pct, bar_x + bar_w + 16 + 120, yy + 4, number_w - 136, 24, role="note", color=MUTED,
                   align=Qt.AlignmentFlag.AlignRight, key=f.key)
        if f.change_text:
            c.text(f.change_text, bar_x, yy + 40, bar_w + number_w, 22, role="change", color=_change_color(f),
                   key=f.key)
        yy += h
    if panel.note:
        c.text(panel.note, x, y + total_h - 12, inner - 48, 22, role="note", color=MUTED)
    return y + total_h + note_h + 24


def _group_card_height(c: _Canvas, g: Group, width: float, columns: int) -> float:
    h = 24 + c.text_height(g.label, width - 48, 30, True) + 12
    if g.total is not None:
        h += QFontMetricsF(c.font(56, True)).height() + (30 if g.total.change_text else 0) + 40
    cell_w = (width - 48) / max(1, columns)
    part_h = max((_figure_block_dry(c, p, cell_w - 12, 40) for p in g.parts), default=0)
    rows = -(-len(g.parts) // max(1, columns))
    return h + rows * (part_h + 16) + 12


def _group_card(c: _Canvas, g: Group, x: float, y: float, width: float, height: float, columns: int) -> None:
    c.rounded(QRectF(x, y, width, height), CARD)
    yy = y + 24
    yy += c.text(g.label, x + 24, yy, width - 48, 30, role="heading", bold=True) + 12
    if g.total is not None:
        t = g.total
        c.text(t.text, x + 24, yy, width - 48, 56, role="value", color=MUTED if t.missing else ACCENT, bold=True,
               key=t.key)
        tw = c.text_width(t.text, 56, True)
        c.text("未填写" if t.missing else f"{t.unit} · 总计", x + 24 + tw + 10, yy + 26, 200, 26, role="unit",
               color=MUTED, key=t.key)
        yy += QFontMetricsF(c.font(56, True)).height()
        if t.change_text:
            yy += c.text(t.change_text, x + 24, yy, width - 48, 24, role="change", color=_change_color(t), key=t.key)
        # The outcomes as one stacked bar (an empty total: an empty track).
        bar = QRectF(x + 24, yy + 8, width - 48, 22)
        c.rounded(bar, BAR_TRACK, 6)
        left = bar.left()
        for i, p in enumerate(g.parts):
            frac = share(p, t)
            if frac <= 0:
                continue
            seg = QRectF(left, bar.top(), bar.width() * frac, bar.height())
            c.painter.fillRect(seg, SEGMENTS[i % len(SEGMENTS)])
            left += seg.width()
        yy += 40
    cell_w = (width - 48) / max(1, columns)
    part_h = max((_figure_block_dry(c, p, cell_w - 12, 40) for p in g.parts), default=0)
    for i, p in enumerate(g.parts):
        col, row = i % columns, i // columns
        px = x + 24 + col * cell_w
        py = yy + row * (part_h + 16)
        if g.total is not None:
            c.painter.fillRect(QRectF(px, py + 10, 14, 14), SEGMENTS[i % len(SEGMENTS)])
            _figure_block(c, p, px + 22, py, cell_w - 34, 40)
        else:
            _figure_block(c, p, px, py, cell_w - 12, 40)


def _groups(c: _Canvas, panel: Panel, y: float) -> float:
    gap = 24
    inner = WIDTH - 2 * MARGIN
    with_totals = any(g.total is not None for g in panel.groups)
    if with_totals:
        for g in panel.groups:
            columns = min(4, max(1, len(g.parts)))
            h = _group_card_height(c, g, inner, columns)
            _group_card(c, g, MARGIN, y, inner, h, columns)
            y += h + gap
        return y
    # Table 二: a card per row; rows with several values take the full width, single values pair up.
    groups = list(panel.groups)
    i = 0
    while i < len(groups):
        g = groups[i]
        if len(g.parts) > 1:
            columns = len(g.parts)
            h = _group_card_height(c, g, inner, columns)
            _group_card(c, g, MARGIN, y, inner, h, columns)
            y += h + gap
            i += 1
            continue
        pair = [g]
        if i + 1 < len(groups) and len(groups[i + 1].parts) == 1:
            pair.append(groups[i + 1])
        width = (inner - gap) / 2
        h = max(_group_card_height(c, p, width, 1) for p in pair)
        for k, p in enumerate(pair):
            _group_card(c, p, MARGIN + k * (width + gap), y, width, h, 1)
        y += h + gap
        i += len(pair)
    return y


def _footer(c: _Canvas, ig: Infographic, y: float) -> float:
    inner = WIDTH - 2 * MARGIN
    y += 8
    for note in ig.notes:
        y += c.text(note, MARGIN, y, inner, 24, role="note", color=MUTED) + 6
    if ig.last_year:
        y += c.text(f"较上年：与 {ig.last_year} 年度报告的同一数字相比。", MARGIN, y, inner, 24, role="note",
                    color=MUTED) + 6
    y += c.text(f"数据来源：《{ig.title}》（{ig.format_name}）", MARGIN, y, inner, 24, role="note", color=MUTED) + 6
    sign = "　".join(s for s in (ig.signer, ig.sign_date) if s)
    if sign:
        y += c.text(sign, MARGIN, y, inner, 24, role="note", color=MUTED, align=Qt.AlignmentFlag.AlignRight)
    return y + 48


_STYLES = {"tiles": _tiles, "bars": _bars, "groups": _groups}


def paint(ig: Infographic) -> tuple[QImage, list[Drawn]]:
    """The image and every string drawn on it.  Needs a QGuiApplication (fonts)."""
    c = _Canvas(font_family())
    y = _header(c, ig)
    for panel in ig.panels:
        y = _panel_title(c, panel.title, y)
        y = _STYLES[panel.style](c, panel, y) + 8
    y = _footer(c, ig, y)
    if ig.draft_mark:
        c.painter.save()
        c.painter.setPen(QPen(QColor(198, 40, 40, 60)))
        c.painter.setFont(c.font(220, True))
        for k in range(1, int(y // 900) + 1):
            c.painter.save()
            c.painter.translate(WIDTH / 2, k * 900 - 300)
            c.painter.rotate(-30)
            c.painter.drawText(QRectF(-400, -150, 800, 300), int(Qt.AlignmentFlag.AlignCenter), "草稿")
            c.painter.restore()
        c.painter.restore()
    return c.finish(min(y, _MAX_HEIGHT)), c.drawn


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def write_png(ig: Infographic, path) -> tuple[int, int]:
    """Paint ``ig`` and write it to ``path`` atomically; returns the image size."""
    from report.atomic import write_atomic

    image, _ = paint(ig)
    write_atomic(path, png_bytes(image))
    return image.width(), image.height()


def run_job(draft_path, output, last_year_path=None, force: bool = False, message_file=None) -> int:
    """``xxgk-gui --infographic``: one image, no window; the exit codes of ``xxgk`` (0, 2, 3).

    Messages go to stderr/stdout and, when ``message_file`` is given, to that file too (UTF-8): a
    windowed program on Windows may have no console streams for the ``xxgk`` command that started it.
    """
    import os
    import sys
    from pathlib import Path

    from report import draft
    from report.errors import UserError
    from report.infographic import prepare

    lines: list[str] = []

    def say(text: str, error: bool = False) -> None:
        lines.append(text)
        stream = sys.stderr if error else sys.stdout
        if stream is not None:
            try:
                stream.write(text + "\n")
                stream.flush()
            except (OSError, ValueError, UnicodeError):
                pass

    def done(code: int) -> int:
        if message_file:
            try:
                Path(message_file).write_text("\n".join(lines) + "\n", encoding="utf-8")
            except OSError:
                pass
        return code

    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # an image needs no screen (works over ssh, in a service)
    try:
        report = draft.load(draft_path)
        last = draft.load(last_year_path) if last_year_path else None
        ig = prepare(report, last, force=force)
        out = Path(output)
        if out.suffix.lower() != ".png":
            raise UserError(f"输出文件「{out}」应以 .png 结尾。")
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "xxgk-gui"])
        if font_family() is None:
            say("提示：本机没有找到中文字体（微软雅黑或 Noto Sans CJK），图中的汉字可能显示为方框。", True)
        width, height = write_png(ig, out)
        del app
    except UserError as exc:
        say(f"错误：{exc}", True)
        return done(2)
    except Exception:  # noqa: BLE001 - the job's one error policy: logged, apologised for, exit 3
        import traceback

        from report.cli import _write_log

        where = _write_log(f"xxgk-gui --infographic\n{traceback.format_exc()}")
        say(f"抱歉，程序内部出错，一图读懂没有生成。详细信息已记录在「{where}」。", True)
        return done(3)
    mark = "（带「草稿」标记）" if ig.draft_mark else ""
    say(f"已生成一图读懂{mark}：{out}（{width}×{height} 像素）")
    return done(0)
