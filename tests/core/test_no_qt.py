"""The core is importable and usable with PySide6 unavailable."""

import subprocess
import sys
import textwrap

CODE = textwrap.dedent(
    """
    import importlib.abc, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "gui"):
                raise ImportError("blocked: " + name)

    sys.meta_path.insert(0, NoQt())
    import pkgutil, importlib
    import report
    for m in pkgutil.walk_packages(report.__path__, "report."):
        if not m.name.endswith("__main__"):
            importlib.import_module(m.name)
    from report.model import Report
    from report.checks import check
    r = Report.new(2021, "某局")
    check(r)
    assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
    print("ok")
    """
)


def test_core_imports_without_pyside6():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
