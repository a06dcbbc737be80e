"""One report file in, one ExtractionRecord out: read, pick the genre, load, find organisations, tag themes."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import entities
from .loaders import loader_for
from .records import ExtractionRecord
from .themes import themes_of
from .text import Document, read_document


def extract_document(doc: Document) -> ExtractionRecord:
    record = loader_for(doc).load(doc)
    organisations, partners = entities.find_organisations(doc, record)
    addressees = entities.addressee_finder(organisations, record)
    recommendations = tuple(
        replace(r, addressees=addressees(r.text),
                themes=themes_of(doc, r.evidence, r.text))
        for r in record.recommendations
    )
    # a judgement's themes come from its area's words ("The experiences and progress of care leavers")
    judgements = tuple(replace(j, themes=themes_of(doc, j.evidence, j.area)) for j in record.judgements)
    return replace(
        record,
        organisations=organisations,
        partners_of_subject=partners,
        recommendations=recommendations,
        judgements=judgements,
    )


def extract(path: str | Path) -> ExtractionRecord:
    """Extract one report file; ReportError (a sentence) if it can't be read or has no known genre."""
    return extract_document(read_document(path))
