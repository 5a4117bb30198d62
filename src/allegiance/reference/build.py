"""Build the reference graph (states, non-state actors, IGOs, state organs) from the source TSVs.

The TSVs under ``graph/reference/source/`` are the hand-checked record; the Turtle files next to
them are derived and committed so that a fresh clone needs nothing else. Output must be byte-for-
byte reproducible, so every value is sorted before it is emitted and the Turtle is written by
:func:`allegiance.reference.turtle.serialize`, not by rdflib's order-dependent serialiser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from allegiance import resources
from allegiance.namespaces import ALG, ALI, ORG, OWL, RDF, RDFS, SKOS, WD, XSD, bind_prefixes
from allegiance.reference.turtle import serialize

OUTPUT_FILES = ("states.ttl", "non_state_actors.ttl", "igos.ttl", "state_organs.ttl")

# Non-state kinds of the TSV -> ontology class. A kind missing here is a data error, not a default.
NSA_CLASSES: dict[str, URIRef] = {
    "armed-group": ALG.ArmedGroup,
    "militia": ALG.ArmedGroup,
    "paramilitary": ALG.ArmedGroup,
    "political-movement": ALG.PoliticalMovement,
    "party": ALG.PoliticalMovement,
    "private-military-company": ALG.PrivateMilitaryCompany,
    "criminal-organization": ALG.CriminalOrganisation,
}


def slugify(name: str) -> str:
    """Actor id for a state without an ISO code: ``Northern Cyprus`` -> ``northern-cyprus``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def state_id(row: dict[str, str]) -> str:
    return row["iso3"] or slugify(row["name"])


def actor_iri(actor_id: str) -> URIRef:
    return ALI[f"actor/{actor_id}"]


def organ_iri(organ_id: str) -> URIRef:
    return ALI[f"organ/{organ_id}"]


def split(cell: str) -> list[str]:
    """Values of a ``|``-separated cell, blanks dropped, order kept (first value matters)."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def _en(value: str) -> Literal:
    return Literal(value, lang="en")


def _labels(g: Graph, node: URIRef, name: str, aliases: Iterable[str]) -> None:
    g.add((node, RDFS.label, _en(name)))
    g.add((node, SKOS.prefLabel, _en(name)))
    for alias in aliases:
        if alias != name:
            g.add((node, SKOS.altLabel, _en(alias)))


def _same_as(g: Graph, node: URIRef, qid: str) -> None:
    if qid:
        g.add((node, OWL.sameAs, WD[qid]))


def _new_graph() -> Graph:
    return bind_prefixes(Graph())


def source_rows(name: str) -> list[dict[str, str]]:
    return resources.read_tsv(resources.path("graph", "reference", "source", name))


def states_graph(rows: list[dict[str, str]]) -> Graph:
    g = _new_graph()
    for row in rows:
        actor_id = state_id(row)
        node = actor_iri(actor_id)
        g.add((node, RDF.type, ALG.Actor))
        g.add((node, RDF.type, ALG.State))
        g.add((node, ALG.actorId, Literal(actor_id)))
        _labels(g, node, row["name"], split(row["aliases"]))
        if row["iso3"]:
            g.add((node, ALG.iso3, Literal(row["iso3"])))
        if row["iso2"]:
            g.add((node, ALG.iso2, Literal(row["iso2"])))
        if row["official_name"]:
            g.add((node, ALG.officialName, _en(row["official_name"])))
        if row["capital"]:
            g.add((node, ALG.capitalName, _en(row["capital"])))
        for alias in split(row["capital_aliases"]):
            g.add((node, ALG.capitalAlias, _en(alias)))
        for demonym in split(row["demonyms"]):
            g.add((node, ALG.demonym, _en(demonym)))
        g.add((node, ALG.recognitionStatus, Literal(row["status"])))
        g.add((node, ALG.unMember, Literal(row["un_member"] == "yes", datatype=XSD.boolean)))
        _same_as(g, node, row["wikidata"])
    return g


def non_state_graph(rows: list[dict[str, str]], state_ids: set[str]) -> Graph:
    g = _new_graph()
    for row in rows:
        node = actor_iri(row["id"])
        if row["kind"] not in NSA_CLASSES:
            raise ValueError(f"non-state actor {row['id']}: unknown kind {row['kind']!r}")
        for cls in (ALG.Actor, ALG.NonStateActor, NSA_CLASSES[row["kind"]]):
            g.add((node, RDF.type, cls))
        g.add((node, ALG.actorId, Literal(row["id"])))
        _labels(g, node, row["name"], split(row["aliases"]))
        # The TSV records where a group is based; being based in a state means operating there.
        for iso3 in split(row["base_country_iso3"]):
            if iso3 not in state_ids:
                raise ValueError(f"non-state actor {row['id']}: unknown base country {iso3}")
            g.add((node, ALG.baseCountry, actor_iri(iso3)))
            g.add((node, ALG.activeIn, actor_iri(iso3)))
        if row["notes"]:
            g.add((node, RDFS.comment, _en(row["notes"])))
        _same_as(g, node, row["wikidata"])
    return g


def igo_graph(rows: list[dict[str, str]], state_ids: set[str]) -> tuple[Graph, list[str]]:
    """IGOs with both directions of membership; also returns members skipped as non-actors.

    Some member lists name territories that are not actors of the reference graph (Hong Kong,
    the Cook Islands, ...); they are left out rather than pointing at IRIs nothing describes.
    """
    g = _new_graph()
    skipped: list[str] = []
    for row in rows:
        node = actor_iri(row["id"])
        g.add((node, RDF.type, ALG.Actor))
        g.add((node, RDF.type, ALG.IntergovernmentalOrganisation))
        g.add((node, ALG.actorId, Literal(row["id"])))
        _labels(g, node, row["name"], split(row["aliases"]))
        _same_as(g, node, row["wikidata"])
        for member in split(row["members_iso3"]):
            if member not in state_ids:
                skipped.append(f"{row['id']}:{member}")
                continue
            g.add((node, ORG.hasMember, actor_iri(member)))
            g.add((actor_iri(member), ORG.memberOf, node))
    return g, sorted(skipped)


def organs_graph(rows: list[dict[str, str]], state_ids: set[str]) -> Graph:
    g = _new_graph()
    for row in rows:
        if row["state"] not in state_ids:
            raise ValueError(f"state organ {row['organ']}: unknown state {row['state']}")
        node = organ_iri(row["organ"])
        surfaces = split(row["surfaces"])
        g.add((node, RDF.type, ALG.StateOrgan))
        _labels(g, node, surfaces[0], surfaces[1:])
        g.add((node, ALG.organOf, actor_iri(row["state"])))
        g.add((node, ORG.subOrganizationOf, actor_iri(row["state"])))
    return g


def build_graphs() -> dict[str, Graph]:
    """All reference graphs, keyed by output file name."""
    states = source_rows("states.tsv")
    state_ids = {state_id(r) for r in states}
    if len(state_ids) != len(states):
        raise ValueError("duplicate state ids in states.tsv")
    igos, _skipped = igo_graph(source_rows("igos.tsv"), state_ids)
    organs = resources.read_tsv(resources.lexicon_path("state_organs.tsv"))
    return {
        "states.ttl": states_graph(states),
        "non_state_actors.ttl": non_state_graph(source_rows("non_state_actors.tsv"), state_ids),
        "igos.ttl": igos,
        "state_organs.ttl": organs_graph(organs, state_ids),
    }


def render_all() -> dict[str, str]:
    """The Turtle text of every output file, as it must be committed."""
    return {name: serialize(graph) for name, graph in build_graphs().items()}


def write_all(out_dir: Path | None = None) -> list[Path]:
    target = out_dir or resources.reference_dir()
    written = []
    for name, text in render_all().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
