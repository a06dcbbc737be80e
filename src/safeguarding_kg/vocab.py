"""The one place ontology terms come from: namespaces and term constants.

`SKG` is a closed namespace: a misspelt term (SKG.Judgment) is an error at once,
and tests/test_ontology.py checks that every term here is declared in
ontology/skg.ttl with a label and a definition. Terms of other vocabularies that
the mapping uses are listed in REUSED and checked the same way.

The vocabulary namespace is fixed; the `--base` option moves instance URIs only.
"""
from __future__ import annotations

from importlib.resources import files

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD, DefinedNamespace

DEF = "https://safeguarding-kg.example.org/def/"

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"
WIKIDATA = "http://www.wikidata.org/entity/"


class SKG(DefinedNamespace):
    """Our own terms (ontology/skg.ttl)."""

    _NS = Namespace(DEF)
    _fail = True

    # reports, inspections and findings
    Report: URIRef
    Inspection: URIRef
    Judgement: URIRef
    Recommendation: URIRef
    OrganisationMention: URIRef
    ThemeTag: URIRef
    PreviousInspection: URIRef
    Statistic: URIRef
    # organisations
    LocalAuthority: URIRef
    NHSBody: URIRef
    NHSTrust: URIRef
    PrimaryCareTrust: URIRef
    CareTrust: URIRef
    ClinicalCommissioningGroup: URIRef
    IntegratedCareBoard: URIRef
    PoliceForce: URIRef
    SafeguardingBoard: URIRef
    PartnershipBoard: URIRef
    Regulator: URIRef
    VoluntaryOrganisation: URIRef
    AdoptionAgency: URIRef
    GovernmentDepartment: URIRef
    MultiAgencyArrangement: URIRef
    Forum: URIRef
    UnresolvedOrganisation: URIRef
    # register code datatypes
    GSSCode: URIRef
    ODSCode: URIRef
    PoliceUkId: URIRef
    # properties
    documentType: URIRef
    framework: URIRef
    textDigest: URIRef
    subjectAuthority: URIRef
    aboutInspection: URIRef
    startDate: URIRef
    endDate: URIRef
    leadInspector: URIRef
    inspectorate: URIRef
    inspectorateName: URIRef
    reviewedBy: URIRef
    reviewerName: URIRef
    meetingBody: URIRef
    authorName: URIRef
    area: URIRef
    grade: URIRef
    scope: URIRef
    text: URIRef
    timescale: URIRef
    addressee: URIRef
    addresseeName: URIRef
    mentionOf: URIRef
    themeTag: URIRef
    theme: URIRef
    judgementSubject: URIRef
    inspectionDate: URIRef
    measure: URIRef
    value: URIRef
    referenceDate: URIRef
    evidence: URIRef
    page: URIRef
    element: URIRef
    organisationType: URIRef
    worksInPartnershipWith: URIRef
    statisticalGeography: URIRef
    policeForce: URIRef
    localAuthorityType: URIRef
    validFrom: URIRef
    validTo: URIRef
    rank: URIRef


# Terms of other vocabularies that the mapping writes (RDF, RDFS, OWL and XSD
# plumbing aside). Each is labelled and defined at the end of skg.ttl.
REUSED = (
    ORG.Organization, ORG.FormalOrganization, ORG.linkedTo,
    PROV.Entity, PROV.Activity, PROV.wasGeneratedBy, PROV.wasDerivedFrom, PROV.wasAssociatedWith,
    DCTERMS.title, DCTERMS.description, DCTERMS.date, DCTERMS.issued, DCTERMS.publisher,
    DCTERMS.source, DCTERMS.subject, DCTERMS.isReplacedBy,
    OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector,
    OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact,
    SKOS.Concept, SKOS.ConceptScheme, SKOS.inScheme, SKOS.notation, SKOS.prefLabel,
    SKOS.altLabel, SKOS.hiddenLabel, SKOS.definition,
    DCAT.Dataset, VOID.Dataset, VOID.triples, VOID.documents, VOID.uriSpace, VOID.vocabulary,
    RDFS.seeAlso,
)

# The controlled-value schemes of schemes.ttl (the extraction record's keys), and themes.ttl.
SCHEMES = ("grade", "judgement-scope", "timescale", "framework", "document-type", "organisation-type",
           "theme")


def scheme(name: str) -> URIRef:
    """The concept scheme of one kind of controlled value, e.g. scheme("grade")."""
    return URIRef(f"{DEF}scheme/{name}")


def concept(scheme_name: str, value: str) -> URIRef:
    """The concept of a controlled value, e.g. concept("grade", "good")."""
    return URIRef(f"{DEF}concept/{scheme_name}/{value}")


# The class of each organisation type of the extraction record; "other" is
# just an org:Organization.
ORGANISATION_CLASS = {
    "local-authority": SKG.LocalAuthority,
    "nhs-trust": SKG.NHSTrust,
    "primary-care-trust": SKG.PrimaryCareTrust,
    "clinical-commissioning-group": SKG.ClinicalCommissioningGroup,
    "integrated-care-board": SKG.IntegratedCareBoard,
    "police-force": SKG.PoliceForce,
    "safeguarding-board": SKG.SafeguardingBoard,
    "partnership-board": SKG.PartnershipBoard,
    "regulator": SKG.Regulator,
    "voluntary-organisation": SKG.VoluntaryOrganisation,
    "adoption-agency": SKG.AdoptionAgency,
    "government-department": SKG.GovernmentDepartment,
    "multi-agency-arrangement": SKG.MultiAgencyArrangement,
    "forum": SKG.Forum,
    "other": ORG.Organization,
}

PREFIXES = {
    "skg": DEF,
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "skos": str(SKOS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    # the controlled values, so that the Turtle reads grades:good, frameworks:ilacs
    # (plural: "grade" is a property in the JSON-LD context)
    **{prefix: f"{DEF}concept/{name}/" for prefix, name in (
        ("grades", "grade"), ("scopes", "judgement-scope"), ("timescales", "timescale"),
        ("frameworks", "framework"), ("doctypes", "document-type"), ("orgtypes", "organisation-type"),
        ("themes", "theme"))},
    "schemes": f"{DEF}scheme/",
}

ONTOLOGY_FILES = ("skg.ttl", "schemes.ttl", "themes.ttl")


def ontology_text(name: str) -> str:
    """The text of one file of the ontology package (skg.ttl, schemes.ttl, shapes.ttl, ...)."""
    return files("safeguarding_kg.ontology").joinpath(name).read_text(encoding="utf-8")


def ontology_graph() -> Graph:
    """The ontology and its concept schemes, as one graph (a fresh copy each call)."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(data=ontology_text(name), format="turtle")
    return graph


def shapes_graph() -> Graph:
    graph = Graph()
    graph.parse(data=ontology_text("shapes.ttl"), format="turtle")
    return graph


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
