"""Loader stub for the send_area genre: to be written."""
from __future__ import annotations

GENRE = "send_area"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
