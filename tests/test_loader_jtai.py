"""The joint targeted area inspection loader on short letter-like text (invented facts)."""
from __future__ import annotations

import pytest

from safeguarding_kg.loaders import jtai
from safeguarding_kg.text import document_from_text

# 2016-2020 letters: a place in the title, "Between ... and ...", "Areas for improvement"
# with topic headings between glyph bullets, then a case study.
OLD = """7 June 2017
Jo Bloggs, Director of Children’s Services
Sam York, Chief Constable, Avon and Somerset Constabulary
Dear local partnership
Joint targeted area inspection of the multi-agency response to abuse and neglect in Bristol
Between 6 and 10 March 2017, Ofsted, the Care Quality Commission (CQC), HMI Constabulary and HMI Probation undertook a joint inspection.
Key strengths
\uf06e Thresholds are well understood by all agencies.
Areas for improvement
Front door
\uf06e Police referrals do not always say what the risk to the child is.
This delays decisions.
\uf06e Health visitors are not always invited to strategy meetings.
Leadership
\u25fc The board does not yet evaluate its training.
Case study: areas for improvement
One child waited too long for help.
Next steps
The director of children’s services should prepare a written statement of proposed action.
Yours sincerely
"""

# From 2022: the place is the title, "took place from", "What needs to improve?" with
# dash bullets, the heading glued by the PDF reader to the paragraph before it.
NEW = """12 December 2024
Dear Bristol Safeguarding Children Partnership
Joint targeted area inspection of Bristol
This letter summarises the findings of the joint targeted area inspection (JTAI) of the multi-agency response to children who are victims of domestic abuse in Bristol.
This inspection took place from 21 to 25 October 2024.
Headline findings
Most children get the help they need. Areas for improvement include the quality of referrals. What needs to improve?
- The quality of police referrals.
- The timeliness of multi-agency checks.
Strengths
- The mature relationships between partners.
Main findings
Leaders are committed.
"""


def load(text):
    doc = document_from_text(text)
    assert jtai.detect(doc)
    return jtai.load(doc)


def test_metadata_of_an_older_letter():
    record = load(OLD)
    assert record.framework == "jtai"
    assert record.document_type == "inspection-report"
    # the addressees ("Sam York") are not the subject
    assert record.subject_authority.code == "E06000023"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2017-03-06", "2017-03-10")
    assert record.inspection.published == "2017-06-07"
    assert record.inspection.lead_inspector is None
    assert record.judgements == ()


def test_areas_for_improvement_are_recommendations_without_timescale():
    record = load(OLD)
    assert [r.text for r in record.recommendations] == [
        "Police referrals do not always say what the risk to the child is. This delays decisions.",
        "Health visitors are not always invited to strategy meetings.",
        "The board does not yet evaluate its training.",
    ]
    assert all(r.timescale is None for r in record.recommendations)


def test_newer_letter():
    doc = document_from_text(NEW)
    record = load(NEW)
    assert record.subject_authority.code == "E06000023"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2024-10-21", "2024-10-25")
    assert record.inspection.published == "2024-12-12"
    # "Areas for improvement include ..." in a sentence is not a heading
    assert [r.text for r in record.recommendations] == [
        "The quality of police referrals.",
        "The timeliness of multi-agency checks.",
    ]
    assert doc.quote(record.recommendations[0].evidence) == "The quality of police referrals."


def test_subject_from_the_body_when_the_title_names_no_place():
    text = OLD.replace(" in Bristol\n", "\n").replace(
        "undertook a joint inspection.", "undertook a joint inspection.\nPartners in Bristol work well. Bristol has a new plan."
    )
    assert load(text).subject_authority.code == "E06000023"


@pytest.mark.parametrize(
    "text",
    [
        "Inspection of Bristol local authority children’s services\nInspection dates: 4 to 15 March 2024",
        "Focused visit to Bristol children’s services\nThis letter summarises the findings",
        # a council paper mentioning a JTAI far down, not as its title
        "Report to Cabinet\n" + "The council has improved its services. " * 80 + "Joint targeted area inspection of Bristol",
    ],
)
def test_does_not_claim_other_genres(text):
    assert not jtai.detect(document_from_text(text))
