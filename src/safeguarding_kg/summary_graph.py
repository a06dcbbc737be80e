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

After a change to a few reports (skg load, skg remove) only the authorities those
reports are about are looked at again (`refresh(..., authorities=...)`): at 10,000
reports reading every judgement takes 2.5 s, one authority's a few milliseconds.

"Latest" is the latest inspection start date; an area is compared as the report
words it, within its scope (safeguarding, looked after children, LSCB). Two
reports of one inspection (an inspection and a council paper about it) are both
latest.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF

from . import mapping
from .vocab import DEF

COLLECTION = ox.NamedNode(str(PROV.Collection))
HAD_MEMBER = ox.NamedNode(str(PROV.hadMember))
RDF_TYPE = ox.NamedNode(str(RDF.type))

# Every report's judgements: one sub-select per pattern, joined on the report graph (the
# same rows as the patterns written together in one GRAPH block). Oxigraph then reads each
# predicate once and joins by hashing, rather than looking up every pattern for every row:
# at 10,000 reports 1.3 s against 2.6-3.1 s, and the build waits for it.
JUDGEMENTS = """
PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?judgement ?authority ?area ?scope ?start WHERE {
  { SELECT ?report ?judgement WHERE { GRAPH ?report { ?judgement a skg:Judgement } } }
  { SELECT ?report ?judgement ?area WHERE { GRAPH ?report { ?judgement skg:area ?area } } }
  { SELECT ?report ?judgement ?inspection WHERE { GRAPH ?report { ?judgement prov:wasGeneratedBy ?inspection } } }
  { SELECT ?report ?inspection ?authority WHERE { GRAPH ?report { ?inspection skg:subjectAuthority ?authority } } }
  { SELECT ?report ?inspection ?start WHERE { GRAPH ?report { ?inspection skg:startDate ?start } } }
  OPTIONAL { GRAPH ?report { ?judgement skg:scope ?scope } }
}
"""
# one authority's judgements (the same rows as JUDGEMENTS for it), from its inspections
JUDGEMENTS_OF = """
PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?judgement ?area ?scope ?start WHERE {
  GRAPH ?report {
    ?inspection skg:subjectAuthority AUTHORITY ; skg:startDate ?start .
    ?judgement prov:wasGeneratedBy ?inspection ; a skg:Judgement ; skg:area ?area .
    OPTIONAL { ?judgement skg:scope ?scope }
  }
}
"""
GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))
SUBJECT_AUTHORITY = ox.NamedNode(DEF + "subjectAuthority")


def summary_iri(base: str) -> ox.NamedNode:
    """The collection of latest judgements (a resource in the manifest graph, not a graph)."""
    return ox.NamedNode(str(mapping.graph_iri("summary", base)))


def manifest_iri(base: str) -> ox.NamedNode:
    return ox.NamedNode(str(mapping.graph_iri("manifest", base)))


def latest_judgements(store: ox.Store, base: str, authorities: set[str] | None = None) -> list[ox.NamedNode]:
    """The latest judgement(s) of each (authority, area as worded, scope), in IRI order: of every
    authority, or of `authorities` (IRIs) only."""
    if authorities is None:
        rows = ((row["judgement"].value, row["authority"].value, row["area"].value, row["scope"], row["start"].value)
                for row in store.query(JUDGEMENTS))
    else:
        rows = ((row["judgement"].value, authority, row["area"].value, row["scope"], row["start"].value)
                for authority in sorted(authorities)
                for row in store.query(JUDGEMENTS_OF.replace("AUTHORITY", str(ox.NamedNode(authority)))))
    latest: dict[tuple, tuple[str, set]] = {}
    for judgement, authority, area, scope, start in rows:
        key = (authority, area, scope.value if scope is not None else "")
        now = latest.get(key)
        if now is None or start > now[0]:
            latest[key] = (start, {judgement})
        elif start == now[0]:
            now[1].add(judgement)
    return [ox.NamedNode(iri) for iri in sorted({j for _, members in latest.values() for j in members})]


def authorities_of(store: ox.Store, graph: str) -> set[str]:
    """The authorities a report graph's inspections are about (whose summary it can change)."""
    return {q.object.value for q in store.quads_for_pattern(None, SUBJECT_AUTHORITY, None, ox.NamedNode(graph))}


def _members_after(store: ox.Store, base: str, authorities: set[str]) -> list[ox.NamedNode]:
    """The summary after a change to reports about `authorities`: the other authorities'
    members kept, these authorities' found again, members whose judgement is gone dropped."""
    def authorities_of_judgement(judgement: ox.NamedNode) -> set[str]:
        return {a.object.value for g in store.quads_for_pattern(judgement, GENERATED_BY, None)
                for a in store.quads_for_pattern(g.object, SUBJECT_AUTHORITY, None, g.graph_name)}

    members = {q.object: authorities_of_judgement(q.object)
               for q in store.quads_for_pattern(summary_iri(base), HAD_MEMBER, None, manifest_iri(base))}
    touched = set(authorities)
    while True:  # a judgement about two authorities, one touched, has the other looked at again too
        more = set().union(*(found for found in members.values() if found & touched)) - touched
        if not more:
            break
        touched |= more
    kept = {m for m, found in members.items() if found and not found & touched}
    return sorted(kept | set(latest_judgements(store, base, touched)), key=lambda node: node.value)


def summary_quads(store: ox.Store, base: str, authorities: set[str] | None = None) -> list[ox.Quad]:
    collection, graph = summary_iri(base), manifest_iri(base)
    members = latest_judgements(store, base) if authorities is None else _members_after(store, base, authorities)
    if not members:
        return []
    return [ox.Quad(collection, RDF_TYPE, COLLECTION, graph)] + [
        ox.Quad(collection, HAD_MEMBER, j, graph) for j in members]


def is_current(store: ox.Store, base: str) -> bool:
    """False where the store lacks what refresh keeps (a store filled by an older skg): the store
    should then call refresh even when no report changed."""
    from .network_table import is_current as network_table_is_current

    return network_table_is_current(store, manifest_iri(base))


def refresh(store: ox.Store, base: str, authorities: set[str] | None = None) -> int:
    """Rewrite the summary from the report graphs in the store; how many members it has.
    authorities: if only reports about these authorities changed since the summary was
    right (their IRIs, from authorities_of before and after the change), only they are
    looked at again. Also brings the partnership table of network analysis up to date
    (network_table.py)."""
    from .network_table import refresh as refresh_network_table

    refresh_network_table(store, manifest_iri(base))
    quads = summary_quads(store, base, authorities)
    collection, graph = summary_iri(base), manifest_iri(base)
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    # one update, so one transaction: a reader never sees the summary half written
    store.update(f"DELETE WHERE {{ GRAPH {graph} {{ {collection} ?p ?o }} }}"
                 + (f" ;\nINSERT DATA {{ GRAPH {graph} {{\n{lines}}} }}" if quads else ""))
    return max(0, len(quads) - 1)
