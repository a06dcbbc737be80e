"""Reading reports: PDF text comes out as clean paragraphs with page offsets."""
import re
from pathlib import Path

import pytest

from safeguarding_kg.errors import ReportError
from safeguarding_kg.text import Line, _continues_across_pages, document_from_text, read_document

REPORTS = Path(__file__).parents[1] / "reports"
ILACS_2019 = REPORTS / "essex_2019-01-07_childrens-services-inspection.pdf"
SIF_2014 = REPORTS / "essex_2014-03-21_childrens-services-inspection.pdf"


@pytest.fixture(scope="module")
def ilacs():
    return read_document(ILACS_2019)


def test_page_numbers_and_running_headers_are_dropped(ilacs):
    lines = ilacs.text.split("\n")
    assert not [l for l in lines if re.fullmatch(r"\d{1,3}", l.strip())]
    # the report's title is printed once, not once per page as a running header
    assert ilacs.text.count("Inspection of children’s social care services") == 1


def test_a_judgement_table_row_is_one_line_with_a_tab(ilacs):
    assert "The experiences and progress of children in care and care leavers\tGood" in ilacs.text.split("\n")


def test_a_sentence_broken_by_a_page_break_is_rejoined(ilacs):
    start = ilacs.text.index("picked up by the relevant locality-based assessment")
    # the two halves of the sentence were printed on pages 2 and 3
    assert ilacs.page_at(start) == 2
    assert ilacs.page_at(start + len("picked up by the relevant l")) == 3


def test_a_sentence_broken_before_a_capital_is_rejoined_where_the_line_filled_the_page():
    sif = read_document(SIF_2014)
    # page 14 ends "... fully engaged with Multi-Agency" at the right margin; page 15 goes on
    assert "fully engaged with Multi-Agency Risk Assessment Conferences. Although" in sif.text
    # a heading after a paragraph that ended short of the margin stays its own line
    assert "\nRecommendations\n" in sif.text or "\nAreas for improvement\n" in sif.text


def _line(text, right, size=11.0):
    return Line(text, left=72.0, top=100.0, bottom=90.0, size=size, page_height=842.0, right=right)


@pytest.mark.parametrize("paragraph, last_right, first_line, joined", [
    ("Partners across the county are fully engaged in the work of the Multi-Agency", 520.0, "Risk Assessment Conferences.", True),
    ("Partners across the county are fully engaged in the work of the Multi-Agency", 300.0, "Risk Assessment Conferences.", False),
    ("Leaders have made sure that the help given to families works", 520.0, "- Early help", False),
    ("Short heading", 520.0, "The next paragraph.", False),
    ("Leaders know their services well and act on what they learn.", 520.0, "The next paragraph.", False),
    ("A table\tGood", 520.0, "The next paragraph.", False),
])
def test_which_page_breaks_continue_a_sentence(paragraph, last_right, first_line, joined):
    assert _continues_across_pages(paragraph, _line(paragraph[-40:], last_right), 523.0,
                                   _line(first_line, 400.0)) is joined


def test_page_offsets_rise_and_point_at_their_page(ilacs):
    starts = ilacs.page_starts
    assert len(starts) == 11
    assert list(starts) == sorted(starts)
    assert ilacs.page_at(0) == 1
    assert ilacs.page_at(len(ilacs.text) - 1) == 11
    span = ilacs.span(starts[4], starts[4] + 10)
    assert span.page == 5


def test_wrapped_lines_join_into_one_paragraph(ilacs):
    para = next(l for l in ilacs.text.split("\n") if l.startswith("1. Children and families who need help"))
    assert para.endswith("statutory intervention unnecessarily.")


def test_bullets_become_dashes(ilacs):
    assert "- Consistency in planning for disabled children and care leavers." in ilacs.text.split("\n")


def test_a_grade_cell_beside_a_wrapped_area_joins_its_row():
    doc = read_document(SIF_2014)
    assert "2.2 Experiences and progress of care leavers\tGood" in doc.text.split("\n")


def test_same_file_reads_the_same(ilacs):
    assert read_document(ILACS_2019).digest == ilacs.digest


def test_text_documents_keep_their_text():
    doc = document_from_text("Title\r\n\r\nPara one.\r\n")
    assert doc.text == "Title\n\nPara one.\n"
    assert doc.page_at(3) is None


def test_a_missing_file_is_a_report_error(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        read_document(tmp_path / "absent.pdf")
