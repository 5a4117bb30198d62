"""A small, stable Turtle writer for graphs without blank nodes.

rdflib's serialisers order output by the store's iteration order, which can change with the
order triples were added or with hash seeds. Committed, generated files must not churn, so this
writer sorts subjects, predicates (``rdf:type`` first) and objects itself and emits only the
prefixes it uses. Blank nodes are refused: they have no stable name to sort by.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from allegiance.namespaces import ALI

# Local names Turtle accepts unescaped (a conservative subset of PN_LOCAL).
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

EXTRA_PREFIXES = {
    "actor": f"{ALI}actor/",
    "organ": f"{ALI}organ/",
}


def _prefixes(graph: Graph) -> list[tuple[str, str]]:
    table = {p: str(ns) for p, ns in graph.namespace_manager.namespaces() if p}
    table.update(EXTRA_PREFIXES)
    # Longest namespace first, so ``actor:`` wins over ``ali:`` for actor IRIs.
    return sorted(table.items(), key=lambda kv: (-len(kv[1]), kv[0]))


class _Writer:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.prefixes = _prefixes(graph)
        self.used: set[str] = set()

    def term(self, node: object) -> str:
        if isinstance(node, BNode):
            raise ValueError("the stable Turtle writer does not accept blank nodes")
        if isinstance(node, Literal):
            if node.datatype is not None:
                # Escaping from rdflib, datatype through our own prefixes.
                lexical = Literal(str(node)).n3()
                return f"{lexical}^^{self.term(node.datatype)}"
            return node.n3()
        if not isinstance(node, URIRef):
            raise TypeError(f"unexpected RDF term {node!r}")
        if node == RDF.type:
            return "a"
        text = str(node)
        for prefix, ns in self.prefixes:
            local = text[len(ns) :]
            if text.startswith(ns) and (local == "" or _LOCAL.match(local)):
                self.used.add(prefix)
                return f"{prefix}:{local}"
        return f"<{text}>"

    def block(self, subject: URIRef) -> str:
        by_predicate: dict[str, list[str]] = {}
        for p, o in self.graph.predicate_objects(subject):
            by_predicate.setdefault(self.term(p), []).append(self.term(o))
        keys = sorted(by_predicate, key=lambda k: (k != "a", k))
        lines = [self.term(subject)]
        for i, key in enumerate(keys):
            objects = sorted(set(by_predicate[key]))
            end = " ." if i == len(keys) - 1 else " ;"
            if len(objects) == 1:
                lines.append(f"    {key} {objects[0]}{end}")
            else:
                lines.append(f"    {key}")
                for j, obj in enumerate(objects):
                    sep = end if j == len(objects) - 1 else " ,"
                    lines.append(f"        {obj}{sep}")
        return "\n".join(lines)


def serialize(graph: Graph) -> str:
    """Turtle text of ``graph``; the same set of triples always gives the same string."""
    writer = _Writer(graph)
    subjects = sorted({s for s in graph.subjects() if isinstance(s, URIRef | BNode)}, key=str)
    blocks = [writer.block(s) for s in subjects]  # type: ignore[arg-type]
    ns_by_prefix = dict(writer.prefixes)
    header = [f"@prefix {p}: <{ns_by_prefix[p]}> ." for p in sorted(writer.used)]
    return "\n".join(header) + "\n\n" + "\n\n".join(blocks) + "\n"
