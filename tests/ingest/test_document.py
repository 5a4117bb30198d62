from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.ingest import IngestError, ingest, ingest_text

from .helpers import assert_invariants

FIXTURES = ["wire.txt", "explainer.md", "article.html"]


@pytest.mark.parametrize("name", FIXTURES)
def test_identity_and_determinism(data_dir: Path, name: str) -> None:
    first = ingest(data_dir / name)
    second = ingest(data_dir / name)
    assert first == second
    assert first.sha256 == hashlib.sha256(first.text.encode("utf-8")).hexdigest()
    assert first.short_hash == first.sha256[:16]
    assert_invariants(first)


def test_ingest_text_matches_file_ingest(data_dir: Path) -> None:
    path = data_dir / "explainer.md"
    from_file = ingest(path)
    in_memory = ingest_text(
        path.read_text(encoding="utf-8"), path=str(path), media_type="text/markdown"
    )
    assert in_memory == from_file


def test_ingest_text_rejects_unknown_media_type() -> None:
    with pytest.raises(IngestError, match="unsupported media type"):
        ingest_text("Some text.", path="x.rtf", media_type="application/rtf")


def test_typography_is_kept() -> None:
    doc = ingest_text("Ties — “warm”, not ‘cold’ — grew.", path="t.txt", media_type="text/plain")
    assert doc.text == "Ties — “warm”, not ‘cold’ — grew."


TOKENS = (
    "Chile Peru signed a pact. U.S. Dr. investee.In 2024. $4.2bn Related Post By Jane Doe LIMA, "
    "Oct 14 - “quoted” > # ## * | **bold** [link](http://x.y) <p> </p> <h2> </h2> &amp; é ? ! :"
)
WORDS = st.sampled_from([*TOKENS.split(), "\t", "\r\n", "\n", "\n\n", "\u0301", "\x00", "\x07"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(WORDS, min_size=1, max_size=60).map(" ".join),
    st.sampled_from(["text/plain", "text/markdown", "text/html"]),
)
def test_invariants_on_random_documents(text: str, media_type: str) -> None:
    try:
        doc = ingest_text(text, path="random", media_type=media_type)
    except IngestError as err:
        assert "\n" not in str(err)
        return
    assert_invariants(doc)
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert "\r" not in doc.text and "\t" not in doc.text and "  " not in doc.text
    assert "\x00" not in doc.text and "\n\n\n" not in doc.text
