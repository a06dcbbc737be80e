"""Provenance of Word, HTML and PDF reports: each span knows its page (PDF) or the
element it starts in (Word, HTML), and the element reaches the graph.

The element is an XPath: into word/document.xml for Word, into the page (from
the nearest ancestor with an id) for HTML. The tests resolve it with lxml in the
file itself and check that the element holds the span's first words.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from make_fixtures import write_docx, write_html
from safeguarding_kg import mapping
from safeguarding_kg.extract import extract_document
from safeguarding_kg.formats.html import html_lines
from safeguarding_kg.records import to_json
from safeguarding_kg.text import document_from_text, join_segments, read_document
from safeguarding_kg.vocab import SKG

BASE = "https://safeguarding-kg.example.org"
REPORTS = Path(__file__).parents[1] / "reports"
# a seed report with a judgement table, recommendations and partners
SEED = REPORTS / "002_f648c9875aa70f28.txt"
W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def words(text: str) -> str:
    return " ".join(text.split())


def first_words(quote: str, n: int = 3) -> str:
    """The quote's first few words, without a list marker the reader added ("- ", "1. ")."""
    quote = re.sub(r"^(?:- |\d+\. )", "", words(quote.split("\t")[0]))  # a row: its first cell
    return " ".join(quote.split()[:n])


def evidence_spans(record):
    for judgement in record.judgements:
        yield judgement.evidence
    for rec in record.recommendations:
        yield rec.evidence
    for org in record.organisations:
        yield from org.mentions


@pytest.fixture(scope="module")
def seed_copies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("provenance")
    text = SEED.read_text(encoding="utf-8")
    return {"docx": write_docx(text, folder / "seed.docx"), "html": write_html(text, folder / "seed.html")}


def test_every_span_of_a_word_report_names_the_paragraph_or_cell_it_starts_in(seed_copies):
    path = seed_copies["docx"]
    doc = read_document(path)
    record = extract_document(doc)
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    spans = [s for s in evidence_spans(record) if s is not None]
    assert len(spans) > 12
    for span in spans:
        assert span.page is None
        assert re.fullmatch(r"/w:document/w:body/w:(p\[\d+\]|tbl\[\d+\]/w:tr\[\d+\]/w:tc\[\d+\])", span.element)
        found = body.xpath(span.element.replace("/w:document", "/w:document", 1), namespaces=W)
        assert len(found) == 1, span.element
        element_text = words("".join(found[0].itertext()))
        assert first_words(doc.quote(span)) in element_text, (span.element, doc.quote(span))


def test_every_span_of_a_web_page_names_its_element(seed_copies):
    path = seed_copies["html"]
    doc = read_document(path)
    record = extract_document(doc)
    page = lxml_html.fromstring(path.read_bytes())
    spans = [s for s in evidence_spans(record) if s is not None]
    assert len(spans) > 12
    for span in spans:
        assert span.element.startswith("//main[@id='content']/")
        found = page.xpath(span.element)
        assert len(found) == 1, span.element
        assert first_words(doc.quote(span)) in words(found[0].text_content()), (span.element, doc.quote(span))


def test_html_elements_are_counted_as_a_browser_builds_them():
    page = """<body><div><p>Intro</div>
    <ul><li>One<li>Two</ul><p>Open paragraph<h2 id="findings">Findings</h2>
    <table><tr><td>Area</td><td>Good</td></tr><tr><td></td><td>Late</td></tr></table>
    <section id='s"q'><p>Quoted id</p></section><div id="a'b&quot;c">Both quotes</div></body>"""
    assert html_lines(page) == [
        [("/html/body/div[1]/p[1]", "Intro")],
        [("/html/body/ul[1]/li[1]", "- One")],
        [("/html/body/ul[1]/li[2]", "- Two")],
        [("/html/body/p[1]", "Open paragraph")],  # ended by the heading that follows
        [("//h2[@id='findings']", "Findings")],
        [("/html/body/table[1]/tbody[1]/tr[1]/td[1]", "Area"), ("/html/body/table[1]/tbody[1]/tr[1]/td[2]", "Good")],
        [("", ""), ("/html/body/table[1]/tbody[1]/tr[2]/td[2]", "Late")],
        [("//section[@id='s\"q']/p[1]", "Quoted id")],
        # an id with both quote marks cannot be quoted in XPath 1.0: counted by position instead
        [("/html/body/div[2]", "Both quotes")],
    ]


def test_segments_join_into_the_text_with_each_element_at_its_offset():
    lines = [[("/a", "Heading")], [("/b/1", "Area"), ("", ""), ("/b/3", "Go\u00adod")], [("/c", "End")]]
    text, elements = join_segments(lines)
    assert text == "Heading\nArea\t\tGood\nEnd"  # the soft hyphen goes, and the offsets after it follow
    assert elements == ((0, "/a"), (8, "/b/1"), (14, "/b/3"), (19, "/c"))
    doc = document_from_text(text)
    doc = type(doc)(doc.source, doc.text, (), doc.digest, elements)
    assert doc.span(15, 18).element == "/b/3"
    assert doc.span(12, 13).element == "/b/1"  # a tab between cells belongs to the cell before it
    assert document_from_text("plain").span(0, 5).element is None


def test_the_element_is_in_the_json_only_where_the_source_has_elements(seed_copies):
    from_docx = to_json(extract_document(read_document(seed_copies["docx"])))
    from_text = to_json(extract_document(read_document(SEED)))
    assert from_docx["judgements"][0]["evidence"]["element"].startswith("/w:document/w:body/")
    assert set(from_text["judgements"][0]["evidence"]) == {"start", "end", "page"}
    assert "element" not in json.dumps(from_text)


def test_the_element_reaches_the_graph_and_the_graph_validates(seed_copies):
    from safeguarding_kg.validate import validate_graph

    doc = read_document(seed_copies["html"])
    record = extract_document(doc)
    graph = mapping.record_graph(record, doc, BASE)
    judgement = next(s for s in graph.subjects(SKG.area, None))
    evidence = graph.value(judgement, SKG.evidence)
    assert str(graph.value(evidence, SKG.element)).startswith("//main[@id='content']/")
    assert graph.value(evidence, SKG.page) is None
    assert validate_graph(graph) == []


def test_a_text_report_has_neither_page_nor_element_in_the_graph():
    doc = read_document(SEED)
    graph = mapping.record_graph(extract_document(doc), doc, BASE)
    assert list(graph.triples((None, SKG.element, None))) == []
    assert list(graph.triples((None, SKG.page, None))) == []
