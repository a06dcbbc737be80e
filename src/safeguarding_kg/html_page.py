"""`skg export html`: the partnership network as one self-contained interactive page.

`write_html(graph, path, title=...)` writes a single HTML file holding the
vendored drawing library (Cytoscape.js, static/cytoscape.min.js, MIT), the page
script (static/page.js) and the network as a JSON block. Nothing is fetched when
the page opens; its Content-Security-Policy forbids it.

The graph is the contract of `safeguarding_kg.network.partnership_graph`: node
attributes label, type, code, reports (int); edge attributes kind ("partner",
"peer-review", "recommendation"), weight (int), dates (ISO dates) and reports
(";"-joined report IRIs).

Text from reports reaches the page only as JSON with `<`, `>` and `&` escaped
(`\\u003c` ...), so a label cannot close the script block; the page script puts
it in the DOM with textContent. The same graph gives the same bytes: nodes and
edges are sorted, and the starting positions are computed here, not at random.
"""
from __future__ import annotations

import html
import json
import math
from importlib import resources
from pathlib import Path

DEFAULT_TITLE = "Partnership network"

# Colours for the organisation types of gold/SCHEMA.md (ColorBrewer-like, distinct
# on white); a type not listed takes the next colour of EXTRA_COLOURS.
TYPE_COLOURS = {
    "local-authority": "#1f78b4",
    "police-force": "#33a02c",
    "nhs-trust": "#e31a1c",
    "primary-care-trust": "#fb9a99",
    "clinical-commissioning-group": "#ff7f00",
    "integrated-care-board": "#fdbf6f",
    "safeguarding-board": "#6a3d9a",
    "partnership-board": "#cab2d6",
    "regulator": "#b15928",
    "voluntary-organisation": "#ffff99",
    "adoption-agency": "#a6cee3",
    "government-department": "#b2df8a",
    "multi-agency-arrangement": "#8dd3c7",
    "forum": "#bebada",
    "other": "#999999",
}
EXTRA_COLOURS = ("#80b1d3", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f", "#8c510a", "#01665e")

MIN_SIZE, MAX_SIZE = 16, 56


def _static(name: str) -> str:
    return resources.files("safeguarding_kg").joinpath("static", name).read_text(encoding="utf-8")


def _reports(value) -> list[str]:
    """Report IRIs from an edge's ';'-joined string (or a list), sorted, no blanks."""
    if not value:
        return []
    items = value.split(";") if isinstance(value, str) else list(value)
    return sorted({str(item).strip() for item in items if str(item).strip()})


def _years(dates) -> list[int]:
    years = set()
    for date in dates or ():
        text = str(date)
        if len(text) >= 4 and text[:4].isdigit():
            years.add(int(text[:4]))
    return sorted(years)


def _type_colours(types: list[str]) -> dict[str, str]:
    colours, extra = {}, 0
    for kind in types:
        if kind in TYPE_COLOURS:
            colours[kind] = TYPE_COLOURS[kind]
        else:
            colours[kind] = EXTRA_COLOURS[extra % len(EXTRA_COLOURS)]
            extra += 1
    return colours


def _size(degree: int, max_degree: int) -> int:
    """Node diameter by degree centrality; the square root keeps hubs from swamping the page."""
    if max_degree <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(degree / max_degree))


def _start_positions(ids: list[str], degrees: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Deterministic starting positions: the best-linked organisations on an inner
    ring, the rest on an outer one; the page's force layout starts from here."""
    ranked = sorted(ids, key=lambda i: (-degrees[i], i))
    inner_count = max(1, min(len(ranked) // 5, 30))
    rings = (ranked[:inner_count], ranked[inner_count:])
    positions = {}
    for radius, ring in zip((150.0, 450.0), rings):
        for k, node_id in enumerate(ring):
            angle = 2 * math.pi * k / max(1, len(ring))
            positions[node_id] = (round(radius * math.cos(angle), 2), round(radius * math.sin(angle), 2))
    return positions


def page_data(graph) -> dict:
    """The JSON the page draws: nodes, edges, types with colours and counts, years."""
    ids = sorted(str(n) for n in graph.nodes)
    key = {str(n): n for n in graph.nodes}
    degrees = {i: graph.degree(key[i]) for i in ids}
    max_degree = max(degrees.values(), default=0)
    types = sorted({str(graph.nodes[key[i]].get("type") or "other") for i in ids})
    colours = _type_colours(types)
    positions = _start_positions(ids, degrees)

    edges = []
    node_reports: dict[str, set[str]] = {i: set() for i in ids}
    all_years: set[int] = set()
    for u, v, attrs in graph.edges(data=True):
        source, target = sorted((str(u), str(v)))
        dates = sorted({str(d) for d in attrs.get("dates") or ()})
        reports = _reports(attrs.get("reports"))
        weight = int(attrs.get("weight") or 1)
        years = _years(dates)
        all_years.update(years)
        node_reports[source].update(reports)
        node_reports[target].update(reports)
        edges.append({"source": source, "target": target, "kind": str(attrs.get("kind") or "partner"),
                      "weight": weight, "width": round(1 + 1.5 * math.log(weight), 2) if weight > 1 else 1,
                      "dates": dates, "years": years, "reports": reports})
    edges.sort(key=lambda e: (e["source"], e["target"], e["kind"]))

    nodes = []
    for i in ids:
        attrs = graph.nodes[key[i]]
        kind = str(attrs.get("type") or "other")
        x, y = positions[i]
        nodes.append({"id": i, "label": str(attrs.get("label") or i), "type": kind,
                      "code": str(attrs.get("code") or ""), "reports": int(attrs.get("reports") or 0),
                      "degree": degrees[i], "size": _size(degrees[i], max_degree), "color": colours[kind],
                      "x": x, "y": y, "report_iris": sorted(node_reports[i])})

    type_counts = [{"type": t, "color": colours[t], "count": sum(1 for n in nodes if n["type"] == t)}
                   for t in types]
    # Every year from the first date to the last, for the period menus.
    years = list(range(min(all_years), max(all_years) + 1)) if all_years else []
    return {"nodes": nodes, "edges": edges, "types": type_counts, "years": years}


def json_for_script(value) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the block or open a comment."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script_body(code: str, name: str) -> str:
    # Inlined code must not contain the end tag of its own block.
    if "</script" in code.lower():
        raise ValueError(f"static/{name} contains '</script' and cannot be inlined")
    return code


def render_html(graph, title: str = DEFAULT_TITLE) -> str:
    """The page as a string (see write_html)."""
    template = _static("page.html").replace("{{TITLE}}", html.escape(title))
    # Split on the placeholders rather than replace them one after another, so a
    # '{{' inside the data or the library is never taken for a placeholder.
    head, rest = template.split("{{DATA}}", 1)
    middle, rest = rest.split("{{LIBRARY}}", 1)
    between, tail = rest.split("{{SCRIPT}}", 1)
    return "".join((head, json_for_script(page_data(graph)), middle,
                    _script_body(_static("cytoscape.min.js"), "cytoscape.min.js"), between,
                    _script_body(_static("page.js"), "page.js"), tail))


def write_html(graph, output_path, title: str = DEFAULT_TITLE) -> Path:
    """Write the interactive page for a networkx graph to output_path; returns the path."""
    path = Path(output_path)
    path.write_text(render_html(graph, title=title), encoding="utf-8")
    return path
