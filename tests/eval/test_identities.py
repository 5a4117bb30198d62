"""A key's own slug for an actor is reconciled with ours through the key's names."""

from __future__ import annotations

import json
from pathlib import Path

from allegiance.eval import load_gold, score_document
from allegiance.eval.identities import align_ids, id_map
from allegiance.reference import load_gazetteer

TEXT = "Wagner fighters trained Belarusian special forces in 2023."


def _key(tmp_path: Path, slug: str) -> Path:
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    key = {
        "document": "doc.txt",
        "focal": "BLR",
        "actors": [
            {"id": "BLR", "kind": "state", "names": ["Belarus", "Belarusian"]},
            {"id": slug, "kind": "non-state", "names": ["Wagner"]},
        ],
        "claims": [
            {
                "subject": slug,
                "object": "BLR",
                "type": "military",
                "polarity": "cooperation",
                "directed": True,
                "evidence": "Wagner fighters trained Belarusian special forces",
                "optional": False,
            }
        ],
    }
    path = tmp_path / "doc.gold.json"
    path.write_text(json.dumps(key), encoding="utf-8")
    return path


def _found(actor_id: str) -> list[dict]:
    return [
        {
            "subject": {"id": actor_id, "label": "Wagner Group", "kind": "non-state"},
            "object": {"id": "BLR", "label": "Belarus", "kind": "state"},
            "type": "military",
            "polarity": "cooperation",
            "directed": True,
            "evidence": {"text": TEXT, "start": 0, "end": len(TEXT)},
            "confidence": 0.8,
            "quantity": None,
        }
    ]


def test_unknown_slug_maps_to_the_actor_its_name_reads_as(tmp_path: Path) -> None:
    gazetteer = load_gazetteer()
    gold = load_gold(_key(tmp_path, "wagner"))
    assert id_map(gold, gazetteer) == {"wagner-group": "wagner"}
    aligned = align_ids(_found("wagner-group"), gold, gazetteer)
    assert score_document(aligned, gold, TEXT).claims.f1 == 1.0
    assert score_document(_found("wagner-group"), gold, TEXT).claims.f1 == 0.0


def test_known_ids_are_left_alone(tmp_path: Path) -> None:
    gold = load_gold(_key(tmp_path, "wagner-group"))
    assert id_map(gold, load_gazetteer()) == {}
