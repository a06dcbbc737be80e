"""graph.ttl, graph.trig and graph.nq written from the store: the files are exports of it.

The store is where the graph lives (builds and loads fill it; queries, network
analysis and publication read it). `export_store` writes the same three files a
build writes, in the same order, so a store filled by `skg build DIR --store S`
dumps to the very bytes that build wrote.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from . import mapping
from .build import _outputs, _write_all
from .errors import ReportError
from .store import SkgStore


def _graph_order(store: SkgStore) -> list[str]:
    """The static graphs first (ontology, then reference, as a build writes them), then reports by IRI."""
    static = [str(mapping.graph_iri(name, store.base)) for name in ("ontology", "reference")]
    managed = store.managed()
    present = [iri for iri in static if iri in managed]
    others = sorted(iri for iri in managed if iri not in static)
    return present + others


def export_store(store: SkgStore, output: str | Path) -> dict:
    """Write output (Turtle, the union), and .trig and .nq beside it (one named graph each).

    Returns counts: graphs, reports and triples (distinct, in the union).
    """
    output = Path(output)
    named = {}
    for iri in _graph_order(store):
        node = ox.NamedNode(iri)
        named[iri] = sorted((ox.Triple(q.subject, q.predicate, q.object)
                             for q in store.store.quads_for_pattern(None, None, None, node)), key=str)
    description = sorted((ox.Triple(q.subject, q.predicate, q.object)
                          for q in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), key=str)
    if not named:
        raise ReportError(f"{store.path}: the store is empty; fill it with `skg build DIR --store {store.path}`.")
    union = set().union(*named.values())
    union.update(description)
    try:
        _write_all(output, union, named, tuple(description))
    except OSError as exc:
        raise ReportError(f"could not write the graph beside {output}: {exc.strerror or exc}.") from None
    reports = len(store.reports())
    return {"graphs": len(named), "reports": reports, "triples": len(union),
            "files": [str(p) for p in _outputs(output)]}
