"""The export stage: the graph leaves the tool in every standard RDF form, described and pushed.

- ``export(store, output, fmt, selection)``: canonical, streaming N-Quads, TriG, JSON-LD,
  N-Triples, Turtle, RDF/XML of the whole dataset, some graphs or one actor's neighbourhood;
- ``describe(store, base_url=None)``: the VoID + DCAT 3 description of the dataset;
- ``export_ontology(folder)``: the ontology in Turtle, RDF/XML, JSON-LD and as HTML;
- ``push(store, remote)``: send changed document graphs to any SPARQL 1.1 store.
"""

from allegiance.export.describe import describe
from allegiance.export.ontology import export_ontology
from allegiance.export.push import PushReport, push
from allegiance.export.remote import Remote, RemoteError
from allegiance.export.select import Selection
from allegiance.export.writer import DESCRIPTION_GRAPH, FORMATS, QUAD_FORMATS, export

__all__ = [
    "DESCRIPTION_GRAPH",
    "FORMATS",
    "QUAD_FORMATS",
    "PushReport",
    "Remote",
    "RemoteError",
    "Selection",
    "describe",
    "export",
    "export_ontology",
    "push",
]
