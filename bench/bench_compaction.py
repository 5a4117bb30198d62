"""Small builds into a big store: what the full compaction costs them, and what skipping it
costs the templates afterwards (why ``allegiance.store.compaction`` compacts after any write).

    PYTHONPATH=src:bench .venv/bin/python bench/bench_compaction.py --store /work/big/s1m \\
        [--builds 3] [--repeats 7] [--only claims-since clients ...]

It changes the store: it builds ``--builds`` documents of the bundled corpus into it, one
build each (a separate open and close, as separate commands would), with compaction "never",
then compacts. Run it on a store you can throw away (``bench/synthetic_claims.py`` writes one,
compacted, as a build leaves it). Templates are timed three times in the same run, each in a
child process (``template_latency.measure_all``): on the compacted store before the builds,
after the builds (what ``auto`` leaves), and after compacting; the ratios are of the second and
third against the first, so machine speed cancels out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

AFFECTED = ["actor-relations", "claims-since", "clients", "contradictions", "evidence-search",
            "military-supporters"]
"""The templates whose times compaction changed most at 1,000,000 claims (bench/TEMPLATES.md,
stop 20)."""


def documents(count: int, skip: int = 0) -> list[Path]:
    corpus = ROOT / "corpus"
    found = sorted(p for p in corpus.iterdir()
                   if p.suffix in (".md", ".txt", ".html") and p.name != "README.md")
    return found[skip:skip + count]


def small_builds(store_path: Path, files: list[Path]) -> list[dict[str, Any]]:
    """One build per file, each with its own store handle, none compacted."""
    from allegiance.pipeline import build
    from allegiance.store import GraphStore

    rows = []
    for file in files:
        started = time.monotonic()
        with GraphStore.open(store_path) as store:
            report = build([file], store, compaction="never")
        written = report.compaction.written if report.compaction else 0
        rows.append({"document": file.name, "seconds": round(time.monotonic() - started, 1),
                     "phases": report.seconds, "written": written})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def compact(store_path: Path) -> float:
    from allegiance.store import GraphStore

    started = time.monotonic()
    with GraphStore.open(store_path) as store:
        store.compact()
    return time.monotonic() - started


def medians(results: dict[str, dict[str, Any]]) -> dict[str, float | None]:
    return {name: row["sample"].get("median_ms") for name, row in results.items()}


def main() -> int:
    from template_latency import measure_all

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--skip", type=int, default=0,
                        help="start at this document of corpus/ (on a second run, new ones)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", nargs="*", default=AFFECTED)
    args = parser.parse_args()

    def times(label: str) -> dict[str, float | None]:
        print(f"templates: {label}", flush=True)
        return medians(measure_all(args.store, args.only, args.repeats, args.timeout, False,
                                   progress=False))

    before = times("compacted, before the builds")
    builds = small_builds(args.store, documents(args.builds, args.skip))
    skipped = times("after the builds, not compacted")
    compaction_s = compact(args.store)
    after = times("after compacting")

    build_s = [row["seconds"] for row in builds]
    print(f"\n{len(builds)} one-document builds: median {statistics.median(build_s):.1f} s "
          f"each; full compaction after them: {compaction_s:.1f} s "
          f"({compaction_s / statistics.median(build_s):.2f}x a build)")
    print("quads written: " + ", ".join(f"{r['document']} {r['written']:,}" for r in builds))
    print("\n| template | compacted ms | after builds ms | ratio | compacted again ms | ratio |")
    print("|---|---|---|---|---|---|")
    for name in args.only:
        b, s, a = before.get(name), skipped.get(name), after.get(name)
        if not (b and s and a):
            print(f"| {name} | {b} | {s} |  | {a} |  |")
            continue
        print(f"| {name} | {b:.1f} | {s:.1f} | {s / b:.2f}x | {a:.1f} | {a / b:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
