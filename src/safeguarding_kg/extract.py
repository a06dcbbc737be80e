"""One report file in, one ExtractionRecord out: read, pick the genre, load, find organisations."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import entities
from .loaders import loader_for
from .records import ExtractionRecord
from .text import Document, read_document


def extract_document(doc: Document) -> ExtractionRecord:
    record = loader_for(doc).load(doc)
    organisations, partners = entities.find_organisations(doc, record)
    recommendations = tuple(
        replace(r, addressees=entities.addressees(r.text, organisations, record))
        for r in record.recommendations
    )
    return replace(
        record,
        organisations=organisations,
        partners_of_subject=partners,
        recommendations=recommendations,
    )


def extract(path: str | Path) -> ExtractionRecord:
    """Extract one report file; ReportError (a sentence) if it can't be read or has no known genre."""
    return extract_document(read_document(path))
