from __future__ import annotations

from pathlib import Path

from allegiance.ingest import ingest, ingest_text

from .helpers import assert_invariants, section_of, sentences_of


def test_wire_txt_structure(data_dir: Path) -> None:
    doc = ingest(data_dir / "wire.txt")
    assert_invariants(doc)
    assert doc.media_type == "text/plain"
    assert doc.title == "Norway and Chile Deepen Their Copper-for-Fish Partnership"
    assert doc.author == "Ingrid Halvorsen and Tomas Reyes"
    headings = [(s.heading, s.level) for s in doc.sections]
    assert headings == [
        (None, 0),
        ("Norway and Chile Deepen Their Copper-for-Fish Partnership", 1),
        ("Shipping Lanes: A New Northern Route", 2),
        ("WHAT COMES NEXT", 2),
    ]
    assert sentences_of(doc, "title") == [doc.title]
    assert section_of(doc, "rose 14 per cent") == "Shipping Lanes: A New Northern Route"
    assert section_of(doc, "Valparaíso") == "WHAT COMES NEXT"
    # The title section holds its level-2 subsections; sentences get the innermost one.
    title_section = doc.sections[1]
    assert title_section.start == 0 and title_section.end == doc.sections[-1].end


def test_glued_and_wrapped_sentences(data_dir: Path) -> None:
    doc = ingest(data_dir / "wire.txt")
    texts = [s.text for s in doc.sentences]
    assert any(t.endswith("released in Santiago.") for t in texts)
    assert (
        "Officials expect further growth once a direct container service opens next spring."
        in texts
    )
    wrapped = next(t for t in texts if t.startswith("Norwegian ministers"))
    assert wrapped.endswith("discuss fisheries inspections.")
    assert "\n" in wrapped  # one sentence over two lines, offsets kept
    assert any("U.K. and other observers at the U.N. conference" in t for t in texts)


def test_quote_lines(data_dir: Path) -> None:
    doc = ingest(data_dir / "wire.txt")
    quotes = sentences_of(doc, "quote")
    assert len(quotes) == 1
    assert quotes[0].startswith("“We are neighbours")  # the ">" marker is not in the sentence


def test_related_tail_and_byline_are_excluded(data_dir: Path) -> None:
    doc = ingest(data_dir / "wire.txt")
    excluded = [s.text for s in doc.excluded]
    assert excluded[0] == "By Ingrid Halvorsen and Tomas Reyes"
    assert excluded[1] == "OSLO, Mar 3 (Northern Ledger) -"
    assert excluded[-1].startswith("Related Posts\n")
    assert doc.excluded[-1].end == len(doc.text)
    meta = sentences_of(doc, "meta")
    assert "Why Everyone Is Talking About Electric Ferries" in meta
    first_body = next(s for s in doc.sentences if s.block == "paragraph")
    assert first_body.text.startswith("Norway and Chile signed a framework")


def test_heading_needs_body_after_it() -> None:
    text = (
        "Alliances in Brief\n"
        "Chile\n"
        "Norway\n"
        "Short Lines Are Not Headings When a List Follows\n"
        "Portugal\n"
        "Spain\n"
        "Trade Outlook\n"
        "Exports from the region grew steadily in 2024, customs officials said on Friday.\n"
        "A Final Note Without Body Text"
    )
    doc = ingest_text(text, path="list.txt", media_type="text/plain")
    assert_invariants(doc)
    assert [s.heading for s in doc.sections[2:]] == ["Trade Outlook"]


def test_question_heading_and_colon_heading() -> None:
    text = (
        "Partners of the Pacific\n"
        "Which Islands Back the New Fisheries Pact?\n"
        "Several island states have said they will sign the fisheries pact next month.\n"
        "Fiji: a cautious supporter\n"
        "Fiji has endorsed the text but wants changes to the enforcement chapter.\n"
        "the wrapped line continues the previous paragraph here."
    )
    doc = ingest_text(text, path="pacific.txt", media_type="text/plain")
    assert_invariants(doc)
    assert [s.heading for s in doc.sections[2:]] == [
        "Which Islands Back the New Fisheries Pact?",
        "Fiji: a cautious supporter",
    ]
    assert sentences_of(doc, "paragraph")[-1].startswith("Fiji has endorsed")


def test_first_line_is_not_a_title_when_it_is_body_text() -> None:
    text = (
        "Laos and Thailand opened a new rail link on Monday. Freight volumes are expected to "
        "double within two years, officials said.\nA second line is planned for 2028."
    )
    doc = ingest_text(text, path="body.txt", media_type="text/plain")
    assert_invariants(doc)
    assert doc.title is None
    assert {s.block for s in doc.sentences} == {"paragraph"}
    assert [s.heading for s in doc.sections] == [None]
