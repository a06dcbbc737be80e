"""The store's partnership table (network_table.py): the network read from it is the network
the named queries give, and it follows every change of the store."""
from pathlib import Path

import pyoxigraph as ox
import pytest

from safeguarding_kg import network, network_table
from safeguarding_kg.store import open_store

REPORTS = Path(__file__).parents[1] / "reports"
FILES = ["004_10e96bc9d1d994b1.txt",  # a peer review (peer-review edges)
         "000_371523681b96652b.txt",  # Essex, 2011
         "essex_2014-03-21_childrens-services-inspection.pdf",
         "southend-on-sea_2016-07-07_childrens-services-inspection.pdf",
         "003_f6169653f68880f1.txt"]  # Hertfordshire, 2013
PERIODS = [{}, {"since": "2015-01-01"}, {"until": "2014-12-31"}, {"since": "2014-01-01", "until": "2015-12-31"},
           {"since": "2030-01-01"}]


@pytest.fixture(scope="module")
def store_path(store_of):
    return store_of("network-table", FILES)


def without_table(store) -> ox.Store:
    """The same graphs in memory without the manifest: network.py reads them by the named queries."""
    copy = ox.Store()
    copy.extend([q for q in store.store.quads_for_pattern(None, None, None, None) if q.graph_name != store.manifest])
    assert network_table.read_table(copy) is None
    return copy


def as_lists(graph):
    return list(graph.nodes(data=True)), list(graph.edges(data=True)), graph.graph


@pytest.mark.parametrize("period", PERIODS)
def test_the_table_gives_the_network_the_queries_give(store_path, period):
    with open_store(store_path, read_only=True) as store:
        assert network_table.read_table(store.store) is not None
        from_table = network.partnership_graph(store, **period)
        from_queries = network.partnership_graph(without_table(store), **period)
    assert as_lists(from_table) == as_lists(from_queries)  # the same nodes, edges and order
    if not period:
        kinds = {d["kind"] for _, _, d in from_table.edges(data=True)}
        assert {"partner", "peer-review"} <= kinds and from_table.number_of_nodes() > 10


def test_each_query_row_from_the_table(store_path):
    from safeguarding_kg.queries import run

    with open_store(store_path, read_only=True) as store:
        table = network_table.read_table(store.store)
        bounds = network._bounds("2011-01-01", None)
        for name in (*network.EDGE_QUERIES.values(), "network/organisations"):
            rows = network.table_rows(store.store, table, name, bounds)
            expected = [{k: r[k] for k in rows[0]} if rows else r
                        for r in run(store, name, since="2011-01-01")]
            assert rows == expected, name


def test_the_table_follows_a_change_and_reads_only_what_changed(store_path, tmp_path):
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with open_store(copy) as store:
        assert network_table.refresh(store.store, store.manifest) == 0  # up to date: nothing recomputed
        reports = set(store.reports())
        assert set(network_table.read_table(store.store)) == reports
        gone = next(iri for iri, source in store.reports().items() if source == FILES[1])
        assert store.remove_report(FILES[1])
        assert set(network_table.read_table(store.store)) == reports - {gone}
        essex_2011_gone = network.partnership_graph(store, until="2012-12-31")
        assert not [n for n, d in essex_2011_gone.nodes(data=True) if d["authority"]]
        store.load_report(REPORTS / FILES[1])
        assert set(network_table.read_table(store.store)) == reports
        # a changed graph (its content hash) is read again; the others are kept
        entry = next(q for q in store.store.quads_for_pattern(ox.NamedNode(gone), network_table.NETWORK, None, None))
        store.store.remove(entry)
        assert network_table.refresh(store.store, store.manifest) == 1
        assert network.partnership_graph(store).number_of_edges() == \
            network.partnership_graph(without_table(store)).number_of_edges()


def test_the_table_is_bookkeeping_not_published(store_path):
    from safeguarding_kg.publish import read_store

    with open_store(store_path, read_only=True) as store:
        plan = read_store(store.store)
    published = [t for g in plan.graphs for t in g.triples]
    assert published and not [t for t in published if t.predicate in (network_table.NETWORK,
                                                                     network_table.NETWORK_TABLE)]


def test_every_graph_at_once_gives_what_one_graph_at_a_time_gives(store_path):
    """refresh reads many changed reports with one query per kind over every graph, a few
    with one query per graph: the same entries either way."""
    with open_store(store_path, read_only=True) as store:
        reports = list(store.reports())
        at_once = {iri: network_table._empty("h") for iri in reports}
        network_table._collect(store.store, at_once, None)
        one_by_one = {iri: network_table._empty("h") for iri in reports}
        for iri in reports:
            network_table._collect(store.store, one_by_one, iri)
    at_once = {iri: network_table._tidy(entry) for iri, entry in at_once.items()}
    assert at_once == {iri: network_table._tidy(entry) for iri, entry in one_by_one.items()}
    assert sum(len(e["partner"]) for e in at_once.values()) > 10
    assert any(e["peerReview"] for e in at_once.values()) and any(e["addressee"] for e in at_once.values())


def test_a_store_without_the_table_says_so(store_path, tmp_path):
    import shutil

    from safeguarding_kg import summary_graph

    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with open_store(copy) as store:
        assert summary_graph.is_current(store.store, store.base)
        for quad in list(store.store.quads_for_pattern(None, network_table.NETWORK_TABLE, None, None)):
            store.store.remove(quad)
        assert not summary_graph.is_current(store.store, store.base)
        assert network_table.read_table(store.store) is None  # network.py reads the queries then
        summary_graph.refresh(store.store, store.base)
        assert summary_graph.is_current(store.store, store.base)


def test_a_table_that_misses_a_report_is_not_read(store_path, tmp_path):
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with open_store(copy) as store:
        entry = next(iter(store.store.quads_for_pattern(None, network_table.NETWORK, None, None)))
        store.store.remove(entry)  # as if a build had stopped before describing the store
        assert network_table.read_table(store.store) is None
