"""Shared helpers: the bench modules (the hostile-input generator and the build runner) are
imported from ``bench/`` so the suite and the by-hand benchmark exercise the same code."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
