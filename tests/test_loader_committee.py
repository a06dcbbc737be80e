"""A council's cabinet or committee paper about an inspection: the meeting, the author, the
framework of the inspection it describes, the findings it quotes, not its own recommendations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_kg.extract import extract
from safeguarding_kg.loaders import committee, loader_for
from safeguarding_kg.text import document_from_text, read_document

HERE = Path(__file__).parent
REPORTS = HERE.parent / "reports"

SIF_PAPER = """\
Report to: Cabinet
Date of meeting: 14 May 2014
Report of: Director of Children's Services
Report author: Sarah Jones

Ofsted inspection of services for children in need of help and protection, children looked after and care leavers

1. Purpose of report
1.1 To inform Cabinet of the outcome of the Ofsted inspection of children's services in Bolton, which took place from 14 January to 5 February 2014.

2. Recommendations
2.1 That Cabinet notes the outcome of the inspection.
2.2 That Cabinet receives the action plan in September 2014.

3. Background
3.1 The previous inspection of safeguarding and looked after children services in March 2012 found that the overall effectiveness of safeguarding services was good.
3.2 Ofsted's judgements are:

Overall effectiveness\tRequires improvement
Children who need help and protection\tRequires improvement
Children looked after and achieving permanence\tGood
Leadership, management and governance\tRequires improvement
The effectiveness of the Local Safeguarding Children Board\tGood

3.3 Bolton has 65,000 children and young people under the age of 18 and 600 looked after children.
"""

SLAC_PAPER = """\
Children's Services Scrutiny Committee – Tuesday 3 July 2012

Report of the Director of Children's Services

Inspection of Safeguarding and Looked after Children Services

1. To inform the Committee of the outcome of the inspection of safeguarding and looked after children services in Wigan, which took place between 14 and 25 May 2012.
2. The inspection was carried out under the Children Act 2004.

Safeguarding Services

Overall Effectiveness: Grade 2 (Good)

The overall effectiveness of safeguarding services is good.

Capacity for improvement: Grade 3 (Adequate)

Capacity is adequate.

Areas for improvement

Immediately:

- ensure that all children are seen within agreed timescales

Services for looked after children

Overall Effectiveness: Grade 3 (Adequate)

Looked after children services are adequate.

Within three months:

- Wigan Council to review placement stability

Peter Smith
Director of Children's Services

Contact Officer: Anne White
"""


def test_detects_a_meeting_header_and_an_inspection():
    assert committee.detect(document_from_text(SIF_PAPER))
    assert committee.detect(document_from_text(SLAC_PAPER))
    # an Ofsted report has neither a meeting header nor "Report of"
    assert not committee.detect(document_from_text(
        "Inspection of safeguarding and looked after children services\nWigan\nInspection dates: 14 - 25 May 2012"))
    # a meeting paper about something else
    assert not committee.detect(document_from_text("Report to: Cabinet\nDate of meeting: 14 May 2014\nBudget 2014/15"))


def test_sif_paper_framework_meeting_and_author():
    record = committee.load(document_from_text(SIF_PAPER))
    assert (record.document_type, record.framework) == ("committee-report", "single-inspection-framework")
    assert record.subject_authority.code == "E08000001"  # Bolton
    assert (record.document.date, record.document.body, record.document.author) == ("2014-05-14", "Cabinet", "Sarah Jones")
    i = record.inspection
    assert (i.start_date, i.end_date, i.inspectorate) == ("2014-01-14", "2014-02-05", "Ofsted")


def test_sif_paper_quoted_table_and_no_recommendations_of_its_own():
    record = committee.load(document_from_text(SIF_PAPER))
    assert [(j.scope, j.area, j.grade) for j in record.judgements] == [
        (None, "Overall effectiveness", "requires-improvement"),
        (None, "Children who need help and protection", "requires-improvement"),
        (None, "Children looked after and achieving permanence", "good"),
        (None, "Leadership, management and governance", "requires-improvement"),
        (None, "The effectiveness of the Local Safeguarding Children Board", "good"),
    ]
    assert record.recommendations == ()  # "That Cabinet notes ..." is the paper's, not Ofsted's
    assert [(p.date, p.subject, p.grade) for p in record.previous_inspections] == [("2012-03", "safeguarding", "good")]
    assert record.statistics == ()  # no context section: a paper's figures are not read


def test_slac_paper_graded_headings_signature_and_timescales():
    record = committee.load(document_from_text(SLAC_PAPER))
    assert record.framework == "safeguarding-and-looked-after-children"
    assert record.subject_authority.code == "E08000010"  # Wigan
    assert (record.document.date, record.document.body, record.document.author) == (
        "2012-07-03", "Children's Services Scrutiny Committee", "Peter Smith")
    assert (record.inspection.start_date, record.inspection.end_date) == ("2012-05-14", "2012-05-25")
    assert [(j.scope, j.area, j.grade) for j in record.judgements] == [
        ("safeguarding", "Overall Effectiveness", "good"),
        ("safeguarding", "Capacity for improvement", "adequate"),
        ("looked-after-children", "Overall Effectiveness", "adequate"),
    ]
    assert [(r.timescale, r.text) for r in record.recommendations] == [
        ("immediately", "ensure that all children are seen within agreed timescales"),
        ("within-3-months", "Wigan Council to review placement stability"),
    ]


@pytest.mark.parametrize("title, framework", [
    ("Ofsted inspection of local authority arrangements for the protection of children", "protection-of-children"),
    ("Inspection of looked after children services", "looked-after-children"),
    ("Inspection of Wigan local authority children's services (ILACS)", "ilacs"),
    ("Ofsted focused visit to children's services", "focused-visit"),
    ("Joint targeted area inspection of the response to child exploitation", "jtai"),
])
def test_framework_is_the_described_inspections(title, framework):
    text = f"Report to: Cabinet\nDate of meeting: 1 June 2013\n\n{title}\n\n1. The inspection found ..."
    assert committee.framework(document_from_text(text)) == framework


def test_seed_paper_against_gold():
    gold = json.loads(next((HERE / "gold").glob("001_*.json")).read_text())
    path = REPORTS / gold["source"]
    assert loader_for(read_document(path)) is committee
    record = extract(path)
    doc = read_document(path)
    assert {k: getattr(record.document, k) for k in gold["document"]} == gold["document"]
    assert [{"date": p.date, "subject": p.subject, "grade": p.grade}
            for p in record.previous_inspections] == gold["previous_inspections"]
    assert record.statistics == ()
    assert [(j.scope, j.area, j.grade) for j in record.judgements] == [
        (j["scope"], j["area"], j["grade"]) for j in gold["judgements"]]
    for fact in record.judgements + record.recommendations:
        assert doc.quote(fact.evidence).strip()


def test_a_peer_reviews_own_report_is_not_a_committee_paper():
    text = ("Children's Safeguarding Peer Review\nWigan Council\n"
            "Report of the peer team, 3 - 6 March 2014\nWe used Ofsted's inspection framework.\n")
    assert not committee.detect(document_from_text(text))
    # but a meeting paper about a peer review is one
    paper = "Report to: Cabinet\nDate of meeting: 1 May 2014\nPeer Review of Children's Services\nThe inspection ..."
    assert committee.detect(document_from_text(paper))


def test_markdown_header_and_signature_in_a_text_copy():
    text = SLAC_PAPER.replace(
        "Children's Services Scrutiny Committee – Tuesday 3 July 2012",
        "**Children's Services Scrutiny Committee – Tuesday 3 July 2012**").replace(
        "Report of the Director", "## Report of the Director").replace("Peter Smith\n", "## Peter Smith\n")
    record = committee.load(document_from_text(text))
    assert committee.detect(document_from_text(text))
    assert (record.document.date, record.document.body, record.document.author) == (
        "2012-07-03", "Children's Services Scrutiny Committee", "Peter Smith")


def test_framework_from_the_inspection_date_when_the_paper_names_none():
    text = "Report to: Cabinet\nDate of meeting: 1 June 2015\n\nOfsted inspection of Wigan children's services\n\n1. The inspection ..."
    assert committee.framework(document_from_text(text), "2015-03-02") == "single-inspection-framework"
    assert committee.framework(document_from_text(text), "2019-03-02") == "ilacs"
    assert committee.framework(document_from_text(text), "2012-10-01") == "other"  # two frameworks ran then
    assert committee.framework(document_from_text("Report to: Cabinet\nBudget"), "2015-03-02") == "other"


def test_quoted_recommendations_without_timescales():
    text = SIF_PAPER.replace("3.3 Bolton", "What needs to improve in this local authority\n\n"
                             "1. Improve the quality of assessments.\n2. Ensure that care plans are reviewed.\n\n3.3 Bolton")
    record = committee.load(document_from_text(text))
    assert [(r.text, r.timescale) for r in record.recommendations] == [
        ("Improve the quality of assessments.", None), ("Ensure that care plans are reviewed.", None)]
