"""Cue phrases a user adds with --cues, without touching code."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.extract import extract
from allegiance.extract.lexicon import CueFileError, load_lexicon
from allegiance.ingest import ingest_text

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
TEXT = "Note\n\nLaos and Thailand opened a grid interconnector in 2024.\n"


def _claims(lexicon=None):  # type: ignore[no-untyped-def]
    document = ingest_text(TEXT, path="case.txt", media_type="text/plain")
    return extract(document, lexicon=lexicon)


def test_user_cue_file_adds_relations() -> None:
    assert not _claims()
    lexicon = load_lexicon((str(DATA / "user-cues.toml"),))
    found = _claims(lexicon)
    assert [(c.key(), c.formality) for c in found] == [
        (("LAO", "THA", "energy", "cooperation"), "F2")
    ]
    assert lexicon.config_hash != load_lexicon().config_hash  # recorded in the extraction run


@pytest.mark.parametrize(
    ("name", "message"),
    [("bad-cues.toml", "needs a polarity"), ("nothing.toml", "no such cue file")],
)
def test_bad_cue_files_are_one_line_errors(name: str, message: str) -> None:
    with pytest.raises(CueFileError) as caught:
        load_lexicon((str(DATA / name),))
    assert str(caught.value).startswith(str(DATA / name)) and message in str(caught.value)
