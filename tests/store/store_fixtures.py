"""Helpers shared by the store tests: small document-like graphs and the fixture folder.

Imported by module name (pytest puts this folder on ``sys.path``); the name is prefixed so that
it cannot collide with helpers of other stages.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib import XSD, Literal, URIRef

DATA = Path(__file__).resolve().parents[1] / "data" / "store"
EX = "https://example.org/fixture/"


def doc_graph(tag: str, n: int = 5) -> rdflib.Graph:
    """A graph of ``n`` claims whose values carry ``tag``, so two tags give disjoint triples."""
    graph = rdflib.Graph()
    for i in range(n):
        claim = URIRef(f"{EX}claim/{tag}/{i}")
        graph.add((claim, URIRef(f"{EX}cue"), Literal(f"cue {i} of {tag}", lang="en")))
        graph.add((claim, URIRef(f"{EX}start"), Literal(i * 10, datatype=XSD.nonNegativeInteger)))
    return graph
