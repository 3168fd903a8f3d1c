"""A small SPARQL lexer that finds what a query is and refuses what must never run, before execution.

pyoxigraph executes `SERVICE <http://…>` over the network and a read-only endpoint must not accept
updates, so the keywords are found on real tokens: strings, IRIs, comments, prefixed names and
variables are skipped, so `"LOAD"`, `<http://x/SERVICE>` or `?service` never count.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator
from dataclasses import dataclass, field

from evkg.service.exceptions import QueryRefused

OPENING = frozenset("{([")
CLOSING = frozenset("})]")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
INSPECTED_QUERIES = 256  # texts remembered; at most max_query_size bytes each
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d" \
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_NAME = rf"[{_PN_CHARS_BASE}_0-9\-.\u00b7\u0300-\u036f\u203f-\u2040]"
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$]NAME+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[PN_BASE]NAME*)?:(?:NAME|:|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """.replace("NAME", _NAME).replace("PN_BASE", _PN_CHARS_BASE),
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int = 0  # offset in the query text


@dataclass(frozen=True)
class QueryInfo:
    """What the lexer learnt: the query form, declared prefixes, whether it names its dataset (FROM),
    and its deepest bracket nesting (the engine's parser recurses once per level)."""

    form: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    has_dataset: bool = False
    depth: int = 0


def tokens(text: str) -> Iterator[Token]:
    """The query's significant tokens (no spaces, no comments)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start())


@lru_cache(maxsize=INSPECTED_QUERIES)
def inspect_query(text: str) -> QueryInfo:
    """Classify a query; raise QueryRefused for updates, LOAD and SERVICE. Saved queries come back with every
    request, so the most recent texts are remembered (lexing took a fifth of a cached answer's time); the info
    returned is shared, to read only."""
    form, prefixes, has_dataset, depth = None, {}, False, 0
    significant = list(tokens(text))
    level = 0
    for index, token in enumerate(significant):
        if token.kind == "other":
            level += (token.text in OPENING) - (token.text in CLOSING)
            depth = max(depth, level)
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword == "SERVICE":
            raise QueryRefused("SERVICE (federated query) is not allowed: this endpoint never contacts other hosts")
        if keyword == "LOAD":
            raise QueryRefused("LOAD is not allowed: this endpoint is read-only and never fetches remote data")
        if keyword in UPDATE_KEYWORDS:
            raise QueryRefused(f"updates are not allowed: this endpoint is read-only ({keyword} found)")
        if keyword in FORMS and form is None:
            form = keyword
        has_dataset = has_dataset or keyword == "FROM"
        if keyword == "PREFIX" and index + 2 < len(significant):
            name, iri = significant[index + 1], significant[index + 2]
            if name.kind == "pname" and name.text.endswith(":") and iri.kind == "iri":
                prefixes[name.text[:-1]] = iri.text[1:-1]
    return QueryInfo(form, prefixes, has_dataset, depth)
