"""Find the bundled data (templates/, resources/) from source, from an installed wheel and when frozen.

The source tree keeps ``templates/`` and ``resources/`` at the top level; a
wheel carries them inside the package as ``report/_templates`` and
``report/_resources`` (setup.py maps the folders); a PyInstaller bundle puts
them at the top of its data folder (build.spec ``datas``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / name
    installed = _PACKAGE / f"_{name}"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def resource_path(*parts: str) -> Path:
    return _data_dir("resources").joinpath(*parts)


def template_path(*parts: str) -> Path:
    return _data_dir("templates").joinpath(*parts)


def base_dir() -> Path:
    """The folder holding the program's top-level files (README.md, build-info.json).

    Frozen: the bundle's data folder; from source: the project root.  An
    installed wheel has no such folder (its README is the package metadata).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return _PACKAGE.parent
