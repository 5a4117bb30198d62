"""Reading existing RDF files into per-graph triple lists, entirely in memory.

``GraphStore.load_file`` must write nothing when a file is broken, so the whole file is parsed
here first and only a complete result is handed to the writer. Triples found in the default
graph (all of a triples format, or the default graph of a quads format) are returned under the
key ``None``; the store decides which graph they go to.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from allegiance.store.errors import StoreError, one_line

_BY_NAME: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "n-triples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "n-quads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdf": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "rdf/xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
    "n3": ox.RdfFormat.N3,
}

Parsed = dict[str | None, list[ox.Triple]]


def rdf_format(path: Path, format: str | None = None) -> ox.RdfFormat:
    """The format named by ``format`` (name, extension or media type) or by the file suffix."""
    name = (format or path.suffix.lstrip(".")).strip().lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if "/" in name:
        found = ox.RdfFormat.from_media_type(name)
        if found is not None:
            return found
    known = ", ".join(sorted({key for key in _BY_NAME if "/" not in key}))
    raise StoreError(f"cannot load {path}: unknown RDF format {name!r} (known: {known})")


def parse_file(path: Path, format: str | None = None) -> Parsed:
    """Parse all of ``path``; raise ``StoreError`` naming the file on any problem."""
    fmt = rdf_format(path, format)
    try:
        quads = list(ox.parse(path=path, format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        reason = f"{fmt.name} syntax error: {one_line(error)}"
        raise StoreError(f"cannot load {path}: {reason}") from None
    except (OSError, ValueError) as error:
        raise StoreError(f"cannot load {path}: {one_line(error)}") from None
    graphs: Parsed = {}
    for quad in quads:
        name = quad.graph_name
        if isinstance(name, ox.BlankNode):
            raise StoreError(f"cannot load {path}: blank-node graph names are not supported")
        key = name.value if isinstance(name, ox.NamedNode) else None
        graphs.setdefault(key, []).append(quad.triple)
    return graphs
