"""The one exception the store stage raises.

Callers (the CLI above all) print ``str(error)`` as a single line, so every message names what
failed and why in one sentence, without a traceback or a multi-line library message.
"""

from __future__ import annotations


class StoreError(Exception):
    """A store operation failed; the message is one line meant for a human."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def one_line(message: object) -> str:
    """Collapse a (library) message to one line so it can be embedded in ours."""
    return " ".join(str(message).split())
