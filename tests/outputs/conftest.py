"""Fixtures for the outputs beyond the .docx (web page, PDF, 一图读懂, preview)."""

import copy
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from report import draft
from report.resources import resource_path

SAMPLES = {"2021": "sample-2021.json", "2019": "sample-2019.json"}


def load_sample(format_id: str):
    return draft.load(resource_path("samples", SAMPLES[format_id]))


@pytest.fixture(scope="session")
def _samples():
    return {k: load_sample(k) for k in SAMPLES}


@pytest.fixture(params=sorted(SAMPLES))
def sample(request, _samples):
    """Each fully filled sample draft in turn (one per format), a fresh copy."""
    return copy.deepcopy(_samples[request.param])


@pytest.fixture
def sample_2021(_samples):
    return copy.deepcopy(_samples["2021"])


@pytest.fixture
def sample_2019(_samples):
    return copy.deepcopy(_samples["2019"])


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "userdata"
    monkeypatch.setenv("XXGK_DATA_DIR", str(folder))
    return folder
