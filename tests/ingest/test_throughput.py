"""Throughput on a generated 1 MB document; the bound is loose, the printout is the measure."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from allegiance.ingest import ingest

PARAGRAPH = (
    "Officials in Lima and Hanoi said on Tuesday that the rice accord, worth about $1.2bn, would "
    "be reviewed by Dr. Ana Quispe next month. The U.S. delegation observed the talks.Analysts "
    "expect trade to grow by 8.5 per cent in 2026, e.g. through new port links."
)
SIZE = 1_000_000
LIMIT_SECONDS = 30.0


def _text_body(heading: str) -> str:
    parts: list[str] = ["Rice, Ports and Partners: A Generated Report"]
    i = 0
    while sum(len(p) + 1 for p in parts) < SIZE:
        i += 1
        parts.append(heading.format(i=i))
        parts.extend([PARAGRAPH] * 4)
    return parts


@pytest.mark.parametrize(
    ("suffix", "heading", "joiner"),
    [
        (".txt", "Section {i}: Trade and Shipping", "\n"),
        (".md", "## Section {i}: Trade and Shipping", "\n\n"),
    ],
)
def test_one_megabyte_throughput(tmp_path: Path, suffix: str, heading: str, joiner: str) -> None:
    target = tmp_path / f"big{suffix}"
    target.write_text(joiner.join(_text_body(heading)), encoding="utf-8")
    size = target.stat().st_size
    began = time.perf_counter()
    doc = ingest(target)
    elapsed = time.perf_counter() - began
    print(
        f"\ningest {suffix}: {size / 1e6:.2f} MB in {elapsed:.2f} s = "
        f"{size / 1e6 / elapsed:.2f} MB/s, {len(doc.sentences)} sentences, "
        f"{len(doc.sections)} sections"
    )
    assert size >= SIZE
    assert len(doc.sections) > 100
    assert elapsed < LIMIT_SECONDS
