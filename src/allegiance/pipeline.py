"""The build: ingest -> extract -> model -> validate -> store.

Each document is validated on its own, in memory, before it touches the store; a document that
fails is reported alone and the others go on. Valid documents are written ``WRITE_BATCH`` at a
time, each write a transaction holding whole documents, and a changed document's new graph and
the removal of its previous version share one transaction. So a failure anywhere (bad bytes, a
shape violation, a crash) leaves every document either as it was or fully replaced.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from allegiance import EXTRACTOR_VERSION, resources
from allegiance.extract import extract
from allegiance.extract.lexicon import load_lexicon
from allegiance.ingest import IngestError, ingest, iter_inputs
from allegiance.model import document_graph, document_triples
from allegiance.model.iris import document_iri
from allegiance.reason import DERIVED_GRAPHS, ReasonReport, reason
from allegiance.records import Claim, Document
from allegiance.reference import load_gazetteer
from allegiance.reference.user import USER_GRAPH, user_graph
from allegiance.store import GraphStore, GraphWrite
from allegiance.store.canonical import content_hash, serialize
from allegiance.store.claimindex import Refresh
from allegiance.store.claimtable import claim_table
from allegiance.store.compaction import Compaction, compact_if_due
from allegiance.store.terms import to_triples
from allegiance.store.writes import parse_ntriples
from allegiance.validate import validate_triples

REFERENCE_GRAPH = "https://w3id.org/allegiance/id/graph/reference"
ONTOLOGY_GRAPH = "https://w3id.org/allegiance/id/graph/ontology"

WRITE_BATCH = 2048
"""Valid documents written at most per ``GraphStore.replace_graphs`` call (one transaction).

Graphs new to the store go in as one table-file ingestion per call (``store.fresh``): 2,100
document graphs (1.06M quads) took 35.8 s written one ``extend`` per document, 10.5 s in calls
of 32 documents. Fewer, bigger ingestions cost RocksDB less (fewer table files to compact): in
a two-worker build of 2,000 documents (1.65M quads) the writing process used 40.9 s of CPU
(its storage threads included) with calls of at most 32 documents or 1 s, 21.5 s with 256
documents or 5 s, 17.3 s with 512 or 5 s, 16.7 s with 1,024 or 10 s. The cost of a call grows
with the store (each ingestion is compacted into what is there), so at 10,000 documents
(5.1M quads, two workers, no reasoning) calls of at most 512 documents, 5 s or 500,000 quads
made 23 writes, 208.2 s of wall time and 140.3 s of the writing process's CPU; at most 30 s
or 850,000 quads, 9 writes, 193.7 s and 108.2 s (on two cores the writer competes with the
workers). A killed build loses at most the documents of the call being written; a re-run
writes them. ``WRITE_QUADS`` and ``WRITE_SECONDS`` bound a call too: a call stays below one
ingestion's limit (``store.fresh.BULK_MAX_QUADS``, so it is atomic) and readers see a slow build
progress at least every ``WRITE_SECONDS``."""

WRITE_QUADS = 850_000
WRITE_SECONDS = 30.0


@dataclass
class DocumentOutcome:
    path: str
    status: str  # stored | unchanged | failed | invalid
    claims: int = 0
    reason: str = ""
    graph: str = ""


@dataclass
class BuildReport:
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    reasoned: ReasonReport | None = None
    """Set when the inferred and tiers graphs were recomputed after this build."""
    compaction: Compaction | None = None
    """Whether the store was compacted after the build's writes, and why (``store.compaction``)."""
    claim_index: Refresh | None = None
    """The claim index's refresh after the writes (``store.claimindex``)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall-clock seconds of each phase run: "documents" (read, extract, validate, store, prune)
    "reasoning", "claim index" and "compaction"; what a user of a big build wants to know
    first, and what the build benchmark splits its time by."""

    @property
    def failures(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status in ("failed", "invalid")]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(frozen=True)
class Extensions:
    """The user's own gazetteer and cue files (`--gazetteer`, `--cues`); plain paths, so that
    worker processes can load the same ones."""

    gazetteer_files: tuple[str, ...] = ()
    cue_files: tuple[str, ...] = ()

    def check(self) -> None:
        """Load both once, so a bad file fails before any document is built."""
        load_gazetteer(self.gazetteer_files)
        load_lexicon(self.cue_files)

    def config(self) -> str:
        """What the extraction run records: extractor version and every lexicon's content (the
        user's cue files included; user gazetteer files by content hash). Worked out once per
        process and set of files, not once per document."""
        return _config_hash(self)


@functools.cache
def _config_hash(extensions: Extensions) -> str:
    lexicon = load_lexicon(extensions.cue_files)
    parts = [EXTRACTOR_VERSION, lexicon.config_hash]
    parts += [hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in extensions.gazetteer_files]
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


NO_EXTENSIONS = Extensions()


def config_hash(extensions: Extensions = NO_EXTENSIONS) -> str:
    """Identifies the extraction configuration (recorded in every extraction run)."""
    return extensions.config()


def extract_document(
    path: str | Path, extensions: Extensions = NO_EXTENSIONS
) -> tuple[Document, list[Claim]]:
    document = ingest(path)
    gazetteer = load_gazetteer(extensions.gazetteer_files)
    return document, extract(document, gazetteer, load_lexicon(extensions.cue_files))


def build_document_graph(
    document: Document, claims: Sequence[Claim], extensions: Extensions = NO_EXTENSIONS
) -> rdflib.Graph:
    return document_graph(document, claims, config_hash=config_hash(extensions))


@dataclass(frozen=True)
class Prepared:
    """A document made ready for the store: its validated triples, or why it cannot be stored.

    Plain data that pickles cheaply, so a worker process can hand it to the writing process:
    the triples travel as N-Triples bytes (pickling pyoxigraph triples one by one cost about
    10 ms per document graph, serialising and parsing N-Triples about 1 ms), with their content
    hash worked out in the worker rather than in the one writing process."""

    path: str
    status: str  # valid | failed | invalid
    claims: int = 0
    reason: str = ""
    iri: str = ""
    ntriples: bytes = b""
    triple_count: int = 0
    content_hash: str = ""
    claim_table: str | None = None

    def triples(self) -> list[ox.Triple]:
        """The document graph's triples, parsed back from ``ntriples``."""
        return parse_ntriples(self.ntriples)


def prepare_document(path: Path, extensions: Extensions = NO_EXTENSIONS) -> Prepared:
    """Ingest, extract, model and validate one file; touches no store (runs in workers)."""
    try:
        document, claims = extract_document(path, extensions)
    except IngestError as err:
        return Prepared(str(path), "failed", reason=err.reason)
    triples = to_triples(document_triples(document, claims, config_hash=config_hash(extensions)))
    verdict = validate_triples(triples)
    if not verdict.conforms:
        why = "; ".join(verdict.messages[:5])
        return Prepared(str(path), "invalid", len(claims), reason=why)
    iri = str(document_iri(document.sha256))
    data = serialize(triples)
    return Prepared(
        str(path),
        "valid",
        len(claims),
        iri=iri,
        ntriples=data,
        triple_count=len(triples),
        content_hash=content_hash(triples, data),
        claim_table=claim_table(triples),
    )


def prepare_all(
    files: Sequence[Path], jobs: int = 1, extensions: Extensions = NO_EXTENSIONS
) -> Iterator[Prepared]:
    """``prepare_document`` over ``files``, results in input order, with up to ``jobs``
    processes. Workers are spawned (not forked) so they never inherit the parent's open store;
    each loads the gazetteer, lexicon and shapes once."""
    jobs = max(1, min(jobs, len(files)))
    work = functools.partial(prepare_document, extensions=extensions)
    if jobs == 1:
        yield from map(work, files)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        yield from pool.imap(work, files, chunksize=4)


def load_reference(store: GraphStore, extensions: Extensions = NO_EXTENSIONS) -> bool:
    """Keep the reference actors, the user's gazetteer additions and the ontology in the store
    (each a no-op when unchanged)."""
    reference = rdflib.Graph()
    for ttl in sorted(resources.reference_dir().glob("*.ttl")):
        reference.parse(ttl, format="turtle")
    changed = store.replace_graph(REFERENCE_GRAPH, reference, meta={"path": "graph/reference"})
    ontology = rdflib.Graph().parse(resources.ontology_path(), format="turtle")
    changed |= store.replace_graph(ONTOLOGY_GRAPH, ontology, meta={"path": "ontology"})
    if extensions.gazetteer_files:
        known = load_gazetteer().actors()
        user = user_graph(extensions.gazetteer_files, [a.id for a in known])
        changed |= store.replace_graph(USER_GRAPH, user, meta={"path": "--gazetteer"})
    elif USER_GRAPH in store.graphs():
        changed |= store.drop_graph(USER_GRAPH)
    return changed


def expand_inputs(paths: Iterable[str | Path | IngestError]) -> list[Path | IngestError]:
    """Files to build, folders expanded; errors found while expanding are kept in place."""
    out: list[Path | IngestError] = []
    for item in paths:
        out.extend([item] if isinstance(item, IngestError) else iter_inputs([item]))
    return out


def build(
    paths: Iterable[str | Path | IngestError],
    store: GraphStore,
    *,
    prune: bool = False,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    reasoning: bool = True,
    extensions: Extensions = NO_EXTENSIONS,
    write_batch: int = WRITE_BATCH,
    compaction: str = "auto",
) -> BuildReport:
    """Build ``paths`` into ``store``; ``jobs`` > 1 prepares documents in worker processes.

    Workers only read, extract, model and validate (``prepare_document``); every store write
    stays here, in input order, at most ``write_batch`` documents per transaction, so the store
    is the same as after a one-process build. Then, when anything changed (or the derived
    graphs are missing), ``reasoning`` recomputes the inferred actor edges and the tiers;
    last, the store is compacted as ``compaction`` ("auto", "always", "never") says.
    """
    report = BuildReport()
    started = time.monotonic()
    changed = load_reference(store, extensions)
    by_path = {entry.path: iri for iri, entry in store.catalogue().items()}
    seen: set[str] = set()
    items = expand_inputs(paths)
    files = [item for item in items if not isinstance(item, IngestError)]
    prepared = iter(prepare_all(files, jobs, extensions))
    pending = _Pending(store, report, write_batch)
    for item in items:
        if isinstance(item, IngestError):
            pending.add(DocumentOutcome(str(item.path), "failed", reason=item.reason))
            continue
        key = str(item.resolve())
        seen.add(key)
        if progress:
            progress(key)
        pending.add_prepared(next(prepared), key, by_path.get(key))
    pending.flush()
    if prune:
        for path, iri in sorted(by_path.items()):
            if path not in seen and iri.startswith("https://w3id.org/allegiance/id/document/"):
                store.drop_graph(iri)
                report.pruned.append(path)
    changed |= bool(report.pruned) or report.count("stored") > 0
    # the catalogue, not the graph list: a first write of a big derived graph that was
    # killed leaves the graph without its entry (store.fresh), to be recomputed
    derived_missing = not set(DERIVED_GRAPHS) <= set(store.catalogue())
    report.seconds["documents"] = round(time.monotonic() - started, 3)
    if reasoning and (changed or derived_missing):
        started = time.monotonic()
        report.reasoned = reason(store)
        report.seconds["reasoning"] = round(time.monotonic() - started, 3)
    started = time.monotonic()
    report.claim_index = store.refresh_claim_index()
    report.seconds["claim index"] = round(time.monotonic() - started, 3)
    report.compaction = compact_if_due(store, compaction)
    if report.compaction.ran:
        report.seconds["compaction"] = report.compaction.seconds
    return report


class _Pending:
    """Outcomes in input order, with the valid documents' writes grouped ``WRITE_BATCH`` at a
    time; an outcome waits for its write to know whether it was "stored" or "unchanged"."""

    def __init__(self, store: GraphStore, report: BuildReport, batch: int = WRITE_BATCH) -> None:
        self.store = store
        self.report = report
        self.batch = max(1, batch)
        self.writes: list[GraphWrite] = []
        self.waiting: list[DocumentOutcome] = []
        self.quads = 0
        self.since = 0.0

    def add(self, outcome: DocumentOutcome) -> None:
        self.report.outcomes.append(outcome)

    def add_prepared(self, prepared: Prepared, key: str, previous_iri: str | None) -> None:
        if prepared.status != "valid":
            reason = prepared.reason
            self.add(DocumentOutcome(prepared.path, prepared.status, prepared.claims, reason))
            return
        drop = (previous_iri,) if previous_iri and previous_iri != prepared.iri else ()
        if self.quads + prepared.triple_count > WRITE_QUADS:
            self.flush()  # WRITE_QUADS bounds every write, whatever the documents' sizes
        if not self.writes:
            self.since = time.monotonic()
        self.writes.append(
            GraphWrite.from_ntriples(
                prepared.iri,
                prepared.ntriples,
                prepared.triple_count,
                prepared.content_hash,
                path=key,
                drop=drop,
                claim_table=prepared.claim_table,
            )
        )
        self.quads += prepared.triple_count
        outcome = DocumentOutcome(prepared.path, "stored", prepared.claims, graph=prepared.iri)
        self.waiting.append(outcome)
        self.add(outcome)
        if (
            len(self.writes) >= self.batch
            or self.quads >= WRITE_QUADS
            or time.monotonic() - self.since >= WRITE_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Write the waiting documents (a retired version goes with its successor)."""
        if not self.writes:
            return
        changed = self.store.replace_graphs(self.writes)
        for outcome, written in zip(self.waiting, changed, strict=True):
            outcome.status = "stored" if written else "unchanged"
        self.writes.clear()
        self.waiting.clear()
        self.quads = 0
