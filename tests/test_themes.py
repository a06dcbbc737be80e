"""Themes of findings: tags a careful reader agrees with, on sentences of our own,
near-misses that must not be tagged, the evidence of each tag, the SKOS scheme,
and the themes in the record's JSON and in the graph."""
import hashlib

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from safeguarding_kg import mapping
from safeguarding_kg.extract import extract_document
from safeguarding_kg.records import (
    Authority, ExtractionRecord, Inspection, Judgement, Recommendation, Span, Theme, to_json,
)
from safeguarding_kg.text import Document, document_from_text
from safeguarding_kg.themes import THEME_TRIGGERS, find_themes, themes_of
from safeguarding_kg.vocab import OA, SKG, concept, ontology_graph, ontology_text, scheme

BASE = "https://safeguarding-kg.example.org"


def themes(text: str) -> dict[str, str]:
    """theme id -> the words that triggered it."""
    return {theme: text[s:e] for theme, s, e in find_themes(text)}


# -- what is tagged, and what is not ------------------------------------------------------

TAGGED = [
    ("Agree with the constabulary how notifications of domestic violence are shared.",
     {"domestic-abuse": "domestic violence"}),
    ("Reduce the backlog of Multi-Agency Risk Assessment Conference cases.",
     {"domestic-abuse": "Multi-Agency Risk Assessment Conference", "multi-agency-working": "Multi-Agency"}),
    ("Improve the response to young people at risk of child sexual exploitation.",
     {"child-sexual-exploitation": "child sexual exploitation"}),
    ("Disrupt the criminal exploitation of teenagers through county lines.",
     {"child-exploitation": "criminal exploitation"}),
    ("Make sure every child who goes missing from care is offered a return home interview.",
     {"missing-children": "goes missing"}),
    ("Raise awareness of private fostering among schools and faith groups.",
     {"private-fostering": "private fostering"}),
    ("Improve the quality, rigour and timeliness of assessments.",
     {"assessment-quality": "quality, rigour and timeliness of assessments"}),
    ("Ensure that supervision is regular and reflective.",
     {"management-oversight-and-supervision": "supervision"}),
    ("Strengthen managers\u2019 oversight of plans for children in need.",
     {"management-oversight-and-supervision": "managers\u2019 oversight"}),
    ("Make sure audits of practice lead to improvement.", {"audit-and-quality-assurance": "audits"}),
    ("Reduce caseloads so that social workers can see children often.",
     {"workforce-and-caseloads": "caseloads"}),
    ("Extend the early help offer to families of teenagers.", {"early-help": "early help"}),
    ("Make sure care leavers know their entitlements.", {"care-leavers": "care leavers"}),
    ("Complete initial health assessments within 20 working days.",
     {"health": "initial health"}),
    ("Improve access to CAMHS for children in care.", {"mental-health": "CAMHS"}),
    ("Improve the quality of personal education plans.",
     {"education-of-children-in-care": "personal education plans"}),
    ("Increase the sufficiency of placements close to home.",
     {"placement-sufficiency": "sufficiency of placements"}),
    ("Make sure the wishes and feelings of children shape their plans.",
     {"voice-of-the-child": "wishes and feelings"}),
    ("Replace the electronic recording system, which loses case notes.",
     {"data-and-recording-systems": "electronic recording system"}),
    ("Respond earlier to chronic neglect.", {"neglect": "neglect"}),
    ("Reduce drift in pre-proceedings under the Public Law Outline.",
     {"pre-proceedings-and-court": "pre-proceedings"}),
    ("Ensure that 16- and 17-year-olds who present as homeless are assessed.",
     {"homeless-young-people": "homeless"}),
    ("Ensure that the LADO is told of every allegation.",
     {"allegations-and-safer-recruitment": "LADO"}),
    ("Improve support for unaccompanied asylum-seeking children.",
     {"unaccompanied-and-migrant-children": "unaccompanied"}),
]


@pytest.mark.parametrize("text, expected", TAGGED, ids=[t for t, _ in TAGGED])
def test_a_finding_is_tagged_with_the_theme_its_words_name(text, expected):
    assert themes(text) == expected


NOT_TAGGED = [
    # (sentence, themes it must not get): words that look like a theme's but are not
    ("Some case files had missing information about the family's history.", "missing-children"),
    ("Children missing education are tracked by the school attendance service.", "missing-children"),
    ("Frontline workforce sufficiency.", "placement-sufficiency"),
    ("Care leavers are helped into education, employment and training.", "training-and-learning"),
    ("Annual health assessments for children in care are late.", "assessment-quality"),
    ("Some children wait too long for an initial assessment by CAMHS.", "assessment-quality"),
    ("Ensure that education partners have their voice heard on the executive board.", "voice-of-the-child"),
    ("Ensure good participation in the board by expediting lay member recruitment.", "voice-of-the-child"),
    ("The court made supervision orders for three children.", "management-oversight-and-supervision"),
    ("Revise the recruitment and retention of foster carers.", "workforce-and-caseloads"),
    ("GPs do not always adopt a think family approach.", "permanence-and-adoption"),
    ("The policy adopted by the board is clear.", "permanence-and-adoption"),
    ("Children at risk of sexual exploitation are identified quickly.", "child-exploitation"),
    ("Young people who were sexually exploited get specialist help.", "child-exploitation"),
    ("The domestic arrangements for the panel were good.", "domestic-abuse"),
    ("Agree a memorandum with the Health and Wellbeing Board.", "health"),
    ("Social workers neglected to record the visit.", "neglect"),
    ("The early consideration of the pre-proceedings stage.", "early-help"),
    ("Inspectors looked at the sufficiency of evidence in case notes.", "placement-sufficiency"),
]


@pytest.mark.parametrize("text, theme", NOT_TAGGED, ids=[t for t, _ in NOT_TAGGED])
def test_near_misses_are_not_tagged(text, theme):
    assert theme not in themes(text)


def test_a_trigger_split_over_lines_still_tags():
    assert themes("children at risk of child sexual\nexploitation") == {
        "child-sexual-exploitation": "child sexual\nexploitation"}


def test_acronyms_match_in_capitals_only():
    assert "early-help" in themes("the use of the CAF by schools")
    assert "early-help" not in themes("the caf\u00e9 on the high street")
    assert "education-of-children-in-care" in themes("the quality of PEPs")
    assert "education-of-children-in-care" not in themes("the peps given to staff")


def test_each_theme_is_tagged_once_with_its_first_trigger_in_text_order():
    found = find_themes("Care leavers and other care leavers, and domestic abuse.")
    assert [(t, s) for t, s, _ in found] == [("care-leavers", 0), ("domestic-abuse", 41)]


# -- evidence -----------------------------------------------------------------------------


def test_theme_evidence_is_the_span_of_the_trigger_words_in_the_report():
    doc = document_from_text("Recommendations\nImprove the response when children go missing from home.\n")
    start = doc.text.index("Improve")
    tags = themes_of(doc, doc.span(start, len(doc.text) - 1))
    assert [t.theme for t in tags] == ["missing-children"]
    tag = tags[0]
    assert doc.text[tag.evidence.start:tag.evidence.end] == "go missing" == tag.words


def test_without_a_span_themes_come_from_the_text_without_evidence():
    doc = document_from_text("")
    assert themes_of(doc, None, "Reduce caseloads.") == (Theme("workforce-and-caseloads", None, "caseloads"),)
    assert themes_of(doc, Span(0, 50), "") == ()  # a span outside the text is not evidence


# -- the scheme -----------------------------------------------------------------------------


def test_the_scheme_and_the_triggers_name_the_same_themes():
    graph = ontology_graph()
    in_scheme = {str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.inScheme, scheme("theme"))}
    assert in_scheme == set(THEME_TRIGGERS)
    for theme in THEME_TRIGGERS:
        c = concept("theme", theme)
        assert graph.value(c, SKOS.prefLabel) and graph.value(c, SKOS.definition), theme
        assert (scheme("theme"), SKOS.hasTopConcept, c) in graph


def test_the_themes_the_issue_asks_for_are_in_the_scheme():
    for theme in ("domestic-abuse", "child-sexual-exploitation", "missing-children", "private-fostering",
                  "assessment-quality", "management-oversight-and-supervision", "audit-and-quality-assurance",
                  "workforce-and-caseloads", "early-help", "care-leavers", "health",
                  "education-of-children-in-care", "placement-sufficiency", "voice-of-the-child",
                  "multi-agency-working", "data-and-recording-systems"):
        assert theme in THEME_TRIGGERS


def test_themes_ttl_is_a_file_of_the_ontology_package():
    assert "skos:ConceptScheme" in ontology_text("themes.ttl")


# -- the record and the graph ----------------------------------------------------------------

REPORT = """Essex County Council
Inspection of children's social care services
Inspection dates: 26 to 30 June 2023
Lead inspector: Kendra Bell, His Majesty's Inspector
The experiences and progress of care leavers\tGood
Overall effectiveness\tGood
What needs to improve
- The response to children who go missing from home or care.
- The quality and consistency of management oversight.
"""


def test_extract_tags_recommendations_and_judgement_areas():
    doc = document_from_text(REPORT)
    record = extract_document(doc)
    by_text = {r.text.rstrip("."): [t.theme for t in r.themes] for r in record.recommendations}
    assert by_text.get("The response to children who go missing from home or care") == ["missing-children"]
    assert by_text.get("The quality and consistency of management oversight") == [
        "management-oversight-and-supervision"]
    by_area = {j.area: [t.theme for t in j.themes] for j in record.judgements}
    assert by_area.get("The experiences and progress of care leavers") == ["care-leavers"]
    assert by_area.get("Overall effectiveness") == []
    data = to_json(record)
    theme = data["recommendations"][0]["themes"][0]
    assert set(theme) == {"theme", "evidence", "words"} and theme["words"] == "go missing"
    assert REPORT[theme["evidence"]["start"]:theme["evidence"]["end"]] == "go missing"


def test_the_graph_links_a_finding_to_its_theme_with_the_trigger_words_as_evidence():
    text = "Recommendations: reduce caseloads.\n"
    doc = Document("t.txt", text, (0,), hashlib.sha256(text.encode()).hexdigest())
    words = doc.span(text.index("caseloads"), text.index("caseloads") + len("caseloads"))
    record = ExtractionRecord(
        source="t.txt", document_type="inspection-report", framework="ilacs",
        subject_authority=Authority("Essex County Council", "E10000012"),
        inspection=Inspection(start_date="2023-06-26"),
        judgements=(Judgement("Overall effectiveness", "good", None, doc.span(0, 10)),),
        recommendations=(Recommendation("reduce caseloads.", None, (), doc.span(17, 34),
                                        (Theme("workforce-and-caseloads", words, "caseloads"),)),),
    )
    graph: Graph = mapping.record_graph(record, doc, BASE)
    rec = next(graph.subjects(RDF.type, SKG.Recommendation))
    theme = concept("theme", "workforce-and-caseloads")
    assert (rec, DCTERMS.subject, theme) in graph
    tag = graph.value(rec, SKG.themeTag)
    assert tag == URIRef(f"{rec}/theme/workforce-and-caseloads")
    assert (tag, RDF.type, SKG.ThemeTag) in graph and (tag, SKG.theme, theme) in graph
    quote = [o for s in graph.objects(tag, SKG.evidence) for sel in graph.objects(s, OA.hasSelector)
             for o in graph.objects(sel, OA.exact)]
    assert quote == [Literal("caseloads")]
    judgement = next(graph.subjects(RDF.type, SKG.Judgement))
    assert graph.value(judgement, SKG.themeTag) is None


def test_a_graph_with_themes_validates():
    from safeguarding_kg.validate import validate_graph

    doc = document_from_text(REPORT)
    record = extract_document(doc)
    assert any(r.themes for r in record.recommendations)
    assert validate_graph(mapping.record_graph(record, doc, BASE)) == []
