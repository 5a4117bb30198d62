"""bench/RESULTS.md from a run's figures: goals judged from the figures, failures shown, not fatal.

The fixture is the ``RESULTS.json`` of a real ``bench/run_all.py --scale quick`` run; each test
edits a copy (a size, a median, a ratio) and reads the verdict the report draws from it.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from report import write_results

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "bench" / "results-quick.json"


@pytest.fixture
def results() -> dict[str, Any]:
    return copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))


def _render(results: dict[str, Any], tmp_path: Path) -> str:
    out = tmp_path / "RESULTS.md"
    write_results(results, out)
    return out.read_text(encoding="utf-8")


def _goal(text: str, figure: str) -> list[str]:
    """The cells of the goals table's row for ``figure``."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells and cells[0] == figure:
            return cells
    raise AssertionError(f"no goal row {figure!r}")


def _at_a_million(results: dict[str, Any]) -> dict[str, Any]:
    """The largest template run relabelled as 1,000,000 claims, where the goal is judged."""
    results["sizes"]["claims"][-1] = 1_000_000
    last = results["templates"][-1]
    last["claims"] = 1_000_000
    return last


def test_every_section_and_goal_is_written(results: dict[str, Any], tmp_path: Path) -> None:
    text = _render(results, tmp_path)
    for title in ("Extraction throughput", "End-to-end build", "Store load",
                  "Stores of synthetic claims", "Template latency", "Tier computation",
                  "Endpoint throughput"):
        assert f"## {title}" in text
    for figure in ("extraction, one core", "store load", "point templates, median",
                   "tier computation", "endpoint throughput (SPARQL requests)",
                   "peak memory of any step"):
        assert len(_goal(text, figure)) == 6


def test_point_template_goal_counts_the_templates_within_50_ms(
        results: dict[str, Any], tmp_path: Path) -> None:
    last = _at_a_million(results)
    point = [t for t in last["templates"].values() if t.get("point") and "median_ms" in t]
    for i, t in enumerate(point):  # alternate either side of the goal
        t["median_ms"] = 20.0 if i % 2 == 0 else 80.0
    within = sum(1 for t in point if t["median_ms"] <= 50)
    cells = _goal(_render(results, tmp_path), "point templates, median")
    assert cells[1] == f"{within} of {len(point)} within 50 ms"
    assert cells[5] == "**missed**"
    for t in point:
        t["median_ms"] = 12.0
    cells = _goal(_render(results, tmp_path), "point templates, median")
    assert cells[1] == f"{len(point)} of {len(point)} within 50 ms"
    assert cells[5] == "met"


def test_a_template_that_never_finished_counts_against_the_goal(
        results: dict[str, Any], tmp_path: Path) -> None:
    last = _at_a_million(results)
    point = [t for t in last["templates"].values() if t.get("point")]
    for t in point:
        t.update({"median_ms": 5.0, "p95_ms": 6.0, "first_ms": 7.0, "runs": 3, "rows": 1})
    name = next(n for n, t in sorted(last["templates"].items()) if t.get("point"))
    last["templates"][name] = {"error": "more than 30 s", "point": True}
    text = _render(results, tmp_path)
    cells = _goal(text, "point templates, median")
    assert cells[1] == f"{len(point) - 1} of {len(point)} within 50 ms"
    assert cells[5] == "**missed**"
    assert re.search(rf"\| {re.escape(name)} \| yes \| more than 30 s \|", text)


def test_endpoint_verdict_follows_the_measured_ratio(results: dict[str, Any],
                                                     tmp_path: Path) -> None:
    output = results["endpoint"][0]["output"]
    measured = float(re.search(r"- throughput: ([\d.]+)x", output).group(1))  # type: ignore[union-attr]
    cells = _goal(_render(results, tmp_path), "endpoint throughput (SPARQL requests)")
    assert cells[3] == f"{measured:.2f}×"
    assert cells[5] == ("met" if measured >= 0.5 else "**missed**")
    results["endpoint"][0]["output"] = output.replace(f"- throughput: {measured:.2f}x",
                                                      "- throughput: 0.42x")
    cells = _goal(_render(results, tmp_path), "endpoint throughput (SPARQL requests)")
    assert (cells[3], cells[5]) == ("0.42×", "**missed**")


def test_a_failed_step_is_reported_and_the_rest_still_written(results: dict[str, Any],
                                                              tmp_path: Path) -> None:
    results["claim_stores"][0] = {"error": "bench/synthetic_claims.py failed: disk full"}
    results["templates"][0] = {"error": "bench/synthetic_claims.py failed: disk full"}
    results["endpoint"] = [{"error": "bench/load_test.py timed out after 7200 s"}]
    text = _render(results, tmp_path)
    assert text.count("not available: bench/synthetic_claims.py failed: disk full") == 2
    assert _goal(text, "endpoint throughput")[1] == (
        "not available: bench/load_test.py timed out after 7200 s")
    assert "## Tier computation" in text


def test_report_only_rewrites_the_report_from_saved_figures(results: dict[str, Any],
                                                            tmp_path: Path) -> None:
    saved = tmp_path / "RESULTS.json"
    saved.write_text(json.dumps(results), encoding="utf-8")
    out = tmp_path / "again.md"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run_all.py"), "--report-only",
                           str(saved), "--out", str(out)], capture_output=True, text=True,
                          check=False, env={"PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == _render(results, tmp_path)


def test_notes_of_a_run_are_printed_under_the_header(results: dict[str, Any],
                                                     tmp_path: Path) -> None:
    results["notes"] = ["The endpoint step was run again with 400 requests."]
    text = _render(results, tmp_path)
    assert text.index(results["notes"][0]) < text.index("## Machine")
    del results["notes"]
    assert "run again" not in _render(results, tmp_path)


def test_the_machine_section_says_how_fast_the_machine_is_today() -> None:
    """Runs on different VMs are compared by this figure (the same code ran 1.6x faster on one
    VM than on another), so it must be a measured number, not a placeholder."""
    from run_all import machine

    speed = machine()[-1]
    found = re.match(r"- speed: (\d+) ms for a fixed pure-Python workload", speed)
    assert found is not None, speed
    assert int(found.group(1)) > 0


def test_the_speed_figure_through_the_run_is_reported(results: dict[str, Any],
                                                       tmp_path: Path) -> None:
    results["speed_ms"] = {"start": 84.0, "after the builds": 126.0, "end": 105.0}
    text = _render(results, tmp_path)
    line = next(x for x in text.splitlines() if x.startswith("- speed through the run"))
    assert "start 84, after the builds 126, end 105" in line
    assert line.endswith("slowest / fastest 1.50x")
    assert text.index(line) < text.index("## Goals")
    del results["speed_ms"]
    assert "speed through the run" not in _render(results, tmp_path)
