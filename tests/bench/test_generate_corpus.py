"""The corpus generator: deterministic, its keys valid, its documents buildable and readable."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from generate_corpus import generate

from allegiance.eval import find_gold_pairs, load_gold, score_corpus, score_document
from allegiance.pipeline import build, extract_document
from allegiance.records import DIMENSIONS, POLARITIES
from allegiance.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 12, seed=5)
    return folder


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_prefix_stable(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", 12, seed=5)
    assert _contents(tmp_path / "again") == _contents(corpus)
    generate(tmp_path / "prefix", 6, seed=5)
    small = _contents(tmp_path / "prefix")
    assert small == {name: data for name, data in _contents(corpus).items() if name in small}
    generate(tmp_path / "other", 6, seed=6)
    assert _contents(tmp_path / "other") != small


def test_keys_load_and_pass_check_gold(corpus: Path) -> None:
    pairs = find_gold_pairs(corpus)
    assert len(pairs) == 12
    for key, _ in pairs:
        assert load_gold(key).claims
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "check_gold.py"), "--strict",
                           str(corpus)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "ERROR" not in done.stdout


def test_variety_of_shapes_formats_and_claims(tmp_path: Path) -> None:
    paths = generate(tmp_path, 60, seed=2)
    assert {p.suffix for p in paths} == {".txt", ".md", ".html"}
    assert {p.name.split("-")[2] for p in paths} == {"wire", "explainer", "timeline"}
    kinds: Counter[tuple[str, str]] = Counter()
    units, actors, optional = set(), set(), 0
    for key, _ in find_gold_pairs(tmp_path):
        gold = load_gold(key)
        for claim in gold.claims:
            kinds[(claim.type, claim.polarity)] += 1
            optional += claim.optional
            if claim.quantity:
                units.add(claim.quantity.unit)
        actors |= {a.id for a in gold.actors}
    assert set(kinds) == {(d, p) for d in DIMENSIONS for p in POLARITIES}
    assert optional > 0 and len(units) >= 6 and len(actors) > 150


def test_extractor_reads_the_generated_corpus(corpus: Path) -> None:
    scores = []
    for key, document in find_gold_pairs(corpus)[:8]:
        doc, claims = extract_document(document)
        scores.append(score_document([c.as_json() for c in claims], load_gold(key), doc.text))
    overall = score_corpus(scores)
    assert overall.claims.recall > 0.8 and overall.claims.precision > 0.7
    assert overall.not_actor_violations == 0


def test_small_corpus_builds(corpus: Path, tmp_path: Path) -> None:
    docs = sorted(p for p in corpus.iterdir() if not p.name.endswith(".json"))[:5]
    with GraphStore.open(tmp_path / "store") as store:
        report = build(docs, store)
    assert report.count("stored") == 5 and not report.failures
