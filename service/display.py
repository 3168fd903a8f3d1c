"""How values read on a page: numbers with units and currency, dates at their own precision, marked-up text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Literal
from rdflib.term import Node

from evkg.ontology.vocabulary import XSD
from evkg.service.paths import local_name

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float", "int", "long",
                                    "nonNegativeInteger", "positiveInteger")}
# properties whose numbers are identifiers or positions, never grouped by thousands
PLAIN_NUMBERS = {"year", "launchYear", "start", "end"}


@dataclass(frozen=True)
class Segment:
    """A run of text, marked (payload set) when a span covers it."""

    text: str
    payload: Any = None


def format_date(value: Literal) -> str:
    """A date at the precision it was stated: "May 2023", "2023" or "5 May 2023"."""
    datatype, lexical = str(value.datatype or ""), str(value)
    try:
        if datatype == XSD + "gYearMonth":
            year, month = lexical[:7].split("-")
            return f"{MONTHS[int(month) - 1]} {year}"
        if datatype == XSD + "date":
            day = date.fromisoformat(lexical[:10])
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    except (ValueError, IndexError):
        return lexical
    return lexical


def format_number(value: Literal, group: bool = True) -> str:
    """A numeric literal as people write it: 550,000,000 (not 5.5E8 or 550000000.0)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,}" if group else str(number)


def format_literal(value: Literal, predicate: Node | str, siblings: dict[str, Literal] | None = None) -> str:
    """One literal shown with what gives it meaning: its currency, unit, precision or 'since'."""
    siblings = siblings or {}
    local = local_name(str(predicate))
    datatype = str(value.datatype or "")
    if datatype in (XSD + "gYearMonth", XSD + "gYear", XSD + "date"):
        text = format_date(value)
    elif datatype == XSD + "boolean":
        text = "yes" if value.toPython() is True else "no"
    elif datatype in NUMERIC:
        text = format_number(value, group=local not in PLAIN_NUMBERS)
        if local == "amount" and "currency" in siblings:
            text = f"{text} {siblings['currency']}"
        if local == "units":
            text = f"{text} units"
            if is_true(siblings.get("approximate")):
                text = f"approximately {text}"
    else:
        text = str(value)
    return f"since {text}" if local.endswith("Since") else text


def is_true(value: Literal | None) -> bool:
    """Whether an optional xsd:boolean literal is present and true (an absent `approximate` means exact)."""
    return value is not None and value.toPython() is True


def segments(text: str, spans: list[tuple[int, int, Any]]) -> list[Segment]:
    """Cut text at span edges; overlapping spans keep the earliest, then longest, one."""
    result: list[Segment] = []
    position = 0
    for start, end, payload in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < position or not 0 <= start < end <= len(text):
            continue
        if start > position:
            result.append(Segment(text[position:start]))
        result.append(Segment(text[start:end], payload))
        position = end
    if position < len(text):
        result.append(Segment(text[position:]))
    return result


def literal_span(text: str, value: Literal) -> tuple[int, int] | None:
    """Where a literal's value is written in a sentence ("89,527" or "89527"), for highlighting."""
    candidates = [str(value)]
    if str(value.datatype or "") in NUMERIC:
        candidates.insert(0, format_number(value))
    if str(value.datatype or "") == XSD + "gYearMonth":
        candidates.insert(0, format_date(value))
    for candidate in candidates:
        found = text.find(candidate)
        if candidate and found >= 0:
            return found, found + len(candidate)
    return None
