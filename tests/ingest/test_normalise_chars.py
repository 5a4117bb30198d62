"""Text cleaning rewrites only the characters outside printable ASCII it looks up, yet every
character must come out as ``_clean_char`` says: checked over whole ranges of code points."""

from __future__ import annotations

import unicodedata

from allegiance.ingest.normalise import _clean, _clean_char, normalise_inline


def _expected(text: str) -> str:
    text = text.replace("\r\n", "\n")
    for ch in "\r\f\v\u2028\u2029":
        text = text.replace(ch, "\n")
    return "".join(map(_clean_char, unicodedata.normalize("NFC", text)))


def test_every_character_of_the_first_planes_is_cleaned_as_one_by_one() -> None:
    for start in range(0, 0x3400, 0x400):
        text = "".join(chr(c) for c in range(start, start + 0x400))
        assert _clean(text) == _expected(text)


def test_controls_spaces_and_invisibles_in_running_text() -> None:
    text = "Kyiv\u00a0and\u2003Minsk\x07 talk\u200b\r\nagain\u2028\ufeffnow\x85."
    assert _clean(text) == _expected(text) == "Kyiv and Minsk talk\nagain\nnow."
    assert normalise_inline(" a\u00a0 b\tc\n") == "a b c"
