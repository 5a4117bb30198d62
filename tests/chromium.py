"""Headless Chromium for the browser tests: Debian's build, driven by Playwright.

Where ``/usr/bin/chromium`` or the ``playwright`` package is missing, a browser test module
skips with the reason, so the suite passes on a bare machine; `.ci/run` installs Chromium
where it can. Playwright never downloads a browser of its own here.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def playwright_or_skip() -> ModuleType:
    """``playwright.sync_api``, or skip the calling test module saying what is missing."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not found (apt-get install chromium): browser tests skipped",
            allow_module_level=True,
        )
    return pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install playwright)"
    )
