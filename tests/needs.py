"""What a test needs from the machine: missing, it skips on a developer's machine and FAILS under CI=true.

CI installs everything (``make test`` runs scripts/install-system-deps.sh as root) and builds every
bundle first, so a missing tool or bundle there is a broken setup, never a reason to pass.
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str):
    """Skip for ``reason``, or fail with it under CI=true."""
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def tool_or_fail(name: str, why: str = "make test installs LibreOffice and poppler-utils") -> str:
    """The command's path, or ``unavailable``."""
    path = shutil.which(name)
    if path:
        return path
    unavailable(f"{name} is not installed ({why})")
