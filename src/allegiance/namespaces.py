"""RDF namespaces of Allegiance, GENERATED from ontology/allegiance.ttl.

Do not edit by hand: change the ontology and run ``python tools/gen_namespace.py``.
``ALG`` is closed (``ALG.Typo`` raises), so code can only name terms the ontology defines.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "ALG",
    "ALI",
    "DCTERMS",
    "FOAF",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "WD",
    "XSD",
    "bind_prefixes",
]


class ALG(DefinedNamespace):
    """Terms of the Allegiance ontology (``alg:``)."""

    _NS = Namespace("https://w3id.org/allegiance/ontology#")
    _fail = True

    Actor: URIRef
    ArmedGroup: URIRef
    Asserted: URIRef
    Cooperation: URIRef
    CriminalOrganisation: URIRef
    Dimension: URIRef
    DimensionScheme: URIRef
    Diplomatic: URIRef
    Document: URIRef
    Energy: URIRef
    Evidence: URIRef
    ExtractionRun: URIRef
    F0WordsOnly: URIRef
    F1MaterialAct: URIRef
    F2SignedFramework: URIRef
    F3TreatyObligation: URIRef
    Formality: URIRef
    FormalityScheme: URIRef
    Hedged: URIRef
    IntergovernmentalOrganisation: URIRef
    MemberTies: URIRef
    Military: URIRef
    Modality: URIRef
    ModalityScheme: URIRef
    NonStateActor: URIRef
    Planned: URIRef
    Polarity: URIRef
    PolarityScheme: URIRef
    PoliticalMovement: URIRef
    PrivateMilitaryCompany: URIRef
    Quantity: URIRef
    RelationClaim: URIRef
    RelationSummary: URIRef
    State: URIRef
    StateOrgan: URIRef
    Tension: URIRef
    TierAssignment: URIRef
    Transactional: URIRef
    activeIn: URIRef
    actorId: URIRef
    amount: URIRef
    backedBy: URIRef
    backs: URIRef
    baseCountry: URIRef
    capitalAlias: URIRef
    capitalName: URIRef
    characterCount: URIRef
    claimCount: URIRef
    comparator: URIRef
    confidence: URIRef
    configurationHash: URIRef
    contentHash: URIRef
    cooperatesDiplomaticallyWith: URIRef
    cooperatesEconomicallyWith: URIRef
    cooperatesMilitarilyWith: URIRef
    cooperatesOnEnergyWith: URIRef
    cooperatesWith: URIRef
    counterpart: URIRef
    countsClaim: URIRef
    cue: URIRef
    demonym: URIRef
    dimension: URIRef
    directed: URIRef
    documentCount: URIRef
    extractorVersion: URIRef
    fellowSummary: URIRef
    focalActor: URIRef
    forDimension: URIRef
    forPolarity: URIRef
    formality: URIRef
    hasEvidence: URIRef
    hasInfluenceIn: URIRef
    inDiplomaticTensionWith: URIRef
    inEconomicTensionWith: URIRef
    inEnergyTensionWith: URIRef
    inMilitaryTensionWith: URIRef
    inTensionWith: URIRef
    iso2: URIRef
    iso3: URIRef
    maxConfidence: URIRef
    mixed: URIRef
    modality: URIRef
    objectActor: URIRef
    officialName: URIRef
    organOf: URIRef
    otherPolarity: URIRef
    partner: URIRef
    polarity: URIRef
    quantity: URIRef
    rank: URIRef
    recognitionStatus: URIRef
    referenceYear: URIRef
    relatedTo: URIRef
    sourceCount: URIRef
    sourcePath: URIRef
    statedIn: URIRef
    status: URIRef
    subjectActor: URIRef
    summarisedActor: URIRef
    summaryDimension: URIRef
    summaryPolarity: URIRef
    tier: URIRef
    tierDimension: URIRef
    tiesOf: URIRef
    tiesWithin: URIRef
    unMember: URIRef
    unit: URIRef


ALI = Namespace("https://w3id.org/allegiance/id/")
"""Instances: actors, documents, claims, evidence, runs, software (``ali:``)."""

OA = Namespace("http://www.w3.org/ns/oa#")
"""W3C Web Annotation vocabulary."""

WD = Namespace("http://www.wikidata.org/entity/")
"""Wikidata items, the targets of ``owl:sameAs``."""

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "alg": ALG,
    "ali": ALI,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "oa": OA,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "wd": WD,
    "xsd": XSD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so serialisations read the same everywhere."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, URIRef(str(namespace)), override=True, replace=True)
    return graph
