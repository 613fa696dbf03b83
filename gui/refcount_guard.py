"""Keep PySide6 6.12.0 from crashing the wizard on Python 3.11.

PySide6 / shiboken6 6.12.0 return ``None`` from every void C++ method
without taking a reference to it, and hand ``True`` / ``False`` to Python
slots of ``Signal(bool)`` the same way.  On Python 3.12+ these objects are
immortal and nothing happens; on Python 3.11 each call (``setText``,
``setVisible``, ``toggled`` …) lowers a reference count by one, and the
process aborts with "none_dealloc: deallocating None" (or bool_dealloc)
once it reaches zero: after about a hundred cell edits in this program.
PySide6 6.11.x is not affected.

``install()`` measures whether the running PySide6 has the fault and, if
so, raises the reference counts of ``None``, ``True`` and ``False`` far
beyond anything a session can drop.  They are static objects that are
never freed, so a large count is harmless.  The real fix is a PySide6 version without the fault (see the
pin requested for pyproject.toml).
"""

from __future__ import annotations

import logging
import sys

#: 2**40 void calls: at ~100 per cell edit, far more than any session makes.
HEADROOM = 1 << 40


def drops_none_references() -> bool:
    """True when a void PySide6 call loses a reference to ``None`` (measured, not guessed)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 10


def install() -> bool:
    """Add headroom to the singletons' reference counts when needed; True when it did."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal None; or a debug build whose object layout differs
    if not drops_none_references():
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    logging.getLogger("gui").warning(
        "当前 PySide6 版本在 Python 3.11 下有引用计数缺陷（每次调用丢失一个 None 引用），已启用保护。"
    )
    return True
