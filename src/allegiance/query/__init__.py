"""Query stage: summaries and the catalogue of typed SPARQL templates (``queries/``)."""

from allegiance.query.params import Parameter, ParameterError
from allegiance.query.remote import Endpoint, run_remote
from allegiance.query.run import QueryError, Rows, run_local
from allegiance.query.summary import Summary, summarise
from allegiance.query.templates import (
    PreparedQuery,
    Template,
    TemplateError,
    get_template,
    load_templates,
    prepare,
)

__all__ = [
    "Endpoint",
    "Parameter",
    "ParameterError",
    "PreparedQuery",
    "QueryError",
    "Rows",
    "Summary",
    "Template",
    "TemplateError",
    "get_template",
    "load_templates",
    "prepare",
    "run_local",
    "run_remote",
    "summarise",
]
