"""Plain records passed between pipeline stages.

They are frozen dataclasses so that a stage cannot mutate what an earlier stage produced, and so
that they hash and compare by value (useful for de-duplication and deterministic ordering).
Offsets are always character offsets into ``Document.text`` (the normalised text), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("state", "non-state", "igo")
DIMENSIONS = ("military", "energy", "diplomatic", "transactional")
POLARITIES = ("cooperation", "tension")
FORMALITIES = ("F0", "F1", "F2", "F3")
MODALITIES = ("asserted", "hedged", "planned")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Section:
    """A part of a document under one heading; ``heading`` is None for text before any heading."""

    heading: str | None
    level: int
    start: int
    end: int
    heading_span: Span | None = None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    section: int = 0
    """Index into ``Document.sections`` of the section this sentence belongs to."""
    is_heading: bool = False
    block: str = "paragraph"
    """paragraph | heading | list_item | table_row | quote | title | meta"""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    media_type: str
    sha256: str
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    author: str | None = None
    excluded: tuple[Span, ...] = ()
    """Spans of the normalised text that are boilerplate (bylines, 'Related' link lists, footers)
    and must never yield actors or claims."""

    @property
    def short_hash(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class ActorRef:
    id: str
    label: str
    kind: str  # one of KINDS

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "kind": self.kind}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    year: int | None = None
    comparator: str = "="
    text: str = ""

    def as_json(self) -> dict[str, object]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit, "year": self.year}


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Claim:
    document_path: str
    document_sha256: str
    subject: ActorRef
    object: ActorRef
    dimension: str  # one of DIMENSIONS
    polarity: str  # one of POLARITIES
    directed: bool
    evidence: Evidence
    confidence: float
    formality: str = "F0"
    modality: str = "asserted"
    quantity: Quantity | None = None
    year: int | None = None
    cue: str = ""
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def key(self) -> tuple[str, str, str, str]:
        """The scoring key of GOLD.md: unordered pair, dimension, polarity."""
        a, b = sorted((self.subject.id, self.object.id))
        return (a, b, self.dimension, self.polarity)

    def as_json(self) -> dict[str, object]:
        """The `allegiance extract --format jsonl` contract."""
        return {
            "document": self.document_path,
            "subject": self.subject.as_json(),
            "object": self.object.as_json(),
            "type": self.dimension,
            "polarity": self.polarity,
            "directed": self.directed,
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
            "confidence": round(self.confidence, 3),
            "formality": self.formality,
            "modality": self.modality,
            "quantity": self.quantity.as_json() if self.quantity else None,
        }
