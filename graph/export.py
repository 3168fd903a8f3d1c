"""`evkg export`: the current build's graph in one RDF syntax, to a file or standard output.

The build has already written every format as a dump; export hands out that file, byte for byte the
one `/downloads` serves.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from evkg.settings import Settings
from evkg.graph import layout, pending_dumps
from evkg.graph.formats import dump_formats


def export_command(settings: Settings, fmt: str, output: Path | None) -> int:
    """Copy out the current build's dump; a one-line error and exit 1 when there is no build."""
    build = layout.current_build(settings.data_dir)
    if build is None:
        click.echo(f"evkg export: no graph built in {settings.data_dir} yet (run `evkg build` first)", err=True)
        return 1
    pending_dumps.complete(build)  # a build published before its dumps: wait for them (or write them)
    dump = layout.dump_file(build, next(dumped.extension for dumped in dump_formats() if dumped.export == fmt))
    if output is None:
        with dump.open("rb") as source:
            shutil.copyfileobj(source, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        temporary = output.with_name(f".{output.name}.partial")
        shutil.copyfile(dump, temporary)
        temporary.replace(output)
        click.echo(f"wrote {output} ({fmt})", err=True)
    return 0
