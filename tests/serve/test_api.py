"""The template API and its OpenAPI document."""

from __future__ import annotations

import httpx

from allegiance.query import load_templates

JSON = {"Accept": "application/sparql-results+json"}


def test_template_answers_like_the_catalogue_says(client: httpx.Client) -> None:
    response = client.get("/api/partners-by-tier", params={"actor": "Chile"}, headers=JSON)
    assert response.status_code == 200
    rows = response.json()["results"]["bindings"]
    partners = {row["partner"]["value"].rsplit("/", 1)[1] for row in rows}
    assert partners == {"ARG", "CHN"}
    assert {row["tier"]["value"] for row in rows} <= {"T1", "T2", "T3", "T4", "Mixed", "Rival",
                                                     "Client"}
    as_csv = client.get("/api/partners-by-tier", params={"actor": "CHL"},
                        headers={"Accept": "text/csv"})
    assert as_csv.status_code == 200
    assert as_csv.text.splitlines()[0].startswith("partner,partnerLabel,tier")


def test_parameter_errors_are_400_with_the_cli_message(client: httpx.Client) -> None:
    unknown = client.get("/api/partners-by-tier", params={"actor": "Chilee"})
    assert unknown.status_code == 400
    assert "Chile (CHL)" in unknown.json()["error"]
    missing = client.get("/api/partners-by-tier")
    assert missing.status_code == 400
    assert "needs parameter 'actor'" in missing.json()["error"]
    extra = client.get("/api/partners-by-tier", params={"actor": "CHL", "colour": "red"})
    assert extra.status_code == 400
    assert "no parameter 'colour'" in extra.json()["error"]
    repeated = client.get("/api/partners-by-tier?actor=CHL&actor=ARG")
    assert repeated.status_code == 400
    bad_choice = client.get("/api/actor-relations", params={"actor": "CHL",
                                                            "dimension": "cultural"})
    assert bad_choice.status_code == 400
    assert "military" in bad_choice.json()["error"]


def test_unknown_template_is_404_with_close_names(client: httpx.Client) -> None:
    response = client.get("/api/partners-by-tiers")
    assert response.status_code == 404
    assert "partners-by-tier" in response.json()["error"]


def test_openapi_document_covers_every_template(client: httpx.Client) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    templates = load_templates()
    assert set(document["paths"]) == {f"/api/{name}" for name in templates}
    for name, template in templates.items():
        operation = document["paths"][f"/api/{name}"]["get"]
        assert operation["summary"] == template.summary
        declared = {p["name"]: p for p in operation["parameters"]}
        for parameter in template.parameters:
            assert declared[parameter.name]["required"] == parameter.required
            if parameter.choices():
                assert declared[parameter.name]["schema"]["enum"] == parameter.choices()
        for code in ("200", "400"):
            assert code in operation["responses"]
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    refs = {ref.rsplit("/", 1)[1] for ref in _refs(document)}
    assert refs <= set(document["components"]["schemas"])


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_catalogue_lists_the_forms_of_the_browser_page(client: httpx.Client) -> None:
    listing = client.get("/api").json()
    assert [t["name"] for t in listing] == sorted(load_templates())
