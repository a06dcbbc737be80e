"""Inspections of local authority children's services (ILACS), 2018 on: standard, short and the 2026 reform.

The report opens with its title ("Inspection of Essex local authority children's
services", or in 2018-19 "Essex County Council / Inspection of children's social
care services"), the inspection dates, the lead inspector and a judgement table
(four or five rows: "The impact of leaders on social work practice with children
and families  Good" ... "Overall effectiveness  Good"; the 2026 reformed reports
have no overall row). "What needs to improve?" lists the points for improvement
as bullets. The summary often says how the previous inspection judged the council.

The previous-inspection helper is shared with the visit letters (loaders.visits).
"""
from __future__ import annotations

import re

from ..records import (
    ExtractionRecord,
    Inspection,
    Judgement,
    PreviousInspection,
)
from ..text import Document
from .common import GRADE_WORDS, MONTH, MONTHS, find_lead_inspector, parse_date_range, parse_grade
from .points import improvement_points, unbulleted_points
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
        previous_inspections=previous_inspections(doc, before=start),
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
# -- previous inspections -----------------------------------------------------------------

_PREVIOUS = re.compile(
    r"\b(?:last|previous)\s+(?:full\s+)?(?:ILACS\s+)?(?:judgement\s+)?inspection\b|\b(?:was|were|been)\s+judged\b",
    re.I,
)
_YEAR = re.compile(rf"\bin\s+(?:({MONTH})\s+)?((?:19|20)\d\d)\b", re.I)
_JUDGED_GRADE = re.compile(
    rf"\bjudged(?:[^.;]{{0,80}}?\s(?:to\s+be|as))?\s+[‘'\"*]*(?P<grade>{GRADE_WORDS})",
    re.I,
)
_SAME_AS_LAST = re.compile(
    rf"^(?:Children[’']s\s+)?Services\b[^.]{{0,80}}?\b(?P<grade>require\s+improvement\s+to\s+be\s+good|{GRADE_WORDS}),\s+as\s+(?:was\s+the\s+case\s+)?at\s+the\s+(?:last|previous)\s+inspection",
    re.I,
)
# Whose grade it was: the council's services, not one service or one judgement area.
_COUNCIL_WORDS = re.compile(r"\b(?:local\s+authority|council|services|inspection)\b", re.I)
_NOT_OVERALL = re.compile(
    r"children\s+in\s+care|care\s+leavers|help\s+and\s+protection|looked\s+after|\byouth\b|fostering"
    r"|adoption|residential|children[’']s\s+homes?\b|\bschools?\b|\bagency\b|partnership|\bboard\b",
    re.I,
)


def previous_inspections(doc: Document, before: str | None = None) -> tuple[PreviousInspection, ...]:
    """How earlier inspections judged the council, where a sentence gives both year and grade.

    "Since the last inspection in 2018, when children's services in Essex were judged to be
    outstanding overall" -> 2018, overall-effectiveness, outstanding. Only dates before
    `before` (the inspection's own start, an ISO date) count.
    """
    found: dict[tuple, PreviousInspection] = {}
    for m in re.finditer(r"[^.\n]+[.\n]?", doc.text):
        sentence = m.group(0)
        if not _PREVIOUS.search(sentence):
            continue
        year = _YEAR.search(sentence)
        grade = _JUDGED_GRADE.search(sentence) or _SAME_AS_LAST.search(sentence.strip())
        if not (year and grade):
            continue
        whose = sentence[:grade.start("grade")]
        if not _COUNCIL_WORDS.search(whose):
            continue
        if _NOT_OVERALL.search(sentence) and not re.search(r"\boverall\b", sentence, re.I):
            continue
        date = year.group(2)
        if year.group(1):
            date += f"-{MONTHS[year.group(1).lower()]:02d}"
        if before and date >= before:
            continue  # ISO prefixes compare as dates: "2018" < "2023-06-26"
        key = (date, parse_grade(re.sub(r"^require\b", "requires", grade.group("grade"), flags=re.I)))
        if key not in found:
            found[key] = PreviousInspection(
                date, "overall-effectiveness", key[1], doc.span(m.start(), m.end())
            )
    return tuple(found.values())
