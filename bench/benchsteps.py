"""The measured steps of ``bench/run_all.py``; each runs in a subprocess of its own.

A step prints one JSON object (its figures) as the last line of its output, including its own
peak resident memory, so the runner can report memory per step. Stage timings here wrap the
stage functions from outside (``time.perf_counter`` in this file only), never production code.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def peak_mb() -> float:
    """Peak RSS of this process and of its finished children (ru_maxrss is in KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def documents(corpus: Path, n: int) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html"))[:n]


def _extract_one(path: Path) -> int:
    from allegiance.pipeline import extract_document

    return len(extract_document(path)[1])


def step_extract(corpus: Path, n: int) -> dict[str, Any]:
    """MB/s of document bytes through ingest + extract, one process and all cores; F1 vs keys.

    Each document is scored as soon as it is extracted, outside the timing, and only its score
    is kept: keeping every document and its claims for scoring at the end (as this step did up
    to stop 19) made Python's garbage collector walk a heap that grew with the corpus, which a
    build's workers never hold. Measured on 3,000 generated documents, CPU seconds of the
    extraction loop, two runs each: 35.0 and 35.8 keeping them, 31.0 and 31.9 not; the
    one-core figure fell from 0.86 MB/s at 1,000 documents to 0.70 at 10,000 that way."""
    from allegiance.eval import load_gold, score_corpus, score_document
    from allegiance.pipeline import extract_document

    paths = documents(corpus, n)
    size = sum(p.stat().st_size for p in paths) / 1e6
    extract_document(paths[0])  # load gazetteer and lexicon outside the timing
    per_doc = []
    one = 0.0
    for path in paths:
        start = time.perf_counter()
        document, claims = extract_document(path)
        one += time.perf_counter() - start
        key = path.with_name(path.name.rsplit(".", 1)[0] + ".gold.json")
        per_doc.append(score_document([c.as_json() for c in claims], load_gold(key),
                                      document.text))
        del document, claims
    cores = os.cpu_count() or 1
    with multiprocessing.get_context("spawn").Pool(cores) as pool:
        pool.map(_extract_one, paths[:cores])  # warm the workers
        start = time.perf_counter()
        pool.map(_extract_one, paths, chunksize=8)
        many = time.perf_counter() - start
    overall = score_corpus(per_doc)
    return {"docs": n, "mb": size, "one_core_s": one, "all_cores_s": many, "cores": cores,
            "one_core_mbps": size / one, "all_cores_mbps": size / many,
            "f1": overall.claims.f1, "precision": overall.claims.precision,
            "recall": overall.claims.recall}


def step_stages(corpus: Path, n: int, store_dir: Path) -> dict[str, Any]:
    """Seconds per stage for ``n`` documents built in one process, each stage timed alone.

    Each stage is done as ``allegiance build`` does it: the model builds the graph's triples
    (``document_triples``, as pyoxigraph triples), ``validate_triples`` checks them (the fast
    SHACL screen when installed, pySHACL for what it refuses), and the store stage hashes them
    (done in the build's workers) and writes them with ``GraphStore.replace_graphs`` every
    ``WRITE_BATCH`` documents (done by the writer). Wall and CPU seconds are both kept: on a
    shared machine the CPU shares are the ones that do not depend on the neighbours."""
    from allegiance.extract import extract
    from allegiance.ingest import ingest
    from allegiance.model import document_triples
    from allegiance.model.iris import document_iri
    from allegiance.pipeline import WRITE_BATCH, config_hash, load_reference
    from allegiance.reference import load_gazetteer
    from allegiance.store import GraphStore, GraphWrite, to_triples
    from allegiance.store.canonical import content_hash
    from allegiance.validate import validate_triples
    from allegiance.validate.shacl import fast_engine_available

    gazetteer = load_gazetteer()
    times = dict.fromkeys(("ingest", "extract", "model", "validate", "store"), 0.0)
    cpu = dict.fromkeys(times, 0.0)
    writes: list[GraphWrite] = []
    with GraphStore.open(store_dir) as store:
        load_reference(store)
        first = ingest(documents(corpus, 1)[0])  # warm the shapes
        validate_triples(to_triples(document_triples(first, [], config_hash=config_hash())))
        for index, path in enumerate(documents(corpus, n)):
            marks = [(time.perf_counter(), time.process_time())]
            document = ingest(path)
            marks.append((time.perf_counter(), time.process_time()))
            claims = extract(document, gazetteer)
            marks.append((time.perf_counter(), time.process_time()))
            triples = to_triples(document_triples(document, claims, config_hash=config_hash()))
            marks.append((time.perf_counter(), time.process_time()))
            validate_triples(triples)
            marks.append((time.perf_counter(), time.process_time()))
            writes.append(GraphWrite(str(document_iri(document.sha256)), triples,
                                     path=str(path), content_hash=content_hash(triples)))
            if len(writes) >= WRITE_BATCH or index == n - 1:
                store.replace_graphs(writes)
                writes.clear()
            marks.append((time.perf_counter(), time.process_time()))
            for stage, (a, b) in zip(times, itertools.pairwise(marks), strict=True):
                times[stage] += b[0] - a[0]
                cpu[stage] += b[1] - a[1]
    total = sum(times.values())
    total_cpu = sum(cpu.values())
    return {"docs": n, "seconds": times, "total_s": total, "cpu_seconds": cpu,
            "validate_ms_per_doc": 1000 * times["validate"] / n,
            "validate_share": times["validate"] / total,
            "validate_cpu_share": cpu["validate"] / total_cpu,
            "shacl_engine": "pyshacl-turbo screen + pySHACL" if fast_engine_available()
            else "pySHACL"}


def step_build(corpus: Path, n: int, work: Path, jobs: int, reasoning: bool) -> dict[str, Any]:
    """End-to-end ``allegiance build --jobs`` of ``n`` documents into a fresh store: what a user
    runs, reasoning and the store summary included. The build's own report splits its time
    (``seconds``: documents, reasoning); ``reasoning`` keeps that split in the result."""
    folder = work / f"docs-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    for path in documents(corpus, n):
        link = folder / path.name
        if not link.exists():
            link.symlink_to(path)
    store = work / f"store-{n}-j{jobs}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "allegiance.cli.main", "build", str(folder), "--store",
               str(store), "--jobs", str(jobs), "--format", "json"]
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - before
    out: dict[str, Any] = {"docs": n, "jobs": jobs, "build_s": seconds, "docs_per_s": n / seconds,
                           "cpu_s": cpu, "cpu_ms_per_doc": 1000 * cpu / n,
                           "exit": done.returncode, "store": str(store)}
    if reasoning and done.returncode == 0:
        phases = json.loads(done.stdout).get("seconds", {})
        out["documents_s"] = phases.get("documents", 0.0)
        out["reason_s"] = phases.get("reasoning", 0.0)
    return out


def _children_cpu() -> float:
    """User + system CPU seconds of finished children (the build process and its workers):
    on a machine shared with other work, wall time says more about the neighbours than about
    the build, CPU time does not."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step_load(store_dir: Path, work: Path) -> dict[str, Any]:
    """Our write path (the build's: ``GraphStore.replace_graphs`` of up to ``WRITE_BATCH``
    document graphs and ``WRITE_QUADS`` triples per call, each graph given as the N-Triples
    bytes, triple count and hash a build worker sends, each call whole documents in a
    transaction, catalogue included) against ``pyoxigraph.Store.bulk_load`` of the same quads
    (no transaction, no catalogue). The workers' part (serialising and hashing each graph) is
    done before the clock starts."""
    from allegiance.pipeline import WRITE_BATCH, WRITE_QUADS
    from allegiance.store import GraphStore, GraphWrite
    from allegiance.store.canonical import content_hash, ntriples_digest
    from allegiance.store.catalogue import CATALOGUE_IRI

    work.mkdir(parents=True, exist_ok=True)
    # Streamed by Oxigraph to a file, the catalogue left out (the store's sorted canonical
    # dump held every line as a Python string: 4.5 GB for 1.9M quads, the step's peak memory);
    # each graph's N-Triples gathered in one buffer, no Python object per line
    everything, dump = work / "everything.nq", work / "load.nq"
    ox.Store.read_only(str(store_dir)).dump(str(everything), format=ox.RdfFormat.N_QUADS)
    catalogue = f"<{CATALOGUE_IRI}>".encode()
    buffers: dict[bytes, bytearray] = {}
    with everything.open("rb") as quads_file, dump.open("wb") as kept:
        for line in quads_file:  # `s p o <g> .`: cut the graph off each line
            head, graph, _ = line.rsplit(b" ", 2)
            if graph != catalogue:
                kept.write(line)
                buffers.setdefault(graph, bytearray()).extend(head + b" .\n")
    everything.unlink()
    writes: list[GraphWrite] = []
    for graph in list(buffers):
        data = bytes(buffers.pop(graph))
        if b"_:" in data:  # blank nodes: hashed as the store hashes them
            triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
            digest, count = content_hash(triples), len(triples)
        else:
            digest, count = ntriples_digest(data)
        writes.append(GraphWrite.from_ntriples(graph.decode().strip("<>"), data, count, digest))
    quads, graphs = sum(w.count for w in writes), len(writes)
    # grouped as a build groups them: at most WRITE_BATCH graphs and WRITE_QUADS triples a call
    calls: list[list[GraphWrite]] = [[]]
    size = 0
    for write in writes:
        if calls[-1] and (len(calls[-1]) >= WRITE_BATCH or size + write.count > WRITE_QUADS):
            calls.append([])
            size = 0
        calls[-1].append(write)
        size += write.count
    start = time.perf_counter()
    with GraphStore.open(work / "load-ours") as store:
        for call in calls:
            store.replace_graphs(call)
    ours = time.perf_counter() - start
    # the peak so far: preparing the writes and our write; the baseline's own loader comes next
    ours_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del writes, calls
    start = time.perf_counter()
    bulk = ox.Store(str(work / "load-bulk"))
    bulk.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    bulk.flush()
    base = time.perf_counter() - start
    del bulk
    return {"quads": quads, "graphs": graphs, "ours_s": ours, "bulk_s": base,
            "ours_qps": quads / ours, "bulk_qps": quads / base, "ours_peak_mb": ours_peak_mb}


SAMPLE_ACTORS = {"organisation": "opec", "partner": "RUS", "other": "RUS"}
"""Arguments for actor parameters by parameter name (any other actor parameter gets IRN). OPEC:
12 members, IRN among them (sco, the sample until stop 18, has no members in the reference
graph, so organisation-members measured finding nothing)."""
LARGEST_ORGANISATION = "un"
"""The "most popular" organisation (193 members), as the top actor is for actor parameters."""


def _values(template: Any) -> dict[str, str]:
    """Sample arguments for a template's parameters, read from their declared types."""
    out: dict[str, str] = {}
    for p in template.parameters:
        if p.default is not None:
            continue
        choices = p.choices()
        datatype = (p.datatype or "").rsplit("#", 1)[-1]
        if p.domain == "actor":
            out[p.name] = SAMPLE_ACTORS.get(p.name, "IRN")
        elif choices:
            out[p.name] = choices[0]
        elif datatype == "gYear" or p.domain == "year":
            out[p.name] = "2015"
        elif datatype in ("date", "dateTime"):
            out[p.name] = "2015-01-01"
        elif p.kind == "typed":
            out[p.name] = "10"
        elif p.required:
            out[p.name] = "oil"
    return out


def step_templates(store_dir: Path, claims: int, repeats: int, timeout: float, rdflib: bool,
                   top: bool) -> dict[str, Any]:
    """Median and p95 latency of every template on the synthetic store of ``claims`` claims
    (each template in a child process, after a warm-up run: ``template_latency.measure_all``),
    against the same queries in rdflib (the same store in memory) where it fits."""
    sys.path.insert(0, str(BENCH))
    from template_latency import is_point, measure_all, rdflib_times

    from allegiance.query import load_templates

    templates = load_templates()
    names = sorted(templates)
    measured = measure_all(store_dir, names, repeats, timeout, top, progress=False)
    baseline = rdflib_times(store_dir, names, timeout) if rdflib else {}
    results: dict[str, Any] = {}
    for name, row in measured.items():
        entry = {**row["sample"], "point": is_point(templates[name])}
        if "top" in row:
            entry["top"] = row["top"]
        if isinstance(baseline.get(name), float):
            entry["rdflib_median_ms"] = baseline[name]
        elif name in baseline:
            entry["rdflib_error"] = baseline[name]
        results[name] = entry
    return {"claims": claims, "templates": results}


PROFILED_STAGES = {
    "ingest": ("allegiance/ingest/__init__.py", "ingest"),
    "extract": ("allegiance/extract/claims.py", "extract"),
    "model": ("allegiance/model/rdf.py", "document_triples"),
    "to pyoxigraph terms": ("allegiance/store/terms.py", "to_triples"),
    "validate": ("allegiance/validate/shacl.py", "validate_triples"),
    "content hash": ("allegiance/store/canonical.py", "content_hash"),
}
"""Entry functions of one worker's job (``prepare_document``), by stage."""


def step_profile(corpus: Path, n: int) -> dict[str, Any]:
    """Where one worker's CPU goes (``prepare_document``: ingest, extract, model, validate), as
    measured by cProfile over ``n`` documents: the share of each stage and the functions with
    the most time of their own. What bounds extraction and the build, from a profile."""
    import cProfile
    import pstats

    from allegiance.pipeline import prepare_document

    paths = documents(corpus, n)
    prepare_document(paths[0])  # gazetteer, lexicon and shapes loaded outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        prepare_document(path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    stages = {}
    for stage, (file, function) in PROFILED_STAGES.items():
        stages[stage] = sum(
            ct for (path, _, name), (_, _, _, ct, _) in stats.items()
            if path.endswith(file) and name == function
        )
    own = sorted(
        ((tt, f"{Path(path).parent.name}/{Path(path).name}:{name}")
         for (path, _, name), (_, _, tt, _, _) in stats.items()),
        reverse=True,
    )[:12]
    return {"docs": n, "total_s": total, "stages": stages,
            "top": [{"function": label, "seconds": tt} for tt, label in own]}
