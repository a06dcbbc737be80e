"""Word, HTML and PDF copies of report text give the same record as the text itself.

The copies are written by tests/make_fixtures.py from the seed reports
(reports/*.txt, the ones with gold records in tests/gold) and from short
report-like text written here.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from make_fixtures import pdf_safe, write_docx, write_html
from pdf_fixtures import write_ilacs_like_pdf, write_seed_pdf
from safeguarding_kg.extract import extract, extract_document
from safeguarding_kg.formats.html import html_to_text
from safeguarding_kg.records import to_json
from safeguarding_kg.text import document_from_text, read_document
from test_gold import ACCURACY, FIELDS, GOLD, _scorer

REPORTS = Path(__file__).parents[1] / "reports"
SEEDS = sorted(REPORTS / json.loads(p.read_text())["source"] for p in GOLD.glob("*.json"))


def comparable(record) -> dict:
    """The record's JSON less what depends on the file and its offsets: source, evidence, mentions."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("source", "evidence", "mentions")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(to_json(record))


@lru_cache(maxsize=None)
def extracted(path: Path):
    """Each file is extracted once for the module (the score test reuses the .docx records)."""
    return extract(path)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Each seed report as .docx and .html, written once for the module."""
    folder = tmp_path_factory.mktemp("copies")
    made = {}
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        made[seed.name] = {
            "docx": write_docx(text, folder / f"{seed.stem}.docx"),
            "html": write_html(text, folder / f"{seed.stem}.html"),
        }
    return made


@pytest.mark.parametrize("kind", ["docx", "html"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_a_copy_gives_the_same_record_as_the_text(copies, seed, kind):
    copy = copies[seed.name][kind]
    assert comparable(extracted(copy)) == comparable(extracted(seed))


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_copies_have_no_pages_and_their_spans_quote_their_text(copies, kind):
    seed = next(s for s in SEEDS if "judgements" in json.loads((GOLD / (s.stem + ".json")).read_text()))
    doc = read_document(copies[seed.name][kind])
    assert doc.page_starts == ()
    record = extract_document(doc)
    for judgement in record.judgements:
        assert judgement.evidence.page is None
        assert judgement.area.split()[0] in doc.quote(judgement.evidence)


def test_the_seed_reports_as_word_files_score_as_the_text(copies):
    """score.py's logic, as tests/test_gold.py runs it, on the .docx copies."""
    score = _scorer()
    totals = {f: score.Tally(f in ACCURACY) for f in FIELDS}
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text())
        pred = json.loads(json.dumps(to_json(extracted(copies[gold["source"]]["docx"]))))
        pred["source"] = gold["source"]
        score.score_doc(gold, pred, totals, [])
    for field in FIELDS:
        assert totals[field].prf()[2] >= 0.9, f"{field}: {totals[field].prf()}"
    assert sum(totals[f].prf()[2] for f in FIELDS) / len(FIELDS) >= 0.95


# -- PDF ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ilacs_pdf(tmp_path_factory):
    return write_ilacs_like_pdf(tmp_path_factory.mktemp("pdf") / "ilacs.pdf")


def judgements_and_recommendations(record):
    return ([(j.area, j.grade) for j in record.judgements],
            [(r.text, r.timescale) for r in record.recommendations])


def test_a_report_pdf_gives_the_judgements_and_recommendations_of_its_text(ilacs_pdf):
    text, path = ilacs_pdf
    from_pdf = extract(path)
    from_text = extract_document(document_from_text(pdf_safe(text)))
    assert judgements_and_recommendations(from_pdf) == judgements_and_recommendations(from_text)
    assert len(from_pdf.judgements) == 5
    assert len(from_pdf.recommendations) == 3


def test_the_pdf_drops_running_header_footer_and_page_numbers_and_rejoins_the_bullet(ilacs_pdf):
    _, path = ilacs_pdf
    doc = read_document(path)
    assert len(doc.page_starts) >= 3
    lines = doc.text.split("\n")
    assert sum("Inspection of Rutland" in line for line in lines) == 1
    assert not any("Crown copyright" in line for line in lines)
    assert not any(line.strip().isdigit() for line in lines)
    bullet = next(line for line in lines if "quality and timeliness of written plans" in line)
    assert bullet.endswith("who will do it.")
    # the bullet starts on one page and ends on the next
    start = doc.text.index(bullet)
    assert doc.page_at(start) + 1 == doc.page_at(start + len(bullet) - 1)
    assert "Rutland local authority" not in bullet


@pytest.mark.parametrize("seed", [s for s in SEEDS if s.stem.startswith(("002", "003"))], ids=lambda p: p.stem[:3])
def test_a_seed_report_as_pdf_gives_the_record_of_its_text(seed, tmp_path):
    text, path = write_seed_pdf(seed, tmp_path / f"{seed.stem}.pdf")
    assert comparable(extract(path)) == comparable(extract_document(document_from_text(pdf_safe(text))))


# -- Word details ---------------------------------------------------------------------


def test_word_numbered_lists_get_their_numbers_and_headers_are_left_out(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Running title"
    document.add_heading("What needs to improve", level=2)
    document.add_paragraph("First point.", style="List Number")
    document.add_paragraph("Second point.", style="List Number")
    document.add_paragraph("A bullet.", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].merge(table.rows[0].cells[1]).text = "Merged"
    table.rows[0].cells[2].text = "Grade"
    for cell, value in zip(table.rows[1].cells, ["Area", "of practice", "Good"]):
        cell.text = value
    document.add_paragraph("After the table.")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert read_document(path).text.split("\n") == [
        "What needs to improve", "1. First point.", "2. Second point.", "- A bullet.",
        "Merged\tGrade", "Area\tof practice\tGood", "After the table.",
    ]


# -- HTML details ---------------------------------------------------------------------


def test_html_keeps_the_main_content_in_order():
    page = """<html><head><title>Report</title><style>p { color: red }</style></head>
    <body><nav><a href="/">Home</a></nav><div class="govuk-cookie-banner">Cookies</div>
    <main><h1>Inspection of Rutland</h1><p>First
    paragraph &amp; more.<p>Second paragraph.
    <ol><li>One</li><li>Two <b>bold</b></li></ol>
    <table><tr><th>Judgement</th><th>Grade</th></tr>
    <tr><td><p>Overall</p><p>effectiveness</p></td><td>Good</td></tr></table>
    <script>var x = "<p>not text</p>";</script></main>
    <footer>Licence</footer></body></html>"""
    assert html_to_text(page).split("\n") == [
        "Inspection of Rutland", "First paragraph & more.", "Second paragraph.",
        "1. One", "2. Two bold", "Judgement\tGrade", "Overall effectiveness\tGood",
    ]


def test_html_without_main_keeps_the_body_and_an_unclosed_head_loses_nothing():
    page = "<html><head><title>T</title><body><h2>Heading</h2><ul><li>Item<li>Next</ul><p>End"
    assert html_to_text(page).split("\n") == ["Heading", "- Item", "- Next", "End"]


def test_html_in_a_declared_windows_1252_encoding(tmp_path):
    path = write_html("Children’s services – an inspection\n\nA paragraph about children’s care.\n",
                      tmp_path / "page.htm", encoding="cp1252")
    assert read_document(path).text.split("\n")[0] == "Children’s services – an inspection"
