"""The model stage: a document and its claims become the document's named RDF graph."""

from allegiance.model.canonical import canonical_nquads
from allegiance.model.rdf import document_graph, document_triples

__all__ = ["canonical_nquads", "document_graph", "document_triples"]
