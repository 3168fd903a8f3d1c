"""The evkg OWL ontology, its SHACL shapes, and the checks that reason over them."""

from pathlib import Path

ONTOLOGY_FILE = Path(__file__).with_name("evkg.ttl")
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")
