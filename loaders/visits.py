"""Loader stub for the visits genre: to be written."""
from __future__ import annotations

GENRE = "visits"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
