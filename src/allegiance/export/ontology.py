"""The ontology for publication: Turtle, RDF/XML, JSON-LD, the JSON-LD context, and HTML docs.

HTML comes from pyLODE (``OntPub``) when it is installed. Version 3.4.1 on PyPI cannot be
imported (its ``version.py`` opens a ``pyproject.toml`` that the wheel does not ship); 3.2.1
works and needs no network. Without pyLODE a plain page listing every class and property with
its label and comment is written instead, so the command never fails for lack of the tool.
"""

from __future__ import annotations

import html
import logging
import shutil
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from allegiance import resources
from allegiance.export.jsonld import load_context, prefixes, write_jsonld
from allegiance.export.lines import canonical_blank_nodes, triple_line

STEM = "allegiance"


def _html_with_pylode(source: Path) -> str | None:
    try:
        from pylode import OntPub  # type: ignore[import-not-found]
    except Exception:  # pyLODE missing or broken on import (see module docstring)
        return None
    root = logging.getLogger()
    level = root.level
    try:
        return str(OntPub(ontology=str(source)).make_html())
    finally:
        root.setLevel(level)


def _plain_html(graph: rdflib.Graph) -> str:
    """A minimal but complete page: one section per kind of term, terms in IRI order."""
    kinds = (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
             ("Datatype properties", OWL.DatatypeProperty),
             ("Annotation properties", OWL.AnnotationProperty),
             ("Concepts", SKOS.Concept))
    title = next(iter(graph.objects(None, RDFS.label)), "Allegiance ontology")
    parts = [f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
             f"<title>{html.escape(str(title))}</title></head><body>",
             f"<h1>{html.escape(str(title))}</h1>"]
    for heading, kind in kinds:
        terms = sorted(set(graph.subjects(RDF.type, kind)), key=str)
        if not terms:
            continue
        parts.append(f"<h2>{heading}</h2><dl>")
        for term in terms:
            anchor = str(term).rpartition("#")[2]
            label = graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel) or anchor
            comment = graph.value(term, RDFS.comment) or graph.value(term, SKOS.definition) or ""
            parts.append(f"<dt id='{html.escape(anchor)}'><code>{html.escape(str(term))}</code> "
                         f"{html.escape(str(label))}</dt><dd>{html.escape(str(comment))}</dd>")
        parts.append("</dl>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def ontology_html(*, use_pylode: bool = True) -> str:
    source = resources.ontology_path()
    page = _html_with_pylode(source) if use_pylode else None
    if page is None:
        page = _plain_html(rdflib.Graph().parse(source, format="turtle"))
    return page


def export_ontology(folder: str | Path, *, use_pylode: bool = True) -> list[Path]:
    """Write the ontology files into ``folder``; return their paths in a fixed order."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    source = resources.ontology_path()
    turtle = out / f"{STEM}.ttl"
    shutil.copyfile(source, turtle)

    parsed = [q.triple for q in ox.parse(path=source, format=ox.RdfFormat.TURTLE)]
    triples = sorted(canonical_blank_nodes(parsed, None), key=triple_line)
    rdfxml = out / f"{STEM}.rdf"
    ox.serialize(triples, str(rdfxml), format=ox.RdfFormat.RDF_XML, prefixes=prefixes())
    jsonld = out / f"{STEM}.jsonld"
    buffer = BytesIO()
    write_jsonld(buffer, [(None, triples)], load_context())
    jsonld.write_bytes(buffer.getvalue())
    context = out / "context.jsonld"
    shutil.copyfile(resources.path("ontology", "context.jsonld"), context)
    page = out / "index.html"
    page.write_text(ontology_html(use_pylode=use_pylode), encoding="utf-8")
    return [turtle, rdfxml, jsonld, context, page]
