"""Headline statistics in the inspectorate's standard phrasing, each with its span and date."""
from __future__ import annotations

import pytest

from safeguarding_kg.loaders.statistics import area_statistics, context_section, find_statistics
from safeguarding_kg.text import document_from_text


@pytest.mark.parametrize("sentence, measure, value, date", [
    ("Wigan has 72,310 children and young people below the age of 18.", "children-population", 72310, None),
    ("Kent has approximately 330,000 children and young people under the age of 19 years.", "children-population", 330000, None),
    ("Approximately 65,250 children and young people under the age of 18 years live in Bolton.", "children-population", 65250, None),
    ("There were 300,000 people in Leeds. Of these, 71,002 were children.", "children-population", 71002, None),
    ("At the time of this inspection there are 812 looked after children.", "looked-after-children", 812, None),
    ("At 31 March 2013, 540 children were being looked after by the local authority.", "looked-after-children", 540, "2013-03-31"),
    ("At the time of the inspection, 306 children and young people were being looked after.", "looked-after-children", 306, None),
    ("There were 412 children subject to child protection plans as at 2nd May 2012.", "child-protection-plans", 412, "2012-05-02"),
    ("At 31 March 2013, 215 children and young people were the subject of a child protection plan. This is a reduction from 236 at 31 March 2012.",
     "child-protection-plans", 215, "2013-03-31"),
    ("The council has 240 approved fostering households.", "fostering-households", 240, None),
    ("There were 95 care leavers (18-24).", "care-leavers", 95, None),
])
def test_standard_phrasing(sentence, measure, value, date):
    doc = document_from_text(sentence)
    (stat,) = find_statistics(doc)
    assert (stat.measure, stat.value, stat.date) == (measure, value, date)
    assert doc.quote(stat.evidence).replace(",", "").startswith(str(value))


def test_first_figure_per_measure_and_nothing_else():
    doc = document_from_text(
        "There are 700 looked after children. Of these, 34 looked after children are placed out of area. "
        "In the past year 1,656 cases involving 2,145 children were heard at MARAC."
    )
    assert [(s.measure, s.value) for s in find_statistics(doc)] == [("looked-after-children", 700)]


CONTEXT = """\
Contents
Service information\t3

Service information

5. Wigan has 72,310 children and young people below the age of 18.

Overall effectiveness

Grade 3 (adequate)

6. There are 400 looked after children placed with 120 fostering households elsewhere in the report.
"""


def test_only_the_context_section_when_the_report_has_one():
    doc = document_from_text(CONTEXT)
    start, end = context_section(doc.text)
    assert doc.text[start:end].strip().startswith("5. Wigan")
    assert [(s.measure, s.value) for s in area_statistics(doc)] == [("children-population", 72310)]


def test_without_a_context_section():
    doc = document_from_text("There are 400 looked after children.")
    assert [s.value for s in area_statistics(doc)] == [400]
    assert area_statistics(doc, whole_text_if_none=False) == ()
