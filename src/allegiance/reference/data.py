"""Read the reference graph and the gazetteer lexicons into plain records.

The Turtle files are parsed with pyoxigraph rather than rdflib: it reads the whole reference
graph in a few milliseconds instead of a few hundred, which matters because every CLI call and
test session loads the gazetteer. Only a handful of known predicates is read, into
:class:`ActorInfo` and :class:`OrganInfo` records that the matcher compiles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from allegiance import resources
from allegiance.namespaces import ALG, ALI, ORG, OWL, RDF, RDFS, SKOS

REFERENCE_FILES = ("states.ttl", "non_state_actors.ttl", "igos.ttl", "state_organs.ttl")

_KIND_OF_CLASS = {
    str(ALG.State): "state",
    str(ALG.NonStateActor): "non-state",
    str(ALG.IntergovernmentalOrganisation): "igo",
}
# The most specific class wins when an actor carries several (ArmedGroup over NonStateActor).
_CLASS_RANK = [
    ALG.ArmedGroup,
    ALG.PoliticalMovement,
    ALG.PrivateMilitaryCompany,
    ALG.CriminalOrganisation,
    ALG.State,
    ALG.IntergovernmentalOrganisation,
    ALG.NonStateActor,
]


@dataclass(frozen=True)
class ActorInfo:
    """Everything the reference graph says about one actor, as plain values."""

    id: str
    label: str
    kind: str
    actor_class: str
    """Local name of the most specific ontology class, e.g. ``ArmedGroup``."""
    aliases: tuple[str, ...] = ()
    official_name: str = ""
    iso2: str = ""
    iso3: str = ""
    wikidata: str = ""
    capital: str = ""
    capital_aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    recognition: str = ""
    un_member: bool = False
    base_countries: tuple[str, ...] = ()
    active_in: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrganInfo:
    id: str
    state: str
    label: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    """A generic organ pattern: fixed words before or after one placeholder."""

    text: str
    slot: str  # "name" | "demonym"
    before: str  # fixed words before the placeholder ("Government of ")
    after: str  # fixed words after it (" armed forces", "'s foreign ministry")
    kind: str


@dataclass(frozen=True)
class StopEntry:
    surface: str
    scope: str  # "word" | "phrase"
    reason: str


def _local(iri: str, prefix: str) -> str:
    if not iri.startswith(prefix):
        raise ValueError(f"unexpected IRI {iri} (expected under {prefix})")
    return iri[len(prefix) :]


def _read_triples(
    extra_ntriples: bytes = b"",
) -> dict[str, dict[str, list[ox.Literal | ox.NamedNode]]]:
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name in REFERENCE_FILES:
        path = resources.path("graph", "reference", name)
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            props[triple.subject.value][triple.predicate.value].append(triple.object)
    if extra_ntriples:  # user additions: new actors, or more names for known ones
        for triple in ox.parse(extra_ntriples, format=ox.RdfFormat.N_TRIPLES):
            values = props[triple.subject.value][triple.predicate.value]
            if triple.object not in values:
                values.append(triple.object)
    return props


def _values(p: dict[str, list], predicate: object) -> tuple[str, ...]:
    """String values, sorted: RDF has no order, so the TSV's order of demonyms is not kept."""
    return tuple(sorted(o.value for o in p.get(str(predicate), ())))


def _one(p: dict[str, list], predicate: object) -> str:
    values = _values(p, predicate)
    return values[0] if values else ""


def _actor_ids(p: dict[str, list], predicate: object) -> tuple[str, ...]:
    return tuple(sorted(_local(v, f"{ALI}actor/") for v in _values(p, predicate)))


def load_reference(
    extra_ntriples: bytes = b"",
) -> tuple[dict[str, ActorInfo], dict[str, OrganInfo]]:
    """Actors by id and state organs by id, from ``graph/reference/*.ttl`` and any user
    additions (N-Triples in the same vocabulary)."""
    actors: dict[str, ActorInfo] = {}
    organs: dict[str, OrganInfo] = {}
    for subject, p in sorted(_read_triples(extra_ntriples).items()):
        types = set(_values(p, RDF.type))
        if str(ALG.StateOrgan) in types:
            label = _one(p, SKOS.prefLabel)
            organ_id = _local(subject, f"{ALI}organ/")
            surfaces = (label, *(a for a in _values(p, SKOS.altLabel) if a != label))
            organs[organ_id] = OrganInfo(organ_id, _actor_ids(p, ALG.organOf)[0], label, surfaces)
            continue
        kinds = {_KIND_OF_CLASS[t] for t in types if t in _KIND_OF_CLASS}
        if not kinds:  # a node that only appears as an object (memberOf on a state)
            continue
        if len(kinds) != 1:
            raise ValueError(f"{subject}: conflicting actor kinds {sorted(kinds)}")
        cls = next(c for c in _CLASS_RANK if str(c) in types)
        qid = _one(p, OWL.sameAs)
        actor = ActorInfo(
            id=_one(p, ALG.actorId),
            label=_one(p, SKOS.prefLabel) or _one(p, RDFS.label),
            kind=kinds.pop(),
            actor_class=_local(str(cls), str(ALG)),
            aliases=_values(p, SKOS.altLabel),
            official_name=_one(p, ALG.officialName),
            iso2=_one(p, ALG.iso2),
            iso3=_one(p, ALG.iso3),
            wikidata=qid.rsplit("/", 1)[-1] if qid else "",
            capital=_one(p, ALG.capitalName),
            capital_aliases=_values(p, ALG.capitalAlias),
            demonyms=_values(p, ALG.demonym),
            recognition=_one(p, ALG.recognitionStatus),
            un_member=_one(p, ALG.unMember) == "true",
            base_countries=_actor_ids(p, ALG.baseCountry),
            active_in=_actor_ids(p, ALG.activeIn),
            members=_actor_ids(p, ORG.hasMember),
            member_of=_actor_ids(p, ORG.memberOf),
        )
        actors[actor.id] = actor
    return actors, organs


def load_patterns() -> list[Pattern]:
    patterns = []
    for row in resources.read_tsv(resources.lexicon_path("organ_patterns.tsv")):
        text = row["pattern"]
        slots = [s for s in ("name", "demonym") if "{" + s + "}" in text]
        if len(slots) != 1 or text.count("{") != 1:
            raise ValueError(f"organ pattern needs exactly one {{name}} or {{demonym}}: {text!r}")
        before, after = text.split("{" + slots[0] + "}")
        patterns.append(Pattern(text, slots[0], before, after, row["kind"]))
    return patterns


def load_stoplist() -> list[StopEntry]:
    rows = resources.read_tsv(resources.lexicon_path("actor_stoplist.tsv"))
    entries = [StopEntry(r["surface"], r["scope"], r["reason"]) for r in rows]
    for entry in entries:
        if entry.scope not in ("word", "phrase"):
            raise ValueError(f"stoplist {entry.surface!r}: unknown scope {entry.scope!r}")
    return entries
