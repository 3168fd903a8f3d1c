"""The evkg OWL ontology, its SHACL shapes, and the checks that reason over them."""

import hashlib
from pathlib import Path

ONTOLOGY_FILE = Path(__file__).with_name("evkg.ttl")
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")


def fingerprint() -> str:
    """A hash of the ontology, the shapes and the checks: a build validated in part (ontology/locality.py) relies on
    the previous build having passed the same ones."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*")):
        if path.suffix in {".py", ".ttl"}:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
