"""bench/RESULTS.md from the runner's results: goals first, then every figure at three sizes.

A figure whose step failed or whose script is missing reads "not available: <why>"; a goal is
judged on the largest size measured, and marked "extrapolated" when that size is smaller than
the goal's.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

NA = "not available"


def _why(row: dict[str, Any]) -> str:
    return f"{NA}: {row.get('error', 'no result')}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(r) + " |" for r in rows), ""]


def succeeded(row: dict[str, Any]) -> bool:
    """A step's result, not its error."""
    return bool(row) and "error" not in row


def _goal(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "**missed**")


def _tiers(row: dict[str, Any]) -> dict[str, float] | None:
    out = row.get("output", "")
    tiers = re.search(r"assignments in ([\d.]+) s", out)
    owl = re.search(r"linear estimate for [\d,]+: ([\d.]+) s", out)
    read = re.search(r"claim tables ([\d.]+) s wall, triples \(column scans\) ([\d.]+) s", out)
    if not tiers or not owl:
        return None
    found = {"tiers_s": float(tiers.group(1)), "owlrl_s": float(owl.group(1))}
    if read:
        found |= {"tables_s": float(read.group(1)), "triples_s": float(read.group(2))}
    return found


POINT_GOAL_MS = 50.0


def _point_medians(row: dict[str, Any]) -> dict[str, float | None]:
    """Each point template's median ms at the sample arguments (None: it did not finish)."""
    return {name: t.get("median_ms") for name, t in row.get("templates", {}).items()
            if t.get("point")}


def _within_goal(point: dict[str, float | None]) -> int:
    return sum(1 for v in point.values() if v is not None and v <= POINT_GOAL_MS)


def _extraction(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    rows, last = [], None
    for row in results["extract"]:
        if not succeeded(row):
            rows.append([_why(row)] + [""] * 6)
            continue
        last = row
        rows.append([f"{row['docs']:,}", f"{row['mb']:.1f}", f"{row['one_core_mbps']:.2f}",
                     f"{row['all_cores_mbps']:.2f} ({row['cores']} cores)",
                     f"{row['all_cores_mbps'] / row['one_core_mbps']:.2f}×",
                     f"{row['f1']:.3f}", f"{row['peak_mb']:.0f}"])
    if last:
        goals.append(["extraction, one core", f"{last['one_core_mbps']:.2f} MB/s",
                      f"all cores {last['all_cores_mbps']:.2f} MB/s",
                      f"{last['all_cores_mbps'] / last['one_core_mbps']:.2f}×", "≥ 1 MB/s per core",
                      _goal(last["one_core_mbps"] >= 1)])
    return ["## Extraction throughput (ingest + extract)", "",
            "Baseline: the same documents in one process. F1 is claim F1 against the generated "
            "answer keys (allegiance.eval).", "",
            *_table(["docs", "MB", "one core MB/s", "all cores MB/s", "ratio", "claim F1",
                     "peak MB"], rows)]


def _build(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    rows, last = [], None
    for pair in results["build"]:
        many, one = pair["all"], pair["one"]
        if not succeeded(many):
            rows.append([_why(many)] + [""] * 6)
            continue
        last = many
        base = f"{one['docs_per_s']:.1f}" if succeeded(one) else _why(one)
        ratio = f"{many['docs_per_s'] / one['docs_per_s']:.2f}×" if succeeded(one) else ""
        rows.append([f"{many['docs']:,}", f"{many['docs_per_s']:.1f} ({many['jobs']} jobs)", base,
                     ratio, f"{many['build_s']:.0f}", f"{many.get('reason_s', 0):.1f}",
                     f"{max(many['peak_mb'], one.get('peak_mb', 0)):.0f}"])
    if last:
        estimate = last["build_s"] * 10_000 / last["docs"]  # the whole command, reasoning in
        note = "" if last["docs"] >= 10_000 else f" (extrapolated from {last['docs']:,})"
        goals.append(["build of 10,000 documents incl. reasoning", f"{estimate:.0f} s{note}",
                      "--jobs 1 (see table)", "", "≤ 300 s", _goal(estimate <= 300)])
    return ["## End-to-end build (`allegiance build --jobs N`: documents, reasoning, summary)", "",
            "Baseline: `--jobs 1` of the same documents. Both are the whole command into a fresh "
            "store, its reasoning pass (one process) and store summary included; \"reasoning s\" "
            "is the part of the all-cores build's time the build itself reports for it.", "",
            *_table(["docs", "docs/s all cores", "docs/s --jobs 1", "ratio", "build s",
                     "of which reasoning s", "peak MB"], rows)]


def _stages(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    rows, last = [], None
    for row in results["stages"]:
        if not succeeded(row):
            rows.append([_why(row)] + [""] * 7)
            continue
        last = row
        shares = [f"{100 * row['seconds'][s] / row['total_s']:.0f} %" for s in
                  ("ingest", "extract", "model", "validate", "store")]
        rows.append([f"{row['docs']:,}", *shares, f"{row['validate_ms_per_doc']:.1f}",
                     f"{row['peak_mb']:.0f}"])
    if last:
        goals.append(["SHACL validation share of build", f"{100 * last['validate_share']:.0f} %",
                      f"{last['validate_ms_per_doc']:.1f} ms/doc", "", "≤ 20 %",
                      _goal(last["validate_share"] <= 0.2)])
    return ["## Share of time per stage (one process, each stage timed on its own)", "",
            *_table(["docs", "ingest", "extract", "model", "validate", "store",
                     "validate ms/doc", "peak MB"], rows)]


def _load(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    rows, last = [], None
    for row in results["load"]:
        if not succeeded(row):
            rows.append([_why(row)] + [""] * 5)
            continue
        last = row
        rows.append([f"{row['quads']:,} ({row['graphs']:,} graphs)", f"{row['ours_qps']:,.0f}",
                     f"{row['bulk_qps']:,.0f}", f"{row['ours_qps'] / row['bulk_qps']:.2f}×",
                     f"{row['ours_s']:.1f} / {row['bulk_s']:.1f}",
                     f"{row.get('ours_peak_mb', 0):.0f} / {row['peak_mb']:.0f}"])
    if last:
        ratio = last["ours_qps"] / last["bulk_qps"]
        goals.append(["store load", f"{last['ours_qps']:,.0f} quads/s",
                      f"bulk_load {last['bulk_qps']:,.0f} quads/s", f"{ratio:.2f}×", "≥ 0.5×",
                      _goal(ratio >= 0.5)])
    return ["## Store load: the build's write path vs `Store.bulk_load`", "",
            "Peak MB: after preparing the writes and our write / the whole step (the baseline's"
            " loader last).", "",
            *_table(["quads", "ours quads/s", "bulk_load quads/s", "ratio", "seconds",
                     "peak MB"], rows)]


def _claim_stores(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    rows = []
    for size, row in zip(results["sizes"]["claims"], results.get("claim_stores", []),
                         strict=False):
        st = row.get("stats")
        if not succeeded(row) or not st:
            rows.append([f"{size:,}", _why(row), "", "", "", "", ""])
            continue
        index = (f"{st['claim_index_s']:.0f} s, {st['claim_index_bytes'] / 1e6:,.0f} MB"
                 if "claim_index_s" in st else "")
        rows.append([f"{size:,}", f"{st['quads']:,}", f"{st['bytes'] / 1e9:.2f}",
                     f"{st['total_s']:.0f}", f"{st['summaries']:,}", index,
                     f"{row['peak_mb']:.0f}"])
    if not rows:
        return []
    return ["## Stores of synthetic claims (bench/synthetic_claims.py)", "",
            "The template, tier and endpoint figures below are measured on these stores: claims "
            "written straight as document graphs with their catalogue entries and claim tables, "
            "bulk-loaded, then the reasoning step's relation summaries and the claim index (a "
            "build of the documents that would hold a million claims takes hours).", "",
            *_table(["claims", "quads", "GB", "build s", "relation summaries",
                     "claim index (time, size)", "peak MB"], rows)]


def _templates(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    lines = ["## Template latency vs rdflib in memory", "",
             "Each template runs in a child process of its own with the sample arguments (actor "
             "IRN, other actor RUS, organisation opec, the first choice of each concept; "
             "\"most popular\": the synthetic actor in about 40 % of the claims and, for an "
             "organisation, the UN with 193 members): one warm-up run (its time is the "
             "\"first run\" column), then the timed runs; a template still running after 30 s "
             "is ended. The rdflib baseline runs the same query once on the same store loaded "
             "into an rdflib `Dataset`.", ""]
    rows, last = [], None
    for row in results["templates"]:
        if not succeeded(row):
            rows.append([_why(row), "", "", "", "", "", ""])
            continue
        last = row
        timed = [t for t in row["templates"].values() if "median_ms" in t]
        theirs = [t["rdflib_median_ms"] for t in timed if "rdflib_median_ms" in t]
        ours = statistics.median(t["median_ms"] for t in timed) if timed else float("nan")
        base = f"{statistics.median(theirs):.1f}" if theirs else "not measured (too big)"
        ratio = f"{statistics.median(theirs) / ours:.1f}× faster" if theirs else ""
        point = _point_medians(row)
        slowest = max(point, default=None,
                      key=lambda name: float("inf") if point[name] is None else point[name])
        worst = ("" if slowest is None else f"{point[slowest]:.1f}"
                 if point[slowest] is not None else row["templates"][slowest].get("error", NA))
        rows.append([f"{row['claims']:,}", f"{ours:.1f}", f"{_within_goal(point)} of "
                     f"{len(point)}", worst, base, ratio, f"{row['peak_mb']:.0f}"])
    lines += _table(["claims", "median of medians ms", "point templates ≤ 50 ms",
                     "slowest point template median ms", "rdflib median ms", "ratio",
                     "peak MB"], rows)
    if last:
        point = _point_medians(last)
        within = _within_goal(point)
        at_scale = last["claims"] >= 1_000_000
        note = "" if at_scale else f" (at {last['claims']:,} claims)"
        goals.append(["point templates, median", f"{within} of {len(point)} within 50 ms{note}",
                      "rdflib (table)", "", "≤ 50 ms at 1,000,000 claims",
                      _goal(None if not point or not at_scale else within == len(point))])
        top = any("top" in t for t in last["templates"].values())
        head = ["template", "point", "median ms", "p95 ms", "first run ms", "runs", "rows",
                "rdflib ms"] + (["most popular actor: median ms", "rows"] if top else [])
        per = []
        for name, t in sorted(last["templates"].items()):
            if "median_ms" not in t:
                cells = [name, "yes" if t.get("point") else "no",
                         t.get("error", NA), "", "", "", "", ""]
            else:
                cells = [name, "yes" if t["point"] else "no", f"{t['median_ms']:.1f}",
                         f"{t['p95_ms']:.1f}", f"{t['first_ms']:.1f}", str(t["runs"]),
                         f"{t['rows']:,}",
                         f"{t['rdflib_median_ms']:.1f}" if "rdflib_median_ms" in t else
                         t.get("rdflib_error", "—")]
            if top:
                m = t.get("top")
                cells += (["—", ""] if m is None else
                          [f"{m['median_ms']:.1f}", f"{m['rows']:,}"] if "median_ms" in m else
                          [m.get("error", NA), ""])
            per.append(cells)
        lines += [f"Per template at {last['claims']:,} claims (\"most popular actor\": the same "
                  "template for the synthetic actor in about 40 % of the claims, or for the "
                  "UN):", "",
                  *_table(head, per)]
    return lines


def _tiers_section(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    rows, last = [], None
    for size, row in zip(results["sizes"]["claims"], results["tiers"], strict=True):
        parsed = _tiers(row) if succeeded(row) else None
        if parsed is None:
            rows.append([f"{size:,}", _why(row) if not succeeded(row) else "unparsed output",
                         "", "", "", ""])
            continue
        last = (size, parsed)
        reading = ""
        if "tables_s" in parsed:
            reading = f"{parsed['tables_s']:.1f} / {parsed['triples_s']:.1f} s"
            if parsed["tables_s"] >= 0.1:  # below that the printed figures are too coarse
                reading += f" ({parsed['triples_s'] / parsed['tables_s']:.1f}×)"
        rows.append([f"{size:,}", f"{parsed['tiers_s']:.1f}", f"{parsed['owlrl_s']:.0f}",
                     f"{parsed['owlrl_s'] / max(parsed['tiers_s'], 1e-9):.0f}×", reading,
                     f"{row['peak_mb']:.0f}"])
    if last:
        size, parsed = last
        note = "" if size >= 1_000_000 else f" (at {size:,} claims)"
        goals.append(["tier computation", f"{parsed['tiers_s']:.1f} s{note}",
                      f"owlrl ≈ {parsed['owlrl_s']:.0f} s", "", "≤ 60 s at 1,000,000 claims",
                      _goal(parsed["tiers_s"] <= 60 if size >= 1_000_000 else None)])
    return ["## Tier computation vs a full owlrl closure (bench/bench_tiers.py)", "",
            "owlrl is run on a sample and extrapolated linearly (a lower bound). Reading the "
            "claims: from the claim tables (what `tiers s` includes) / from the triples by "
            "column scans (the reading the tables replaced), same rows, same run.", "",
            *_table(["claims", "tiers s", "owlrl s (est.)", "ratio", "read: tables / triples",
                     "peak MB"], rows)]


def _endpoint(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    row = results["endpoint"][0]
    title = "## Endpoint throughput vs `oxigraph serve` (bench/load_test.py)"
    if not succeeded(row):
        goals.append(["endpoint throughput", _why(row), "oxigraph serve", "", "≥ 0.5×", "n/a"])
        return [title, "", _why(row), ""]
    found = re.search(r"- throughput: ([\d.]+)x", row["output"])
    ratio = float(found.group(1)) if found else None
    claims = results["sizes"]["claims"][-1]
    goals.append(["endpoint throughput (SPARQL requests)",
                  f"{claims:,} claims" if ratio is not None else "unparsed output",
                  "oxigraph serve", f"{ratio:.2f}×" if ratio is not None else "", "≥ 0.5×",
                  _goal(None if ratio is None else ratio >= 0.5)])
    return [title, "", f"On the {claims:,}-claim store above.", "", "```", row["output"],
            "```", ""]


def _memory(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    peaks: list[tuple[str, float]] = []
    for name in ("extract", "stages", "load", "claim_stores", "templates", "tiers"):
        peaks += [(name, r["peak_mb"]) for r in results.get(name, []) if r.get("peak_mb")]
    for pair in results["build"]:
        peaks += [("build", r["peak_mb"]) for r in pair.values() if r.get("peak_mb")]
    if results["endpoint"][0].get("peak_mb"):
        peaks.append(("endpoint", results["endpoint"][0]["peak_mb"]))
    if not peaks:
        return []
    top = max(peaks, key=lambda p: p[1])
    goals.append(["peak memory of any step", f"{top[1]:,.0f} MB ({top[0]})", "", "", "≤ 4 GB",
                  _goal(top[1] <= 4096)])
    return []


def _profile(results: dict[str, Any], goals: list[list[str]]) -> list[str]:
    row = results.get("profile")
    if not row:
        return []
    if not succeeded(row):
        return ["## What bounds extraction and the build (cProfile)", "", _why(row), ""]
    total = row["total_s"]
    stages = [[stage, f"{seconds:.2f}", f"{100 * seconds / total:.0f} %"]
              for stage, seconds in row["stages"].items()]
    top = [[f"`{t['function'].removeprefix('/~:')}`", f"{t['seconds']:.2f}",
            f"{100 * t['seconds'] / total:.0f} %"] for t in row["top"]]
    return ["## What bounds extraction and the build (cProfile)", "",
            f"One worker's job (`prepare_document`) over {row['docs']:,} documents, under cProfile "
            f"({total:.1f} s profiled; cProfile slows Python code about 2x, so read shares, not "
            "seconds). Stages by cumulative time (disjoint calls; the rest is glue):", "",
            *_table(["stage", "seconds", "share"], stages), "",
            "Functions with the most time of their own:", "",
            *_table(["function", "seconds", "share"], top), ""]


def _speeds(results: dict[str, Any]) -> list[str]:
    """The speed figure through the run (``run_all.calibration_ms`` after each phase), so a
    VM that slowed down mid-run shows it; runs before stop 21 have only the start figure."""
    speeds: dict[str, float] = results.get("speed_ms") or {}
    if len(speeds) < 2:
        return []
    spread = max(speeds.values()) / min(speeds.values())
    through = ", ".join(f"{phase} {ms:.0f}" for phase, ms in speeds.items())
    return [f"- speed through the run (ms, same workload; lower is faster): {through}; "
            f"slowest / fastest {spread:.2f}x"]


def write_results(results: dict[str, Any], out: Path) -> None:
    goals: list[list[str]] = []
    body: list[str] = []
    for section in (_extraction, _build, _stages, _profile, _load, _claim_stores, _templates,
                    _tiers_section, _endpoint, _memory):
        body += section(results, goals)
    head = ["# Benchmark results", "",
            f"Generated by `bench/run_all.py --scale {results['scale']}` in "
            f"{results['seconds'] / 60:.1f} minutes; sizes {results['sizes']}.", "",
            *(f"{note}\n" for note in results.get("notes", [])),
            "## Machine", "", *results["machine"], *_speeds(results), "",
            "## Goals (issue 10)", "",
            *_table(["figure", "value", "baseline", "ratio", "goal", "verdict"], goals)]
    out.write_text("\n".join(head + body).rstrip() + "\n", encoding="utf-8")
