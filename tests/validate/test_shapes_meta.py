"""The shapes themselves: parse, core constraints only, and a message on every constraint."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from allegiance.validate import shapes_graph, shapes_lacking_message

DATA = Path(__file__).resolve().parent.parent / "data" / "validate"


def test_every_constraint_of_the_project_shapes_has_a_message() -> None:
    assert shapes_lacking_message(shapes_graph()) == []


def test_meta_check_catches_a_shape_without_message() -> None:
    path = DATA / "shapes_missing_message.ttl"
    prefix = "# expect-lacking: "
    expected = [
        URIRef(line[len(prefix) :])
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]
    assert expected
    assert shapes_lacking_message(Graph().parse(path, format="turtle")) == expected


def test_no_sparql_constraints() -> None:
    shapes = shapes_graph()
    assert list(shapes.subject_objects(SH.sparql)) == []
    assert list(shapes.subject_objects(SH.select)) == []


def test_shapes_cover_the_model_classes() -> None:
    shapes = shapes_graph()
    targets = {str(o).rsplit("#", 1)[-1] for o in shapes.objects(None, SH.targetClass)}
    needed = {
        "Document",
        "RelationClaim",
        "Evidence",
        "TextQuoteSelector",
        "TextPositionSelector",
        "Quantity",
        "ExtractionRun",
        "SoftwareAgent",
        "State",
        "NonStateActor",
        "IntergovernmentalOrganisation",
    }
    assert needed <= targets
