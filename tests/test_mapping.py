"""Record -> RDF: IRIs are deterministic and keyed by registers, evidence quotes the
text, and each sample record maps to its golden Turtle (tests/golden/turtle/).

Goldens are compared as graphs (rdflib.compare.isomorphic); run
`pytest tests/test_mapping.py --update-goldens` to rewrite them after a change
you mean, and review the diff.
"""
import hashlib
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from safeguarding_kg import mapping
from safeguarding_kg.records import (
    Authority, DocumentInfo, ExtractionRecord, Inspection, Judgement, Organisation,
    PreviousInspection, Recommendation, Statistic,
)
from safeguarding_kg.text import Document
from safeguarding_kg.vocab import OA, ORG, SKG, concept

BASE = "https://safeguarding-kg.example.org"
GOLDEN = Path(__file__).parent / "golden" / "turtle"


# -- sample reports: short report-like texts of our own, and the records a loader would give --


def document(text: str, source: str, page_starts=()) -> Document:
    return Document(source, text, tuple(page_starts), hashlib.sha256(text.encode()).hexdigest())


def span(doc: Document, words: str, nth: int = 1):
    """The span of the nth occurrence of `words` in the document."""
    start = -1
    for _ in range(nth):
        start = doc.text.index(words, start + 1)
    return doc.span(start, start + len(words))


ILACS_TEXT = """Essex County Council
Inspection of children's social care services
Inspection dates: 26 to 30 June 2023
Lead inspector: Kendra Bell, His Majesty's Inspector
Overall effectiveness\tGood
The experiences and progress of children in care\tRequires improvement to be good
The local authority was judged outstanding in 2018.
What needs to improve: the timeliness of health assessments, with Mid Essex Hospital Services NHS Trust and NHS Dudley.
Essex Police and the Essex Safeguarding Children Board work closely with the council. The Corporate Parenting Board is effective.
There are 1,575 children in care.
"""


def ilacs_record(source="essex.txt", text=ILACS_TEXT, page_starts=(0, 200)):
    doc = document(text, source, page_starts)
    record = ExtractionRecord(
        source=source, document_type="inspection-report", framework="ilacs",
        subject_authority=Authority("Essex County Council", "E10000012"),
        inspection=Inspection("2023-06-26", "2023-06-30", "2023-08-11", "Kendra Bell", "Ofsted",
                              span(doc, "Inspection dates: 26 to 30 June 2023")),
        judgements=(
            Judgement("Overall effectiveness", "good", None, span(doc, "Overall effectiveness\tGood")),
            Judgement("The experiences and progress of children in care", "requires-improvement-to-be-good",
                      None, span(doc, "The experiences and progress of children in care")),
        ),
        recommendations=(
            Recommendation("the timeliness of health assessments, with Mid Essex Hospital Services NHS Trust "
                           "and NHS Dudley.", None,
                           ("Mid Essex Hospital Services NHS Trust", "Someone Unlisted"),
                           span(doc, "the timeliness of health assessments")),
        ),
        organisations=(
            Organisation("Essex County Council", "local-authority", "E10000012",
                         (span(doc, "Essex County Council"),)),
            Organisation("Mid Essex Hospital Services NHS Trust", "nhs-trust", "RQ8",
                         (span(doc, "Mid Essex Hospital Services NHS Trust"),)),
            # the register knows 5PE is a primary care trust, whatever the record says
            Organisation("NHS Dudley", "nhs-trust", "5PE", (span(doc, "NHS Dudley"),)),
            Organisation("Essex Police", "police-force", "essex", (span(doc, "Essex Police"),)),
            Organisation("Essex Safeguarding Children Board", "safeguarding-board", None,
                         (span(doc, "Essex Safeguarding Children Board"),)),
            Organisation("Corporate Parenting Board", "partnership-board", None,
                         (span(doc, "Corporate Parenting Board"),)),
            Organisation("Ofsted", "regulator", None, ()),
        ),
        partners_of_subject=("Essex Police", "Essex Safeguarding Children Board", "Not Listed Anywhere"),
        previous_inspections=(
            PreviousInspection("2018", "overall-effectiveness", "outstanding",
                               span(doc, "judged outstanding in 2018")),
        ),
        statistics=(Statistic("looked-after-children", 1575, None, span(doc, "1,575 children in care")),),
    )
    return record, doc


COMMITTEE_TEXT = """Dudley Metropolitan Borough Council
Meeting of the Cabinet, 8 February 2012. Report of the Director of Children's Services, Jane Porter.
Ofsted and the Care Quality Commission inspected safeguarding and looked after children services from 28 November to 9 December 2011.
Safeguarding: overall effectiveness was adequate.
Looked after children: overall effectiveness was good.
Immediately: review the contact and referral arrangements.
"""


def committee_record():
    doc = document(COMMITTEE_TEXT, "dudley-cabinet.txt")
    record = ExtractionRecord(
        source="dudley-cabinet.txt", document_type="committee-report",
        framework="safeguarding-and-looked-after-children",
        subject_authority=Authority("Dudley Metropolitan Borough Council", "E08000027"),
        inspection=Inspection("2011-11-28", "2011-12-09", None, None, "Ofsted",
                              span(doc, "from 28 November to 9 December 2011")),
        document=DocumentInfo("2012-02-08", "Cabinet", "Jane Porter"),
        judgements=(
            Judgement("Overall effectiveness", "adequate", "safeguarding",
                      span(doc, "Safeguarding: overall effectiveness was adequate")),
            Judgement("Overall effectiveness", "good", "looked-after-children",
                      span(doc, "Looked after children: overall effectiveness was good")),
        ),
        recommendations=(
            Recommendation("review the contact and referral arrangements.", "immediately", (),
                           span(doc, "review the contact and referral arrangements.")),
        ),
        organisations=(
            Organisation("Dudley Metropolitan Borough Council", "local-authority", "E08000027",
                         (span(doc, "Dudley Metropolitan Borough Council"),)),
            Organisation("Ofsted", "regulator", None, (span(doc, "Ofsted"),)),
            Organisation("Care Quality Commission", "regulator", None, (span(doc, "Care Quality Commission"),)),
        ),
    )
    return record, doc


PEER_TEXT = """Southend-on-Sea Borough Council: children's services peer review, 16 to 19 September 2015.
The review team came from Essex County Council and Norfolk County Council, for the
Eastern Region Sector Led Improvement Programme.
Recommendation: strengthen the front door.
"""


def peer_review_record():
    doc = document(PEER_TEXT, "southend-peer.txt")
    record = ExtractionRecord(
        source="southend-peer.txt", document_type="peer-review", framework="peer-review",
        subject_authority=Authority("Southend-on-Sea Borough Council", "E06000033"),
        inspection=Inspection("2015-09-16", "2015-09-19", None, "Suzie Goodman",
                              "Eastern Region Sector Led Improvement Programme", None),
        recommendations=(
            Recommendation("strengthen the front door.", None, (), span(doc, "strengthen the front door.")),
        ),
        organisations=(
            Organisation("Southend-on-Sea Borough Council", "local-authority", "E06000033",
                         (span(doc, "Southend-on-Sea Borough Council"),)),
            Organisation("Essex County Council", "local-authority", "E10000012",
                         (span(doc, "Essex County Council"),)),
        ),
        # Norfolk is not in `organisations`: found in the register by its exact name
        peer_reviewers=("Essex County Council", "Norfolk County Council", "A Reviewer Nobody Knows"),
    )
    return record, doc


UNDATED_TEXT = "A letter about a visit, with no council and no date.\nOverall: inadequate.\n"


def undated_record():
    doc = document(UNDATED_TEXT, "letter.txt")
    record = ExtractionRecord(
        source="letter.txt", document_type="inspection-letter", framework="monitoring-visit",
        judgements=(Judgement("Overall", "inadequate", None, span(doc, "Overall: inadequate")),),
    )
    return record, doc


CASES = {
    "ilacs": ilacs_record,
    "committee": committee_record,
    "peer-review": peer_review_record,
    "undated": undated_record,
}


# -- goldens --------------------------------------------------------------------------------


def _lines(graph: Graph) -> str:
    return "\n".join(sorted(" ".join(t.n3() for t in triple) for triple in graph))


@pytest.mark.parametrize("name", sorted(CASES))
def test_record_maps_to_its_golden_turtle(name, request):
    record, doc = CASES[name]()
    graph = mapping.record_graph(record, doc, BASE)
    path = GOLDEN / f"{name}.ttl"
    if request.config.getoption("--update-goldens", default=False):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    golden = Graph().parse(path, format="turtle")
    if not isomorphic(graph, golden):
        _, only_new, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        pytest.fail(f"{name}: the mapping differs from {path.name} "
                    f"(run pytest --update-goldens if the change is meant)\n"
                    f"only in the new graph:\n{_lines(only_new)}\n"
                    f"only in the golden:\n{_lines(only_golden)}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_blank_nodes(name):
    record, doc = CASES[name]()
    graph = mapping.record_graph(record, doc, BASE)
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


# -- IRIs -----------------------------------------------------------------------------------


def test_same_inspection_as_txt_and_pdf_gives_the_same_iris():
    txt_record, txt_doc = ilacs_record("essex.txt")
    pdf_record, pdf_doc = ilacs_record("essex.pdf", text=ILACS_TEXT.replace("\n", " \n"), page_starts=(0, 90))
    assert txt_doc.digest != pdf_doc.digest
    assert mapping.report_iri(txt_record, BASE) == mapping.report_iri(pdf_record, BASE)
    txt = {s for s in mapping.record_graph(txt_record, txt_doc, BASE).subjects() if "#" not in s}
    pdf = {s for s in mapping.record_graph(pdf_record, pdf_doc, BASE).subjects() if "#" not in s}
    assert txt == pdf


def test_report_iri_pattern():
    record, doc = ilacs_record()
    assert mapping.report_iri(record, BASE) == URIRef(f"{BASE}/doc/inspection-report/E10000012/ilacs/2023-06-26")
    assert mapping.report_iri(record, BASE + "/") == mapping.report_iri(record, BASE)
    assert mapping.inspection_iri(record, BASE) == URIRef(f"{BASE}/id/inspection/E10000012/ilacs/2023-06-26")


def test_a_committee_paper_about_an_inspection_is_a_different_document_about_the_same_inspection():
    committee, _ = committee_record()
    from dataclasses import replace
    report = replace(committee, document_type="inspection-report", document=None)
    assert mapping.report_iri(committee, BASE) != mapping.report_iri(report, BASE)
    assert mapping.inspection_iri(committee, BASE) == mapping.inspection_iri(report, BASE)


def test_without_subject_or_date_the_report_is_keyed_by_its_digest():
    record, doc = undated_record()
    iri = mapping.report_iri(record, BASE, doc.digest)
    assert iri == URIRef(f"{BASE}/doc/inspection-letter/sha256-{doc.digest[:16]}")
    # without a digest: still deterministic, from the file's name
    assert mapping.report_iri(record, BASE) == URIRef(f"{BASE}/doc/inspection-letter/source-letter")


def test_subject_without_code_is_keyed_by_a_slug_of_its_name():
    from dataclasses import replace
    record, _ = ilacs_record()
    record = replace(record, subject_authority=Authority("Isle of Anglesey County Council", None))
    assert mapping.report_iri(record, BASE).endswith("/isle-of-anglesey-county-council/ilacs/2023-06-26")


@pytest.mark.parametrize("name, org_type, code, expected", [
    ("Essex County Council", "local-authority", "E10000012", "local-authority/E10000012"),
    ("Mid Essex Hospital Services NHS Trust", "nhs-trust", "RQ8", "nhs-body/RQ8"),
    ("NHS Dudley", "primary-care-trust", "5PE", "nhs-body/5PE"),
    ("Essex Police", "police-force", "essex", "police-force/essex"),
    ("Some Hospital NHS Trust", "nhs-trust", None, "nhs-body/some-hospital-nhs-trust"),
    ("Barnardo's", "voluntary-organisation", None, "voluntary-organisation/barnardos"),
    ("Ofsted", "regulator", None, "regulator/ofsted"),
    ("Corporate Parenting Board", "partnership-board", None, "partnership-board/E10000012/corporate-parenting-board"),
    ("MASH", "multi-agency-arrangement", None, "multi-agency-arrangement/E10000012/mash"),
    ("The Family Court", "other", None, "organisation/the-family-court"),
])
def test_organisation_iris(name, org_type, code, expected):
    assert mapping.organisation_iri(name, org_type, code, BASE, "E10000012") == URIRef(f"{BASE}/id/{expected}")


def test_a_council_board_is_two_bodies_in_two_councils():
    essex = mapping.organisation_iri("Corporate Parenting Board", "partnership-board", None, BASE, "E10000012")
    dudley = mapping.organisation_iri("Corporate Parenting Board", "partnership-board", None, BASE, "E08000027")
    assert essex != dudley


@pytest.mark.parametrize("text, expected", [
    ("Barnardo's & Co.", "barnardos-and-co"),
    ("Hertfordshire Local Safeguarding Children\u2019s Partnership",
     "hertfordshire-local-safeguarding-childrens-partnership"),
    ("Café  Services", "cafe-services"),
])
def test_slug(text, expected):
    assert mapping.slug(text) == expected


def test_slug_of_punctuation_is_still_stable():
    assert mapping.slug("***") == mapping.slug("***") != ""


def test_organisations_with_register_codes_share_the_reference_graph_iris():
    record, doc = ilacs_record()
    graph = mapping.record_graph(record, doc, BASE)
    reference = mapping.reference_graph(BASE)
    coded = [s for s in graph.subjects(SKOS.notation)]
    assert len(coded) == 4  # the council, the trust, the PCT, the police force
    for iri in coded:
        assert (iri, RDF.type, ORG.Organization) in reference, iri


def test_an_nhs_body_is_typed_as_its_register_says():
    record, doc = ilacs_record()
    graph = mapping.record_graph(record, doc, BASE)
    pct = URIRef(f"{BASE}/id/nhs-body/5PE")
    assert (pct, RDF.type, SKG.PrimaryCareTrust) in graph
    assert (pct, RDF.type, SKG.NHSTrust) not in graph


# -- what the report graph says ------------------------------------------------------------


def test_evidence_points_to_the_report_span_page_and_words():
    record, doc = ilacs_record()
    graph = mapping.record_graph(record, doc, BASE)
    report = mapping.report_iri(record, BASE)
    judgement = next(graph.subjects(SKG.area, Literal("Overall effectiveness")))
    evidence = graph.value(judgement, SKG.evidence)
    assert graph.value(evidence, OA.hasSource) == report
    selectors = set(graph.objects(evidence, OA.hasSelector))
    position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
    quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
    start, end = graph.value(position, OA.start).toPython(), graph.value(position, OA.end).toPython()
    assert str(graph.value(quote, OA.exact)) == doc.text[start:end] == "Overall effectiveness\tGood"
    assert graph.value(evidence, SKG.page).toPython() == 1


def test_every_fact_is_derived_from_its_report_and_has_evidence():
    record, doc = ilacs_record()
    graph = mapping.record_graph(record, doc, BASE)
    report = mapping.report_iri(record, BASE)
    for cls, count in ((SKG.Judgement, 2), (SKG.Recommendation, 1), (SKG.PreviousInspection, 1),
                       (SKG.Statistic, 1), (SKG.OrganisationMention, 6)):
        facts = set(graph.subjects(RDF.type, cls))
        assert len(facts) == count, cls
        for fact in facts:
            assert (fact, PROV.wasDerivedFrom, report) in graph
            assert graph.value(fact, SKG.evidence) is not None


def test_a_span_outside_the_text_gives_no_evidence():
    from dataclasses import replace
    from safeguarding_kg.records import Span
    record, doc = ilacs_record()
    bad = replace(record.judgements[0], evidence=Span(10, len(doc.text) + 5))
    record = replace(record, judgements=(bad,))
    graph = mapping.record_graph(record, doc, BASE)
    judgement = next(graph.subjects(RDF.type, SKG.Judgement))
    assert graph.value(judgement, SKG.evidence) is None


def test_partners_addressees_and_reviewers_resolve_to_organisations():
    record, doc = ilacs_record()
    graph = mapping.record_graph(record, doc, BASE)
    council = URIRef(f"{BASE}/id/local-authority/E10000012")
    partners = set(graph.objects(council, SKG.worksInPartnershipWith))
    assert partners == {URIRef(f"{BASE}/id/police-force/essex"),
                        URIRef(f"{BASE}/id/safeguarding-board/E10000012/essex-safeguarding-children-board")}
    recommendation = next(graph.subjects(RDF.type, SKG.Recommendation))
    assert set(graph.objects(recommendation, SKG.addressee)) == {URIRef(f"{BASE}/id/nhs-body/RQ8")}
    assert set(graph.objects(recommendation, SKG.addresseeName)) == {Literal("Someone Unlisted")}

    record, doc = peer_review_record()
    graph = mapping.record_graph(record, doc, BASE)
    inspection = mapping.inspection_iri(record, BASE)
    assert set(graph.objects(inspection, SKG.reviewedBy)) == {
        URIRef(f"{BASE}/id/local-authority/E10000012"), URIRef(f"{BASE}/id/local-authority/E10000020")}
    assert set(graph.objects(inspection, SKG.reviewerName)) == {Literal("A Reviewer Nobody Knows")}
    # a peer review's organiser is not assumed to be a regulator
    assert graph.value(inspection, SKG.inspectorateName) == Literal("Eastern Region Sector Led Improvement Programme")


def test_inspection_report_is_generated_by_and_published_by_the_inspectorate():
    record, doc = ilacs_record()
    graph = mapping.record_graph(record, doc, BASE)
    report, inspection = mapping.report_iri(record, BASE), mapping.inspection_iri(record, BASE)
    ofsted = URIRef(f"{BASE}/id/regulator/ofsted")
    assert (report, PROV.wasGeneratedBy, inspection) in graph
    assert (report, DCTERMS.publisher, ofsted) in graph
    assert (inspection, SKG.inspectorate, ofsted) in graph
    assert (report, DCTERMS.issued, Literal("2023-08-11", datatype=mapping.XSD.date)) in graph


def test_committee_paper_is_about_the_inspection_not_its_output():
    record, doc = committee_record()
    graph = mapping.record_graph(record, doc, BASE)
    report, inspection = mapping.report_iri(record, BASE), mapping.inspection_iri(record, BASE)
    assert (report, SKG.aboutInspection, inspection) in graph
    assert (report, PROV.wasGeneratedBy, None) not in graph
    assert (report, DCTERMS.publisher, None) not in graph
    assert graph.value(report, SKG.meetingBody) == Literal("Cabinet")
    assert graph.value(report, DCTERMS.date) == Literal("2012-02-08", datatype=mapping.XSD.date)
    scopes = {graph.value(j, SKG.scope) for j in graph.subjects(RDF.type, SKG.Judgement)}
    assert scopes == {concept("judgement-scope", "safeguarding"), concept("judgement-scope", "looked-after-children")}


@pytest.mark.parametrize("value, datatype", [
    ("2011-09-06", "date"), ("2010-06", "gYearMonth"), ("2018", "gYear"),
    ("2011-02-30", None), ("2010-13", None), ("June 2010", None), ("", None), (None, None),
])
def test_dates_are_as_precise_as_the_report_and_never_wrong(value, datatype):
    literal = mapping._date_literal(value)
    if datatype is None:
        assert literal is None
    else:
        assert literal == Literal(value, datatype=URIRef(f"http://www.w3.org/2001/XMLSchema#{datatype}"))


def test_statistic_values_keep_their_number_type():
    assert mapping._number_literal(1575).datatype.endswith("#integer")
    assert str(mapping._number_literal(12.5)) == "12.5"
    assert mapping._number_literal(12.5).datatype.endswith("#decimal")


# -- the reference graph --------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference():
    return mapping.reference_graph(BASE)


def test_reference_council(reference):
    essex = URIRef(f"{BASE}/id/local-authority/E10000012")
    assert (essex, RDF.type, SKG.LocalAuthority) in reference
    assert (essex, SKOS.notation, Literal("E10000012", datatype=SKG.GSSCode)) in reference
    assert (essex, SKG.statisticalGeography,
            URIRef("http://statistics.data.gov.uk/id/statistical-geography/E10000012")) in reference
    assert (essex, SKG.policeForce, URIRef(f"{BASE}/id/police-force/essex")) in reference
    assert reference.value(essex, SKOS.prefLabel) == Literal("Essex County Council")
    assert Literal("Essex") in set(reference.objects(essex, SKOS.altLabel))


def test_reference_council_successor(reference):
    bournemouth = URIRef(f"{BASE}/id/local-authority/E06000028")
    assert reference.value(bournemouth, SKG.validTo) == Literal("2019-03-31", datatype=mapping.XSD.date)
    assert (bournemouth, DCTERMS.isReplacedBy, URIRef(f"{BASE}/id/local-authority/E06000058")) in reference


def test_reference_police_force(reference):
    essex = URIRef(f"{BASE}/id/police-force/essex")
    assert (essex, SKOS.notation, Literal("essex", datatype=SKG.PoliceUkId)) in reference
    assert (essex, RDF.type, SKG.PoliceForce) in reference


def test_reference_nhs_bodies(reference):
    trust = URIRef(f"{BASE}/id/nhs-body/RQ8")
    assert (trust, SKOS.notation, Literal("RQ8", datatype=SKG.ODSCode)) in reference
    assert (trust, RDF.type, SKG.NHSTrust) in reference and (trust, RDF.type, SKG.NHSBody) in reference
    assert reference.value(trust, SKG.validTo) == Literal("2020-03-31", datatype=mapping.XSD.date)
    pct = URIRef(f"{BASE}/id/nhs-body/5PE")
    assert (pct, RDF.type, SKG.PrimaryCareTrust) in reference
    assert (pct, DCTERMS.isReplacedBy, URIRef(f"{BASE}/id/nhs-body/05C")) in reference
    care_trust = URIRef(f"{BASE}/id/nhs-body/TAC")
    assert (care_trust, RDF.type, SKG.CareTrust) in reference
    assert (care_trust, SKG.organisationType, concept("organisation-type", "primary-care-trust")) in reference


def test_reference_graph_has_every_register_row(reference):
    from safeguarding_kg import registers
    rows = len(registers.local_authorities()) + len(registers.police_forces()) + len(registers.nhs_organisations())
    assert len(set(reference.subjects(RDF.type, ORG.Organization))) == rows
    assert all(isinstance(o, (URIRef, Literal)) for o in reference.objects())
    assert not [t for t in reference if any(isinstance(x, BNode) for x in t)]
    assert reference.value(URIRef(f"{BASE}/id/nhs-body/RQ8"), RDFS.label) is not None
