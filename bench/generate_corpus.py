"""Write a synthetic corpus of keyed documents for the benchmarks, deterministic from a seed.

    PYTHONPATH=src .venv/bin/python bench/generate_corpus.py --count 1000 --seed 1 --out /tmp/c

Documents are news wires, explainers and timelines in .txt, .md and .html, each 500-900 words
with boilerplate (bylines, credits, 'Related' lists naming actors), claims over every dimension
and polarity (asserted, hedged, planned), negated non-claims and quantities in many written
forms, with a ``NAME.gold.json`` answer key in corpus/GOLD.md form beside each. Actors are drawn
from the whole reference graph. Document ``i`` depends only on (seed, i).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpusgen.compose import compose
from corpusgen.render import write


def generate(out: Path, count: int, seed: int = 1, start: int = 0) -> list[Path]:
    """Write documents ``start .. start+count-1`` into ``out``; return the document paths."""
    out.mkdir(parents=True, exist_ok=True)
    return [write(compose(i, seed), out)[0] for i in range(start, start + count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.count, args.seed)
    size = sum(p.stat().st_size for p in paths)
    formats = Counter(p.suffix for p in paths)
    print(f"{len(paths)} documents ({size / 1e6:.1f} MB) in {args.out}: "
          + ", ".join(f"{n} {ext}" for ext, n in sorted(formats.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
