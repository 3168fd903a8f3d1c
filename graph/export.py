"""`evkg export`: the current build's graph in one RDF syntax, to a file or standard output."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evkg.settings import Settings
from graph import layout
from graph.dumps import EXPORT_EXTENSIONS, write_dump
from graph.store import open_read_only


def export_command(settings: Settings, fmt: str, output: Path | None) -> int:
    """Serialise from the current build's store; a one-line error and exit 1 when there is no build."""
    build = layout.current_build(settings.data_dir)
    if build is None:
        click.echo(f"evkg export: no graph built in {settings.data_dir} yet (run `evkg build` first)", err=True)
        return 1
    store = open_read_only(build)
    if output is None:
        write_dump(store, EXPORT_EXTENSIONS[fmt], sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        temporary = output.with_name(f".{output.name}.partial")
        write_dump(store, EXPORT_EXTENSIONS[fmt], temporary)
        temporary.replace(output)
        click.echo(f"wrote {output} ({fmt})", err=True)
    return 0
