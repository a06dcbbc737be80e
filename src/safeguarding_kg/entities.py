"""Organisations named in a report: stub until the entity module is written."""
from __future__ import annotations

from .records import ExtractionRecord, Organisation


def find_organisations(doc, record: ExtractionRecord) -> tuple[tuple[Organisation, ...], tuple[str, ...]]:
    subject = record.subject_authority
    if subject is None:
        return (), ()
    return (Organisation(subject.name, "local-authority", subject.code),), ()


def addressees(text: str, organisations, record) -> tuple[str, ...]:
    return ()
