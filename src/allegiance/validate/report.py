"""Turn pySHACL's results graph into short, sorted, human-readable messages.

Each message names the focus node, the path and the shape's ``sh:message``, so a failing
document can be fixed without reading a SHACL report; the full results graph is kept for tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Node, URIRef
from rdflib.namespace import SH


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    messages: list[str] = field(default_factory=list)
    """One line per result: ``<focus> <path>: message``, sorted."""
    results_graph: Graph = field(default_factory=Graph, repr=False, compare=False)
    seconds: float = 0.0
    """Wall time spent in pySHACL, to keep validation cost visible."""

    def __bool__(self) -> bool:
        return self.conforms


def _term(graph: Graph, node: Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # an IRI that cannot be prefixed is shown whole
            return f"<{node}>"
    if isinstance(node, BNode):
        return "[]"
    return node.n3(graph.namespace_manager)


def messages_from(results: Graph, prefixes: Graph) -> list[str]:
    """Sorted ``<focus> <path>: message`` lines of every sh:ValidationResult."""
    lines: set[str] = set()
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        texts = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        text = " / ".join(texts) if texts else _term(results, component)
        prefix = "" if severity == SH.Violation else f"[{_term(results, severity)}] "
        focus_text = f"<{focus}>" if isinstance(focus, URIRef) else _term(prefixes, focus)
        lines.add(f"{prefix}{focus_text} {_term(prefixes, path)}: {text}")
    return sorted(lines)
