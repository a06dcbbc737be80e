"""The build keeps each report's graph as sorted N-Triples text: the text must say
exactly what the pyoxigraph triples said (the same lines, the same content hash,
the same quads once a graph name is written in)."""
import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest

from safeguarding_kg import mapping
from safeguarding_kg.build import (Loaded, _LinesReader, _sorted_triples, extract_file, in_graph, ntriples,
                                   sorted_ntriples, text_digest, sorted_union)
from safeguarding_kg.store import graph_digest
from safeguarding_kg.extract import extract_document
from safeguarding_kg.text import read_document

REPORTS = Path(__file__).parent.parent / "reports"
BASE = "https://safeguarding-kg.example.org"
# awkward literals: the N-Triples line ending inside a literal, quotes, a line break, non-ASCII
AWKWARD = ["ends with a full stop .", 'a "quoted" word', "two\nlines .\n", "caf\u00e9 \\ backslash", ""]


@pytest.fixture(scope="module")
def report_triples():
    doc = read_document(REPORTS / "002_f648c9875aa70f28.txt")
    return mapping.record_triples(extract_document(doc), doc, BASE)


def awkward_triples():
    from rdflib import Literal, URIRef

    subject, predicate = URIRef(BASE + "/id/x"), URIRef(BASE + "/def/says")
    return {(subject, predicate, Literal(text)) for text in AWKWARD}


def test_text_is_the_sorted_triples(report_triples):
    for triples in (report_triples, awkward_triples(), mapping.reference_graph(BASE)):
        assert sorted_ntriples(triples) == ntriples(_sorted_triples(triples))


def test_text_digest_is_the_stores_content_hash(report_triples):
    for triples in (report_triples, awkward_triples(), ()):
        sorted_triples = _sorted_triples(triples)
        assert text_digest(ntriples(sorted_triples)) == graph_digest(sorted_triples)


def test_in_graph_gives_the_same_quads(report_triples):
    graph = BASE + "/doc/report"
    for triples in (report_triples, awkward_triples()):
        text = sorted_ntriples(triples)
        quads = list(ox.parse(input=in_graph(text, graph), format=ox.RdfFormat.N_QUADS))
        assert quads == [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                         for t in _sorted_triples(triples)]


def test_a_trig_block_read_leniently_gives_the_same_quads(report_triples):
    # the store's bulk load: each graph's text in a TriG block, parsed with lenient=True
    graph = BASE + "/doc/report"
    for triples in (report_triples, awkward_triples()):
        text = sorted_ntriples(triples)
        block = f"<{graph}> {{\n{text}}}\n"
        assert list(ox.parse(input=block, format=ox.RdfFormat.TRIG, lenient=True)) == \
            list(ox.parse(input=in_graph(text, graph), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("step, size", [(1, 1), (2, 3), (3, 7), (10_000, 1 << 20)])
def test_lines_read_as_a_file_are_the_joined_lines_in_utf8(report_triples, step, size):
    lines = sorted_union([sorted_ntriples(report_triples), sorted_ntriples(awkward_triples())])
    reader, read = _LinesReader(lines, step), bytearray()
    buffer = bytearray(size)  # reads smaller than one line split multi-byte characters
    while count := reader.readinto(buffer):
        read += buffer[:count]
    assert bytes(read) == "".join(lines).encode("utf-8")


def test_sorted_union_is_the_union_of_the_triples_in_order(report_triples):
    one, two = sorted_ntriples(report_triples), sorted_ntriples(awkward_triples())
    lines = sorted_union([one, two, one])
    assert lines == sorted(set(lines))  # sorted, each line once
    assert [next(iter(ox.parse(input=line, format=ox.RdfFormat.N_TRIPLES))).triple for line in lines] == \
        sorted(set(_sorted_triples(report_triples)) | set(_sorted_triples(awkward_triples())), key=str)
    more = sorted_union([one], two.splitlines(keepends=True))
    assert more == sorted_union([two, one])


def test_a_loaded_report_travels_as_text():
    loaded = extract_file(REPORTS / "002_f648c9875aa70f28.txt", BASE)
    assert isinstance(loaded, Loaded)
    parsed = loaded.triples  # parsed once, kept
    assert loaded.triples is parsed and ntriples(parsed) == loaded.ntriples
    again = pickle.loads(pickle.dumps(loaded))
    assert "_triples" not in again.__dict__  # the parsed triples are not pickled
    assert again.ntriples == loaded.ntriples and again.triples == parsed and again.record == loaded.record


def test_the_worker_finds_the_organisations_and_digest_the_text_has():
    from safeguarding_kg.build import _organisations

    for name in ("002_f648c9875aa70f28.txt", "essex_2023-08-11_childrens-services-inspection.pdf"):
        loaded = extract_file(REPORTS / name, BASE)
        assert loaded.organisations and loaded.organisations == tuple(sorted(_organisations(loaded.ntriples)))
        assert loaded.digest == graph_digest(loaded.triples)
        made_here = Loaded(loaded.name, loaded.iri, loaded.record, loaded.ntriples)  # found from the text
        assert (made_here.organisations, made_here.digest) == (tuple(_organisations(loaded.ntriples)), loaded.digest)
