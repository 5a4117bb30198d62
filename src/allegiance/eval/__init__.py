"""Measuring extraction against hand-made answer keys (``NAME.gold.json``, see GOLD.md).

Typical use::

    pairs = find_gold_pairs(Path("corpus"))
    scores = [score_document(found_for(doc), load_gold(key), normalised_text) for key, doc in pairs]
    report = score_corpus(scores)
    to_json(report); render_table(report)
"""

from allegiance.eval.corpus import CorpusScore, score_corpus
from allegiance.eval.evidence import gold_as_found, locate_evidence
from allegiance.eval.gold import (
    ClaimKey,
    GoldActor,
    GoldClaim,
    GoldError,
    GoldKey,
    GoldQuantity,
    find_gold_pairs,
    load_gold,
)
from allegiance.eval.metrics import CONVENTIONS, PRF, Accuracy
from allegiance.eval.report import render_table, to_json
from allegiance.eval.scoring import (
    QUANTITY_TOLERANCE,
    DirectionError,
    DocumentScore,
    FoundClaim,
    parse_found,
    score_document,
)

__all__ = [
    "CONVENTIONS",
    "PRF",
    "QUANTITY_TOLERANCE",
    "Accuracy",
    "ClaimKey",
    "CorpusScore",
    "DirectionError",
    "DocumentScore",
    "FoundClaim",
    "GoldActor",
    "GoldClaim",
    "GoldError",
    "GoldKey",
    "GoldQuantity",
    "find_gold_pairs",
    "gold_as_found",
    "load_gold",
    "locate_evidence",
    "parse_found",
    "render_table",
    "score_corpus",
    "score_document",
    "to_json",
]
