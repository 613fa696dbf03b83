"""Where the wizard keeps its own files: the core's user data folder (report/userdata.py)."""

from __future__ import annotations

from pathlib import Path

from report.userdata import APP_NAME, DATA_DIR_ENV, data_dir

__all__ = ["APP_NAME", "DATA_DIR_ENV", "data_dir", "log_path"]


def log_path() -> Path:
    return data_dir() / "xxgk-gui.log"
