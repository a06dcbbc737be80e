"""The partnership network: who works with whom, read from the store by SPARQL.

    from safeguarding_kg.store import open_store
    from safeguarding_kg.network import partnership_graph, centrality
    with open_store(".skg-store") as store:
        graph = partnership_graph(store, since="2018-01-01")
    centrality(graph, by="betweenness")

The graph is an undirected networkx.Graph built from the named queries in
queries/network/ (never by reading every triple), or, on a store skg filled,
from the same rows kept in the store's partnership table (network_table.py:
one entry per report, about 1 s at 10,000 reports against 15-20 s of queries;
table_rows gives each query's rows from it):

- nodes are organisation IRIs, with label, type (organisation type id, such as
  "police-force"), code (register code or ""), reports (how many reports in
  the period name it) and authority (True when it is the subject of a report);
- an edge joins two organisations that some report links. Its kind is
  "peer-review" (one council reviewed the other), "partner" (the report's
  subject authority works in partnership with it) or "recommendation" (a
  recommendation asks it to act). One pair can be linked in several ways; a
  Graph has one edge per pair, so `kind` is the most specific of them
  (peer-review, then partner, then recommendation) and `kinds` lists them all.
  weight is the number of reports behind the edge, dates the sorted list of
  their dates (ISO), reports the ";"-joined report IRIs, mentions how often the
  partner is named in them, authority the ";"-joined IRIs of the end(s) that
  were a report's subject (the partnership's direction).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from .sparql import run

KINDS = ("peer-review", "partner", "recommendation")  # most specific first
EDGE_QUERIES = {"partner": "network/partnership-reports",
                "peer-review": "network/peer-reviews",
                "recommendation": "network/recommendation-addressees"}
CENTRALITIES = ("degree", "betweenness", "eigenvector")


def _period(since: str | None, until: str | None) -> dict:
    params = {}
    if since:
        params["since"] = since
    if until:
        params["until"] = until
    return params


@dataclass
class _Edge:
    kinds: set
    reports: dict  # report IRI -> date
    mentions: int
    authorities: set


def partnership_graph(store, since: str | None = None, until: str | None = None) -> nx.Graph:
    """The partnership network of the reports dated in [since, until] (ISO dates, both optional).

    `store` is a safeguarding_kg.store.SkgStore or a pyoxigraph.Store.
    """
    from .network_table import read_table
    from .sparql import _local_store

    period = _period(since, until)
    local = _local_store(store)
    table = read_table(local) if local is not None else None
    if table is not None:
        bounds = _bounds(since, until)

        def rows(name):
            return table_rows(local, table, name, bounds)
    else:
        def rows(name):
            return run(store, name, **period)
    edges: dict[frozenset, _Edge] = {}
    for kind, name in EDGE_QUERIES.items():
        for row in rows(name):
            source, target = row["source"], row["target"]
            if source == target:
                continue
            edge = edges.setdefault(frozenset((source, target)), _Edge(set(), {}, 0, set()))
            edge.kinds.add(kind)
            edge.reports[row["report"]] = row["date"] or ""
            if kind == "partner":
                edge.mentions += row.get("mentions") or 0
            if kind in ("partner", "recommendation"):
                edge.authorities.add(source)
    organisations = {row["organisation"]: row for row in rows("network/organisations")}

    graph = nx.Graph(since=since or "", until=until or "")
    in_edges = {node for pair in edges for node in pair}
    for iri, row in organisations.items():
        # the reports' subjects stay even without edges: a thin partnership shows as a lone node
        if iri in in_edges or row["subjectReports"]:
            graph.add_node(iri, label=row["name"] or iri, type=row["organisationType"] or "",
                           code=row["code"] or "", reports=int(row["reports"] or 0),
                           authority=bool(row["subjectReports"]))
    for pair, edge in edges.items():
        ends = sorted(pair)
        for node in ends:  # an organisation without a label row (should not happen) still shows
            if node not in graph:
                graph.add_node(node, label=node, type="", code="", reports=0, authority=False)
        graph.add_edge(*ends,
                       kind=next(k for k in KINDS if k in edge.kinds),
                       kinds=";".join(k for k in KINDS if k in edge.kinds),
                       weight=len(edge.reports),
                       mentions=edge.mentions,
                       dates=sorted(d for d in edge.reports.values() if d),
                       reports=";".join(sorted(edge.reports)),
                       authority=";".join(sorted(edge.authorities)))
    return graph


# -- the same rows from the store's partnership table (network_table.py) ------------------------


def _bounds(since, until) -> tuple[str, str]:
    """The period as the queries compare it: STR of each date parameter (its default if None)."""
    from .sparql import find, to_term

    query = find("network/organisations")  # the network queries' defaults are the same
    return tuple(to_term(param, param.default if value is None else value).value
                 for param, value in ((query.param("since"), since), (query.param("until"), until)))


def _report_dates(entry: dict) -> list[str]:
    """The report's dates as the queries' COALESCE(?startDate, ?documentDate, ?issued) gives them."""
    return entry["startDate"] or entry["documentDate"] or entry["issued"]


def table_rows(store, table: dict, name: str, bounds: tuple[str, str]) -> list[dict]:
    """The rows of network/partnership-reports, peer-reviews, recommendation-addressees or
    organisations (the columns network analysis reads, in the query's order), from the table;
    bounds: the period as _bounds gives it."""
    low, high = bounds

    def first(dates):
        kept = [d for d in dates if low <= d <= high]  # the queries' period filter, row by row
        return min(kept) if kept else None

    out = []
    if name == "network/organisations":
        return _organisation_rows(store, table, first)
    for report in sorted(table):
        entry = table[report]
        if name == "network/peer-reviews":
            for pair, inspections in entry["peerReview"].items():
                source, target = pair.split(" ")
                dates = [d for ins in inspections.values() for d in (ins or _report_dates(entry))]
                date = first(dates)
                if source != target and date is not None:
                    out.append({"report": report, "date": date, "source": source, "target": target})
            continue
        date = first(_report_dates(entry))
        if date is None:
            continue
        if name == "network/partnership-reports":
            out += [{"report": report, "date": date, "source": s, "target": t, "mentions": m}
                    for s, t, m in entry["partner"]]
        elif name == "network/recommendation-addressees":
            out += [{"report": report, "date": date, "source": s, "target": t}
                    for s, t in entry["addressee"] if s != t]
        else:
            raise ValueError(f"the partnership table does not give {name}")
    if name == "network/peer-reviews":
        out.sort(key=lambda r: (r["report"], r["source"], r["target"]))
    else:  # these two queries list by date first (a sort Oxigraph does quickly: see their comments)
        out.sort(key=lambda r: (r["date"], r["report"], r["source"], r["target"]))
    return out


def _organisation_rows(store, table: dict, first) -> list[dict]:
    """network/organisations: each organisation's name, type and code over the reports of the period."""
    import pyoxigraph as ox

    from .vocab import DEF

    notation = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
    vocabularies = {q.graph_name for q in store.quads_for_pattern(
        ox.NamedNode(DEF + "Judgement"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://www.w3.org/2002/07/owl#Class"), None)}
    if not vocabularies:
        return []  # the query's ontology anchor finds nothing
    types: dict[str, list[str]] = {}

    def type_ids(concept: str) -> list[str]:
        if concept not in types:
            types[concept] = [min([q.object.value for q in store.quads_for_pattern(
                ox.NamedNode(concept), notation, None, graph)] or [concept.rsplit("/", 1)[-1]])
                for graph in vocabularies]
        return types[concept]

    found: dict[str, dict] = {}
    for report, entry in table.items():
        if first(_report_dates(entry)) is None:
            continue
        subjects = set(entry["subject"])
        for organisation, (labels, concepts, codes) in entry["organisation"].items():
            if not labels or not concepts:
                continue
            row = found.setdefault(organisation, {"organisation": organisation, "names": [], "types": [],
                                                  "codes": [], "reports": 0, "subjectReports": 0})
            row["names"] += labels
            row["types"] += [t for c in concepts for t in type_ids(c)]
            row["codes"] += codes or [""]
            row["reports"] += 1
            row["subjectReports"] += organisation in subjects
    rows = [{"organisation": r["organisation"], "name": min(r["names"]), "organisationType": min(r["types"]),
             "code": max(r["codes"]), "reports": r["reports"], "subjectReports": r["subjectReports"]}
            for r in found.values()]
    rows.sort(key=lambda r: (r["name"], r["organisation"]))
    return rows


def centrality(graph: nx.Graph, by: str = "degree") -> dict:
    """Node -> centrality: degree (normalised), betweenness (by hops) or eigenvector (weighted)."""
    if by not in CENTRALITIES:
        raise ValueError(f"centrality by {by!r}: use one of {', '.join(CENTRALITIES)}")
    if graph.number_of_nodes() == 0:
        return {}
    if by == "degree":
        return nx.degree_centrality(graph)
    if by == "betweenness":
        return nx.betweenness_centrality(graph)
    try:
        return nx.eigenvector_centrality(graph, weight="weight", max_iter=1000)
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny disconnected graphs converge
        return nx.eigenvector_centrality(graph, weight="weight", max_iter=10000, tol=1e-4)


# -- analysis ----------------------------------------------------------------------------------


def summary(graph: nx.Graph) -> dict:
    """Nodes by type, edges by kind, density, connected components and the largest one's size."""
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    node_types: dict[str, int] = defaultdict(int)
    for _, data in graph.nodes(data=True):
        node_types[data.get("type") or "other"] += 1
    edge_kinds: dict[str, int] = defaultdict(int)
    for _, _, data in graph.edges(data=True):
        edge_kinds[data.get("kind", "")] += 1
    return {"since": graph.graph.get("since", ""), "until": graph.graph.get("until", ""),
            "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "authorities": sum(1 for _, d in graph.nodes(data=True) if d.get("authority")),
            "density": round(nx.density(graph), 4) if graph.number_of_nodes() > 1 else 0.0,
            "components": len(components), "largest_component": components[0] if components else 0,
            "nodes_by_type": dict(sorted(node_types.items(), key=lambda kv: (-kv[1], kv[0]))),
            "edges_by_kind": {k: edge_kinds[k] for k in KINDS if edge_kinds[k]}}


def central(graph: nx.Graph, by: str = "degree", types: tuple[str, ...] = (), top: int = 20) -> list[dict]:
    """The `top` most central organisations (of the given types, if any), most central first.

    Centrality is computed on the whole graph, then filtered: a police force's
    place in the whole network, not in a network of police forces."""
    scores = centrality(graph, by)
    rows = [{"rank": 0, "organisation": node, "label": data.get("label", node), "type": data.get("type", ""),
             "code": data.get("code", ""), "score": round(scores.get(node, 0.0), 4),
             "degree": graph.degree(node), "reports": data.get("reports", 0)}
            for node, data in graph.nodes(data=True) if not types or data.get("type") in types]
    rows.sort(key=lambda r: (-r["score"], -r["degree"], r["label"], r["organisation"]))
    for rank, row in enumerate(rows[:top], 1):
        row["rank"] = rank
    return rows[:top]


def find_authority(graph: nx.Graph, name_or_code: str) -> str:
    """The node of an authority given by register code (exact) or part of its name (any case).

    Raises LookupError with a sentence when none or several match."""
    wanted = name_or_code.strip().casefold()
    nodes = [(n, d) for n, d in graph.nodes(data=True) if d.get("authority")]
    exact = [n for n, d in nodes if wanted in (str(d.get("code", "")).casefold(), str(d.get("label", "")).casefold())]
    if len(exact) == 1:
        return exact[0]
    partial = [n for n, d in nodes if wanted and wanted in str(d.get("label", "")).casefold()]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise LookupError(f"no authority in the network is called or coded '{name_or_code}'.")
    names = ", ".join(sorted(graph.nodes[n]["label"] for n in partial))
    raise LookupError(f"'{name_or_code}' matches several authorities ({names}); give more of the name or the code.")


def _partners_of(graph: nx.Graph, authority: str) -> set:
    """The organisations the authority's own reports show it working with."""
    return {other for other in graph[authority]
            if "partner" in graph[authority][other]["kinds"].split(";")
            and authority in graph[authority][other]["authority"].split(";")}


def shared(store, graph: nx.Graph, first: str, second: str) -> list[dict]:
    """The partners both authorities work with, each with its evidence in each one's reports.

    first and second: a GSS code or part of a name. One row per shared partner
    and authority report: the report, its date, the page and the words quoted
    (the place the report names the partner most fully, "Essex Police" before "police")."""
    a, b = find_authority(graph, first), find_authority(graph, second)
    if a == b:
        raise LookupError(f"'{first}' and '{second}' are the same authority.")
    common = sorted(_partners_of(graph, a) & _partners_of(graph, b) - {a, b},
                    key=lambda n: (graph.nodes[n]["label"], n))
    reports = {r for n in (a, b) for p in common for r in graph[n][p]["reports"].split(";")}
    rows = []
    for partner in common:
        for authority in (a, b):
            best: dict[str, dict] = {}  # report -> its fullest naming of the partner (the first of equals)
            for ev in run(store, "network/partner-evidence", authority=authority, partner=partner):
                if ev["report"] in reports and len(ev["quote"]) > len(best.get(ev["report"], {"quote": ""})["quote"]):
                    best[ev["report"]] = ev
            for ev in sorted(best.values(), key=lambda e: (e["date"] or "", e["report"])):
                rows.append({"partner": partner, "partner_label": graph.nodes[partner]["label"],
                             "partner_type": graph.nodes[partner]["type"], "partner_code": graph.nodes[partner]["code"],
                             "authority": authority, "authority_label": graph.nodes[authority]["label"],
                             "report": ev["report"], "date": ev["date"] or "",
                             "page": ev["page"] if ev["page"] is not None else "", "quote": ev["quote"]})
    return rows


def communities(graph: nx.Graph, seed: int = 42, resolution: float = 1.0) -> list[dict]:
    """Louvain communities (weighted, seeded: the same graph gives the same answer), largest first."""
    if graph.number_of_nodes() == 0:
        return []
    ordered = nx.Graph()  # node order changes Louvain's result: sort, so the answer depends on the graph only
    ordered.add_nodes_from(sorted(graph.nodes()))
    ordered.add_weighted_edges_from(sorted((min(u, v), max(u, v), d.get("weight", 1))
                                           for u, v, d in graph.edges(data=True)))
    found = nx.community.louvain_communities(ordered, weight="weight", resolution=resolution, seed=seed)
    groups = sorted((sorted(c, key=lambda n: (graph.nodes[n]["label"], n)) for c in found),
                    key=lambda members: (-len(members), graph.nodes[members[0]]["label"]))
    out = []
    for number, members in enumerate(groups, 1):
        authorities = [graph.nodes[n]["label"] for n in members if graph.nodes[n].get("authority")]
        out.append({"community": number, "size": len(members), "authorities": authorities,
                    "members": [{"organisation": n, "label": graph.nodes[n]["label"],
                                 "type": graph.nodes[n]["type"]} for n in members]})
    return out


def authority_partner_graph(graph: nx.Graph) -> nx.Graph:
    """The two-mode graph: ("authority", IRI) -- ("partner", IRI) for every partner edge, by its direction.

    A council can be both (the subject of its own report and another's partner),
    so each side gets its own node; attribute bipartite is 0 for authorities, 1 for partners."""
    two_mode = nx.Graph()
    for u, v, data in graph.edges(data=True):
        if "partner" not in data["kinds"].split(";"):
            continue
        for authority in data["authority"].split(";"):
            if authority not in (u, v):
                continue
            partner = v if authority == u else u
            two_mode.add_node(("authority", authority), bipartite=0)
            two_mode.add_node(("partner", partner), bipartite=1)
            two_mode.add_edge(("authority", authority), ("partner", partner))
    return two_mode


def projection(graph: nx.Graph, on: str = "authorities") -> nx.Graph:
    """The one-mode projection: authorities linked by the partners they share (on="authorities"),
    or partners linked by the authorities they share (on="partners"); weight = how many."""
    from networkx.algorithms import bipartite

    if on not in ("authorities", "partners"):
        raise ValueError(f"projection on {on!r}: use authorities or partners")
    two_mode = authority_partner_graph(graph)
    side = "authority" if on == "authorities" else "partner"
    keep = sorted(n for n in two_mode if n[0] == side)
    projected = bipartite.weighted_projected_graph(two_mode, keep)
    one_mode = nx.Graph(on=on)
    for (_, node) in keep:
        one_mode.add_node(node, **graph.nodes[node])
    for (_, u), (_, v), data in projected.edges(data=True):
        through = nx.common_neighbors(two_mode, (side, u), (side, v))
        shared_with = sorted(graph.nodes[n[1]]["label"] for n in through)
        one_mode.add_edge(u, v, weight=data["weight"], shared=";".join(shared_with))
    return one_mode
