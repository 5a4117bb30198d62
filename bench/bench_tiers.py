"""Benchmark: tier computation on a generated store, against a full owlrl closure.

Run by hand (not part of the test suite):

    PYTHONPATH=src .venv/bin/python bench/bench_tiers.py --claims 1000000 --owlrl-sample 10000

Claims are generated as N-Quads (documents of 1,000 claims each, random pairs among the
reference states and non-state actors, random dimension/polarity/formality/modality), written
to a file in chunks and bulk-loaded (``GraphStore.bulk_load_quads``: ``load_file`` took 70 s for
about 1M triples); then ``compute_tiers`` runs for every focal actor. Load time is reported
apart from tier time, wall and CPU time both (the machine is shared: wall time varies with
the load of other processes, CPU time much less).

``--inferred STORE...`` only compares, on stores ``allegiance build`` made, the inferred graph
of ``derive_actor_edges`` (the small OWL 2 RL fixpoint) with ``derive_actor_edges_owlrl`` (the
full owlrl closure it replaced): identical triples required, CPU time of both printed.

``--check N`` first compares the tiers with the reference implementation below (the SPARQL
join reader and per-direction rules the optimisation replaced) on a store of N claims: the
JSON of every result, and rule and strongest claim, must be identical.

The owlrl closure of the claim layer is measured on a sample of the same claims and
extrapolated linearly (it is superlinear in practice, so the ratio printed is a lower bound).
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import Dataset, Graph

from allegiance.model.vocab import notations, ontology_graph
from allegiance.pipeline import load_reference
from allegiance.reason import compute_tiers
from allegiance.reason.claims import (
    CLAIMS_QUERY,
    ClaimRow,
    _documents,
    _select,
    _value,
    _year,
    load_actor_types,
    load_claims,
    scan_every_claim,
)
from allegiance.reason.config import load_config
from allegiance.reason.corroboration import backs, counting
from allegiance.reason.inference import derive_actor_edges, derive_actor_edges_owlrl
from allegiance.reason.rules import _cooperative, _finish
from allegiance.reason.tiers import TierResult, rank_assignments, tiers_from_claims
from allegiance.reason.vocab import actor_id, concept_notation, kind_of
from allegiance.records import DIMENSIONS, FORMALITIES, MODALITIES, POLARITIES
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore
from allegiance.store.catalogue import entry_nquads

ALG = "https://w3id.org/allegiance/ontology#"
ID = "https://w3id.org/allegiance/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PER_DOCUMENT = 1000
CHUNK = 50_000
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
T = TypeVar("T")


def claim_chunks(n: int, seed: int = 7, *, catalogue: bool = False) -> Iterator[str]:
    """N-Quads of ``n`` generated claims, ``CHUNK`` claims per string; with ``catalogue``, each
    document graph followed by the catalogue entry a build would write for it (content hash,
    claim table), so reasoning reads the store as it reads a built one."""
    rng = random.Random(seed)
    actors = [a.id for a in load_gazetteer().actors() if a.kind in ("state", "non-state")]
    concepts = {k: notations(k) for k in ("dimension", "polarity", "formality", "modality")}
    lines: list[str] = []
    document: list[str] = []
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
        document.append(f"{c} <{RDF_TYPE}> <{ALG}RelationClaim> {doc} .")
        document.extend(f"{c} <{ALG}{p}> {v} {doc} ." for p, v in values.items())
        if i % PER_DOCUMENT == 0:
            document.append(f"{doc} <{RDF_TYPE}> <{ALG}Document> {doc} .")
            document.append(f'{doc} <http://purl.org/dc/terms/publisher> "pub {i % 7}" {doc} .')
        if (i + 1) % PER_DOCUMENT == 0 or i == n - 1:
            lines.extend(document)
            if catalogue:
                ntriples = "".join(line.replace(f" {doc} .", " .\n") for line in document)
                entry = entry_nquads(doc[1:-1], ntriples.encode("utf-8"))
                lines.append(entry.decode("utf-8").rstrip("\n"))
            document = []
        if len(lines) >= CHUNK:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def claim_quads(n: int, seed: int = 7) -> str:
    return "".join(claim_chunks(n, seed))


def build_store(folder: Path, n: int, *, verbose: bool = False) -> GraphStore:
    """A store of the reference graphs and ``n`` generated claims (bulk-loaded, compacted)."""
    start = time.perf_counter()
    data = folder / "claims.nq"
    with data.open("w", encoding="utf-8") as out:
        for chunk in claim_chunks(n, catalogue=True):
            out.write(chunk)
    generated = time.perf_counter()
    store = GraphStore.open(folder / "store")
    load_reference(store)
    store.bulk_load_quads(data)
    data.unlink()
    if verbose:
        print(f"generated {n:,} claims in {generated - start:.1f} s; bulk-loaded and compacted "
              f"them in {time.perf_counter() - generated:.1f} s; {store.quad_count():,} quads")
    return store


# -- reference implementation (before the optimisation), for --check only ---------------------


def reference_claims(store: GraphStore) -> list[ClaimRow]:
    """The former reader: one SPARQL join with OPTIONALs, a Python object per term."""
    dims, pols = concept_notation("dimension"), concept_notation("polarity")
    forms, mods = concept_notation("formality"), concept_notation("modality")
    documents = _documents(store)
    rows: dict[str, ClaimRow] = {}
    for sol in _select(store, CLAIMS_QUERY % ""):
        doc = sol["doc"].value
        date, publisher = documents.get(doc, (None, None))
        conf = _value(sol["conf"])
        rows[sol["c"].value] = ClaimRow(
            iri=sol["c"].value,
            subject=actor_id(sol["s"].value),
            object=actor_id(sol["o"].value),
            dimension=dims[sol["dim"].value],
            polarity=pols[sol["pol"].value],
            formality=forms[sol["form"].value],
            modality=mods[sol["mod"].value],
            directed=_value(sol["dir"]) == "true",
            confidence=float(conf) if conf is not None else 0.0,
            document=doc,
            year=_year(_value(sol["year"]), date),
            publisher=publisher,
        )
    return [rows[key] for key in sorted(rows)]


def reference_tiers(store: GraphStore) -> list[tuple]:
    """The former rules: every (focal, partner) evaluated on its own, in both directions."""
    config = load_config()
    claims = reference_claims(store)
    ids = sorted({c.subject for c in claims} | {c.object for c in claims})
    actors = load_actor_types(store, ids)
    kinds = {i: kind_of(types) for i, (_, types) in actors.items()}
    pairs: dict[str, dict[str, list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.subject != claim.object:
            for focal in (claim.subject, claim.object):
                pairs[focal][claim.partner_of(focal)].append(claim)
    out = []
    for focal in sorted(pairs):
        found = {}
        for partner, between in pairs[focal].items():
            usable = counting(between, config)
            if not usable:
                continue
            coop = [c for c in usable if c.polarity == "cooperation"]
            tension = [c for c in usable if c.polarity == "tension"]
            material = [c for c in coop if config.material(c.formality)]
            mixed = bool(material) and bool(tension)
            backing = [c for c in coop if c.subject == focal and backs(c, kinds, config)]
            if backing:
                args = ("client", f"{focal} backs {partner}", backing, backing)
            elif not coop:
                args, mixed = ("rival", "tension only", tension, tension), False
            else:
                args = (*_cooperative(coop, tension, config), coop)
            found[partner] = _finish(*args, material, tension, mixed, config)
        for rank, partner, a in rank_assignments(found, config):
            out.append((focal, partner, rank, a))
    return out


def _fingerprint(r: TierResult) -> tuple:
    return (r.focal.id, r.as_json(), r.rule, r.strongest, r.confidence)


def _timed(action: Callable[[], T]) -> tuple[T, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - start, time.process_time() - cpu


def check(n: int) -> None:
    """Compare with the reference implementation on ``n`` claims; print both timings."""
    with tempfile.TemporaryDirectory() as tmp, build_store(Path(tmp), n) as store:
        results, wall, cpu = _timed(lambda: compute_tiers(store))
        new = [_fingerprint(r) for r in results]
        rules_new = [(r.focal.id, r.partner.id, r.rank, r.tier, r.rule, r.claims, r.strongest)
                     for r in results]
        reference, ref_wall, ref_cpu = _timed(lambda: reference_tiers(store))
        rules_old = [(f, p, rank, a.tier, a.rule, a.claims, a.strongest)
                     for f, p, rank, a in reference]
        claims = reference_claims(store)
        ids = sorted({c.subject for c in claims} | {c.object for c in claims})
        actors = load_actor_types(store, ids)
        old = [_fingerprint(r) for r in tiers_from_claims(claims, actors)]
    if new != old or rules_new != rules_old:
        raise SystemExit(f"check failed on {n:,} claims: results differ from the reference")
    print(f"check: {len(new):,} tier results on {n:,} claims identical to the reference; "
          f"reference {ref_wall:.1f} s wall, {ref_cpu:.1f} s CPU; "
          f"compute_tiers {wall:.1f} s wall, {cpu:.1f} s CPU")


def compare_inferred(folders: list[Path]) -> None:
    """The fast inferred graph against owlrl's on built stores (no blank nodes: set equality)."""
    for folder in folders:
        with GraphStore.open(folder, read_only=True) as store:
            derive_actor_edges(store)  # the TBox closure is once per process: not timed
            fast, wall, cpu = _timed(lambda: derive_actor_edges(store))
            reference, ref_wall, ref_cpu = _timed(lambda: derive_actor_edges_owlrl(store))
        if set(fast) != set(reference):
            raise SystemExit(f"{folder}: the inferred graphs differ")
        print(f"{folder}: {len(fast):,} inferred triples, identical; owlrl {ref_cpu:.2f} s CPU "
              f"({ref_wall:.2f} s wall), fast {cpu:.2f} s CPU ({wall:.2f} s wall)")


def time_tiers(store: GraphStore) -> tuple[float, int]:
    """Time ``compute_tiers`` for every focal actor (reading the claims from the claim tables
    included), then, as the baseline of the same run, reading the same claims from the triples
    by column scans (what the tables replaced); the two readings must give the same rows."""
    start, cpu = time.perf_counter(), time.process_time()
    results = compute_tiers(store)
    tiers = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"compute_tiers (all focal actors, includes reading claims): {len(results):,} "
          f"assignments in {tiers:.1f} s wall, {cpu:.1f} s CPU; peak RSS {peak:,.0f} MB",
          flush=True)
    tabled, read, _ = _timed(lambda: load_claims(store))
    scanned, scan, _ = _timed(lambda: scan_every_claim(store))
    if tabled != scanned:
        raise SystemExit("the claim tables and the triples give different claims")
    print(f"reading {len(tabled):,} claims: claim tables {read:.1f} s wall, triples "
          f"(column scans) {scan:.1f} s wall; triples / tables {scan / read:.1f}x")
    return tiers, len(tabled)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--owlrl-sample", type=int, default=5_000)
    parser.add_argument("--check", type=int, default=0, metavar="N")
    parser.add_argument("--inferred", type=Path, nargs="+", metavar="STORE")
    parser.add_argument("--store", type=Path, help="time the tiers of this existing store "
                        "(read-only) instead of a generated one")
    args = parser.parse_args()
    if args.inferred:
        compare_inferred(args.inferred)
        return
    if args.check:
        check(args.check)
    if args.store:
        with GraphStore.open(args.store, read_only=True) as store:
            tiers, claims = time_tiers(store)
    else:
        with tempfile.TemporaryDirectory() as tmp, build_store(Path(tmp), args.claims,
                                                               verbose=True) as store:
            tiers, claims = time_tiers(store)
    if args.owlrl_sample > 0:
        owlrl_estimate(min(args.owlrl_sample, claims), claims, tiers)


def owlrl_estimate(sample_size: int, claims: int, tiers: float) -> None:
    """The baseline: a full owlrl closure of ``sample_size`` generated claims with the
    ontology, extrapolated linearly to ``claims`` (a lower bound: owlrl grows faster)."""
    sample = Dataset()
    sample.parse(data=claim_quads(sample_size), format="nquads")
    graph = Graph()
    for s, p, o, _ in sample.quads():
        graph.add((s, p, o))
    graph += ontology_graph()
    start = time.perf_counter()
    DeductiveClosure(OWLRL_Semantics).expand(graph)
    closure = time.perf_counter() - start
    estimate = closure * claims / sample_size
    print(f"owlrl closure of {sample_size:,} claims: {closure:.1f} s; linear estimate "
          f"for {claims:,}: {estimate:.0f} s; ratio owlrl/tiers >= {estimate / tiers:.0f}")


if __name__ == "__main__":
    main()
