"""Draws the program icon (a red 公文 page with a check mark) and writes app.png and app.ico.

Run with the project's venv from the project root: ``.venv/bin/python scripts/make_icon.py``
(writes ``resources/icons/``).
The .ico stores PNG images (allowed since Windows Vista), so no imaging library is needed.
"""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

HERE = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (256, 64, 48, 32, 16)


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#c8161d"))  # 公文 red
    p.drawRoundedRect(QRectF(28 * s, 12 * s, 200 * s, 232 * s), 22 * s, 22 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(48 * s, 56 * s, 160 * s, 168 * s), 10 * s, 10 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(60 * s, 26 * s, 136 * s, 14 * s))  # the red header's white rule
    if size >= 32:
        pen = QPen(QColor("#8a8a8a"), max(1.0, 8 * s))
        p.setPen(pen)
        for y in (88, 116, 144):
            p.drawLine(QPointF(70 * s, y * s), QPointF(186 * s, y * s))
    check = QPainterPath()
    check.moveTo(82 * s, 178 * s)
    check.lineTo(116 * s, 208 * s)
    check.lineTo(182 * s, 150 * s)
    p.setPen(QPen(QColor("#1a7f37"), max(2.0, 22 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(check)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841
    images = [png_bytes(draw(n)) for n in SIZES]
    (HERE / "app.png").write_bytes(images[0])
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for n, data in zip(SIZES, images):
        entries += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    (HERE / "app.ico").write_bytes(header + entries + b"".join(images))
    print(f"wrote app.png and app.ico ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
