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
_LINE_BREAKS = str.maketrans({"\r": "\n", "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n"})
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


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_LINE_BREAKS))
    if text.isascii():
        # Fast path: only ASCII control characters can need removing.
        return "".join(ch for ch in text if ch in "\n\t" or " " <= ch <= "~")
    return "".join(map(_clean_char, text))


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
