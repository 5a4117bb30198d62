"""Ingest: a ``.txt``, ``.md`` or ``.html`` file in, an ``allegiance.records.Document`` out.

The Document carries the normalised text (its identity is the sha256 of that text), sections
from headings, sentences with exact offsets, metadata the source states, and the boilerplate
spans (bylines, datelines, 'Related' footers) that later stages must ignore.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from allegiance.ingest.blocks import Parsed
from allegiance.ingest.decode import decode_bytes
from allegiance.ingest.document import build_document
from allegiance.ingest.files import (
    DEFAULT_MAX_BYTES,
    MEDIA_TYPES,
    IngestError,
    iter_inputs,
    media_type_for,
    read_bytes,
)
from allegiance.ingest.html import parse_html
from allegiance.ingest.markdown import parse_markdown
from allegiance.ingest.plaintext import parse_plain_text
from allegiance.ingest.sentences import split_sentences
from allegiance.records import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MEDIA_TYPES",
    "IngestError",
    "ingest",
    "ingest_text",
    "iter_inputs",
    "split_sentences",
]

# Lone surrogates cannot be encoded as UTF-8, so they could be neither hashed nor stored; they
# come from file names that are not UTF-8 (Python keeps the bytes as surrogate escapes) or from
# text handed to ``ingest_text`` by a caller.
_SURROGATE = re.compile("[\ud800-\udfff]")

_PARSERS = {
    "text/plain": parse_plain_text,
    "text/markdown": parse_markdown,
    "text/html": parse_html,
}


def ingest_text(text: str, *, path: str, media_type: str) -> Document:
    """Build a Document from text already in memory (``media_type`` as in ``MEDIA_TYPES``)."""
    parser = _PARSERS.get(media_type)
    if parser is None:
        expected = ", ".join(sorted(_PARSERS))
        raise IngestError(path, f"unsupported media type '{media_type}'; expected {expected}")
    if not text.strip():
        raise IngestError(path, "empty file (whitespace only)")
    if _SURROGATE.search(text):
        raise IngestError(path, "text contains lone surrogate code points (not valid Unicode)")
    try:
        parsed: Parsed = parser(text)
    except RecursionError:
        raise IngestError(path, "document structure too deeply nested to parse") from None
    return build_document(parsed, path=path, media_type=media_type)


def ingest(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and parse one file; every refusal is an IngestError with a one-line reason.

    ``Document.path`` is the path as given (not resolved), so it matches what the user typed.
    """
    shown = os.fspath(path)
    if _SURROGATE.search(shown):
        raise IngestError(shown, "file name is not valid UTF-8; rename the file")
    if Path(path).is_file():
        media_type_for(path)  # refuse an unsupported type before reading the file
    data = read_bytes(path, max_bytes)  # missing, directory, unreadable, too large
    media_type = media_type_for(path)
    text = decode_bytes(data, shown, html=media_type == "text/html")
    return ingest_text(text, path=shown, media_type=media_type)
