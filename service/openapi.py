"""The OpenAPI 3.1 description of the saved queries, generated from the loaded .rq files (as grlc does)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from evkg.graph.formats import HTML, JSON, RESULTS, SPARQL_JSON, formats
from evkg.service.saved_queries import Parameter, SavedQuery

SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "iri": {"type": "string", "format": "iri"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
}
FORMATS = (*formats(RESULTS), HTML)  # what a saved query answers in
RESULT_SCHEMA = {
    "type": "object",
    "description": "SPARQL 1.1 Query Results JSON Format",
    "required": ["head"],
    "properties": {
        "head": {"type": "object", "properties": {"vars": {"type": "array", "items": {"type": "string"}}}},
        "results": {"type": "object", "properties": {"bindings": {"type": "array", "items": {
            "type": "object", "additionalProperties": {"$ref": "#/components/schemas/Term"},
        }}}},
    },
}
TERM_SCHEMA = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"enum": ["uri", "literal", "bnode", "triple"]},
        "value": {},
        "datatype": {"type": "string"},
        "xml:lang": {"type": "string"},
    },
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "status", "message"],
    "properties": {
        "error": {"type": "string"},
        "status": {"type": "integer"},
        "message": {"type": "string"},
        "parameter": {"type": "string", "description": "The parameter that is missing or malformed."},
    },
}


Instances = Callable[[Parameter], list[str] | None]


def openapi_document(queries: Iterable[SavedQuery], api_version: str,
                     instances: Instances = lambda parameter: None) -> dict[str, Any]:
    """One path per saved query: documentation, typed parameters and the result media types.

    `instances` gives the IRIs a class-enumerated parameter takes in the served graph, when few enough to list.
    """
    queries = list(queries)
    tags = sorted({tag for query in queries for tag in query.tags})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "evkg saved queries",
            "version": api_version,
            "description": "Saved SPARQL queries over the EV-industry knowledge graph. Parameters are bound as "
                           "RDF terms, never pasted into the query text.",
        },
        "tags": [{"name": tag} for tag in tags],
        "paths": {f"/queries/{query.name}": {query.method.lower(): _operation(query, instances)} for query in queries},
        "components": {
            "schemas": {"SparqlResults": RESULT_SCHEMA, "Term": TERM_SCHEMA, "Error": ERROR_SCHEMA},
            "responses": {"Problem": {
                "description": "A missing or malformed parameter (400), or a query stopped at its time limit (503).",
                "content": {JSON.media_type: {"schema": {"$ref": "#/components/schemas/Error"}}},
            }},
        },
    }


def _operation(query: SavedQuery, instances: Instances) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": query.name,
        "summary": query.summary,
        "parameters": [_parameter(p, instances(p)) for p in query.parameters] + [{
            "name": "format",
            "in": "query",
            "required": False,
            "description": "Result format, instead of the Accept header.",
            "schema": {"type": "string", "enum": [fmt.name for fmt in FORMATS]},
        }],
        "responses": {
            "200": {"description": "The query's results.", "content": _result_content()},
            "400": {"$ref": "#/components/responses/Problem"},
            "503": {"$ref": "#/components/responses/Problem"},
        },
    }
    if query.description:
        operation["description"] = query.description
    if query.tags:
        operation["tags"] = list(query.tags)
    return operation


def _parameter(parameter: Parameter, members: list[str] | None) -> dict[str, Any]:
    schema = dict(SCHEMAS[parameter.type])
    if parameter.enum:
        schema["enum"] = [_typed(parameter, value) for value in parameter.enum]
    elif members:
        schema["enum"] = members
    if parameter.default is not None:
        schema["default"] = _typed(parameter, parameter.default)
    described = f"{'An absolute IRI' if parameter.type == 'iri' else 'A ' + parameter.type} (SPARQL ?{parameter.variable})."
    if parameter.cls:
        described = f"The IRI of an instance of <{parameter.cls}> (SPARQL ?{parameter.variable})."
        schema["x-evkg-class"] = parameter.cls
    return {"name": parameter.name, "in": "query", "required": parameter.required and parameter.default is None,
            "description": described, "schema": schema}


def _typed(parameter: Parameter, raw: str) -> Any:
    """A value in its JSON type, for `enum` and `default` (already validated by the loader)."""
    term = parameter.convert(raw)
    if parameter.type == "integer":
        return int(term)
    if parameter.type == "decimal":
        return float(Decimal(str(term)))
    if parameter.type == "boolean":
        return term.toPython()
    return str(term)


def _result_content() -> dict[str, Any]:
    return {fmt.media_type: {"schema": {"$ref": "#/components/schemas/SparqlResults"} if fmt == SPARQL_JSON
                             else {"type": "string"}} for fmt in FORMATS}
