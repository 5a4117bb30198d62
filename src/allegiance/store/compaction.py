"""Whether a command compacts the store after writing, and the record of why.

Every write leaves table files of its own, and each later lookup searches them too. RocksDB
merges them in the background only while the store is open, so a command that exits right
after writing leaves them; a full compaction (``GraphStore.compact``, Oxigraph's ``optimize``)
merges everything, and its cost grows with the store, not with what was written.

Measured at 1,000,000 claims (``bench/bench_compaction.py``, bench/TEMPLATES.md, stop 21):
three one-document builds (116 s each, about 3,000 quads written each) left six templates
1.33-1.46x slower than on the compacted store, and a compaction (85 s) brought them back to
0.88-0.97x. A few thousand quads cost as much as a few hundred thousand (1.28-1.58x), so
what slows the queries is the writes' table files, not their size, and a rule of "skip
compaction after small writes" would leave every small build's store about 1.4x slower. So
``auto`` compacts after any write; ``never`` is for many small builds in a row, followed by
one ``allegiance compact``; ``always`` compacts even when nothing was written.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from allegiance.store.graphstore import GraphStore

MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Compaction:
    """What a command decided about compacting, and why: part of the build's report."""

    ran: bool
    mode: str
    written: int
    """Quads the command added or removed (``GraphStore.quads_written``)."""
    reason: str
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str | None:
        """What a command prints about it: nothing when nothing was written or done."""
        if not (self.ran or self.written):
            return None
        return f"store {'compacted' if self.ran else 'not compacted'}: {self.reason}"


def decide(mode: str, written: int) -> tuple[bool, str]:
    """Whether to compact after a command that wrote ``written`` quads, and why."""
    if mode not in MODES:
        raise ValueError(f"compaction mode {mode!r}; expected one of {', '.join(MODES)}")
    if mode == "never":
        return False, "compaction mode 'never' (`allegiance compact` merges the table files)"
    if mode == "always":
        return True, "compaction mode 'always'"
    if written == 0:
        return False, "nothing was written"
    return True, f"{written:,} quads written"


def compact_if_due(store: GraphStore, mode: str = "auto") -> Compaction:
    """Compact ``store`` if ``mode`` and what this handle wrote (``store.quads_written``) say
    so; the decision comes back with its reason either way."""
    written = store.quads_written
    ran, reason = decide(mode, written)
    started = time.monotonic()
    if ran:
        store.compact()
    seconds = round(time.monotonic() - started, 3) if ran else 0.0
    return Compaction(ran, mode, written, reason, seconds)
