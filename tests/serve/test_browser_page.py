"""The browser page of `allegiance serve` in headless Chromium: a query's results appear.

Skipped (with the reason) where ``/usr/bin/chromium`` or the ``playwright`` package is missing;
`.ci/run` installs Debian's Chromium where it can.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.chromium import ARGS, CHROMIUM, playwright_or_skip
from tests.serve.conftest import Running

sync_api = playwright_or_skip()


@pytest.fixture(scope="module")
def page(server: Running) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context()
        outside: list[str] = []

        def route(request_route: object) -> None:
            url = request_route.request.url  # type: ignore[attr-defined]
            if url.startswith(server.url):
                request_route.continue_()  # type: ignore[attr-defined]
            else:
                outside.append(url)
                request_route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        opened = context.new_page()
        errors: list[str] = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.goto(server.url + "/", wait_until="networkidle")
        yield opened
        assert not outside, f"requests left the machine: {outside}"
        assert not errors, errors
        browser.close()


def test_sparql_editor_shows_a_query_result_table(page: object) -> None:
    query = (
        "PREFIX alg: <https://w3id.org/allegiance/ontology#>\n"
        "SELECT ?claim WHERE { ?claim a alg:RelationClaim } ORDER BY ?claim LIMIT 3"
    )
    page.fill("#query", query)  # type: ignore[attr-defined]
    page.click("#sparql-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("#results table tbody tr")  # type: ignore[attr-defined]
    rows = page.locator("#results table tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == 3
    first = rows.nth(0).inner_text()
    assert "id/claim/" in first  # IRIs are shown compacted
    assert page.inner_text("#status").startswith("200")  # type: ignore[attr-defined]


def test_template_catalogue_is_offered_as_forms(page: object) -> None:
    page.wait_for_selector("#template-forms details")  # type: ignore[attr-defined]
    names = page.locator("#template-forms summary").all_inner_texts()  # type: ignore[attr-defined]
    assert any(name.startswith("partners-by-tier") for name in names)
