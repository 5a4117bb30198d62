from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.ingest import IngestError, ingest, ingest_text

from .helpers import assert_invariants, section_of, sentences_of


def test_html_boilerplate_removed(data_dir: Path) -> None:
    doc = ingest(data_dir / "article.html")
    assert_invariants(doc)
    for noise in (
        "cookies",
        "Weather",
        "tracker",
        "font-family",
        "plantain",
        "marathon",
        "All rights reserved",
        "Privacy",
    ):
        assert noise not in doc.text


def test_html_metadata(data_dir: Path) -> None:
    doc = ingest(data_dir / "article.html")
    assert doc.media_type == "text/html"
    assert doc.title == "Ghana and Brazil agree cocoa research pact"
    assert doc.publisher == "Atlantic Courier"
    assert doc.date == "2025-05-21"
    assert doc.author == "Ama Mensah"


def test_html_structure(data_dir: Path) -> None:
    doc = ingest(data_dir / "article.html")
    assert [s.heading for s in doc.sections[1:]] == [
        "Ghana and Brazil agree cocoa research pact",
        "Trade ties",
        "Regional reaction",
    ]
    assert section_of(doc, "Abidjan") == "Regional reaction"
    assert sentences_of(doc, "list_item") == [
        "The laboratory opens in 2026.",
        "Funding is split equally between the two countries.",
    ]
    assert sentences_of(doc, "quote")[0].startswith('"We grow the same crop')
    assert doc.excluded[0].text == "ACCRA, May 21 (Atlantic Courier) -"
    assert sentences_of(doc, "paragraph")[0].startswith("Ghana and Brazil signed")


def test_html_short_page_keeps_structure() -> None:
    page = (
        "<html><body><h1>Brief</h1><p>Chile thanked Peru.</p>"
        "<ul><li>Peru thanked Chile.</li></ul></body></html>"
    )
    doc = ingest_text(page, path="tiny.html", media_type="text/html")
    assert_invariants(doc)
    assert [(s.text, s.block) for s in doc.sentences] == [
        ("Brief", "title"),
        ("Chile thanked Peru.", "paragraph"),
        ("Peru thanked Chile.", "list_item"),
    ]


def test_html_with_only_navigation_has_no_text() -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>"
    with pytest.raises(IngestError, match="no text content"):
        ingest_text(page, path="nav.html", media_type="text/html")


def test_html_publisher_from_title_suffix() -> None:
    page = (
        "<html><head><title>Oman mediates again | Gulf Observer</title></head><body><article>"
        "<h1>Oman mediates again</h1><p>Oman hosted indirect talks between the two delegations "
        "on Sunday, diplomats said, the third round this year.</p><p>Both sides described the "
        "atmosphere as constructive and agreed to meet again in Muscat next month.</p>"
        "</article></body></html>"
    )
    doc = ingest_text(page, path="oman.html", media_type="text/html")
    assert doc.publisher == "Gulf Observer"
    assert doc.title == "Oman mediates again"


def test_xhtml_with_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Andean pact</title></head>'
        "<body><article><h1>Andean pact</h1><p>Bolivia and Ecuador agreed to share border "
        "patrol data, officials in La Paz said on Friday.</p><p>The arrangement will be reviewed "
        "after one year by both defence ministries.</p></article></body></html>"
    )
    doc = ingest_text(page, path="x.html", media_type="text/html")
    assert_invariants(doc)
    assert doc.title == "Andean pact"
    assert "Bolivia and Ecuador agreed to share border patrol data" in doc.text
