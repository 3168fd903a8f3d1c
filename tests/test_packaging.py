"""The wheel installs into a clean venv outside the checkout, and every entry point loads there."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = out.glob("evkg-*.whl")
    return wheel


def test_wheel_carries_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ontology/evkg.ttl" in names
    assert "ontology/shapes.ttl" in names
    assert any(name.startswith("graph/lexicon/") for name in names)


def test_installed_command_help(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    evkg = venv / "bin" / "evkg"
    listing = subprocess.run([evkg, "--help"], cwd=tmp_path, check=True, capture_output=True, text=True)
    commands = [line.split()[0] for line in listing.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert {"build", "serve", "query", "validate", "export"} <= set(commands)
    for command in commands:
        result = subprocess.run([evkg, command, "--help"], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    # Each subcommand's entry point must import from the installed packages, not the checkout.
    for module in ("evkg.graph.build", "evkg.service.server", "evkg.service.cli_query", "evkg.graph.cli_validate", "evkg.graph.export"):
        subprocess.run([venv / "bin" / "python", "-c", f"import {module}"], cwd=tmp_path, check=True)
