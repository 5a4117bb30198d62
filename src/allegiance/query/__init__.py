"""Query stage: summaries now; the template catalogue arrives with the query-layer issue."""

from allegiance.query.summary import Summary, summarise

__all__ = ["Summary", "summarise"]
