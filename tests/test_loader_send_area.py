"""The area SEND inspection loader on short report-like text (invented facts)."""
from __future__ import annotations

import pytest

from safeguarding_kg.loaders import send_area
from safeguarding_kg.text import document_from_text

# The 2023 layout; the PDF reader may run the "Areas for improvement" paragraphs together.
REPORT = """Local Area Partnership report
Area SEND inspection of Bristol Local Area Partnership
Inspection dates: 13 to 17 May 2024 Date of previous inspection: 5 to 9 March 2019
Inspection outcome
The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and young people with special educational needs and/or disabilities (SEND).
What does the area partnership need to do better?
- Waiting times for assessment are too long.
Areas for improvement
Areas for improvement Leaders should reduce waiting times for assessments. This matters most for autism. The local area partnership should improve the quality of EHC plans.
Local area partnership details
Inspection team
Ofsted\tCare Quality Commission Jane Example, Ofsted HMI, lead inspector Kim Other, CQC lead inspector
"""

# The 2016-2022 letters.
LETTER = """8 June 2018
Dear Ms Bloggs
Joint local area SEND inspection in Bristol
Between 5 March 2018 and 9 March 2018, Ofsted and the Care Quality Commission (CQC) conducted a joint inspection of the local area of Bristol.
The local area is required to produce and submit a written statement of action to Ofsted that explains how the local area will tackle the following areas of significant weakness:
- the poor quality of EHC plans
- the lack of joint commissioning
Yours sincerely
Jane Example
Her Majesty’s Inspector
"""


def load(text):
    doc = document_from_text(text)
    assert send_area.detect(doc)
    return send_area.load(doc)


def test_metadata_and_no_grades():
    record = load(REPORT)
    assert record.framework == "other"
    assert record.document_type == "inspection-report"
    assert record.subject_authority.code == "E06000023"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2024-05-13", "2024-05-17")
    assert record.inspection.lead_inspector == "Jane Example"  # not the table's column heading
    assert record.judgements == ()  # the outcome is none of the SCHEMA's grades
    assert [(p.date, p.subject) for p in record.previous_inspections] == [("2019-03", "send-area")]


def test_one_recommendation_per_should_sentence():
    doc = document_from_text(REPORT)
    recs = send_area.load(doc).recommendations
    assert [r.text for r in recs] == [
        "Leaders should reduce waiting times for assessments. This matters most for autism.",
        "The local area partnership should improve the quality of EHC plans.",
    ]
    assert all(r.timescale is None for r in recs)
    assert doc.quote(recs[1].evidence) == recs[1].text


def test_older_letter():
    record = load(LETTER)
    assert record.subject_authority.code == "E06000023"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2018-03-05", "2018-03-09")
    assert [r.text for r in record.recommendations] == [
        "the poor quality of EHC plans",
        "the lack of joint commissioning",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Inspection of Bristol local authority children’s services\nInspection dates: 4 to 15 March 2024",
        "Joint targeted area inspection of Bristol\nThis letter summarises the findings",
        "Bristol City Council\nSEND strategy 2024 to 2027\nOur plan after the inspection.",
    ],
)
def test_does_not_claim_other_genres(text):
    assert not send_area.detect(document_from_text(text))
