"""Result rows of different servers made comparable, and compared with the floor's as sets.

Servers write the same term differently (Virtuoso's `typed-literal`, `1.0E2` for 100.0, xsd:string
spelled out or not), so each term becomes one canonical key first. Blank nodes cannot be matched
across systems and compare equal to each other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float", "long", "int", "short",
                                   "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                   "nonPositiveInteger", "unsignedInt", "unsignedLong")}
PLAIN = {None, XSD + "string"}

Row = tuple[tuple[str, tuple[str, ...]], ...]


def term_key(term: Mapping[str, object]) -> tuple[str, ...]:
    """A SPARQL-JSON term as a canonical tuple."""
    kind = str(term["type"])
    value = str(term.get("value", ""))
    if kind == "uri":
        return ("uri", value)
    if kind == "bnode":
        return ("bnode",)
    if kind == "triple":
        inner = term["value"]
        assert isinstance(inner, Mapping)
        return ("triple", *(part for key in ("subject", "predicate", "object") for part in term_key(inner[key])))
    datatype = term.get("datatype")
    language = term.get("xml:lang")
    if language:
        return ("literal", value, "@" + str(language).lower())
    if datatype in NUMERIC:
        try:
            return ("number", format(Decimal(value).normalize(), "f"))
        except InvalidOperation:
            return ("literal", value, str(datatype))
    if datatype == XSD + "boolean":
        return ("literal", "true" if value in ("true", "1") else "false", str(datatype))
    return ("literal", value, "" if datatype in PLAIN else str(datatype))


def json_rows(body: bytes) -> list[Row]:
    """The rows of a SPARQL 1.1 JSON results document."""
    document = json.loads(body)
    return [binding_row(binding) for binding in document["results"]["bindings"]]


def binding_row(binding: Mapping[str, Mapping[str, object]]) -> Row:
    """One solution as a sorted tuple of (variable, term key); unbound variables are left out."""
    return tuple(sorted((name, term_key(term)) for name, term in binding.items()))


def compare(floor: Iterable[Row] | None, rows: Iterable[Row]) -> dict[str, object]:
    """Row count, duplicates, rows missing from or extra to the floor's set, and one of each to look at.

    Without the floor's rows (it passed its time limit) only the count and the duplicates are known.
    """
    listed = list(rows)
    seen = set(listed)
    if floor is None:
        return {"rows": len(listed), "duplicates": len(listed) - len(seen), "missing": None, "extra": None}
    floor_set = set(floor)
    missing, extra = floor_set - seen, seen - floor_set
    return {"rows": len(listed), "duplicates": len(listed) - len(seen), "missing": len(missing), "extra": len(extra),
            "a_missing_row": str(min(missing)) if missing else None, "an_extra_row": str(min(extra)) if extra else None}


def verdict(comparison: dict[str, object] | None) -> str:
    """A short table cell: the row count, marked when it is not the floor's set or has duplicates."""
    if comparison is None:
        return "-"
    if "error" in comparison:
        return str(comparison["error"])
    cell = str(comparison["rows"])
    if comparison["missing"] is None:
        cell += " ?"
    elif comparison["missing"] or comparison["extra"]:
        cell += f" ≠(-{comparison['missing']}+{comparison['extra']})"
    if comparison["duplicates"]:
        cell += f" {comparison['duplicates']}dup"
    return cell
