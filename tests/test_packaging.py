"""The wheel, installed in a clean venv outside the checkout, runs on its own: every entry point loads, `evkg build`
builds the seed and `evkg serve` serves it, with the code, queries, ontology and templates of the wheel.

Offline: the wheel is built with this venv's setuptools (no isolated build environment to download), and installed
without its dependencies into a venv that sees this venv's packages through a .pth file.
"""

import json
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import DOCUMENTS, serve_evkg

ROOT = Path(__file__).resolve().parent.parent
# what the wheel is built from: the packages and their data (the vendored front-end libraries included), not a
# build/ folder an older build left behind, whose files setuptools would pack too
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "dist", "data", "*.egg-info",
                                    "__pycache__", ".pytest_cache", "test-artifacts", "tests", "bench", "documents")
INSTALLED = ("evkg", "evkg.ontology", "evkg.graph", "evkg.service", "evkg.graph.build", "evkg.service.server",
             "evkg.service.cli_query", "evkg.graph.cli_validate", "evkg.graph.export", "evkg.service.executor")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, out = tmp_path_factory.mktemp("source") / "evkg", tmp_path_factory.mktemp("dist")
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
                   check=True, capture_output=True)
    (wheel,) = out.glob("evkg-*.whl")
    return wheel


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean venv with the wheel alone installed; its dependencies are this venv's, seen through a .pth file."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[kind] for kind in ("purelib", "platlib"))
    (Path(site) / "project-dependencies.pth").write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    return venv


def test_wheel_carries_the_packages_and_their_data_under_one_name(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"evkg/ontology/evkg.ttl", "evkg/ontology/shapes.ttl", "evkg/queries/plants.rq",
            "evkg/service/templates/base.html", "evkg/graph/build.py", "evkg/cli.py"} <= names
    assert any(name.startswith("evkg/graph/lexicon/") for name in names)
    assert {top for top in (name.split("/")[0] for name in names) if not top.endswith(".dist-info")} == {"evkg"}


def test_installed_code_is_the_wheels_not_the_checkouts(venv: Path, tmp_path: Path) -> None:
    script = ("import importlib, importlib.util, json; "
              f"print(json.dumps({{name: importlib.import_module(name).__file__ for name in {list(INSTALLED)}}} | "
              "{'graph': importlib.util.find_spec('graph') is not None}))")
    found = json.loads(subprocess.run([venv / "bin" / "python", "-c", script], cwd=tmp_path, check=True,
                                      capture_output=True, text=True).stdout)
    assert found.pop("graph") is False, "the generic name `graph` is installed or reachable"
    assert all(Path(path).is_relative_to(venv) for path in found.values()), found


def test_installed_command_help(venv: Path, tmp_path: Path) -> None:
    evkg = venv / "bin" / "evkg"
    listing = subprocess.run([evkg, "--help"], cwd=tmp_path, check=True, capture_output=True, text=True)
    commands = [line.split()[0] for line in listing.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert {"build", "serve", "query", "validate", "export"} <= set(commands)
    for command in commands:
        result = subprocess.run([evkg, command, "--help"], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_installed_wheel_builds_and_serves_the_seed(venv: Path, tmp_path: Path) -> None:
    documents, data = tmp_path / "documents", tmp_path / "data"
    shutil.copytree(DOCUMENTS, documents)
    evkg = venv / "bin" / "evkg"
    built = subprocess.run([evkg, "build", "--documents", str(documents), "--data", str(data)], cwd=tmp_path,
                           capture_output=True, text=True)
    assert built.returncode == 0 and "is now current" in built.stdout, built.stdout + built.stderr
    with serve_evkg(data, workers=1, evkg=evkg, cwd=tmp_path) as url:
        # a saved query (the wheel's queries, run in a query process started from the wheel)
        request = urllib.request.Request(f"{url}/queries/plants", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            rows = json.load(response)["results"]["bindings"]
        assert any("Douai" in row["label"]["value"] for row in rows), rows
        with urllib.request.urlopen(f"{url}/", timeout=30) as response:  # the wheel's templates
            assert b"evkg" in response.read()
        with urllib.request.urlopen(f"{url}/downloads/evkg-ontology.rdf", timeout=30) as response:
            assert response.headers["Content-Type"].startswith("application/rdf+xml")
