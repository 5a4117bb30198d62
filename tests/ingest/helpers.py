"""Shared checks of the Document invariants every stage downstream relies on."""

from __future__ import annotations

from allegiance.records import Document


def assert_invariants(doc: Document) -> None:
    assert doc.sections and doc.sections[0].heading is None
    previous_end = 0
    for sentence in doc.sentences:
        assert sentence.text == doc.text[sentence.start : sentence.end]
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end
        previous_end = sentence.end
        section = doc.sections[sentence.section]
        assert section.start <= sentence.start < section.end or (
            sentence.section == 0 and section.start == section.end == 0
        )
    for section in doc.sections[1:]:
        assert section.heading_span is not None
        assert doc.text[section.heading_span.start : section.heading_span.end] == section.heading
        assert section.start == section.heading_span.start
    for span in doc.excluded:
        assert doc.text[span.start : span.end] == span.text
    ends = [s.end for s in doc.excluded]
    starts = [s.start for s in doc.excluded]
    assert all(a <= b for a, b in zip(ends, starts[1:], strict=False))


def sentences_of(doc: Document, block: str) -> list[str]:
    return [s.text for s in doc.sentences if s.block == block]


def section_of(doc: Document, needle: str) -> str | None:
    sentence = next(s for s in doc.sentences if needle in s.text)
    return doc.sections[sentence.section].heading
