"""Joint targeted area inspections (2016 on): a letter from Ofsted, the CQC, HMICFRS and HMI
Probation to a local partnership, titled "Joint targeted area inspection of ...".

A JTAI gives no grades, so the record has no judgements. Its points for improvement
("Areas for improvement" in 2016-2020, "What needs to improve?" from 2022) are the
recommendations, with no timescale. The letter names no lead inspector (the national
directors sign it), so that stays empty.

Document type: the SCHEMA keeps `inspection-letter` for focused and monitoring visits, so
a JTAI, although written as a letter, is an `inspection-report`. Its date at the head of
the letter is the date Ofsted published it, and is recorded as `published`.
"""
from __future__ import annotations

import re

from ..errors import ReportError
from ..records import ExtractionRecord, Inspection, Recommendation
from ..text import Document
from .common import DAY, MONTH, parse_date, parse_date_range
from .points import points_under
from .subject import subject_council

GENRE = "jtai"
FRAMEWORK = "jtai"

TITLE = re.compile(r"Joint\s+targeted\s+area\s+inspection\s+(?:of|in)\b", re.I)
LETTER_SIGNS = re.compile(r"\bDear\b|\bThis\s+letter\b|\bBetween\s+\d|\btook\s+place\b", re.I)
LETTER_DATE = re.compile(rf"(?m)^[ \t]*({DAY}\s+{MONTH}\s+\d{{4}})[ \t]*$", re.I)


def detect(doc: Document) -> bool:
    """The JTAI title near the top, in a letter (a greeting before it or the inspection's account after)."""
    title = TITLE.search(doc.text[:2500])
    if not title:
        return False
    around = doc.text[max(0, title.start() - 400): title.end() + 800]
    return bool(LETTER_SIGNS.search(around))


def load(doc: Document) -> ExtractionRecord:
    text = doc.text
    title = TITLE.search(text[:2500])
    if not title:
        raise ReportError(f"{doc.source}: no joint targeted area inspection title found.")
    start, end = parse_date_range(text[title.end(): title.end() + 1500])
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-report",
        framework=FRAMEWORK,
        subject_authority=subject_authority(text, title.start(), start),
        inspection=Inspection(
            start_date=start,
            end_date=end,
            published=letter_date(text[: title.start()]),
            lead_inspector=None,
            inspectorate="Ofsted",
        ),
        recommendations=tuple(recommendations(doc)),
    )


def letter_date(head: str) -> str | None:
    """The date on a line of its own above the title: the letter's date."""
    m = LETTER_DATE.search(head)
    return parse_date(m.group(1)) if m else None


def subject_authority(text: str, title_start: int, on: str | None):
    """The council the title or its opening paragraphs name; failing that, the one the letter names most.

    The addressees above the title are left out: they name people and partner bodies,
    and a person's surname can be a place ("Giles York").
    """
    opening = text[title_start: title_start + 1500]
    opening_end = opening.find("\n", 400)
    end = title_start + opening_end if opening_end > 0 else title_start + 1500
    return subject_council(text, title_start, end, on, most_named_from=title_start)


# -- points for improvement -------------------------------------------------------

# A heading on its own line, or glued by the PDF reader to the end of the paragraph before.
IMPROVE_HEADING = re.compile(
    r"(?:^|(?<=[.!?]\s))(Areas\s+for\s+improvement|What\s+needs\s+to\s+improve\??)[ \t]*(?=\n)", re.M
)
NEXT_HEADING = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Key\s+strengths|Strengths|Case\s+[Ss]tudy|Next\s+steps|Main\s+findings|"
    r"Yours\s+sincerely|Context|Headline\s+findings)\b",
    re.M,
)


def recommendations(doc: Document) -> list[Recommendation]:
    return points_under(doc, IMPROVE_HEADING, NEXT_HEADING)
