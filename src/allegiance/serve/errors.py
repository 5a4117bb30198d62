"""The one exception the server's handlers raise: an HTTP status with a message for a person.

It is raised on both sides of the worker pool (it must pickle), and every handler turns it into
a complete response; nothing is ever sent before the whole body exists, so a failure can never
show up as a 200 with a cut-off body.
"""

from __future__ import annotations


class HttpError(Exception):
    """An error response: ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status, message, headers)
        self.status = status
        self.message = " ".join(str(message).split())
        self.headers = dict(headers or {})

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"
