"""The on-disk store: loading is idempotent, a changed report replaces only its own
named graph, remove drops exactly one, stats count, bad files cost one sentence,
and a build's store holds what the build wrote. Real pyoxigraph stores in tmp_path."""
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from safeguarding_kg import open_store as lazy_open_store
from safeguarding_kg.build import build_graph
from safeguarding_kg.errors import ReportError
from safeguarding_kg.extract import extract
from safeguarding_kg.store import DuplicateReport, default_store_path, open_store

REPORTS = Path(__file__).parent.parent / "reports"
BASE = "https://safeguarding-kg.example.org"
MANIFEST = ox.NamedNode(BASE + "/graph/manifest")
# Three small text reports of three genres; the PDF that 002 is a text copy of.
SMALL = ["003_f6169653f68880f1.txt", "004_10e96bc9d1d994b1.txt", "000_371523681b96652b.txt"]
PDF_OF_002 = "essex_2023-08-11_childrens-services-inspection.pdf"


def copy_reports(tmp_path: Path, names) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(REPORTS / name, directory / name)
    return directory


def quads(store, graph=None) -> set:
    return set(store.store.quads_for_pattern(None, None, None, graph))


def report_graphs(store) -> dict[str, set]:
    return {iri: quads(store, ox.NamedNode(iri)) for iri in store.reports()}


def load_all(store, directory: Path) -> list[str]:
    store.load_static()
    return [store.load_report(path) for path in sorted(directory.iterdir())]


@pytest.fixture
def small(tmp_path):
    return copy_reports(tmp_path, SMALL)


def test_loading_the_same_directory_twice_changes_nothing(tmp_path, small):
    with open_store(tmp_path / "store") as store:
        assert load_all(store, small) == ["added"] * 3
        before = quads(store)
        assert store.load_static() == []
        assert load_all(store, small) == ["unchanged"] * 3
        assert quads(store) == before
    with open_store(tmp_path / "store") as store:  # and it is on disk
        assert quads(store) == before
        assert len(store.reports()) == 3


def test_a_changed_report_replaces_only_its_named_graph(tmp_path, small):
    changed = small / SMALL[0]
    with open_store(tmp_path / "store") as store:
        load_all(store, small)
        before = report_graphs(store)
        static = {g: quads(store, ox.NamedNode(g)) for g in store.managed() if g not in before}
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("\nContents\n", "\nA paragraph added later.\n\nContents\n", 1),
                           encoding="utf-8")
        assert store.load_report(changed) == "replaced"
        after = report_graphs(store)
        iri = next(i for i, source in store.reports().items() if source == changed.name)
    assert set(after) == set(before)
    assert after[iri] != before[iri]
    assert {i: q for i, q in after.items() if i != iri} == {i: q for i, q in before.items() if i != iri}
    with open_store(tmp_path / "store") as store:
        assert {g: quads(store, ox.NamedNode(g)) for g in static} == static


def test_a_file_whose_report_iri_changes_leaves_no_old_graph(tmp_path):
    triple = ox.Triple(ox.NamedNode(BASE + "/id/x"), ox.NamedNode(BASE + "/def/p"), ox.Literal("v"))
    with open_store(tmp_path / "store") as store:
        assert store.put_report(BASE + "/doc/a", [triple], "report.txt") == "added"
        assert store.put_report(BASE + "/doc/b", [triple], "report.txt") == "replaced"
        assert store.reports() == {BASE + "/doc/b": "report.txt"}
        assert not quads(store, ox.NamedNode(BASE + "/doc/a"))


def test_remove_drops_exactly_one_graph(tmp_path, small):
    with open_store(tmp_path / "store") as store:
        load_all(store, small)
        before = quads(store)
        graphs = report_graphs(store)
        gone = next(i for i, source in store.reports().items() if source == SMALL[1])
        assert store.remove_report(SMALL[1]) is True
        assert set(store.reports()) == set(graphs) - {gone}
        assert not quads(store, ox.NamedNode(gone))
        for iri in store.reports():
            assert quads(store, ox.NamedNode(iri)) == graphs[iri]
        # only that graph, its manifest entry and the dataset description changed
        lost = {q for q in before - quads(store) if q.graph_name not in (MANIFEST, ox.DefaultGraph())}
        assert lost == graphs[gone]
        other = next(iter(store.reports()))
        assert store.remove_report(other) is True  # by IRI
        assert store.remove_report(other) is False
        assert store.remove_report("no-such-report.pdf") is False
        assert len(store.reports()) == 1


def test_stats_count_classes_and_each_report(tmp_path, small):
    with open_store(tmp_path / "store") as store:
        load_all(store, small)
        stats = store.stats()
    assert stats["reports"] == 3
    assert stats["classes"]["skg:Report"] == 3
    assert stats["classes"]["skg:Inspection"] == 3
    by_source = {r["source"]: r for r in stats["per_report"]}
    assert set(by_source) == set(SMALL)
    for name in SMALL:
        record = extract(small / name)
        assert by_source[name]["judgements"] == len(record.judgements)
        assert by_source[name]["recommendations"] == len(record.recommendations)
        assert by_source[name]["triples"] > 100
    assert stats["classes"]["skg:Judgement"] == sum(r["judgements"] for r in stats["per_report"])
    assert stats["quads"] > sum(r["triples"] for r in stats["per_report"])  # plus registers and ontology


def test_a_bad_file_is_one_sentence_and_the_others_still_load(tmp_path, small):
    (small / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar.\n")
    (small / "broken.pdf").write_text("this is not a PDF")
    (small / "empty.txt").write_text("")
    loaded, errors = [], []
    with open_store(tmp_path / "store") as store:
        for path in sorted(small.iterdir()):
            try:
                loaded.append(store.load_report(path))
            except ReportError as exc:
                errors.append(str(exc))
        assert len(store.reports()) == 3
    assert loaded == ["added"] * 3
    assert len(errors) == 3
    assert all("\n" not in e and "Traceback" not in e for e in errors)
    assert any(e.startswith("recipe.txt") for e in errors)


def test_a_text_copy_of_a_loaded_pdf_is_skipped_and_the_pdf_replaces_a_text_copy(tmp_path):
    directory = copy_reports(tmp_path, ["002_f648c9875aa70f28.txt", PDF_OF_002])
    with open_store(tmp_path / "one") as store:
        assert store.load_report(directory / PDF_OF_002) == "added"
        with pytest.raises(DuplicateReport, match="the same report as essex"):
            store.load_report(directory / "002_f648c9875aa70f28.txt")
        assert list(store.reports().values()) == [PDF_OF_002]
    with open_store(tmp_path / "two") as store:
        assert store.load_report(directory / "002_f648c9875aa70f28.txt") == "added"
        assert store.load_report(directory / PDF_OF_002) == "replaced"
        assert list(store.reports().values()) == [PDF_OF_002]


def test_the_store_of_a_build_holds_what_the_build_wrote(tmp_path):
    """The whole corpus: the store's graphs (all but the manifest) are graph.nq's quads."""
    result = build_graph(REPORTS, tmp_path / "graph.ttl", base=BASE)
    with open_store(tmp_path / "store") as store:
        counts = store.put_built(result.reports)
        assert counts["added"] == len(result.loaded)
        assert store.put_built(result.reports)["unchanged"] == len(result.loaded)
        held = {q for q in store.store if q.graph_name != MANIFEST}
    # pyoxigraph stores xsd:nonNegativeInteger and the like as xsd:integer: read
    # the file through a pyoxigraph store too, so both sides are normalised alike.
    written = ox.Store()
    written.load(path=str(tmp_path / "graph.nq"))
    assert held == set(written)


def test_query_runs_named_queries_and_text_with_parameters(tmp_path, small):
    with open_store(tmp_path / "store") as store:
        store.load_report(small / SMALL[0])
        iri = next(iter(store.reports()))
        loaded = store.query("reports/loaded")
        assert [row["report"] for row in loaded] == [iri]
        rows = list(store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                "GROUP BY ?g ORDER BY ?g"))
        assert {row["g"]: row["n"] for row in rows}[iri] == len(quads(store, ox.NamedNode(iri)))
        with pytest.raises(ReportError, match="no query named"):
            store.query("no/such-query")


def test_default_path_and_errors_are_sentences(tmp_path, monkeypatch):
    monkeypatch.delenv("SKG_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "safeguarding-kg" / "store"
    monkeypatch.setenv("SKG_STORE", str(tmp_path / "mine"))
    with lazy_open_store() as store:
        assert store.path == tmp_path / "mine"
        with pytest.raises(ReportError, match="open in another process"):
            open_store(tmp_path / "mine")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportError, match="not a store directory"):
        open_store(tmp_path / "file")
    with pytest.raises(ReportError, match="no store there"):
        open_store(tmp_path / "absent", read_only=True)


def test_a_graph_left_without_its_entry_is_replaced_whole(tmp_path, small):
    """The bulk loader is not transactional: a build stopped after a graph's quads and
    before its manifest entry leaves quads the next build must not keep."""
    built = build_graph(small, tmp_path / "out" / "graph.ttl", BASE)
    report = built.reports[0]
    graph = ox.NamedNode(str(report.iri))
    stray = ox.Quad(graph, ox.NamedNode(BASE + "/def/stray"), ox.Literal("from a stopped build"), graph)
    with open_store(tmp_path / "store") as store:
        store.store.add(stray)  # the quads of a graph whose entry was never written
        assert str(report.iri) not in store.reports()
        store.put_built(built.reports)
        assert stray not in quads(store, graph)
        assert {(q.subject, q.predicate, q.object) for q in quads(store, graph)} == \
            {(t.subject, t.predicate, t.object) for t in report.triples}
        assert set(store.reports()) == {str(r.iri) for r in built.reports}


def test_a_store_from_before_generations_gets_one_on_the_next_build(tmp_path, small):
    from safeguarding_kg.store import GENERATION

    built = build_graph(small, tmp_path / "out" / "graph.ttl", BASE)
    with open_store(tmp_path / "store") as store:
        store.put_built(built.reports)
        assert store.generation()
        for quad in list(store.store.quads_for_pattern(None, GENERATION, None, None)):  # as in an older store
            store.store.remove(quad)
        assert store.generation() is None
        assert store.put_built(built.reports)["unchanged"] == len(built.reports)
        assert store.generation()


def test_a_store_without_the_partnership_table_gets_it_on_the_next_build(tmp_path, small):
    """A store filled by an older skg keeps no partnership table (network_table.py): an
    unchanged build brings it up to date, so network analysis reads the table."""
    from safeguarding_kg.network_table import NETWORK_TABLE, is_current

    built = build_graph(small, tmp_path / "out" / "graph.ttl", BASE)
    with open_store(tmp_path / "store") as store:
        store.put_built(built.reports)
        assert is_current(store.store, MANIFEST)
        for quad in list(store.store.quads_for_pattern(None, NETWORK_TABLE, None, None)):  # as in an older store
            store.store.remove(quad)
        assert not is_current(store.store, MANIFEST)
        assert store.put_built(built.reports)["unchanged"] == len(built.reports)
        assert is_current(store.store, MANIFEST)
