"""PyInstaller entry point of the console program ``xxgk``."""

import sys

from report.cli import main

sys.exit(main())
