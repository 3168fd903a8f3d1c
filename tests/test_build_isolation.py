"""One bad document never stops a build: it is set aside with its error, and the rest is published."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pyoxigraph import NamedNode

from evkg.cli import main
from graph import layout
from graph.iris import RESOURCE
from graph.store import open_read_only
from test_build import corpus

RENAULT_5 = """Over two million units of the first Renault 5 were sold between 1972 and 1985.

The Renault 5 now makes up half of the cars built at the plant.

The production of the 50,000th Renault 5 E-Tech electric in Douai was celebrated on Monday.
"""
BRAND = NamedNode("https://w3id.org/evkg/ontology#brand")


def test_the_renault_5_reproduction_builds_and_keeps_the_generations_apart(tmp_path: Path) -> None:
    documents, data = corpus(tmp_path / "documents", renault=RENAULT_5), tmp_path / "data"
    result = CliRunner().invoke(main, ["build", "--documents", str(documents), "--data", str(data)])
    assert result.exit_code == 0, result.output
    store = open_read_only(layout.current_build(data))
    brands = {(quad.subject.value, quad.object.value) for quad in store.quads_for_pattern(None, BRAND, None)}
    assert brands == {(f"{RESOURCE}model/renault-5", f"{RESOURCE}brand/renault"),
                      (f"{RESOURCE}model/renault-5-e-tech", f"{RESOURCE}brand/renault")}
