"""The ``#+`` header of a template: the small subset of YAML that grlc headers use.

PyYAML is not a dependency of the project, and a template header needs very little of YAML,
so this module reads exactly this subset (``queries/README.md`` states it) and rejects anything
else with the line number, rather than guessing:

- ``key: value`` at the top level; a value is a plain scalar, a single- or double-quoted
  string, a flow list ``[a, b]``, or nothing followed by an indented block;
- an indented block is either a list (``- item`` lines, each item a scalar or one
  ``name: value`` pair, as in grlc's ``defaults``) or a mapping (``name: value`` lines);
- scalars: integers become ``int``, ``true``/``false`` become ``bool``, everything else a string.

Anchors, multi-line scalars, nested blocks deeper than one level and comments after values are
not supported.
"""

from __future__ import annotations

import re

HeaderValue = str | int | bool | list | dict | None

_KEY = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*:(?:\s+(.*))?$")


class HeaderError(ValueError):
    """A header line outside the supported subset."""


def split_header(text: str) -> tuple[list[str], str]:
    """The ``#+`` lines (without the marker) and the query that follows them."""
    lines = text.splitlines(keepends=True)
    header: list[str] = []
    index = 0
    while index < len(lines) and lines[index].startswith("#+"):
        header.append(lines[index][2:].rstrip("\r\n"))
        index += 1
    return header, "".join(lines[index:])


def scalar(token: str) -> str | int | bool:
    token = token.strip()
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "'\"":
        inner = token[1:-1]
        return inner.replace("''", "'") if token[0] == "'" else inner.replace('\\"', '"')
    if re.fullmatch(r"-?\d+", token):
        return int(token)
    if token in ("true", "false"):
        return token == "true"
    return token


def _flow_list(token: str) -> list[str | int | bool]:
    inner = token.strip()[1:-1].strip()
    return [scalar(part) for part in inner.split(",")] if inner else []


def _value(token: str) -> HeaderValue:
    token = token.strip()
    if token.startswith("[") and token.endswith("]"):
        return _flow_list(token)
    return scalar(token)


def _pair(text: str, number: int) -> tuple[str, HeaderValue]:
    match = _KEY.match(text.strip())
    if not match:
        raise HeaderError(f"header line {number}: expected 'name: value', got {text.strip()!r}")
    return match.group(1), _value(match.group(2) or "")


def parse_header(lines: list[str]) -> dict[str, HeaderValue]:
    """The header as a dict; raises ``HeaderError`` naming the offending line."""
    result: dict[str, HeaderValue] = {}
    current: str | None = None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line = raw[1:] if raw.startswith(" ") else raw  # "#+ key": one space is the marker's
        indented = line[:1].isspace()
        if not indented:
            match = _KEY.match(raw.strip())
            if not match:
                got = raw.strip()
                raise HeaderError(f"header line {number}: expected 'key: value', got {got!r}")
            key, rest = match.group(1), (match.group(2) or "").strip()
            result[key] = _value(rest) if rest else None
            current = None if rest else key
            continue
        if current is None:
            raise HeaderError(f"header line {number}: indented line without an open key: {raw!r}")
        item = raw.strip()
        block = result[current]
        if item.startswith("- ") or item == "-":
            if block is None:
                block = result[current] = []
            if not isinstance(block, list):
                raise HeaderError(f"header line {number}: list item inside a mapping")
            body = item[1:].strip()
            block.append(dict([_pair(body, number)]) if _KEY.match(body) else scalar(body))
        else:
            if block is None:
                block = result[current] = {}
            if not isinstance(block, dict):
                raise HeaderError(f"header line {number}: mapping entry inside a list")
            name, value = _pair(item, number)
            block[name] = value
    return result
