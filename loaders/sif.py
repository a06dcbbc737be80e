"""Loader stub for the sif genre: to be written."""
from __future__ import annotations

GENRE = "sif"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
