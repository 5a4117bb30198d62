"""Actors and aliases that a user adds without touching code (`--gazetteer FILE`).

Two forms are read:

- a TSV with a header row: ``id``, ``name``, ``kind`` (``state``, ``non-state``, ``igo``, or a
  finer non-state kind such as ``armed-group``, ``party``, ``private-military-company``),
  ``aliases`` (``|``-separated), and optionally ``iso3``, ``demonyms``, ``capital``,
  ``base_country``. A row whose id the reference graph already has only adds its aliases,
  demonyms and capital: the user extends an actor, never silently replaces it;
- Turtle in the reference graph's own vocabulary (``alg:actorId``, ``skos:altLabel`` ...).

Both become RDF in the reference vocabulary, so the gazetteer reads them exactly as it reads the
curated reference graph, and `allegiance build` stores them beside it (graph
``…/id/graph/user-reference``), where tiers and queries find their kinds and labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal

from allegiance.namespaces import ALG, RDF, RDFS, SKOS, bind_prefixes
from allegiance.reference.build import NSA_CLASSES, actor_iri, split
from allegiance.resources import read_tsv

USER_GRAPH = "https://w3id.org/allegiance/id/graph/user-reference"
_ID = re.compile(r"^(?:[A-Z]{3}|[a-z0-9]+(?:-[a-z0-9]+)*)$")
_KIND_CLASSES = {
    "state": (ALG.State,),
    "igo": (ALG.IntergovernmentalOrganisation,),
    "non-state": (ALG.NonStateActor,),
}


class UserGazetteerError(ValueError):
    """A user gazetteer file that cannot be read; the message is one line naming the file."""


def _classes(kind: str) -> tuple:
    if kind in _KIND_CLASSES:
        return (ALG.Actor, *_KIND_CLASSES[kind])
    if kind in NSA_CLASSES:
        return (ALG.Actor, ALG.NonStateActor, NSA_CLASSES[kind])
    known = sorted([*_KIND_CLASSES, *NSA_CLASSES])
    raise ValueError(f"unknown kind {kind!r} (one of {', '.join(known)})")


def _en(value: str) -> Literal:
    return Literal(value, lang="en")


def tsv_graph(path: Path, known_ids: Iterable[str]) -> Graph:
    known = set(known_ids)
    graph = bind_prefixes(Graph())
    for number, row in enumerate(read_tsv(path), start=2):
        try:
            actor_id = row.get("id", "").strip()
            if not _ID.match(actor_id):
                raise ValueError(f"id {actor_id!r} is neither an ISO3 code nor a lowercase slug")
            node = actor_iri(actor_id)
            if actor_id not in known:
                name = row.get("name", "").strip()
                if not name:
                    raise ValueError("a new actor needs a name")
                for cls in _classes(row.get("kind", "").strip()):
                    graph.add((node, RDF.type, cls))
                graph.add((node, ALG.actorId, Literal(actor_id)))
                graph.add((node, RDFS.label, _en(name)))
                graph.add((node, SKOS.prefLabel, _en(name)))
                if row.get("iso3"):
                    graph.add((node, ALG.iso3, Literal(row["iso3"].strip())))
            for alias in split(row.get("aliases", "")):
                graph.add((node, SKOS.altLabel, _en(alias)))
            for demonym in split(row.get("demonyms", "")):
                graph.add((node, ALG.demonym, _en(demonym)))
            if row.get("capital"):
                graph.add((node, ALG.capitalName, _en(row["capital"].strip())))
            for state in split(row.get("base_country", "")):
                graph.add((node, ALG.baseCountry, actor_iri(state)))
                graph.add((node, ALG.activeIn, actor_iri(state)))
        except ValueError as error:
            raise UserGazetteerError(f"{path}: line {number}: {error}") from None
    return graph


def user_graph(paths: Iterable[str | Path], known_ids: Iterable[str]) -> Graph:
    """Every user gazetteer file as one graph in the reference vocabulary."""
    known = list(known_ids)
    graph = bind_prefixes(Graph())
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise UserGazetteerError(f"{path}: no such gazetteer file")
        if path.suffix.lower() in (".tsv", ".txt"):
            graph += tsv_graph(path, known)
        elif path.suffix.lower() in (".ttl", ".nt"):
            try:
                graph.parse(path, format="turtle")
            except Exception as error:  # rdflib raises many types for bad syntax
                message = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise UserGazetteerError(f"{path}: not valid Turtle: {message}") from None
        else:
            raise UserGazetteerError(f"{path}: a gazetteer is a .tsv or a .ttl file")
    return graph
