from __future__ import annotations

from pathlib import Path

from allegiance.ingest import ingest, ingest_text

from .helpers import assert_invariants, section_of, sentences_of


def test_markdown_text_has_no_markup(data_dir: Path) -> None:
    doc = ingest(data_dir / "explainer.md")
    assert_invariants(doc)
    assert doc.media_type == "text/markdown"
    for mark in ("**", "# ", "](", "https://", "---", "|---"):
        assert mark not in doc.text
    assert "Kenya and Japan have spent two years negotiating over the Lamu port expansion." in (
        doc.text
    )


def test_markdown_sections_follow_levels(data_dir: Path) -> None:
    doc = ingest(data_dir / "explainer.md")
    assert doc.title == "Explainer: Why Kenya and Japan Are Talking About Ports"
    assert [(s.heading, s.level) for s in doc.sections[1:]] == [
        ("Explainer: Why Kenya and Japan Are Talking About Ports", 1),
        ("What is on the table?", 2),  # setext
        ("Who else is involved?", 2),
        ("Risks", 3),
    ]
    who, risks = doc.sections[3], doc.sections[4]
    assert who.start < risks.start < risks.end <= who.end  # nested
    assert section_of(doc, "concessional loan") == "What is on the table?"
    assert section_of(doc, "Others see the deal") == "Risks"


def test_markdown_blocks(data_dir: Path) -> None:
    doc = ingest(data_dir / "explainer.md")
    items = sentences_of(doc, "list_item")
    assert "New Delhi has shown interest in a shipping line to Mombasa." in items
    assert "Phase two covers the rail link." in items  # nested ordered list
    assert sentences_of(doc, "table_row") == [
        "Partner | Pledge | Year",
        "Japan | $800m loan | 2024",
        "AfDB | $150m grant | 2025",
    ]
    quotes = sentences_of(doc, "quote")
    assert quotes == [
        '"Ports are how a country chooses its friends," said Wanjiru Otieno, a trade analyst in '
        "Nairobi."
    ]
    assert "Some lawmakers worry about debt, e.g. repayments in foreign currency." in [
        s.text for s in doc.sentences
    ]


def test_markdown_boilerplate(data_dir: Path) -> None:
    doc = ingest(data_dir / "explainer.md")
    assert doc.excluded[0].text == "Updated 12 February 2025 | 5-minute read"
    tail = doc.excluded[-1]
    assert tail.text.startswith("Related articles") and tail.end == len(doc.text)
    assert "Related articles" not in [s.heading for s in doc.sections]
    assert "Tea prices climb again" in sentences_of(doc, "meta")


def test_markdown_without_title_keeps_section_zero() -> None:
    doc = ingest_text(
        "Lead paragraph before any heading. It names nobody.\n\n## Later\n\nBody text here.",
        path="x.md",
        media_type="text/markdown",
    )
    assert_invariants(doc)
    assert doc.title is None
    assert doc.sections[0].end == doc.sections[1].start > 0
    assert doc.sentences[0].section == 0
