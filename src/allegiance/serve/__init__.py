"""The serve stage: the graph as a web service (``allegiance serve``).

- ``/sparql``: the SPARQL 1.1 Protocol, with a service description on a plain GET;
- ``/update`` and ``/store`` (SPARQL Update, Graph Store Protocol): only with a token;
- ``/api/NAME`` and ``/openapi.json``: the query templates as a typed HTTP API;
- ``/id/...``, ``/data/...``, ``/ontology``, ``/.well-known/void``: linked data;
- ``/``: an offline browser page (SPARQL editor, template forms, actor pages).

``create_app(config)`` gives the ASGI application, ``run(config)`` serves it with uvicorn.
Queries run in killable processes (``allegiance.serve.pool``), which is what makes the time
limit real. See docs/serving.md.
"""

from allegiance.serve.app import create_app, run
from allegiance.serve.config import ServeConfig
from allegiance.serve.errors import HttpError

__all__ = ["HttpError", "ServeConfig", "create_app", "run"]
