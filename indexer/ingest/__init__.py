"""Ingestion: files, folders, URLs and stdin -> articles in corpus/."""

from .add import AddResult, add_sources

__all__ = ["AddResult", "add_sources"]
