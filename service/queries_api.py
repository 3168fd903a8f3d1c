"""`/queries`: the saved queries as an API (SPARQL JSON/CSV/TSV) and as HTML forms, plus `/openapi.json`."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from rdflib import URIRef
from rdflib.term import Node
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import MethodNotAllowed, NotFound

from evkg.graph.formats import HTML, JSON, RESULTS, formats
from evkg.service.access_log import note_query
from evkg.service.engine import get_engine
from evkg.service.errors import error_response
from evkg.service.negotiation import negotiate, not_modified, respond
from evkg.service.openapi import openapi_document
from evkg.service.paths import href
from evkg.service.pickers import enum_values, picker
from evkg.service.saved_queries import Catalog, ParameterError, SavedQuery, load_catalog

blueprint = Blueprint("queries", __name__)

EXTENSION = "evkg.queries"


@blueprint.record_once
def _load(state: BlueprintSetupState) -> None:
    """Read the queries folder once per app; broken files are logged by load_catalog and listed at /queries."""
    state.app.extensions[EXTENSION] = load_catalog(state.app.extensions["evkg.settings"].queries_dir)


def catalog() -> Catalog:
    """The saved queries of the running app."""
    return current_app.extensions[EXTENSION]


@blueprint.route("/queries")
def index() -> Response:
    """Every saved query with its parameters: a page for browsers, JSON for `Accept: application/json`."""
    if negotiate((HTML, JSON), request.args.getlist("format"), fallback=HTML) == JSON:
        return index_json()
    response = Response(render_template("queries/index.html", catalog=catalog()))
    response.vary.add("Accept")
    return response


@blueprint.route("/queries.json")
def index_json() -> Response:
    """The list as JSON, with the files that could not be loaded and why."""
    loaded = catalog()
    response = jsonify({
        "queries": [_describe(query) for query in loaded.queries.values()],
        "broken": [{"file": broken.file, "message": broken.message} for broken in loaded.broken],
    })
    response.vary.add("Accept")
    return response


@blueprint.route("/queries/<name>", methods=["GET", "POST"])
def run(name: str) -> Response:
    """Run one saved query with the request's parameters, answering in the negotiated format."""
    query, suffix = _lookup(name)
    if request.method not in (query.method, "GET"):
        raise MethodNotAllowed(valid_methods=[query.method])
    values = _values()
    note_query(query.text, values)
    chosen = negotiate((*formats(RESULTS), HTML), [suffix] if suffix else values.getlist("format"))
    if chosen == HTML:
        return _page(query, values)
    try:
        bindings = query.bind(values)
    except ParameterError as error:
        return error_response(400, "Bad Request", str(error), parameter=error.parameter)
    engine = get_engine()
    prepared = engine.prepare(query.text, bindings, chosen.media_type)
    if (unchanged := not_modified(request, prepared.key)) is not None:
        return unchanged
    body, media_type, truncated = engine.answer(prepared)
    response = respond(body, media_type)
    response.set_etag(prepared.key)
    if truncated:
        response.headers["X-Evkg-Truncated"] = "true"
    return response


@blueprint.route("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of every saved query."""
    return jsonify(openapi_document(catalog().queries.values(), version("evkg"), enum_values))


def _lookup(name: str) -> tuple[SavedQuery, str | None]:
    """The query named in the path, which may end in a format suffix (`plants.csv`)."""
    queries = catalog().queries
    stem, _, suffix = name.rpartition(".")
    if name in queries:
        return queries[name], None
    if stem in queries:
        return queries[stem], suffix
    raise NotFound(f"there is no saved query named {name!r}; see /queries for the list")


def _values() -> MultiDict:
    values = MultiDict(request.args)
    if request.method == "POST":
        values.update(request.form)
    return values


def _page(query: SavedQuery, values: MultiDict) -> Response:
    """The form, and the result table once the form has been sent (or when there is nothing to fill in)."""
    submitted = any(parameter.name in values for parameter in query.parameters)
    error: ParameterError | None = None
    result = None
    if submitted or all(not p.required or p.default for p in query.parameters):
        try:
            result = get_engine().select(query.text, query.bind(values))
        except ParameterError as failure:
            error = failure
    given = _given(query, values)
    links = {fmt: url_for("queries.run", name=f"{query.name}.{fmt}", **given) for fmt in ("json", "csv", "tsv")}
    share = url_for("queries.run", name=query.name, _external=True, **given)
    editor = url_for("browse.query_editor", example=query.name, **given)
    pickers = {p.name: found for p in query.parameters if (found := picker(p))}
    html = render_template("queries/query.html", query=query, values=values, result=result, error=error,
                           links=links, share=share, editor=editor, pickers=pickers, link=_link)
    response = Response(html, status=400 if error else 200, mimetype=HTML.media_type)
    response.vary.add("Accept")
    return response


def _link(term: Node) -> str | None:
    """Where a result cell links to: our own page for evkg IRIs, the IRI itself for other web IRIs."""
    local = href(term)
    if local or not isinstance(term, URIRef):
        return local
    return str(term) if str(term).startswith(("http://", "https://")) else None


def _given(query: SavedQuery, values: MultiDict) -> dict[str, str]:
    return {p.name: values[p.name] for p in query.parameters if values.get(p.name)}


def _describe(query: SavedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "summary": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "method": query.method,
        "url": url_for("queries.run", name=query.name),
        "parameters": [
            {"name": p.name, "type": p.type, "required": p.required, "default": p.default, "enum": list(p.enum),
             "class": p.cls}
            for p in query.parameters
        ],
    }
