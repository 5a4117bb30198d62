"""Regression tests for the robustness fixes made in ingest while running the hostile batch.

Each case once hung, crashed the whole build, or gave no outcome at all.
"""

from __future__ import annotations

import os
import time
from itertools import pairwise
from pathlib import Path

import pytest

from allegiance.ingest import IngestError, ingest, ingest_text, iter_inputs, split_sentences
from allegiance.ingest.sentences import MAX_SENTENCE_CHARS


@pytest.mark.parametrize("unit", ["x.Ab", "word ", "nospace", "U.S. ", "A. "])
def test_sentence_splitting_stays_linear_and_bounded(unit: str) -> None:
    text = unit * 50000  # 200-350 KB with no usable sentence end
    started = time.monotonic()
    spans = split_sentences(text)
    assert time.monotonic() - started < 5  # was over a minute for "x.Ab" (quadratic scan)
    assert spans and all(0 < e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_a_run_on_line_becomes_sentences_of_bounded_length() -> None:
    text = "Peru and Vietnam " * 2000
    document = ingest_text(text, path="run-on.txt", media_type="text/plain")
    assert len(document.sentences) > 1
    for sentence in document.sentences:
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert document.text[sentence.start : sentence.end] == sentence.text


def test_lone_surrogates_are_refused_not_crashed_on() -> None:
    with pytest.raises(IngestError, match="surrogate"):
        ingest_text("Peru and Chile \ud800 signed.", path="s.txt", media_type="text/plain")


def test_a_file_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(b"Peru and Chile signed a trade pact.\n")
    with pytest.raises(IngestError, match="not valid UTF-8") as caught:
        ingest(os.fsdecode(raw))
    assert "\n" not in str(caught.value)


def test_a_named_folder_with_nothing_to_build_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "x.html"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF")
    results = list(iter_inputs([folder, folder]))
    assert len(results) == 1  # reported once, even when named twice
    assert isinstance(results[0], IngestError) and "no files to build" in results[0].reason
