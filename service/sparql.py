"""`/sparql`: the SPARQL 1.1 Protocol for queries (GET, POST form, POST direct), read-only."""

from __future__ import annotations

import re

from flask import Blueprint, Response, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, Forbidden, UnsupportedMediaType

from evkg.graph.formats import GRAPH, RESULTS, formats
from evkg.service.access_log import note_query
from evkg.service.engine import Dataset, get_engine
from evkg.service.negotiation import negotiate, not_modified, respond
from evkg.service.service_description import service_description

blueprint = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")
UPDATES_REFUSED = "updates are not allowed: this SPARQL endpoint is read-only"


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer one query, or describe the service when there is none."""
    engine = get_engine()
    query, params = _read_request()
    if query is None:
        return service_description(engine, negotiate(formats(GRAPH), params.getlist("format")))
    note_query(query)
    info = engine.check(query)
    kind = GRAPH if info.form in ("CONSTRUCT", "DESCRIBE") else RESULTS
    media_type = negotiate(formats(kind), params.getlist("format")).media_type
    dataset, timeout = _dataset(params), _timeout(params)
    prepared = engine.prepare(query, None, media_type, dataset, request.base_url)
    if (unchanged := not_modified(request, prepared.key)) is not None:
        return unchanged
    body, media_type, truncated = engine.answer(prepared, timeout)
    response = respond(body, media_type)
    response.set_etag(prepared.key)
    if truncated:
        response.headers["X-Evkg-Truncated"] = "true"
        response.headers["X-Evkg-Max-Rows"] = str(engine.settings.max_rows)
    return response


def _read_request() -> tuple[str | None, MultiDict]:
    """The query text (None: no query, describe the service) and the protocol parameters."""
    if request.method == "GET":
        params = request.args
        if "update" in params:
            raise Forbidden(UPDATES_REFUSED)
        return _single_query(params, required=False), params
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if request.mimetype == UPDATE:
        raise Forbidden(UPDATES_REFUSED)
    if request.mimetype == FORM:
        params = MultiDict(request.form)
        if "update" in params:
            raise Forbidden(UPDATES_REFUSED)
        params.update(request.args)
        return _single_query(params, required=True), params
    if request.mimetype == DIRECT:
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"a direct POST query must be UTF-8, not {charset}")
        try:
            return request.get_data().decode("utf-8"), request.args
        except UnicodeDecodeError as error:
            raise BadRequest(f"the query is not valid UTF-8: {error}") from error
    raise UnsupportedMediaType(
        f"POST a query as {FORM} (query=...) or as {DIRECT}, not as {request.mimetype or 'an unlabelled body'}"
    )


def _single_query(params: MultiDict, required: bool) -> str | None:
    queries = params.getlist("query")
    if len(queries) > 1:
        raise BadRequest("give exactly one query parameter")
    if not queries and required:
        raise BadRequest("the form has no query parameter")
    return queries[0] if queries else None


def _dataset(params: MultiDict) -> Dataset | None:
    """The protocol's dataset, which replaces the query's FROM / FROM NAMED when given."""
    default_graphs = params.getlist("default-graph-uri")
    named_graphs = params.getlist("named-graph-uri")
    for iri in default_graphs + named_graphs:
        if not _ABSOLUTE_IRI.match(iri):
            raise BadRequest(f"graph IRI {iri!r} is not an absolute IRI")
    if not default_graphs and not named_graphs:
        return None
    return Dataset(default_graphs, named_graphs)


def _timeout(params: MultiDict) -> float | None:
    """A client's own, lower time limit in seconds."""
    raw = params.get("timeout")
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise BadRequest(f"timeout must be a positive number of seconds, not {raw!r}")
    return value
