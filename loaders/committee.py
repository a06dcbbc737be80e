"""Loader stub for the committee genre: to be written."""
from __future__ import annotations

GENRE = "committee"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
