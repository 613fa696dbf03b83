"""PyInstaller entry point of the windowed program ``xxgk-gui``."""

import sys

from gui.__main__ import main

sys.exit(main())
