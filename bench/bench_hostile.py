"""Run ``allegiance build`` over the full hostile batch and report outcomes and peak memory.

    PYTHONPATH=src .venv/bin/python bench/bench_hostile.py --count 500

The build runs as a real subprocess (the console entry point, as a user would run it) with a
timeout, so a hang shows up as a failure rather than a stuck terminal; its peak resident set
size comes from ``os.wait4`` (the build process's own ``getrusage``, which covers the largest
of its worker processes too, not their sum), not from this process. Every
input must get exactly one outcome, every refusal exactly one stderr line naming the file, and
the exit status must count the refusals (capped at 125). ``check_batch`` states those rules
and is shared with ``tests/robustness``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_corpus import Hostile, generate

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
EXIT_CAP = 125


@dataclass(frozen=True)
class BuildRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    timed_out: bool


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def run_build(
    paths: Sequence[Path | str],
    store: Path,
    *,
    timeout: float,
    fmt: str = "json",
    jobs: int = 1,
    user: int | None = None,
) -> BuildRun:
    """``allegiance build PATHS --store STORE`` in a subprocess; killed after ``timeout`` s."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    args = [sys.executable, "-m", "allegiance.cli.main", "build", "--store", str(store),
            "--format", fmt, "--jobs", str(jobs), "--", *map(str, paths)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=err, cwd=ROOT, user=user)
        timer = threading.Timer(timeout, proc.send_signal, (signal.SIGKILL,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return BuildRun(
            proc.returncode, _decode(out.read()), _decode(err.read()), seconds,
            usage.ru_maxrss / 1024, timed_out,
        )


def check_batch(inputs: Sequence[Path | str], run: BuildRun) -> list[str]:
    """Problems with a finished batch (empty when the build behaved)."""
    problems: list[str] = []
    if run.timed_out:
        return [f"the build did not finish (killed after {run.seconds:.0f} s)"]
    if "Traceback" in run.stderr:
        problems.append("a traceback reached stderr:\n" + run.stderr[-3000:])
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError as error:
        return [*problems, f"stdout is not the JSON report ({error}): {run.stdout[-500:]!r}"]
    given = Counter(map(str, inputs))
    outcomes = Counter(d["path"] for d in report["documents"])
    if outcomes != given:
        missing = sorted((given - outcomes).elements())[:5]
        extra = sorted((outcomes - given).elements())[:5]
        problems.append(f"outcomes do not match the inputs: missing {missing}, extra {extra}")
    failed = [d for d in report["documents"] if d["status"] in ("failed", "invalid")]
    lines = [line for line in run.stderr.split("\n") if line.strip()]
    if len(lines) != len(failed):
        problems.append(f"{len(failed)} refusals but {len(lines)} stderr lines")
    for doc, line in zip(failed, lines, strict=False):
        # stderr shows a name that is not UTF-8 with backslash escapes, as Python writes it.
        shown = doc["path"].encode("utf-8", "backslashreplace").decode("utf-8")
        if not line.startswith(f"{shown}: ") or not doc["reason"].strip():
            problems.append(f"refusal line does not name its file: {line!r}")
    if run.returncode != min(len(failed), EXIT_CAP):
        problems.append(f"exit status {run.returncode} for {len(failed)} refusals")
    return problems


def summarise(made: Sequence[Hostile], run: BuildRun) -> list[tuple[str, int, int, str]]:
    """Per kind: inputs built, inputs refused, and one sample reason."""
    report = json.loads(run.stdout)
    by_path = {d["path"]: d for d in report["documents"]}
    rows = []
    for kind in sorted({h.kind for h in made}):
        docs = [by_path[str(h.path)] for h in made if h.kind == kind and str(h.path) in by_path]
        refused = [d for d in docs if d["status"] in ("failed", "invalid")]
        sample = refused[0]["reason"][:70] if refused else ""
        rows.append((kind, len(docs) - len(refused), len(refused), sample))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        made = generate(Path(tmp) / "inputs", count=args.count, seed=args.seed)
        run = run_build([h.path for h in made], Path(tmp) / "store", timeout=args.timeout,
                        jobs=args.jobs)
        problems = check_batch([h.path for h in made], run)
        print(f"{len(made)} inputs, exit status {run.returncode}, {run.seconds:.1f} s, "
              f"peak RSS {run.peak_rss_mb:.0f} MB")
        if not problems:
            for kind, built, refused, sample in summarise(made, run):
                print(f"  {kind:22} built {built:3}  refused {refused:3}  {sample}")
        for problem in problems:
            print("PROBLEM:", problem)
        for path in Path(tmp).rglob("*"):  # mode-000 files must be removable by the cleanup
            if not path.is_symlink():
                path.chmod(0o700)
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
