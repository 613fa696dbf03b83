"""``pip install .`` in a fresh venv renders a report: the wheel carries templates/ and resources/ as package data.

Builds the wheel from the source tree, installs it into a new virtual environment (its
dependencies from the configured package index, as a user's ``pip install`` would), and
runs the installed ``xxgk`` outside the source tree.  The fresh venv has no PySide6, so the
installed ``xxgk-gui`` must say in Chinese how to install the GUI extra.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=900, check=False, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(work / "dist")])
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (work / "dist").glob("xxgk_report-*.whl")
    venv.EnvBuilder(with_pip=True, clear=True).create(work / "venv")
    bindir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    done = _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)])
    assert done.returncode == 0, done.stderr[-2000:]
    return wheel, bindir, work


def test_the_wheel_carries_the_data_and_no_generator(installed):
    wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("report/_templates/report-2021.docx", "report/_templates/report-2019.docx",
                 "report/_templates/report-2021-henan.docx", "report/_templates/README.md",
                 "report/_resources/samples/sample-2021.json", "report/_resources/fontconfig/fonts.conf",
                 "report/_resources/icons/app.ico", "report/render/builder.py"):
        assert name in names, name
    assert not [n for n in names if n.startswith(("tests/", "scripts/")) or "make_" in n or "build_templates" in n]


def test_the_installed_program_renders_a_report_outside_the_source_tree(installed):
    _, bindir, work = installed
    probe = (
        "from report.resources import resource_path, template_path;"
        "print(resource_path('samples', 'sample-2021.json')); print(template_path('report-2021.docx'))"
    )
    where = _run([str(bindir / "python"), "-c", probe], cwd=work)
    assert where.returncode == 0, where.stderr
    sample, template = where.stdout.split()
    assert "site-packages" in sample and "site-packages" in template and str(ROOT) not in sample
    out = work / "报告.docx"
    done = _run([str(bindir / "xxgk"), "render", sample, "-o", str(out)], cwd=work)
    assert done.returncode == 0, done.stderr
    assert "已生成" in done.stdout and out.stat().st_size > 20_000
    back = work / "back.json"
    done = _run([str(bindir / "xxgk"), "open-docx", str(out), "-o", str(back)], cwd=work)
    assert done.returncode == 0 and back.exists(), done.stderr


def test_the_gui_without_its_extra_says_how_to_install_it(installed):
    _, bindir, work = installed
    done = _run([str(bindir / "xxgk-gui")], cwd=work)
    assert done.returncode == 2
    assert 'pip install "xxgk-report[gui]"' in done.stderr and "PySide6" in done.stderr
    assert "Traceback" not in done.stderr
