"""Validate a graph in memory against ``ontology/shapes.ttl``.

Two SHACL engines, one verdict. pySHACL is the reference: every non-conforming verdict, and so
every message a person reads, comes from it. It is also slow for our shapes: it rebuilds each
constraint for every (focus node, property shape) pair, about 700 nested shape evaluations per
document graph of 16 claims, measured at 80-110 ms per document graph on this machine (2 cores),
a third to two thirds of a build. Batching several document graphs into one pySHACL run saved
only 16 %, because that cost is per node, not per run.

So when ``pyshacl-turbo`` (a Rust SHACL engine with pySHACL's API, checked against pySHACL's
own test suite) is installed, it screens each graph first with the shapes compiled once per
process: 9-13 ms per document graph. A graph it finds conforming is accepted; a graph it finds
non-conforming (or any error in it) goes to pySHACL, whose verdict and messages are reported.
Both engines give the same verdict and messages on every fixture under ``tests/data/validate``
and on generated corpus graphs (``tests/validate/test_validate_engines.py``). Set
``ALLEGIANCE_SHACL_ENGINE=pyshacl`` to use pySHACL alone.

No inference and no ontology graph in either engine: the shapes name every class they target
(subclasses included), and document graphs type every node explicitly, so an OWL/RDFS closure
would only cost time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from functools import cache
from typing import Any

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from allegiance.namespaces import bind_prefixes
from allegiance.validate.report import ValidationReport, messages_from
from allegiance.validate.shapes import shapes_graph

ENGINE_VARIABLE = "ALLEGIANCE_SHACL_ENGINE"
"""Environment variable: ``pyshacl`` turns the fast screen off (``auto``, the default, uses it
when installed)."""


def validate(data_graph: Graph, *, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data_graph`` against the project's shapes (or ``shapes``, for tests).

    With the project's shapes, a fast engine screens the graph when available (see the module
    docstring); only pySHACL ever declares a graph non-conforming.
    """
    if shapes is None:
        screened = _screen(data_graph)
        if screened is not None:
            return screened
    return validate_with_pyshacl(data_graph, shapes=shapes)


def validate_triples(triples: Sequence[ox.Triple]) -> ValidationReport:
    """``validate`` for pyoxigraph triples (the build's form of a document graph).

    The fast engine reads them as N-Triples text, so no rdflib ``Graph`` is built for a graph
    that conforms; one is parsed from that text only when pySHACL must decide.
    """
    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    screened = _screen(text)
    if screened is not None:
        return screened
    graph = Graph()
    if text:
        graph.parse(data=text, format="nt")
    return validate_with_pyshacl(graph)


def validate_with_pyshacl(data_graph: Graph, *, shapes: Graph | None = None) -> ValidationReport:
    """The reference verdict: pySHACL, core SHACL, no inference."""
    started = time.perf_counter()
    conforms, results, _text = pyshacl_validate(
        data_graph,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
        meta_shacl=False,
        js=False,
    )
    seconds = time.perf_counter() - started
    assert isinstance(results, Graph)
    bind_prefixes(results)
    return ValidationReport(
        conforms=bool(conforms),
        messages=messages_from(results, _prefix_table()),
        results_graph=results,
        seconds=seconds,
    )


def fast_engine_available() -> bool:
    """True when the fast screen is installed and not turned off."""
    return _compiled_shapes() is not None


def _screen(data: Graph | str) -> ValidationReport | None:
    """A conforming report from the fast engine, or None (not conforming, not available, or
    failed: pySHACL decides). ``data`` is a graph or N-Triples text."""
    compiled = _compiled_shapes()
    if compiled is None:
        return None
    started = time.perf_counter()
    try:
        if isinstance(data, str):
            from pyshacl_turbo.rdf import Input  # type: ignore[import-not-found, unused-ignore]

            data = Input(data, "nt", None, {})
        conforms, results, _text = compiled.validate(data, allow_infos=True, allow_warnings=True)
    except Exception:  # any failure of the screen falls back to the reference engine
        return None
    if not conforms or not isinstance(results, Graph):
        return None
    return ValidationReport(
        conforms=True, messages=[], results_graph=results, seconds=time.perf_counter() - started
    )


@cache
def _compiled_shapes() -> Any | None:
    """The project's shapes compiled once per process by pyshacl-turbo, or None."""
    if os.environ.get(ENGINE_VARIABLE, "auto").strip().lower() == "pyshacl":
        return None
    try:
        import pyshacl_turbo  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return None
    # Compiled from a copy without namespace bindings: the engine binds every prefix of the
    # shapes graph (61 with rdflib's defaults) into each report it makes, which was a third of
    # the screen's time per document; the screen only reads the verdict.
    bare = Graph(bind_namespaces="none")
    for triple in shapes_graph():
        bare.add(triple)
    try:
        return pyshacl_turbo.CompiledShapes(bare)
    except Exception:  # shapes it cannot compile: pySHACL alone
        return None


@cache
def _prefix_table() -> Graph:
    """An empty graph used only for its prefixes: messages read alike whatever the data binds."""
    return bind_prefixes(Graph(bind_namespaces="none"))
