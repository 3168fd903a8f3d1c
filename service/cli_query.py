"""`evkg query`: run a saved query against the current build, through the same engine as the server."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib.term import Node

from evkg.settings import Settings
from evkg.graph.formats import RESULTS, find, formats
from evkg.service.engine import Engine, EngineError
from evkg.service.saved_queries import ParameterError, QueryFileError, SavedQuery, load_query


def query_command(settings: Settings, name_or_file: str, params: tuple[str, ...], output_format: str) -> int:
    """Print the results as a table, SPARQL JSON or SPARQL CSV; errors become a message and exit code 1."""
    query = _find(settings.queries_dir, name_or_file)
    try:
        bindings = query.bind(_pairs(params))
    except ParameterError as error:
        raise click.UsageError(str(error)) from error
    engine = Engine(settings)
    try:
        if output_format == "table":
            result = engine.select(query.text, bindings)
            click.echo(render_table(result.variables, result.rows))
            truncated = result.truncated
        else:
            chosen = find(formats(RESULTS), output_format)  # one of click's choices, so always found
            body, _, truncated = engine.serialize(query.text, chosen.media_type, bindings)
            click.echo(body.decode("utf-8"), nl=False)
    except EngineError as error:
        raise click.ClickException(error.message) from error
    finally:
        engine.close()
    if truncated:
        click.echo(f"(results cut at max_rows = {settings.max_rows})", err=True)
    return 0


def _find(queries_dir: Path, name_or_file: str) -> SavedQuery:
    """A .rq path as given, or the saved query of that name in the queries folder."""
    path = Path(name_or_file)
    if path.suffix != ".rq":
        path = Path(queries_dir) / f"{name_or_file}.rq"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in Path(queries_dir).glob("*.rq")))
            raise click.UsageError(f"no saved query named {name_or_file!r}; known: {known}")
    try:
        return load_query(path)
    except QueryFileError as error:
        raise click.ClickException(f"{path}: {error}") from error


def _pairs(params: tuple[str, ...]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param takes NAME=VALUE, not {param!r}")
        pairs[key] = value
    return pairs


def render_table(variables: list[str], rows: list[dict[str, Node]]) -> str:
    """Aligned plain-text columns, one line per row, and the row count."""
    cells = [[str(row[name]) if name in row else "" for name in variables] for row in rows]
    widths = [max([len(name)] + [len(line[i]) for line in cells]) for i, name in enumerate(variables)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(variables, widths)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip() for line in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines)
