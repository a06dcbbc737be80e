"""Loader stub for the peer_review genre: to be written."""
from __future__ import annotations

GENRE = "peer_review"


def detect(doc) -> bool:
    return False


def load(doc):
    raise NotImplementedError
