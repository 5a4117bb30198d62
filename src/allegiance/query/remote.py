"""Running a prepared template on a remote SPARQL 1.1 endpoint through SPARQLWrapper.

The same query text as locally is sent, by GET or POST (the template's ``method`` unless the
caller says otherwise), asking for SPARQL JSON results by content negotiation only:
``setOnlyConneg(True)`` stops SPARQLWrapper adding ``format=``/``output=`` parameters that some
servers (Fuseki among them) reject. Credentials come from arguments or from the environment
(``ALLEGIANCE_ENDPOINT_USER`` / ``_PASSWORD`` for basic auth, ``ALLEGIANCE_ENDPOINT_TOKEN`` for a
bearer token) and are only ever sent to the endpoint the caller named.

A 200 is not trusted blindly: Oxigraph's server answers a cancelled query with HTTP 200 and a
cut-off body, so a body that is not complete SPARQL JSON is an error, not an empty result.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import GET, JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from allegiance.query.run import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, Cell, QueryError, Rows
from allegiance.query.templates import PreparedQuery

ENV_USER = "ALLEGIANCE_ENDPOINT_USER"
ENV_PASSWORD = "ALLEGIANCE_ENDPOINT_PASSWORD"
ENV_TOKEN = "ALLEGIANCE_ENDPOINT_TOKEN"


@dataclass(frozen=True)
class Endpoint:
    url: str
    method: str | None = None
    """GET or POST; None means the template's own ``method``."""
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S

    @classmethod
    def from_env(cls, url: str, **overrides: Any) -> Endpoint:
        """Credentials from the environment unless given explicitly."""
        values = {
            "user": os.environ.get(ENV_USER) or None,
            "password": os.environ.get(ENV_PASSWORD) or None,
            "token": os.environ.get(ENV_TOKEN) or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(url, **values)


def _wrapper(endpoint: Endpoint, prepared: PreparedQuery) -> SPARQLWrapper:
    if not endpoint.url.startswith(("http://", "https://")):
        raise QueryError(f"endpoint {endpoint.url!r} is not an http(s) URL")
    method = (endpoint.method or prepared.template.method).upper()
    if method not in ("GET", "POST"):
        raise QueryError(f"method must be GET or POST, not {method!r}")
    wrapper = SPARQLWrapper(endpoint.url)
    wrapper.setOnlyConneg(True)
    wrapper.setMethod(GET if method == "GET" else POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setTimeout(max(1, round(endpoint.timeout_s)))
    wrapper.setQuery(prepared.sparql)
    # Templates are SELECT queries. SPARQLWrapper guesses the kind from the first keyword it
    # finds in the text, comments included: a comment saying "adds" made a template an ADD
    # update, sent as a form the endpoint refused.
    wrapper.queryType = SELECT
    if endpoint.token:
        wrapper.addCustomHttpHeader("Authorization", f"Bearer {endpoint.token}")
    elif endpoint.user:
        wrapper.setCredentials(endpoint.user, endpoint.password or "")
    return wrapper


def cell_of(binding: dict[str, str] | None) -> Cell:
    """A SPARQL JSON binding as a pyoxigraph term."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return ox.Literal(value, language=binding["xml:lang"])
        if "datatype" in binding:
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise QueryError(f"endpoint returned a binding of unknown type {kind!r}")


def _http_error(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300] + ("..." if len(text) > 300 else "")


def _fetch(wrapper: SPARQLWrapper, endpoint: Endpoint) -> dict[str, Any]:
    url = endpoint.url
    try:
        response = wrapper.query()
        body = response.response.read()
        status = getattr(response.response, "status", 200)
    except urllib.error.HTTPError as error:
        raise QueryError(f"endpoint {url} answered HTTP {error.code}: {error.reason}") from None
    except SPARQLWrapperException as error:
        raise QueryError(f"endpoint {url} refused the query: {_http_error(error)}") from None
    except TimeoutError:
        raise QueryError(f"endpoint {url} did not answer within {endpoint.timeout_s:g} s") from None
    except urllib.error.URLError as error:
        raise QueryError(f"cannot reach endpoint {url}: {_http_error(error.reason)}") from None
    except OSError as error:
        raise QueryError(f"cannot reach endpoint {url}: {_http_error(error)}") from None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise QueryError(
            f"endpoint {url} answered HTTP {status} with a body that is not complete SPARQL "
            "JSON (a cancelled or failed query?)"
        ) from None
    if not isinstance(data, dict) or ("results" not in data and "boolean" not in data):
        raise QueryError(f"endpoint {url} answered something that is not SPARQL JSON results")
    return data


def run_remote(
    endpoint: Endpoint, prepared: PreparedQuery, *, max_rows: int = DEFAULT_MAX_ROWS
) -> Rows:
    """Send ``prepared.sparql`` to ``endpoint``; rows as terms, like ``run_local``."""
    started = time.monotonic()
    data = _fetch(_wrapper(endpoint, prepared), endpoint)
    elapsed = time.monotonic() - started
    if "boolean" in data:
        value = ox.Literal("true" if data["boolean"] else "false",
                           datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
        return Rows(["ask"], [[value]], prepared.sparql, False, elapsed, endpoint.url)
    variables = list(data.get("head", {}).get("vars", []))
    bindings = data["results"].get("bindings", [])
    truncated = len(bindings) > max_rows
    rows = [[cell_of(b.get(v)) for v in variables] for b in bindings[:max_rows]]
    return Rows(variables, rows, prepared.sparql, truncated, elapsed, endpoint.url)
