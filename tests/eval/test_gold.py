"""Loading and validating answer keys, and pairing keys with their documents."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from allegiance.eval import ClaimKey, GoldError, GoldQuantity, find_gold_pairs, load_gold

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"
SOUTHERN_KEY = DATA / "corpus" / "southern" / "southern-notes.gold.json"


def test_load_gold_reads_every_field() -> None:
    gold = load_gold(SOUTHERN_KEY)
    assert gold.document == "southern-notes.txt"
    assert gold.document_path == SOUTHERN_KEY.parent / "southern-notes.txt"
    assert gold.focal == "PER"
    assert [a.id for a in gold.actors] == ["PER", "CHL", "BOL", "mercosur"]
    assert gold.actors[3].kind == "igo"
    assert len(gold.claims) == 5
    assert len(gold.required_claims()) == 3
    first = gold.claims[0]
    assert first.key == ClaimKey("CHL", "PER", "military", "cooperation")
    assert first.quantity == GoldQuantity(1_200_000_000.0, "USD", 2019)
    assert gold.claims[1].quantity == GoldQuantity(300_000_000.0, "USD", None)
    assert gold.not_actors == ("Jane Example", "Wire Desk")
    assert gold.ranking == ()


def test_malformed_key_on_disk_names_file_and_problem() -> None:
    bad = DATA / "malformed" / "bad-polarity.gold.json"
    with pytest.raises(GoldError) as info:
        load_gold(bad)
    message = str(info.value)
    assert str(bad) in message
    assert "friendship" in message
    assert "\n" not in message


def _set(path: list[object], value: object) -> Callable[[dict], None]:
    def apply(raw: dict) -> None:
        target = raw
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return apply


def _drop(path: list[object]) -> Callable[[dict], None]:
    def apply(raw: dict) -> None:
        target = raw
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return apply


def _duplicate_claim(raw: dict) -> None:
    twin = copy.deepcopy(raw["claims"][0])
    twin["subject"], twin["object"] = twin["object"], twin["subject"]
    raw["claims"].append(twin)


MUTATIONS = {
    "missing claims": (_drop(["claims"]), "lacks ['claims']"),
    "unknown top field": (_set(["notes"], "x"), "unknown fields ['notes']"),
    "bad kind": (_set(["actors", 0, "kind"], "nation"), "kind 'nation'"),
    "bad slug": (_set(["actors", 3, "id"], "Mercosur Bloc"), "lowercase slug"),
    "unknown subject": (_set(["claims", 0, "subject"], "ARG"), "subject 'ARG'"),
    "self claim": (_set(["claims", 0, "object"], "CHL"), "subject equals object"),
    "bad type": (_set(["claims", 0, "type"], "cultural"), "type 'cultural'"),
    "directed not bool": (_set(["claims", 0, "directed"], "yes"), "directed must be"),
    "empty evidence": (_set(["claims", 0, "evidence"], "  "), "evidence is empty"),
    "negative quantity": (_set(["claims", 0, "quantity", "value"], -3), "positive number"),
    "year as text": (_set(["claims", 0, "quantity", "year"], "2019"), "year must be"),
    "focal unknown": (_set(["focal"], "ARG"), "focal 'ARG'"),
    "same key twice": (_duplicate_claim, "repeats the scoring key"),
    "document mismatch": (_set(["document"], "other.txt"), "does not match the key name"),
    "ranking unknown id": (_set(["ranking"], [["ARG"]]), "ranking"),
    "not_actors not strings": (_set(["not_actors"], [3]), "not_actors"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_malformation_is_a_one_line_gold_error(name: str, tmp_path: Path) -> None:
    mutate, expected = MUTATIONS[name]
    raw = json.loads(SOUTHERN_KEY.read_text(encoding="utf-8"))
    mutate(raw)
    key = tmp_path / SOUTHERN_KEY.name
    key.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold(key)
    message = str(info.value)
    assert message.startswith(f"{key}: ")
    assert expected in message
    assert "\n" not in message


def test_invalid_json_is_a_gold_error(tmp_path: Path) -> None:
    key = tmp_path / "broken.gold.json"
    key.write_text('{"document": "broken.txt",', encoding="utf-8")
    with pytest.raises(GoldError, match=r"broken\.gold\.json: cannot read JSON"):
        load_gold(key)


def test_find_gold_pairs_is_recursive_and_sorted() -> None:
    pairs = find_gold_pairs(DATA / "corpus")
    names = [(k.relative_to(DATA).as_posix(), d.name) for k, d in pairs]
    assert names == [
        ("corpus/nordic-brief.gold.json", "nordic-brief.md"),
        ("corpus/southern/southern-notes.gold.json", "southern-notes.txt"),
    ]


def test_find_gold_pairs_rejects_a_key_without_its_document(tmp_path: Path) -> None:
    (tmp_path / "lonely.gold.json").write_text("{}", encoding="utf-8")
    with pytest.raises(GoldError, match=r"lonely\.gold\.json: no document beside"):
        find_gold_pairs(tmp_path)


def test_find_gold_pairs_rejects_an_ambiguous_document(tmp_path: Path) -> None:
    (tmp_path / "twin.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "twin.txt").write_text("a", encoding="utf-8")
    (tmp_path / "twin.html").write_text("b", encoding="utf-8")
    with pytest.raises(GoldError, match="several documents"):
        find_gold_pairs(tmp_path)
