"""Sector-led peer review letters: the heading, the review's dates, the addressed council,
the signatory, the peer team's councils and the key recommendations."""
from __future__ import annotations

import json
from pathlib import Path

from safeguarding_kg.extract import extract
from safeguarding_kg.loaders import committee, loader_for, peer_review
from safeguarding_kg.text import document_from_text, read_document

HERE = Path(__file__).parent
REPORTS = HERE.parent / "reports"

LETTER = """\
North West Sector Led Improvement Partnership

Email: peerreview@wigan.gov.uk

Jane Doe, Director of Children's Services, Bolton Council, Town Hall, Bolton BL1 1RU

14 March 2016

Peer Review of Children's Services

Dear Jane

Thank you for hosting the peer review that took place between 1 and 4 March 2016. This was not an inspection.

The key lines of enquiry were:

- Help and protection
- Leadership

Strengths

- Staff are committed.

Our recommendations are:

- Strengthen management oversight of assessments.
- Review the early help offer with partners.

We would be pleased to help further.

Yours sincerely

Mark Taylor Assistant Director of Children's Services Wigan Council

Copy:
Ann Lee, Head of Safeguarding, Salford City Council
"""


def test_detects_a_peer_review_heading_only():
    assert peer_review.detect(document_from_text(LETTER))
    assert loader_for(document_from_text(LETTER)) is peer_review
    # an inspection report's sentence about a peer review is not a heading
    assert not peer_review.detect(document_from_text(
        "Inspection of Bolton local authority children's services\nA new leadership team has been "
        "appointed following the commissioning of a peer review in August 2023. Since then, progress has been swift."))


def test_review_metadata():
    record = peer_review.load(document_from_text(LETTER))
    assert (record.document_type, record.framework) == ("peer-review", "peer-review")
    assert record.subject_authority.code == "E08000001"  # Bolton, addressed; not Wigan in the email
    i = record.inspection
    assert (i.start_date, i.end_date, i.published, i.lead_inspector, i.inspectorate) == (
        "2016-03-01", "2016-03-04", "2016-03-14", "Mark Taylor", "North West Sector Led Improvement Partnership")
    assert record.judgements == ()


def test_recommendations_and_peer_team():
    doc = document_from_text(LETTER)
    record = peer_review.load(doc)
    assert [(r.text, r.timescale) for r in record.recommendations] == [
        ("Strengthen management oversight of assessments.", None),
        ("Review the early help offer with partners.", None),
    ]
    assert doc.quote(record.recommendations[0].evidence) == "Strengthen management oversight of assessments."
    assert record.peer_reviewers == ("Wigan Metropolitan Borough Council", "Salford City Council")


def test_seed_letter_against_gold():
    gold = json.loads(next((HERE / "gold").glob("004_*.json")).read_text())
    path = REPORTS / gold["source"]
    doc = read_document(path)
    assert loader_for(doc) is peer_review and not committee.detect(doc)
    record = extract(path)
    assert list(record.peer_reviewers) == gold["peer_reviewers"]
    assert {k: getattr(record.inspection, k) for k in gold["inspection"]} == gold["inspection"]
    assert record.subject_authority.code == gold["subject_authority"]["code"]
    assert [r.text for r in record.recommendations] == [r["text"] for r in gold["recommendations"]]
