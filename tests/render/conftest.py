import sys
from pathlib import Path

import pytest

# The test modules import the helpers by name, as pytest's default import mode allows.
sys.path.insert(0, str(Path(__file__).parent))

from render_helpers import SAMPLES, load_sample


@pytest.fixture(params=sorted(SAMPLES))
def sample(request):
    """Each fully filled sample draft in turn (one per format)."""
    return load_sample(request.param)
