"""Content negotiation: the ``Accept`` header against the media types a response can take.

The offers are ordered by the server's preference, which breaks ties between equally weighted
ranges (so ``*/*`` gets the first offer). A range's specificity decides which of several ranges
applies to an offer, as RFC 9110 asks: ``text/csv;q=0`` beats ``*/*``. Parameters other than
``q`` are ignored, since none of our formats has variants.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
"""SELECT/ASK result media types (first = default) and the serializer each uses."""

RESULT_ALIASES: dict[str, str] = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}

RDF_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
"""CONSTRUCT/DESCRIBE and linked-data media types (first = default)."""

RDF_ALIASES: dict[str, str] = {
    "application/x-turtle": "text/turtle",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "application/json": "application/ld+json",
    "application/x-json+ld": "application/ld+json",
    "text/plain": "application/n-triples",
}

EXTENSIONS: dict[str, str] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "html": "text/html",
}
"""File extensions of the describing documents (``/data/...ttl``) and their media types."""


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """Specificity of the match (2 exact, 1 ``type/*``, 0 ``*/*``), or -1."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[Range]:
    if not header or not header.strip():
        return [Range("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            media = "*/*" if media == "*" else ""
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        ranges.append(Range(kind, sub, q))
    return ranges


def quality(ranges: list[Range], media_type: str) -> float:
    best, weight = -1, 0.0
    for r in ranges:
        specificity = r.matches(media_type)
        if specificity > best:
            best, weight = specificity, r.q
    return weight if best >= 0 else 0.0


def choose(header: str | None, offers: list[str]) -> str | None:
    """The acceptable offer with the highest q (earliest on ties), or None (a 406)."""
    ranges = parse_accept(header)
    best: tuple[float, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        q = quality(ranges, offer)
        if q > 0 and (best is None or (q, -index) > best):
            best, chosen = (q, -index), offer
    return chosen


def choose_result(header: str | None) -> str | None:
    """A SELECT/ASK media type (aliases mapped to the canonical one)."""
    found = choose(header, [*RESULT_TYPES, *RESULT_ALIASES])
    return RESULT_ALIASES.get(found, found) if found else None


def choose_rdf(header: str | None, *, html: bool = False) -> str | None:
    """An RDF media type, or ``text/html`` when ``html`` and the client names it.

    HTML comes after the RDF types, so ``*/*`` (curl, most libraries) gets Turtle while a
    browser, which names ``text/html`` with a higher q than its ``*/*``, gets the page.
    """
    offers = [*RDF_TYPES, *RDF_ALIASES]
    if html:
        offers = [*offers, "text/html", "application/xhtml+xml"]
    found = choose(header, offers)
    if found == "application/xhtml+xml":
        return "text/html"
    return RDF_ALIASES.get(found, found) if found else None
