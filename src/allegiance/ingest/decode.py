"""Bytes to text: byte-order marks first, then strict UTF-8, then declared or detected charsets.

Strict UTF-8 comes before any detector because a valid UTF-8 decoding of non-ASCII bytes is
almost never an accident, whereas detectors guess. ``charset-normalizer`` is the last resort
for legacy files (latin-1, cp1252, ...). Binary files are refused early (NUL bytes, control
bytes) so a PDF renamed to ``.txt`` never reaches the parsers.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from allegiance.ingest.files import IngestError

# Longest BOMs first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_SNIFF = 65536
_CHAOS_TIE = 0.001
_PREFERRED_LEGACY = ("cp1252", "iso8859_15", "latin_1")
_MAX_CONTROL_SHARE = 0.05


_CONTROL_BYTE_LIST = bytes(sorted(_CONTROL_BYTES))
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
"""Replacement characters, C0 controls other than tab, line and page breaks, DEL and C1."""


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    # Counted by deleting them in C: a Python loop over 64 KB per file was slow.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTE_LIST))
    return controls > _MAX_CONTROL_SHARE * len(head)


def _unprintable_share(text: str) -> float:
    sample = text[:_SNIFF]
    if not sample:
        return 0.0
    bad = len(_UNPRINTABLE.findall(sample))
    return bad / len(sample)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` (or http-equiv content-type charset) of an HTML page, if valid."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, path: str, *, html: bool = False) -> str:
    """Decode a file's bytes to str or raise IngestError (binary, empty, undecodable)."""
    if not data:
        raise IngestError(path, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    path,
                    f"undecodable: invalid {codec.removesuffix('-sig')} after byte order mark "
                    f"(byte {exc.start})",
                ) from None
            return _checked(text, path)
    if _looks_binary(data):
        raise IngestError(path, "binary file (contains NUL or control bytes), not text")
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    if html:
        charset = declared_charset(data)
        if charset:
            try:
                return _checked(data.decode(charset), path)
            except UnicodeDecodeError:
                pass
    return _checked(_legacy_decode(data, path), path)


def _legacy_decode(data: bytes, path: str) -> str:
    """charset-normalizer's pick, except that ties go to the Western default.

    Single-byte code pages often decode a short text equally well (cp1250 and cp1252 differ
    only in rarely used letters); browsers resolve such pages as windows-1252, and so do we.
    """
    matches = list(from_bytes(data))
    if not matches:
        raise IngestError(path, "undecodable: not UTF-8 and no legacy encoding fits")
    least = min(m.chaos for m in matches)
    tied = {m.encoding: m for m in matches if m.chaos <= least + _CHAOS_TIE}
    for name in _PREFERRED_LEGACY:
        if name in tied:
            return str(tied[name])
    return str(matches[0])


def _checked(text: str, path: str) -> str:
    if _unprintable_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(path, "binary file (mostly non-text characters), not text")
    return text
