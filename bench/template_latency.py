"""Template latency on an existing store: median and p95 per template, written as Markdown.

    PYTHONPATH=src .venv/bin/python bench/template_latency.py --store /work/big/s1m \\
        --repeats 5 --timeout 120 --out bench/TEMPLATES.md [--rdflib-store /work/big/s20k]

``bench/run_all.py`` (step ``templates`` in ``benchsteps.py``) builds its own small stores; this
script measures a store that already exists, such as the 1,000,000-claim one of
``bench/synthetic_claims.py`` that takes most of an hour to build. It reuses the run_all
sample arguments (``benchsteps._values``: IRN, RUS, sco, the first choice of each concept) and
runs every template through ``run_local``, as ``allegiance query`` does. Each template runs in a
child process of its own: pyoxigraph cannot cancel a query, so a template past ``--timeout`` is
ended by ending its process, and does not keep a core busy under the next one.

``--top`` also times each actor template with the most popular synthetic actor (in about 40% of
the claims, by the generator's Zipf weights), because a point template's cost grows with the
claims of its actor, not with the store. ``--rdflib-store`` times the same queries in an rdflib
``Dataset`` loaded from that (smaller) store, once each, as the in-memory baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))


def arguments(name: str, top: bool) -> dict[str, str] | None:
    """The run_all sample arguments; with ``top``, the most popular actor in actor parameters
    (None when the template has no actor parameter)."""
    from benchsteps import _values
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
    return values


def measure_one(store_path: Path, name: str, values: dict[str, str], repeats: int,
                timeout: float) -> dict[str, Any]:
    """In the child: ``repeats`` runs of one template (fewer when one run is slow)."""
    from allegiance.query import load_templates, prepare, run_local
    from allegiance.reference import load_gazetteer
    from allegiance.store import GraphStore

    prepared = prepare(load_templates()[name], values, gazetteer=load_gazetteer())
    times, rows = [], 0
    with GraphStore.open(store_path, read_only=True) as store:
        deadline = time.monotonic() + timeout
        for _ in range(repeats):
            result = run_local(store, prepared, timeout_s=timeout, max_rows=10**9)
            times.append(result.elapsed_s)
            rows = len(result.rows)
            if time.monotonic() + result.elapsed_s > deadline:
                break  # a slow template: report the runs that fit
    ordered = sorted(times)
    return {"median_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * ordered[round(0.95 * (len(ordered) - 1))],
            "runs": len(times), "rows": rows}


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


def rdflib_times(store: Path, names: list[str], timeout: float) -> dict[str, float | str]:
    """One run of each template's query (sample arguments) in an rdflib Dataset."""
    import pyoxigraph as ox
    import rdflib

    from allegiance.query import load_templates, prepare
    from allegiance.reference import load_gazetteer

    dataset = rdflib.Dataset(default_union=True)
    raw = ox.Store.read_only(str(store))
    data = ox.serialize(raw, format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=data, format="nquads")
    del raw, data
    templates, gazetteer, out = load_templates(), load_gazetteer(), {}
    for name in names:
        values = arguments(name, False) or {}
        sparql = prepare(templates[name], values, gazetteer=gazetteer).sparql
        start = time.perf_counter()
        list(dataset.query(sparql))
        out[name] = 1000 * (time.perf_counter() - start)
        if out[name] > timeout * 1000:
            break
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
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.store, args.one, json.loads(args.values),
                                     args.repeats, args.timeout)))
        return 0
    from allegiance.query import load_templates

    names = [n for n in sorted(load_templates()) if not args.only or n in args.only]
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        row: dict[str, Any] = {"sample": measure(args.store, name, arguments(name, False) or {},
                                                 args.repeats, args.timeout)}
        top = arguments(name, True) if args.top else None
        if top is not None:
            row["top"] = measure(args.store, name, top, args.repeats, args.timeout)
        results[name] = row
        print(name, json.dumps(row), flush=True)
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
        point = any(p.domain == "actor" for p in templates[name].parameters)
        s = row["sample"]
        cells = [name, "yes" if point else "no", _cell(s, "median_ms"), _cell(s, "p95_ms"),
                 str(s.get("runs", "")), str(s.get("rows", ""))]
        if args.top:
            t = row.get("top")
            cells += [_cell(t, "median_ms"), _cell(t, "p95_ms"),
                      str(t.get("rows", "")) if t else "—"]
        if args.rdflib_store:
            cells.append(f"{row['rdflib_ms']:.1f}" if "rdflib_ms" in row else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
