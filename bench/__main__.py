"""Build benchmark: generate articles, build them, and compare with baselines measured in the same run.

    python -m bench [--articles 1000] [--keep]

Figures: documents per second of a full build, peak memory (this process and its children, i.e. the
HermiT JVM), and as ratios: the full build against a second build with nothing changed (every
extraction cached) and against extraction alone. Then one article added, changed and removed, each
published by a build after a change (graph.incremental) in a process that keeps its memory between
builds as `evkg build --watch` does, and the same addition by a one-off `evkg build` process: seconds
until the new build is current, and until its dumps are written. The machine's load (`uptime`) is
recorded beside the figures. JSON goes to bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.articles import write_articles
from evkg.settings import load_settings
from evkg.graph import layout
from evkg.graph.build import build
from evkg.graph.documents import scan_documents
from evkg.graph.extract import extract
from evkg.graph.incremental import Memory

RESULTS = Path(__file__).resolve().parent / "results"


def peak_rss_mib(who: int) -> float:
    """Peak resident memory so far (Linux reports KiB)."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def timed_build(documents: Path, data: Path, memory: Memory | None = None) -> tuple[float, dict]:
    settings = load_settings(environ={})
    started = time.perf_counter()
    report = build(documents, data, settings, memory)
    seconds = time.perf_counter() - started
    if not report.ok:
        sys.exit("benchmark build failed:\n" + "\n".join(report.problems[:20]))
    return seconds, report.manifest()


def after_changes(documents: Path, data: Path, held_out: Path, text: str, memory: Memory) -> dict:
    """One article added, changed and removed in a warm builder (`memory` kept since the full build, as in
    `evkg build --watch`), then added again by a one-off `evkg build` process: seconds until published and until
    the dumps are written, and the build's mode."""
    figures = {}
    steps = [("add", lambda: held_out.write_text(text, encoding="utf-8")),
             ("change", lambda: held_out.write_text(text.replace("0", "5"), encoding="utf-8")),
             ("remove", held_out.unlink)]
    for name, step in steps:
        step()
        started = time.perf_counter()
        seconds, manifest = timed_build(documents, data, memory)
        assert memory.dump_writer is not None
        memory.dump_writer.wait()
        figures[name] = {"seconds_to_publish": round(seconds, 2), "seconds_to_dumps": round(
            time.perf_counter() - started, 2), "mode": manifest["mode"], "phases": manifest["phases"]}
    held_out.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("evkg")), "build", "--documents", str(documents), "--data",
                    str(data)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = json.loads(layout.manifest_file(layout.current_build(data)).read_text(encoding="utf-8"))
    figures["add, one-off process"] = {"seconds_to_publish": manifest["seconds"], "seconds_to_dumps": round(
        time.perf_counter() - started, 2), "mode": manifest["mode"], "phases": manifest["phases"]}
    return figures


def run(count: int, work: Path) -> dict:
    """One benchmark run in a scratch folder; returns the figures."""
    documents, data = work / "documents", work / "data"
    written = write_articles(documents, count + 1)
    held_out, held_text = written[-1], written[-1].read_text(encoding="utf-8")
    held_out.unlink()
    memory = Memory()
    full_seconds, full = timed_build(documents, data, memory)
    peak_self, peak_children = peak_rss_mib(resource.RUSAGE_SELF), peak_rss_mib(resource.RUSAGE_CHILDREN)
    cached_seconds, cached = timed_build(documents, data, memory)
    if memory.dump_writer is not None:
        memory.dump_writer.wait()
    texts = [document.text for document in scan_documents(documents, load_settings(environ={}).max_document_size).documents]
    started = time.perf_counter()
    for text in texts:
        extract(text)
    extract_seconds = time.perf_counter() - started
    built = len(full["documents"])
    changes = after_changes(documents, data, held_out, held_text, memory)
    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "load_average": os.getloadavg(),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "articles": count,
        "documents_built": built,
        "skipped": full["skipped"],
        "triples": full["triples"],
        "quads": full["quads"],
        "full_build": {"seconds": round(full_seconds, 2), "documents_per_second": round(built / full_seconds, 1),
                       "phases": full["phases"]},
        "cached_build": {"seconds": round(cached_seconds, 2), "mode": cached["mode"], "phases": cached["phases"]},
        "extraction_alone": {"seconds": round(extract_seconds, 2),
                             "documents_per_second": round(built / extract_seconds, 1)},
        "peak_memory_mib": {"build_process": peak_self, "children": peak_children},
        "one_article": changes,
        "ratios": {
            "full_over_cached_build": round(full_seconds / cached_seconds, 2),
            "full_build_over_extraction_alone": round(full_seconds / extract_seconds, 2),
            "extraction_share_of_full_build": round(extract_seconds / full_seconds, 3),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles to generate [1000]")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (articles and builds)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="evkg-bench-"))
    try:
        figures = run(args.articles, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"build-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    full, ratios = figures["full_build"], figures["ratios"]
    print(f"{figures['documents_built']} documents, {figures['triples']:,} triples: "
          f"{full['documents_per_second']} documents/s ({full['seconds']} s); "
          f"peak memory {figures['peak_memory_mib']['build_process']} MiB "
          f"(+ {figures['peak_memory_mib']['children']} MiB in child processes)")
    print("phases: " + ", ".join(f"{name} {phase['seconds']} s (peak so far {phase['peak_rss_mib']} MiB)"
                                 for name, phase in full["phases"].items()))
    print(f"full / cached build: {ratios['full_over_cached_build']}x; "
          f"full build / extraction alone: {ratios['full_build_over_extraction_alone']}x")
    for name, step in figures["one_article"].items():
        print(f"one article, {name}: published in {step['seconds_to_publish']} s, dumps written after "
              f"{step['seconds_to_dumps']} s ({step['mode']})")
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in figures['load_average'])}")
    print(f"results: {out}" + (f"; scratch folder kept: {work}" if args.keep else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
