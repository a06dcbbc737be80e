"""Area SEND inspections: Ofsted and the CQC inspect how a local area partnership (the council
and the NHS commissioners) serves children and young people with special educational
needs and/or disabilities. Titles: "Area SEND inspection of X Local Area Partnership"
(2023 on), "Joint local area SEND inspection in X" and "... revisit in X" (2016-2022 letters).

Framework `other`: the SCHEMA has no value of its own for these.

No judgements: the 2023 framework's outcome ("arrangements lead to inconsistent
experiences and outcomes ...") is none of the SCHEMA's grades, and the 2016-2022
letters gave none, so putting a grade on either would invent one.

Recommendations: the 2023 reports' "Areas for improvement", one per sentence that says
what someone "should" do (the PDF reader may run these paragraphs into one); the older
letters' "areas of significant weakness" that a written statement of action must
address, one per bullet. No timescales.
"""
from __future__ import annotations

import re

from ..errors import ReportError
from ..records import ExtractionRecord, Inspection, Recommendation
from ..text import Document
from .common import INSPECTION_DATES, dates_after_label, find_lead_inspector
from .points import points_under
from .previous import labelled_previous_inspection
from .subject import subject_council

GENRE = "send_area"
FRAMEWORK = "other"

TITLE = re.compile(
    r"(?:Joint\s+)?(?:local\s+)?area\s+(?:SEND|special\s+educational\s+needs(?:\s+and/or\s+disabilities)?"
    r"(?:\s*\(SEND\))?)\s+(?:full\s+)?(?:inspection|revisit)\s+(?:of|in)\b",
    re.I,
)
BETWEEN = re.compile(r"\bBetween\s+(?=\d)", re.I)
# "Katherine Douglas, Ofsted HMI, lead inspector" (inspection team table, 2023 on)
NAMED_LEAD = re.compile(
    r"([A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){1,3}),?[ \t]+(?:Ofsted[ \t]+)?HMI,?[ \t]+[Ll]ead[ \t]+[Ii]nspector"
)


def detect(doc: Document) -> bool:
    return bool(TITLE.search(doc.text[:2000]))


def load(doc: Document) -> ExtractionRecord:
    text = doc.text
    title = TITLE.search(text[:2000])
    if not title:
        raise ReportError(f"{doc.source}: no area SEND inspection title found.")
    start, end = dates_after_label(text, [INSPECTION_DATES, BETWEEN], title.end(), within=1500)
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-report",
        framework=FRAMEWORK,
        subject_authority=subject_authority(text, title.start(), start),
        inspection=Inspection(
            start_date=start,
            end_date=end,
            published=None,  # these reports do not state a publication date
            lead_inspector=lead_inspector(text),
            inspectorate="Ofsted",
        ),
        recommendations=tuple(recommendations(doc)),
        previous_inspections=tuple(labelled_previous_inspection(doc, "send-area")),
    )


def subject_authority(text: str, title_start: int, on: str | None):
    """The council the title line names, or else the one the report names most."""
    line_end = text.find("\n", title_start)
    return subject_council(text, title_start, line_end if line_end > 0 else None, on, most_named_from=title_start)


# a table's column headings can run into the name ("Care Quality Commission Katherine Douglas")
NOT_NAMES = {"Ofsted", "Care", "Quality", "Commission", "CQC", "Inspection", "Team", "HMI", "Inspectors"}


def lead_inspector(text: str) -> str | None:
    m = NAMED_LEAD.search(text)
    if not m:
        return find_lead_inspector(text)
    words = m.group(1).split()
    while words and words[0] in NOT_NAMES:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None


# -- recommendations ---------------------------------------------------------------

# the heading (repeated, in the 2023 layout), on its own line or followed by a sentence's capital
AREAS_HEADING = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Areas\s+for\s+improvement(?:[ \t]*\n|[ \t]+(?=[A-Z])))+", re.M
)
AREAS_END = re.compile(
    r"\n(?:Local\s+area\s+partnership\s+details|Information\s+about\s+this\s+inspection|Inspection\s+team|"
    r"Local\s+authority\b)",
    re.I,
)
WEAKNESS_HEADING = re.compile(r"areas\s+of\s+significant\s+weakness\s*:", re.I)
WEAKNESS_END = re.compile(r"\n(?:Yours\s+sincerely|Ofsted\b|The\s+local\s+area\s+is\s+required)", re.I)
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def recommendations(doc: Document) -> list[Recommendation]:
    out = []
    for heading in AREAS_HEADING.finditer(doc.text):
        end = AREAS_END.search(doc.text, heading.end())
        out.extend(_should_sentences(doc, heading.end(), end.start() if end else min(len(doc.text), heading.end() + 5000)))
    out.extend(points_under(doc, WEAKNESS_HEADING, WEAKNESS_END))
    return out


def _should_sentences(doc: Document, start: int, end: int) -> list[Recommendation]:
    """One recommendation per sentence saying what someone should do; other sentences go with the one before."""
    spans: list[list[int]] = []
    for m in SENTENCE.finditer(doc.text, start, end):
        sentence = m.group(0)
        if not sentence.strip():
            continue
        a = m.start() + len(sentence) - len(sentence.lstrip())
        if re.search(r"\bshould\b", sentence):
            spans.append([a, m.end()])
        elif spans:
            spans[-1][1] = m.end()
    return [
        Recommendation(" ".join(doc.text[a:b].split()), None, (), doc.span(a, b))
        for a, b in spans
    ]
