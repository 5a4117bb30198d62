"""The validate stage: SHACL validation of graphs in memory, before they reach the store."""

from allegiance.validate.report import ValidationReport
from allegiance.validate.shacl import validate, validate_triples
from allegiance.validate.shapes import shapes_graph, shapes_lacking_message

__all__ = [
    "ValidationReport",
    "shapes_graph",
    "shapes_lacking_message",
    "validate",
    "validate_triples",
]
