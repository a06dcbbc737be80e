"""SHACL validation: every mapped record conforms; a broken graph gives sentences in words."""
import hashlib

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from safeguarding_kg import mapping
from safeguarding_kg.cli import cli
from safeguarding_kg.errors import ReportError
from safeguarding_kg.records import (
    Authority, DocumentInfo, ExtractionRecord, Inspection, Judgement, Organisation,
    PreviousInspection, Recommendation, Statistic,
)
from safeguarding_kg.text import Document
from safeguarding_kg.validate import validate_file, validate_graph
from safeguarding_kg.vocab import OA, SKG, concept

BASE = "https://safeguarding-kg.example.org"
TEXT = """Hertfordshire County Council: inspection of services for children in need of help and protection.
Inspection dates: 14 September to 8 October 2015.
Overall effectiveness: Requires improvement.
The Hertfordshire Safeguarding Children Board is good.
Recommendation, within 3 months: improve supervision with Hertfordshire Constabulary.
At the last inspection in 2012, safeguarding was judged adequate.
There were 250,000 children and young people; 45.5% of them were ...
The committee considered the report on 3 February 2016.
"""


def quote(doc, words):
    start = doc.text.index(words)
    return doc.span(start, start + len(words))


def sample(document_type="inspection-report"):
    """A record that uses every part of the mapping: every shape is exercised."""
    doc = Document("herts.txt", TEXT, (0, 150), hashlib.sha256(TEXT.encode()).hexdigest())
    record = ExtractionRecord(
        source="herts.txt", document_type=document_type, framework="single-inspection-framework",
        subject_authority=Authority("Hertfordshire County Council", "E10000015"),
        inspection=Inspection("2015-09-14", "2015-10-08", "2015-11-27", "A Lead", "Ofsted",
                              quote(doc, "Inspection dates: 14 September to 8 October 2015")),
        document=DocumentInfo("2016-02-03", "Cabinet", "A Director") if document_type == "committee-report" else None,
        judgements=(
            Judgement("Overall effectiveness", "requires-improvement", None,
                      quote(doc, "Overall effectiveness: Requires improvement")),
            Judgement("The Local Safeguarding Children Board", "good", "lscb",
                      quote(doc, "Hertfordshire Safeguarding Children Board is good")),
        ),
        recommendations=(Recommendation("improve supervision with Hertfordshire Constabulary.", "within-3-months",
                                        ("Hertfordshire Constabulary",), quote(doc, "improve supervision")),),
        organisations=(
            Organisation("Hertfordshire County Council", "local-authority", "E10000015",
                         (quote(doc, "Hertfordshire County Council"),)),
            Organisation("Hertfordshire Constabulary", "police-force", "hertfordshire",
                         (quote(doc, "Hertfordshire Constabulary"),)),
            Organisation("Hertfordshire Safeguarding Children Board", "safeguarding-board", None,
                         (quote(doc, "Hertfordshire Safeguarding Children Board"),)),
            Organisation("East and North Hertfordshire NHS Trust", "nhs-trust", "RWH", ()),
        ),
        partners_of_subject=("Hertfordshire Constabulary",),
        previous_inspections=(PreviousInspection("2012", "safeguarding", "adequate",
                                                 quote(doc, "safeguarding was judged adequate")),),
        statistics=(Statistic("children-population", 250000, None, quote(doc, "250,000 children")),
                    Statistic("percentage", 45.5, "2015-03", quote(doc, "45.5%"))),
    )
    return record, doc


def graph_of(document_type="inspection-report") -> Graph:
    record, doc = sample(document_type)
    return mapping.record_graph(record, doc, BASE)


@pytest.mark.parametrize("document_type", ["inspection-report", "committee-report", "peer-review"])
def test_a_mapped_record_conforms(document_type):
    graph = graph_of(document_type)
    classes = set(graph.objects(None, RDF.type))
    assert {SKG.Report, SKG.Inspection, SKG.Judgement, SKG.Recommendation, SKG.OrganisationMention,
            SKG.PreviousInspection, SKG.Statistic, SKG.LocalAuthority, SKG.PoliceForce, SKG.NHSTrust,
            SKG.SafeguardingBoard, OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector} <= classes
    assert validate_graph(graph) == []


def test_the_reference_graph_conforms():
    assert validate_graph(mapping.reference_graph(BASE)) == []


def first(graph, cls):
    return sorted(graph.subjects(RDF.type, cls))[0]


def test_a_judgement_without_grade_is_a_sentence():
    graph = graph_of()
    judgement = first(graph, SKG.Judgement)
    graph.remove((judgement, SKG.grade, None))
    assert validate_graph(graph) == [f"Judgement <{judgement}> has no grade (sh:minCount 1 on skg:grade)"]


def test_a_grade_outside_the_grade_scheme_is_a_sentence():
    graph = graph_of()
    judgement = first(graph, SKG.Judgement)
    graph.set((judgement, SKG.grade, concept("timescale", "immediately")))
    [sentence] = validate_graph(graph)
    assert sentence.startswith(f"Judgement <{judgement}> has grade <")
    assert "is not a concept of the grade scheme (sh:node on skg:grade)" in sentence


def test_a_recommendation_without_evidence_is_a_sentence():
    graph = graph_of()
    recommendation = first(graph, SKG.Recommendation)
    graph.remove((recommendation, SKG.evidence, None))
    assert validate_graph(graph) == [
        f"Recommendation <{recommendation}> has no evidence (sh:minCount 1 on skg:evidence)"]


def test_evidence_without_its_quote_and_a_wrong_datatype_are_sentences():
    graph = graph_of()
    quote_node = first(graph, OA.TextQuoteSelector)
    graph.remove((quote_node, None, None))
    statistic = first(graph, SKG.Statistic)
    graph.set((statistic, SKG.value, Literal("many")))
    sentences = validate_graph(graph)
    assert any("has no text quote selector" in s for s in sentences), sentences
    assert any(s.startswith(f"Statistic <{statistic}> has value \"many\"") for s in sentences), sentences


def test_a_judgement_with_two_grades_is_a_sentence():
    graph = graph_of()
    judgement = first(graph, SKG.Judgement)
    graph.add((judgement, SKG.grade, concept("grade", "inadequate")))
    graph.add((judgement, SKG.grade, concept("grade", "good")))
    assert f"Judgement <{judgement}> has more than 1 grade (sh:maxCount 1 on skg:grade)" in validate_graph(graph)


def test_validate_file_reads_turtle_and_trig(tmp_path):
    graph = graph_of()
    ttl = tmp_path / "g.ttl"
    graph.serialize(ttl, format="turtle")
    assert validate_file(ttl) == []
    judgement = first(graph, SKG.Judgement)
    graph.remove((judgement, SKG.grade, None))
    trig = tmp_path / "g.trig"
    trig.write_text("{\n" + graph.serialize(format="nt") + "}\n<https://example.org/g> {\n}\n")
    assert validate_file(trig) == [f"Judgement <{judgement}> has no grade (sh:minCount 1 on skg:grade)"]


def test_missing_and_unparsable_files_are_report_errors(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        validate_file(tmp_path / "absent.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n")
    with pytest.raises(ReportError, match="not readable as turtle"):
        validate_file(broken)
    odd = tmp_path / "graph.xlsx"
    odd.write_text("x")
    with pytest.raises(ReportError, match="unknown graph format"):
        validate_file(odd)


def test_cli_validate_prints_sentences_and_exits_1(tmp_path):
    graph = graph_of()
    judgement = first(graph, SKG.Judgement)
    graph.remove((judgement, SKG.grade, None))
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"Judgement <{judgement}> has no grade" in result.output
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["validate", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 1 and "no such file" in missing.output
