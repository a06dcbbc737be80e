"""The store's partnership table: what network analysis reads of each report, found once.

The partnership network (network.py) is read from every report graph: each
partnership, peer review and recommendation addressee with the report's dates,
and every organisation's names, types and codes. At 10,000 reports the four
national queries that read them take about 15 s together (Oxigraph reads each
quad through its index, about 10-20 us a quad on a shared machine); the network
itself is measured in a second. So the store keeps, per report, what those
queries would find in its graph, beside its other bookkeeping in the manifest
graph (summary_graph.refresh rewrites it at every change, as it does the latest
judgements):

    GRAPH <{base}/graph/manifest> {
      <report graph> store:network "{JSON: the report's content hash, dates,
                                     subjects, organisations, partners, ...}" .
      <{base}/graph/network> store:networkTable "1" .   # the table is complete
    }

One literal a report, so network.py reads the whole table in about 10,000
quads. A report's entry is recomputed only when its graph's content hash
(store:contentHash) changed: a rebuild that changes one report reads one
graph. Being store: bookkeeping, the entries are neither exported nor
published; network.py falls back to the named queries where the table is
missing (a store filled by other tools, an endpoint).

Each entry holds the rows the queries of queries/network/ would give for that
report before their period filter and grouping (network.table_rows applies
those), so the network is the same either way (tests/test_network_table.py).
"""
from __future__ import annotations

import json

import pyoxigraph as ox

from .manifest_terms import CONTENT_HASH, SOURCE_FILE, STORE_NS

NETWORK = ox.NamedNode(STORE_NS + "network")
NETWORK_TABLE = ox.NamedNode(STORE_NS + "networkTable")
VERSION = "2"  # the entries' layout; another value makes refresh recompute them all

PREFIXES = """PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# {g} is ?report for every report graph at once, or one report's IRI; {sel} is "?report" or "".
# Each starts from its most selective pattern and joins little (one big join took twice as long
# as these together); _collect puts them together. Where a query joins two patterns over every
# report (peerReview, which finds few rows, aside), each is a sub-select of its own, joined on
# the report (and the shared node): Oxigraph then reads each predicate's quads once and joins
# them in memory, rather than looking the second pattern up for every row of the first (at
# 10,000 reports 7.5 s -> 1.8 s for all eleven, the same rows).
QUERIES = {
    "report": "SELECT {sel} (1 AS ?one) WHERE {{ GRAPH {g} {{ {g} a skg:Report }} }}",
    "startDate": """SELECT {sel} ?value WHERE {{
        {{ SELECT {sel} ?inspection ?value WHERE {{ GRAPH {g} {{ ?inspection skg:startDate ?value }} }} }}
        {{ SELECT {sel} ?inspection WHERE {{ GRAPH {g} {{
            {{ {g} prov:wasGeneratedBy ?inspection }} UNION {{ {g} skg:aboutInspection ?inspection }} }} }} }} }}""",
    "documentDate": "SELECT {sel} ?value WHERE {{ GRAPH {g} {{ {g} dcterms:date ?value }} }}",
    "issued": "SELECT {sel} ?value WHERE {{ GRAPH {g} {{ {g} dcterms:issued ?value }} }}",
    "subject": "SELECT {sel} ?value WHERE {{ GRAPH {g} {{ {g} skg:subjectAuthority ?value }} }}",
    "organisation": """SELECT {sel} ?organisation ?label ?typeConcept WHERE {{
        {{ SELECT {sel} ?organisation ?typeConcept WHERE {{ GRAPH {g} {{ ?organisation skg:organisationType ?typeConcept }} }} }}
        {{ SELECT {sel} ?organisation ?label WHERE {{ GRAPH {g} {{ ?organisation rdfs:label ?label }} }} }} }}""",
    "code": """SELECT DISTINCT {sel} ?organisation ?notation WHERE {{
        {{ SELECT DISTINCT {sel} ?organisation WHERE {{ GRAPH {g} {{ ?organisation skg:organisationType ?typeConcept }} }} }}
        {{ SELECT {sel} ?organisation ?notation WHERE {{ GRAPH {g} {{ ?organisation skos:notation ?notation }} }} }} }}""",
    "partner": """SELECT {sel} ?source ?target WHERE {{
        {{ SELECT {sel} ?source ?target WHERE {{ GRAPH {g} {{ ?source skg:worksInPartnershipWith ?target }} }} }}
        {{ SELECT {sel} ?source WHERE {{ GRAPH {g} {{ {g} skg:subjectAuthority ?source }} }} }} }}""",
    "mentions": """SELECT {sel} ?target (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {{
        {{ SELECT DISTINCT {sel} ?target WHERE {{ GRAPH {g} {{ ?source skg:worksInPartnershipWith ?target }} }} }}
        {{ SELECT {sel} ?mention ?target WHERE {{ GRAPH {g} {{ ?mention skg:mentionOf ?target }} }} }} }}
        GROUP BY {sel} ?target""",
    "peerReview": """SELECT {sel} ?inspection ?source ?target ?startDate WHERE {{ GRAPH {g} {{
        ?inspection skg:reviewedBy ?target ; skg:subjectAuthority ?source .
        {{ {g} prov:wasGeneratedBy ?inspection }} UNION {{ {g} skg:aboutInspection ?inspection }}
        OPTIONAL {{ ?inspection skg:startDate ?startDate }} }} }}""",
    "addressee": """SELECT DISTINCT {sel} ?target WHERE {{
        {{ SELECT {sel} ?recommendation ?target WHERE {{ GRAPH {g} {{ ?recommendation skg:addressee ?target }} }} }}
        {{ SELECT {sel} ?recommendation WHERE {{ GRAPH {g} {{ ?recommendation a skg:Recommendation }} }} }} }}""",
}
# Every graph at once reads every report (about 2 s at 10,000 reports); one graph at a time
# costs about 2 ms a report. So all at once past BULK reports and a tenth of the store.
BULK = 50


def _value(term) -> str | None:
    return None if term is None else term.value


def _empty(digest: str) -> dict:
    return {"hash": digest, "report": False, "startDate": [], "documentDate": [], "issued": [], "subject": [],
            "organisation": {}, "code": {}, "partner": [], "mentions": {}, "peerReview": {}, "addressee": []}


def _collect(store: ox.Store, entries: dict[str, dict], graph: str | None) -> None:
    """Fill `entries` (report IRI -> entry) from every report graph (graph None) or one."""
    g, sel = ("?report", "?report") if graph is None else (f"<{graph}>", "")
    for key, text in QUERIES.items():
        for row in store.query(PREFIXES + text.format(g=g, sel=sel)):
            entry = entries.get(row["report"].value if graph is None else graph)
            if entry is None:
                continue  # a graph that is not a managed report (or not to be recomputed)
            if key == "report":
                entry["report"] = True
            elif key in ("startDate", "documentDate", "issued", "subject"):
                entry[key].append(row["value"].value)
            elif key == "organisation":
                names = entry[key].setdefault(row["organisation"].value, [[], []])
                names[0].append(row["label"].value)
                names[1].append(row["typeConcept"].value)
            elif key == "code":
                entry[key].setdefault(row["organisation"].value, []).append(row["notation"].value)
            elif key == "partner":
                entry[key].append((row["source"].value, row["target"].value))
            elif key == "mentions":
                entry[key][row["target"].value] = int(row["mentions"].value)
            elif key == "peerReview":
                pair = entry[key].setdefault(f'{row["source"].value} {row["target"].value}', {})
                pair.setdefault(row["inspection"].value, []).append(_value(row["startDate"]))
            else:
                entry[key].append(row["target"].value)


def _tidy(entry: dict) -> dict:
    """What the queries of queries/network/ read of the report (each requires `?report a
    skg:Report`), sets as sorted lists, so an entry's text depends on its graph only."""
    if not entry.pop("report"):
        return _tidy({**_empty(entry["hash"]), "report": True})
    codes, mentions = entry.pop("code"), entry.pop("mentions")
    for key in ("startDate", "documentDate", "issued", "subject"):
        entry[key] = sorted(set(entry[key]))
    # organisation IRI -> [labels, type concepts, register codes] (each organisation with a type and a label)
    entry["organisation"] = {org: [sorted(set(labels)), sorted(set(types)), sorted(set(codes.get(org, ())))]
                             for org, (labels, types) in sorted(entry["organisation"].items())}
    # [subject authority, partner, how many mentions of the partner in the report]
    entry["partner"] = sorted([source, target, mentions.get(target, 0)] for source, target in set(entry["partner"]))
    entry["addressee"] = sorted([source, target] for source in entry["subject"] for target in set(entry["addressee"]))
    entry["peerReview"] = {pair: {i: sorted(set(d for d in dates if d is not None))
                                  for i, dates in sorted(inspections.items())}
                           for pair, inspections in sorted(entry["peerReview"].items())}
    return entry


def table_quads(store: ox.Store, manifest: ox.NamedNode) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """(quads to remove, quads to add) to bring the table up to date with the report graphs."""
    hashes = {q.subject.value: q.object.value
              for q in store.quads_for_pattern(None, CONTENT_HASH, None, manifest)}
    reports = {q.subject.value for q in store.quads_for_pattern(None, SOURCE_FILE, None, manifest)}
    old, stale = {}, []
    for quad in store.quads_for_pattern(None, NETWORK, None, manifest):
        try:
            entry = json.loads(quad.object.value)
        except ValueError:
            entry = {}
        if quad.subject.value in reports and entry.get("hash") == hashes.get(quad.subject.value) \
                and entry.get("version") == VERSION:
            old[quad.subject.value] = quad
        else:
            stale.append(quad)
    todo = {iri: _empty(hashes.get(iri, "")) for iri in sorted(reports) if iri not in old}
    if len(todo) > max(BULK, len(reports) // 10):
        _collect(store, todo, None)
    else:
        for iri in todo:
            _collect(store, todo, iri)
    added = [ox.Quad(ox.NamedNode(iri), NETWORK,
                     ox.Literal(json.dumps({"version": VERSION, **_tidy(entry)}, separators=(",", ":"),
                                           ensure_ascii=False)), manifest)
             for iri, entry in todo.items()]
    marker = ox.Quad(ox.NamedNode(manifest.value.rsplit("/", 1)[0] + "/network"), NETWORK_TABLE,
                     ox.Literal(VERSION), manifest)
    markers = list(store.quads_for_pattern(None, NETWORK_TABLE, None, manifest))
    stale += [q for q in markers if q != marker]
    if marker not in markers:
        added.append(marker)
    return stale, added


def refresh(store: ox.Store, manifest: ox.NamedNode) -> int:
    """Bring the table up to date; how many report entries were written."""
    stale, added = table_quads(store, manifest)
    if not stale and not added:
        return 0
    steps = []
    if stale:
        steps.append("DELETE DATA { GRAPH " + str(manifest) + " {\n"
                     + "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in stale) + "} }")
    if added:
        steps.append("INSERT DATA { GRAPH " + str(manifest) + " {\n"
                     + "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in added) + "} }")
    store.update(" ;\n".join(steps))  # one update, one transaction
    return sum(1 for q in added if q.predicate == NETWORK)


def is_current(store: ox.Store, manifest: ox.NamedNode) -> bool:
    """Does the store keep a table of this layout? (A store filled before it existed, or by an
    older layout, has none until its next change; SkgStore.describe brings it up to date.)"""
    return any(True for _ in store.quads_for_pattern(None, NETWORK_TABLE, ox.Literal(VERSION), manifest))


def read_table(store: ox.Store) -> dict[str, dict] | None:
    """Report IRI -> entry, or None where the store keeps no table (not filled by skg) or its
    table misses a report (a build stopped before it described the store): the caller then
    reads the report graphs."""
    markers = [q for q in store.quads_for_pattern(None, NETWORK_TABLE, ox.Literal(VERSION), None)]
    if len(markers) != 1:
        return None
    manifest = markers[0].graph_name
    table = {q.subject.value: json.loads(q.object.value)
             for q in store.quads_for_pattern(None, NETWORK, None, manifest)}
    reports = {q.subject.value for q in store.quads_for_pattern(None, SOURCE_FILE, None, manifest)}
    return table if reports == set(table) else None
