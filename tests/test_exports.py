"""Every export format round-trips: read back with networkx (or csv, or XML), nodes, edges
and attributes intact; the pictures are an SVG with a legend and a PNG."""
import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from safeguarding_kg.exports import EDGE_CSV_FIELDS, FORMATS, export, to_dot

LA = "https://example.org/id/local-authority/E06000033"
FORCE = "https://example.org/id/police-force/essex"
BOARD = "https://example.org/id/safeguarding-board/x"
REVIEWER = "https://example.org/id/local-authority/E10000012"


def sample_graph() -> nx.Graph:
    """A graph shaped like network.partnership_graph's, with awkward characters in labels."""
    graph = nx.Graph(since="2015-01-01", until="")
    graph.add_node(LA, label="Southend-on-Sea Borough Council", type="local-authority", code="E06000033",
                   reports=3, authority=True)
    graph.add_node(FORCE, label="Essex Police", type="police-force", code="essex", reports=2, authority=False)
    graph.add_node(BOARD, label='The "Safeguarding" Board & Partners – Ål', type="safeguarding-board", code="",
                   reports=1, authority=False)
    graph.add_node(REVIEWER, label="Essex County Council", type="local-authority", code="E10000012",
                   reports=1, authority=False)
    graph.add_edge(LA, FORCE, kind="partner", kinds="partner;recommendation", weight=2, mentions=5,
                   dates=["2016-04-25", "2023-03-06"], reports="https://r/1;https://r/2", authority=LA)
    graph.add_edge(LA, BOARD, kind="partner", kinds="partner", weight=1, mentions=1,
                   dates=["2016-04-25"], reports="https://r/1", authority=LA)
    graph.add_edge(LA, REVIEWER, kind="peer-review", kinds="peer-review", weight=1, mentions=0,
                   dates=["2015-09-16"], reports="https://r/3", authority="")
    return graph


def scalar(value):
    return ";".join(value) if isinstance(value, list) else value


def assert_same(read: nx.Graph, graph: nx.Graph, lists_joined: bool = True):
    assert set(read.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in graph.edges}
    for node, data in graph.nodes(data=True):
        for key, value in data.items():
            assert read.nodes[node][key] == value, (node, key)
    for u, v, data in graph.edges(data=True):
        for key, value in data.items():
            assert read.edges[u, v][key] == (scalar(value) if lists_joined else value), (u, v, key)


def test_graphml_round_trips():
    graph = sample_graph()
    assert_same(nx.read_graphml(io.BytesIO(export(graph, "graphml"))), graph)


def test_gexf_round_trips():
    graph = sample_graph()
    read = nx.read_gexf(io.BytesIO(export(graph, "gexf")))
    assert_same(read, graph)


def test_node_link_round_trips_with_dates_as_lists():
    graph = sample_graph()
    read = nx.node_link_graph(json.loads(export(graph, "node-link")), edges="edges")
    assert_same(read, graph, lists_joined=False)
    assert read.graph["since"] == "2015-01-01"


def test_cytoscape_round_trips_and_names_nodes_by_label():
    graph = sample_graph()
    data = json.loads(export(graph, "cytoscape"))
    read = nx.cytoscape_graph(data, name="label", ident="id")
    assert_same(read, graph, lists_joined=False)
    names = {n["data"]["id"]: n["data"]["label"] for n in data["elements"]["nodes"]}
    assert names[FORCE] == "Essex Police"


def parse_dot(text: str):
    """Just enough DOT for our writer's output: node and edge statements with quoted attributes."""
    value = r'"(?:[^"\\]|\\.)*"|[\w.]+'
    attrs = re.compile(rf'(\w+)=({value})')
    unquote = lambda v: v[1:-1].replace('\\"', '"').replace("\\\\", "\\") if v.startswith('"') else v  # noqa: E731
    graph = nx.Graph()
    for line in text.splitlines():
        edge = re.match(rf'\s*({value}) -- ({value}) \[(.*)\];$', line)
        node = re.match(rf'\s*({value}) \[(.*)\];$', line)
        if edge:
            graph.add_edge(unquote(edge.group(1)), unquote(edge.group(2)),
                           **{k: unquote(v) for k, v in attrs.findall(edge.group(3))})
        elif node and node.group(1) not in ("graph", "node", "edge"):
            graph.add_node(unquote(node.group(1)), **{k: unquote(v) for k, v in attrs.findall(node.group(2))})
    return graph


def test_dot_holds_every_node_and_edge_with_attributes():
    graph = sample_graph()
    text = export(graph, "dot").decode("utf-8")
    assert text.startswith("graph partnership {") and text.rstrip().endswith("}")
    try:
        import pydot  # noqa: F401 - only if someone installed it
        read = nx.nx_pydot.from_pydot(pydot.graph_from_dot_data(text)[0])
    except ImportError:
        read = parse_dot(text)
    assert set(read.nodes) >= set(graph.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in graph.edges}
    assert read.nodes[BOARD]["label"] == 'The "Safeguarding" Board & Partners – Ål'
    assert read.edges[LA, FORCE]["dates"] == "2016-04-25;2023-03-06"
    assert read.edges[LA, REVIEWER]["kind"] == "peer-review"
    assert str(read.edges[LA, FORCE]["weight"]) == "2"


def test_dot_quotes_backslashes_and_quotes():
    graph = nx.Graph()
    graph.add_node('a"b\\c', label="x")
    assert '"a\\"b\\\\c"' in to_dot(graph)


def test_csv_is_an_edge_list_with_labels():
    graph = sample_graph()
    rows = list(csv.DictReader(io.StringIO(export(graph, "csv").decode("utf-8"))))
    assert tuple(rows[0]) == EDGE_CSV_FIELDS
    assert len(rows) == graph.number_of_edges()
    read = nx.Graph((r["source"], r["target"], r) for r in rows)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in graph.edges}
    row = read.edges[LA, FORCE]
    assert (row["kind"], row["weight"], row["dates"]) == ("partner", "2", "2016-04-25;2023-03-06")
    labels = {r["source"]: r["source_label"] for r in rows} | {r["target"]: r["target_label"] for r in rows}
    assert labels[BOARD] == 'The "Safeguarding" Board & Partners – Ål'


def test_svg_is_xml_with_a_legend_of_types_and_kinds():
    svg = export(sample_graph(), "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = svg.decode("utf-8")
    for words in ("Legend", "local-authority", "police-force", "safeguarding-board", "peer-review edge"):
        assert words in text
    assert export(sample_graph(), "svg") == svg  # seeded layout, no date: the same picture twice


def test_png_is_a_png():
    assert export(sample_graph(), "png").startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("fmt", [f for f in FORMATS])
def test_an_empty_network_exports(fmt):
    assert export(nx.Graph(), fmt)


def test_an_unknown_format_is_a_sentence():
    with pytest.raises(ValueError, match="cannot export as 'pdf'"):
        export(sample_graph(), "pdf")


def test_a_picture_of_a_national_sized_network():
    """networkx lays out 500 nodes or more with scipy's sparse arrays: a national network must draw."""
    graph = nx.Graph(since="", until="")
    for n in range(150):
        graph.add_node(f"la{n}", label=f"Council {n}", type="local-authority", code=f"E0{n}", reports=3,
                       authority=True)
    for n in range(450):
        graph.add_node(f"p{n}", label=f"Partner {n}", type="nhs-trust", code="", reports=1, authority=False)
        graph.add_edge(f"la{n % 150}", f"p{n}", kind="partner", kinds="partner", weight=1, mentions=1,
                       dates=["2020-01-01"], reports="https://r/1", authority=f"la{n % 150}")
    svg = export(graph, "svg")
    assert ET.fromstring(svg).tag.endswith("svg")
