"""Inspections of local authority children's services (ILACS), 2018 on: standard, short and the 2026 reform.

The report opens with its title ("Inspection of Essex local authority children's
services", or in 2018-19 "Essex County Council / Inspection of children's social
care services"), the inspection dates, the lead inspector and a judgement table
(four or five rows: "The impact of leaders on social work practice with children
and families  Good" ... "Overall effectiveness  Good"; the 2026 reformed reports
have no overall row). "What needs to improve?" lists the points for improvement
as bullets. The summary often says how the previous inspection judged the council.

Its bulleted points and previous inspections are read as the visit letters' are
(loaders.points, loaders.previous).
"""
from __future__ import annotations

import re

from ..records import (
    ExtractionRecord,
    Inspection,
    Judgement,
)
from ..text import Document
from .common import GRADE_WORDS, find_lead_inspector, parse_date_range, parse_grade
from .points import improvement_points, unbulleted_points
from .previous import recalled_overall_judgements
from .subject import subject_council

GENRE = "ilacs"

HEAD = 2000  # detection reads the title page only

# "Inspection of Essex local authority children's services", "Inspection of children's social
# care services". Case-sensitive "Inspection of": letters say "in line with the inspection of
# local authority children's services (ILACS) framework" in lower case.
_TITLE = re.compile(
    r"Inspection\s+of\s+(?:[^.]{0,80}?\s)?(?:local\s+authority\s+children[’'`]?s\s+services"
    r"|children[’'`]?s\s+social\s+care\s+services)"
)
_DATES = re.compile(r"Inspection\s+dates?\s*:?", re.I)
_TABLE_WORDING = re.compile(
    r"The\s+impact\s+of\s+leaders\s+on\s+social\s+work|The\s+experiences\s+and\s+progress\s+of", re.I
)


def detect(doc: Document) -> bool:
    head = doc.text[:HEAD]
    return bool(
        _TITLE.search(head)
        and _DATES.search(head)
        and (_TABLE_WORDING.search(head) or re.search(r"Lead\s+inspector", head, re.I))
    )


def load(doc: Document) -> ExtractionRecord:
    text = doc.text
    title = _TITLE.search(text[:HEAD])
    dates = _DATES.search(text, title.end() if title else 0)
    start = end = None
    evidence = None
    if dates:
        window = text[dates.end():dates.end() + 120]
        start, end = parse_date_range(window)
        evidence = doc.span(dates.start(), dates.end() + len(window.split("\n")[0]))
    header_end = title.end() if title else 0
    inspection = Inspection(
        start_date=start,
        end_date=end,
        lead_inspector=find_lead_inspector(text[:HEAD]),
        inspectorate="Ofsted",
        evidence=evidence,
    )
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-report",
        framework="ilacs",
        subject_authority=subject_council(text, 0, header_end, start),
        inspection=inspection,
        judgements=judgements(doc, header_end),
        recommendations=improvement_points(doc, _WHAT_NEEDS_TO_IMPROVE, _NEXT_SECTION)
        or unbulleted_points(doc, _WHAT_NEEDS_TO_IMPROVE, _NEXT_SECTION),
        previous_inspections=recalled_overall_judgements(doc, before=start),
    )


# -- the judgement table -----------------------------------------------------------------

_AREA_START = r"(?:The\s+impact\s+of\s+leaders|The\s+experiences\s+and\s+progress\s+of|Overall\s+effectiveness)"
# One table row: an area label, then its grade. PDF text may put the grade on the next line
# or run the next row onto the grade's line, so rows are matched one after another; an area
# never runs into the next area's label.
_ROW = re.compile(
    rf"(?P<area>{_AREA_START}(?:(?!{_AREA_START})[^:|*]){{0,140}}?)[\s:|*]+(?P<grade>{GRADE_WORDS})\b", re.I
)
_AREA_LINE = re.compile(rf"[ \t]*(?P<area>{_AREA_START}[^\n:]{{0,140}})\n", re.I)
_GRADE_LINE = re.compile(rf"[ \t]*(?P<grade>{GRADE_WORDS})[ \t]*(?:\n|$)", re.I)
_TABLE_HEADER = re.compile(r"Judgements?\s+Grades?\b", re.I)


def judgements(doc: Document, after: int = 0) -> tuple[Judgement, ...]:
    """The rows of the judgement table at the top of the report."""
    text = doc.text
    header = _TABLE_HEADER.search(text, after, after + 3000)
    if header:
        pos = header.end()
    else:
        first = re.compile(_AREA_START, re.I).search(text, after, after + 3000)
        if not first:
            return ()
        pos = first.start()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return _rows(doc, pos) or _columns(doc, pos)


def _rows(doc: Document, pos: int) -> tuple[Judgement, ...]:
    """Rows read as area then grade, one after another."""
    text, rows = doc.text, []
    while len(rows) < 8:
        while pos < len(text) and (text[pos].isspace() or text[pos] in "|*"):
            pos += 1  # between rows: line ends, and a text copy's table rules and emphasis
        m = _ROW.match(text, pos)
        if not m:
            break
        area = " ".join(m.group("area").split())
        rows.append(Judgement(area, parse_grade(m.group("grade")), None, doc.span(m.start(), m.end())))
        pos = m.end()
        if area.lower().startswith("overall"):
            break
    return tuple(rows)


def _columns(doc: Document, pos: int) -> tuple[Judgement, ...]:
    """A table whose text came out a column at a time: every area line, then every grade line."""
    text, areas, grades = doc.text, [], []
    for pattern, found in ((_AREA_LINE, areas), (_GRADE_LINE, grades)):
        while len(found) < 8 and (m := pattern.match(text, pos)):
            found.append(m)
            pos = m.end()
    if not areas or len(areas) != len(grades):
        return ()
    return tuple(
        Judgement(" ".join(a.group("area").split()), parse_grade(g.group("grade")), None,
                  doc.span(a.start("area"), a.end("area")))
        for a, g in zip(areas, grades)
    )


# -- bulleted points for improvement ------------------------------------------------------

_WHAT_NEEDS_TO_IMPROVE = re.compile(r"What\s+needs\s+to\s+improve\b\s*\??", re.I)
# The section after the points: "The experiences and progress of children who need help and
# protection: good" (or "... is inadequate"), sometimes run onto the last point's line.
_NEXT_SECTION = re.compile(
    rf"(?:The\s+experiences\s+and\s+progress\s+of|The\s+impact\s+of\s+leaders\s+on)[^:\n]{{0,100}}?"
    rf"(?::|\s+(?:is|are)\b:?)\s*{GRADE_WORDS}",
    re.I,
)
