"""The reference graph: regeneration is deterministic and the committed files are in sync."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from allegiance import resources
from allegiance.namespaces import ALG, ALI, ORG, OWL, RDF, WD
from allegiance.reference.build import OUTPUT_FILES, build_graphs, render_all
from allegiance.reference.turtle import serialize

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_all()


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for name in OUTPUT_FILES:
        g.parse(resources.path("graph", "reference", name), format="turtle")
    return g


def test_committed_files_match_a_fresh_build(rendered: dict[str, str]) -> None:
    for name, text in rendered.items():
        committed = resources.path("graph", "reference", name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python tools/build_reference.py"
        fresh = Graph().parse(data=text, format="turtle")
        assert isomorphic(fresh, Graph().parse(data=committed, format="turtle"))


def test_build_is_deterministic_across_processes(tmp_path: Path, rendered: dict) -> None:
    code = (
        "import sys; from pathlib import Path; from allegiance.reference.build import write_all;"
        "write_all(Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, env=env)
    for name, text in rendered.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text


def test_counts(graph: Graph) -> None:
    def count(cls: URIRef) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    assert count(ALG.State) == 203
    assert count(ALG.NonStateActor) == 65
    assert count(ALG.IntergovernmentalOrganisation) == 51
    assert count(ALG.Actor) == 203 + 65 + 51
    assert count(ALG.StateOrgan) >= 30


def test_spot_facts(graph: Graph) -> None:
    irn = ALI["actor/IRN"]
    assert (irn, ALG.capitalName, Literal("Tehran", lang="en")) in graph
    assert (irn, OWL.sameAs, WD.Q794) in graph
    assert (irn, ALG.unMember, Literal(True)) in graph
    assert (ALI["actor/somaliland"], ALG.actorId, Literal("somaliland")) in graph
    assert (
        ALI["actor/northern-cyprus"],
        ALG.recognitionStatus,
        Literal("partially-recognised"),
    ) in graph
    assert (ALI["actor/PSE"], ALG.unMember, Literal(False)) in graph
    assert (ALI["actor/hezbollah"], ALG.baseCountry, ALI["actor/LBN"]) in graph
    assert (ALI["actor/wagner-group"], RDF.type, ALG.PrivateMilitaryCompany) in graph
    assert (ALI["actor/sinaloa-cartel"], RDF.type, ALG.CriminalOrganisation) in graph
    assert (ALI["actor/fatah"], RDF.type, ALG.PoliticalMovement) in graph
    assert (ALI["actor/pmf"], RDF.type, ALG.ArmedGroup) in graph
    assert (ALI["organ/kremlin"], ALG.organOf, ALI["actor/RUS"]) in graph
    assert (ALI["organ/kremlin"], ORG.subOrganizationOf, ALI["actor/RUS"]) in graph


def test_membership_is_symmetric_and_points_at_actors(graph: Graph) -> None:
    actors = set(graph.subjects(RDF.type, ALG.Actor))
    pairs = set(graph.subject_objects(ORG.hasMember))
    assert pairs == {(igo, m) for m, igo in graph.subject_objects(ORG.memberOf)}
    assert (ALI["actor/nato"], ALI["actor/TUR"]) in pairs
    for s, p, o in graph:
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        if isinstance(o, URIRef) and str(o).startswith(str(ALI)) and p != RDF.type:
            assert o in actors, f"{s} {p} points at undescribed {o}"


def test_turtle_writer_ignores_insertion_order() -> None:
    triples = [(t[0], t[1], t[2]) for t in build_graphs()["igos.ttl"]][:300]
    forward, backward = Graph(), Graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert serialize(forward) == serialize(backward)
    assert isomorphic(Graph().parse(data=serialize(forward), format="turtle"), forward)


def test_turtle_writer_escapes_and_refuses_blank_nodes() -> None:
    g = Graph()
    s = ALI["actor/a.b"]  # the local part is not a safe prefixed name: written in full
    g.add((s, RDF.value, Literal('quote " and\nnewline', lang="en")))
    text = serialize(g)
    assert f"<{s}>" in text
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
    g.add((BNode(), RDF.value, Literal(1)))
    with pytest.raises(ValueError, match="blank nodes"):
        serialize(g)
