"""The store's summary: every authority's latest judgement in each area, found once.

National questions ("each authority's latest grades", "how many authorities are
outstanding now") join every judgement of every report with its inspection,
then keep the latest per authority and area. On the store that is a scan of
all report graphs per question. The store keeps the answer instead, rewritten
whenever a report graph changes (SkgStore.describe, which every change already
calls), beside its other bookkeeping in the manifest graph:

    GRAPH <{base}/graph/manifest> {
      <{base}/graph/summary> a prov:Collection ;
          prov:hadMember <judgement>, ...     # the latest judgement(s) of each
    }                                         # authority, area and scope

Only pointers: the judgements' own triples stay in their report graphs, so a
query that reads `GRAPH ?report { ?j a skg:Judgement ... }` finds each fact
once, as before. Queries start from the collection (a few thousand members for
the whole of England) and look each judgement up by its IRI: see
queries/summary/. Being in the manifest graph, it is not in the store's
exports (skg dump), which stay the bytes the build wrote.

"Latest" is the latest inspection start date; an area is compared as the report
words it, within its scope (safeguarding, looked after children, LSCB). Two
reports of one inspection (an inspection and a council paper about it) are both
latest.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF

from . import mapping

COLLECTION = ox.NamedNode(str(PROV.Collection))
HAD_MEMBER = ox.NamedNode(str(PROV.hadMember))
RDF_TYPE = ox.NamedNode(str(RDF.type))

JUDGEMENTS = """
PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?judgement ?authority ?area ?scope ?start WHERE {
  GRAPH ?report {
    ?judgement a skg:Judgement ; skg:area ?area ; prov:wasGeneratedBy ?inspection .
    ?inspection skg:subjectAuthority ?authority ; skg:startDate ?start .
    OPTIONAL { ?judgement skg:scope ?scope }
  }
}
"""


def summary_iri(base: str) -> ox.NamedNode:
    """The collection of latest judgements (a resource in the manifest graph, not a graph)."""
    return ox.NamedNode(str(mapping.graph_iri("summary", base)))


def manifest_iri(base: str) -> ox.NamedNode:
    return ox.NamedNode(str(mapping.graph_iri("manifest", base)))


def latest_judgements(store: ox.Store, base: str) -> list[ox.NamedNode]:
    """The latest judgement(s) of each (authority, area as worded, scope), in IRI order."""
    latest: dict[tuple, tuple[str, set]] = {}
    for row in store.query(JUDGEMENTS):
        scope = row["scope"].value if row["scope"] is not None else ""
        key = (row["authority"].value, row["area"].value, scope)
        start = row["start"].value
        now = latest.get(key)
        if now is None or start > now[0]:
            latest[key] = (start, {row["judgement"].value})
        elif start == now[0]:
            now[1].add(row["judgement"].value)
    return [ox.NamedNode(iri) for iri in sorted({j for _, members in latest.values() for j in members})]


def summary_quads(store: ox.Store, base: str) -> list[ox.Quad]:
    collection, graph = summary_iri(base), manifest_iri(base)
    members = latest_judgements(store, base)
    if not members:
        return []
    return [ox.Quad(collection, RDF_TYPE, COLLECTION, graph)] + [
        ox.Quad(collection, HAD_MEMBER, j, graph) for j in members]


def is_current(store: ox.Store, base: str) -> bool:
    """False where the store lacks what refresh keeps (a store filled by an older skg): the store
    should then call refresh even when no report changed."""
    from .network_table import is_current as network_table_is_current

    return network_table_is_current(store, manifest_iri(base))


def refresh(store: ox.Store, base: str) -> int:
    """Rewrite the summary from the report graphs in the store; how many members it has.
    Also brings the partnership table of network analysis up to date (network_table.py)."""
    from .network_table import refresh as refresh_network_table

    refresh_network_table(store, manifest_iri(base))
    quads = summary_quads(store, base)
    collection, graph = summary_iri(base), manifest_iri(base)
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    # one update, so one transaction: a reader never sees the summary half written
    store.update(f"DELETE WHERE {{ GRAPH {graph} {{ {collection} ?p ?o }} }}"
                 + (f" ;\nINSERT DATA {{ GRAPH {graph} {{\n{lines}}} }}" if quads else ""))
    return max(0, len(quads) - 1)
