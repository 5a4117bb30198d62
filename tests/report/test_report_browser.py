"""The report in a real browser: Debian's Chromium, headless, driven by Playwright.

Skipped (with the reason) where ``/usr/bin/chromium`` or the ``playwright`` package is missing,
so the suite passes on a bare machine; ``.ci/run`` installs Chromium so that CI runs them.
Every request the page makes is routed through a check: anything that would leave the machine
fails the test.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_fixtures import HOSTILE_ID
from tests.chromium import ARGS, CHROMIUM, playwright_or_skip

from allegiance.reason import compute_tiers
from allegiance.report import load_actor_data, render_actor_report
from allegiance.store import GraphStore

sync_api = playwright_or_skip()
LOCAL = ("file://", "data:", "blob:", "about:", "http://127.0.0.1", "https://127.0.0.1")

EDGE_POSITION = """(args) => {
  const [mapId, key] = args;
  const gd = document.getElementById(mapId);
  const rect = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  for (const trace of gd.data) {
    if (!trace.meta || trace.meta.role !== "edge") continue;
    const i = trace.customdata.indexOf(key);
    if (i >= 0) return [rect.left + xa._offset + xa.l2p(trace.x[i]),
                        rect.top + ya._offset + ya.l2p(trace.y[i])];
  }
  return null;
}"""

PARTNER_NODES = """(mapId) => document.getElementById(mapId).data
  .filter(t => t.meta && t.meta.role === "partners").flatMap(t => t.customdata)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Visit:
    """One page load with every request checked and every script error and dialog kept."""

    def __init__(self, browser: object, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1300, "height": 950})  # type: ignore[attr-defined]
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(LOCAL):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def click_edge(self, map_id: str, key: str) -> str:
        x, y = self.page.evaluate(EDGE_POSITION, [map_id, key])
        self.page.mouse.move(x, y)
        self.page.mouse.click(x, y)
        panel = self.page.locator(f"#{map_id}-panel")
        self.page.wait_for_function(
            "([id, key]) => (document.getElementById(id).dataset.shown || '') === key",
            arg=[f"{map_id}-panel", key],
            timeout=10_000,
        )
        return panel.inner_text()

    def close(self) -> None:
        self.context.close()


def _write(tmp_path: Path, name: str, page: str) -> Path:
    target = tmp_path / name
    target.write_text(page, encoding="utf-8")
    return target


def _loneliest_edge(figure_data: list[dict]) -> str:
    """The edge marker farthest from every other marker: the one a click surely hits."""
    points = [
        (key, x, y)
        for trace in figure_data
        if trace.get("meta", {}).get("role") in ("edge", "partners", "focal")
        for key, x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True)
    ]
    edges = {
        key
        for trace in figure_data
        if trace.get("meta", {}).get("role") == "edge"
        for key in trace["customdata"]
    }

    def room(point: tuple[str, float, float]) -> float:
        return min(math.hypot(point[1] - o[1], point[2] - o[2]) for o in points if o != point)

    return max((p for p in points if p[0] in edges), key=lambda p: (room(p), p[0]))[0]


def _not_blank(png: bytes) -> bool:
    """More than one colour in the image (PIL when present, else the PNG's own scanlines)."""
    try:
        from PIL import Image, ImageStat
    except ImportError:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        chunks, offset = [], 8
        while offset < len(png):
            (length,) = struct.unpack(">I", png[offset : offset + 4])
            kind = png[offset + 4 : offset + 8]
            if kind == b"IDAT":
                chunks.append(png[offset + 8 : offset + 8 + length])
            offset += 12 + length
        raw = zlib.decompress(b"".join(chunks))
        # a one-colour image filters to (almost) all zero bytes; a drawing does not
        return sum(1 for b in raw if b) > len(raw) // 50 and len(set(raw)) > 32
    import io

    image = Image.open(io.BytesIO(png)).convert("L")
    return ImageStat.Stat(image).stddev[0] > 5.0


def test_seed_report_in_chromium(browser: object, seed_store: GraphStore, tmp_path: Path) -> None:
    tiers = compute_tiers(seed_store, "IRN")
    data = load_actor_data(seed_store, "IRN")
    path = _write(tmp_path, "iran.html", render_actor_report(seed_store, "IRN"))
    visit = Visit(browser, path)
    try:
        nodes = visit.page.evaluate(PARTNER_NODES, "map")
        assert sorted(nodes) == sorted(t.partner.id for t in tiers)
        figure = visit.page.evaluate("() => document.getElementById('map').data")
        key = _loneliest_edge(figure)
        shown = " ".join(visit.click_edge("map", key).split())
        edge = next(e for e in data.edges if e.key == key)
        for claim in edge.claims:
            assert claim.evidence is not None
            assert " ".join(claim.evidence.text.split()) in shown
        assert (claim.evidence.title or "") in shown
        png = visit.page.locator("#map").screenshot()
        assert _not_blank(png)
        assert visit.outside == [] and visit.errors == []
    finally:
        visit.close()


def test_hostile_text_stays_text_in_chromium(
    browser: object, hostile_store: GraphStore, tmp_path: Path
) -> None:
    path = _write(tmp_path, "hostile.html", render_actor_report(hostile_store, "IRN"))
    visit = Visit(browser, path)
    try:
        shown = visit.click_edge("map", f"{HOSTILE_ID}|military|cooperation")
        assert '<script>alert("sentence")</script>' in shown
        assert visit.page.locator("img").count() == 0
        assert visit.dialogs == [] and visit.errors == [] and visit.outside == []
    finally:
        visit.close()


def test_blank_check_sees_a_blank_page(browser: object, tmp_path: Path) -> None:
    """The screenshot check can fail: a page with nothing drawn is reported blank."""
    visit_page = browser.new_page()  # type: ignore[attr-defined]
    try:
        visit_page.set_content("<html><body style='background:#fff'></body></html>")
        assert not _not_blank(visit_page.screenshot())
    finally:
        visit_page.close()


def test_request_check_catches_a_request_leaving_the_machine(
    browser: object, tmp_path: Path
) -> None:
    """The network check can fail: a page that loads a remote image is caught."""
    remote = "https://example.invalid/pixel.png"
    path = _write(tmp_path, "leaky.html", f"<body data-ready='1'><img src='{remote}'></body>")
    visit = Visit(browser, path)
    try:
        visit.page.wait_for_timeout(200)
        assert visit.outside == [remote]
    finally:
        visit.close()
