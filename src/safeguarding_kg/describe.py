"""One resource of the store: where its IRI lives on the web, whether it exists, and its RDF.

The UK URI pattern: a thing is {base}/id/{path}; the document about it is
{base}/doc/{path}. A report is itself a document: its IRI is {base}/doc/{path}.
The vocabulary is under the fixed namespace vocab.DEF (/def/...), whatever the base.

A resource's description is every triple with it as subject, in any graph but the
store's manifest, plus the triples of its evidence nodes ({fact}#evidence and its
selectors, reached by skg:evidence): a fact's evidence travels with the fact.
"""
from __future__ import annotations

from urllib.parse import quote, unquote

import pyoxigraph as ox

from .vocab import DEF

MANIFEST = "/graph/manifest"
EVIDENCE = DEF + "evidence"
HAS_SELECTOR = "http://www.w3.org/ns/oa#hasSelector"


def doc_path_for(iri: str, base: str) -> str | None:
    """The server path of the page about `iri` ("/doc/..." or "/def/..."), with any #fragment kept;
    None for an IRI outside the base and the vocabulary."""
    base = base.rstrip("/")
    iri, hash_, fragment = iri.partition("#")
    suffix = f"#{quote(fragment, safe='-._~')}" if hash_ else ""
    if iri == DEF or iri.startswith(DEF):
        path = "/def/" + iri[len(DEF):]
    elif iri.startswith(base + "/"):
        path = iri[len(base):]
        if path.startswith("/id/"):
            path = "/doc/" + path[len("/id/"):]
    else:
        return None
    return quote(path, safe="/-._~:@!$&'()*+,;=") + suffix


def iri_candidates(path: str, base: str) -> list[str]:
    """The IRIs a request path may name, most likely first.

    "/doc/x" names the report {base}/doc/x if there is one, else the thing {base}/id/x;
    "/def/x" names the vocabulary term DEF + x.
    """
    base = base.rstrip("/")
    path = unquote(path)
    if path == "/def" or path.startswith("/def/"):
        return [DEF + path[len("/def/"):]]
    if path.startswith("/doc/"):
        return [base + path, base + "/id/" + path[len("/doc/"):]]
    return [base + path]


def _node(iri: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(iri)
    except (ValueError, TypeError):
        return None


def manifest_graph(base: str) -> ox.NamedNode:
    return ox.NamedNode(base.rstrip("/") + MANIFEST)


def exists(store: ox.Store, iri: str, base: str) -> bool:
    """True if the IRI is the subject or the object of a triple outside the manifest."""
    node = _node(iri)
    if node is None:
        return False
    manifest = manifest_graph(base)
    for quad in store.quads_for_pattern(node, None, None):
        if quad.graph_name != manifest:
            return True
    for quad in store.quads_for_pattern(None, None, node):
        if quad.graph_name != manifest:
            return True
    return False


def find_resource(store: ox.Store, path: str, base: str) -> str | None:
    """The IRI a /doc/... or /def/... path is about, if the store knows it."""
    for iri in iri_candidates(path, base):
        if exists(store, iri, base):
            return iri
    return None


def description(store: ox.Store, iri: str, base: str) -> list[ox.Triple]:
    """The resource's triples and those of its #fragment nodes, without duplicates, sorted."""
    node = _node(iri)
    if node is None:
        return []
    manifest = manifest_graph(base)
    found: set[ox.Triple] = set()
    subjects = [node]
    # the evidence nodes and their selectors: IRIs with a #fragment, reached by skg:evidence
    rows = store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ {{ {node} <{EVIDENCE}> ?s }} UNION "
        f"{{ {node} <{EVIDENCE}> ?e . ?e <{HAS_SELECTOR}> ?s }} }} FILTER(isIRI(?s) && CONTAINS(STR(?s), '#')) }}")
    subjects += [row["s"] for row in rows]
    for subject in subjects:
        for quad in store.quads_for_pattern(subject, None, None):
            if quad.graph_name != manifest:
                found.add(quad.triple)
    return sorted(found, key=str)


def graph_triples(store: ox.Store, graph: str) -> list[ox.Triple]:
    """Every triple of one named graph (the ontology for /def/)."""
    node = _node(graph)
    if node is None:
        return []
    return sorted((q.triple for q in store.quads_for_pattern(None, None, None, node)), key=str)
