"""The published dataset's VoID and DCAT description (/.well-known/void).

The build already writes the core of it (mapping.dataset_graph: title,
description, triple and report counts, URI space, vocabulary, the reports it is
derived from) into the store's default graph. Publication adds what only a
publisher knows: the licence, the sources, counts of organisations and findings,
example resources, the landing page and the SPARQL endpoint. Extra nodes are
fragments of the dataset's IRI ({dataset}#organisations), never blank nodes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from . import mapping
from .vocab import DEF

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
OGL = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# Where the facts come from: the inspectorate's reports and the registers (data/SOURCES.md).
SOURCES = {
    "https://reports.ofsted.gov.uk/": "Ofsted inspection reports (Open Government Licence v3.0)",
    "https://www.ons.gov.uk/methodology/geography/geographicalproducts/namesandcodes":
        "ONS Code History Database: council names and GSS codes (OGL v3.0)",
    "https://digital.nhs.uk/services/organisation-data-service":
        "NHS Organisation Data Service: NHS bodies and ODS codes (OGL v3.0)",
    "https://data.police.uk/docs/method/forces/": "data.police.uk: police forces and their ids (OGL v3.0)",
}
CLASS_PARTITIONS = (("reports", DEF + "Report"), ("inspections", DEF + "Inspection"),
                    ("judgements", DEF + "Judgement"), ("recommendations", DEF + "Recommendation"),
                    ("organisations", "http://www.w3.org/ns/org#Organization"))


@dataclass
class Summary:
    """What the dataset page shows: counts, examples and sources, as plain values."""

    iri: str
    title: str
    description: str
    triples: int
    counts: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=lambda: dict(SOURCES))
    licence: str = OGL
    endpoint: str | None = None


def _report_graphs(base: str) -> str:
    """A FILTER keeping the report graphs: not the reference, ontology or manifest graph."""
    others = ", ".join(f"<{mapping.graph_iri(name, base)}>" for name in ("reference", "ontology", "manifest"))
    return f"FILTER(?g NOT IN ({others}))"


def summary(store: ox.Store, base: str, endpoint: str | None = None) -> Summary:
    iri = str(mapping.dataset_iri(base))
    node = ox.NamedNode(iri)

    def value(prop: str) -> str:
        for quad in store.quads_for_pattern(node, ox.NamedNode(prop), None, ox.DefaultGraph()):
            return quad.object.value
        return ""

    keep = _report_graphs(base)
    counts = {}
    for name, cls in CLASS_PARTITIONS:
        row = next(iter(store.query(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} {keep} }}")))
        counts[name] = int(row["n"].value)
    examples = []
    for cls in (DEF + "Report", "http://www.w3.org/ns/org#Organization", DEF + "Judgement", DEF + "Recommendation"):
        for row in store.query(f"SELECT ?x WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} {keep} }} ORDER BY ?x LIMIT 1"):
            examples.append(row["x"].value)
    triples = value(VOID + "triples")
    return Summary(iri=iri, title=value(DCT + "title") or "safeguarding-kg",
                   description=value(DCT + "description"), triples=int(triples or 0),
                   counts=counts, examples=examples, endpoint=endpoint)


def description(store: ox.Store, base: str, endpoint: str | None = None) -> list[ox.Triple]:
    """The build's dataset description (the default graph) with the publication's additions."""
    info = summary(store, base, endpoint)
    dataset = ox.NamedNode(info.iri)
    triples = [q.triple for q in store.quads_for_pattern(dataset, None, None, ox.DefaultGraph())]

    def add(s, p, o):
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    add(dataset, DCT + "license", ox.NamedNode(OGL))
    for url in info.sources:
        add(dataset, DCT + "source", ox.NamedNode(url))
    add(dataset, DCAT + "landingPage", ox.NamedNode(base.rstrip("/") + "/"))
    add(dataset, VOID + "rootResource", ox.NamedNode(base.rstrip("/") + "/"))
    for example in info.examples:
        add(dataset, VOID + "exampleResource", ox.NamedNode(example))
    for name, cls in CLASS_PARTITIONS:
        part = ox.NamedNode(f"{info.iri}#{name}")
        add(dataset, VOID + "classPartition", part)
        add(part, VOID + "class", ox.NamedNode(cls))
        add(part, VOID + "entities", ox.Literal(str(info.counts[name]), datatype=XSD_INTEGER))
    if endpoint:
        add(dataset, VOID + "sparqlEndpoint", ox.NamedNode(endpoint))
        service = ox.NamedNode(f"{info.iri}#sparql")
        distribution = ox.NamedNode(f"{info.iri}#sparql-distribution")
        add(dataset, DCAT + "distribution", distribution)
        add(distribution, RDF_TYPE.value, ox.NamedNode(DCAT + "Distribution"))
        add(distribution, DCAT + "accessService", service)
        add(service, RDF_TYPE.value, ox.NamedNode(DCAT + "DataService"))
        add(service, DCAT + "endpointURL", ox.NamedNode(endpoint))
        add(service, DCAT + "servesDataset", dataset)
        add(service, DCT + "conformsTo", ox.NamedNode("https://www.w3.org/TR/sparql11-protocol/"))
    return sorted(set(triples), key=str)
