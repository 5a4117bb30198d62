"""src/allegiance/namespaces.py is generated from the ontology and must stay in sync with it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, URIRef

from allegiance import namespaces
from allegiance.namespaces import ALG, ALI, WD, bind_prefixes

ROOT = Path(__file__).resolve().parent.parent.parent


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_namespace", ROOT / "tools/gen_namespace.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_namespace"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_file_is_in_sync_with_the_ontology() -> None:
    text = generator().render()
    assert Path(namespaces.__file__).read_text(encoding="utf-8") == text


def test_every_ontology_term_is_an_attribute() -> None:
    for name in generator().ontology_terms():
        assert getattr(ALG, name) == URIRef(f"https://w3id.org/allegiance/ontology#{name}")


def test_alg_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = ALG.Typo
    with pytest.raises(AttributeError):
        _ = ALG.militray


def test_instance_and_wikidata_namespaces() -> None:
    assert ALI["actor/IRN"] == URIRef("https://w3id.org/allegiance/id/actor/IRN")
    assert URIRef("http://www.wikidata.org/entity/Q794") == WD.Q794


def test_bind_prefixes() -> None:
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    bound = dict(graph.namespaces())
    assert bound["alg"] == URIRef(str(ALG))
    assert bound["ali"] == URIRef(str(ALI))
    assert {"oa", "prov", "skos", "dcterms", "org", "foaf", "wd"} <= set(bound)
