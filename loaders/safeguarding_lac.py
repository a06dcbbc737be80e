"""Ofsted inspections of safeguarding and looked after children services (2009-2012) and of
looked after children services (2012-2013).

Their standard layout: a cover block ("Inspection dates:", "Reporting inspector:",
"Published:"), a "Service information" section, judgement headings each with
"Grade 3 (adequate)", "Areas for improvement" with bullets under "Immediately:",
"Within three months:" and "Within six months:", and a closing "Record of main
findings" table ("Overall effectiveness<TAB>Adequate") under scope headings
("Safeguarding services", "Services for looked after children").

The findings table and graded headings (loaders.findings), the timescale
recommendations (loaders.points) and the previous inspections (loaders.previous)
are read as in the protection-of-children reports and the council papers that
quote this layout.
"""
from __future__ import annotations

import re

from ..records import ExtractionRecord
from ..text import Document
from .common import cover_block, strip_markup
from .findings import main_findings
from .points import timescale_recommendations
from .previous import recalled_framework_inspections
from .statistics import area_statistics
from .subject import subject_council

GENRE = "safeguarding_lac"

# The title starts a line: a sentence recalling "the last inspection of safeguarding" is not one.
_TITLE = re.compile(
    r"^[ \t#*]*(?:(?:Announced\s+)?Inspection\s+of\s+(?:safeguarding(?:\s+and\s+looked\s+after\s+children)?"
    r"|looked\s+after\s+children)(?:\s+services)?\b"
    r"|(?:Ofsted\s+)?safeguarding\s+and\s+looked\s+after\s+children\s+(?:services\s+)?inspection\b)",
    re.I | re.M,
)
_LAC_ONLY_TITLE = re.compile(r"\bInspection\s+of\s+looked\s+after\s+children\b", re.I)
# The 2009-2012 framework was carried out under the Children Act 2004; the 2012-2013
# looked after children inspections under section 136 of the Education and Inspections Act 2006.
_CHILDREN_ACT_2004 = re.compile(r"carried\s+out\s+under\s+(?:the\s+)?Children\s+Act\s+2004", re.I)


def detect(doc: Document) -> bool:
    return bool(_TITLE.search(strip_markup(doc.text[:2000])))


def load(doc: Document) -> ExtractionRecord:
    text = doc.text
    lac_only = bool(_LAC_ONLY_TITLE.search(strip_markup(text[:2000])))
    inspection = cover_block(doc)
    # a looked after children inspection before June 2012 was the old framework's re-inspection
    old_framework = _CHILDREN_ACT_2004.search(text) or (inspection.start_date or "9999") < "2012-06"
    framework = (
        "looked-after-children" if lac_only and not old_framework
        else "safeguarding-and-looked-after-children"
    )
    return ExtractionRecord(
        source=doc.source,
        document_type="inspection-report",
        framework=framework,
        subject_authority=subject_council(doc.text, 0, 1000, on=inspection.start_date),
        inspection=inspection,
        judgements=main_findings(doc, default_scope="looked-after-children" if lac_only else None),
        recommendations=timescale_recommendations(doc),
        previous_inspections=recalled_framework_inspections(doc, before=inspection.start_date),
        statistics=area_statistics(doc),
    )


