"""Every HTTP error as a 4xx/5xx with a readable message in the format the client asked for.

JSON for JSON clients, HTML for browsers, plain text otherwise; never a stack trace. Unexpected
errors are logged with a request id that the client also gets, so operators can find them.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from evkg.graph.formats import HTML, JSON, JSON_LD, SPARQL_JSON, TEXT
from evkg.service.exceptions import EngineError, QuerySyntaxError
from evkg.service.negotiation import negotiate

RETRY_AFTER_SECONDS = 5
# what an error can be sent as: text when nothing else fits, a page for browsers, JSON for anything that reads JSON
ERROR_FORMATS = (TEXT, HTML, JSON, SPARQL_JSON, JSON_LD)


def init_app(app: Flask) -> None:
    """Give every request an id and install the error handlers."""
    app.before_request(_assign_request_id)
    app.after_request(_send_request_id)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(EngineError, _engine_error)
    app.register_error_handler(Exception, _unexpected_error)


def request_id() -> str:
    """The id of the current request (made on first use, e.g. by an error before `before_request`)."""
    if "request_id" not in g:
        g.request_id = uuid.uuid4().hex[:16]
    return g.request_id


def error_response(status: int, title: str, message: str, **details: Any) -> Response:
    """One error in JSON, HTML or text, chosen from the request's Accept header and `format` parameter."""
    kind = _wanted_kind()
    if kind == "json":
        response = jsonify({"error": title, "status": status, "message": message, **details})
    elif kind == "html":
        rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in details.items())
        body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status} {escape(title)}"
                f"</title></head><body><h1>{status} {escape(title)}</h1><p>{escape(message)}</p>"
                f"{f'<dl>{rows}</dl>' if rows else ''}</body></html>")
        response = Response(body, mimetype=HTML.media_type)
    else:
        lines = [f"{status} {title}", message] + [f"{k}: {v}" for k, v in details.items()]
        response = Response("\n".join(lines) + "\n", mimetype=TEXT.media_type)
    response.status_code = status
    response.vary.add("Accept")
    return response


def _wanted_kind() -> str:
    try:
        wanted = request.values.getlist("format")
    except (UnicodeDecodeError, RequestEntityTooLarge):  # unreadable parameters or body: no format asked
        wanted = []
    chosen = negotiate(ERROR_FORMATS, wanted, fallback=TEXT)
    return "json" if chosen.media_type.endswith("json") else "html" if chosen == HTML else "text"


def _assign_request_id() -> None:
    request_id()


def _send_request_id(response: Response) -> Response:
    response.headers["X-Request-Id"] = request_id()
    return response


def _http_error(error: HTTPException) -> Response:
    response = error_response(error.code or 500, error.name, error.description or error.name)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _engine_error(error: EngineError) -> Response:
    if type(error) is EngineError:
        return _unexpected_error(error)
    details: dict[str, Any] = {}
    if isinstance(error, QuerySyntaxError) and error.line is not None:
        details = {"line": error.line, "column": error.column}
    title = {400: "Bad Request", 403: "Forbidden", 406: "Not Acceptable", 413: "Payload Too Large",
             429: "Too Many Requests", 502: "Bad Gateway", 503: "Service Unavailable",
             504: "Gateway Timeout"}.get(error.status, "Error")
    response = error_response(error.status, title, error.message, **details)
    if error.status in (429, 502, 503, 504):
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _unexpected_error(error: Exception) -> Response:
    current_app.logger.exception("request %s failed: %s %s", request_id(), request.method, request.path)
    return error_response(500, "Internal Server Error",
                          "the server could not answer this request; the error was logged",
                          request_id=request_id())
