"""Reading report pages back in tests: tags, attributes, tables and JSON blocks (stdlib only)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Parsed:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    """Body rows (cell texts) of each table, keyed by the id of the div around it."""
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)

    def json_block(self, element_id: str) -> object:
        for attrs, body in self.scripts:
            if attrs.get("id") == element_id:
                return json.loads(body)
        raise KeyError(element_id)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._holder: list[str | None] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_tbody = False
        self._script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.parsed.tags.append((tag, attributes))
        if tag == "script":
            self._script = (attributes, [])
        elif tag == "div":
            self._holder.append(attributes.get("id"))
        elif tag == "table":
            self._table = next((h for h in reversed(self._holder) if h), None)
            if self._table is not None:
                self.parsed.tables[self._table] = []
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, parts = self._script
            self.parsed.scripts.append((attrs, "".join(parts)))
            self._script = None
        elif tag == "div" and self._holder:
            self._holder.pop()
        elif tag == "tbody":
            self._in_tbody = False
        elif tag == "td" and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._table is not None:
                self.parsed.tables[self._table].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        elif self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> Parsed:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.parsed
