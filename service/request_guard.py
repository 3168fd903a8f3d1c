"""Refuse malformed requests before any route reads them: oversized bodies, parameters that are not UTF-8.

Werkzeug keeps undecodable bytes percent-encoded (`%FF` stays the text "%FF") or replaces them with
U+FFFD, so a route cannot tell a client's bad bytes from text it meant; the raw query string and
form body are therefore decoded strictly here, once, for every route.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from evkg.settings import Settings
from evkg.service.errors import error_response

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def init_app(app: Flask) -> None:
    """Bound request bodies and check every request's parameters before its route runs."""
    app.config["MAX_CONTENT_LENGTH"] = body_limit(app.extensions["evkg.settings"])
    app.before_request(check_request)


def body_limit(settings: Settings) -> int:
    """The largest request body: room for a maximal query, URL-encoded, plus other form fields."""
    return 4 * settings.max_query_size + 4096


def check_request() -> Response | None:
    """A 400 naming the first parameter that is not UTF-8, or None to let the route run."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"the request body is larger than {limit} bytes")
    fields = list(_urlencoded(request.query_string))
    if request.mimetype == FORM:
        fields += _urlencoded(request.get_data(cache=True))
    elif request.mimetype == MULTIPART and "boundary" in request.mimetype_params:
        try:
            fields += _multipart(request.get_data(cache=True), request.mimetype_params["boundary"])
        except UnicodeDecodeError as error:
            return _refuse("(a multipart part header)", _position(error))
    for name, value in fields:
        problem = _not_utf8(name) or _not_utf8(value)
        if problem:
            return _refuse(name.decode("utf-8", "backslashreplace"), problem)
    return None


def _refuse(name: str, problem: str) -> Response:
    return error_response(400, "Bad Request", f"parameter {name!r} is not valid UTF-8 ({problem})", parameter=name)


def _urlencoded(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Name and value bytes of each `name=value` pair, percent-decoded as Werkzeug splits them."""
    for part in data.split(b"&"):
        if part:
            name, _, value = part.partition(b"=")
            yield unquote_to_bytes(name.replace(b"+", b" ")), unquote_to_bytes(value.replace(b"+", b" "))


def _multipart(data: bytes, boundary: str) -> list[tuple[bytes, bytes]]:
    """Name and value bytes of each non-file field; a malformed body is left to Werkzeug's own parser.

    Part headers are decoded strictly by Werkzeug, so a bad byte there raises UnicodeDecodeError.
    """
    decoder = MultipartDecoder(boundary.encode("latin-1"))
    decoder.receive_data(data)
    decoder.receive_data(None)
    fields: list[tuple[bytes, bytes]] = []
    current: Field | None = None
    value = b""
    try:
        event = decoder.next_event()
        while not isinstance(event, (Epilogue, NeedData)):
            if isinstance(event, (Field, File)):
                current, value = (event if isinstance(event, Field) else None), b""
            elif isinstance(event, Data) and current is not None:
                value += event.data
                if not event.more_data:
                    fields.append((current.name.encode("utf-8"), value))
            event = decoder.next_event()
    except UnicodeDecodeError:  # a subclass of ValueError, but the client's bad bytes: report them
        raise
    except ValueError:  # a malformed body, which Werkzeug's parser also drops
        pass
    return fields


def _not_utf8(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _position(error)
    return None


def _position(error: UnicodeDecodeError) -> str:
    return f"byte 0x{error.object[error.start]:02x} at position {error.start}"
