"""A canonical text form of a graph or dataset, to show and test byte-identical output.

Our graphs contain no blank nodes, so sorting the N-Triples (or N-Quads) lines is a canonical
form: two graphs are equal exactly when their strings are. With blank nodes the labels would
be arbitrary, so such input is refused unless explicitly allowed.
"""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph
from rdflib.graph import ConjunctiveGraph


def canonical_nquads(graph: Graph | Dataset, *, allow_blank_nodes: bool = False) -> str:
    """Sorted N-Quads lines of a dataset, or sorted N-Triples lines of a single graph."""
    if not allow_blank_nodes:
        for triple in graph.triples((None, None, None)):
            if any(isinstance(term, BNode) for term in triple):
                raise ValueError(f"blank node in {triple!r}: the sorted form is not canonical")
    is_dataset = isinstance(graph, Dataset | ConjunctiveGraph)
    text = graph.serialize(format="nquads" if is_dataset else "nt", encoding="utf-8")
    lines = sorted(line for line in text.decode("utf-8").splitlines() if line.strip())
    return "".join(f"{line}\n" for line in lines)
