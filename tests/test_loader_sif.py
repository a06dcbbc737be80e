"""The single inspection framework loader on short report-like text (invented council facts)."""
from __future__ import annotations

import pytest

from safeguarding_kg.errors import ReportError
from safeguarding_kg.loaders import sif
from safeguarding_kg.text import document_from_text

TITLE = (
    "Inspection of services for children in need of help and protection, children looked after "
    "and care leavers and Review of the effectiveness of the Local Safeguarding Children Board1"
)

# The 2013-2014 layout: overall judgement as a sentence, LSCB judgement on the first page
# (split over two lines, as PDF text often is), "What does the local authority need to improve?".
EARLY = f"""Wigan Council
{TITLE}
Inspection date: 3 March – 26 March 2014
The overall judgement is inadequate
There are widespread or serious failures.
1. Children who need help and protection\tInadequate
2. Children looked after and achieving permanence
Requires improvement
2.1 Adoption performance\tGood
2.2 Experiences and progress of care leavers Requires improvement
3. Leadership, management and governance\tInadequate
The effectiveness of the Local Safeguarding Children Board (LSCB)
requires improvement
Contents
Section 1: the local authority
What does the local authority need to improve?
Priority and immediate action
14. Ensure that every child at risk is seen within a day of referral.
15. Make sure strategy meetings include the police. Areas for improvement
16. Improve the quality of plans (page 12, paragraph 40).
Participation of children
17. Increase the number of children who attend their reviews.
The local authority’s strengths
18. Social workers know children well and visit them often.
The previous inspection of Wigan’s safeguarding arrangements was in May 2011. The local authority was judged to be adequate.
The previous inspection of the local authority’s adoption service took place in June 2012 and judged it to be good.
 Approximately 72,500 children and young people under the age of 18 years live in Wigan.
 At 31 March 2013, 301 children and young people were the subject of a child protection plan.
 At 31 March 2013, 1,045 children were being looked after by the local authority (a rate of 70 per 10,000).
Lead inspector: Ann Example
Team inspectors: Bob Other, Cat Third
Section 2: The effectiveness of the local safeguarding children board
The effectiveness of the LSCB requires improvement
Priority and immediate action
60. There are no areas for priority or immediate action.
Areas for improvement
61. Ensure that the annual report evaluates the work of partners.
Key strengths and weaknesses of the LSCB
62. The LSCB meets its statutory duties.
"""

# The 2015-2018 layout: "Children's services in X ...", the LSCB graded in its own section,
# "Recommendations" lists, one of them bulleted.
LATE = f"""Wigan Council
{TITLE}
Inspection date: 12 September to 6 October 2016
Report published: 18 November 2016
Children’s services in Wigan require improvement to be good
1. Children who need help and protection\tRequires improvement
2. Children looked after and achieving permanence\tGood
2.1 Adoption performance\tOutstanding
2.2 Experiences and progress of care leavers\tGood
3. Leadership, management and governance\tRequires improvement
Executive summary
The local authority knows itself well, and the LSCB is good at some things.
Recommendations
1. Ensure that return home interviews take place for every missing child. (page 9, paragraph 20)
2. Improve the timeliness of assessments.
(page 10, paragraph 25)
Summary for children and young people
- Most children get help when they need it.
The Local Safeguarding Children Board is good
Executive summary
The board is well led.
Recommendations
- Ensure that the board hears the views of children.
- Evaluate the impact of multi-agency training.
Inspection findings – the Local Safeguarding Children Board
80. The LSCB is appropriately constituted.
Lead inspector: Dee Example HMI
Deputy lead inspector: Eve Sample
"""


def load(text):
    doc = document_from_text(text)
    assert sif.detect(doc)
    return sif.load(doc)


def grades(record):
    return {(j.area, j.grade, j.scope) for j in record.judgements}


def test_detects_the_title_followed_by_its_inspection_dates():
    assert sif.detect(document_from_text(EARLY))
    assert sif.detect(document_from_text(LATE))


@pytest.mark.parametrize(
    "text",
    [
        "Inspection of Wigan local authority children’s services\nInspection dates: 4 to 15 March 2024",
        "Focused visit to Wigan Council children’s services\nThis letter summarises the findings",
        "Inspection of safeguarding and looked after children services\nWigan\nInspection dates: 3 – 14 May 2010",
        # a council paper quoting the title, with no inspection dates line after it
        "Report to Cabinet\n12 March 2014\nOfsted published its " + TITLE + " on 21 March 2014. "
        "The overall judgement is good.",
    ],
)
def test_does_not_claim_other_genres(text):
    assert not sif.detect(document_from_text(text))


def test_metadata_of_the_early_layout():
    record = load(EARLY)
    assert record.framework == "single-inspection-framework"
    assert record.document_type == "inspection-report"
    assert record.subject_authority.code == "E08000010"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2014-03-03", "2014-03-26")
    assert record.inspection.published is None
    assert record.inspection.lead_inspector == "Ann Example"


def test_judgements_of_the_early_layout_keep_the_lscb_apart():
    assert grades(load(EARLY)) == {
        ("Overall effectiveness", "inadequate", None),
        ("Children who need help and protection", "inadequate", None),
        ("Children looked after and achieving permanence", "requires-improvement", None),
        ("Adoption performance", "good", None),
        ("Experiences and progress of care leavers", "requires-improvement", None),
        ("Leadership, management and governance", "inadequate", None),
        ("The effectiveness of the Local Safeguarding Children Board", "requires-improvement", "lscb"),
    }


def test_recommendations_of_the_early_layout():
    recs = load(EARLY).recommendations
    assert [(r.text, r.timescale) for r in recs] == [
        ("Ensure that every child at risk is seen within a day of referral.", "immediately"),
        ("Make sure strategy meetings include the police.", "immediately"),  # the glued heading comes off
        ("Improve the quality of plans.", None),  # the page reference comes off
        ("Increase the number of children who attend their reviews.", None),  # past a topic heading
        ("Ensure that the annual report evaluates the work of partners.", None),
    ]
    # "There are no areas for priority action" is not a recommendation; strengths are not either


def test_previous_inspections_and_headline_figures():
    record = load(EARLY)
    assert {(p.date, p.subject, p.grade) for p in record.previous_inspections} == {
        ("2011-05", "safeguarding", "adequate"),
        ("2012-06", "adoption", "good"),
    }
    assert {(s.measure, s.value, s.date) for s in record.statistics} == {
        ("children-population", 72500, None),
        ("child-protection-plans", 301, "2013-03-31"),
        ("looked-after-children", 1045, "2013-03-31"),
    }


def test_the_later_layout():
    record = load(LATE)
    assert record.inspection.published == "2016-11-18"
    assert record.inspection.lead_inspector == "Dee Example"
    assert grades(record) == {
        ("Overall effectiveness", "requires-improvement-to-be-good", None),
        ("Children who need help and protection", "requires-improvement", None),
        ("Children looked after and achieving permanence", "good", None),
        ("Adoption performance", "outstanding", None),
        ("Experiences and progress of care leavers", "good", None),
        ("Leadership, management and governance", "requires-improvement", None),
        ("The effectiveness of the Local Safeguarding Children Board", "good", "lscb"),
    }
    assert [r.text for r in record.recommendations] == [
        "Ensure that return home interviews take place for every missing child.",
        "Improve the timeliness of assessments.",
        "Ensure that the board hears the views of children.",
        "Evaluate the impact of multi-agency training.",
    ]


def test_every_fact_points_at_its_words():
    doc = document_from_text(EARLY)
    record = sif.load(doc)
    lscb = next(j for j in record.judgements if j.scope == "lscb")
    assert " ".join(doc.quote(lscb.evidence).split()).endswith("(LSCB) requires improvement")
    first = record.recommendations[0]
    assert doc.quote(first.evidence) == first.text
    assert "May 2011" in doc.quote(record.previous_inspections[0].evidence)


def test_a_document_without_the_title_is_an_error():
    with pytest.raises(ReportError):
        sif.load(document_from_text("Some other paper about children’s services."))


def test_a_negated_overall_sentence_is_no_grade():
    text = LATE.replace("Children’s services in Wigan require improvement to be good", "Children’s services in Wigan are not yet good")
    assert "Overall effectiveness" not in {j.area for j in load(text).judgements}


def test_lscb_judgement_glued_after_the_table():
    text = EARLY.replace("\tInadequate\nThe effectiveness of the Local Safeguarding Children Board (LSCB)\nrequires", "\tInadequate. The effectiveness of the Local Safeguarding Children Board (LSCB) requires")
    assert ("The effectiveness of the Local Safeguarding Children Board", "requires-improvement", "lscb") in grades(load(text))
