"""evkg: a knowledge graph of the electric-vehicle industry, built from news documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("evkg")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
