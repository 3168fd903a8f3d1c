"""A build published before its dumps (graph.pending_dumps): meanwhile no dump is offered, then its own ones are."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from conftest import BuildData, make_settings
from evkg.graph import layout, pending_dumps
from evkg.graph.formats import dump_formats
from evkg.graph.statistics import BuildStatistics

DUMP_NAMES = {layout.dump_file(Path("."), fmt.extension).name for fmt in dump_formats()}


def test_dumps_appear_with_their_own_facts_once_written(built_data_dir: BuildData,
                                                        app_factory: Callable[..., Flask]) -> None:
    data = built_data_dir()
    build = layout.current_build(data)
    written = BuildStatistics.read(build)
    dataclasses.replace(written, dumps={}).write(build)  # as a build after a change is published
    shutil.rmtree(layout.dumps_path(build))
    client = app_factory(make_settings(data)).test_client()

    page = client.get("/downloads").get_data(as_text=True)
    assert "are still being written" in page and not any(name in page for name in DUMP_NAMES)
    pending = client.get("/downloads/evkg.nt")
    assert pending.status_code == 503 and pending.headers["Retry-After"].isdigit()
    assert client.get("/downloads/evkg.unknown").status_code == 404
    void = client.get("/.well-known/void", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert "void#evkg" in void and "/downloads/evkg." not in void and "/downloads/evkg-ontology.ttl" in void

    pending_dumps.complete(build)
    page = client.get("/downloads").get_data(as_text=True)
    assert "are still being written" not in page
    for name in DUMP_NAMES:
        path = layout.dumps_path(build) / name
        response = client.get(f"/downloads/{name}")
        body = response.get_data()
        response.close()
        assert response.status_code == 200 and body == path.read_bytes()
        assert response.headers["ETag"].strip('"') == hashlib.sha256(body).hexdigest()
        assert f"{path.stat().st_size}" in page
    void = client.get("/.well-known/void", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert "/downloads/evkg.nt>" in void
    assert BuildStatistics.read(build).triples == written.triples
