"""Every bench that runs the saved queries takes their parameter values from one place (bench.parameters): a saved
query that gains a parameter must get a value there, or `make bench` stops at it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bench.parameters import choose_values
from evkg.graph.layout import current_build, store_path
from evkg.service.saved_queries import load_catalog
from evkg.settings import load_settings


def test_every_saved_query_parameter_gets_a_value_on_the_seed(seed_data: Path) -> None:
    values = choose_values(ox.Store.read_only(str(store_path(current_build(seed_data)))))
    catalog = load_catalog(load_settings(environ={}).queries_dir)
    wanted = {p.name for query in catalog.queries.values() for p in query.parameters}
    assert wanted <= values.keys(), sorted(wanted - values.keys())
