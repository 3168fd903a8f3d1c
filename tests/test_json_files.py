"""A build's JSON files: the same data json.loads reads back, one list item or object entry per line."""

from __future__ import annotations

import json
from pathlib import Path

from evkg.graph.json_files import readable, write


def test_the_text_reads_back_as_the_same_data_with_one_item_per_line(tmp_path: Path) -> None:
    data = {"ok": True, "documents": [{"file": "a.txt", "facts": ["x y z", "é"]}, {"file": "b.txt", "facts": []}],
            "graphs": {"https://example.org/g1": 3, "https://example.org/g2": 4}, "empty": [], "none": None}
    text = readable(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    assert '    {"file": "a.txt", "facts": ["x y z", "é"]},' in lines
    assert '    "https://example.org/g2": 4' in lines
    write(tmp_path / "report.json", data)
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == data
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]  # no temporary file left
