"""Read the claim layer out of the store as plain rows, the input of every reasoning step.

Every claim is read from the catalogue's claim tables (``allegiance.reason.claimtables``), or by
column scans where a store has none (``allegiance.reason.claimscan``: a SPARQL join over a
million claims is too slow); one actor's claims by one SPARQL join that starts from the actor,
which touches only those claims. Everything after that is plain Python over the rows, so tiers
never need an RDF reasoner over claims. Concept IRIs are mapped back to their
``skos:notation`` with the ontology's own table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

import pyoxigraph as ox

from allegiance.reason.claimscan import REQUIRED, scan_claims
from allegiance.reason.claimscan import select as _select
from allegiance.reason.claimtables import Columns, graphs_restriction, tabled_claims
from allegiance.reason.vocab import ACTOR_BASE, actor_id, concept_notation
from allegiance.store import GraphStore

PREFIXES = """PREFIX alg: <https://w3id.org/allegiance/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

CLAIMS_QUERY = (
    PREFIXES
    + """SELECT ?c ?s ?o ?dim ?pol ?form ?mod ?dir ?conf ?doc ?year WHERE {
  %s
  ?c a alg:RelationClaim ; alg:subjectActor ?s ; alg:objectActor ?o ; alg:dimension ?dim ;
     alg:polarity ?pol ; alg:formality ?form ; alg:modality ?mod ; alg:statedIn ?doc .
  OPTIONAL { ?c alg:directed ?dir }
  OPTIONAL { ?c alg:confidence ?conf }
  OPTIONAL { ?c alg:referenceYear ?year }
}"""
)

DOCUMENTS_QUERY = (
    PREFIXES
    + """SELECT ?doc ?date ?pub WHERE {
  { SELECT ?doc WHERE { ?doc a alg:Document } }
  OPTIONAL { SELECT ?doc ?date WHERE { ?doc dcterms:date ?date } }
  OPTIONAL { SELECT ?doc ?pub WHERE { ?doc dcterms:publisher ?pub } }
}"""
)
"""Each property in a sub-select of its own, so that Oxigraph joins them by hashing rather than
by one index lookup per document: 3.3 s instead of 9.5 s for the 100,000 documents of the
1,000,000-claim store."""

EVIDENCE_QUERY = (
    PREFIXES
    + """SELECT ?c ?exact ?start ?end ?path ?title WHERE {
  VALUES ?c { %s }
  ?c alg:hasEvidence/oa:hasTarget ?t ; alg:statedIn ?doc .
  ?t oa:hasSelector ?q , ?p .
  ?q oa:exact ?exact .
  ?p oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc alg:sourcePath ?path }
  OPTIONAL { ?doc dcterms:title ?title }
}"""
)

# Types come from the reference graphs only: reading the derived graphs back would feed the
# previous run's inferences into the next one (a rebuild would then differ from a fresh build).
_NOT_DERIVED = (
    "FILTER(?g NOT IN (<https://w3id.org/allegiance/id/graph/inferred>, "
    "<https://w3id.org/allegiance/id/graph/tiers>))"
)
ACTORS_QUERY = (
    PREFIXES
    + """SELECT ?a ?label ?type WHERE {
  VALUES ?a { %s }
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { GRAPH ?g { ?a a ?type } """
    + _NOT_DERIVED
    + """ }
}"""
)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim with what tiering needs; ids are actor ids, the rest notations."""

    iri: str
    subject: str
    object: str
    dimension: str
    polarity: str
    formality: str
    modality: str
    directed: bool
    confidence: float
    document: str
    year: int | None
    publisher: str | None

    @property
    def source(self) -> str:
        """The independent-source key: the publisher where the document states one."""
        return f"publisher:{self.publisher.strip().casefold()}" if self.publisher else self.document

    def partner_of(self, actor: str) -> str:
        return self.object if self.subject == actor else self.subject


@dataclass(frozen=True)
class EvidenceRow:
    claim: str
    text: str
    start: int
    end: int
    path: str | None
    title: str | None


Documents = dict[str, tuple[str | None, str | None]]


def _documents(store: GraphStore) -> Documents:
    """``{document: (date, publisher)}``, read once rather than joined into every claim."""
    found: Documents = {}
    for sol in _select(store, DOCUMENTS_QUERY):
        found[sol["doc"].value] = (_value(sol["date"]), _value(sol["pub"]))
    return found


def _value(term: object) -> str | None:
    return None if term is None else term.value  # type: ignore[attr-defined]


def _year(reference: str | None, date: str | None) -> int | None:
    for text in (reference, date):
        if text and text.lstrip("-")[:4].isdigit():
            return int(text[:5] if text.startswith("-") else text[:4])
    return None


def load_claims(
    store: GraphStore, *, actor: str | None = None, as_of: int | None = None
) -> list[ClaimRow]:
    """Every claim (optionally only those involving ``actor``), sorted by IRI.

    With ``as_of``, claims whose year (the claim's reference year, else its document's date) is
    after ``as_of`` are left out; claims with no year at all are kept.
    """
    documents = _documents(store)
    if actor is None:
        rows = _every_claim(store, documents)
    else:
        node = ox.NamedNode(ACTOR_BASE + actor)
        restriction = f"{{ ?c alg:subjectActor {node} }} UNION {{ ?c alg:objectActor {node} }}"
        joined = _joined_claims(store, restriction, documents)
        rows = [joined[key] for key in sorted(joined)]
    if as_of is None:
        return rows
    return [row for row in rows if row.year is None or row.year <= as_of]


def _joined_claims(
    store: GraphStore, restriction: str, documents: Documents
) -> dict[str, ClaimRow]:
    """``{claim: row}`` for the claims ``restriction`` binds to ``?c``, by one SPARQL join."""
    dims = concept_notation("dimension")
    pols = concept_notation("polarity")
    forms = concept_notation("formality")
    mods = concept_notation("modality")
    rows: dict[str, ClaimRow] = {}
    for sol in _select(store, CLAIMS_QUERY % restriction):
        doc = sol["doc"].value
        date, publisher = documents.get(doc, (None, None))
        iri = sol["c"].value
        conf = _value(sol["conf"])
        rows[iri] = ClaimRow(
            iri=iri,
            subject=actor_id(sol["s"].value),
            object=actor_id(sol["o"].value),
            dimension=dims[sol["dim"].value],
            polarity=pols[sol["pol"].value],
            formality=forms[sol["form"].value],
            modality=mods[sol["mod"].value],
            directed=_value(sol["dir"]) == "true",
            confidence=float(conf) if conf is not None else 0.0,
            document=doc,
            year=_year(_value(sol["year"]), date),
            publisher=publisher,
        )
    return rows


def _names() -> dict[str, Callable[[str], str]]:
    names: dict[str, Callable[[str], str]] = {"subjectActor": actor_id, "objectActor": actor_id}
    for scheme in ("dimension", "polarity", "formality", "modality"):
        names[scheme] = concept_notation(scheme).__getitem__  # property named as its scheme
    return names


def _every_claim(store: GraphStore, documents: Documents) -> list[ClaimRow]:
    """From the claim tables where the store has them (``claimtables``; claims of graphs
    without one by a SPARQL join), else from column scans; the same rows either way."""
    tabled = tabled_claims(store, _names())
    if tabled is None:
        return scan_every_claim(store, documents)
    rows = _column_rows(documents, tabled.iris, tabled.columns)
    if not tabled.untabled:
        return rows
    joined = _joined_claims(store, graphs_restriction(tabled.untabled), documents)
    if not joined.keys().isdisjoint(tabled.iris):  # a claim typed in two graphs: the union
        return scan_every_claim(store, documents)
    rows.extend(joined.values())
    rows.sort(key=attrgetter("iri"))
    return rows


def scan_every_claim(store: GraphStore, documents: Documents | None = None) -> list[ClaimRow]:
    """Every claim read from the triples by column scans, ignoring the claim tables: what
    ``load_claims`` does on a store without tables (the baseline of ``bench/bench_tiers.py``
    and the reference of the tests that check the tables)."""
    iris, values = scan_claims(store, _names())
    columns: Columns = {}
    for name, found in values.items():  # required properties: every claim has one
        columns[name] = list(map(found.__getitem__ if name in REQUIRED else found.get, iris))
    return _column_rows(_documents(store) if documents is None else documents, iris, columns)


def _column_rows(documents: Documents, iris: list[str], columns: Columns) -> list[ClaimRow]:
    """Rows from columns aligned with ``iris``, built with C loops over the claims and Python
    work per distinct value (a document's facts, a year, a confidence), not per claim."""
    docs: list[str] = columns["statedIn"]  # type: ignore[assignment]
    doc_facts = {doc: documents.get(doc, (None, None)) for doc in set(docs)}
    publishers = [doc_facts[doc][1] for doc in docs]
    doc_years = {doc: _year(None, date) for doc, (date, _) in doc_facts.items()}
    reference_years = {ref: _year(ref, None) for ref in set(columns["referenceYear"])}
    years = [
        year if (year := reference_years[ref]) is not None else doc_years[doc]
        for ref, doc in zip(columns["referenceYear"], docs, strict=True)
    ]
    floats: dict[str | None, float] = {None: 0.0}
    floats.update((text, float(text)) for text in set(columns["confidence"]) if text is not None)
    return list(
        map(
            ClaimRow,
            iris,
            columns["subjectActor"],
            columns["objectActor"],
            columns["dimension"],
            columns["polarity"],
            columns["formality"],
            columns["modality"],
            [value == "true" for value in columns["directed"]],
            map(floats.__getitem__, columns["confidence"]),
            docs,
            years,
            publishers,
        )
    )


def load_evidence(store: GraphStore, claim_iris: list[str]) -> dict[str, EvidenceRow]:
    """The evidence sentence, offsets and document path of each claim."""
    found: dict[str, EvidenceRow] = {}
    if not claim_iris:
        return found
    values = " ".join(str(ox.NamedNode(iri)) for iri in sorted(set(claim_iris)))
    for sol in _select(store, EVIDENCE_QUERY % values):
        found[sol["c"].value] = EvidenceRow(
            claim=sol["c"].value,
            text=sol["exact"].value,
            start=int(sol["start"].value),
            end=int(sol["end"].value),
            path=_value(sol["path"]),
            title=_value(sol["title"]),
        )
    return found


def load_actor_types(store: GraphStore, ids: list[str]) -> dict[str, tuple[str, frozenset[str]]]:
    """``{id: (label, rdf:types)}`` from the reference graph; unknown actors get their id."""
    out: dict[str, tuple[str, set[str]]] = {i: (i, set()) for i in ids}
    if not ids:
        return {}
    values = " ".join(str(ox.NamedNode(ACTOR_BASE + i)) for i in sorted(set(ids)))
    for sol in _select(store, ACTORS_QUERY % values):
        key = actor_id(sol["a"].value)
        label, types = out[key]
        if sol["label"] is not None and label == key:
            label = sol["label"].value
        if sol["type"] is not None:
            types.add(sol["type"].value)
        out[key] = (label, types)
    return {key: (label, frozenset(types)) for key, (label, types) in sorted(out.items())}
