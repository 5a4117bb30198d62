"""A bounded load test of ``allegiance serve`` on loopback, compared with ``oxigraph serve``.

    PYTHONPATH=src .venv/bin/python bench/load_test.py --store /tmp/s1m --claims 1000000 \\
        --requests 5000 --concurrency 16 --out bench/LOAD.md

Builds the store with ``bench/synthetic_claims.py`` when ``--store`` does not exist, starts
``python -m allegiance.serve`` on it, sends a fixed list of requests (drawn from ``--seed``) at a
fixed concurrency with async httpx, then stops: errors (anything but a complete 200), throughput
and p50/p99 latency per kind. The kinds: three point templates (``/api/pair-evidence``,
``/api/partners-by-tier``, ``/api/actor-relations``), SPARQL SELECTs by ``/sparql`` and
linked-data GETs of claim and evidence descriptions. Then our server stops and
``oxigraph serve-read-only --union-default-graph`` opens the same store (one at a time: the two
never compete for the two cores, and no copy is needed) and gets the same SPARQL, the templates
sent as the SPARQL our server runs for them; the ratios are printed and written to ``--out``.
Actors are drawn with the generator's popularity weights, so popular actors get more requests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_claims

from allegiance.query import load_templates, prepare
from allegiance.reference import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
JSON = "application/sparql-results+json"
PREFIX = ("PREFIX alg: <https://w3id.org/allegiance/ontology#>\n"
          "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
          "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
SELECTS = [
    # the latest claims of an actor with their sentences
    PREFIX + "SELECT ?claim ?other ?exact WHERE {{ ?claim alg:subjectActor <{actor}> ; "
    "alg:objectActor ?other ; alg:hasEvidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact }} "
    "LIMIT 50",
    # claims of an actor counted by dimension
    PREFIX + "SELECT ?dimension (COUNT(*) AS ?n) WHERE {{ ?claim alg:objectActor <{actor}> ; "
    "alg:dimension/skos:notation ?dimension }} GROUP BY ?dimension",
    # one claim, all its properties
    "SELECT ?p ?o WHERE {{ <{claim}> ?p ?o }}",
]
KINDS = ("pair-evidence", "partners-by-tier", "actor-relations", "sparql-select", "linked-data")
SAMPLE_CLAIMS = 2000


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    params: dict[str, str]
    accept: str
    sparql: str | None
    """The same question as SPARQL (None for linked data, which oxigraph does not serve)."""


@dataclass
class Outcome:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(url: str, process: subprocess.Popen[bytes], probe: str) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(url + probe, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit("server did not start in 300 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def sample_claims(url: str) -> list[str]:
    query = ("SELECT ?c WHERE { ?c a <https://w3id.org/allegiance/ontology#RelationClaim> } "
             f"LIMIT {SAMPLE_CLAIMS}")
    response = httpx.get(f"{url}/sparql", params={"query": query}, headers={"Accept": JSON},
                         timeout=120)
    response.raise_for_status()
    return sorted(b["c"]["value"] for b in response.json()["results"]["bindings"])


def plan(count: int, seed: int, claims: list[str]) -> list[Request]:
    """``count`` requests, the five kinds in equal shares, in a shuffled fixed order."""
    m = synthetic_claims.material()
    templates, gazetteer = load_templates(), load_gazetteer()
    rng = random.Random(seed)
    base = "https://w3id.org/allegiance/id/"

    def actor() -> str:  # the IRI: some ids are ambiguous as names (NAM, nam)
        return f"{base}actor/" + rng.choices(m.actors, weights=m.weights)[0][0]

    def api(name: str, values: dict[str, str]) -> Request:
        sparql = prepare(templates[name], values, gazetteer=gazetteer).sparql
        return Request(name, f"/api/{name}", values, JSON, sparql)

    out = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        if kind == "pair-evidence":
            a, b = actor(), actor()
            while b == a:
                b = actor()
            out.append(api(kind, {"actor": a, "other": b}))
        elif kind in ("partners-by-tier", "actor-relations"):
            out.append(api(kind, {"actor": actor()}))
        elif kind == "sparql-select":
            query = rng.choice(SELECTS).format(actor=actor(),
                                               claim=rng.choice(claims))
            out.append(Request(kind, "/sparql", {"query": query}, JSON, query))
        else:
            local = rng.choice(claims).removeprefix(base)
            if rng.random() < 0.5:
                local = local.replace("claim/", "evidence/")
            out.append(Request(kind, f"/data/{local}.ttl", {}, "text/turtle", None))
    rng.shuffle(out)
    return out


async def run_load(url: str, requests: list[Request], concurrency: int, oxigraph: bool
                   ) -> Outcome:
    outcome = Outcome()
    queue: asyncio.Queue[Request] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            request = queue.get_nowait()
            if oxigraph:
                path, params = "/query", {"query": request.sparql or ""}
            else:
                path, params = request.path, request.params
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params,
                                            headers={"Accept": request.accept})
                ok = response.status_code == 200
                if ok and request.accept == JSON:
                    json.loads(response.content)  # complete, not cut
                problem = "" if ok else f"{response.status_code} {response.text[:100]}"
            except (httpx.HTTPError, ValueError) as error:
                ok, problem = False, f"{type(error).__name__}: {error}"
            elapsed = time.perf_counter() - started
            if ok:
                outcome.latencies.setdefault(request.kind, []).append(elapsed)
            else:
                outcome.errors[request.kind] = outcome.errors.get(request.kind, 0) + 1
                if len(outcome.examples) < 5:
                    outcome.examples.append(f"{request.kind}: {problem}")

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        outcome.seconds = time.perf_counter() - started
    return outcome


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def table(outcome: Outcome) -> list[str]:
    rows = ["| kind | ok | errors | p50 ms | p99 ms | mean ms |", "|---|---:|---:|---:|---:|---:|"]
    everything: list[float] = []
    for kind in KINDS:
        times = outcome.latencies.get(kind, [])
        errors = outcome.errors.get(kind, 0)
        if not times and not errors:
            continue
        everything += times
        rows.append(f"| {kind} | {len(times)} | {errors} | {_ms(times, 0.5)} | "
                    f"{_ms(times, 0.99)} | {statistics.mean(times) * 1000:.1f} |"
                    if times else f"| {kind} | 0 | {errors} | - | - | - |")
    rows.append(f"| **all** | {len(everything)} | {sum(outcome.errors.values())} | "
                f"{_ms(everything, 0.5)} | {_ms(everything, 0.99)} | "
                f"{statistics.mean(everything) * 1000:.1f} |")
    rows.append("")
    rows.append(f"{outcome.total} requests in {outcome.seconds:.1f} s: "
                f"**{outcome.total / outcome.seconds:.1f} req/s**, "
                f"{sum(outcome.errors.values())} errors.")
    rows += [f"- error example: `{e}`" for e in outcome.examples]
    return rows


def rate(outcome: Outcome) -> float:
    return outcome.total / outcome.seconds


def _ms(values: list[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.1f}" if values else "-"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    import pyoxigraph

    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}")


def serve_ours(store: Path, workers: int) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("ALLEGIANCE_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "allegiance.serve", "--store", str(store), "--port", str(port),
         "--workers", str(workers), "--timeout", "60"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, process, "/sparql")
    return url, process


def serve_oxigraph(store: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve-read-only", "--location", str(store), "--bind",
         f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "60"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, process, "/query")
    return url, process


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--claims", type=int, default=1_000_000,
                        help="size of the store to build when --store does not exist")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-oxigraph", action="store_true")
    parser.add_argument("--out", type=Path, help="write the report here (Markdown)")
    args = parser.parse_args(argv)

    lines = ["# Load test", "", f"Machine: {machine()}.", "",
             "Command: `PYTHONPATH=src .venv/bin/python bench/load_test.py "
             + " ".join(argv if argv is not None else sys.argv[1:]) + "`", ""]
    if not args.store.exists():
        stats = synthetic_claims.build_store(args.store, args.claims)
        args.store.with_suffix(".stats.json").write_text(json.dumps(stats))
    stats_file = args.store.with_suffix(".stats.json")
    if stats_file.exists():
        s = json.loads(stats_file.read_text())
        lines += ["## Store", "", f"{s['claims']:,} claims, {s['quads']:,} quads, "
                  f"{s['bytes'] / 1e9:.2f} GB on disk; built by `bench/synthetic_claims.py` in "
                  f"{s['total_s']:.0f} s (generate {s['generate_s']:.0f} s, bulk load "
                  f"{s['bulk_load_s']:.0f} s, tiers {s['tiers_s']:.0f} s).", ""]
    url, process = serve_ours(args.store, args.workers)
    try:
        claims = sample_claims(url)
        requests = plan(args.requests, args.seed, claims)
        asyncio.run(run_load(url, requests[: 2 * args.concurrency], args.concurrency, False))
        ours = asyncio.run(run_load(url, requests, args.concurrency, False))
        sparql = [r for r in requests if r.sparql is not None]
        ours_sparql = asyncio.run(run_load(url, sparql, args.concurrency, False))
    finally:
        stop(process)
    lines += [f"## allegiance serve ({args.workers} query processes, concurrency "
              f"{args.concurrency})", "", *table(ours), ""]
    print("\n".join(lines))
    if not args.no_oxigraph:
        url, process = serve_oxigraph(args.store)
        try:
            asyncio.run(run_load(url, sparql[: 2 * args.concurrency], args.concurrency, True))
            theirs = asyncio.run(run_load(url, sparql, args.concurrency, True))
        finally:
            stop(process)
        section = [f"## The SPARQL part alone ({len(sparql)} requests: templates and SELECTs)",
                   "", "### allegiance serve", "", *table(ours_sparql), "",
                   "### oxigraph serve-read-only --union-default-graph (same store; templates "
                   "sent as the SPARQL our server runs for them)", "", *table(theirs), "",
                   "### Ratio allegiance / oxigraph", "",
                   f"- throughput: {rate(ours_sparql) / rate(theirs):.2f}x"]
        for kind in KINDS[:4]:
            a, b = ours_sparql.latencies.get(kind), theirs.latencies.get(kind)
            if a and b:
                section.append(f"- {kind} p50 latency: {percentile(a, .5) / percentile(b, .5):.2f}x"
                               f", p99: {percentile(a, .99) / percentile(b, .99):.2f}x")
        section.append("")
        print("\n".join(section))
        lines += section
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
