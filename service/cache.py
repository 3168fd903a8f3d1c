"""Answers of the served build kept in memory: a build never changes, so the same request has the same answer.

Keyed by the build and the whole request as sent to the query process (bound query text, dataset,
media type, base IRI); the key is also the answer's ETag, so a client revalidates with
`If-None-Match` without the query running again. Bounded by an estimate of the bytes held, least
recently used first out; a new build starts it empty.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable

from evkg.service.executor import Reply, Request

TERM_BYTES = 64  # a rough size of one RDF term held in a row


def request_key(build: str, request: Request) -> str:
    """The request's identity on this build (its id), usable as an HTTP entity tag."""
    identity = json.dumps([build, vars(request)], sort_keys=True, ensure_ascii=False)  # not asdict: no deep copy
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40]


class ResultCache:
    """A thread-safe LRU of replies by request key, holding at most `capacity` bytes (0 turns it off)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._replies: OrderedDict[str, tuple[Reply, int]] = OrderedDict()
        self._size = 0
        self._build: Hashable | None = None
        self._lock = threading.Lock()

    def get(self, build: Hashable, key: str) -> Reply | None:
        with self._lock:
            self._switch(build)
            found = self._replies.get(key)
            if found is None:
                return None
            self._replies.move_to_end(key)
            return found[0]

    def put(self, build: Hashable, key: str, reply: Reply) -> None:
        weight = len(reply.body or b"") + TERM_BYTES * sum(len(row) for row in reply.rows or ())
        if weight > self.capacity or not self.capacity:  # an empty answer weighs nothing, and a cache of 0 is off
            return
        with self._lock:
            self._switch(build)
            if key in self._replies:
                return
            self._replies[key] = (reply, weight)
            self._size += weight
            while self._size > self.capacity:
                _, (_, dropped) = self._replies.popitem(last=False)
                self._size -= dropped

    def _switch(self, build: Hashable) -> None:
        """Forget the answers of an earlier build."""
        if build != self._build:
            self._replies.clear()
            self._size = 0
            self._build = build
