"""Numbers, money, hedges and dates as the text writes them, normalised without losing their precision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from evkg.graph.lexicon import lexicon

NUMBER = r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
YEAR = r"(?:19|20)\d{2}"
RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}
RELATIVE_YEAR = r"(?:last|this|next) year"
BARE_FIGURE_FOLLOWERS = {"in", "and", "or", "to", "from", "during", "for", "by", "at", "a", "the", "last", "this", "units"}


@dataclass(frozen=True)
class Amount:
    """A number found in a text, with its offsets there."""

    start: int
    end: int
    value: Decimal
    currency: str | None = None
    restates: bool = False  # '(about $470 million)' after 'Rs 4,000 crore': the same money converted


@dataclass(frozen=True)
class When:
    """A date or period as written: `phrase` is the text's own words, `value` its xsd lexical form."""

    start: int
    end: int
    phrase: str
    value: str
    datatype: str  # gYear, gYearMonth or date
    year: int


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def parse_number(text: str) -> Decimal:
    """'50,729' -> 50729; '1.2' -> 1.2 (thousands separators: comma, space, narrow no-break space)."""
    return Decimal(re.sub(r"[,\u202f\u00a0 ]", "", text))


def plain_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 550000000, 2.5."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@cache
def _money_patterns() -> tuple[re.Pattern[str], ...]:
    q = lexicon().quantities
    mult = _alternation(list(q["multipliers"]))
    symbols = _alternation(list(q["currency_symbols"]))
    words = _alternation(list(q["currency_words"]))
    before = re.compile(rf"(?P<cur>{symbols}|\b(?:{words}))\s?(?P<num>{NUMBER})(?:\s?(?P<mult>{mult})\b)?")
    after = re.compile(rf"(?<![\w.])(?P<num>{NUMBER})(?:\s?(?P<mult>{mult}))?\s(?P<cur>{words}|Ft)\b")
    # a letter standing for a currency is money only with a multiplier: 'R4.2 billion' (rand), not 'the R1S'
    letter = re.compile(rf"\b(?P<cur>{_alternation(list(q['currency_letters']))})(?P<num>{NUMBER})\s?(?P<mult>{mult})\b")
    return before, after, letter


def find_money(text: str) -> list[Amount]:
    """Amounts of money: '€550 million', '£1bn', 'US$2.5 billion', '550 million euros', 'HUF 300bn', 'R4.2 billion'."""
    q = lexicon().quantities
    codes = {**q["currency_words"], **q["currency_symbols"], **q["currency_letters"]}
    found: list[Amount] = []
    for pattern in _money_patterns():
        for m in pattern.finditer(text):
            if any(a.start < m.end() and m.start() < a.end for a in found):
                continue
            multiplier = q["multipliers"].get((m.group("mult") or "").lower(), 1)
            value = parse_number(m.group("num")) * multiplier
            found.append(Amount(m.start(), m.end(), value, codes[m.group("cur")]))
    found.sort(key=lambda a: a.start)
    return [Amount(a.start, a.end, a.value, a.currency, restates=n > 0 and _conversion_gap(text[found[n - 1].end:a.start]))
            for n, a in enumerate(found)]


def _conversion_gap(between: str) -> bool:
    """'(about ', ' (', ', or roughly ': what stands between an amount and its conversion into another currency."""
    words = _alternation(lexicon().quantities["hedges"] + ["equivalent to", "or", "worth"])
    return re.fullmatch(rf"\s*[(\[,/]?\s*(?:(?:{words})\s+)*", between, re.IGNORECASE) is not None


@cache
def _count_pattern() -> re.Pattern[str]:
    q, cues = lexicon().quantities, lexicon().cues
    mult = _alternation([m for m in q["multipliers"] if len(m) > 2 or m in ("m", "mn")])
    units = _alternation(cues["unit_words"])
    return re.compile(
        rf"(?<![\w.$€£¥])(?P<num>{NUMBER})(?P<ord>st|nd|rd|th)?(?:\s?(?P<mult>{mult})\b)?"
        rf"(?P<gap>(?:\s+[a-zA-Z-]+){{0,2}}?)\s+(?P<unit>{units})\b"
    )


def find_counts(text: str, bare: bool = False) -> list[tuple[Amount, bool]]:
    """Counts of vehicles ('89,527 units', '1.2 million cars'), each with whether it is an ordinal ('100,000th');
    `bare` when the sentence before said what its figures count ('That compares with 416,301 in 2022')."""
    found: list[tuple[Amount, bool]] = []
    for m in _count_pattern().finditer(text):
        if re.fullmatch(YEAR, m.group("num")) and not m.group("mult"):
            continue
        multiplier = lexicon().quantities["multipliers"].get((m.group("mult") or "").lower(), 1)
        value = parse_number(m.group("num")) * multiplier
        found.append((Amount(m.start("num"), m.end(), value), bool(m.group("ord"))))
    if found or bare:  # 'from 325,000 in 2023': a bare figure beside a count of vehicles counts the same things
        for m in re.finditer(r"(?<![\w.,$€£¥])\d{1,3}(?:,\d{3})+(?![\w,])", text):
            noun = re.match(r"\s+([a-z]+)", text[m.end():])  # '1,500 people' counts something else
            if noun and noun.group(1) not in BARE_FIGURE_FOLLOWERS:
                continue
            if not any(a.start <= m.start() < a.end for a, _ in found):
                found.append((Amount(m.start(), m.end(), parse_number(m.group())), False))
    return sorted(found, key=lambda item: item[0].start)


@cache
def _trailing_hedge() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(lexicon().quantities['hedges'])})\s*$", re.IGNORECASE)


def hedged(text_before: str) -> bool:
    """Whether the words right before a number hedge it ('approximately', 'about', 'nearly', 'more than'...)."""
    return _trailing_hedge().search(text_before) is not None


def without_hedge(text_before: str) -> str:
    """The text before a number without the hedge that ends it: 'put about' -> 'put '."""
    return _trailing_hedge().sub("", text_before)


@cache
def _month_pattern() -> str:
    return _alternation(list(lexicon().quantities["months"]))


def _when(m: re.Match[str], phrase: str) -> When:
    months = lexicon().quantities["months"]
    year = int(m.group("year"))
    month = m.groupdict().get("month") or m.groupdict().get("month2")
    day = m.groupdict().get("day") or m.groupdict().get("day2")
    if month and day:
        value, datatype = f"{year}-{months[month]:02d}-{int(day):02d}", "date"
    elif month:
        value, datatype = f"{year}-{months[month]:02d}", "gYearMonth"
    else:
        value, datatype = str(year), "gYear"
    return When(m.start("when"), m.end("when"), phrase, value, datatype, year)


def _date() -> str:
    """A date as written, day first or month first: '3 May 2023', 'May 3, 2023', 'May 2023', '2023'.

    The two orders have groups of their own (a pattern names a group once); _when reads whichever matched.
    """
    months = _month_pattern()
    return (rf"(?:(?P<month2>{months})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
            rf"|(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?:(?P<month>{months})\.?\s+)?)(?P<year>{YEAR})")


def find_since(text: str) -> list[When]:
    """'since May 2023' -> 2023-05 (gYearMonth); 'since 2021' -> gYear; 'since 3 May 2023', 'since May 3, 2023' -> date."""
    pattern = re.compile(rf"\b[Ss]ince\s+(?P<when>{_date()})\b")
    return [_when(m, m.group("when")) for m in pattern.finditer(text)]


def relative_year(phrase: str, published: date | None) -> int | None:
    """'last year' -> the year before publication; None when the date is unknown or the phrase is no relative year."""
    m = re.search(rf"\b({'|'.join(RELATIVE_YEARS)}) year\b", phrase, re.IGNORECASE)
    return published.year + RELATIVE_YEARS[m.group(1).lower()] if m and published else None


def find_periods(text: str, published: date | None = None) -> list[When]:
    """Launch periods as written: 'late 2025', 'the first half of 2026', 'March 2026', 'on February 14, 2025',
    '2027' after 'in'/'by'; with a publication date also 'later this year', 'early next year'."""
    qualifiers = _alternation(lexicon().cue("period_qualifiers"))
    pattern = re.compile(rf"\b(?P<prep>in|from|by|during|for|around|at|on)\s+(?P<when>(?:(?:{qualifiers})[\s-]+)?{_date()})\b")
    periods = []
    for m in pattern.finditer(text):
        if m.group("prep") == "on" and not (m.group("day") or m.group("day2")):
            continue  # 'based on 2024 figures': 'on' opens a period only as a day
        phrase = re.sub(r"^the\s+", "", m.group("when"))
        if m.group("month") and not m.group("day") and phrase != f"{m.group('month')} {m.group('year')}":
            periods.append(When(m.start("when"), m.end("when"), phrase, m.group("year"), "gYear", int(m.group("year"))))
            continue
        periods.append(_when(m, phrase))
    relative = rf"\b(?P<when>(?:(?:{qualifiers}|later|earlier)[\s-]+)?{RELATIVE_YEAR})\b"
    for m in re.finditer(relative, text, re.IGNORECASE) if published else []:
        year = relative_year(m.group("when"), published)
        phrase = re.sub(r"^the\s+", "", m.group("when"))
        periods.append(When(m.start("when"), m.end("when"), phrase, str(year), "gYear", year))  # type: ignore[arg-type]
    return sorted(periods, key=lambda w: w.start)
