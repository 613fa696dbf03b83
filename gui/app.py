"""QApplication setup: Chinese Qt strings, CJK fonts, high-DPI, logging, error hook."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from . import refcount_guard
from .errors import install_excepthook
from .paths import log_path

APP_TITLE = "政府信息公开工作年度报告填报助手"
#: Python objects Qt calls back into for the application's lifetime.
_KEEP_ALIVE: list = []
#: The wizard's language. By name: the ``QLocale.Language`` enum costs start-up time (see bench/gui.py).
CHINESE = "zh_CN"
#: Windows first, then the Linux desktops clerks use (UOS, Kylin, Debian with fonts-noto-cjk).
UI_FONTS = ("Microsoft YaHei", "Microsoft YaHei UI", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def _setup_logging() -> None:
    root = logging.getLogger("gui")
    if root.handlers:
        return
    path = log_path()
    try:
        if path.exists() and path.stat().st_size > 1_000_000:
            path.replace(path.with_suffix(".log.1"))  # keep one older log, bounded in size
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def close_logging() -> None:
    """Close the log file: Windows cannot delete a folder that holds an open file (WinError 32)."""
    root = logging.getLogger("gui")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def _load_translations(app: QApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(CHINESE), "qtbase", "_", folder):
        app.installTranslator(translator)
    else:
        logging.getLogger("gui").warning("未找到 Qt 中文翻译 qtbase_zh_CN.qm（%s）", folder)
    from .qt_chinese import QtGapTranslator

    gaps = QtGapTranslator(app)
    _KEEP_ALIVE.append(gaps)  # its translate() is Python: the wrapper must outlive every tr() call
    app.installTranslator(gaps)  # installed last, so asked first


def ui_font_family() -> str | None:
    """The first of ``UI_FONTS`` installed here (None when none is)."""
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    return next((f for f in UI_FONTS if f in families), None)


def _set_font(app: QApplication) -> None:
    # Qt takes the first installed family of the list itself; asking the font database
    # which are installed costs ~30 ms of start-up (it lists every font of the system).
    font = QFont(app.font())
    font.setFamilies([*UI_FONTS, *font.families()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def create_application(argv: list[str], install_hook: bool = True) -> QApplication:
    """The application object, ready for Chinese users (reuses an existing one).

    ``install_hook=False`` leaves ``sys.excepthook`` alone (pytest-qt uses its own).
    """
    existing = QApplication.instance()
    if existing is None:
        # Fractional scaling (125 %, 150 % on office laptops) as is. Set through Qt's environment
        # variable: the ``Qt`` namespace's enums cost ~60 ms of start-up when first touched.
        os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")
        app = QApplication(argv)
    else:
        app = existing
    if app.property("xxgk_ready"):
        return app
    app.setProperty("xxgk_ready", True)
    app.setApplicationName("xxgk-report")
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("xxgk-report")
    QLocale.setDefault(QLocale(CHINESE))
    _setup_logging()
    refcount_guard.install()
    _load_translations(app)
    _set_font(app)
    if install_hook:
        install_excepthook()
    return app
