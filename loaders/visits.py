"""Focused visits and monitoring visits: Ofsted's letters to a director of children's services.

The letter is dated, addressed to the director, and titled "Focused visit to
Wakefield local authority children's services" (or "Monitoring visit to ...";
in autumn 2020 "Assurance visit to ..."). "This letter summarises the findings of
the focused visit to ... on 30 and 31 January 2018" gives the dates; the next
sentence names the inspectors ("The inspectors were ... HMI and ... HMI"; "His
Majesty's Inspectors for this visit were ..."), the lead being the one called
lead inspector, or else the first named. A visit grades nothing; its "What needs
to improve in this area of social work practice?" or "Areas for improvement"
bullets are recommendations without a timescale.
"""
from __future__ import annotations

import re

from ..errors import ReportError
from ..records import ExtractionRecord, Inspection, Recommendation
from ..text import Document
from .common import DAY, MONTH, find_lead_inspector, parse_date, parse_date_range
from .points import improvement_points
from .previous import recalled_overall_judgements
from .subject import subject_council

GENRE = "visits"

HEAD = 2000

# The letter's title: "Focused visit to Westminster children's services".
_TITLE = re.compile(
    r"(?:^[ \t]*|\bDear\b[^\n]{0,40}?\s)"  # a line of its own, or run onto the salutation
    r"(?P<kind>Focused|Monitoring|(?:Focused\s+)?assurance)\s+visit\s+(?:to|of|for)\s+"
    r"(?P<subject>[^.]{0,120}?children[’'`]?s\s+(?:social\s+care\s+)?services)",
    re.I | re.M,
)
_LETTER = re.compile(r"^\s*Dear\b|This\s+letter\s+summarises", re.M)
_LETTER_DATE = re.compile(rf"^\s*{DAY}\s+{MONTH}\s+\d{{4}}\s*$", re.M | re.I)
_FINDINGS_OF = re.compile(r"findings\s+of\s+(?:a|an|the)\s+[^.]{0,60}?visit\b", re.I)


def detect(doc: Document) -> bool:
    head = doc.text[:HEAD]
    return bool(_TITLE.search(head) and _LETTER.search(head))


def load(doc: Document) -> ExtractionRecord:
    text = doc.text
    title = _TITLE.search(text[:HEAD])
    if not title:
        raise ReportError(f"{doc.source}: no 'Focused visit to ...' or 'Monitoring visit to ...' title "
                          "near the start; is this a visit letter?")
    kind = title.group("kind").lower()
    framework = "monitoring-visit" if kind.startswith("monitoring") else "focused-visit"
    start, end, evidence = _visit_dates(doc, title.end())
    letter_date = _LETTER_DATE.search(text[:HEAD])
    inspection = Inspection(
        start_date=start,
        end_date=end,
        published=parse_date(letter_date.group(0)) if letter_date else None,
        lead_inspector=lead_inspector(text),
        inspectorate="Ofsted",
        evidence=evidence,
    )
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-letter",
        framework=framework,
        subject_authority=subject_council(text, title.start("subject"), title.end("subject"), start),
        inspection=inspection,
        recommendations=_points(doc),
        previous_inspections=recalled_overall_judgements(doc, before=start),
    )


def _visit_dates(doc: Document, after: int):
    """The visit's first and last days, from "... visit to X children's services on 3 and 5 May 2022."

    A visit of one day starts and ends on it.
    """
    m = _FINDINGS_OF.search(doc.text, after, after + 3000)
    if not m:
        return None, None, None
    sentence_end = doc.text.find(". ", m.end())
    sentence_end = sentence_end if sentence_end != -1 else m.end() + 300
    start, end = parse_date_range(doc.text[m.end():sentence_end])
    return start, end or start, doc.span(m.start(), sentence_end)


# -- the lead inspector -------------------------------------------------------------------

_NAME = r"[A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){1,3}"
_NOT_NAME_WORDS = r"(?:Her|His|Majesty[’']s|Inspectors?|HMIs?|Social|Care|Schools|Ofsted)"
# "Jane Smith HMI (lead inspector)", "Jane Smith, lead inspector"
_NAMED_LEAD = re.compile(rf"({_NAME})(?:,?\s+HMI)?,?\s+\(?\s*(?i:lead\s+inspector)\b")
# "The lead inspector was Jane Smith"
_LEAD_WAS = re.compile(rf"\b(?i:lead\s+inspector)\s+(?:was|is)\s+(?:{_NOT_NAME_WORDS}\s+)*({_NAME})")
# "The inspectors were ...", "His Majesty's Inspectors for this visit were ...",
# "The visit was carried out by Her Majesty's Inspectors ..."
# "His Majesty's Inspectors Jane Smith and John Smith carried out this visit."
_INSPECTORS_CUE = re.compile(
    r"\b(?:inspectors?|visit)\s+(?:for\s+this\s+visit\s+)?"
    r"(?:were|(?:was\s+)?(?:carried\s+out|conducted|undertaken|led)\s+by|was)\s*:?\s*"
    r"|\bMajesty[’']s\s+Inspectors?[ \t]+(?=[A-Z][a-z])",
    re.I,
)
_SIGNATORY = re.compile(rf"Yours\s+(?:sincerely|faithfully),?\s+({_NAME})")


def lead_inspector(text: str) -> str | None:
    """The lead inspector: the one called lead inspector, else the first named, else the signatory."""
    named = find_lead_inspector(text[:4000])
    if named:
        return named
    for pattern in (_NAMED_LEAD, _LEAD_WAS):
        m = pattern.search(text[:4000])
        if m and _clean_name(m.group(1)):
            return _clean_name(m.group(1))
    for cue in _INSPECTORS_CUE.finditer(text[:4000]):
        m = re.compile(rf"(?:{_NOT_NAME_WORDS}[ \t]+)*({_NAME})").match(text, cue.end())
        if m and _clean_name(m.group(1)):
            return _clean_name(m.group(1))
    m = _SIGNATORY.search(text)
    return _clean_name(m.group(1)) if m else None


def _clean_name(name: str) -> str | None:
    """A person's name without the HMI or "Her Majesty's Inspector" that may follow it."""
    words = []
    for word in name.split():
        if re.fullmatch(_NOT_NAME_WORDS, word):
            break
        words.append(word)
    return " ".join(words) if len(words) >= 2 else None


# -- points for improvement ---------------------------------------------------------------

_IMPROVE_HEADING = re.compile(
    r"(?:What\s+needs\s+to\s+improve(?:\s+in\s+this\s+area\s+of\s+(?:social\s+work\s+)?practice)?"
    r"|Areas?\s+for\s+(?:further\s+)?(?:improvement|development|priority\s+action))\b\s*[?:]?",
    re.I,
)
_LETTER_END = re.compile(r"Ofsted\s+will\s+take\s+the\s+findings|Yours\s+sincerely", re.I)


def _points(doc: Document) -> tuple[Recommendation, ...]:
    return improvement_points(doc, _IMPROVE_HEADING, _LETTER_END)
