"""Saved SPARQL queries: a folder of grlc-style `.rq` files turned into typed, validated operations.

Each `queries/NAME.rq` is one operation. Its `#+ key: value` header lines are YAML (grlc's decorators:
summary, description, tags, defaults, enumerate, method). `enumerate` gives a parameter either its list of
values or, for an IRI parameter, the class whose instances it takes (`- plant: evkg:ManufacturingPlant`, grlc's
"values from the graph" made explicit), which the form's picker and /openapi.json both read. Variables named `?_name_type` are
parameters (`?__name_type` optional), with type `iri`, `integer`, `decimal`, `boolean`, `date`, or
none for a string. Values are checked here and become RDF terms that the engine binds in a VALUES
block (service.binding), so no caller text ever reaches the query string.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib import XSD, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Node, Variable

from evkg.ontology.vocabulary import OWL, PREFIXES
from evkg.service.binding import bind
from evkg.service.exceptions import InvalidQuery, QueryRefused
from evkg.service.guard import inspect_query

log = logging.getLogger(__name__)

DECORATORS = frozenset({"summary", "description", "tags", "defaults", "enumerate", "method"})
METHODS = ("GET", "POST")
RESERVED = frozenset({"format"})  # request parameters the API itself reads
TYPES = ("string", "iri", "integer", "decimal", "boolean", "date")
_QUERY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_PARAMETER = re.compile(r"^(?P<underscores>__?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?:_(?P<type>[A-Za-z0-9]+))?$")
# An absolute IRI (RFC 3987): a scheme, then no character that an IRI reference may not hold.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f]+$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# prefixes a class may be written with in `enumerate` (owl:Thing: any entity of the entity directory)
CLASS_PREFIXES = {prefix: PREFIXES[prefix] for prefix in ("evkg", "owl")}
ANY_ENTITY = OWL + "Thing"
# A harmless value of each type, bound when the engine test-runs a query at load time.
_SAMPLES = {"string": "x", "iri": "urn:evkg:sample", "integer": "0", "decimal": "0.0",
            "boolean": "false", "date": "2000-01-01"}


class ParameterError(ValueError):
    """A parameter value that is missing or does not fit its declared type; names the parameter."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter '{parameter}': {message}")
        self.parameter = parameter


class QueryFileError(ValueError):
    """A .rq file that cannot be served: unparseable query or bad decorators."""


@dataclass(frozen=True)
class Parameter:
    """One API parameter, taken from a `?_name_type` variable of the query."""

    name: str
    variable: str
    type: str
    required: bool
    default: str | None = None
    enum: tuple[str, ...] = ()
    cls: str | None = None  # the class an IRI parameter's values are instances of (enumerated from the graph)

    def convert(self, raw: str) -> Node:
        """The RDF term for a caller's text, or ParameterError saying what is wrong with it."""
        if self.enum and raw not in self.enum:
            raise ParameterError(self.name, f"must be one of {', '.join(self.enum)}; got {raw!r}")
        return _convert(self.name, self.type, raw)


def _convert(name: str, kind: str, raw: str) -> Node:
    if kind == "iri":
        if not _IRI.match(raw):
            raise ParameterError(name, f"must be an absolute IRI (scheme:…, no spaces or <>\"{{}}|\\^`); got {raw!r}")
        return URIRef(raw)
    if kind == "integer":
        if not _INTEGER.match(raw):
            raise ParameterError(name, f"must be an integer; got {raw!r}")
        return Literal(str(int(raw)), datatype=XSD.integer)
    if kind == "decimal":
        try:
            if not _DECIMAL.match(raw):
                raise InvalidOperation
            value = Decimal(raw)
        except InvalidOperation:
            raise ParameterError(name, f"must be a decimal number; got {raw!r}") from None
        return Literal(value, datatype=XSD.decimal)
    if kind == "boolean":
        if raw.lower() not in _BOOLEANS:
            raise ParameterError(name, f"must be true or false; got {raw!r}")
        return Literal(_BOOLEANS[raw.lower()])
    if kind == "date":
        try:
            if not _DATE.match(raw):
                raise ValueError
            value = date.fromisoformat(raw)
        except ValueError:
            raise ParameterError(name, f"must be a date YYYY-MM-DD; got {raw!r}") from None
        return Literal(value, datatype=XSD.date)
    return Literal(raw)


@dataclass(frozen=True)
class SavedQuery:
    """One served operation: its text, documentation and parameters."""

    name: str
    path: Path
    text: str
    summary: str
    description: str
    tags: tuple[str, ...]
    method: str
    parameters: tuple[Parameter, ...]

    def bind(self, values: Mapping[str, str]) -> dict[str, Node]:
        """Turn request values into engine bindings; ParameterError for the first bad or missing one."""
        bindings: dict[str, Node] = {}
        for parameter in self.parameters:
            raw = values.get(parameter.name) or parameter.default
            if not raw:
                if parameter.required:
                    raise ParameterError(parameter.name, f"missing (a required {parameter.type})")
                continue
            bindings[parameter.variable] = parameter.convert(raw)
        return bindings


@dataclass(frozen=True)
class BrokenQuery:
    """A .rq file that was not loaded, with the reason (the parser's message or the bad decorator)."""

    file: str
    message: str


@dataclass
class Catalog:
    """The loaded folder: good queries by name, broken files listed with their reasons."""

    queries: dict[str, SavedQuery] = field(default_factory=dict)
    broken: list[BrokenQuery] = field(default_factory=list)


def load_catalog(folder: Path) -> Catalog:
    """Load every `*.rq` in the folder; a broken file is logged and listed, never fatal to the others."""
    catalog = Catalog()
    for path in sorted(Path(folder).glob("*.rq")):
        try:
            query = load_query(path)
        except QueryFileError as error:
            log.error("saved query %s not loaded: %s", path.name, error)
            catalog.broken.append(BrokenQuery(path.name, str(error)))
            continue
        catalog.queries[query.name] = query
    log.info("loaded %d saved queries from %s (%d broken)", len(catalog.queries), folder, len(catalog.broken))
    return catalog


def load_query(path: Path) -> SavedQuery:
    """Read, parse and check one .rq file; QueryFileError says what is wrong."""
    name = path.stem
    if not _QUERY_NAME.match(name):
        raise QueryFileError(f"file name {path.name!r} is not a usable query name (letters, digits, _ and -)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryFileError(f"cannot read: {error}") from error
    header = _decorators(text)
    try:
        inspect_query(text)  # the trial runs below must not reach SERVICE either
    except QueryRefused as error:
        raise QueryFileError(error.message) from error
    _check_runs(text, ())  # the engine's own parser first: its messages give line:column
    parameters = _parameters(_query_variables(text), header)
    _check_runs(text, parameters)
    return SavedQuery(
        name=name,
        path=path,
        text=text,
        summary=_text(header, "summary") or name.replace("_", " "),
        description=_text(header, "description"),
        tags=_tags(header),
        method=_method(header),
        parameters=parameters,
    )


def _decorators(text: str) -> dict[str, Any]:
    """The `#+` lines as one YAML mapping, as grlc reads them; unknown keys are errors, not ignored."""
    lines = [line[2:] for line in text.splitlines() if line.startswith("#+")]
    try:
        header = yaml.safe_load("\n".join(lines)) if lines else {}
    except yaml.YAMLError as error:
        raise QueryFileError(f"decorators are not valid YAML: {error}") from error
    if header is None:
        return {}
    if not isinstance(header, dict):
        raise QueryFileError("decorators must be `#+ key: value` lines")
    unknown = sorted(str(key) for key in header if key not in DECORATORS)
    if unknown:
        raise QueryFileError(f"unknown decorator(s) {', '.join(unknown)}; known: {', '.join(sorted(DECORATORS))}")
    return header


def _query_variables(text: str) -> list[str]:
    """Every variable the author wrote in a SELECT query, in order of first appearance (rdflib's parse)."""
    found: dict[str, None] = {}
    try:
        parsed = parseQuery(text)
        # collected before translateQuery, which adds its own aggregate variables to the tree
        traverse(parsed, visitPre=lambda node: found.setdefault(str(node)) if isinstance(node, Variable) else None)
        form = translateQuery(parsed).algebra.name
    except Exception as error:  # rdflib's parser raises pyparsing and assorted errors
        raise QueryFileError(f"rdflib cannot parse the query: {error}") from error
    if form != "SelectQuery":
        raise QueryFileError("only SELECT queries can be saved queries (their results are tables)")
    return list(found)


def _parameters(variables: list[str], header: Mapping[str, Any]) -> tuple[Parameter, ...]:
    defaults = _name_map(header, "defaults")
    enums = _name_map(header, "enumerate")
    parameters: dict[str, Parameter] = {}
    for variable in variables:
        if not variable.startswith("_"):
            continue
        match = _PARAMETER.match(variable)
        kind = (match.group("type") or "string").lower() if match else None
        if not match or kind not in TYPES:
            raise QueryFileError(
                f"?{variable} is not a parameter name: use ?_name or ?_name_TYPE (TYPE one of {', '.join(TYPES[1:])}),"
                " with ?__ for optional ones"
            )
        name = match.group("name")
        if name in RESERVED:
            raise QueryFileError(f"parameter name {name!r} is reserved by the API; choose another")
        if name in parameters:
            raise QueryFileError(f"parameter {name!r} is declared twice (?{parameters[name].variable}, ?{variable})")
        enum, cls = _enumeration(name, kind, enums.pop(name)) if name in enums else ((), None)
        default = defaults.pop(name, None)
        parameter = Parameter(name, variable, kind, match.group("underscores") == "_",
                              None if default is None else str(default), enum, cls)
        for value in (*enum, *([parameter.default] if parameter.default else [])):
            try:
                parameter.convert(value)
            except ParameterError as error:
                raise QueryFileError(f"bad default or enumerate value: {error}") from None
        parameters[name] = parameter
    for key, leftovers in (("defaults", defaults), ("enumerate", enums)):
        if leftovers:
            raise QueryFileError(f"{key} names no parameter of the query: {', '.join(sorted(leftovers))}")
    return tuple(parameters.values())


def _name_map(header: Mapping[str, Any], key: str) -> dict[str, Any]:
    """grlc writes defaults/enumerate as a list of one-key mappings; a plain mapping is accepted too."""
    value = header.get(key) or {}
    items = value if isinstance(value, list) else [value]
    merged: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict):
            raise QueryFileError(f"{key}: expected `- name: value` entries, got {item!r}")
        merged.update({str(name): entry for name, entry in item.items()})
    return merged


def _enumeration(name: str, kind: str, value: Any) -> tuple[tuple[str, ...], str | None]:
    """`enumerate` of one parameter: a list of values, or (IRI parameters) one class as `prefix:Name` or an IRI."""
    if not isinstance(value, str):
        return tuple(str(item) for item in _as_list(value, f"enumerate: {name}")), None
    if kind != "iri":
        raise QueryFileError(f"enumerate: {name}: a class ({value!r}) enumerates IRI parameters only; list values")
    prefix, _, local = value.partition(":")
    cls = CLASS_PREFIXES[prefix] + local if prefix in CLASS_PREFIXES else value
    if not _IRI.match(cls) or not local:
        raise QueryFileError(f"enumerate: {name}: {value!r} is not a class (evkg:Name, owl:Thing or an absolute IRI)")
    return (), cls


def _as_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise QueryFileError(f"{where}: expected a non-empty list of values")
    return value


def _check_runs(text: str, parameters: tuple[Parameter, ...]) -> None:
    """Run the query on an empty pyoxigraph store with sample bindings: the engine's parser has the last word."""
    samples = {p.variable: p.convert(p.enum[0] if p.enum else _SAMPLES[p.type]) for p in parameters}
    try:
        list(ox.Store().query(bind(text, samples)))
    except SyntaxError as error:
        raise QueryFileError(f"pyoxigraph cannot parse the query: {error}") from error
    except (RuntimeError, ValueError, InvalidQuery) as error:
        raise QueryFileError(f"pyoxigraph cannot bind the parameters: {error}") from error


def _text(header: Mapping[str, Any], key: str) -> str:
    value = header.get(key, "")
    if not isinstance(value, str):
        raise QueryFileError(f"{key}: expected text, got {value!r}")
    return value.strip()


def _tags(header: Mapping[str, Any]) -> tuple[str, ...]:
    value = header.get("tags", [])
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise QueryFileError(f"tags: expected a list of names (`#+   - tag`), got {value!r}")
    return tuple(value)


def _method(header: Mapping[str, Any]) -> str:
    method = str(header.get("method", "GET")).upper()
    if method not in METHODS:
        raise QueryFileError(f"method: expected GET or POST, got {header.get('method')!r}")
    return method
