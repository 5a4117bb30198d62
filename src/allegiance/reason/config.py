"""The tier thresholds of ``lexicon/tiers.toml`` as a typed record.

Numbers and orderings that decide tiers are policy, not code: they are read from the file so
that a reviewer can tune them (and see them) without reading Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from allegiance.records import FORMALITIES, MODALITIES
from allegiance.resources import load_toml

TIERS_FILE = ("lexicon", "tiers.toml")


@dataclass(frozen=True)
class TierConfig:
    planned_counts_from: str
    material_from: str
    modality_weight: dict[str, float]
    t1_instrument: str
    t1_min_dimensions: int
    t1_required_material: str
    t2_instrument: str
    t2_instrument_min_dimensions: int
    t2_min_dimensions: int
    t3_min_material_dimensions: int
    t3_min_sources: int
    client_dimensions: tuple[str, ...]
    patron_kinds: tuple[str, ...]
    client_kinds: tuple[str, ...]
    order: tuple[str, ...]

    def at_least(self, formality: str, level: str) -> bool:
        return FORMALITIES.index(formality) >= FORMALITIES.index(level)

    def counts(self, formality: str, modality: str) -> bool:
        """Planned acts count only as signed instruments; asserted and hedged always count."""
        return modality != "planned" or self.at_least(formality, self.planned_counts_from)

    def material(self, formality: str) -> bool:
        return self.at_least(formality, self.material_from)

    def weight(self, modality: str) -> float:
        return self.modality_weight.get(modality, 1.0)


@cache
def load_config() -> TierConfig:
    data = load_toml(*TIERS_FILE)
    counting, t1, t2, t3 = data["counting"], data["T1"], data["T2"], data["T3"]
    config = TierConfig(
        planned_counts_from=counting["planned_counts_from"],
        material_from=counting["material_from"],
        modality_weight={k: float(v) for k, v in counting["modality_weight"].items()},
        t1_instrument=t1["instrument"],
        t1_min_dimensions=int(t1["min_dimensions"]),
        t1_required_material=t1["required_material_dimension"],
        t2_instrument=t2["instrument"],
        t2_instrument_min_dimensions=int(t2["instrument_min_dimensions"]),
        t2_min_dimensions=int(t2["min_dimensions"]),
        t3_min_material_dimensions=int(t3["min_material_dimensions"]),
        t3_min_sources=int(t3["min_sources"]),
        client_dimensions=tuple(data["client"]["dimensions"]),
        patron_kinds=tuple(data["client"]["patron_kinds"]),
        client_kinds=tuple(data["client"]["client_kinds"]),
        order=tuple(data["ranking"]["order"]),
    )
    for level in (
        config.planned_counts_from,
        config.material_from,
        config.t1_instrument,
        config.t2_instrument,
    ):
        if level not in FORMALITIES:
            raise ValueError(f"{'/'.join(TIERS_FILE)}: {level!r} is not one of {FORMALITIES}")
    unknown = set(config.modality_weight) - set(MODALITIES)
    if unknown:
        raise ValueError(f"{'/'.join(TIERS_FILE)}: unknown modalities {sorted(unknown)}")
    return config
