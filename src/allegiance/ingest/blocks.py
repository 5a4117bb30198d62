"""Blocks: the structural units every input format is reduced to before sentences are found.

Each parser (plain text, Markdown, HTML) emits blocks with offsets into the final normalised
text; everything after that (boilerplate, sections, sentences) is format-independent. Markup
formats assemble their text with ``TextBuilder`` so offsets are correct by construction
instead of being mapped back through the markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from allegiance.ingest.normalise import normalise_inline

BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "table_row", "quote")
HEADING_KINDS = frozenset({"title", "heading"})
# Consecutive blocks of these kinds are one list or one table: a single line break between them.
_TIGHT_KINDS = frozenset({"list_item", "table_row"})


@dataclass(frozen=True)
class Block:
    kind: str
    start: int
    end: int
    level: int = 0
    """Heading level (1-6) for title and heading blocks, else 0."""


@dataclass(frozen=True)
class Metadata:
    """What the source states about itself, outside its body text."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Parsed:
    text: str
    blocks: tuple[Block, ...]
    metadata: Metadata = Metadata()


class TextBuilder:
    """Concatenates normalised blocks, blank line between blocks, recording their offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []

    def add(self, kind: str, raw: str, level: int = 0) -> Block | None:
        content = normalise_inline(raw)
        if not content:
            return None
        if self._blocks:
            tight = kind in _TIGHT_KINDS and self._blocks[-1].kind == kind
            sep = "\n" if tight else "\n\n"
            self._parts.append(sep)
            self._length += len(sep)
        block = Block(kind, self._length, self._length + len(content), level)
        self._parts.append(content)
        self._length += len(content)
        self._blocks.append(block)
        return block

    @property
    def blocks(self) -> list[Block]:
        return self._blocks

    def build(self, metadata: Metadata | None = None) -> Parsed:
        return Parsed("".join(self._parts), tuple(self._blocks), metadata or Metadata())
