"""A sector-led peer review letter: councils reviewing another council's children's services.

The letter is headed "Peer Review" (often with the regional improvement
programme that runs it), dated, addressed to the reviewed council's director
("Dear ..."), says when the review "took place", gives strengths and areas for
development, lists its key recommendations as bullets, and is signed by the lead
reviewer, with the peer team's councils in the signature and copy list. No
grades: a peer review is not an inspection. The record's "inspection" holds the
review: its dates, the letter's date as published, the lead reviewer as lead
inspector and the programme as inspectorate.
"""
from __future__ import annotations

import re

from ..records import ExtractionRecord, Inspection, Recommendation
from ..text import Document
from .common import LINE_START, parse_date, parse_date_range, strip_markup
from .points import bullets_after
from .subject import authority, councils, most_named_council

GENRE = "peer_review"

# "Regional Peer Review", "Ref: Peer Review of Children's Services": a heading line, short and
# without a full stop (an inspection report's sentence may mention "a peer review in August 2023").
_HEADING = re.compile(r"^[^\n.]{0,60}\bpeer\s+(?:review|challenge)\b[^\n.]{0,60}$", re.I | re.M)


def detect(doc: Document) -> bool:
    return bool(_HEADING.search(strip_markup(doc.text[:1500])))


def load(doc: Document) -> ExtractionRecord:
    salutation = _SALUTATION.search(doc.text)
    letter_start = salutation.start() if salutation else min(len(doc.text), 1500)
    subject = _subject(doc, letter_start)
    return ExtractionRecord(
        source=doc.source,
        document_type="peer-review",
        framework="peer-review",
        subject_authority=subject,
        inspection=review(doc, letter_start),
        judgements=(),
        recommendations=recommendations(doc),
        peer_reviewers=peer_reviewers(doc, subject.code if subject else None),
    )


_SALUTATION = re.compile(LINE_START + r"Dear\b", re.I | re.M)


def _subject(doc: Document, letter_start: int):
    """The council the letter is addressed to (in the address block), else the one most named."""
    found = councils(doc.text[:letter_start])
    # the address block comes after the sender's details: the last council named before "Dear"
    if found:
        return authority(found[-1][0])
    return most_named_council(doc.text)


# -- the review ---------------------------------------------------------------------------

_TOOK_PLACE = re.compile(r"[^.\n]*\b(?:review|visit)\b[^.\n]*\b(?:took\s+place|between|from|on\s+site)\b[^.\n]*", re.I)
_PROGRAMME = re.compile(
    r"\b((?:[A-Z][\w\-]*[ \t]+){1,6}?(?:Sector[ \t\-]+Led[ \t]+)?Improvement[ \t]+(?:Programme|Partnership|Alliance))\b"
    r"|\b(Local\s+Government\s+Association)\b"
)
_CLOSING = re.compile(LINE_START + r"(?:Yours\s+(?:sincerely|faithfully)|Kind\s+regards|Best\s+wishes)\b[^\n]*\n", re.I | re.M)
NAME = r"[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+){1,3}"
# words that start a signatory's post, after the name: "Suzie Goodman Interim Director of ..."
_POST_WORDS = re.compile(
    r"\s+(?:Interim|Acting|Deputy|Assistant|Director|Head|Chief|Executive|Corporate|Strategic|Service|"
    r"Senior|Programme|Lead|Manager|Independent|Principal)\b.*$"
)


def review(doc: Document, letter_start: int) -> Inspection:
    text = doc.text
    start = end = None
    evidence = None
    for m in _TOOK_PLACE.finditer(text):
        first, last = parse_date_range(m.group(0))
        if first:
            start, end, evidence = first, last, doc.span(m.start(), m.end())
            break
    published = parse_date(text[:letter_start])
    programme = _PROGRAMME.search(text[: max(letter_start, 1500)]) or _PROGRAMME.search(text)
    inspectorate = " ".join((programme.group(1) or programme.group(2)).split()) if programme else None
    return Inspection(start, end, published, lead_reviewer(doc), inspectorate, evidence)


def lead_reviewer(doc: Document) -> str | None:
    """The letter's signatory: the name after "Yours sincerely", without the post that follows."""
    closing = _CLOSING.search(doc.text)
    if not closing:
        return None
    m = re.compile(rf"\s*(?:#{{1,6}}\s*)?\**({NAME})").match(doc.text, closing.end())
    if not m:
        return None
    return _POST_WORDS.sub("", m.group(1)).strip() or None


def peer_reviewers(doc: Document, subject_code: str | None) -> tuple[str, ...]:
    """The councils of the peer team: those named in the signature and copy list."""
    closing = _CLOSING.search(doc.text)
    if not closing:
        return ()
    names = [row["name"] for row, _, _ in councils(doc.text[closing.start():]) if row["code"] != subject_code]
    return tuple(dict.fromkeys(names))


# -- recommendations ------------------------------------------------------------------------

_RECOMMENDATIONS_LEAD = re.compile(r"^[^\n]*\brecommendations?\b[^\n]*$", re.I | re.M)


def recommendations(doc: Document) -> tuple[Recommendation, ...]:
    """The bullets that follow a line announcing the recommendations ("Our key messages and
    recommendations are that ..."); none of them carries a timescale."""
    text = doc.text
    for lead in _RECOMMENDATIONS_LEAD.finditer(text):
        items = bullets_after(doc, lead.end())
        if items:
            return items
    return ()
