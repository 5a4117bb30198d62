"""A small SPARQL 1.1 Protocol / Graph Store Protocol client on the standard library.

``http.client`` rather than SPARQLWrapper or httpx: we need four plain requests (query by POST,
update by POST, graph PUT/GET/DELETE, dataset POST), full control of headers (bearer tokens, no
``format=`` parameters that break Fuseki) and one-line errors, and no extra dependency. Every
failure becomes a ``RemoteError`` whose message names the URL and says what to check.

One persistent connection per host, with ``TCP_NODELAY`` (issue 7, profiled): ``urllib`` opened
a connection per request and ``http.client`` sends the headers and the body in two writes, so
Nagle's algorithm held the body back until the server's delayed ACK of the headers, about 40 ms
per request (a push of 400 graphs by ``PUT`` spent most of its time waiting). A connection
the server closed between requests is reopened once; redirects are not followed (a push
endpoint that redirects is reported with its ``Location``).
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import threading
import urllib.parse
from dataclasses import dataclass

from allegiance.store.errors import one_line

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"


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
        self._connections: dict[tuple[str, str], http.client.HTTPConnection] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the kept-alive connections (they are reopened if the client is used again)."""
        with self._lock:
            for connection in self._connections.values():
                connection.close()
            self._connections.clear()

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

    def update(self, sparql: str | bytes) -> None:
        """Run a SPARQL Update (``bytes``: already UTF-8, as push builds big requests)."""
        url = self._need(self.remote.update_url or self.remote.query_url,
                         "an update endpoint (--update-endpoint or --endpoint)")
        body = sparql if isinstance(sparql, bytes) else sparql.encode("utf-8")
        self._send("POST", url, body, "application/sparql-update", None)

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

    def post_quads(self, nquads: bytes, *, no_transaction: bool = False) -> None:
        """Add N-Quads to the dataset: ``POST`` to the graph store URL without ``?graph=``.

        ``no_transaction`` adds Oxigraph's ``no_transaction`` parameter, which makes its server
        load the body with its bulk loader (not atomic), and ``lenient``, which skips its IRI
        and language-tag validation (5% of the server's time, measured): push sends what
        pyoxigraph serialised from a store, which validated every term when it was loaded.
        Other stores ignore or refuse these parameters.
        """
        url = self._need(self.remote.graph_store_url, "a graph store URL (--graph-store)")
        if no_transaction:
            url += ("&" if "?" in url else "?") + "no_transaction&lenient"
        self._send("POST", url, nquads, N_QUADS, None)

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
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"cannot reach {url}: not an http(s) URL")
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        headers = self._headers(content_type, accept)
        with self._lock:
            self.requests += 1
            for attempt in (0, 1):
                connection = self._connection(parts.scheme, parts.netloc)
                fresh = connection.sock is None
                try:
                    connection.request(method, target, body=body, headers=headers)
                    response = connection.getresponse()
                    data = response.read()
                except TimeoutError:
                    self._drop(parts.scheme, parts.netloc)
                    raise RemoteError(
                        f"no answer from {url} within {self.remote.timeout_s:g} s") from None
                except (http.client.HTTPException, OSError) as error:
                    self._drop(parts.scheme, parts.netloc)
                    if not fresh and attempt == 0:
                        continue  # the server closed a kept-alive connection: reopen once
                    text = error.strerror if isinstance(error, OSError) and error.strerror \
                        else error
                    raise RemoteError(f"cannot reach {url}: {text}") from None
                if response.will_close:
                    self._drop(parts.scheme, parts.netloc)
                break
        if response.status == 404 and missing_ok:
            return None
        if response.status >= 300:
            raise RemoteError(_http_message(method, url, response, data))
        return data

    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        key = (scheme, netloc)
        connection = self._connections.get(key)
        if connection is None:
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            connection = _no_delay_connection(kind, netloc, self.remote.timeout_s)
            self._connections[key] = connection
        return connection

    def _drop(self, scheme: str, netloc: str) -> None:
        connection = self._connections.pop((scheme, netloc), None)
        if connection is not None:
            connection.close()


def _no_delay_connection(
    kind: type[http.client.HTTPConnection], netloc: str, timeout: float
) -> http.client.HTTPConnection:
    """A connection that sets ``TCP_NODELAY`` once its socket is open."""
    connection = kind(netloc, timeout=timeout)
    connect = connection.connect

    def connect_without_delay() -> None:
        connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    connection.connect = connect_without_delay  # type: ignore[method-assign]
    return connection


def _http_message(
    method: str, url: str, response: http.client.HTTPResponse, data: bytes
) -> str:
    if response.status in (401, 403):
        return (f"{method} {url} refused with HTTP {response.status}: authentication failed or "
                "not allowed (check --user/--password or --token)")
    if 300 <= response.status < 400:
        where = response.getheader("Location") or "nowhere"
        return (f"{method} {url} answered HTTP {response.status} (redirect to {where}); "
                "give the final URL")
    detail = one_line(data[:300].decode("utf-8", "replace"))[:200] or response.reason
    return f"{method} {url} failed with HTTP {response.status}: {detail}"
