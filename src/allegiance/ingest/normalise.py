"""Text normalisation that defines a document's identity.

The normalised text is what offsets point into and what ``sha256`` is computed over, so the
same article saved as UTF-16 with CRLF line ends or as UTF-8 with LF gets the same identity.
Typography (curly quotes, dashes) is kept: it is content, and quote selectors must match it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Line and paragraph separators that are not "\n" become "\n"; other invisible characters go.
_LINE_BREAK_CHARS = ("\r", "\f", "\v", "\u2028", "\u2029")
_INVISIBLE = {"\ufeff", "\u200b", "\u00ad", "\u2060"}
_SPACES = re.compile(r"[ \t]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _clean_char(ch: str) -> str:
    if ch in "\n\t":
        return ch
    if ch in _INVISIBLE:
        return ""
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return ""
    if cat == "Zs":
        return " "
    return ch


_PLAIN = re.compile(r"[^\n\t\x20-\x7e]")
"""Characters ``_clean_char`` may change: all but line feed, tab and printable ASCII."""


def _clean(text: str) -> str:
    """``_clean_char`` applied to every character. Only the distinct characters outside
    printable ASCII are looked up (a few per document): calling a function per character was
    a third of ingest time."""
    text = text.replace("\r\n", "\n")
    for ch in _LINE_BREAK_CHARS:
        if ch in text:  # rare: a replace per one present beats translating every character
            text = text.replace(ch, "\n")
    text = unicodedata.normalize("NFC", text)
    for ch in set(_PLAIN.findall(text)):
        cleaned = _clean_char(ch)
        if cleaned != ch:
            # One replace per changed character (a handful): faster than a translate table
            # on non-ASCII text. The results ("" or " ") are never changed themselves.
            text = text.replace(ch, cleaned)
    return text


def normalise_text(text: str) -> str:
    """Whole-document normalisation for plain text (lines are kept, spaces collapsed)."""
    text = _SPACES.sub(" ", _clean(text))
    lines = [line.strip(" ") for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def normalise_source(text: str) -> str:
    """Light normalisation before a markup parser: keep indentation, unify line ends."""
    return _clean(text)


def normalise_inline(text: str) -> str:
    """One block of extracted text (a paragraph, list item, cell) as a single line."""
    return " ".join(_clean(text).split())


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
