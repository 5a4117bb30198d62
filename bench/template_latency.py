"""Template latency on an existing store: median and p95 per template, written as Markdown.

    PYTHONPATH=src .venv/bin/python bench/template_latency.py --store /work/big/s1m \\
        --repeats 5 --timeout 120 --out bench/TEMPLATES.md [--rdflib-store /work/big/s20k]

It measures a store that already exists, such as the 1,000,000-claim one of
``bench/synthetic_claims.py`` (about 15 minutes to build). It reuses the run_all
sample arguments (``benchsteps._values``: IRN, RUS, opec, the first choice of each concept) and
runs every template through ``run_local``, as ``allegiance query`` does: one warm-up run
(reported apart as the first run), then ``--repeats`` timed runs. Each template runs in a child
process of its own: pyoxigraph cannot cancel a query, so a template past ``--timeout`` is ended
by ending its process, and does not keep a core busy under the next one. ``bench/run_all.py``
(step ``templates``) calls ``measure_all`` and ``rdflib_times`` on its synthetic stores.

``--top`` also times each actor template with the most popular synthetic actor (in about 40% of
the claims, by the generator's Zipf weights), because a point template's cost grows with the
claims of its actor, not with the store. ``--rdflib-store`` times the same queries in an rdflib
``Dataset`` loaded from that (smaller) store, once each, as the in-memory baseline (in a child
process too, so one query past ``--timeout`` is reported as such and the rest still run).
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))


def arguments(name: str, top: bool) -> dict[str, str] | None:
    """The run_all sample arguments; with ``top``, the most popular actor in actor parameters
    (None when the template has no actor parameter)."""
    from benchsteps import LARGEST_ORGANISATION, _values
    from synthetic_claims import material

    from allegiance.query import load_templates

    template = load_templates()[name]
    values = _values(template)
    if not top:
        return values
    actors = [p.name for p in template.parameters if p.domain == "actor"]
    if not actors:
        return None
    popular = [actor for actor, _ in material().actors[:2]]
    for i, parameter in enumerate(actors):
        values[parameter] = popular[min(i, 1)]
    if "organisation" in values:
        values["organisation"] = LARGEST_ORGANISATION
    return values


def measure_one(store_path: Path, name: str, values: dict[str, str], repeats: int,
                timeout: float) -> dict[str, Any]:
    """In the child: one warm-up run, then ``repeats`` timed runs (fewer when one is slow).

    The warm-up is reported apart (``first_ms``): a fresh process starts with cold caches
    (Oxigraph's block cache, the templates' parsed plans), which a running server has paid
    long before; folding it into a median of 5 made the figure depend on the repeat count."""
    from allegiance.query import load_templates, prepare, run_local
    from allegiance.reference import load_gazetteer
    from allegiance.store import GraphStore

    prepared = prepare(load_templates()[name], values, gazetteer=load_gazetteer())
    with GraphStore.open(store_path, read_only=True) as store:
        deadline = time.monotonic() + timeout
        first = run_local(store, prepared, timeout_s=timeout, max_rows=10**9)
        times, rows, last = [], len(first.rows), first.elapsed_s
        for _ in range(repeats):
            if time.monotonic() + last > deadline:
                break  # a slow template: report the runs that fit
            result = run_local(store, prepared, timeout_s=timeout, max_rows=10**9)
            times.append(last := result.elapsed_s)
    if not times:  # the warm-up alone took the budget: it is the only figure there is
        times = [first.elapsed_s]
    ordered = sorted(times)
    return {"median_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * ordered[round(0.95 * (len(ordered) - 1))],
            "first_ms": 1000 * first.elapsed_s, "runs": len(times), "rows": rows}


def is_point(template: Any) -> bool:
    """A point template looks up one actor (a required or optional actor parameter)."""
    return any(p.domain == "actor" for p in template.parameters)


def measure_all(store: Path, names: list[str], repeats: int, timeout: float, top: bool,
                progress: bool = True) -> dict[str, dict[str, Any]]:
    """Every named template with the sample arguments (and, with ``top``, the most popular
    actor), each in a child process of its own."""
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        row: dict[str, Any] = {"sample": measure(store, name, arguments(name, False) or {},
                                                 repeats, timeout)}
        values = arguments(name, True) if top else None
        if values is not None:
            row["top"] = measure(store, name, values, repeats, timeout)
        results[name] = row
        if progress:
            print(name, json.dumps(row), flush=True)
    return results


def measure(store: Path, name: str, values: dict[str, str], repeats: int, timeout: float
            ) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__)), "--store", str(store), "--one", name,
               "--values", json.dumps(values), "--repeats", str(repeats),
               "--timeout", str(timeout)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 60,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"more than {timeout:g} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = " ".join(done.stderr.strip().splitlines()[-1:])[:160]
        return {"error": f"more than {timeout:g} s" if "timed out" in tail else tail}
    return dict(json.loads(lines[-1]))


def rdflib_child(store: Path, names: list[str]) -> None:
    """In the child: load the store into an rdflib Dataset, then run each template's query
    once (sample arguments), printing one JSON line per template as it finishes."""
    import pyoxigraph as ox
    import rdflib

    from allegiance.query import load_templates, prepare
    from allegiance.reference import load_gazetteer

    dataset = rdflib.Dataset(default_union=True)
    raw = ox.Store.read_only(str(store))
    data = ox.serialize(raw, format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=data, format="nquads")
    del raw, data
    templates, gazetteer = load_templates(), load_gazetteer()
    print(json.dumps({"loaded": True}), flush=True)
    for name in names:
        sparql = prepare(templates[name], arguments(name, False) or {}, gazetteer=gazetteer).sparql
        start = time.perf_counter()
        list(dataset.query(sparql))
        print(json.dumps({name: 1000 * (time.perf_counter() - start)}), flush=True)


def _forward(stream: Any, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def rdflib_times(store: Path, names: list[str], timeout: float) -> dict[str, float | str]:
    """One run of each template's query in an rdflib Dataset holding the same store: the
    in-memory baseline. rdflib cannot cancel a query either, so the queries run in a child
    process; one still running after ``timeout`` s ends the child, is reported as "more than"
    and the child starts again (loading the store again) for the templates after it."""
    out: dict[str, float | str] = {}
    remaining = list(names)
    while remaining:
        command = [sys.executable, str(Path(__file__)), "--store", str(store), "--rdflib-child",
                   json.dumps(remaining)]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 text=True)
        assert child.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_forward, args=(child.stdout, lines), daemon=True).start()
        loaded = False
        try:
            while remaining:
                try:  # loading the store is not a query: it gets its own (longer) budget
                    line = lines.get(timeout=timeout if loaded else 20 * timeout)
                except queue.Empty:
                    if loaded:
                        out[remaining.pop(0)] = f"more than {timeout:g} s"
                    else:
                        remaining = []  # the store does not load in time: no baseline
                    break
                if line is None:  # the child failed: no baseline for the rest
                    remaining = []
                    break
                for key, value in json.loads(line).items():
                    if key == "loaded":
                        loaded = True
                    else:
                        out[key] = value
                        remaining.remove(key)
        finally:
            child.kill()
            child.wait()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--top", action="store_true")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--rdflib-store", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--one")
    parser.add_argument("--values")
    parser.add_argument("--rdflib-child")
    args = parser.parse_args()
    if args.rdflib_child:
        rdflib_child(args.store, json.loads(args.rdflib_child))
        return 0
    if args.one:
        print(json.dumps(measure_one(args.store, args.one, json.loads(args.values),
                                     args.repeats, args.timeout)))
        return 0
    from allegiance.query import load_templates

    names = [n for n in sorted(load_templates()) if not args.only or n in args.only]
    results = measure_all(args.store, names, args.repeats, args.timeout, args.top)
    if args.rdflib_store:
        for name, ms in rdflib_times(args.rdflib_store, names, args.timeout).items():
            results[name]["rdflib_ms"] = ms
    if args.out:
        args.out.write_text(report(results, args), encoding="utf-8")
    return 0


def _cell(row: dict[str, Any] | None, key: str) -> str:
    if row is None:
        return "—"
    return f"{row[key]:.1f}" if key in row else row.get("error", "—")


def report(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> str:
    from allegiance.query import load_templates

    templates = load_templates()
    head = "| template | point | median ms | p95 ms | runs | rows |"
    rule = "|---|---|---:|---:|---:|---:|"
    if args.top:
        head += " top actor median ms | top p95 ms | top rows |"
        rule += "---:|---:|---:|"
    if args.rdflib_store:
        head += f" rdflib ms ({args.rdflib_store.name}) |"
        rule += "---:|"
    lines = [head, rule]
    for name, row in results.items():
        point = is_point(templates[name])
        s = row["sample"]
        cells = [name, "yes" if point else "no", _cell(s, "median_ms"), _cell(s, "p95_ms"),
                 str(s.get("runs", "")), str(s.get("rows", ""))]
        if args.top:
            t = row.get("top")
            cells += [_cell(t, "median_ms"), _cell(t, "p95_ms"),
                      str(t.get("rows", "")) if t else "—"]
        if args.rdflib_store:
            ms = row.get("rdflib_ms", "—")
            cells.append(f"{ms:.1f}" if isinstance(ms, float) else ms)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
