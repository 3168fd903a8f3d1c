"""`evkg push`: load the current build into an external SPARQL store, replacing the previous push atomically.

Every graph goes under the new push's names (graph.published) in chunks of N-Triples, by the Graph
Store Protocol (PUT the first chunk, POST the rest) or, without a Graph Store endpoint, by SPARQL
Update (INSERT). Then the one-triple `current` graph is replaced: the switch. Servers re-read it
every `store_refresh_seconds`, so the previous push is dropped only after that and a query's time
limit have passed. A push that fails before the switch removes what it wrote and leaves the
previous build served.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from tqdm import tqdm

from evkg.settings import Settings
from evkg.graph import layout, pending_dumps
from evkg.graph.formats import SPARQL_JSON
from evkg.graph.published import BUILDS_PREFIX, CURRENT_GRAPH, CURRENT_QUERY, PushedBuild, new_push, physical, read_json
from evkg.graph.statistics import BuildStatistics
from evkg.graph.store import open_read_only
from evkg.graph.store_client import StoreClient, StoreError

GRAPH_STORE_CHUNK = 100_000  # triples per PUT or POST
UPDATE_CHUNK = 5_000  # triples per INSERT: stores parse an update as one text
LEFTOVERS_QUERY = f"""SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BUILDS_PREFIX}"))
}}"""


class PushError(Exception):
    """Nothing to push, or the store's answers make no sense; `message` is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Writer(Protocol):
    """How whole graphs reach the store."""

    chunk: int

    def replace(self, graph: str, triples: list[ox.Triple]) -> None: ...

    def add(self, graph: str, triples: list[ox.Triple]) -> None: ...

    def drop(self, graph: str) -> None: ...


class GraphStoreWriter:
    """SPARQL 1.1 Graph Store HTTP Protocol: PUT replaces a graph, POST adds to it, DELETE drops it."""

    chunk = GRAPH_STORE_CHUNK

    def __init__(self, client: StoreClient) -> None:
        self.client = client

    def replace(self, graph: str, triples: list[ox.Triple]) -> None:
        self.client.put_graph(graph, _ntriples(triples))

    def add(self, graph: str, triples: list[ox.Triple]) -> None:
        self.client.post_graph(graph, _ntriples(triples))

    def drop(self, graph: str) -> None:
        self.client.delete_graph(graph)


class UpdateWriter:
    """SPARQL 1.1 Update, for stores without a Graph Store endpoint."""

    chunk = UPDATE_CHUNK

    def __init__(self, client: StoreClient) -> None:
        self.client = client

    def replace(self, graph: str, triples: list[ox.Triple]) -> None:
        self.client.update(f"DROP SILENT GRAPH <{graph}> ;\n" + _insert(graph, triples))

    def add(self, graph: str, triples: list[ox.Triple]) -> None:
        self.client.update(_insert(graph, triples))

    def drop(self, graph: str) -> None:
        self.client.update(f"DROP SILENT GRAPH <{graph}>")


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _insert(graph: str, triples: list[ox.Triple]) -> str:
    """INSERT DATA, except for triples with blank nodes: Virtuoso refuses those in INSERT DATA, so they go in
    an INSERT template (fresh nodes, one per label, as in a Graph Store PUT); Virtuoso compiles a template
    into SQL, too slowly for the other triples."""
    blank = [triple for triple in triples if _has_blank(triple)]
    ground = [triple for triple in triples if not _has_blank(triple)]
    operations = [f"INSERT {{ GRAPH <{graph}> {{\n{_ntriples(blank).decode('utf-8')}}} }} WHERE {{}}"] if blank else []
    if ground or not blank:
        operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{_ntriples(ground).decode('utf-8')}}} }}")
    return " ;\n".join(operations)


def push_command(settings: Settings) -> int:
    """Push the current build of `settings.data_dir` to `settings.store`; 1 with a message when it fails."""
    client = StoreClient(settings.store, settings.graph_store, settings.store_user, settings.store_password,
                         update_url=settings.store_update)
    writer: Writer = GraphStoreWriter(client) if settings.graph_store else UpdateWriter(client)
    try:
        pushed = push(settings.data_dir, client, writer, grace=settings.store_refresh_seconds + settings.query_timeout)
    except (StoreError, PushError) as error:
        print(f"evkg push failed: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:  # the build's store or files could not be read
        print(f"evkg push failed: {error}", file=sys.stderr)
        return 1
    finally:
        client.close()
    print(f"pushed build {pushed.build_id} ({len(pushed.graphs) + 1} graphs) as {pushed.push}")
    return 0


def push(data_dir: Path, client: StoreClient, writer: Writer, grace: float) -> PushedBuild:
    """Write the build's graphs under a new push name, switch `current` to it, then drop older pushes."""
    build = layout.current_build(data_dir)
    if build is None:
        raise PushError(f"no build in {data_dir}: run `evkg build` first")
    previous = current_push(client)
    prefix = new_push(build.name)
    written: list[str] = []
    try:
        pushed = _write_build(build, prefix, writer, written)
        written.append(prefix + "manifest")
        writer.replace(prefix + "manifest", [quad.triple for quad in pushed.manifest_triples()])
        writer.replace(CURRENT_GRAPH, [pushed.switch_triple()])
    except BaseException:
        _remove_unless_served(client, writer, prefix, written)
        raise
    if previous is not None:
        print(f"waiting {grace:g} s for servers to switch before dropping the previous build", file=sys.stderr)
        time.sleep(grace)
    for graph in _older_graphs(client, prefix):
        writer.drop(graph)
    return pushed


def current_push(client: StoreClient) -> str | None:
    """The push the store serves now, or None before the first."""
    body, _ = client.query(CURRENT_QUERY, SPARQL_JSON.media_type)
    try:
        rows = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    except SyntaxError as error:
        raise PushError(f"the store's answer to a SELECT query is not SPARQL JSON: {error}") from error
    return rows[0]["push"].value if rows else None


def _write_build(build: Path, prefix: str, writer: Writer, written: list[str]) -> PushedBuild:
    pending_dumps.complete(build)  # the pushed statistics name the build's dumps
    statistics = BuildStatistics.read(build)
    store = open_read_only(build)
    graphs: dict[str, str] = {}
    sources: list[tuple[ox.NamedNode | ox.DefaultGraph, str, int]] = [
        (ox.DefaultGraph(), physical(prefix, None), statistics.triples)]
    for graph in sorted(store.named_graphs(), key=lambda node: node.value):
        graphs[graph.value] = physical(prefix, graph.value)
        sources.append((graph, graphs[graph.value], statistics.graphs.get(graph.value, 0)))
    for source, target, total in sources:
        written.append(target)
        label = "default graph" if isinstance(source, ox.DefaultGraph) else source.value
        _send(store, source, target, writer, tqdm(total=total, desc=label, unit=" triples", file=sys.stderr))
    return PushedBuild(prefix, build.name, physical(prefix, None), graphs,
                       read_json(layout.statistics_file(build)), read_json(layout.manifest_file(build)))


def _send(store: ox.Store, source: ox.NamedNode | ox.DefaultGraph, target: str, writer: Writer, bar: tqdm) -> None:
    """One graph in chunks: the first replaces the target, the others add to it."""
    with bar:
        first = True
        for chunk in _chunks(_blank_nodes_first(store, source), writer.chunk):
            (writer.replace if first else writer.add)(target, chunk)
            first = False
            bar.update(len(chunk))
        if first:
            writer.replace(target, [])


def _blank_nodes_first(store: ox.Store, source: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Triple]:
    """Triples with a blank node come first, so they all land in the first chunk: a blank node's label means
    the same node only within one request."""
    blank = [quad.triple for quad in store.quads_for_pattern(None, None, None, source) if _has_blank(quad)]
    yield from blank
    yield from (quad.triple for quad in store.quads_for_pattern(None, None, None, source) if not _has_blank(quad))


def _has_blank(statement: ox.Quad | ox.Triple) -> bool:
    return isinstance(statement.subject, ox.BlankNode) or isinstance(statement.object, ox.BlankNode)


def _chunks(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """`size` triples at a time, except that every leading blank-node triple stays in the first chunk."""
    chunk: list[ox.Triple] = []
    for triple in triples:
        if len(chunk) >= size and not _has_blank(triple):
            yield chunk
            chunk = []
        chunk.append(triple)
    if chunk:
        yield chunk


def _remove_unless_served(client: StoreClient, writer: Writer, prefix: str, written: list[str]) -> None:
    """After a failure: drop this push's graphs, unless the switch went through after all."""
    try:
        if current_push(client) == prefix:
            return
        for graph in written:
            writer.drop(graph)
    except (StoreError, PushError):
        pass  # the store is failing: what was written stays unused, and the next push drops it


def _older_graphs(client: StoreClient, prefix: str) -> list[str]:
    """Graphs of earlier pushes, including what failed or interrupted pushes left behind."""
    body, _ = client.query(LEFTOVERS_QUERY, SPARQL_JSON.media_type)
    names = [row["g"].value for row in ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)]
    return sorted(name for name in names if not name.startswith(prefix))
