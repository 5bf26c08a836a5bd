"""Command line of the data layer: ``python -m geodata build|summary|validate``."""

from __future__ import annotations

import sys

from geodata.cli import main

sys.exit(main())
