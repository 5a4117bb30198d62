"""The dataset's description in VoID and DCAT 3, computed from the store.

Statistics are counted, never estimated, so a reader can check them: ``void:triples`` is the
number of statements in the dataset, i.e. the sum over its named graphs (the catalogue graph is
bookkeeping and not part of the dataset), which is also the number of lines of a whole-store
N-Quads export; each named graph is a ``void:subset`` with its own count; class and property
partitions carry ``void:entities`` and ``void:triples``. The creation time is the one thing that
changes from run to run, which is why it lives here and never in a data graph. The description
uses no blank nodes (partitions get IRIs under the dataset's), so it exports like the data.
"""

from __future__ import annotations

from datetime import UTC, datetime

import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, VOID, XSD

from allegiance import __version__
from allegiance.export.writer import FORMATS
from allegiance.model.iris import hash16
from allegiance.namespaces import ALG, ALI, OA, ORG, SKOS, bind_prefixes
from allegiance.store import GraphStore

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PAV = Namespace("http://purl.org/pav/")

DATASET = URIRef(str(ALI) + "dataset")
CATALOG = URIRef(str(ALI) + "catalog")
DEFAULT_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
VOCABULARIES = (ALG, OA, PROV, DCTERMS, SKOS, ORG)
EXAMPLES = 3
"""Example claims and example actors named by ``void:exampleResource``."""

_FORMAT_IRIS = {
    "nq": "N-Quads", "trig": "TriG", "jsonld": "JSON-LD", "nt": "N-Triples", "ttl": "Turtle",
    "xml": "RDF_XML",
}


def _count(store: GraphStore, sparql: str) -> int:
    rows = store.select_rows(sparql)[1]
    return int(rows[0][0] or 0) if rows else 0


def _pairs(store: GraphStore, sparql: str) -> list[tuple[str, int]]:
    return [(str(row[0]), int(row[1] or 0)) for row in store.select_rows(sparql)[1]
            if row[0] is not None]


def describe(
    store: GraphStore,
    base_url: str | None = None,
    *,
    licence: str | None = None,
    created: datetime | None = None,
) -> rdflib.Graph:
    """VoID + DCAT description; ``base_url`` (where the server runs) adds endpoint and dumps."""
    graph = bind_prefixes(rdflib.Graph(bind_namespaces="none"))
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("sd", SD), ("pav", PAV)):
        graph.bind(prefix, namespace)
    add = graph.add
    stamp = (created or datetime.now(UTC)).replace(microsecond=0)
    software = URIRef(f"{ALI}software/allegiance/{__version__}")

    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, RDF.type, DCAT.Dataset))
    add((DATASET, DCTERMS.title, Literal("Allegiance knowledge graph", lang="en")))
    add((DATASET, DCTERMS.description, Literal(
        "Relation claims between states, non-state actors and intergovernmental organisations, "
        "each with the sentence that supports it, one named graph per source document.",
        lang="en")))
    add((DATASET, DCTERMS.license, URIRef(licence) if licence else DEFAULT_LICENCE))
    add((DATASET, DCTERMS.created, Literal(stamp.isoformat(), datatype=XSD.dateTime)))
    add((DATASET, PAV.createdWith, software))
    add((software, RDF.type, PROV.SoftwareAgent))
    add((software, RDFS.label, Literal(f"allegiance {__version__}")))
    add((software, OWL.versionInfo, Literal(__version__)))
    add((DATASET, VOID.uriSpace, Literal(str(ALI))))
    for vocabulary in VOCABULARIES:
        add((DATASET, VOID.vocabulary, URIRef(str(vocabulary))))
    for name in FORMATS:
        add((DATASET, VOID.feature, URIRef(f"http://www.w3.org/ns/formats/{_FORMAT_IRIS[name]}")))

    _statistics(store, graph)
    _examples(store, graph)
    _catalog(graph, base_url)
    return graph


def _statistics(store: GraphStore, graph: rdflib.Graph) -> None:
    add = graph.add
    add((DATASET, VOID.triples, _int(store.quad_count())))
    add((DATASET, VOID.entities, _int(_count(store, (
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?s), "{ALI}")) }}')))))
    add((DATASET, VOID.distinctSubjects, _int(_count(
        store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))))
    add((DATASET, VOID.distinctObjects, _int(_count(
        store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))))
    classes = _pairs(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } "
                            "FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c")
    properties = _pairs(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                               "GROUP BY ?p ORDER BY ?p")
    graphs = _pairs(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                           "GROUP BY ?g ORDER BY ?g")
    add((DATASET, VOID.classes, _int(len(classes))))
    add((DATASET, VOID.properties, _int(len(properties))))
    for iri, entities in classes:
        part = URIRef(f"{DATASET}/class/{hash16(iri)}")
        add((DATASET, VOID.classPartition, part))
        add((part, VOID["class"], URIRef(iri)))
        add((part, VOID.entities, _int(entities)))
    for iri, triples in properties:
        part = URIRef(f"{DATASET}/property/{hash16(iri)}")
        add((DATASET, VOID.propertyPartition, part))
        add((part, VOID.property, URIRef(iri)))
        add((part, VOID.triples, _int(triples)))
    for iri, triples in graphs:
        subset = URIRef(f"{DATASET}/graph/{hash16(iri)}")
        add((DATASET, VOID.subset, subset))
        add((subset, RDF.type, VOID.Dataset))
        add((subset, RDF.type, SD.NamedGraph))
        add((subset, SD.name, URIRef(iri)))
        add((subset, VOID.triples, _int(triples)))


def _examples(store: GraphStore, graph: rdflib.Graph) -> None:
    queries = (
        f"SELECT DISTINCT ?x WHERE {{ ?x a <{ALG.RelationClaim}> }} ORDER BY ?x LIMIT {EXAMPLES}",
        f"SELECT DISTINCT ?x WHERE {{ ?c <{ALG.subjectActor}> ?x }} ORDER BY ?x LIMIT {EXAMPLES}",
    )
    for query in queries:
        for row in store.select_rows(query)[1]:
            if row[0] is not None:
                graph.add((DATASET, VOID.exampleResource, URIRef(row[0])))


def _catalog(graph: rdflib.Graph, base_url: str | None) -> None:
    add = graph.add
    add((CATALOG, RDF.type, DCAT.Catalog))
    add((CATALOG, DCTERMS.title, Literal("Allegiance", lang="en")))
    add((CATALOG, DCAT.dataset, DATASET))
    if base_url is None:
        return
    base = base_url.rstrip("/")
    endpoint = URIRef(f"{base}/sparql")
    service = URIRef(f"{DATASET}/service")
    add((DATASET, VOID.sparqlEndpoint, endpoint))
    add((DATASET, VOID.dataDump, URIRef(f"{base}/dump.nq")))
    add((CATALOG, DCAT.service, service))
    add((service, RDF.type, DCAT.DataService))
    add((service, DCAT.endpointURL, endpoint))
    add((service, DCAT.servesDataset, DATASET))
    add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    for name, media_type in FORMATS.items():
        distribution = URIRef(f"{DATASET}/distribution/{name}")
        add((DATASET, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCAT.mediaType,
             URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        add((distribution, DCAT.downloadURL, URIRef(f"{base}/export?format={name}")))


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)
