from __future__ import annotations

import pytest

from allegiance.ingest import ingest_text

from .helpers import assert_invariants

BODY = (
    "Mongolia and South Korea agreed on Tuesday to expand rare-earth exploration, officials in "
    "Ulaanbaatar said."
)


def excluded_texts(text: str, media_type: str = "text/plain") -> list[str]:
    doc = ingest_text(text, path="doc", media_type=media_type)
    assert_invariants(doc)
    return [s.text for s in doc.excluded]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("Written by Bat-Erdene Ganbold", "Bat-Erdene Ganbold"),
        ("By Steppe Herald staff", "Steppe Herald staff"),
        ("By Oyuna Tsend | 4 March 2025 | 6 min read", "Oyuna Tsend"),
    ],
)
def test_bylines(line: str, author: str) -> None:
    doc = ingest_text(
        f"Rare Earths on the Steppe\n{line}\n{BODY}", path="d", media_type="text/plain"
    )
    assert [s.text for s in doc.excluded] == [line]
    assert doc.author == author
    assert [s.block for s in doc.sentences if s.text == line] == ["meta"]


@pytest.mark.parametrize(
    "line",
    [
        "By 2030, Mongolia hopes to export twice as much copper",
        "By contrast, Seoul wants a long-term supply contract",
        "By Tuesday the two delegations had agreed.",
    ],
)
def test_not_bylines(line: str) -> None:
    assert excluded_texts(f"Rare Earths on the Steppe\n{line}\n{BODY}") == []


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("ULAANBAATAR, Oct 14 (Steppe Herald) - " + BODY, "ULAANBAATAR, Oct 14 (Steppe Herald) -"),
        ("SEOUL (Han River Wire) — " + BODY, "SEOUL (Han River Wire) —"),
        ("NEW DELHI, March 3 - " + BODY, "NEW DELHI, March 3 -"),
    ],
)
def test_datelines_exclude_only_the_prefix(paragraph: str, dateline: str) -> None:
    doc = ingest_text(f"Rare Earths\n{paragraph}", path="d", media_type="text/plain")
    assert [s.text for s in doc.excluded] == [dateline]
    assert doc.sentences[1].text == dateline and doc.sentences[1].block == "meta"
    assert doc.sentences[2].text == BODY and doc.sentences[2].block == "paragraph"


def test_dateline_only_in_first_paragraph() -> None:
    text = f"Rare Earths\n{BODY}\nSEOUL, Oct 14 (Han River Wire) - A later paragraph says more."
    assert excluded_texts(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "Updated 20 October 2025 | 7-minute read",
        "Published: 3 May 2024",
        "5 min read",
        "Strategic Brief Series | Asia Desk | November 2025",
        "Share this article",
        "Sign up for our newsletter",
        "© 2025 Steppe Herald. All rights reserved.",
        "Read more: how copper prices shape Mongolian politics",
        "(Reporting by Oyuna Tsend; editing by Kim Min-jun)",
    ],
)
def test_meta_and_footer_lines(line: str) -> None:
    text = f"Rare Earths on the Steppe\n{line}\n{BODY}\nThe talks resume in May, officials said."
    assert excluded_texts(text) == [line]


@pytest.mark.parametrize("marker", ["Related Post", "Related articles:", "You may also like"])
def test_related_tail_runs_to_the_end(marker: str) -> None:
    text = f"Rare Earths\n{BODY}\n{marker}\nCelebrity Chef Net Worth\nTen Best Beaches in Italy"
    doc = ingest_text(text, path="d", media_type="text/plain")
    assert len(doc.excluded) == 1
    tail = doc.excluded[0]
    assert tail.text.startswith(marker) and tail.end == len(doc.text)
    assert {s.block for s in doc.sentences if s.start >= tail.start} == {"meta"}


def test_related_in_body_sentence_is_not_a_footer() -> None:
    related = "Related talks on copper were held in Seoul last year, officials said."
    text = f"Rare Earths\n{related}\n{BODY}"
    assert excluded_texts(text) == []


def test_html_credit_and_byline(tmp_path: object) -> None:
    page = (
        "<html><head><title>Steppe deal</title></head><body><article><h1>Steppe deal</h1>"
        "<p>By Oyuna Tsend</p>"
        f"<p>{BODY} The deal covers exploration licences in three provinces, officials said.</p>"
        "<p>Seoul will fund geological surveys over the next four years, the ministry said.</p>"
        "<p>(Reporting by Oyuna Tsend; editing by Kim Min-jun)</p></article></body></html>"
    )
    doc = ingest_text(page, path="d.html", media_type="text/html")
    assert_invariants(doc)
    meta = [s.text for s in doc.sentences if s.block == "meta"]
    assert "(Reporting by Oyuna Tsend; editing by Kim Min-jun)" in meta
    assert all("Oyuna" not in s.text for s in doc.sentences if s.block == "paragraph")
