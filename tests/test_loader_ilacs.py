"""The ILACS loader on short report-like texts written for these tests."""
from __future__ import annotations

from safeguarding_kg.loaders import ilacs, points, previous
from safeguarding_kg.text import document_from_text

STANDARD = """\
Inspection of Rutland local authority children’s services
Inspection dates: 3 to 14 March 2025
Lead inspector: Alex Example, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work practice with children and families
Good
The experiences and progress of children who need help and protection
Requires improvement to be good The experiences and progress of children in care Good
The experiences and progress of care leavers
Outstanding
Overall effectiveness Good
Since the last inspection in 2021, when services in Rutland were judged to be requires improvement to be good, leaders have acted quickly.
What needs to improve?
1
◼ The timeliness of strategy meetings (outcome 2, national framework)
◼ The quality of written plans for children who need help. (enabler:
the workforce is equipped and effective, national framework)
◼ Support for care leavers in custody. The experiences and progress of children who need help and protection: requires improvement to be good
1. Children receive a timely response.
"""

# 2018-19: the council's name comes before the title; one row for children in care and care leavers.
EARLY = """\
Example text
Rutland County Council
Inspection of children’s social care services
Inspection dates: 19 November 2018 to 30 November 2018
Lead inspector: Sam Sample
Her Majesty’s Inspector
Judgement Grade
The impact of leaders on social work practice with children and families Inadequate
The experiences and progress of children who need help and protection Inadequate
The experiences and progress of children in care and care leavers
Requires improvement to be good
Overall effectiveness Inadequate
Services for children in Rutland require improvement to be good, as was the case at the last inspection in 2015.
What needs to improve
\uf06e The response to neglect.
\uf06e The quality of assessments and plans. \uf06e The quality of supervision.
The experiences and progress of children who need help and protection is inadequate
1. Children wait too long.
"""

# A short inspection (one week, a council judged good before) reads the same way.
SHORT = """\
Inspection of Bury local authority children’s services Inspection dates: 6 to 10 May 2024
Lead inspector: Kim Sample, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work practice with children and families Outstanding The experiences and progress of children who need help and protection
Good The experiences and progress of children in care Good The experiences and progress of care leavers
Good Overall effectiveness Good Since the previous inspection in 2019, the council has improved.
What needs to improve?
- Return home conversations for children who go missing.
The experiences and progress of children who need help and protection: good
"""

# The 2026 reformed report: four judgements, no overall effectiveness grade.
REFORMED = """\
Inspection of Rutland local authority children’s services Inspection dates: 8 to 19 June 2026 Lead inspector: Jo Bloggs, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work practice with children and families
Inadequate
The experiences and progress of children who need help and protection
Inadequate
The experiences and progress of children in care
Good The experiences and progress of care leavers
Requires improvement to be good Since the previous inspection, leaders have changed.
What needs to improve?
◼ Response to homeless 16- and 17-year-olds (outcome 2, national framework)
◼ Leaders’ grip on practice (enabler: leaders drive conditions for effective practice, national framework)
The experiences and progress of children who need help and protection: inadequate
"""


def load(text: str):
    doc = document_from_text(text)
    assert ilacs.detect(doc)
    return doc, ilacs.load(doc)


def test_standard_report_metadata():
    _, record = load(STANDARD)
    assert (record.document_type, record.framework) == ("inspection-report", "ilacs")
    assert record.subject_authority.code == "E06000017"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2025-03-03", "2025-03-14")
    assert record.inspection.lead_inspector == "Alex Example"
    assert record.inspection.inspectorate == "Ofsted"


def test_judgement_rows_run_together_or_split_over_lines():
    doc, record = load(STANDARD)
    assert [(j.area, j.grade) for j in record.judgements] == [
        ("The impact of leaders on social work practice with children and families", "good"),
        ("The experiences and progress of children who need help and protection", "requires-improvement-to-be-good"),
        ("The experiences and progress of children in care", "good"),
        ("The experiences and progress of care leavers", "outstanding"),
        ("Overall effectiveness", "good"),
    ]
    assert all(j.scope is None for j in record.judgements)
    assert doc.quote(record.judgements[-1].evidence) == "Overall effectiveness Good"


def test_points_lose_framework_tags_and_the_next_heading():
    doc, record = load(STANDARD)
    assert [r.text for r in record.recommendations] == [
        "The timeliness of strategy meetings",
        "The quality of written plans for children who need help.",
        "Support for care leavers in custody.",
    ]
    assert all(r.timescale is None for r in record.recommendations)
    assert doc.quote(record.recommendations[2].evidence) == "Support for care leavers in custody."


def test_previous_inspection_with_year_and_grade():
    doc, record = load(STANDARD)
    [previous] = record.previous_inspections
    assert (previous.date, previous.subject, previous.grade) == (
        "2021", "overall-effectiveness", "requires-improvement-to-be-good")
    assert doc.quote(previous.evidence).startswith("Since the last inspection in 2021")


def test_early_report_with_council_before_title_and_combined_row():
    _, record = load(EARLY)
    assert record.subject_authority.code == "E06000017"
    assert record.inspection.lead_inspector == "Sam Sample"
    assert (record.inspection.start_date, record.inspection.end_date) == ("2018-11-19", "2018-11-30")
    assert [(j.area, j.grade) for j in record.judgements][2:] == [
        ("The experiences and progress of children in care and care leavers", "requires-improvement-to-be-good"),
        ("Overall effectiveness", "inadequate"),
    ]
    assert [r.text for r in record.recommendations] == [
        "The response to neglect.", "The quality of assessments and plans.", "The quality of supervision.",
    ]
    assert [(p.date, p.grade) for p in record.previous_inspections] == [
        ("2015", "requires-improvement-to-be-good")
    ]


def test_short_inspection():
    _, record = load(SHORT)
    assert record.framework == "ilacs"
    assert record.subject_authority.code == "E08000002"
    assert len(record.judgements) == 5
    assert record.judgements[0].grade == "outstanding"
    assert [r.text for r in record.recommendations] == ["Return home conversations for children who go missing."]
    assert record.previous_inspections == ()  # a year without a grade is not enough


def test_reformed_report_has_four_judgements_and_no_overall():
    _, record = load(REFORMED)
    assert record.inspection.lead_inspector == "Jo Bloggs"
    assert [j.grade for j in record.judgements] == [
        "inadequate", "inadequate", "good", "requires-improvement-to-be-good"]
    assert not any(j.area.startswith("Overall") for j in record.judgements)
    assert [r.text for r in record.recommendations] == [
        "Response to homeless 16- and 17-year-olds", "Leaders’ grip on practice"]


def test_previous_inspection_sentences():
    def found(sentence):
        return [(p.date, p.grade) for p in previous.recalled_overall_judgements(document_from_text(sentence))]

    assert found("At the last inspection, in May 2019, the local authority was judged to be ‘inadequate’.") == [
        ("2019-05", "inadequate")]
    assert found("The last full inspection, in January 2019, judged all services as good.") == [("2019-01", "good")]
    assert found("Since the last inspection in 2018, progress has been slow.") == []
    # a sentence about one judgement area is not the overall grade
    assert found("Care leavers were judged to be good at the last inspection in 2017.") == []


def test_detection_takes_the_title_not_quotes_of_it():
    split_title = STANDARD.replace("Inspection of Rutland local", "Inspection of Rutland\nlocal")
    for text in (STANDARD, EARLY, SHORT, REFORMED, split_title):
        assert ilacs.detect(document_from_text(text))
    not_ilacs = [
        # single inspection framework, 2013-2018
        "Rutland County Council\nInspection of services for children in need of help and protection, "
        "children looked after and care leavers\nand\nReview of the effectiveness of the local "
        "safeguarding children board\nInspection date: 1 May 2016 to 24 May 2016\nReport published: 1 July 2016\n"
        "Lead inspector: Ann Other HMI",
        # JTAI letter
        "1 May 2024\nDirector of Children's Services\nJoint targeted area inspection of the multi-agency "
        "response to children at risk in Rutland\nThis letter summarises the findings.",
        # a council paper about an inspection
        "Cabinet 4 July 2023\nReport of the Director of Children's Services\nOfsted Inspection of Local "
        "Authority Children's Services (ILACS)\n1. Purpose: to tell Cabinet the outcome of the inspection, "
        "which took place between 3 and 14 April 2023 and judged services good.",
        # a focused visit letter
        "12 May 2022\nDear Ms Other\nFocused visit to Rutland local authority children’s services\n"
        "This letter summarises the findings of the focused visit on 3 and 4 May 2022. This visit was "
        "carried out in line with the inspection of local authority children’s services (ILACS) framework.",
        # 2013 protection of children
        "Inspection of local authority arrangements for the protection of children\nRutland\n"
        "Inspection dates: 28 January to 6 February 2013\nLead inspector Ann Other",
        # SEND area inspection
        "Area SEND inspection of Rutland Local Area Partnership\nInspection dates: 6 to 10 March 2023\n"
        "Lead inspector: Ann Other, His Majesty's Inspector",
    ]
    for text in not_ilacs:
        assert not ilacs.detect(document_from_text(text)), text[:60]


def test_bullet_points_continue_over_lines_and_stop_at_a_heading():
    text = (
        "Areas\n◼ First point, which goes on\nover a line.\n◼ Second point.\nA second paragraph of it.\n"
        "◼ Third point.\nFindings\nSomething else.\n"
    )
    spans = points.bullet_points(text, text.index("◼"))
    assert [points.point_text(text[s:e]) for s, e in spans] == [
        "First point, which goes on over a line.",
        "Second point. A second paragraph of it.",
        "Third point.",
    ]


def test_bullet_points_end_at_ordinary_text():
    text = "◼ Only point.\nThe next paragraph is not a point, and no bullet follows it.\n"
    spans = points.bullet_points(text, 0)
    assert [text[s:e] for s, e in spans] == ["Only point."]


def test_points_whose_bullets_were_lost_are_one_a_line():
    text = STANDARD.replace("◼ ", "").replace(" The experiences and progress of children who need help and "
                                               "protection: requires", "\nThe experiences and progress of "
                                               "children who need help and protection: requires")
    _, record = load(text)
    assert [r.text for r in record.recommendations] == [
        "The timeliness of strategy meetings",
        "The quality of written plans for children who need help.",
        "Support for care leavers in custody.",
    ]


def test_judgement_table_read_a_column_at_a_time():
    text = """\
Inspection of Rutland local authority children’s services
Inspection dates: 3 to 14 March 2025
Lead inspector: Alex Example, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work practice with children and families
The experiences and progress of children who need help and protection
The experiences and progress of children in care
The experiences and progress of care leavers
Overall effectiveness
Good
Requires improvement to be good
Good
Outstanding
Good
Since the last inspection, services have improved.
"""
    _, record = load(text)
    assert [(j.area, j.grade) for j in record.judgements] == [
        ("The impact of leaders on social work practice with children and families", "good"),
        ("The experiences and progress of children who need help and protection", "requires-improvement-to-be-good"),
        ("The experiences and progress of children in care", "good"),
        ("The experiences and progress of care leavers", "outstanding"),
        ("Overall effectiveness", "good"),
    ]


def test_a_text_copy_with_a_markdown_table_and_emphasis():
    text = """\
# Inspection of Rutland local authority children’s services

Inspection dates: 3 to 14 March 2025

Lead inspector: Alex Example, His Majesty’s Inspector

| Judgement | Grade |
| --- | --- |
| The impact of leaders on social work practice with children and families | **Good** |
| The experiences and progress of children who need help and protection | Requires improvement to be good |
| Overall effectiveness | Good |

Since the last inspection in 2021, when the local authority was judged to be **inadequate**, services have improved.

**What needs to improve?**

- The quality of plans.

The experiences and progress of children who need help and protection: requires improvement to be good
"""
    _, record = load(text)
    assert [(j.area, j.grade) for j in record.judgements] == [
        ("The impact of leaders on social work practice with children and families", "good"),
        ("The experiences and progress of children who need help and protection", "requires-improvement-to-be-good"),
        ("Overall effectiveness", "good"),
    ]
    assert [r.text for r in record.recommendations] == ["The quality of plans."]
    assert [(p.date, p.grade) for p in record.previous_inspections] == [("2021", "inadequate")]


def test_a_judgement_from_after_the_inspection_began_is_not_a_previous_one():
    doc = document_from_text("At the last inspection in May 2025, the local authority was judged to be good.")
    assert previous.recalled_overall_judgements(doc, before="2025-03-03") == ()
    assert [p.date for p in previous.recalled_overall_judgements(doc, before="2026-06-08")] == ["2025-05"]
