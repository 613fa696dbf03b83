"""Find bundled files (templates/, resources/) from source and when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder holding templates/ and resources/.

    From source: the project root. Frozen by PyInstaller: the bundle's data
    folder (``sys._MEIPASS``), where build.spec puts them at the same paths.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return base_dir().joinpath("resources", *parts)


def template_path(*parts: str) -> Path:
    return base_dir().joinpath("templates", *parts)
