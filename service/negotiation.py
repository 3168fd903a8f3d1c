"""Choosing the format of an answer (one rule for every view), and sending the answer in it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from flask import Request, Response, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from evkg.graph.formats import Format, find
from evkg.service.exceptions import NotAcceptable

TEXT_PARAMETERS = "; charset=utf-8"


def negotiate(offered: Sequence[Format], wanted: Iterable[str] = (), fallback: Format | None = None) -> Format:
    """The format to answer the current request in, of the `offered` ones (the first is the default).

    `wanted` (a URL suffix or `format` values: names or media types) decides first; then the best match of the
    `Accept` header among the offered formats' media types, their other media types after them (the order
    breaks ties); no `Accept` gets the default. Nothing fits: `fallback` when given (an error must still be
    sent in something, and `wanted` values that fit nothing are then passed over), else NotAcceptable (406).
    """
    values = [value for value in wanted if value.strip()]
    for value in values:
        if (chosen := find(offered, value)) is not None:
            return chosen
    if values and fallback is None:
        raise NotAcceptable(f"format {values[0]!r} is not available here; choose one of "
                            f"{', '.join(fmt.name for fmt in offered)}")
    accept = request.headers.get("Accept", "")
    if not _accepted(accept):
        return offered[0]
    media_types: dict[str, Format] = {}
    for fmt in offered:
        media_types.setdefault(fmt.media_type, fmt)
    for fmt in offered:
        for alias in fmt.media_aliases:
            media_types.setdefault(alias, fmt)
    best = _best_match(accept, tuple(media_types))
    if best is not None:
        return media_types[best]
    if fallback is not None:
        return fallback
    raise NotAcceptable(f"none of the accepted media types ({request.headers.get('Accept')}) is available here; "
                        f"choose from {', '.join(media_types)}")


@lru_cache(maxsize=256)
def _accepted(accept: str) -> MIMEAccept:
    """An `Accept` header parsed once: clients send the same few, and parsing one is a good part of a cached answer."""
    return parse_accept_header(accept, MIMEAccept)


@lru_cache(maxsize=1024)
def _best_match(accept: str, media_types: tuple[str, ...]) -> str | None:
    return _accepted(accept).best_match(media_types)


def content_type(media_type: str) -> str:
    """The exact Content-Type header: every format here is UTF-8 text."""
    return media_type + TEXT_PARAMETERS


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 when a GET already holds this answer (`If-None-Match`), else None: the query need not run again."""
    if request.method not in ("GET", "HEAD") or not request.if_none_match.contains(etag):
        return None
    response = Response(status=304)
    response.set_etag(etag)
    response.vary.add("Accept")
    return response


def respond(body: bytes, media_type: str, status: int = 200) -> Response:
    """A response with the exact Content-Type and `Vary: Accept` (the body depends on it)."""
    response = Response(body, status=status, content_type=content_type(media_type))
    response.vary.add("Accept")
    return response
