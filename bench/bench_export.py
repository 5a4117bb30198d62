"""Export and push throughput against pyoxigraph's own dump and bulk load (run by hand).

    PYTHONPATH=src .venv/bin/python bench/bench_export.py --claims 20000
    PYTHONPATH=src .venv/bin/python bench/bench_export.py --store /work/big/s1m \\
        --push-graphs 10000 --work /work/big/export-bench

Issue 7's measure: export and push throughput (triples per second) against pyoxigraph's own
dump and bulk load of the same data; the goal is at least half.

- Export: ``allegiance export --format nq`` of the whole store (``export()``) against
  ``pyoxigraph.Store.dump`` (N-Quads) of the same store, both to files under ``--work``.
- Push: ``push()`` with each method (N-Quads batches with and without Oxigraph's
  ``no_transaction`` bulk mode, SPARQL Update batches, Graph Store Protocol ``PUT`` per graph)
  into a fresh ``oxigraph serve`` on 127.0.0.1, against ``oxigraph load`` (the bulk loader) of
  our N-Quads export of the same graphs. ``--push-graphs N`` pushes the first N
  graphs in IRI order only (pushing 33M quads twice takes longer than a time box), and the
  baseline loads exactly those graphs.

With ``--claims`` synthetic document graphs of the model's shape (claim, evidence, target,
selectors, ~12 triples per claim) are built with ``replace_graph`` in a scratch store; with
``--store`` an existing store is opened read-only and never written (the push reads it too).
The results are appended to ``--report`` (default ``bench/EXPORT.md``) with the machine, the
command and the load average, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from allegiance.export import Remote, Selection, export, push
from allegiance.export.remote import RemoteClient
from allegiance.store import GraphStore

ALG = "https://w3id.org/allegiance/ontology#"
ALI = "https://w3id.org/allegiance/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
REPORT = Path(__file__).resolve().parent / "EXPORT.md"


def synthetic(store: GraphStore, claims: int, per_document: int) -> int:
    """Write synthetic document graphs with ``replace_graph``; return the triples written."""
    total = 0
    for d in range(0, claims, per_document):
        doc = f"{ALI}document/{d:016x}"
        triples: list[tuple[str, str, str]] = [(doc, "rdf:type", f"<{ALG}Document>")]
        for c in range(d, min(d + per_document, claims)):
            claim, ev = f"{ALI}claim/{c:016x}", f"{ALI}evidence/{c:016x}"
            for p, o in (("subjectActor", f"<{ALI}actor/A{c % 50}>"),
                         ("objectActor", f"<{ALI}actor/B{c % 70}>"),
                         ("dimension", f"<{ALG}Military>"), ("confidence", '"0.7"'),
                         ("hasEvidence", f"<{ev}>"), ("statedIn", f"<{doc}>"),
                         ("cue", '"signed"'), ("status", '"extracted"')):
                triples.append((claim, f"<{ALG}{p}>", o))
            for s, p, o in ((ev, "http://www.w3.org/ns/oa#hasTarget", f"<{ev}#target>"),
                            (f"{ev}#target", "http://www.w3.org/ns/oa#hasSource", f"<{doc}>"),
                            (f"{ev}#quote", "http://www.w3.org/ns/oa#exact",
                             f'"sentence number {c} about a deal"'),
                            (f"{ev}#position", "http://www.w3.org/ns/oa#start", f'"{c}"')):
                triples.append((s, f"<{p}>", o))
        text = "\n".join(f"<{s}> {p if p.startswith('<') else '<' + RDF_TYPE + '>'} {o} ."
                         for s, p, o in triples)
        parsed = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
        store.replace_graph(doc, parsed)
        total += len(parsed)
    return total


class Results:
    """Timed rows (wall and CPU seconds), printed as they come and kept for the report.

    CPU time is reported next to wall time because the machine may be shared: under contention
    wall time depends on what else runs that minute, CPU time much less. A push's CPU time is
    the client's plus the server process's.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, float, float]] = []

    def add(self, label: str, triples: int, seconds: float, cpu: float) -> tuple[float, float]:
        self.rows.append((label, triples, seconds, cpu))
        print(f"{label:<50} {triples:>11,} {seconds:9.2f} s {triples / seconds:10,.0f}/s "
              f"cpu {cpu:8.2f} s {triples / cpu:10,.0f}/s", flush=True)
        return triples / seconds, triples / cpu


class Clock:
    """Wall and CPU time of this process (all threads) and of waited-for children."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time() + _children_cpu()

    def stop(self) -> tuple[float, float]:
        return (time.perf_counter() - self.wall,
                time.process_time() + _children_cpu() - self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int) -> float:
    """CPU seconds of a running process (the server), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(binary: Path, location: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    server = subprocess.Popen([str(binary), "serve", "--location", str(location),
                               "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, f"http://127.0.0.1:{port}"
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise SystemExit("oxigraph serve did not start") from None
            time.sleep(0.05)


def _peak_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model}){memory}; "
            f"Python {platform.python_version()}, pyoxigraph {ox.__version__}")


def run(args: argparse.Namespace, work: Path, results: Results) -> dict[str, float]:
    """Run the measures; return the ratios (ours / baseline)."""
    ratios: dict[str, float] = {}
    if args.store is None:
        store = GraphStore.open(work / "store")
        clock = Clock()
        built = synthetic(store, args.claims, args.per_document)
        results.add("build (replace_graph)", built, *clock.stop())
        store.close()
        location = work / "store"
    else:
        location = args.store
    store = GraphStore.open(location, read_only=True)
    try:
        dumps: list[tuple[float, float]] = []
        exports: list[tuple[float, float]] = []
        triples = 0
        for _ in range(args.repeat):  # alternate, keep the best of each (least disturbed)
            raw = ox.Store.read_only(str(location))
            clock = Clock()
            raw.dump(str(work / "dump.nq"), format=ox.RdfFormat.N_QUADS)
            dumps.append(clock.stop())
            del raw
            (work / "dump.nq").unlink()
            clock = Clock()
            with (work / "export.nq").open("wb") as out:
                triples = export(store, out, "nq")
            exports.append(clock.stop())
        # The dump also holds the store catalogue; both are rated on the triples we export.
        ours = results.add("allegiance export nq", triples, *min(exports))
        base = results.add("pyoxigraph Store.dump nq (baseline)", triples, *min(dumps))
        ratios["export nq / Store.dump (wall)"] = ours[0] / base[0]
        ratios["export nq / Store.dump (CPU)"] = ours[1] / base[1]
        for fmt in args.formats:
            clock = Clock()
            with (work / f"export.{fmt}").open("wb") as out:
                count = export(store, out, fmt)
            results.add(f"allegiance export {fmt}", count, *clock.stop())
            (work / f"export.{fmt}").unlink()

        binary = Path(sys.executable).parent / "oxigraph"
        if not binary.is_file():
            print("oxigraph binary missing: push not measured")
            return ratios
        graphs = store.graphs()
        subset = graphs[:args.push_graphs] if args.push_graphs else []
        if subset:
            clock = Clock()
            with (work / "push.nq").open("wb") as out:
                pushed = export(store, out, "nq", Selection(graphs=tuple(subset)))
            results.add(f"allegiance export nq, first {len(subset)} graphs", pushed,
                        *clock.stop())
        else:
            os.replace(work / "export.nq", work / "push.nq")
            pushed = triples
        (work / "export.nq").unlink(missing_ok=True)
        clock = Clock()
        subprocess.run([str(binary), "load", "--location", str(work / "bulk"), "--file",
                        str(work / "push.nq")], check=True, capture_output=True)
        load = results.add("oxigraph load (bulk, baseline)", pushed, *clock.stop())
        shutil.rmtree(work / "bulk")
        (work / "push.nq").unlink()
        for name in args.methods:
            method, bulk = name.removesuffix("-bulk"), name.endswith("-bulk")
            server, base_url = _serve(binary, work / f"remote-{name}")
            try:
                remote = Remote(f"{base_url}/query", f"{base_url}/update", f"{base_url}/store")
                clock = Clock()
                report = push(store, RemoteClient(remote), method=method, graphs=subset,
                              no_transaction=bulk)
                wall, cpu = clock.stop()
                cpu += _process_cpu(server.pid)
                label = f"push {method}" + (" --no-transaction" if bulk else "")
                rate = results.add(f"allegiance {label} ({report.requests} requests)",
                                   report.triples, wall, cpu)
                ratios[f"{label} / oxigraph load (wall)"] = rate[0] / load[0]
                ratios[f"{label} / oxigraph load (CPU)"] = rate[1] / load[1]
            finally:
                server.terminate()
                server.wait()
                shutil.rmtree(work / f"remote-{name}", ignore_errors=True)
    finally:
        store.close()
    return ratios


def write_report(path: Path, args: argparse.Namespace, results: Results,
                 ratios: dict[str, float], loads: tuple[str, str], wall: float) -> None:
    command = "PYTHONPATH=src .venv/bin/python bench/bench_export.py " + " ".join(sys.argv[1:])
    what = f"store `{args.store}` (opened read-only)" if args.store else \
        f"{args.claims:,} synthetic claims, {args.per_document} per document graph"
    subset = (f"push: the first {args.push_graphs:,} graphs in IRI order (baseline: the same "
              "graphs)" if args.push_graphs else "push: the whole store")
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {what}",
        "",
        f"- command: `{command}`",
        f"- machine: {_machine()}",
        f"- load average (1 min) before / after: {loads[0]} / {loads[1]} (shared machine: "
        "other jobs ran at the same time; ratios compare runs of the same minutes)",
        f"- {subset}; wall time of the run {wall / 60:.1f} min; peak memory of the benchmark "
        f"process (export and push client) {_peak_mb():,.0f} MB",
        "",
        "| measure | triples | wall s | triples/s (wall) | CPU s | triples/s (CPU) |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| {label} | {triples:,} | {seconds:.1f} | {triples / seconds:,.0f} | {cpu:.1f} | "
          f"{triples / cpu:,.0f} |" for label, triples, seconds, cpu in results.rows),
        "",
        "| ratio (goal ≥ 0.5) | value |",
        "|---|---:|",
        *(f"| {name} | {value:.2f} |" for name, value in ratios.items()),
        "",
    ]
    if not path.exists():
        path.write_text(HEADER, encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


METHODS = ("nquads-bulk", "nquads", "update", "gsp")
"""Push methods measured; ``-bulk``: with ``no_transaction`` (Oxigraph's bulk loader)."""

HEADER = """# Export and push throughput (issue 7)

Written by `bench/bench_export.py` (one section per run, newest last). Export: our N-Quads
export against `pyoxigraph.Store.dump` of the same store. Push: `allegiance push` into a fresh
`oxigraph serve` on 127.0.0.1 against `oxigraph load` (bulk loader) of the same graphs'
N-Quads. Ratio = our triples/s divided by the baseline's; goal at least 0.5. Wall and CPU
time are both given: the machine is shared with other jobs, which moves wall time from one
minute to the next; CPU time (a push's: client plus server process) is the steadier figure.

"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--per-document", type=int, default=50)
    parser.add_argument("--store", type=Path, default=None,
                        help="measure this existing store (opened read-only) instead")
    parser.add_argument("--push-graphs", type=int, default=0,
                        help="push only the first N graphs in IRI order (0: all)")
    parser.add_argument("--methods", nargs="*", default=list(METHODS),
                        choices=list(METHODS), help="push methods to measure")
    parser.add_argument("--repeat", type=int, default=1,
                        help="export and dump this many times each, alternately; keep the best")
    parser.add_argument("--formats", nargs="*", default=[],
                        help="also time these export formats (e.g. ttl jsonld)")
    parser.add_argument("--work", type=Path, default=None,
                        help="scratch folder (default: a temporary one); removed afterwards")
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=False)
        work = args.work
    else:
        work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    results = Results()
    before = f"{os.getloadavg()[0]:.1f}"
    started = time.perf_counter()
    try:
        ratios = run(args, work, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, value in ratios.items():
        print(f"{name:<50} {value:5.2f}")
    if not args.no_report:
        write_report(args.report, args, results, ratios, (before, f"{os.getloadavg()[0]:.1f}"),
                     time.perf_counter() - started)


if __name__ == "__main__":
    main()
