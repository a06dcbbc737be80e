"""Unannounced inspections of local authority arrangements for the protection of children (2012-2013)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_kg.extract import extract
from safeguarding_kg.loaders import loader_for, protection, safeguarding_lac
from safeguarding_kg.text import document_from_text, read_document

HERE = Path(__file__).parent
REPORTS = HERE.parent / "reports"

REPORT = """\
Inspection of local authority arrangements for the protection of children

Kent

Inspection dates: 3 to 12 December 2012
Lead inspector: Alan Brown HMI

Age group: All

Contents
Overall effectiveness\t2
Record of main findings\t9

The inspection judgements and what they mean

Good\ta service that exceeds minimum requirements

Overall effectiveness

2. The overall effectiveness of the arrangements to protect children in Kent is judged to be **good**.

Areas for improvement

3. In order to improve the quality of help and protection, the local authority and its partners should take the following action.

Within three months:

- ensure that the views of children are recorded in
  every assessment
- ensure that strategy discussions include the police

Within six months:

- improve the use of chronologies.

About this inspection

4. This inspection was carried out under section 136 of the Education and Inspections Act 2006. The previous unannounced inspection of the council's contact, referral and assessment arrangements in June 2011 found two areas for development.

Service information

5. Kent has approximately 330,000 children and young people under the age of 18.

Overall effectiveness

6. The overall effectiveness of local authority arrangements to protect children in Kent is judged to be **good**.

The effectiveness of the help and protection provided to children, young people, families and carers

Good

7. Help is good.

The quality of practice

Requires improvement

Leadership and governance

Outstanding

8. Leaders are outstanding.

Record of main findings

Local authority arrangements for the protection of children\t
Overall effectiveness\tGood
The effectiveness of the help and protection provided to children, young people, families and carers\tGood
The quality of practice\tAdequate
Leadership and governance\tOutstanding
"""


def test_detects_the_title_only():
    assert protection.detect(document_from_text(REPORT))
    # a peer review borrowing the guidance's wording is not this genre
    assert not protection.detect(document_from_text(
        "Regional Peer Review\nWe used the guidance for Ofsted's unannounced inspections of local authority "
        "arrangements for the protection of children."))
    assert not safeguarding_lac.detect(document_from_text(REPORT))


def test_metadata_and_judgements_from_the_findings_table():
    record = protection.load(document_from_text(REPORT))
    assert (record.document_type, record.framework) == ("inspection-report", "protection-of-children")
    assert record.subject_authority.code == "E10000016"  # Kent
    i = record.inspection
    assert (i.start_date, i.end_date, i.published, i.lead_inspector) == ("2012-12-03", "2012-12-12", None, "Alan Brown")
    assert [(j.scope, j.area, j.grade) for j in record.judgements] == [
        (None, "Overall effectiveness", "good"),
        (None, "The effectiveness of the help and protection provided to children, young people, families and carers", "good"),
        (None, "The quality of practice", "adequate"),
        (None, "Leadership and governance", "outstanding"),
    ]


def test_graded_headings_when_the_table_is_lost():
    doc = document_from_text(REPORT.split("Record of main findings\n\n")[0])
    found = [(j.area, j.grade) for j in protection.load(doc).judgements]
    assert found == [
        ("Overall effectiveness", "good"),
        ("The effectiveness of the help and protection provided to children, young people, families and carers", "good"),
        ("The quality of practice", "requires-improvement"),
        ("Leadership and governance", "outstanding"),
    ]
    assert doc.quote(protection.load(doc).judgements[0].evidence).endswith("**good**")


def test_recommendations_previous_inspections_and_statistics():
    record = protection.load(document_from_text(REPORT))
    assert [(r.timescale, r.text) for r in record.recommendations] == [
        ("within-3-months", "ensure that the views of children are recorded in every assessment"),
        ("within-3-months", "ensure that strategy discussions include the police"),
        ("within-6-months", "improve the use of chronologies."),
    ]
    assert [(p.date, p.subject, p.grade) for p in record.previous_inspections] == [
        ("2011-06", "contact-referral-and-assessment", None)]
    assert [(s.measure, s.value) for s in record.statistics] == [("children-population", 330000)]


def test_seed_report_against_gold():
    gold = json.loads(next((HERE / "gold").glob("003_*.json")).read_text())
    path = REPORTS / gold["source"]
    assert loader_for(read_document(path)) is protection
    record = extract(path)
    assert [(j.area, j.grade) for j in record.judgements] == [(j["area"], j["grade"]) for j in gold["judgements"]]
    assert all(j.scope is None for j in record.judgements)
    assert record.previous_inspections == ()
    assert [{"measure": s.measure, "value": s.value} for s in record.statistics] == gold["statistics"]
    assert [r.timescale for r in record.recommendations] == [r["timescale"] for r in gold["recommendations"]]
