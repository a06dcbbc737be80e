"""Loader stub for the safeguarding_lac genre: to be written."""
from __future__ import annotations

GENRE = "safeguarding_lac"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
