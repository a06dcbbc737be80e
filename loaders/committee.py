"""A council's cabinet or committee paper about an inspection of its children's services.

The paper opens with a meeting header ("The Cabinet – Wednesday 8 February 2012",
"Report to: Cabinet", "Date of meeting: ...") and "Report of the Director of ...";
it quotes the inspection it reports on: its dates, its judgements (often the
"Record of main findings" table as an appendix) and its recommendations under
timescale headings. The framework is that of the inspection described, named
in the paper's title or opening paragraphs. The paper's own recommendations to
the meeting ("Cabinet to note ...") are not the inspection's and are left out.
"""
from __future__ import annotations

import re

from ..records import DocumentInfo, ExtractionRecord, Inspection, Judgement
from ..text import Document
from .common import DAY, LINE_START, MONTH, find_lead_inspector, parse_date, parse_date_range, strip_markup
from . import peer_review
from .points import bullets_after, timescale_recommendations
from .previous import recalled_framework_inspections
from .findings import grade_table, graded_headings
from .statistics import area_statistics
from .subject import most_named_council

GENRE = "committee"

BODY = r"(?:Cabinet|Executive|Council|[A-Z][\w&',\- ]{0,60}?(?:Committee|Board|Panel|Cabinet|Forum|Executive|Council))"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DATE = rf"{DAY}\s+{MONTH},?\s+\d{{4}}"

# "The Cabinet – Wednesday 8 February 2012", "Children's Scrutiny Committee, 12 March 2013"
_MEETING_LINE = re.compile(
    LINE_START + rf"(?:Meeting\s+of\s+)?(?:the\s+)?(?P<body>{BODY})[ \t]*[–—\-,:][ \t]*{WEEKDAY}(?P<date>{DATE})\**[ \t]*$",
    re.I | re.M,
)
# "Report to: Cabinet", "Meeting: Children's Services Scrutiny Committee"
_BODY_LABEL = re.compile(
    LINE_START + rf"(?:Report\s+to|Meeting|Committee|Decision\s+maker|Name\s+of\s+(?:meeting|committee))[ \t]*:?[ \t]*"
    rf"(?:the\s+)?(?P<body>{BODY})\**[ \t]*$",
    re.I | re.M,
)
_DATE_LABEL = re.compile(
    LINE_START + rf"(?:Date\s+of\s+(?:the\s+)?meeting|Meeting\s+date|Date)[ \t]*:?[ \t]*{WEEKDAY}(?P<date>{DATE})", re.I | re.M
)
_REPORT_OF = re.compile(LINE_START + r"Report\s+(?:of|by|from)\b", re.I | re.M)
_PURPOSE = re.compile(LINE_START + r"(?:(?:\d+\.?\s*)?Purpose\s+of\s+(?:the\s+)?report|Agenda\s+item)\b", re.I | re.M)


def detect(doc: Document) -> bool:
    """A meeting header (or "Report of ..." outside a peer review's own report) in the opening,
    and an inspection it is about."""
    head = strip_markup(doc.text[:2000])
    meeting = _MEETING_LINE.search(head) or _BODY_LABEL.search(head) or _DATE_LABEL.search(head)
    report_of = (_REPORT_OF.search(head) or _PURPOSE.search(head)) and not peer_review.detect(doc)
    return bool(meeting or report_of) and bool(
        re.search(r"\binspection\b|\bOfsted\b", strip_markup(doc.text[:4000]), re.I))


def load(doc: Document) -> ExtractionRecord:
    inspection = described_inspection(doc)
    return ExtractionRecord(
        source=doc.source,
        document_type="committee-report",
        framework=framework(doc, inspection.start_date),
        subject_authority=most_named_council(doc.text, on=inspection.start_date),
        inspection=inspection,
        document=document_info(doc),
        judgements=judgements(doc),
        recommendations=timescale_recommendations(doc) or quoted_recommendations(doc),
        previous_inspections=recalled_framework_inspections(doc, before=inspection.start_date),
        statistics=area_statistics(doc, whole_text_if_none=False),
    )


# -- the inspection described ---------------------------------------------------------

# Earliest mention wins (the paper's title or first paragraph); on a tie, the first listed.
FRAMEWORKS = (
    ("safeguarding-and-looked-after-children", r"safeguarding\s+and\s+looked\s+after\s+children"),
    ("single-inspection-framework", r"children\s+in\s+need\s+of\s+help\s+and\s+protection|single\s+inspection\s+framework|\bSIF\b"),
    ("ilacs", r"inspection\s+of\s+local\s+authority\s+children['’]s\s+services|\bILACS\b"),
    ("protection-of-children", r"arrangements\s+for\s+the\s+protection\s+of\s+children"),
    ("looked-after-children", r"inspection\s+of\s+(?:services\s+for\s+)?looked\s+after\s+children|looked\s+after\s+children(?:['’]s)?\s+services\s+inspection"),
    ("jtai", r"joint\s+targeted\s+area\s+inspection|\bJTAI\b"),
    ("focused-visit", r"focused\s+visit"),
    ("monitoring-visit", r"monitoring\s+visit"),
    ("joint-area-review", r"joint\s+area\s+review"),
    ("lscb-review", r"review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+board"),
    ("peer-review", r"peer\s+review"),
)


# Where the paper names no framework, the one Ofsted used for a full inspection of
# children's services at the time: safeguarding and looked after children to May 2012,
# the single inspection framework from November 2013, ILACS from January 2018.
ERAS = (("2018-01", "ilacs"), ("2013-11", "single-inspection-framework"),
        ("2012-06", None), ("2009-06", "safeguarding-and-looked-after-children"))


def framework(doc: Document, inspection_start: str | None = None) -> str:
    head = strip_markup(doc.text[:6000])
    best = None
    for name, pattern in FRAMEWORKS:
        m = re.search(pattern, head, re.I)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    if best:
        return best[1]
    if inspection_start and re.search(r"inspection\s+of\s+(?:\w+\s+){0,3}?children['’]s\s+services", head, re.I):
        era = next((name for since, name in ERAS if inspection_start >= since), None)
        if era:
            return era
    return "other"


_SENTENCE = re.compile(r"[^.\n]*\binspect[^.\n]*", re.I)
_PUBLISHED = re.compile(rf"\bpublished\s+(?:on\s+)?(?P<date>{DATE})", re.I)


def described_inspection(doc: Document) -> Inspection:
    """The dates of the inspection the paper reports: the first sentence about it with a date range."""
    start = end = None
    evidence = None
    for m in _SENTENCE.finditer(doc.text):
        first, last = parse_date_range(m.group(0))
        if first and last:
            start, end, evidence = first, last, doc.span(m.start(), m.end())
            break
    published = _PUBLISHED.search(doc.text)
    inspectorate = "Ofsted" if re.search(r"\bOfsted\b", doc.text) else None
    return Inspection(
        start, end, parse_date(published.group("date")) if published else None,
        find_lead_inspector(doc.text), inspectorate, evidence,
    )


def judgements(doc: Document) -> tuple[Judgement, ...]:
    """The findings table the paper reproduces; else the graded headings it quotes, once each."""
    table = grade_table(doc)
    if table:
        return table
    seen, found = set(), []
    for j in graded_headings(doc):
        key = (j.scope, j.area.lower())
        if key not in seen:
            seen.add(key)
            found.append(j)
    return tuple(found)


# Ofsted's own lead-ins to its recommendations, as the paper quotes them (the paper's
# own "Recommendations" to the meeting are not among them).
_OFSTED_LEAD_IN = re.compile(
    LINE_START + r"(?:[^\n]*\bthe\s+local\s+authority(?:\s+and\s+its\s+partners)?\s+should\b[^\n]*"
    r"|(?:Areas\s+for\s+improvement|What\s+(?:the\s+local\s+authority\s+)?needs\s+to\s+improve)[^\n]{0,40})$",
    re.I | re.M,
)


def quoted_recommendations(doc: Document) -> tuple:
    """Without timescale headings: the bullets after Ofsted's lead-in ("What needs to improve")."""
    found = {}
    for lead in _OFSTED_LEAD_IN.finditer(doc.text):
        for item in bullets_after(doc, lead.end()):
            found.setdefault(item.text.lower(), item)  # a list quoted twice counts once
    return tuple(found.values())


# -- the paper itself -------------------------------------------------------------------

NAME = r"[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+){1,2}"
_AUTHOR_LABEL = re.compile(rf"\b(?i:(?:Report\s+)?Author)\s*:[ \t]*(?P<name>{NAME})")
# a signature: the name alone on its line, the post on the next
_SIGNATURE = re.compile(
    LINE_START + rf"(?P<name>{NAME})\**[ \t]*\n[ \t]*(?:#{{1,6}}[ \t]*)?\**(?:(?:Acting|Interim|Deputy|Assistant|Corporate|Strategic|Executive)\s+)*"
    r"(?:Director|Head\s+of|Chief|Executive\s+Director|Cabinet\s+Member|Portfolio\s+Holder)\b",
    re.M,
)
_REPORT_OF_NAME = re.compile(rf"\bReport\s+(?:of|by)\s*:?[ \t]*(?P<name>{NAME})[ \t]*,")


def document_info(doc: Document) -> DocumentInfo:
    """The meeting's date and body, and the paper's author, from its header and signature."""
    head = doc.text[:2000]
    body = date = None
    m = _MEETING_LINE.search(head)
    if m:
        body, date = m.group("body"), parse_date(m.group("date"))
    else:
        label = _BODY_LABEL.search(head)
        body = label.group("body") if label else None
        dated = _DATE_LABEL.search(head)
        date = parse_date(dated.group("date")) if dated else None
    author = None
    for pattern in (_AUTHOR_LABEL, _SIGNATURE, _REPORT_OF_NAME):
        m = pattern.search(doc.text)
        if m:
            author = " ".join(m.group("name").split())
            break
    if body:
        body = " ".join(strip_markup(body).split())
    return DocumentInfo(date, body, author)
