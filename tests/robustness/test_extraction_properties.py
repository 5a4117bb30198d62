"""Properties of extraction on generated documents (hypothesis), in all three input formats.

Documents come from a small grammar: actor names from the gazetteer, relation cue words from
the lexicon, and neutral filler, arranged into sentences, paragraphs and (for Markdown and
HTML) headings and list items. Whatever the extractor decides, its claims must point at real
text: evidence is the text at its offsets, lies inside one sentence, and the same input gives
the same graph.
"""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.extract import extract
from allegiance.extract.lexicon import load_lexicon
from allegiance.ingest import IngestError, ingest_text
from allegiance.model import canonical_nquads, document_graph
from allegiance.records import Document
from allegiance.reference import Gazetteer, load_gazetteer

FILLER = ("officials", "said", "on", "Tuesday", "that", "the", "new", "plan", "would", "expand",
          "its", "ports", "in", "a", "statement", "after", "talks", "with")
SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@cache
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


@cache
def _actor_names() -> tuple[str, ...]:
    return tuple(sorted({a.label for a in _gazetteer().actors()}))


@cache
def _cues() -> tuple[str, ...]:
    return tuple(sorted(t for t in load_lexicon().relations if t.isprintable() and t.strip()))


@st.composite
def sentences(draw: st.DrawFn) -> str:
    def words(most: int) -> list[str]:
        return draw(st.lists(st.sampled_from(FILLER), max_size=most))

    parts = [draw(st.sampled_from(_actor_names())), *words(3), draw(st.sampled_from(_cues())),
             *words(3), draw(st.sampled_from(_actor_names())), *words(4)]
    if draw(st.booleans()):
        parts += ["and", draw(st.sampled_from(_actor_names()))]
    year = draw(st.one_of(st.none(), st.integers(1990, 2030)))
    if year is not None:
        parts += ["in", str(year)]
    text = " ".join(parts)
    return text[0].upper() + text[1:] + draw(st.sampled_from([".", ".", "!", "?", ";", ""]))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """(media type, source text) of a generated article."""
    media_type = draw(st.sampled_from(["text/plain", "text/markdown", "text/html"]))
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=1,
                               max_size=5))
    bodies = [" ".join(p) for p in paragraphs]
    title = "Partners and Rivals"
    if media_type == "text/plain":
        return media_type, "\n\n".join([title, *bodies]) + "\n"
    if media_type == "text/markdown":
        blocks = [f"# {title}"]
        for n, body in enumerate(bodies):
            blocks.append([body, f"- {body}", f"> {body}", f"## Part {n}\n\n{body}"][n % 4])
        return media_type, "\n\n".join(blocks) + "\n"
    items = "".join(f"<p>{b}</p>" if n % 2 == 0 else f"<ul><li>{b}</li></ul>"
                    for n, b in enumerate(bodies))
    page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{items}"
    return media_type, page + "</article></body></html>"


def _document(media_type: str, text: str) -> Document | None:
    try:
        return ingest_text(text, path="generated", media_type=media_type)
    except IngestError:
        return None  # a refusal is a legitimate outcome; the properties are about claims


@SETTINGS
@given(documents())
def test_evidence_is_the_text_at_its_offsets_inside_one_sentence(doc: tuple[str, str]) -> None:
    document = _document(*doc)
    if document is None:
        return
    spans = [(s.start, s.end) for s in document.sentences]
    for claim in extract(document, _gazetteer()):
        ev = claim.evidence
        assert 0 <= ev.start < ev.end <= len(document.text)
        assert document.text[ev.start : ev.end] == ev.text
        assert ev.text.strip()
        assert any(start <= ev.start and ev.end <= end for start, end in spans), ev
        assert claim.document_sha256 == document.sha256


@SETTINGS
@given(documents())
def test_the_same_input_gives_the_same_graph(doc: tuple[str, str]) -> None:
    first, second = _document(*doc), _document(*doc)
    if first is None:
        assert second is None
        return
    assert second is not None and first == second
    graphs = [
        canonical_nquads(document_graph(d, extract(d, _gazetteer()), config_hash="0" * 16))
        for d in (first, second)
    ]
    assert graphs[0] == graphs[1]


@SETTINGS
@given(st.sampled_from(["text/plain", "text/markdown", "text/html"]), st.text(max_size=300))
def test_arbitrary_text_is_ingested_or_refused_and_claims_stay_in_sentences(
    media_type: str, text: str
) -> None:
    """Any Unicode string (control characters, lone surrogates, stray markup) is either a
    Document or an IngestError, never another exception."""
    document = _document(media_type, text)
    if document is None:
        return
    for claim in extract(document, _gazetteer()):
        ev = claim.evidence
        assert document.text[ev.start : ev.end] == ev.text
        assert any(s.start <= ev.start and ev.end <= s.end for s in document.sentences)
