"""`evkg validate`: the current build's union dump checked by ontology.validate, its report printed; a build
published before its dumps (graph.pending_dumps) gets them first."""

from __future__ import annotations

import click

from evkg.settings import Settings
from evkg.graph import pending_dumps
from evkg.graph.layout import current_build, dump_file, statistics_file
from evkg.ontology.validate import ReasonerUnavailable, validate


def validate_command(settings: Settings) -> int:
    """`evkg validate`: check the current build's union dump; exit 0 only if consistent and conforming."""
    data_dir = settings.data_dir
    build = current_build(data_dir)
    if build is None:
        click.echo(f"error: no build in {data_dir}; run `evkg build` first", err=True)
        return 1
    dump = dump_file(build, "nt")
    if not dump.is_file() and statistics_file(build).is_file():
        pending_dumps.complete(build)  # a build after a change is published before its dumps are written
    if not dump.is_file():
        click.echo(f"error: the build {build.name} has no N-Triples dump ({dump})", err=True)
        return 1
    try:
        report = validate([dump])
    except ReasonerUnavailable as error:
        click.echo(f"error: {error}", err=True)
        return 1
    click.echo(str(report))
    return 0 if report.ok else 1
