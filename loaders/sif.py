"""Single inspection framework (2013-2018): Ofsted's "Inspection of services for children
in need of help and protection, children looked after and care leavers", usually
combined with a "Review of the effectiveness of the Local Safeguarding Children Board".

The report opens with a summary block: the council, the title, the inspection dates,
the overall judgement ("The overall judgement is requires improvement", or from 2015
"Children's services in X are good"), a numbered table of the area judgements
("2.1 Adoption performance  Good") and, in the 2013-2014 layout, the LSCB's judgement.
Later layouts state the LSCB's judgement at the head of its own section ("The Local
Safeguarding Children Board is good").

Scope: the local authority's judgements have scope None and the LSCB's "lscb", so the
two sets stay apart in one record (see gold/SCHEMA.md).

Recommendations are the numbered paragraphs under "What does the local authority
(LSCB) need to improve?" (2013-2015) or "Recommendations" (2015-2018). Items under a
"Priority and immediate action" heading are timed "immediately", as that heading says;
the rest have no timescale.
"""
from __future__ import annotations

import re

from ..errors import ReportError
from ..records import (
    ExtractionRecord,
    Inspection,
    Judgement,
    Recommendation,
    Statistic,
)
from ..text import Document
from .common import (
    GRADE_WORDS, INSPECTION_DATES, dates_after_label, find_lead_inspector, parse_date, parse_grade, parse_timescale,
)
from .previous import previous_inspection_sentences
from .subject import subject_council

GENRE = "sif"
FRAMEWORK = "single-inspection-framework"

TITLE = re.compile(
    r"Inspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection,?\s+"
    r"children\s+looked\s+after\s+and\s+care\s+leavers",
    re.I,
)
PUBLISHED = re.compile(r"Report\s+published\s*:?\s*", re.I)

# "requires improvement" is also written as a verb: "children's services require improvement"
GRADE = rf"(?:{GRADE_WORDS}|require\s+improvement(?:\s+to\s+be\s+good)?)"


def _grade(text: str) -> str | None:
    return parse_grade(re.sub(r"\brequire\b", "requires", text, flags=re.I))


def detect(doc: Document) -> bool:
    """The SIF title near the top, followed by its inspection dates line."""
    head = doc.text[:2000]
    title = TITLE.search(head)
    return bool(title and INSPECTION_DATES.search(doc.text, title.end(), title.end() + 600))


def load(doc: Document) -> ExtractionRecord:
    text = doc.text
    title = TITLE.search(text[:2000])
    if not title:
        raise ReportError(f"{doc.source}: no single inspection framework title found.")
    start, end = dates_after_label(text, [INSPECTION_DATES], title.end(), within=600)
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-report",
        framework=FRAMEWORK,
        # the council's name sits above the title; a report without it has no subject council
        subject_authority=subject_council(text, 0, title.end() + 200, start, most_named_from=None),
        inspection=Inspection(
            start_date=start,
            end_date=end,
            published=_published(text, title.end()),
            lead_inspector=find_lead_inspector(text),
            inspectorate="Ofsted",
        ),
        judgements=tuple(judgements(doc, title.end())),
        recommendations=tuple(recommendations(doc)),
        previous_inspections=tuple(previous_inspection_sentences(doc)),
        statistics=tuple(statistics(doc)),
    )


# -- metadata -------------------------------------------------------------------


def _published(text: str, after: int) -> str | None:
    m = PUBLISHED.search(text, after, after + 800)
    return parse_date(text[m.end(): m.end() + 40]) if m else None


# -- judgements -----------------------------------------------------------------

OVERALL = [
    # 2013-2014: "The overall judgement is requires improvement",
    # "The overall judgement is that children's services require improvement"
    re.compile(
        rf"The\s+overall\s+judgement\s+is\s+(?:that\s+)?(?:children[’']s\s+services\s+(?:are\s+|is\s+)?)?({GRADE})",
        re.I,
    ),
    # 2015-2018: "Children's services in Hertfordshire are good",
    # "Children's services in Southend-on-Sea require improvement to be good"
    re.compile(rf"Children[’']s\s+services\s+in\s+[^\n.]{{1,80}}?\s+(?:are\s+|is\s+)?({GRADE})\b", re.I),
]
# "2.1 Adoption performance<TAB>Good": the summary table, a grade at the end of a numbered line
AREA_ROW = re.compile(
    rf"(?m)^[ \t]*\d(?:\.\d)?\.?[ \t]+([A-Z][^\n\t\d]*?)\s+({GRADE})[ \t]*$", re.I
)
# where the summary block ends
SUMMARY_END = re.compile(r"\n(?:Contents|Executive summary|Section 1|Summary of key findings)\b")
LSCB_AREA = "The effectiveness of the Local Safeguarding Children Board"
LSCB = re.compile(
    r"(?:^|(?<=\t)|(?<=[.!?]\s))[ \t]*The\s+(?:effectiveness\s+of\s+the\s+)?(?:Local\s+Safeguarding\s+Children\s+Board|LSCB)"
    rf"(?:\s*\(LSCB\))?\s+(?:is\s+)?({GRADE})(?=\s*(?:$|\.|Executive|The\s))",
    re.I | re.M,
)


def judgements(doc: Document, after: int) -> list[Judgement]:
    text = doc.text
    end_match = SUMMARY_END.search(text, after)
    summary_end = end_match.start() if end_match else min(len(text), after + 3000)
    found = []
    for pattern in OVERALL:
        m = pattern.search(text, after, summary_end)
        if m and not re.search(r"\bnot\b", m.group(0)):  # "... are not yet good" is no grade
            found.append(Judgement("Overall effectiveness", _grade(m.group(1)), None, doc.span(m.start(), m.end())))
            break
    for m in AREA_ROW.finditer(text, after, summary_end):
        area = " ".join(m.group(1).split())
        found.append(Judgement(area, _grade(m.group(2)), None, doc.span(m.start(1), m.end(2))))
    m = LSCB.search(text, after)
    if m:
        found.append(Judgement(LSCB_AREA, _grade(m.group(1)), "lscb", doc.span(m.start(), m.end())))
    return [j for j in found if j.grade]


# -- recommendations ------------------------------------------------------------

# A heading that opens a numbered list of recommendations: on its own line, or, where a
# PDF reader glued it to the end of the paragraph before, after that paragraph's last stop.
REC_HEADING = re.compile(
    r"(?:^|(?<=[.:;!?)]\s))[ \t]*(What\s+does\s+the\s+(?:local\s+authority|LSCB|Board)\s+need\s+to\s+improve\?|Recommendations|Areas\s+for\s+improvement|Priority\s+and\s+immediate\s+action)[ \t]*\n",
    re.M,
)
# a numbered paragraph, or a bulleted one (some reports bullet the LSCB's recommendations)
ITEM = re.compile(r"^[ \t]*(?:(\d{1,3})\.|[-\u2022\u25aa\u25a0\u25fc\u25cf\ue000-\uf8ff])[ \t]+(.*)$")
# Headings that end a recommendations list: a later section of the report. Topic headings
# inside a list ("Consistency of practice", "Partnership working") do not.
SECTION_HEADING = re.compile(
    r"^(?:Information\s+about|What\s|The\s+local\s+authority|The\s+Local\s+Safeguarding|The\s+experiences|"
    r"Leadership,|Section\s+\d)|strengths|findings|summary|judgements?\b|inspection|progress\s+since|executive|contents",
    re.I,
)
PAGE_REFERENCE = re.compile(r"\s*\((?:see\s+)?(?:pages?|paragraphs?)\b[^)]*\)", re.I)
NO_ITEMS = re.compile(r"^There\s+are\s+no\s+(?:areas|recommendations|priority)", re.I)


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 12 and not re.search(r"[.;:,]$", line.strip()) and line.strip()[:1].isupper()


def _trailing_heading(text: str) -> tuple[str, str | None]:
    """An item's text without a heading glued to its end ("... Board. Areas for improvement")."""
    m = re.search(r"(?<=[.;!?)])\s+([A-Z][A-Za-z’' ,]{2,80})$", text)
    if m and _is_heading(m.group(1)) and len(m.group(1).split()) <= 8:
        return text[: m.start()], m.group(1)
    return text, None


def clean_recommendation(text: str) -> str:
    """The recommendation's words, without its cross-references to pages and paragraphs."""
    text = PAGE_REFERENCE.sub("", text)
    text = re.sub(r"\s+([.,;])", r"\1", text)
    return " ".join(text.split())


def recommendations(doc: Document) -> list[Recommendation]:
    out: dict[int, Recommendation] = {}  # by start offset: a list under two headings is read once
    for heading in REC_HEADING.finditer(doc.text):
        timescale = parse_timescale(heading.group(1)) if heading.group(1).startswith("Priority") else None
        for rec in _numbered_list(doc, heading.end(), timescale):
            out.setdefault(rec.evidence.start, rec)
    return sorted(out.values(), key=lambda r: r.evidence.start)


def _numbered_list(doc: Document, pos: int, timescale: str | None) -> list[Recommendation]:
    """The numbered items from `pos` on, until a paragraph or heading that is not part of the list."""
    text = doc.text
    items: list[list] = []  # [start, end, timescale]
    number = None
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end]
        item = ITEM.match(line)
        stripped = line.strip()
        if item:
            if item.group(1):
                n = int(item.group(1))
                if number is not None and n != number + 1:
                    break
                number = n
            items.append([pos + item.start(2), line_end, timescale])
        elif not stripped:
            pass
        elif items and (stripped[:1] in "(" or stripped[:1].islower()):
            items[-1][1] = line_end  # a reference or a sentence carried on to the next line
        elif _is_heading(stripped) and not SECTION_HEADING.search(stripped):
            if re.match(r"(?:Priority|Areas\s+for\s+improvement)", stripped, re.I):
                timescale = parse_timescale(stripped)
        else:
            break
        if items and items[-1][1] == line_end:
            # a heading glued to the item's end changes the timescale of the items after it
            _, glued = _trailing_heading(text[items[-1][0]: line_end])
            if glued and re.match(r"(?:Priority|Areas\s+for\s+improvement)", glued, re.I):
                timescale = parse_timescale(glued)
        pos = line_end + 1
    out = []
    for start, end, item_timescale in items:
        body, _ = _trailing_heading(text[start:end])
        if NO_ITEMS.match(body):
            continue
        out.append(
            Recommendation(clean_recommendation(body), item_timescale, (), doc.span(start, start + len(body)))
        )
    return out


# -- headline figures ----------------------------------

COUNT = r"(\d{1,3}(?:,\d{3})+|\d+)"
AT_DATE = r"At\s+(?P<when>[^,\n]{4,40}),\s+"
STATISTICS = [
    ("children-population", re.compile(
        rf"Approximately\s+{COUNT}\s+children\s+and\s+young\s+people\s+under\s+the\s+age\s+of\s+18", re.I)),
    ("child-protection-plans", re.compile(
        rf"{AT_DATE}{COUNT}\s+children(?:\s+and\s+young\s+people)?\s+(?:were|are)\s+the\s+subject\s+of\s+a\s+child\s+protection\s+plan",
        re.I)),
    ("looked-after-children", re.compile(
        rf"{AT_DATE}{COUNT}\s+children(?:\s+and\s+young\s+people)?\s+(?:were|are)\s+being\s+looked\s+after\s+by\s+the\s+local\s+authority",
        re.I)),
]


def statistics(doc: Document) -> list[Statistic]:
    """The headline figures of "Information about this local authority area", where stated."""
    out = []
    for measure, pattern in STATISTICS:
        m = pattern.search(doc.text)
        if not m:
            continue
        value = int(m.group(m.lastindex).replace(",", ""))
        when = parse_date(m.group("when")) if "when" in pattern.groupindex else None
        out.append(Statistic(measure, value, when, doc.span(m.start(), m.end())))
    return out
