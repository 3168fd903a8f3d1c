"""Precision and recall of extract() on a folder of NAME.txt + NAME.expected.json, printed as a table.

Run: .venv/bin/python -m bench.extraction_quality [-v] [FOLDER]   (-v lists the missed and spurious facts)

FOLDER defaults to tests/articles, the articles the extractor was developed on (its tests hold
them to a floor). bench/heldout holds articles written to measure it and never used to tune it:
their figures are the honest estimate for unseen text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from evkg.settings import load_settings
from evkg.graph.documents import read_document
from evkg.graph.evaluation import Score, score
from evkg.graph.extract import extract

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "articles"


def scores(folder: Path = ARTICLES) -> dict[str, Score]:
    """The score of every article that has an expected-facts file."""
    result = {}
    for expected in sorted(folder.glob("*.expected.json")):
        article = expected.with_name(expected.name.replace(".expected.json", ".txt"))
        doc = read_document(article, load_settings(environ={}).max_document_size, [])  # as the build reads it
        result[expected.name.removesuffix(".expected.json")] = score(extract(doc.text, doc.published),
                                                                     json.loads(expected.read_text("utf-8")))
    return result


def main(verbose: bool, folder: Path) -> None:
    results = scores(folder)
    print(f"{'article':28} {'expected':>8} {'found':>6} {'correct':>7} {'precision':>9} {'recall':>7} {'traps hit':>9}")
    for name, s in results.items():
        print(f"{name:28} {s.expected:8} {s.found:6} {s.true_positives:7} {s.precision:9.2f} {s.recall:7.2f} {len(s.traps):9}")
        if verbose:
            for miss in s.missed:
                print("    missed  ", miss)
            for extra in s.spurious:
                print("    spurious", [sorted(e)[0] if isinstance(e, frozenset) else e for e in extra])
            for trap in s.traps:
                print("    TRAP    ", trap)
    total = Score(sum(s.expected for s in results.values()), sum(s.found for s in results.values()),
                  sum(s.true_positives for s in results.values()),
                  [m for s in results.values() for m in s.missed], [], [t for s in results.values() for t in s.traps])
    print(f"{'ALL':28} {total.expected:8} {total.found:6} {total.true_positives:7} {total.precision:9.2f} "
          f"{total.recall:7.2f} {len(total.traps):9}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "-v"]
    main("-v" in sys.argv, Path(arguments[0]) if arguments else ARTICLES)
