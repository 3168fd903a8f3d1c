"""Synthetic news articles of the corpus's genre, from templates: many companies, plants, numbers and currencies."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MAKERS = {
    "Renault": "France", "Nissan": "Japan", "Volkswagen": "Germany", "Stellantis": "Netherlands",
    "BMW": "Germany", "Toyota": "Japan", "Hyundai": "South Korea", "Kia": "South Korea", "Ford": "United States",
    "Volvo": "Sweden", "Skoda": "Czech Republic", "BYD": "China", "Mercedes-Benz": "Germany",
}
SITES = [
    ("Zwickau", "Germany"), ("Emden", "Germany"), ("Sunderland", "United Kingdom"), ("Valenciennes", "France"),
    ("Maubeuge", "France"), ("Mladá Boleslav", "Czech Republic"), ("Georgetown", "United States"),
    ("Chennai", "India"), ("Ulsan", "South Korea"), ("Gothenburg", "Sweden"), ("Kecskemét", "Hungary"),
    ("Martorell", "Spain"), ("Szeged", "Hungary"), ("Tangier", "Morocco"), ("Chattanooga", "United States"),
    ("Halewood", "United Kingdom"), ("Hefei", "China"), ("Nagoya", "Japan"), ("Melfi", "Italy"), ("Trnava", "Slovakia"),
]
# model names are the maker's own (four each), as in the trade: no two makers sell a model of the same name
MODEL_WORDS = [
    "Aurora", "Vela", "Horizon", "Lumen", "Terra", "Nova", "Stratus", "Aria", "Pulse", "Orbit", "Sierra", "Helix",
    "Zenith", "Breeze", "Atlas", "Comet", "Delta", "Ember", "Fjord", "Glide", "Halo", "Iris", "Juno", "Kestrel",
    "Lyra", "Mistral", "Nimbus", "Onyx", "Polaris", "Quasar", "Rigel", "Solace", "Tundra", "Umbra", "Vesta",
    "Willow", "Xenon", "Yukon", "Zephyr", "Alto", "Bora", "Cirrus", "Dune", "Etna", "Flux", "Gale", "Haven",
    "Indigo", "Jade", "Koru", "Lotus", "Mira", "Nexa", "Opal", "Prism", "Quill",
]
PLATFORMS = ["MEB", "STLA Medium", "CMF-EV", "E-GMP", "e-TNGA", "AmpR Small", "Neue Klasse", "SEA", "PPE", "e-Platform 3.0"]
# symbol, ISO code, how the amount is written
CURRENCIES = [("€", "EUR"), ("£", "GBP"), ("$", "USD"), ("¥", "JPY"), ("₩", "KRW")]
BODY = ["SUV", "hatchback", "saloon", "crossover", "estate", "van"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
HEDGES = ["approximately ", "about ", "some ", "nearly ", ""]
PERIODS = ["early ", "mid-", "late ", "the first half of ", "the second half of "]

TEMPLATES = [
    "{maker} has confirmed a {money} investment in its {plant}, in {city}, {country}, to prepare the site for a new "
    "generation of electric vehicles. The plant, which builds the {model1} and the {model2} on the {platform} "
    "platform, produced {h1}{units1:,} units in {year1}, up from {h0}{units0:,} units in {year0}.\n"
    "Since {month} {since}, the {plant} has been fully dedicated to electric vehicle production. The {model3}, a "
    "fully electric {body}, is scheduled to reach European markets in {period}{launch}.\n"
    "Local officials welcomed the news, noting that the site celebrated its {milestone:,}th car since launch last "
    "week and now builds around {weekly:,} vehicles a week.",

    "The {plant} in {city} is at the heart of {maker}'s electric strategy. Output reached {h1}{units1:,} units in "
    "{year1}, according to the company, which plans to invest a further {money} in new battery assembly lines.\n"
    "The factory uses the {platform} platform and produces the {model1}, the {model2} and, from {period}{launch}, "
    "the {model3}. Its capacity is {capacity:,} vehicles a year, a target the company expects to reach next year.\n"
    "{maker} chief executive officers visited the {plant} in {month} {since}.",

    "{maker} said on Tuesday that the {model1} will be built at its {plant} in {country} alongside the {model2}. "
    "The {city} site made {h1}{units1:,} cars in {year1} and {h0}{units0:,} in {year0}.\n"
    "A {money} programme, announced in {since}, has turned the plant into one of the most modern EV factories in "
    "Europe, with the {platform} platform shared by all three models, including the upcoming {model3} {body}.",
]


REVISED_ONE_IN = 20  # one article in 20 restates a figure another article gives differently
UNDATED_ONE_IN = 10  # one in 10 has no date in its front matter


@dataclass(frozen=True)
class Article:
    """One generated article: its file name and text."""

    name: str
    text: str


def _money(rng: random.Random) -> str:
    symbol, code = rng.choice(CURRENCIES)
    if code in ("JPY", "KRW"):
        return f"{symbol}{rng.randint(20, 900)} billion"
    amount = rng.choice([f"{rng.randint(50, 950)} million", f"{rng.randint(1, 4)}.{rng.randint(1, 9)} billion",
                         f"{rng.randint(1, 3)}bn"])
    return f"{symbol}{amount}"


def _stable(key: str, low: int, high: int) -> int:
    """A number fixed by its key, so that articles about the same plant or model never contradict each other."""
    return random.Random(key).randint(low, high)


def article(index: int, rng: random.Random) -> Article:
    """The index-th article; the same seed always gives the same corpus."""
    maker = rng.choice(list(MAKERS))
    city, country = rng.choice(SITES)
    first = 4 * list(MAKERS).index(maker)
    words = rng.sample(MODEL_WORDS[first:first + 4], 3)
    year0 = rng.randint(2018, 2024)
    plant = f"{maker} {city} Plant"
    values = {
        "maker": maker, "city": city, "country": country, "plant": plant,
        "model1": f"{maker} {words[0]} EV", "model2": f"{maker} {words[1]} E", "model3": f"{maker} {words[2]}",
        "platform": rng.choice(PLATFORMS), "money": _money(rng),
        "year0": year0, "year1": year0 + 1,
        "h0": HEDGES[_stable(f"{plant} {year0} hedge", 0, len(HEDGES) - 1)],
        "h1": HEDGES[_stable(f"{plant} {year0 + 1} hedge", 0, len(HEDGES) - 1)],
        "units0": _stable(f"{plant} {year0}", 20_000, 250_000), "units1": _stable(f"{plant} {year0 + 1}", 20_000, 250_000),
        "month": MONTHS[_stable(f"{plant} month", 0, 11)], "since": _stable(f"{plant} since", 2015, 2024),
        "period": PERIODS[_stable(f"{maker} {words[2]} period", 0, len(PERIODS) - 1)],
        "launch": _stable(f"{maker} {words[2]} launch", 2025, 2028),
        "milestone": rng.randint(100, 900) * 1000, "weekly": rng.randint(500, 6000),
        "capacity": rng.randint(200, 600) * 1000, "body": BODY[_stable(f"{maker} {words[2]} body", 0, len(BODY) - 1)],
    }
    if _stable(f"{index} revised", 0, REVISED_ONE_IN - 1) == 0:  # a restated figure: sources now disagree
        values["units1"] += _stable(f"{index} revision", -3000, 3000) or 1
    return Article(f"bench-{index:04d}-{maker.lower()}-{city.lower()}.txt",
                   _front_matter(index, values["year1"]) + rng.choice(TEMPLATES).format(**values) + "\n")


def _front_matter(index: int, year: int) -> str:
    """A publication date in the year after the latest figure, for most articles; the others are undated."""
    if _stable(f"{index} undated", 0, UNDATED_ONE_IN - 1) == 0:
        return ""
    day = _stable(f"{index} day", 0, 364)
    return f"---\ndate: {date(year + 1, 1, 1) + timedelta(days=day)}\n---\n"


def write_articles(folder: Path, count: int, seed: int = 2025) -> list[Path]:
    """Write `count` articles into the folder and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        item = article(index, rng)
        path = folder / item.name
        path.write_text(item.text, encoding="utf-8")
        paths.append(path)
    return paths
