"""Previous inspections: the earlier inspections a report recalls, with their grades where given.

Each genre recalls them in its own standard phrasing, so there is one reader a
phrasing, and a genre uses those its reports (or the papers quoting them) use.
Dates are ISO months ("2012-03"), or years where only the year is given.
"""
from __future__ import annotations

import re

from ..orgpatterns import folded, scan_where
from ..records import PreviousInspection
from ..text import Document
from .common import GRADE_WORDS, MONTH, parse_date_range, parse_grade, year_month

# -- named frameworks' inspections (2009-2013 reports) ---------------------------------

_MONTH_YEAR = rf"(?P<month>{MONTH})\s+(?P<year>\d{{4}})"
_FRAMEWORK_INSPECTIONS = (
    # "An unannounced inspection of Essex's contact, referral and assessment arrangements in March 2011"
    ("contact-referral-and-assessment", re.compile(
        rf"\binspection\s+of\s+[^.]{{0,60}}?contact,?\s+referral\s+and\s+assessment\s+"
        rf"(?:arrangements|services)\s+(?:\w+\s+){{0,2}}?in\s+{_MONTH_YEAR}", re.I)),
    # "A full inspection of safeguarding and looked after children services in Essex took place in June 2010"
    ("safeguarding-and-looked-after-children", re.compile(
        rf"\binspection\s+of\s+safeguarding\s+and\s+looked\s+after\s+children\s+services\b[^.]{{0,60}}?"
        rf"\bin\s+{_MONTH_YEAR}", re.I)),
    # "Since the child protection inspection in February 2013"
    ("safeguarding", re.compile(
        rf"\b(?:child\s+protection\s+inspection|inspection\s+of\s+(?:local\s+authority\s+)?arrangements\s+"
        rf"for\s+the\s+protection\s+of\s+children)\s+(?:\w+\s+){{0,2}}?in\s+{_MONTH_YEAR}", re.I)),
)
# Where each of them can start, in the lowered text: they are case-insensitive and start with
# \b, so the engine would try them at every position of the report (orgpatterns.scan_where).
_FRAMEWORK_STARTS = re.compile(r"child\s+protection\s+inspection|inspection\s+of")


def _finditer(pattern: re.Pattern, text: str, lowered: str | None):
    """pattern.finditer(text), tried only where _FRAMEWORK_STARTS matches; `lowered` is folded(text)."""
    if lowered is None:
        return pattern.finditer(text)
    return scan_where(pattern, _FRAMEWORK_STARTS, text, lowered)


_SAFEGUARDING_GRADE = re.compile(
    rf"overall\s+effectiveness\s+of\s+(?:the\s+)?safeguarding\s+services[^.]{{0,60}}?\b(?:was|were|is)\s+"
    rf"(?:judged\s+(?:to\s+be\s+|as\s+)?)?\**(?P<grade>{GRADE_WORDS})", re.I)
_LAC_GRADE = re.compile(
    rf"overall\s+effectiveness\s+of\s+(?:the\s+)?services\s+for\s+looked\s+after\s+children[^.]{{0,60}}?"
    rf"\b(?:was|were|is)\s+(?:judged\s+(?:to\s+be\s+|as\s+)?)?\**(?P<grade>{GRADE_WORDS})", re.I)


def recalled_framework_inspections(doc: Document, before: str | None = None) -> tuple[PreviousInspection, ...]:
    """Earlier inspections the report recalls by their framework, with overall grades where given.

    `before`: the ISO start date of the inspection the report is about; an
    inspection in that month or later is this one, not a previous one.
    """
    text, found = doc.text, {}
    lowered = folded(text)
    for subject, pattern in _FRAMEWORK_INSPECTIONS:
        for m in _finditer(pattern, text, lowered):
            when = year_month(m.group("month"), m.group("year"))
            if before and when[:7] >= before[:7]:
                continue
            if subject != "safeguarding-and-looked-after-children":
                found.setdefault((when, subject), PreviousInspection(when, subject, None, doc.span(m.start(), m.end())))
                continue
            # the grades follow in the same or the next two sentences
            window_end = min(len(text), m.end() + 400)
            for scope, grade_pattern in (("safeguarding", _SAFEGUARDING_GRADE), ("looked-after-children", _LAC_GRADE)):
                g = grade_pattern.search(text, m.end(), window_end)
                if g:
                    found.setdefault((when, scope), PreviousInspection(
                        when, scope, parse_grade(g.group("grade")), doc.span(m.start(), g.end())))
    return tuple(sorted(found.values(), key=lambda p: p.evidence.start))


# -- overall judgements recalled (2018-on reports and visit letters) --------------------

_LAST_INSPECTION = re.compile(
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


# Where _LAST_INSPECTION can start, in the lowered text
_LAST_INSPECTION_STARTS = re.compile(r"(?:last|previous)\s|(?:was|were|been)\s+judged")


def _sentences_near_last_inspection(text: str):
    """The sentences ([^.\\n]+ and the full stop or line break after it) that a match of
    _LAST_INSPECTION in the whole text overlaps, in order: the only ones where a search of
    the sentence alone can find it (a match has no full stop or line break inside it, and
    what it looks at around it is the same in the sentence and in the text). Searching the
    text once, fast, instead of every sentence saves most of the time."""
    lowered = folded(text)
    hits = [m.span() for m in (scan_where(_LAST_INSPECTION, _LAST_INSPECTION_STARTS, text, lowered)
                               if lowered is not None else _LAST_INSPECTION.finditer(text))]
    i = 0
    for m in re.finditer(r"[^.\n]+[.\n]?", text):
        while i < len(hits) and hits[i][1] <= m.start():
            i += 1
        if i == len(hits):
            return
        if hits[i][0] < m.end():
            yield m


def recalled_overall_judgements(doc: Document, before: str | None = None) -> tuple[PreviousInspection, ...]:
    """How earlier inspections judged the council, where a sentence gives both year and grade.

    "Since the last inspection in 2018, when children's services in Essex were judged to be
    outstanding overall" -> 2018, overall-effectiveness, outstanding. Only dates before
    `before` (the inspection's own start, an ISO date) count.
    """
    found: dict[tuple, PreviousInspection] = {}
    for m in _sentences_near_last_inspection(doc.text):
        sentence = m.group(0)
        if not _LAST_INSPECTION.search(sentence):
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
        date = year_month(year.group(1), year.group(2)) if year.group(1) else year.group(2)
        if before and date >= before:
            continue  # ISO prefixes compare as dates: "2018" < "2023-06-26"
        key = (date, parse_grade(re.sub(r"^require\b", "requires", grade.group("grade"), flags=re.I)))
        if key not in found:
            found[key] = PreviousInspection(
                date, "overall-effectiveness", key[1], doc.span(m.start(), m.end())
            )
    return tuple(found.values())


# -- "The previous inspection of ... was in March 2012" (2013-2018 reports) -----------

PREVIOUS = re.compile(
    r"The\s+(?:previous|last)\s+(?:Ofsted\s+)?inspection\s+of\s+(?P<what>[^.\n]{3,160}?)\s+"
    rf"(?:was|took\s+place)\s+in\s+(?P<month>{MONTH})\s+(?P<year>\d{{4}})(?P<rest>[^.\n]*)\."
    r"(?:\s+(?:The\s+local\s+authority|It|They)\s+(?:was|were)\s+judged\s+to\s+be\s+(?P<grade>[^.\n]{1,60}))?",
    re.I,
)
SUBJECTS = [  # first match wins: "private fostering" before "fostering"
    (re.compile(r"private\s+fostering", re.I), "private-fostering"),
    (re.compile(r"fostering", re.I), "fostering"),
    (re.compile(r"adoption", re.I), "adoption"),
]
LA_SUBJECTS = [
    (re.compile(r"safeguarding|protection\s+of\s+children|child\s+protection", re.I), "safeguarding"),
    (re.compile(r"looked\s+after", re.I), "looked-after-children"),
]


def _subjects(what: str) -> list[str]:
    for pattern, subject in SUBJECTS:
        if pattern.search(what):
            return [subject]
    return [subject for pattern, subject in LA_SUBJECTS if pattern.search(what)]


def previous_inspection_sentences(doc: Document) -> list[PreviousInspection]:
    """"The previous inspection of X's safeguarding arrangements was in March 2012. The local
    authority was judged to be good." A sentence naming two services gives both."""
    out = []
    for m in PREVIOUS.finditer(doc.text):
        subjects = _subjects(m.group("what"))
        if not subjects:
            continue
        date = year_month(m.group("month"), m.group("year"))
        grade_text = m.group("grade") or ""
        if not grade_text:
            judged = re.search(r"judged\s+(?:it\s+)?to\s+be\s+(.*)", m.group("rest"), re.I)
            grade_text = judged.group(1) if judged else ""
        grade = parse_grade(grade_text)
        for subject in subjects:
            out.append(PreviousInspection(date, subject, grade, doc.span(m.start(), m.end())))
    return out


# -- "Date of previous inspection:" (area SEND reports) -----------------------------------

PREVIOUS_DATE = re.compile(r"Date\s+of\s+previous\s+inspection\s*:?\s*", re.I)


def labelled_previous_inspection(doc: Document, subject: str) -> list[PreviousInspection]:
    """The "Date of previous inspection:" on a report's cover, as an inspection of `subject` with no grade."""
    m = PREVIOUS_DATE.search(doc.text)
    if not m:
        return []
    start, _ = parse_date_range(doc.text[m.end(): m.end() + 60])
    if not start:
        return []
    return [PreviousInspection(start[:7], subject, None, doc.span(m.start(), m.end() + 30))]
