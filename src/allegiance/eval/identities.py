"""Reconciling an answer key's actor ids with the gazetteer's.

GOLD.md fixes ISO3 codes for states but leaves slugs for everything else to the key's author, so
a key may call the Wagner Group ``wagner`` while the reference graph calls it ``wagner-group``.
Counting that as a wrong actor would score the slug convention, not extraction. A key's actor
whose id the gazetteer does not know is matched by its names instead: when its first listed name
is read by the gazetteer as exactly one actor, that actor's id stands for the key's id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from allegiance.eval.gold import GoldKey
from allegiance.reference import Gazetteer


def id_map(gold: GoldKey, gazetteer: Gazetteer) -> dict[str, str]:
    """Our id -> the key's id, for the key's actors whose ids we do not know."""
    out: dict[str, str] = {}
    for actor in gold.actors:
        if gazetteer.get(actor.id) is not None or not actor.names:
            continue
        name = actor.names[0]
        mentions = [m for m in gazetteer.find_mentions(name) if m.end - m.start == len(name)]
        ids = {m.actor.id for m in mentions}
        if len(ids) == 1:
            ours = ids.pop()
            if ours not in {a.id for a in gold.actors}:
                out[ours] = actor.id
    return out


def align_ids(
    found: Sequence[Mapping[str, Any]], gold: GoldKey, gazetteer: Gazetteer
) -> list[dict[str, Any]]:
    """``found`` claims with our ids replaced by the key's ids where ``id_map`` pairs them."""
    mapping = id_map(gold, gazetteer)
    out = []
    for claim in found:
        claim = dict(claim)
        for side in ("subject", "object"):
            ref = claim.get(side)
            if isinstance(ref, Mapping) and ref.get("id") in mapping:
                claim[side] = {**ref, "id": mapping[ref["id"]]}
        out.append(claim)
    return out
