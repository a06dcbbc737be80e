"""Loader stub for the protection genre: to be written."""
from __future__ import annotations

GENRE = "protection"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
