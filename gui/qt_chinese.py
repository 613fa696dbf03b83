"""Qt's own strings that ``qtbase_zh_CN.qm`` (Qt 6.12) leaves in English.

Found by driving Qt's file dialogs (the ones used on Linux desktops without a
native dialog) with a recording translator: the labels 「Look in」 and
「Files of type」 and the 「Folder」 / 「Drive」 entries of the type column.
Installed after the Qt translation, so it is asked first and answers only
for these; everything else falls through to ``qtbase_zh_CN``.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "替身",
}


class QtGapTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None (a null string) lets Qt ask the next translator; "" would blank the text.
        return GAPS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
