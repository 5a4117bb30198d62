"""The one place that knows where the project's knowledge files live.

From a source checkout (editable install) they are the top-level folders ``ontology/``,
``graph/reference/``, ``lexicon/`` and ``queries/``; in an installed wheel the same folders are
shipped inside the package as ``allegiance/_data/``. Everything else asks this module, so a
file moves in one place only.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


@cache
def data_root() -> Path:
    shipped = _PACKAGE_DIR / "_data"
    if (shipped / "ontology").is_dir():
        return shipped
    if (_SOURCE_ROOT / "ontology").is_dir():
        return _SOURCE_ROOT
    raise FileNotFoundError(
        f"allegiance data files not found under {shipped} or {_SOURCE_ROOT}; reinstall the package"
    )


def path(*parts: str) -> Path:
    """Path of a data file, e.g. ``path('ontology', 'shapes.ttl')``; raises if it is missing."""
    p = data_root().joinpath(*parts)
    if not p.exists():
        raise FileNotFoundError(f"missing data file: {p}")
    return p


def ontology_path() -> Path:
    return path("ontology", "allegiance.ttl")


def shapes_path() -> Path:
    return path("ontology", "shapes.ttl")


def reference_dir() -> Path:
    return path("graph", "reference")


def lexicon_path(name: str) -> Path:
    return path("lexicon", name)


def queries_dir() -> Path:
    return path("queries")


@cache
def load_toml(*parts: str) -> dict:
    with path(*parts).open("rb") as fh:
        return tomllib.load(fh)


def read_tsv(p: Path) -> list[dict[str, str]]:
    """Read a UTF-8 TSV with one header row and no quoting; '#' lines are comments."""
    rows: list[dict[str, str]] = []
    with p.open(encoding="utf-8") as fh:
        header: list[str] | None = None
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells, strict=False)))
    return rows
