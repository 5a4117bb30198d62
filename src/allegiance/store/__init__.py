"""The store stage: an embedded Oxigraph store on disk, one named graph per document.

See ``allegiance.store.graphstore`` for what pyoxigraph offers for transactions, and
``allegiance.store.reading`` for opening one store from several processes.
"""

from allegiance.store.catalogue import CATALOGUE_IRI, CatalogueEntry
from allegiance.store.errors import StoreError
from allegiance.store.graphstore import DERIVED_GRAPH_BASE, GraphStore
from allegiance.store.results import Deadline
from allegiance.store.terms import TermConverter, to_triples
from allegiance.store.writes import GraphWrite

__all__ = [
    "CATALOGUE_IRI",
    "DERIVED_GRAPH_BASE",
    "CatalogueEntry",
    "Deadline",
    "GraphStore",
    "GraphWrite",
    "StoreError",
    "TermConverter",
    "to_triples",
]
