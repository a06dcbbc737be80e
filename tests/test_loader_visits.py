"""The focused and monitoring visit loader on short letter-like texts written for these tests."""
from __future__ import annotations

from safeguarding_kg.loaders import ilacs, visits
from safeguarding_kg.text import document_from_text

FOCUSED = """\
14 March 2023
Ann Other
Director of Children’s Services
Rutland County Council
Catmose
Oakham
Dear Ms Other
Focused visit to Rutland local authority children’s services
This letter summarises the findings of the focused visit to Rutland children’s services on 7 and 8 February 2023. His Majesty’s Inspectors for this visit were Pat Sample and Lee Example.
Inspectors looked at the local authority’s arrangements for children in care.
Headline findings
Most children live in stable homes.
What needs to improve in this area of social work practice?
◼ The timeliness of reviews of children’s plans.
◼ The recording of management decisions.
Main findings
Children are seen regularly.
Ofsted will take the findings from this focused visit into account when planning the next inspection or visit.
Yours sincerely
Pat Sample
His Majesty’s Inspector
"""

MONITORING = """\
Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD
2 June 2022
Ms Ann Other
Director of Children’s Services
Bury Council
Dear Ms Other
Monitoring visit to Bury children’s services
This letter summarises the findings of the monitoring visit to Bury children’s services on 10 May 2022. This visit was the second monitoring visit since the local authority was judged inadequate in March 2021. The visit was carried out by His Majesty’s Inspectors Chris Sample and Dee Example.
Areas covered by the visit
Inspectors reviewed the progress made in the quality of practice for children in need of help and protection.
Areas for priority action
◼ The quality of strategy meetings.
Areas for improvement
◼ The timeliness of initial child protection conferences.
Ofsted will take the findings from this monitoring visit into account when planning your next inspection or visit.
Yours sincerely
Chris Sample
His Majesty’s Inspector
"""


def load(text: str):
    doc = document_from_text(text)
    assert visits.detect(doc)
    assert not ilacs.detect(doc)
    return doc, visits.load(doc)


def test_focused_visit_letter():
    _, record = load(FOCUSED)
    assert (record.document_type, record.framework) == ("inspection-letter", "focused-visit")
    assert record.subject_authority.code == "E06000017"
    insp = record.inspection
    assert (insp.start_date, insp.end_date, insp.published) == ("2023-02-07", "2023-02-08", "2023-03-14")
    assert insp.lead_inspector == "Pat Sample"
    assert insp.inspectorate == "Ofsted"
    assert record.judgements == ()
    assert [r.text for r in record.recommendations] == [
        "The timeliness of reviews of children’s plans.",
        "The recording of management decisions.",
    ]
    assert all(r.timescale is None for r in record.recommendations)


def test_monitoring_visit_letter():
    doc, record = load(MONITORING)
    assert (record.document_type, record.framework) == ("inspection-letter", "monitoring-visit")
    assert record.subject_authority.code == "E08000002"
    insp = record.inspection
    assert (insp.start_date, insp.end_date, insp.published) == ("2022-05-10", "2022-05-10", "2022-06-02")
    assert insp.lead_inspector == "Chris Sample"
    # priority actions and areas for improvement are both points to act on
    assert [r.text for r in record.recommendations] == [
        "The quality of strategy meetings.",
        "The timeliness of initial child protection conferences.",
    ]
    [previous] = record.previous_inspections
    assert (previous.date, previous.subject, previous.grade) == ("2021-03", "overall-effectiveness", "inadequate")
    assert "judged inadequate in March 2021" in doc.quote(previous.evidence)


def test_the_lead_is_the_one_called_lead_inspector():
    text = FOCUSED.replace(
        "His Majesty’s Inspectors for this visit were Pat Sample and Lee Example.",
        "The inspectors were Pat Sample, HMI, and Lee Example, HMI (lead inspector).",
    )
    assert visits.lead_inspector(text) == "Lee Example"


def test_the_lead_is_otherwise_the_first_named():
    text = FOCUSED.replace(
        "His Majesty’s Inspectors for this visit were Pat Sample and Lee Example.",
        "The inspectors were Lee Example HMI and Pat Sample HMI. While the lead inspector was on site, "
        "others worked remotely.",
    )
    assert visits.lead_inspector(text) == "Lee Example"


def test_the_signatory_when_no_inspector_is_named():
    text = FOCUSED.replace(
        "His Majesty’s Inspectors for this visit were Pat Sample and Lee Example.", ""
    )
    assert visits.lead_inspector(text) == "Pat Sample"


def test_a_letter_without_points_has_no_recommendations():
    _, record = load(FOCUSED.replace("What needs to improve in this area of social work practice?\n", "")
                     .replace("◼ The timeliness of reviews of children’s plans.\n", "")
                     .replace("◼ The recording of management decisions.\n", ""))
    assert record.recommendations == ()


def test_prose_about_areas_for_improvement_is_not_a_list():
    text = FOCUSED.replace(
        "Most children live in stable homes.",
        "The areas for improvement from the last inspection have been addressed.\nMost children live in stable homes.",
    )
    _, record = load(text)
    assert len(record.recommendations) == 2


def test_detection_needs_a_letter_with_a_visit_title():
    not_visits = [
        # a council paper about a visit
        "Children and Young People Scrutiny Committee\n5 April 2023\nOfsted Focused Visit to Children’s "
        "Services\n1. This report tells members about the focused visit to Rutland children's services.",
        # a JTAI letter
        "1 May 2024\nDear Ms Other\nJoint targeted area inspection of the multi-agency response to children "
        "at risk in Rutland\nThis letter summarises the findings of the joint targeted area inspection.",
        # an ILACS report
        "Inspection of Rutland local authority children’s services\nInspection dates: 3 to 14 March 2025\n"
        "Lead inspector: Alex Example, His Majesty’s Inspector",
        # a monitoring visit to a college, not to children's services
        "Monitoring visit report: Rutland College\nDear Principal\nThis letter summarises the findings.",
    ]
    for text in not_visits:
        assert not visits.detect(document_from_text(text)), text[:60]


def test_title_run_onto_the_salutation_and_inspectors_named_before_the_verb():
    text = MONITORING.replace("Dear Ms Other\nMonitoring visit", "Dear Ms Other, Monitoring visit").replace(
        "The visit was carried out by His Majesty’s Inspectors Chris Sample and Dee Example.",
        "His Majesty’s Inspectors Dee Example and Chris Sample carried out this visit.",
    )
    _, record = load(text)
    assert record.framework == "monitoring-visit"
    assert record.subject_authority.code == "E08000002"
    assert record.inspection.lead_inspector == "Dee Example"


def test_a_one_service_grade_is_not_a_previous_overall_judgement():
    text = MONITORING.replace(
        "This visit was the second monitoring visit since the local authority was judged inadequate in March 2021.",
        "The fostering service was judged good at its last inspection in 2019.",
    )
    _, record = load(text)
    assert record.previous_inspections == ()


def test_a_text_without_a_visit_title_is_a_clear_error():
    import pytest

    from safeguarding_kg.errors import ReportError

    with pytest.raises(ReportError, match="visit"):
        visits.load(document_from_text("Dear Ms Other\nThank you for your letter."))


def test_a_title_broken_over_two_lines():
    text = FOCUSED.replace("Focused visit to Rutland local authority", "Focused visit to Rutland\nlocal authority")
    _, record = load(text)
    assert record.subject_authority.code == "E06000017"
