"""The ontology files: every term the code uses is declared, labelled and defined;
the concept schemes hold every controlled value of SCHEMA.md; shapes and the
JSON-LD context agree with the ontology."""
import json
import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from safeguarding_kg import vocab
from safeguarding_kg.vocab import DEF, SKG, SH, concept, ontology_graph, ontology_text, scheme, shapes_graph

SCHEMA_MD = Path(__file__).parent / "gold" / "SCHEMA.md"
# SCHEMA.md's table keys -> our scheme names
TABLE_SCHEMES = {"document_type": "document-type", "framework": "framework", "grade": "grade",
                 "timescale": "timescale", "scope": "judgement-scope",
                 "organisation type": "organisation-type"}
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype}


@pytest.fixture(scope="module")
def ontology():
    return ontology_graph()


def skg_terms():
    return [SKG[name] for name in SKG.__annotations__]


@pytest.mark.parametrize("term", skg_terms() + list(vocab.REUSED), ids=str)
def test_every_term_the_code_uses_has_a_label_and_a_definition(ontology, term):
    labels = [o for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal) and str(o).strip()]
    definitions = [o for o in ontology.objects(term, SKOS.definition) if str(o).strip()]
    assert labels, f"{term} has no rdfs:label in ontology/skg.ttl"
    assert definitions, f"{term} has no skos:definition in ontology/skg.ttl"


@pytest.mark.parametrize("term", skg_terms(), ids=str)
def test_every_skg_term_is_declared_as_a_class_property_or_datatype(ontology, term):
    assert set(ontology.objects(term, RDF.type)) & DECLARATIONS, f"{term} is not declared"


def test_every_declared_skg_term_is_in_vocab(ontology):
    declared = {s for s, o in ontology.subject_objects(RDF.type) if o in DECLARATIONS and str(s).startswith(DEF)}
    assert declared == set(skg_terms())


def test_ontology_files_have_no_blank_nodes(ontology):
    # the build writes them byte for byte; blank nodes would get arbitrary labels
    assert not [t for t in ontology if any(isinstance(x, BNode) for x in t)]


def schema_values() -> dict[str, list[str]]:
    values = {}
    for line in SCHEMA_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] in TABLE_SCHEMES:
            values[TABLE_SCHEMES[cells[0]]] = re.findall(r"`([a-z0-9-]+)`", cells[1])
    return values


@pytest.mark.skipif(not SCHEMA_MD.exists(), reason="tests/gold/SCHEMA.md is not in this checkout")
def test_every_controlled_value_of_the_schema_is_a_concept_of_its_scheme(ontology):
    values = schema_values()
    assert set(values) == set(TABLE_SCHEMES.values())
    for scheme_name, names in values.items():
        assert names, scheme_name
        for value in names:
            c = concept(scheme_name, value)
            assert (c, SKOS.inScheme, scheme(scheme_name)) in ontology, f"{value} not in {scheme_name}"
            assert (c, SKOS.notation, Literal(value)) in ontology


def test_every_concept_is_labelled_defined_and_in_one_scheme(ontology):
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 40
    for c in concepts:
        assert ontology.value(c, SKOS.prefLabel), c
        assert ontology.value(c, SKOS.definition), c
        assert ontology.value(c, SKOS.notation), c
        assert len(set(ontology.objects(c, SKOS.inScheme))) == 1, c
    for name in vocab.SCHEMES:
        assert (scheme(name), RDF.type, SKOS.ConceptScheme) in ontology


def test_grades_are_ordered_by_rank(ontology):
    def rank(value):
        literal = ontology.value(concept("grade", value), SKG.rank)
        assert literal is not None and literal.datatype == XSD_INTEGER, value
        return literal.toPython()

    assert rank("outstanding") < rank("good") < rank("adequate") < rank("inadequate")
    assert rank("requires-improvement") == rank("requires-improvement-to-be-good") == rank("adequate")
    assert rank("satisfactory") == rank("adequate")


def test_every_organisation_type_has_a_class_in_vocab():
    for value in schema_values().get("organisation-type", []):
        assert value in vocab.ORGANISATION_CLASS, value


def test_shapes_target_declared_classes(ontology):
    shapes = shapes_graph()
    targets = set(shapes.objects(None, SH.targetClass))
    assert SKG.Judgement in targets and SKG.Report in targets
    for cls in targets:
        assert (cls, RDF.type, OWL.Class) in ontology or ontology.value(cls, RDFS.label), cls


def test_shape_node_references_exist():
    shapes = shapes_graph()
    for node in shapes.objects(None, SH.node):
        assert (node, RDF.type, SH.NodeShape) in shapes, node


def test_json_ld_context_maps_every_skg_term(ontology):
    context = json.loads(ontology_text("context.jsonld"))["@context"]
    for term in skg_terms():
        name = str(term)[len(DEF):]
        entry = context.get(name)
        assert entry is not None, f"{name} is not in context.jsonld"
        iri = entry["@id"] if isinstance(entry, dict) else entry
        assert iri == f"skg:{name}"
        if (term, RDF.type, OWL.ObjectProperty) in ontology:
            assert isinstance(entry, dict) and entry.get("@type") == "@id", name


def test_json_ld_context_expands_a_judgement():
    context = json.loads(ontology_text("context.jsonld"))["@context"]
    doc = {"@context": context, "id": "https://example.org/id/judgement/1", "type": "Judgement",
           "grade": "grades:good", "area": "Overall effectiveness"}
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    judgement = URIRef("https://example.org/id/judgement/1")
    assert (judgement, RDF.type, SKG.Judgement) in graph
    assert (judgement, SKG.grade, concept("grade", "good")) in graph
    assert (judgement, SKG.area, Literal("Overall effectiveness")) in graph
