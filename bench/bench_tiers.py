"""Benchmark: tier computation on a generated store, against a full owlrl closure.

Run by hand (not part of the test suite):

    PYTHONPATH=src .venv/bin/python bench/bench_tiers.py --claims 1000000 --owlrl-sample 10000

Claims are generated as N-Quads (documents of 1,000 claims each, random pairs among the
reference states and non-state actors, random dimension/polarity/formality/modality) and
bulk-loaded; then ``compute_tiers`` runs for every focal actor. The owlrl closure of the claim
layer is measured on a sample of the same claims and extrapolated linearly (it is superlinear
in practice, so the ratio printed is a lower bound).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import Dataset, Graph

from allegiance.model.vocab import notations, ontology_graph
from allegiance.pipeline import load_reference
from allegiance.reason import compute_tiers
from allegiance.reason.claims import load_claims
from allegiance.records import DIMENSIONS, FORMALITIES, MODALITIES, POLARITIES
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore

ALG = "https://w3id.org/allegiance/ontology#"
ID = "https://w3id.org/allegiance/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PER_DOCUMENT = 1000
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def claim_quads(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    actors = [a.id for a in load_gazetteer().actors() if a.kind in ("state", "non-state")]
    concepts = {k: notations(k) for k in ("dimension", "polarity", "formality", "modality")}
    lines = []
    for i in range(n):
        doc = f"<{ID}document/{i // PER_DOCUMENT:016x}>"
        c = f"<{ID}claim/{i:016x}>"
        s, o = rng.sample(actors, 2)
        values = {
            "subjectActor": f"<{ID}actor/{s}>",
            "objectActor": f"<{ID}actor/{o}>",
            "dimension": f"<{concepts['dimension'][rng.choice(DIMENSIONS)]}>",
            "polarity": f"<{concepts['polarity'][rng.choice(POLARITIES)]}>",
            "formality": f"<{concepts['formality'][rng.choice(FORMALITIES)]}>",
            "modality": f"<{concepts['modality'][rng.choice(MODALITIES)]}>",
            "directed": f'"{"true" if rng.random() < 0.5 else "false"}"^^<{XSD}boolean>',
            "confidence": f'"{rng.randint(1, 999) / 1000}"^^<{XSD}decimal>',
            "statedIn": doc,
        }
        lines.append(f"{c} <{RDF_TYPE}> <{ALG}RelationClaim> {doc} .")
        lines.extend(f"{c} <{ALG}{p}> {v} {doc} ." for p, v in values.items())
        if i % PER_DOCUMENT == 0:
            lines.append(f"{doc} <{RDF_TYPE}> <{ALG}Document> {doc} .")
            lines.append(f'{doc} <http://purl.org/dc/terms/publisher> "pub {i % 7}" {doc} .')
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--owlrl-sample", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "claims.nq"
        start = time.perf_counter()
        data.write_text(claim_quads(args.claims), encoding="utf-8")
        with GraphStore.open(Path(tmp) / "store") as store:
            load_reference(store)
            store.load_file(data)
            print(f"generated and loaded {args.claims:,} claims in "
                  f"{time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            rows = load_claims(store)
            read = time.perf_counter() - start
            start = time.perf_counter()
            results = compute_tiers(store)
            tiers = time.perf_counter() - start
            print(f"load_claims: {len(rows):,} rows in {read:.1f} s; compute_tiers (all focal "
                  f"actors, includes the read): {len(results):,} assignments in {tiers:.1f} s")
        sample = Dataset()
        sample.parse(data=claim_quads(args.owlrl_sample), format="nquads")
        graph = Graph()
        for s, p, o, _ in sample.quads():
            graph.add((s, p, o))
        graph += ontology_graph()
        start = time.perf_counter()
        DeductiveClosure(OWLRL_Semantics).expand(graph)
        closure = time.perf_counter() - start
        estimate = closure * args.claims / args.owlrl_sample
        print(f"owlrl closure of {args.owlrl_sample:,} claims: {closure:.1f} s; linear estimate "
              f"for {args.claims:,}: {estimate:.0f} s; ratio owlrl/tiers >= {estimate / tiers:.0f}")


if __name__ == "__main__":
    main()
