"""Generate ``src/allegiance/namespaces.py`` from ``ontology/allegiance.ttl``.

The ``ALG`` namespace is a closed rdflib ``DefinedNamespace`` so that a misspelt term
(``ALG.Militray``) fails at once instead of silently minting a new IRI. Generating it from the
ontology keeps the two from drifting apart; a test re-generates it and compares.

Usage: ``python tools/gen_namespace.py [--check]`` (``--check`` exits 1 when the file is stale).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph, URIRef

ALG_NS = "https://w3id.org/allegiance/ontology#"
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "allegiance.ttl"
TARGET = ROOT / "src" / "allegiance" / "namespaces.py"

HEADER = '''"""RDF namespaces of Allegiance, GENERATED from ontology/allegiance.ttl.

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

    _NS = Namespace("{ns}")
    _fail = True

'''

FOOTER = '''

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
'''


def ontology_terms(ontology: Path = ONTOLOGY) -> list[str]:
    """Local names of every ``alg:`` IRI that the ontology describes (as a subject)."""
    graph = Graph()
    graph.parse(ontology, format="turtle")
    names = {
        str(s)[len(ALG_NS) :]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(ALG_NS) and str(s) != ALG_NS
    }
    bad = sorted(n for n in names if not n.isidentifier())
    if bad:
        raise ValueError(f"ontology terms that are not Python identifiers: {bad}")
    return sorted(names)


def render(ontology: Path = ONTOLOGY) -> str:
    """The full text of namespaces.py for the given ontology."""
    lines = [f"    {name}: URIRef" for name in ontology_terms(ontology)]
    return HEADER.replace("{ns}", ALG_NS) + "\n".join(lines) + "\n" + FOOTER


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date; run python tools/gen_namespace.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
