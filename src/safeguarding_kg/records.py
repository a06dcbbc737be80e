"""The extraction record: what a loader finds in one report.

Frozen dataclasses, no RDF. `to_json` gives the JSON contract that
`skg extract --format json` prints (see shared/gold/SCHEMA.md); the `evidence`
keys are ours on top of that contract: where in the report's text each fact
came from.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of the report's text: character offsets into Document.text."""

    start: int
    end: int
    page: int | None = None  # 1-based page of `start`, where the source has pages
    # where `start` is in a Word or HTML source: "paragraph 34", "table 2 row 3 cell 1"
    # (Word) or "/html/body/main[@id='content']/p[3]" (HTML); see text.Document.elements
    element: str | None = None


@dataclass(frozen=True)
class Authority:
    name: str
    code: str | None = None  # ONS GSS code


@dataclass(frozen=True)
class Inspection:
    start_date: str | None = None  # ISO dates, or a shorter ISO prefix when only that is known
    end_date: str | None = None
    published: str | None = None
    lead_inspector: str | None = None
    inspectorate: str | None = None
    evidence: Span | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """For a council paper: the meeting's date, the body it went to, its author."""

    date: str | None = None
    body: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Theme:
    """A theme a finding is about (an id of ontology/themes.ttl), with the words that triggered it."""

    theme: str
    evidence: Span | None = None
    words: str = ""


@dataclass(frozen=True)
class Judgement:
    area: str
    grade: str  # a controlled value: outstanding, good, adequate, ...
    scope: str | None = None  # safeguarding, looked-after-children, lscb, or None
    evidence: Span | None = None
    themes: tuple[Theme, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    text: str
    timescale: str | None = None  # immediately, within-3-months, within-6-months, or None
    addressees: tuple[str, ...] = ()
    evidence: Span | None = None
    themes: tuple[Theme, ...] = ()


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str  # a controlled organisation type: nhs-trust, police-force, ...
    code: str | None = None  # the code in its own register (GSS, ODS, police.uk id)
    mentions: tuple[Span, ...] = ()  # every place the report names it


@dataclass(frozen=True)
class PreviousInspection:
    date: str | None  # ISO prefix: 2010-06 or 2018
    subject: str  # safeguarding, looked-after-children, overall-effectiveness, ...
    grade: str | None = None
    evidence: Span | None = None


@dataclass(frozen=True)
class Statistic:
    measure: str  # children-population, looked-after-children, child-protection-plans, ...
    value: int | float
    date: str | None = None
    evidence: Span | None = None


@dataclass(frozen=True)
class ExtractionRecord:
    source: str
    document_type: str
    framework: str
    subject_authority: Authority | None = None
    inspection: Inspection = field(default_factory=Inspection)
    document: DocumentInfo | None = None
    judgements: tuple[Judgement, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    partners_of_subject: tuple[str, ...] = ()  # names, as in `organisations`
    previous_inspections: tuple[PreviousInspection, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    peer_reviewers: tuple[str, ...] = ()  # for a peer review: the councils that reviewed


def to_json(record: ExtractionRecord) -> dict:
    """The record as plain JSON data, keys in the contract's order, None kept."""

    def plain(value):
        if is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, (tuple, list)):
            return [plain(v) for v in value]
        return value

    data = _without_unknown_elements(plain(record))
    if record.document is None:
        del data["document"]
    if not record.peer_reviewers:
        del data["peer_reviewers"]
    return data


def _without_unknown_elements(value):
    """Evidence has "element" only where the source has elements (Word, HTML): the JSON of a
    text or PDF report is the same as before elements existed."""
    if isinstance(value, dict):
        return {k: _without_unknown_elements(v) for k, v in value.items()
                if not (k == "element" and v is None and "start" in value)}
    if isinstance(value, list):
        return [_without_unknown_elements(v) for v in value]
    return value


__all__ = [
    "Span", "Authority", "Inspection", "DocumentInfo", "Theme", "Judgement", "Recommendation",
    "Organisation", "PreviousInspection", "Statistic", "ExtractionRecord", "to_json", "asdict",
]
