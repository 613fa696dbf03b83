"""A test that never runs cannot fail: every tests/**/test_*.py file is collected by a plain ``pytest``.

pytest's default ``norecursedirs`` silently skips folders named ``dist``, ``build``, ``.*`` …
(``tests/dist/`` went unrun that way). This runs the collection ``make test`` runs and
compares it with the files on disk.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


def test_every_test_file_is_collected():
    on_disk = {p.relative_to(ROOT).as_posix() for p in TESTS.rglob("test_*.py") if "__pycache__" not in p.parts}
    assert "tests/test_collection.py" in on_disk and len(on_disk) > 40
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTEST_ADDOPTS", None)
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    collected = {line.split("::", 1)[0] for line in out.stdout.splitlines() if "::" in line}
    missing = sorted(on_disk - collected)
    assert not missing, f"test files pytest never collects (no test in them, or a skipped folder): {missing}"
