"""Allegiance: an open knowledge graph of geopolitical alignments built from documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("allegiance")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"

EXTRACTOR_VERSION = "0.1.0"
"""Bumped whenever extraction output for the same input may change; recorded in each run."""

__all__ = ["EXTRACTOR_VERSION", "__version__"]
