"""The partnership network: who works with whom, read from the store by SPARQL.

    from safeguarding_kg.store import open_store
    from safeguarding_kg.network import partnership_graph, centrality
    with open_store(".skg-store") as store:
        graph = partnership_graph(store, since="2018-01-01")
    centrality(graph, by="betweenness")

The graph is an undirected networkx.Graph built from the named queries in
queries/network/ (never by reading every triple):

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
    period = _period(since, until)
    edges: dict[frozenset, _Edge] = {}
    for kind, name in EDGE_QUERIES.items():
        for row in run(store, name, **period):
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
    organisations = {row["organisation"]: row for row in run(store, "network/organisations", **period)}

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
