"""Finding gold evidence in the text the extractor saw.

Gold evidence is a verbatim substring of the RAW document, but found evidence offsets point into
the NORMALISED text produced by ingest (whitespace collapsed, markup removed, maybe typographic
punctuation folded). To compare the two, the gold string is searched in the normalised text: first
verbatim, then, if that fails, with whitespace runs and typographic punctuation made equivalent.
Every fallback is reported, so a score that depends on it can be traced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from allegiance.eval.gold import GoldKey

# One-to-one character folds, so offsets in the folded text equal offsets in the original.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": " ",
    }
)


def _all_occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def locate_evidence(text: str, evidence: str) -> tuple[list[tuple[int, int]], str | None]:
    """All ``(start, end)`` places of ``evidence`` in ``text``, and a note if a fallback was used.

    The note is ``None`` for a verbatim hit; otherwise it says which normalisation was needed, or
    that the evidence could not be found at all (then the list is empty).
    """
    spans = _all_occurrences(text, evidence)
    if spans:
        return spans, None
    tokens = evidence.translate(_FOLD).split()
    if tokens:
        pattern = re.compile(r"\s+".join(re.escape(t) for t in tokens))
        folded = text.translate(_FOLD)
        spans = [(m.start(), m.end()) for m in pattern.finditer(folded)]
        if spans:
            return spans, "found only after normalising whitespace and punctuation"
    return [], "not found in the document text, even after normalising whitespace"


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def gold_as_found(gold: GoldKey, document_text: str) -> list[dict[str, object]]:
    """The gold claims written as found claims (extract JSONL contract), for self-checks.

    Scoring a key against itself must give perfect scores; anything less exposes a scorer bug or
    a key whose evidence cannot be located in ``document_text``. Claims whose evidence cannot be
    located get offsets (0, 0).
    """
    kinds = {a.id: a.kind for a in gold.actors}
    labels = {a.id: a.names[0] for a in gold.actors}
    found: list[dict[str, object]] = []
    for claim in gold.claims:
        spans, _ = locate_evidence(document_text, claim.evidence)
        start, end = spans[0] if spans else (0, 0)
        quantity = claim.quantity
        found.append(
            {
                "document": gold.document,
                "subject": _actor(claim.subject, labels, kinds),
                "object": _actor(claim.object, labels, kinds),
                "type": claim.type,
                "polarity": claim.polarity,
                "directed": claim.directed,
                "evidence": {"text": document_text[start:end], "start": start, "end": end},
                "confidence": 1.0,
                "quantity": None
                if quantity is None
                else {"value": quantity.value, "unit": quantity.unit, "year": quantity.year},
            }
        )
    return found


def _actor(aid: str, labels: dict[str, str], kinds: dict[str, str]) -> dict[str, str]:
    return {"id": aid, "label": labels[aid], "kind": kinds[aid]}


def any_overlap(found: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> bool:
    return any(overlaps(f, g) for f in found for g in gold)
