"""Paths and hostile strings the report tests share (conftest builds the stores from them)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "corpus" / "seed" / "iran-alliances.txt"
PIPELINE_DOCS = REPO / "tests" / "data" / "pipeline" / "docs"
HOSTILE_DOC = REPO / "tests" / "data" / "report" / "hostile.txt"
HOSTILE_ID = "evil-front"
HOSTILE_LABEL = "<img src=x onerror=\"alert('label')\"> Front & </script>"
