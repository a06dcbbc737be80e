"""Ofsted unannounced inspections of local authority arrangements for the protection of children (2012-2013).

Titled "Inspection of local authority arrangements for the protection of
children"; one set of judgements (overall effectiveness, the effectiveness of
the help and protection provided, the quality of practice, leadership and
governance), each a heading with its grade on the next line and again in the
"Record of main findings" table; recommendations under "Immediately:",
"Within three months:" and "Within six months:". The layout is the safeguarding
and looked after children one, read by the same helpers (loaders.findings, .points, .previous).
"""
from __future__ import annotations

import re

from ..records import ExtractionRecord, Judgement
from ..text import Document
from .common import GRADE_WORDS, cover_block, parse_grade, strip_markup
from .points import timescale_recommendations
from .previous import recalled_framework_inspections
from .findings import main_findings
from .statistics import area_statistics
from .subject import subject_council

GENRE = "protection"

_TITLE = re.compile(
    r"^[ \t#*]*Inspection\s+of\s+local\s+authority\s+arrangements\s+for\s+the\s+protection\s+of\s+children\b", re.I | re.M
)


def detect(doc: Document) -> bool:
    return bool(_TITLE.search(strip_markup(doc.text[:2000])))


def load(doc: Document) -> ExtractionRecord:
    inspection = cover_block(doc)
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-report",
        framework="protection-of-children",
        subject_authority=subject_council(doc.text, 0, 1000, on=inspection.start_date),
        inspection=inspection,
        judgements=judgements(doc),
        recommendations=timescale_recommendations(doc),
        previous_inspections=recalled_framework_inspections(doc, before=inspection.start_date),
        statistics=area_statistics(doc),
    )


# A judgement heading with its grade alone on the next line: "The quality of practice" / "Adequate".
_HEADING_THEN_GRADE = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?\**(?P<area>[A-Z][^\n.*]{{2,150}}?)\**[ \t]*\n(?:[ \t]*\n)*[ \t]*\**(?P<grade>(?i:{GRADE_WORDS}))\**[ \t]*$",
    re.M,
)
# "The overall effectiveness of ... is judged to be **adequate**."
_OVERALL = re.compile(
    rf"\bThe\s+overall\s+effectiveness\s+of\s+[^.]{{0,150}}?\bis\s+judged\s+to\s+be\s+\**(?P<grade>{GRADE_WORDS})\**",
    re.I,
)


def _fallback(doc: Document) -> tuple[Judgement, ...]:
    """Graded headings and the overall sentence, for a copy that has lost its findings table."""
    text = doc.text
    found = []
    m = _OVERALL.search(text)
    if m:
        found.append(Judgement("Overall effectiveness", parse_grade(m.group("grade")), None,
                               doc.span(m.start(), m.end())))
    for m in _HEADING_THEN_GRADE.finditer(text):
        area = " ".join(strip_markup(m.group("area")).split())
        if area.lower().startswith("overall") and found:
            continue
        found.append(Judgement(area, parse_grade(m.group("grade")), None, doc.span(m.start("area"), m.end())))
    return tuple(found)


def judgements(doc: Document) -> tuple[Judgement, ...]:
    """One set of judgements, so no scope."""
    table = main_findings(doc)
    if not table:
        return _fallback(doc)
    return tuple(Judgement(j.area, j.grade, None, j.evidence) for j in table)
