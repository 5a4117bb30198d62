"""A small SPARQL 1.1 Protocol / Graph Store Protocol client on the standard library.

urllib rather than SPARQLWrapper or httpx: we need four plain requests (query by POST, update by
POST, graph PUT/GET/DELETE), full control of headers (bearer tokens, no ``format=`` parameters
that break Fuseki) and one-line errors, and no extra dependency. Every failure becomes a
``RemoteError`` whose message names the URL and says what to check.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from allegiance.store.errors import one_line

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


class RemoteError(Exception):
    """A remote store could not be reached or refused a request; one line for a human."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Remote:
    """Where a remote store listens and how to authenticate.

    ``update_url`` defaults to ``query_url`` (Fuseki, GraphDB and Virtuoso accept both on one
    URL); ``graph_store_url`` is needed for the Graph Store Protocol only.
    """

    query_url: str | None = None
    update_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout_s: float = 120.0


class RemoteClient:
    """Sends requests to one ``Remote`` and counts them (so tests and reports can show it)."""

    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self.requests = 0

    # -- SPARQL Protocol --------------------------------------------------------------------

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT; each row maps variable name to the term's value (IRI or lexical form)."""
        url = self._need(self.remote.query_url, "a query endpoint (--endpoint)")
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        data = self._send("POST", url, body, "application/x-www-form-urlencoded", SPARQL_JSON)
        try:
            bindings = json.loads(data)["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise RemoteError(f"{url} did not answer with SPARQL JSON results") from None
        return [{name: cell["value"] for name, cell in row.items()} for row in bindings]

    def update(self, sparql: str) -> None:
        url = self._need(self.remote.update_url or self.remote.query_url,
                         "an update endpoint (--update-endpoint or --endpoint)")
        self._send("POST", url, sparql.encode("utf-8"), "application/sparql-update", None)

    # -- Graph Store Protocol ---------------------------------------------------------------

    def _graph_url(self, graph_iri: str) -> str:
        base = self._need(self.remote.graph_store_url, "a graph store URL (--graph-store)")
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"

    def put_graph(self, graph_iri: str, ntriples: bytes) -> None:
        self._send("PUT", self._graph_url(graph_iri), ntriples, N_TRIPLES, None)

    def get_graph(self, graph_iri: str) -> bytes | None:
        """The graph as N-Triples, or None when the store does not have it (HTTP 404)."""
        return self._send("GET", self._graph_url(graph_iri), None, None, N_TRIPLES,
                          missing_ok=True)

    def delete_graph(self, graph_iri: str) -> None:
        self._send("DELETE", self._graph_url(graph_iri), None, None, None, missing_ok=True)

    # -- plumbing ---------------------------------------------------------------------------

    @staticmethod
    def _need(url: str | None, what: str) -> str:
        if not url:
            raise RemoteError(f"this operation needs {what}")
        return url

    def _headers(self, content_type: str | None, accept: str | None) -> dict[str, str]:
        headers = {"User-Agent": "allegiance-push"}
        if content_type:
            headers["Content-Type"] = content_type + (
                "; charset=utf-8" if not content_type.endswith("urlencoded") else "")
        if accept:
            headers["Accept"] = accept
        if self.remote.token:
            headers["Authorization"] = f"Bearer {self.remote.token}"
        elif self.remote.user is not None:
            pair = f"{self.remote.user}:{self.remote.password or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        return headers

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | None,
        content_type: str | None,
        accept: str | None,
        *,
        missing_ok: bool = False,
    ) -> bytes | None:
        request = urllib.request.Request(
            url, data=body, method=method, headers=self._headers(content_type, accept))
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.remote.timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return None
            raise RemoteError(_http_message(method, url, error)) from None
        except urllib.error.URLError as error:
            reason = error.reason
            text = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
            raise RemoteError(f"cannot reach {url}: {text}") from None
        except TimeoutError:
            raise RemoteError(
                f"no answer from {url} within {self.remote.timeout_s:g} s") from None
        except OSError as error:
            raise RemoteError(f"cannot reach {url}: {error}") from None


def _http_message(method: str, url: str, error: urllib.error.HTTPError) -> str:
    if error.code in (401, 403):
        return (f"{method} {url} refused with HTTP {error.code}: authentication failed or not "
                "allowed (check --user/--password or --token)")
    try:
        detail = error.read(300).decode("utf-8", "replace")
    except OSError:
        detail = ""
    detail = one_line(detail)[:200] or error.reason
    return f"{method} {url} failed with HTTP {error.code}: {detail}"
