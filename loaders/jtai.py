"""Loader stub for the jtai genre: to be written."""
from __future__ import annotations

GENRE = "jtai"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
