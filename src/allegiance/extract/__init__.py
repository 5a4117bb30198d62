"""Extract stage: typed relation claims, with evidence spans, from an ingested Document."""

from allegiance.extract.claims import extract, find_focal

__all__ = ["extract", "find_focal"]
