"""HTTP to an external SPARQL store: the Graph Store Protocol, SPARQL Update and the SPARQL Protocol.

One client for `evkg push` and `evkg serve --store`. Credentials are offered only when the store asks
(a 401), in the scheme it names (Basic or Digest), and never appear in messages: URLs are shown
without their user part.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Mapping, Sequence

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from evkg.graph.formats import N_TRIPLES

CONNECT_SECONDS = 5.0
TRANSFER_SECONDS = 300.0  # one chunk of a push; large enough for a slow store, finite so a push never hangs
MESSAGE_CHARACTERS = 300
READ_BYTES = 1 << 16


class StoreError(Exception):
    """The store could not be reached, refused, or failed; `message` is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreUnreachable(StoreError):
    """No connection to the store (down, wrong host or port)."""


class StoreTimeout(StoreError):
    """The store did not answer within the time limit."""


class StoreRefused(StoreError):
    """The store answered with an HTTP error; `status` is its status code, `detail` the start of its message."""

    def __init__(self, message: str, status: int, detail: str) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


def redact(url: str) -> str:
    """The URL without user name or password, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{parts.port}" if parts.port else ""
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


class StoreClient:
    """Requests to one store: `query_url` for queries and updates, `graph_store_url` for whole graphs."""

    def __init__(self, query_url: str, graph_store_url: str = "", user: str = "", password: str = "",
                 update_url: str = "") -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self._credentials = (user, password) if user else None
        self._auth: AuthBase | None = None
        self.server = ""  # the store's Server header, once it answered
        self._session = requests.Session()
        self._session.trust_env = False  # loopback and internal stores: no proxy from the environment

    def close(self) -> None:
        self._session.close()

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace one graph with these triples (Graph Store Protocol PUT)."""
        self._send("PUT", self.graph_store_url, params={"graph": graph}, data=ntriples,
                   headers={"Content-Type": N_TRIPLES.media_type})

    def post_graph(self, graph: str, ntriples: bytes) -> None:
        """Add triples to one graph (Graph Store Protocol POST)."""
        self._send("POST", self.graph_store_url, params={"graph": graph}, data=ntriples,
                   headers={"Content-Type": N_TRIPLES.media_type})

    def delete_graph(self, graph: str) -> None:
        """Remove one graph; a graph that is not there is already removed."""
        try:
            self._send("DELETE", self.graph_store_url, params={"graph": graph})
        except StoreRefused as error:
            if error.status != 404:
                raise

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 Update request."""
        self._send("POST", self.update_url, data=text.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def query(self, text: str, accept: str, params: Sequence[tuple[str, str]] = (),
              timeout: float = TRANSFER_SECONDS) -> tuple[bytes, Mapping[str, str]]:
        """The body and headers of a query's answer, read completely within `timeout` seconds."""
        form = [("query", text), *params]
        return self._send("POST", self.query_url, data=form, headers={"Accept": accept}, timeout=timeout)

    def _send(self, method: str, url: str, params: Mapping[str, str] | None = None,
              data: bytes | Sequence[tuple[str, str]] | None = None, headers: Mapping[str, str] | None = None,
              timeout: float = TRANSFER_SECONDS) -> tuple[bytes, Mapping[str, str]]:
        deadline = time.monotonic() + timeout
        response = self._request(method, url, params, data, headers, deadline)
        if response.status_code == 401 and self._credentials and self._auth is None:
            response.close()
            self._auth = _auth_for(response.headers.get("WWW-Authenticate", ""), self._credentials)
            response = self._request(method, url, params, data, headers, deadline)
        self.server = response.headers.get("Server", self.server)
        try:
            body = _read(response, deadline, url)
        finally:
            response.close()
        if response.status_code >= 400:
            raise _refusal(method, url, response.status_code, body, bool(self._credentials))
        return body, response.headers

    def _request(self, method: str, url: str, params: Mapping[str, str] | None,
                 data: bytes | Sequence[tuple[str, str]] | None, headers: Mapping[str, str] | None,
                 deadline: float) -> requests.Response:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise StoreTimeout(f"the store at {redact(url)} did not answer in time")
        try:
            return self._session.request(method, url, params=params, data=data, headers=headers, auth=self._auth,
                                         timeout=(min(CONNECT_SECONDS, remaining), remaining), stream=True)
        except requests.Timeout as error:
            raise StoreTimeout(f"the store at {redact(url)} did not answer in time") from error
        except requests.RequestException as error:
            raise StoreUnreachable(f"the store at {redact(url)} cannot be reached ({_reason(error)})") from error


def _auth_for(challenge: str, credentials: tuple[str, str]) -> AuthBase:
    """The scheme the store asked for: Digest when it says so, Basic otherwise."""
    if challenge.lower().startswith("digest"):
        return HTTPDigestAuth(*credentials)
    return HTTPBasicAuth(*credentials)


def _read(response: requests.Response, deadline: float, url: str) -> bytes:
    """The whole body, or StoreTimeout when the deadline passes first: the connection is closed."""
    chunks = []
    try:
        for chunk in response.iter_content(READ_BYTES):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise StoreTimeout(f"the store at {redact(url)} did not finish answering in time")
    except requests.Timeout as error:
        raise StoreTimeout(f"the store at {redact(url)} did not finish answering in time") from error
    except requests.RequestException as error:
        raise StoreUnreachable(f"the store at {redact(url)} broke off its answer ({_reason(error)})") from error
    return b"".join(chunks)


def _refusal(method: str, url: str, status: int, body: bytes, authenticated: bool) -> StoreRefused:
    detail = " ".join(body.decode("utf-8", "replace").split())[:MESSAGE_CHARACTERS]
    message = f"the store at {redact(url)} answered {method} with HTTP {status}"
    if status in (401, 403):
        hint = "check store_user and store_password" if authenticated else "set store_user and store_password"
        message += f" ({hint})"
    elif detail:
        message += f": {detail}"
    return StoreRefused(message, status, detail)


def _reason(error: requests.RequestException) -> str:
    """A short cause without the URL (which may carry credentials) that requests puts in its messages."""
    cause = error
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__
    text = type(cause).__name__
    if isinstance(cause, OSError) and cause.strerror:
        text = cause.strerror
    return text.lower() if text else "connection failed"
