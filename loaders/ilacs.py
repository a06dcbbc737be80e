"""Loader stub for the ilacs genre: to be written."""
from __future__ import annotations

GENRE = "ilacs"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
