"""What every loader needs: dates, grades, timescales, lead inspectors, the subject council.

Plain functions of text. Nothing here names a report, a council or a person.
"""
from __future__ import annotations

import re
from datetime import date

from ..records import Inspection
from ..text import Document

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
DASH = r"\s*(?:-|–|—|to|until|and)\s*"

# "6 – 30 September 2011", "26 to 30 June 2023", "28 January to 6 February 2013",
# "19 November 2018 to 23 November 2018", "September 16th to September 19th 2015"
_RANGE = re.compile(
    rf"{DAY}(?:\s+({MONTH}))?(?:\s+(\d{{4}}))?{DASH}{DAY}\s+({MONTH})\s+(\d{{4}})", re.I
)
_RANGE_MONTH_FIRST = re.compile(
    rf"({MONTH})\s+{DAY}(?:,?\s+(\d{{4}}))?{DASH}(?:({MONTH})\s+)?{DAY},?\s+(\d{{4}})", re.I
)
_DATE = re.compile(rf"\b{DAY}\s+({MONTH}),?\s+(\d{{4}})\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        m = month if isinstance(month, int) else MONTHS[month.lower()]
        return date(int(year), m, int(day)).isoformat()
    except (KeyError, ValueError):
        return None


def parse_date(text: str) -> str | None:
    """The first date in `text` ("24 October 2011", "29/09/2015") as ISO, or None."""
    m = _DATE.search(text)
    if m:
        return _iso(m.group(3), m.group(2), m.group(1))
    m = _NUMERIC_DATE.search(text)
    if m:
        return _iso(m.group(3), int(m.group(2)), m.group(1))
    return None


def year_month(month: str, year: str) -> str:
    """The month as ISO ("March", "2012" -> "2012-03"); the year alone if they make no date."""
    return (_iso(year, month, 1) or year)[:7]


def parse_date_range(text: str) -> tuple[str | None, str | None]:
    """The first date range in `text` as two ISO dates; a lone date gives (date, None)."""
    m = _RANGE.search(text)
    if m:
        d1, m1, y1, d2, m2, y2 = m.groups()
        return _iso(y1 or y2, m1 or m2, d1), _iso(y2, m2, d2)
    m = _RANGE_MONTH_FIRST.search(text)
    if m:
        m1, d1, y1, m2, d2, y2 = m.groups()
        return _iso(y1 or y2, m1, d1), _iso(y2, m2 or m1, d2)
    return parse_date(text), None


INSPECTION_DATES = re.compile(r"Inspection\s+dates?\s*:?\s*", re.I)


def dates_after_label(text: str, labels, after: int, within: int) -> tuple[str | None, str | None]:
    """The date range after the first of `labels` (tried in order) found in text[after:after + within]."""
    for label in labels:
        m = label.search(text, after, after + within)
        if m:
            return parse_date_range(text[m.end(): m.end() + 80])
    return None, None


GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "adequate": "adequate",
    "satisfactory": "satisfactory",
    "inadequate": "inadequate",
    "requires improvement to be good": "requires-improvement-to-be-good",
    "requires improvement": "requires-improvement",
}
GRADE_WORDS = r"(?:outstanding|good|adequate|satisfactory|inadequate|requires\s+improvement(?:\s+to\s+be\s+good)?)"


def parse_grade(text: str) -> str | None:
    """A grade word ("Good", "requires improvement to be good", "Grade 3 (adequate)") as a controlled value."""
    m = re.search(GRADE_WORDS, text, re.I)
    if not m:
        return None
    return GRADES[" ".join(m.group(0).lower().split())]


TIMESCALES = [
    (re.compile(r"\bimmediate(ly)?\b", re.I), "immediately"),
    (re.compile(r"\bwithin\s+(three|3)\s+months\b", re.I), "within-3-months"),
    (re.compile(r"\bwithin\s+(six|6)\s+months\b", re.I), "within-6-months"),
]


def parse_timescale(heading: str) -> str | None:
    """A recommendations heading ("Within three months:") as a controlled timescale."""
    for pattern, value in TIMESCALES:
        if pattern.search(heading):
            return value
    return None


_INSPECTOR = re.compile(
    r"(?:Lead|Reporting|Lead\s+and\s+reporting)\s+inspector\s*[:\-–]?\s*"
    # the name's words are on one line: the next line ("Team inspectors: ...") is not part of it
    r"([A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){1,3})",
)


def find_lead_inspector(text: str) -> str | None:
    """The lead or reporting inspector's name, without "HMI" or a title after it."""
    m = _INSPECTOR.search(text)
    if not m:
        return None
    name = m.group(1)
    name = re.split(r"\s+(?:HMI|Her|His|Ofsted|Senior|Social|Inspector|Age)\b", name)[0]
    return name.strip() or None


# where a heading line starts: blanks, a markdown "##" or bold "**" that text copies carry
LINE_START = r"^[ \t]*(?:#{1,6}[ \t]*)?\**"


def lines(text: str, start: int = 0, end: int | None = None):
    """(start offset, line) for each line of text[start:end]."""
    end = len(text) if end is None else end
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, line
        pos += len(line) + 1


def strip_markup(text: str) -> str:
    """Markdown emphasis that some text copies carry (**adequate**, *Working Together*)."""
    if "*" not in text and "__" not in text:  # nothing to strip: the pattern is slow on long texts
        return text
    return re.sub(r"(\*{1,2}|_{2})(.+?)\1", r"\2", text)


# the cover block of an Ofsted report (2009-2013 layouts)
_DATES = re.compile(r"Inspection\s+dates?\s*:?\s*([^\n]{0,80})", re.I)
_PUBLISHED = re.compile(r"(?:Report\s+)?Published\s*:?\s*([^\n]{0,40})", re.I)


def cover_block(doc: Document, inspectorate: str = "Ofsted") -> Inspection:
    """Dates, publication and lead inspector from an Ofsted report's cover ("Inspection dates:",
    "Published:", "Reporting inspector:" in its first 3,000 characters)."""
    head = doc.text[:3000]
    start = end = published = None
    evidence = None
    m = _DATES.search(head)
    if m:
        start, end = parse_date_range(m.group(1))
        evidence = doc.span(m.start(), m.end())
    m = _PUBLISHED.search(head)
    if m:
        published = parse_date(m.group(1))
    return Inspection(start, end, published, find_lead_inspector(head), inspectorate, evidence)
