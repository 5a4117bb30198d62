"""Precision per confidence band, on a hand-made key."""

from __future__ import annotations

import json
from pathlib import Path

from allegiance.eval import load_gold
from allegiance.eval.bands import confidence_bands


def _claim(a: str, b: str, kind: str, polarity: str, confidence: float) -> dict:
    return {"subject": {"id": a}, "object": {"id": b}, "type": kind, "polarity": polarity,
            "confidence": confidence}


def test_every_found_claim_is_counted_in_its_band(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Peru and Chile trade. Peru sells arms to Chile.\n")
    key = {
        "document": "d.txt", "focal": "PER",
        "actors": [{"id": "PER", "kind": "state", "names": ["Peru"]},
                   {"id": "CHL", "kind": "state", "names": ["Chile"]}],
        "claims": [
            {"subject": "PER", "object": "CHL", "type": "transactional",
             "polarity": "cooperation", "directed": False, "evidence": "Peru and Chile trade",
             "optional": False},
            {"subject": "PER", "object": "CHL", "type": "military", "polarity": "cooperation",
             "directed": True, "evidence": "Peru sells arms to Chile", "optional": True},
        ],
    }
    (tmp_path / "d.gold.json").write_text(json.dumps(key))
    gold = load_gold(tmp_path / "d.gold.json")
    found = [
        _claim("CHL", "PER", "transactional", "cooperation", 0.9),  # right
        _claim("PER", "CHL", "transactional", "cooperation", 0.6),  # right (same key again)
        _claim("PER", "CHL", "energy", "cooperation", 0.6),  # wrong
        _claim("PER", "CHL", "military", "cooperation", 0.3),  # optional only: left out
    ]
    bands = confidence_bands([(found, gold)])
    assert [(b.found, b.right) for b in bands] == [(0, 0), (2, 1), (0, 0), (1, 1)]
    assert bands[1].precision == 0.5 and bands[0].precision is None
    assert bands[-1].as_json()["confidence"] == "[0.85, 1.00]"
