"""Safeguarding and looked after children inspections (2009-2012) and looked after children
inspections (2012-2013): detection, cover block, findings table, graded headings, timescale
recommendations, previous inspections; the seed report and a real PDF against records by hand."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from safeguarding_kg.extract import extract
from safeguarding_kg.loaders import loader_for, protection, safeguarding_lac
from safeguarding_kg.text import document_from_text, read_document

HERE = Path(__file__).parent
GOLD = HERE / "gold"
REPORTS = HERE.parent / "reports"
REAL = HERE.parents[1] / "shared" / "real-reports"
SANDWELL = "sandwell_2013-08-02_childrens-services-inspection"

SLAC = """\
Inspection of safeguarding and looked after children services
Leeds

Inspection dates: 15 – 26 March 2010
Reporting inspector: Margaret Hollins HMI

Age group: All
Published: 30 April 2010

Contents
Service information\t3
Record of main findings\t20

About this inspection

1. The last inspection of safeguarding and looked after children services in Leeds took place in May 2008 and found that the overall effectiveness of safeguarding services was judged to be good. The overall effectiveness of services for looked after children was outstanding.
2. An unannounced inspection of the council's contact, referral and assessment services in July 2009 found no priority actions.
3. The inspection was carried out under the Children Act 2004.

Service information

4. Leeds has 170,000 children and young people aged 0 to 19. There are 1,200 looked after children. There were 600 children subject to a child protection plan as at 1 March 2010. The council has 410 fostering households.

Safeguarding services

Overall effectiveness

Grade 2 (good)

5. The overall effectiveness of safeguarding services is good.

Areas for improvement

6. In order to improve the quality of provision, the local authority and its partners should take the following action.

Immediately:

- ensure that all referrals are screened by a qualified social worker within one working day
- review the arrangements for the

Local Safeguarding Children Board to scrutinise **serious case reviews**

Within three months:

- develop the quality assurance framework so that audits
  lead to improved practice
Within six months:
- extend the use of the common assessment framework.

Services for looked after children

Overall effectiveness

Grade 1 (outstanding)

Record of main findings

Safeguarding services\t
Overall effectiveness\tGood
Capacity for improvement\tGood
Safeguarding outcomes for children and young people\t
Children and young people are safe and feel safe\tAdequate
Services for looked after children\t
Overall effectiveness\tOutstanding
How good are outcomes for looked after children and care leavers?\t
Being healthy\t**Good**
Economic well-being\tInadequate
"""


def test_detects_the_titles_of_both_frameworks():
    assert safeguarding_lac.detect(document_from_text(SLAC))
    assert safeguarding_lac.detect(document_from_text("\n# Inspection of looked after children services\nKent\n"))
    assert safeguarding_lac.detect(document_from_text("Inspection of safeguarding\nLeeds\nInspection dates: 1 - 5 March 2011"))


@pytest.mark.parametrize("title", [
    "Inspection of Leeds local authority children's services\nInspection dates: 4 to 15 March 2024",
    "Leeds City Council\nInspection of services for children in need of help and protection, children looked after and care leavers",
    "Leeds City Council\nInspection of children's social care services\nInspection dates: 1 to 5 October 2018",
    "12 May 2020\nDear Ms Smith\nFocused visit to Leeds children's services",
    "12 May 2020\nDear Ms Smith\nMonitoring visit of Leeds children's services",
    "Joint targeted area inspection of the multi-agency response to children's mental health in Leeds",
    "Area SEND inspection of Leeds Local Area Partnership",
    "Inspection of local authority arrangements for the protection of children\nLeeds",
    # a sentence recalling the old framework is not a title
    "Leeds City Council\nServices have deteriorated since the last inspection of safeguarding and looked after children services.",
])
def test_does_not_claim_other_genres(title):
    assert not safeguarding_lac.detect(document_from_text(title))


@lru_cache(maxsize=None)
def slac_record():
    return safeguarding_lac.load(document_from_text(SLAC))


def test_cover_block_and_framework():
    record = slac_record()
    assert record.document_type == "inspection-report"
    assert record.framework == "safeguarding-and-looked-after-children"
    assert record.subject_authority.code == "E08000035"  # Leeds
    i = record.inspection
    assert (i.start_date, i.end_date, i.published, i.lead_inspector, i.inspectorate) == (
        "2010-03-15", "2010-03-26", "2010-04-30", "Margaret Hollins", "Ofsted")


def test_looked_after_children_only_inspections_have_their_own_framework():
    lac = "Inspection of looked after children services\nKent\nInspection dates: 1 - 5 October 2012\n"
    assert safeguarding_lac.load(document_from_text(lac)).framework == "looked-after-children"
    # a looked after children re-inspection under the 2009-2012 framework (Children Act 2004)
    old = lac + "The inspection was carried out under the Children Act 2004.\n"
    assert safeguarding_lac.load(document_from_text(old)).framework == "safeguarding-and-looked-after-children"


def test_record_of_main_findings_with_scopes_and_spans():
    doc = document_from_text(SLAC)
    found = [(j.scope, j.area, j.grade) for j in slac_record().judgements]
    assert found == [
        ("safeguarding", "Overall effectiveness", "good"),
        ("safeguarding", "Capacity for improvement", "good"),
        ("safeguarding", "Children and young people are safe and feel safe", "adequate"),
        ("looked-after-children", "Overall effectiveness", "outstanding"),
        ("looked-after-children", "Being healthy", "good"),
        ("looked-after-children", "Economic well-being", "inadequate"),
    ]
    assert doc.quote(slac_record().judgements[-1].evidence) == "Economic well-being\tInadequate"


def test_graded_headings_when_there_is_no_table():
    text = SLAC.split("Record of main findings\n\n")[0]
    found = [(j.scope, j.area, j.grade) for j in safeguarding_lac.load(document_from_text(text)).judgements]
    assert found == [
        ("safeguarding", "Overall effectiveness", "good"),
        ("looked-after-children", "Overall effectiveness", "outstanding"),
    ]


def test_recommendations_under_timescale_headings():
    doc = document_from_text(SLAC)
    recs = slac_record().recommendations
    assert [(r.timescale, r.text) for r in recs] == [
        ("immediately", "ensure that all referrals are screened by a qualified social worker within one working day"),
        # carried over a blank line after a dangling word; emphasis dropped from the text
        ("immediately", "review the arrangements for the Local Safeguarding Children Board to scrutinise serious case reviews"),
        ("within-3-months", "develop the quality assurance framework so that audits lead to improved practice"),
        ("within-6-months", "extend the use of the common assessment framework."),
    ]
    # the span keeps the original text, markup and all
    assert doc.quote(recs[1].evidence).endswith("**serious case reviews**")


def test_previous_inspections_with_their_grades():
    found = [(p.date, p.subject, p.grade) for p in slac_record().previous_inspections]
    assert found == [
        ("2008-05", "safeguarding", "good"),
        ("2008-05", "looked-after-children", "outstanding"),
        ("2009-07", "contact-referral-and-assessment", None),
    ]


def test_the_current_inspection_is_not_a_previous_one():
    text = SLAC.replace("took place in May 2008", "took place in March 2010")
    found = safeguarding_lac.load(document_from_text(text)).previous_inspections
    assert [p.subject for p in found] == ["contact-referral-and-assessment"]


def test_statistics_from_service_information():
    found = [(s.measure, s.value, s.date) for s in slac_record().statistics]
    assert found == [
        ("children-population", 170000, None),
        ("looked-after-children", 1200, None),
        ("child-protection-plans", 600, "2010-03-01"),
        ("fostering-households", 410, None),
    ]


# -- the seed report ------------------------------------------------------------------------

def _gold(stem: str) -> dict:
    return json.loads(next(GOLD.glob(stem + "*.json")).read_text())


def _plain(items, keys):
    return [{k: getattr(item, k) for k in keys} for item in items]


def test_seed_report_previous_inspections_and_statistics_match_gold():
    gold = _gold("000_")
    record = extract(REPORTS / gold["source"])
    assert loader_for(read_document(REPORTS / gold["source"])) is safeguarding_lac
    assert _plain(record.previous_inspections, ("date", "subject", "grade")) == gold["previous_inspections"]
    stats = [{k: v for k, v in s.items() if v is not None}
             for s in _plain(record.statistics, ("measure", "value", "date"))]
    assert stats == gold["statistics"]
    doc = read_document(REPORTS / gold["source"])
    for fact in record.judgements + record.recommendations + record.previous_inspections + record.statistics:
        assert fact.evidence and doc.quote(fact.evidence).strip()


# -- a real looked after children inspection (PDF) ---------------------------------------------

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-reports is not here")


@needs_real
def test_sandwell_pdf_against_its_golden_record():
    golden = json.loads((HERE / "golden" / "records" / f"{SANDWELL}.json").read_text())
    doc = read_document(REAL / f"{SANDWELL}.pdf")
    assert loader_for(doc) is safeguarding_lac
    assert not protection.detect(doc)
    record = extract(REAL / f"{SANDWELL}.pdf")
    assert (record.document_type, record.framework) == (golden["document_type"], golden["framework"])
    assert record.subject_authority.code == golden["subject_authority"]["code"]
    i = record.inspection
    assert {k: getattr(i, k) for k in golden["inspection"]} == golden["inspection"]
    assert _plain(record.judgements, ("scope", "area", "grade")) == golden["judgements"]
    words = lambda s: " ".join(s.replace("\u2019", "'").split())  # noqa: E731
    assert [(words(r.text), r.timescale) for r in record.recommendations] == [
        (words(r["text"]), r["timescale"]) for r in golden["recommendations"]]
    assert _plain(record.previous_inspections, ("date", "subject", "grade")) == golden["previous_inspections"]
    assert [(s.measure, s.value) for s in record.statistics] == [
        (s["measure"], s["value"]) for s in golden["statistics"]]
    for fact in record.judgements + record.recommendations:
        assert fact.evidence.page is not None


def test_table_cells_on_separate_lines_and_long_timescale_headings():
    text = (
        "Inspection of safeguarding and looked after children services\nWigan\n"
        "Inspection dates: 7 - 18 February 2011\n"
        "Within three months of the date of this report:\n"
        "• agree a protocol for children who go missing\n"
        "Record of main findings\n"
        "Services for looked after children\n"
        "Overall effectiveness\nGood\n"
        "Capacity for improvement\nOutstanding\n"
    )
    record = safeguarding_lac.load(document_from_text(text))
    assert [(j.scope, j.area, j.grade) for j in record.judgements] == [
        ("looked-after-children", "Overall effectiveness", "good"),
        ("looked-after-children", "Capacity for improvement", "outstanding"),
    ]
    assert [(r.timescale, r.text) for r in record.recommendations] == [
        ("within-3-months", "agree a protocol for children who go missing")]


def test_a_looked_after_children_reinspection_before_june_2012_is_the_old_framework():
    text = "Inspection of looked after children services\nWigan\nInspection dates: 7 - 18 February 2011\n"
    assert safeguarding_lac.load(document_from_text(text)).framework == "safeguarding-and-looked-after-children"


def test_markdown_headings_and_emphasis_in_a_text_copy():
    text = (
        "# Inspection of safeguarding and looked after children services\n\nWigan\n\n"
        "Inspection dates: 7 - 18 February 2011\n\n"
        "## Safeguarding services\n\n### Overall effectiveness\n\n**Grade 2 (good)**\n\n"
        "The overall effectiveness is good.\n\n"
        "**Within six months:**\n\n* review the **missing children** protocol\n\n"
        "## Record of main findings:\n\n"
        "Safeguarding services\t\n**Overall effectiveness**\t**Good**\nPartnership working\t*Adequate*\n"
    )
    doc = document_from_text(text)
    record = safeguarding_lac.load(doc)
    assert [(j.scope, j.area, j.grade) for j in record.judgements] == [
        ("safeguarding", "Overall effectiveness", "good"), ("safeguarding", "Partnership working", "adequate")]
    assert [(r.timescale, r.text) for r in record.recommendations] == [
        ("within-6-months", "review the missing children protocol")]
    without_table = safeguarding_lac.load(document_from_text(text.split("## Record")[0]))
    assert [(j.scope, j.area, j.grade) for j in without_table.judgements] == [
        ("safeguarding", "Overall effectiveness", "good")]
