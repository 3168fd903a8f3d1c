"""`evkg build --watch` as a real process on a real folder: it builds on every change and stops cleanly."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.articles import write_articles
from evkg.graph import layout
from evkg.graph.build import build
from evkg.graph.watch import snapshot, tell_untold
from evkg.settings import load_settings
from test_build import EVKG, SEED

TIMEOUT = 240  # seconds for a build to show up: a loaded machine, real HermiT


def wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert process.poll() is None, f"the watcher ended while waiting for {what}"
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT} s"
        time.sleep(0.2)


def published_files(data: Path) -> set[str]:
    """The documents of the current build, once its manifest is there."""
    build = layout.current_build(data)
    if build is None or not layout.manifest_file(build).is_file():
        return set()
    return {entry["file"] for entry in json.loads(layout.manifest_file(build).read_text())["documents"]}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_the_watcher_builds_each_change_and_stops_cleanly(tmp_path: Path, signum: int) -> None:
    documents, data = tmp_path / "documents", tmp_path / "data"
    write_articles(documents, 6)
    log = tmp_path / "watch.log"  # a file, not a pipe: a child that outlives the watcher cannot hold its end open
    with log.open("w") as output_file:
        process = subprocess.Popen([str(EVKG), "build", "--watch", "--documents", str(documents), "--data",
                                    str(data)], stdout=output_file, stderr=subprocess.STDOUT, text=True)
    try:
        first = {path.name for path in documents.iterdir()}
        wait_for(lambda: published_files(data) == first, "first build", process)
        (documents / "seed.txt").write_text(SEED, encoding="utf-8")
        wait_for(lambda: "seed.txt" in published_files(data), "build with the new article", process)
        removed = sorted(first)[0]
        (documents / removed).unlink()
        wait_for(lambda: published_files(data) == first - {removed} | {"seed.txt"}, "build without it", process)
        process.send_signal(signum)
        process.wait(timeout=60)
    finally:
        process.kill()
        process.wait()
    output = log.read_text(encoding="utf-8")
    assert process.returncode == 0, output
    assert "after a change: 1 new or changed, 0 removed" in output and "after a change: 0 new or changed, 1 removed" \
        in output, output
    assert output.rstrip().splitlines()[-1].startswith("stopped watching"), output
    assert len({b.name for b in layout.builds(data)}) == 3


def test_a_snapshot_sees_new_changed_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / ".hidden").write_text("not a document")
    before = snapshot(tmp_path)
    assert before.keys() == {"a.txt"}
    (tmp_path / "a.txt").write_text("one more")
    assert snapshot(tmp_path) != before
    (tmp_path / "a.txt").unlink()
    assert snapshot(tmp_path) == {} == snapshot(tmp_path / "missing")


def test_a_build_published_as_the_stop_signal_came_is_still_told(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The signal can land after a build became current and before its line was written (a real race, seen on a
    loaded machine): the watcher tells it when it stops, once."""
    documents, data = tmp_path / "documents", tmp_path / "data"
    write_articles(documents, 2)
    report = build(documents, data, load_settings(environ={}))
    capsys.readouterr()
    tell_untold(data, {str(report.build_id)})
    assert capsys.readouterr().out == ""
    told: set[str] = set()
    tell_untold(data, told)
    assert capsys.readouterr().out.startswith(f"build {report.build_id} is now current (full")
    assert told == {report.build_id}
