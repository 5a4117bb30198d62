"""Export and push throughput against pyoxigraph's own dump and bulk load (run by hand).

    PYTHONPATH=src .venv/bin/python bench/bench_export.py --claims 20000

Synthetic document graphs of the model's shape (claim, evidence, target, two selectors, ~30
triples per claim) are written straight into a GraphStore; then the store is exported as N-Quads
and Turtle (ours) and dumped by ``Store.dump`` (pyoxigraph), and pushed with SPARQL Update to an
``oxigraph serve`` (ours) against ``oxigraph load`` of the same N-Quads. The goal of issue 7 is
at least half of pyoxigraph's rate.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from allegiance.export import Remote, export, push
from allegiance.export.remote import RemoteClient
from allegiance.store import GraphStore

ALG = "https://w3id.org/allegiance/ontology#"
ALI = "https://w3id.org/allegiance/id/"


def synthetic(store: GraphStore, claims: int, per_document: int) -> int:
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


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def rate(label: str, triples: int, seconds: float) -> None:
    print(f"{label:<34} {seconds:8.2f} s  {triples / seconds:12,.0f} triples/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--per-document", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        store = GraphStore.open(work / "store")
        start = time.perf_counter()
        triples = synthetic(store, args.claims, args.per_document)
        rate("build (replace_graph)", triples, time.perf_counter() - start)
        for fmt in ("nq", "ttl", "jsonld"):
            start = time.perf_counter()
            with (work / f"out.{fmt}").open("wb") as out:
                export(store, out, fmt)
            rate(f"allegiance export {fmt}", triples, time.perf_counter() - start)
        store.close()
        raw = ox.Store.read_only(str(work / "store"))
        start = time.perf_counter()
        raw.dump(str(work / "dump.nq"), format=ox.RdfFormat.N_QUADS)
        rate("pyoxigraph Store.dump nq", triples, time.perf_counter() - start)
        del raw
        binary = Path(sys.executable).parent / "oxigraph"
        if not binary.is_file():
            print("oxigraph binary missing: push not measured")
            return
        start = time.perf_counter()
        subprocess.run([str(binary), "load", "--location", str(work / "bulk"), "--file",
                        str(work / "out.nq")], check=True, capture_output=True)
        rate("oxigraph load (bulk)", triples, time.perf_counter() - start)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen([str(binary), "serve", "--location", str(work / "remote"),
                                   "--bind", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)
            base = f"http://127.0.0.1:{port}"
            store = GraphStore.open(work / "store", read_only=True)
            for method, remote in (
                ("update", Remote(f"{base}/query", f"{base}/update")),
                ("gsp", Remote(f"{base}/query", graph_store_url=f"{base}/store")),
            ):
                RemoteClient(Remote(update_url=f"{base}/update")).update("DROP ALL")
                client = RemoteClient(remote)
                start = time.perf_counter()
                report = push(store, client, method=method)
                rate(f"allegiance push {method} ({report.requests} req)", triples,
                     time.perf_counter() - start)
            store.close()
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
