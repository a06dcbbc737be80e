"""Inspections of local authority children's services (ILACS), 2018 on: standard, short and the 2026 reform.

The report opens with its title ("Inspection of Essex local authority children's
services", or in 2018-19 "Essex County Council / Inspection of children's social
care services"), the inspection dates, the lead inspector and a judgement table
(four or five rows: "The impact of leaders on social work practice with children
and families  Good" ... "Overall effectiveness  Good"; the 2026 reformed reports
have no overall row). "What needs to improve?" lists the points for improvement
as bullets. The summary often says how the previous inspection judged the council.

The helpers for bulleted points and previous inspections are
shared with the visit letters (loaders.visits).
"""
from __future__ import annotations

import re

from ..records import (
    ExtractionRecord,
    Inspection,
    Judgement,
    PreviousInspection,
    Recommendation,
)
from ..text import Document
from .common import GRADE_WORDS, MONTH, MONTHS, find_lead_inspector, parse_date_range, parse_grade
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
        or unbulleted_points(doc),
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
BULLET_CHARS = "\u25fc\u25a0\u25aa\u25cf\u2022\uf06e\uf0a7\uf0b7\uf0d8\uf0fc\u25e6"
_BULLET_START = re.compile(rf"[ \t]*(?:[{BULLET_CHARS}]|[-–*](?=\s))[ \t]*")
_MID_BULLET = re.compile(rf"\s*[{BULLET_CHARS}]\s*")
# The 2023 on reports cross-reference each point to the national framework:
# "(Enabler 1)", "(outcome 2, national framework)", "(enabler: leaders drive ..., national framework)".
_FRAMEWORK_TAG = re.compile(r"\s*\((?:enabler|outcome|principle)s?\b[^()]*\)", re.I)
# Ofsted's letterhead, which PDF text can drop into the middle of a page's text.
_LETTERHEAD = re.compile(
    r"(?:Ofsted\s+)?Piccadilly\s+Gate\s+Store\s+Street\s+Manchester\s+M1\s+2WD\s+T:?\s+0300\s+123\s+1231"
    r"\s+Textphone:?\s+0161\s+618\s+8524\s+(?:E:\s+)?enquiries@ofsted\.gov\.uk\s+(?:W:\s+)?www\.gov\.uk/ofsted",
    re.I,
)
_LETTERHEAD_LINE = re.compile(
    r"^\s*(?:Ofsted\s*$|(?:Ofsted\s+)?Piccadilly\s+Gate|Store\s+Street|Manchester\b|M1\s+2WD|T:?\s+0300"
    r"|Textphone|E:\s+enquiries|W:\s+www|enquiries@ofsted|www\.gov\.uk/ofsted)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?;:)’”\"']\s*$")


def _is_heading(line: str) -> bool:
    """A short capitalised line without closing punctuation: "Findings", "Main findings"."""
    words = line.split()
    return (
        0 < len(words) <= 8
        and line[:1].isupper()
        and not _SENTENCE_END.search(line)
        and not _BULLET_START.match(line)
    )


def _lines(text: str, start: int):
    """(offset, line) for each line from `start` on."""
    for m in re.finditer(r"[^\n]*", text[start:]):
        if m.start() > 0 and text[start + m.start() - 1] != "\n":
            continue  # finditer's empty match at a line's end
        yield start + m.start(), m.group(0)


def bullet_points(text: str, start: int, stop: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Spans of the bulleted points that begin at `start`.

    A line with a bullet starts a point (and bullets in mid-line start more); a line
    without one carries on the point when the point is unfinished, the line starts in
    lower case or a bracket, or a bullet follows it (a second paragraph of a point).
    The list ends at a heading, at other text, or where `stop` matches.
    """
    lines = list(_lines(text, start))
    points: list[list[int]] = []
    for i, (offset, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped or re.fullmatch(r"\d{1,2}", stripped) or _LETTERHEAD_LINE.match(line):
            continue  # blank, a footnote mark, or letterhead
        stop_match = stop.search(line) if stop else None
        if stop_match and stop_match.start() == len(line) - len(line.lstrip()):
            break
        segment_end = offset + (stop_match.start() if stop_match else len(line))
        bullet = _BULLET_START.match(line)
        if bullet:
            points.append([offset + bullet.end(), segment_end])
        elif points and _continues(text, points[-1], stripped, lines[i + 1:]):
            points[-1][1] = segment_end
        else:
            break
        if stop_match:
            break
    return [span for p in points for span in _split_mid_line(text, p[0], p[1])]


def _continues(text: str, point: list[int], line: str, rest: list[tuple[int, str]]) -> bool:
    if line[:1].islower() or line[:1] in "(‘'\"":
        return True
    if _is_heading(line):
        return False
    if not _SENTENCE_END.search(text[point[0]:point[1]]):
        return True
    following = next((l for _, l in rest if l.strip() and not _LETTERHEAD_LINE.match(l)), "")
    return bool(_BULLET_START.match(following))


def _split_mid_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A point whose line holds further bullets ("... planned. ◼ For most children ...") is several."""
    spans, pos = [], start
    for m in _MID_BULLET.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def point_text(raw: str) -> str:
    """A point's words on one line, without letterhead or national framework tags."""
    text = _LETTERHEAD.sub(" ", raw)
    text = _FRAMEWORK_TAG.sub("", text)
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;])", r"\1", text).strip()


def improvement_points(doc: Document, heading: re.Pattern, stop: re.Pattern | None) -> tuple[Recommendation, ...]:
    """The bullets under every `heading` that has bullets under it, as recommendations."""
    recs, seen = [], set()
    for m in heading.finditer(doc.text):
        for s, e in bullet_points(doc.text, _after_heading(doc.text, m.end()), stop):
            text = point_text(doc.text[s:e])
            if len(text) > 3 and s not in seen:
                seen.add(s)
                recs.append(Recommendation(text, None, (), doc.span(s, e)))
    return tuple(recs)


def unbulleted_points(doc: Document) -> tuple[Recommendation, ...]:
    """Points whose bullets the PDF text lost: one a line, between the heading and the next section.

    Only a short list of short lines counts; anything else is prose, not points.
    """
    text = doc.text
    heading = _WHAT_NEEDS_TO_IMPROVE.search(text)
    if not heading:
        return ()
    start = _after_heading(text, heading.end())
    stop = _NEXT_SECTION.search(text, start, start + 3000)
    if not stop:
        return ()
    lines = [
        (offset, line) for offset, line in _lines(text[:stop.start()], start)
        if line.strip() and not re.fullmatch(r"\s*\d{1,2}\s*", line)
    ]
    points: list[list[int]] = []
    for offset, line in lines:
        end = offset + len(line.rstrip())
        first = line.lstrip()[:1]
        if points and (first.islower() or first == "("):
            points[-1][1] = end  # a line the point ran onto
        else:
            points.append([offset, end])
    if not 0 < len(points) <= 15 or any(e - s > 400 for s, e in points):
        return ()
    return tuple(Recommendation(point_text(text[s:e]), None, (), doc.span(s, e)) for s, e in points)


def _after_heading(text: str, pos: int) -> int:
    """Where the points begin: after the heading's punctuation and line end."""
    m = re.compile(r"[ \t]*[?:]?[*_ \t]*\n?").match(text, pos)
    return m.end()


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
