"""使用说明 (F1): the clerk's part of the README, shown inside the program, offline.

Written once: the README's section 「一、给填报人员和审核人员」 is the help.  It
is read at run time from the source tree, from the bundle (build.spec ships
README.md) or from the installed package's metadata (a wheel carries the
README as its long description).  Parts marked ``<!-- help:skip -->`` …
``<!-- /help:skip -->`` (screenshot tables) are left out; links become text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

#: The heading that starts the clerk's part; it ends at the next heading of the same level.
CLERK_HEADING = re.compile(r"^## 一、")
_SKIP = re.compile(r"<!--\s*help:skip\s*-->.*?<!--\s*/help:skip\s*-->", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MISSING = (
    "# 使用说明\n\n未找到使用说明（程序文件夹中的 README.md）。程序文件可能不完整，请重新解压或安装本程序；"
    "也可以在「帮助」菜单中点「复制诊断信息」，发给信息化人员。"
)


def readme_text() -> str | None:
    """The README: beside the sources, in the bundle, or from the installed package's metadata."""
    from report.resources import base_dir

    path = base_dir() / "README.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("xxgk-report")
    except (ImportError, PackageNotFoundError):
        return None
    body = meta.get_payload() if hasattr(meta, "get_payload") else None
    return body or meta.get("Description")


def clerk_help(readme: str | None) -> str:
    """The clerk's part of ``readme`` as Markdown, without images, links as plain text."""
    if not readme:
        return MISSING
    lines = readme.splitlines()
    start = next((i for i, line in enumerate(lines) if CLERK_HEADING.match(line)), None)
    if start is None:
        return MISSING
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    part = "\n".join(lines[start:end])
    part = _SKIP.sub("", part)
    part = _IMAGE.sub("", part)
    part = _LINK.sub(r"\1", part)
    part = re.sub(r"\n\s*---\s*$", "", part.rstrip())
    part = re.sub(r"\n{3,}", "\n\n", part)
    return "# 使用说明\n\n" + part.replace("## 一、给填报人员和审核人员", "## 给填报人员和审核人员", 1) + "\n"


class HelpWindow(QDialog):
    """A window beside the wizard (not modal: the clerk can read and type at once)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(900, 680)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # nothing is fetched: the help is all here
        self.browser.setMarkdown(clerk_help(readme_text()))
        self.browser.setAccessibleName("使用说明")
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox()
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
