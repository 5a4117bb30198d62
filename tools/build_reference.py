"""Regenerate graph/reference/*.ttl from graph/reference/source/*.tsv and lexicon/state_organs.tsv.

Run from the repository root: ``python tools/build_reference.py``. The output is deterministic;
tests/reference checks that the committed files equal a fresh build.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from allegiance.reference.build import write_all


def main() -> int:
    for path in write_all():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
