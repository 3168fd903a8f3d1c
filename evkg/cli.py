"""The `evkg` command: one group, one subcommand per task, each delegating to its layer."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import click

from evkg import __version__
from evkg.settings import Settings, SettingsError, load_settings
from evkg.graph.formats import dump_formats

EXPORT_FORMATS = tuple(fmt.export for fmt in dump_formats())
DIR = click.Path(file_okay=False, path_type=Path)


def _layer(module: str, function: str) -> Callable[..., int]:
    """Import a layer's entry point only when its subcommand runs, so `--help` stays fast."""
    try:
        return getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as error:
        raise click.ClickException(f"{module}.{function} is not built yet ({error})") from error


def _settings(ctx: click.Context, **overrides: object) -> Settings:
    try:
        return load_settings(ctx.obj, **overrides)
    except (SettingsError, OSError) as error:
        raise click.ClickException(str(error)) from error


@click.group(name="evkg", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evkg")
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="TOML file of settings (also EVKG_CONFIG).")
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """evkg: a knowledge graph of the electric-vehicle industry, built from news documents.

    Settings come from defaults, then --config, then EVKG_* environment variables, then flags.
    """
    ctx.obj = config


@main.command()
@click.option("--documents", type=DIR, help="Folder of source documents [default: ./documents].")
@click.option("--data", type=DIR, help="Folder for the built graph [default: ./data].")
@click.option("--watch", is_flag=True, help="Stay running and build again whenever the documents folder changes "
              "(a few seconds for one article), until Ctrl-C or SIGTERM.")
@click.pass_context
def build(ctx: click.Context, documents: Path | None, data: Path | None, watch: bool) -> None:
    """Turn a folder of documents into the graph: store, dumps and build report."""
    settings = _settings(ctx, documents_dir=documents, data_dir=data)
    ctx.exit(_layer("evkg.graph.watch", "watch_command")(settings) if watch
             else _layer("evkg.graph.build", "build_command")(settings))


@main.command()
@click.option("--data", type=DIR, help="Folder of the built graph [default: ./data].")
@click.option("--store", metavar="URL", help="Query this external SPARQL endpoint (where `evkg push` loaded the "
              "build) instead of the local build.")
@click.option("--host", help="Address to listen on [default: 127.0.0.1].")
@click.option("--port", type=int, help="Port to listen on [default: 5000].")
@click.option("--workers", type=int, help="Server worker processes [default: 2].")
@click.pass_context
def serve(ctx: click.Context, data: Path | None, store: str | None, host: str | None, port: int | None,
          workers: int | None) -> None:
    """Serve the SPARQL endpoint, saved queries and web viewer under granian."""
    settings = _settings(ctx, data_dir=data, store=store, host=host, port=port, workers=workers)
    ctx.exit(_layer("evkg.service.server", "serve_command")(settings))


@main.command()
@click.option("--store", metavar="URL", help="SPARQL query endpoint of the store (also EVKG_STORE).")
@click.option("--graph-store", metavar="URL", help="Its Graph Store Protocol endpoint; without one, graphs go by "
              "SPARQL Update.")
@click.option("--update", metavar="URL", help="Its SPARQL Update endpoint [default: the store URL].")
@click.option("--data", type=DIR, help="Folder of the built graph [default: ./data].")
@click.pass_context
def push(ctx: click.Context, store: str | None, graph_store: str | None, update: str | None,
         data: Path | None) -> None:
    """Load the current build into an external SPARQL store, replacing the previous push atomically.

    Credentials come from store_user / store_password (EVKG_STORE_USER, EVKG_STORE_PASSWORD).
    """
    settings = _settings(ctx, store=store, graph_store=graph_store, store_update=update, data_dir=data)
    if not settings.store:
        raise click.UsageError("give the store's SPARQL endpoint: --store URL (or EVKG_STORE)")
    ctx.exit(_layer("evkg.graph.push", "push_command")(settings))


@main.command()
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A query parameter; repeatable.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="How to print the results.")
@click.option("--data", type=DIR, help="Folder of the built graph [default: ./data].")
@click.pass_context
def query(ctx: click.Context, name_or_file: str, params: tuple[str, ...], output_format: str,
          data: Path | None) -> None:
    """Run a saved query (a name from queries/ or a .rq file) against the built graph."""
    settings = _settings(ctx, data_dir=data)
    ctx.exit(_layer("evkg.service.cli_query", "query_command")(settings, name_or_file, params, output_format))


@main.command()
@click.option("--data", type=DIR, help="Folder of the built graph [default: ./data].")
@click.pass_context
def validate(ctx: click.Context, data: Path | None) -> None:
    """Check ontology and built graph: HermiT reasoning (owlready2) and the SHACL shapes."""
    settings = _settings(ctx, data_dir=data)
    ctx.exit(_layer("evkg.graph.cli_validate", "validate_command")(settings))


@main.command()
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), required=True,
              help="RDF syntax of the export.")
@click.option("--data", type=DIR, help="Folder of the built graph [default: ./data].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write [default: standard output].")
@click.pass_context
def export(ctx: click.Context, export_format: str, data: Path | None, output: Path | None) -> None:
    """Write the built graph in one RDF syntax (trig and nquads keep the named graphs)."""
    settings = _settings(ctx, data_dir=data)
    ctx.exit(_layer("evkg.graph.export", "export_command")(settings, export_format, output))
