"""The JSON files of a build (report, manifest, statistics), laid out for people and written fast.

json's C encoder runs only without indentation: `indent=2` falls back to pure Python, which took most of a
build after a one-article change at 4,000 documents. Here the top level and its lists and objects are
indented, one item per line, and every item is written by the C encoder: as readable, and as easy to grep.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def readable(data: dict[str, Any]) -> str:
    """`data` as JSON text: one top-level key per line, and one item per line in a list or object under it."""
    lines = [f"  {json.dumps(key)}: {_container(value)}" for key, value in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _container(value: Any) -> str:
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(f"    {_compact(item)}" for item in value) + "\n  ]"
    if isinstance(value, dict) and value:
        return "{\n" + ",\n".join(f"    {json.dumps(key)}: {_compact(item)}" for key, item in value.items()) + "\n  }"
    return _compact(value)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write(path: Path, data: dict[str, Any]) -> None:
    """Replace the file in one rename: a reader (the service, a build after a change) never sees half of it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(readable(data), encoding="utf-8")
    os.replace(temporary, path)
