"""The partnership network from a real store: edges, analysis, the CLI."""
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from safeguarding_kg import network
from safeguarding_kg.cli import cli
from safeguarding_kg.store import open_store

FILES = ["004_10e96bc9d1d994b1.txt",  # the regional peer review of Southend
         "000_371523681b96652b.txt",  # Essex, 2011
         "essex_2014-03-21_childrens-services-inspection.pdf",
         "southend-on-sea_2016-07-07_childrens-services-inspection.pdf"]
ESSEX = "E10000012"
SOUTHEND = "E06000033"


@pytest.fixture(scope="module")
def store_path(store_of):
    return store_of("network", FILES)


@pytest.fixture(scope="module")
def graph(store_path):
    with open_store(store_path, read_only=True) as store:
        return network.partnership_graph(store)


def node(graph, code):
    return next(n for n, d in graph.nodes(data=True) if d["code"] == code)


def labels(graph, nodes):
    return {graph.nodes[n]["label"] for n in nodes}


def test_nodes_carry_label_type_code_and_reports(graph):
    southend = graph.nodes[node(graph, SOUTHEND)]
    assert southend["label"] == "Southend-on-Sea Borough Council"
    assert southend["type"] == "local-authority" and southend["authority"] is True
    assert southend["reports"] == 2
    for _, data in graph.nodes(data=True):
        assert set(data) >= {"label", "type", "code", "reports"}


def test_the_peer_review_links_southend_to_its_three_reviewers(graph):
    southend = node(graph, SOUTHEND)
    reviewers = {n for n in graph[southend] if graph[southend][n]["kind"] == "peer-review"}
    assert labels(graph, reviewers) == {"Essex County Council", "Central Bedfordshire Council",
                                        "Norfolk County Council"}
    edge = graph[southend][node(graph, ESSEX)]
    assert edge["dates"] == ["2015-09-16"] and edge["weight"] == 1 and "peer-review" in edge["reports"]


def test_partner_edges_have_weights_dates_and_reports(graph):
    southend, police = node(graph, SOUTHEND), node(graph, "essex")
    edge = graph[southend][police]
    assert edge["kind"] == "partner" and edge["authority"] == southend
    assert edge["weight"] == 2 == len(edge["reports"].split(";"))
    assert edge["dates"] == sorted(edge["dates"]) and edge["dates"][0] == "2015-09-16"
    assert edge["mentions"] >= 2


def test_since_and_until_keep_one_period(store_path):
    with open_store(store_path, read_only=True) as store:
        later = network.partnership_graph(store, since="2016-01-01")
        earlier = network.partnership_graph(store, until="2012-12-31")
    assert all(d >= "2016-01-01" for _, _, e in later.edges(data=True) for d in e["dates"])
    assert not any(e["kind"] == "peer-review" for _, _, e in later.edges(data=True))
    assert labels(earlier, [n for n, d in earlier.nodes(data=True) if d["authority"]]) == {"Essex County Council"}


def test_shared_partners_of_essex_and_southend_name_essex_police_with_evidence(store_path, graph):
    with open_store(store_path, read_only=True) as store:
        rows = network.shared(store, graph, ESSEX, "southend")
    assert {r["partner_label"] for r in rows} == {"Essex Police"}
    assert {r["authority_label"] for r in rows} == {"Essex County Council", "Southend-on-Sea Borough Council"}
    assert all("police" in r["quote"].lower() and r["report"] for r in rows)
    # each report quotes its fullest naming of the partner
    assert any(r["quote"] == "Essex Police" for r in rows)


def test_find_authority_needs_one_match(graph):
    assert network.find_authority(graph, "E06000033") == node(graph, SOUTHEND)
    with pytest.raises(LookupError, match="no authority"):
        network.find_authority(graph, "Atlantis")


def test_centrality_and_central(graph):
    for by in network.CENTRALITIES:
        assert set(network.centrality(graph, by)) == set(graph.nodes)
    top = network.central(graph, by="degree", top=2)
    assert [r["rank"] for r in top] == [1, 2]
    assert {r["code"] for r in top} == {ESSEX, SOUTHEND}
    forces = network.central(graph, types=("police-force",))
    assert forces and all(r["type"] == "police-force" for r in forces)
    with pytest.raises(ValueError):
        network.centrality(graph, by="closeness")


def test_summary_counts(graph):
    facts = network.summary(graph)
    assert facts["nodes"] == graph.number_of_nodes() and facts["edges"] == graph.number_of_edges()
    assert facts["edges_by_kind"]["peer-review"] == 3
    assert sum(facts["nodes_by_type"].values()) == facts["nodes"]
    assert facts["components"] == nx.number_connected_components(graph)


def test_communities_are_deterministic_and_cover_every_node(graph):
    first = network.communities(graph)
    assert first == network.communities(graph)
    members = [m["organisation"] for c in first for m in c["members"]]
    assert sorted(members) == sorted(graph.nodes)


def test_projection_on_authorities_and_partners(graph):
    authorities = network.projection(graph, on="authorities")
    essex, southend = node(graph, ESSEX), node(graph, SOUTHEND)
    assert authorities[essex][southend]["weight"] == 1
    assert authorities[essex][southend]["shared"] == "Essex Police"
    partners = network.projection(graph, on="partners")
    police = node(graph, "essex")
    # Essex Police works with both authorities, so it is linked to partners of each
    assert any(d["shared"] == "Essex County Council;Southend-on-Sea Borough Council"
               for _, _, d in partners.edges(police, data=True)) or partners.degree(police) > 0


def test_an_empty_store_gives_an_empty_network(tmp_path):
    with open_store(tmp_path / "empty") as store:
        graph = network.partnership_graph(store)
    assert graph.number_of_nodes() == 0
    assert network.summary(graph)["nodes"] == 0 and network.communities(graph) == []


# -- the CLI ------------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_summary_json(store_path):
    result = run("network", "summary", "--store", store_path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["edges_by_kind"]["peer-review"] == 3


def test_cli_shared_table_and_csv(store_path):
    result = run("network", "shared", "Essex County", "E06000033", "--store", store_path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 shared partner(s): Essex Police")
    result = run("network", "shared", ESSEX, SOUTHEND, "--store", store_path, "--format", "csv")
    assert result.output.splitlines()[0].startswith("partner_label,partner_type,authority_label")


def test_cli_central_communities_projection(store_path):
    for args in (["central", "--by", "eigenvector", "--type", "police-force"], ["communities"],
                 ["projection", "--on", "partners", "--format", "csv"], ["projection", "--format", "json"]):
        result = run("network", *args, "--store", store_path)
        assert result.exit_code == 0, (args, result.output)


def test_cli_errors_are_sentences(store_path):
    result = run("network", "shared", "Atlantis", ESSEX, "--store", store_path)
    assert result.exit_code == 1 and "no authority" in result.output and "Traceback" not in result.output
    result = run("network", "summary", "--since", "2020-02-30", "--store", store_path)
    assert result.exit_code == 1 and "is not a date" in result.output
    result = run("export", "png", "--store", store_path)
    assert result.exit_code == 1 and "--output" in result.output


def test_cli_export_writes_files(store_path, tmp_path):
    out = tmp_path / "network.graphml"
    result = run("export", "graphml", "--output", out, "--store", store_path, "--since", "2015-01-01")
    assert result.exit_code == 0, result.output
    read = nx.read_graphml(out)
    assert any(d["kind"] == "peer-review" for _, _, d in read.edges(data=True))
    result = run("export", "node-link", "--store", store_path)
    assert json.loads(result.output)["nodes"]


def test_every_command_has_an_example():
    for args in (["network"], ["network", "summary"], ["network", "central"], ["network", "shared"],
                 ["network", "communities"], ["network", "projection"], ["export"]):
        assert "Example:" in run(*args, "--help").output
