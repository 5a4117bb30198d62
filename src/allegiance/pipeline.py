"""The build: ingest -> extract -> model -> validate -> store, one document at a time.

Each document is validated in memory before it touches the store, and written in one transaction
that also removes the graph of the previous version of the same file. So a failure anywhere (bad
bytes, a shape violation, a crash) leaves every document either as it was or fully replaced, and
the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from allegiance import EXTRACTOR_VERSION, resources
from allegiance.extract import extract
from allegiance.extract.lexicon import load_lexicon
from allegiance.ingest import IngestError, ingest, iter_inputs
from allegiance.model import document_graph
from allegiance.model.iris import document_iri
from allegiance.reason import INFERRED_GRAPH, TIERS_GRAPH, ReasonReport, reason
from allegiance.records import Claim, Document
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore
from allegiance.validate import validate

REFERENCE_GRAPH = "https://w3id.org/allegiance/id/graph/reference"
ONTOLOGY_GRAPH = "https://w3id.org/allegiance/id/graph/ontology"


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

    @property
    def failures(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status in ("failed", "invalid")]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def config_hash() -> str:
    """Identifies the extraction configuration: extractor version plus every lexicon's content."""
    lexicon = load_lexicon()
    return hashlib.sha256(f"{EXTRACTOR_VERSION}:{lexicon.config_hash}".encode()).hexdigest()[:16]


def extract_document(path: str | Path) -> tuple[Document, list[Claim]]:
    document = ingest(path)
    return document, extract(document, load_gazetteer())


def build_document_graph(document: Document, claims: Sequence[Claim]) -> rdflib.Graph:
    return document_graph(document, claims, config_hash=config_hash())


def load_reference(store: GraphStore) -> bool:
    """Keep the reference actors and the ontology in the store (a no-op when unchanged)."""
    reference = rdflib.Graph()
    for ttl in sorted(resources.reference_dir().glob("*.ttl")):
        reference.parse(ttl, format="turtle")
    changed = store.replace_graph(REFERENCE_GRAPH, reference, meta={"path": "graph/reference"})
    ontology = rdflib.Graph().parse(resources.ontology_path(), format="turtle")
    changed |= store.replace_graph(ONTOLOGY_GRAPH, ontology, meta={"path": "ontology"})
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
    reasoning: bool = True,
) -> BuildReport:
    """Build documents into ``store``; then, when anything changed (or the derived graphs are
    missing), recompute the inferred actor edges and the alliance tiers."""
    report = BuildReport()
    changed = load_reference(store)
    by_path = {entry.path: iri for iri, entry in store.catalogue().items()}
    seen: set[str] = set()
    for item in expand_inputs(paths):
        if isinstance(item, IngestError):
            report.outcomes.append(DocumentOutcome(str(item.path), "failed", reason=item.reason))
            continue
        key = str(item.resolve())
        seen.add(key)
        if progress:
            progress(key)
        report.outcomes.append(_build_one(item, key, store, by_path.get(key)))
    if prune:
        for path, iri in sorted(by_path.items()):
            if path not in seen and iri.startswith("https://w3id.org/allegiance/id/document/"):
                store.drop_graph(iri)
                report.pruned.append(path)
    changed |= bool(report.pruned) or report.count("stored") > 0
    derived_missing = not {INFERRED_GRAPH, TIERS_GRAPH} <= set(store.graphs())
    if reasoning and (changed or derived_missing):
        report.reasoned = reason(store)
    return report


def _build_one(
    path: Path, key: str, store: GraphStore, previous_iri: str | None
) -> DocumentOutcome:
    try:
        document, claims = extract_document(path)
    except IngestError as err:
        return DocumentOutcome(str(path), "failed", reason=err.reason)
    graph = build_document_graph(document, claims)
    verdict = validate(graph)
    if not verdict.conforms:
        reason = "; ".join(verdict.messages[:5])
        return DocumentOutcome(str(path), "invalid", len(claims), reason=reason)
    iri = str(document_iri(document.sha256))
    drop = [previous_iri] if previous_iri and previous_iri != iri else []
    changed = store.replace_graph(iri, graph, meta={"path": key}, drop=drop)
    return DocumentOutcome(str(path), "stored" if changed else "unchanged", len(claims), graph=iri)
