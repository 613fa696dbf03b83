"""The fault drills: their engine is ``bench/drills.py`` (``make bench`` runs it with larger counts)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    # Logs of refused inputs go to a folder of the test's own, never to the clerk's.
    monkeypatch.setenv("XXGK_DATA_DIR", str(tmp_path / "xxgk-data"))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The hostile set (bench.drills.HOSTILE), written once per session."""
    from bench.drills import make_hostile_files

    return make_hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def sample_report():
    from report import draft
    from report.resources import resource_path

    return draft.load(resource_path("samples", "sample-2021.json"))


@pytest.fixture(scope="session")
def damaged(tmp_path_factory):
    """Damaged drafts (bench.drills.DAMAGED), written once per session."""
    from bench.drills import make_damaged_drafts

    return make_damaged_drafts(tmp_path_factory.mktemp("damaged"))
