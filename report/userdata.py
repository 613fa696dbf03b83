"""Where the program keeps its own files (autosave, logs, settings): never beside the program, never over the clerk's."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "xxgk-report"
#: Tests (and portable installs) point this at a folder of their own.
DATA_DIR_ENV = "XXGK_DATA_DIR"


def data_dir() -> Path:
    """The user data folder, created on demand."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_path(program: str) -> Path:
    """The log file of ``program`` (``xxgk`` or ``xxgk-gui``)."""
    return data_dir() / f"{program}.log"
