"""The partnership network written out for other tools: `export(graph, format)` -> bytes.

    graphml    GraphML (yEd, Gephi, networkx.read_graphml)
    gexf       GEXF 1.2 (Gephi)
    cytoscape  Cytoscape.js JSON (elements: nodes and edges with a data object)
    node-link  networkx's node-link JSON ({"nodes": [...], "edges": [...]})
    dot        Graphviz DOT, nodes filled by organisation type
    csv        an edge list, one row per edge, with both ends' labels and types
    svg, png   a static picture with a legend (matplotlib, drawn without pyplot)

The graph is network.partnership_graph's. GraphML, GEXF, DOT and CSV hold
scalars only, so there an edge's dates are one ";"-joined string; the JSON
formats keep them as a list.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

FORMATS = ("graphml", "gexf", "cytoscape", "node-link", "dot", "csv", "svg", "png")
BINARY = ("png",)

# One colour per organisation type (the Okabe-Ito colour-blind-safe set first, then others);
# the HTML page may use the same table.
TYPE_COLOURS = {
    "local-authority": "#0072B2",
    "police-force": "#D55E00",
    "nhs-trust": "#009E73",
    "primary-care-trust": "#8FD3C1",
    "clinical-commissioning-group": "#56B4E9",
    "integrated-care-board": "#1B9E9E",
    "safeguarding-board": "#E69F00",
    "partnership-board": "#F0E442",
    "multi-agency-arrangement": "#CC79A7",
    "regulator": "#000000",
    "voluntary-organisation": "#8C6BB1",
    "adoption-agency": "#B15928",
    "government-department": "#666666",
    "forum": "#A6761D",
    "other": "#BBBBBB",
}
KIND_STYLES = {  # edge kind -> (colour, matplotlib line style, DOT style)
    "partner": ("#777777", "solid", "solid"),
    "peer-review": ("#0072B2", "dashed", "dashed"),
    "recommendation": ("#CC79A7", "dotted", "dotted"),
}
EDGE_CSV_FIELDS = ("source", "target", "source_label", "target_label", "source_type", "target_type",
                   "kind", "kinds", "weight", "mentions", "dates", "reports", "authority")


def colour(org_type: str) -> str:
    return TYPE_COLOURS.get(org_type, TYPE_COLOURS["other"])


def export(graph: nx.Graph, fmt: str) -> bytes:
    """The graph in format `fmt` (one of FORMATS) as bytes (UTF-8 for the text formats)."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "cytoscape": to_cytoscape,
               "node-link": to_node_link, "dot": to_dot, "csv": to_csv,
               "svg": lambda g: to_picture(g, "svg"), "png": lambda g: to_picture(g, "png")}
    if fmt not in writers:
        raise ValueError(f"cannot export as {fmt!r}: use one of {', '.join(FORMATS)}")
    out = writers[fmt](graph)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def scalar_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all str, int, float or bool (lists ";"-joined, None as "")."""
    def scalar(value):
        if isinstance(value, (list, tuple, set)):
            return ";".join(str(v) for v in value)
        return "" if value is None else value

    flat = nx.Graph()
    flat.graph.update({k: scalar(v) for k, v in graph.graph.items()})
    flat.add_nodes_from((n, {k: scalar(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    flat.add_edges_from((u, v, {k: scalar(x) for k, x in d.items()}) for u, v, d in graph.edges(data=True))
    return flat


def to_graphml(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(scalar_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(scalar_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_cytoscape(graph: nx.Graph) -> str:
    # name= the label, so Cytoscape shows organisation names; ids stay the IRIs
    data = nx.cytoscape_data(graph, name="label", ident="id")
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def to_node_link(graph: nx.Graph) -> str:
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def to_csv(graph: nx.Graph) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EDGE_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    flat = scalar_graph(graph)
    for u, v, d in sorted(flat.edges(data=True), key=lambda e: (e[0], e[1])):
        writer.writerow({"source": u, "target": v,
                         "source_label": flat.nodes[u].get("label", ""),
                         "target_label": flat.nodes[v].get("label", ""),
                         "source_type": flat.nodes[u].get("type", ""),
                         "target_type": flat.nodes[v].get("type", ""),
                         **{k: d.get(k, "") for k in EDGE_CSV_FIELDS[6:]}})
    return buffer.getvalue()


def dot_quote(value) -> str:
    """A DOT ID: numbers bare, everything else as a double-quoted string."""
    if isinstance(value, bool):
        return '"true"' if value else '"false"'
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attributes(attributes: dict) -> str:
    return ", ".join(f"{key}={dot_quote(value)}" for key, value in attributes.items())


def to_dot(graph: nx.Graph) -> str:
    flat = scalar_graph(graph)
    lines = ["graph partnership {",
             '  graph [overlap=false, splines=true, fontname="Helvetica"];',
             '  node [shape=ellipse, style=filled, fontname="Helvetica", fontsize=10];']
    for node, data in sorted(flat.nodes(data=True)):
        styled = {"fillcolor": colour(data.get("type", "")), **data}
        lines.append(f"  {dot_quote(node)} [{_dot_attributes(styled)}];")
    for u, v, data in sorted(flat.edges(data=True), key=lambda e: (e[0], e[1])):
        style = KIND_STYLES.get(data.get("kind", ""), KIND_STYLES["partner"])
        styled = {**data, "color": style[0], "style": style[2], "penwidth": 1 + min(int(data.get("weight", 1)), 5)}
        lines.append(f"  {dot_quote(u)} -- {dot_quote(v)} [{_dot_attributes(styled)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- pictures -----------------------------------------------------------------------------------


def to_picture(graph: nx.Graph, fmt: str) -> bytes:
    """An SVG or PNG drawing: nodes coloured by type and sized by degree, edges styled by kind,
    the reports' subject authorities named, and a legend of types and kinds.

    Drawn on a matplotlib Figure (no pyplot: no global state, no display needed);
    the layout is seeded, so the same graph gives the same picture.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.collections import LineCollection
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        raise ValueError("svg and png need matplotlib: pip install matplotlib") from None

    figure = Figure(figsize=(12, 9), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 0.78, 1))
    axes.set_axis_off()
    title = "Partnership network"
    if graph.graph.get("since") or graph.graph.get("until"):
        title += f" ({graph.graph.get('since') or '…'} to {graph.graph.get('until') or '…'})"
    figure.suptitle(title, x=0.4, y=0.98, fontsize=13)

    positions = _layout(graph)
    for kind, (line_colour, line_style, _) in KIND_STYLES.items():
        segments = [(positions[u], positions[v]) for u, v, d in graph.edges(data=True) if d.get("kind") == kind]
        widths = [0.6 + min(d.get("weight", 1), 5) * 0.5 for _, _, d in graph.edges(data=True)
                  if d.get("kind") == kind]
        if segments:
            axes.add_collection(LineCollection(segments, colors=line_colour, linestyles=line_style,
                                               linewidths=widths, zorder=1))
    degrees = dict(graph.degree())
    types = sorted({d.get("type", "") or "other" for _, d in graph.nodes(data=True)})
    for org_type in types:
        nodes = [n for n, d in graph.nodes(data=True) if (d.get("type", "") or "other") == org_type]
        axes.scatter([positions[n][0] for n in nodes], [positions[n][1] for n in nodes],
                     s=[60 + 40 * degrees[n] for n in nodes], c=colour(org_type),
                     edgecolors="white", linewidths=0.8, zorder=2)
    for node, data in graph.nodes(data=True):
        if data.get("authority") or degrees[node] >= 3:  # name the hubs; the rest would be clutter
            x, y = positions[node]
            axes.annotate(data.get("label", node), (x, y), xytext=(0, 7), textcoords="offset points",
                          ha="center", fontsize=7, zorder=3)
    if not graph.number_of_nodes():
        axes.text(0.5, 0.5, "No organisations in this period", ha="center", va="center",
                  transform=axes.transAxes)
    axes.autoscale_view()
    axes.margins(0.08)

    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=colour(t),
                      markeredgecolor="white", label=t) for t in types]
    handles += [Line2D([], [], color=c, linestyle=s, label=f"{kind} edge") for kind, (c, s, _)
                in KIND_STYLES.items()]
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.78, 0.95), title="Legend",
                  fontsize=8, title_fontsize=9, frameon=False)

    buffer = io.BytesIO()
    if fmt == "svg":
        import matplotlib

        with matplotlib.rc_context({"svg.hashsalt": "safeguarding-kg", "svg.fonttype": "none"}):
            figure.savefig(buffer, format="svg", metadata={"Date": None})
    else:
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _layout(graph: nx.Graph) -> dict:
    """Node -> (x, y): a seeded spring layout (networkx's, which needs numpy, as matplotlib does)."""
    if graph.number_of_nodes() == 0:
        return {}
    ordered = nx.Graph()  # sorted nodes: the layout must not depend on the order of the query's rows
    ordered.add_nodes_from(sorted(graph.nodes()))
    ordered.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in graph.edges()))
    return {n: tuple(p) for n, p in nx.spring_layout(ordered, seed=7, k=None, iterations=100).items()}
