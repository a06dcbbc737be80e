"""Every report in a directory -> one graph on disk, the same bytes every time.

build_graph reads each .txt and .pdf report (in name order), extracts its
record and maps it to a graph. A report that cannot be read is skipped with a
sentence saying why; the others are built. The same inspection reported twice
(the same report IRI: document type, subject, framework and start date) is
loaded once, from the PDF, the original.

It writes, each atomically (a temporary file, then os.replace):
  OUTPUT        Turtle: the union of every report's graph, the reference graph,
                the ontology and a DCAT/VoID description of the dataset
  OUTPUT.trig   TriG: one named graph per report (named by the report's IRI),
                one for the reference data, one for the ontology; the dataset
                description in the default graph
  OUTPUT.nq     the same as N-Quads

Reproducible byte for byte: triples are sorted before serialising, no blank
nodes, no clock. Serialising is pyoxigraph's (fast); graphs are built with rdflib.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from . import mapping
from .errors import ReportError
from .extract import extract_document
from .records import ExtractionRecord
from .text import SUFFIXES, read_document
from .vocab import ORG, PREFIXES, ontology_graph

DEFAULT_BASE = "https://safeguarding-kg.example.org"


@dataclass
class Loaded:
    """One report that made it into the graph."""

    name: str  # the file's name
    iri: URIRef
    record: ExtractionRecord
    graph: Graph


@dataclass
class BuildResult:
    output: Path
    loaded: list[str] = field(default_factory=list)  # file names, in IRI order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why, as a sentence)
    reports: list[Loaded] = field(default_factory=list)
    triples: int = 0  # in the Turtle file
    organisations: int = 0  # distinct organisations named in the reports

    def summary(self) -> str:
        records = [r.record for r in self.reports]
        frameworks = Counter(r.framework for r in records)
        councils = {r.subject_authority.code or r.subject_authority.name
                    for r in records if r.subject_authority}
        outputs = ", ".join(p.name for p in _outputs(self.output))
        lines = [
            f"Built {outputs}: {len(self.loaded)} report(s) loaded, {len(self.skipped)} skipped.",
            "  reports by framework: " + (", ".join(f"{k} {v}" for k, v in sorted(frameworks.items())) or "none"),
            f"  councils: {len(councils)}",
            f"  judgements: {sum(len(r.judgements) for r in records)}",
            f"  recommendations: {sum(len(r.recommendations) for r in records)}",
            f"  organisations: {self.organisations}",
            f"  triples: {self.triples}",
        ]
        return "\n".join(lines)


def build_graph(directory: str | Path, output: str | Path, base: str = DEFAULT_BASE,
                progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the graph of every report in `directory` and write it to `output` (and .trig, .nq)."""
    directory, output = Path(directory), Path(output)
    say = progress or (lambda message: None)
    result = BuildResult(output)
    by_iri: dict[URIRef, Loaded] = {}
    for path in report_files(directory):
        say(f"reading {path.name}")
        loaded = _load(path, base, result.skipped)
        if loaded is None:
            continue
        kept = by_iri.get(loaded.iri)
        if kept is not None:
            kept, dropped = _prefer(kept, loaded)
            result.skipped.append((dropped.name, f"the same report as {kept.name}, which is loaded instead "
                                                 "(the PDF, the original, is preferred)."))
        by_iri[loaded.iri] = kept or loaded
    result.reports = [by_iri[iri] for iri in sorted(by_iri)]
    result.loaded = [r.name for r in result.reports]

    say(f"writing {output}")
    named = _named_graphs(result.reports, base)
    union = set()
    for graph in named.values():
        union.update(graph)
    description = mapping.dataset_graph(base, [r.iri for r in result.reports], len(union))
    union.update(description)
    result.triples = len(union)
    result.organisations = len({s for r in result.reports for s in r.graph.subjects(RDF.type, ORG.Organization)})

    quads = [(s, p, o, name) for name, graph in named.items() for s, p, o in graph]
    quads += [(s, p, o, None) for s, p, o in description]
    terms = _Terms()
    _write(output, ox.serialize(terms.triples(union), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    ordered = terms.quads(quads, graph_order=list(named))
    trig, nquads = _outputs(output)[1:]
    _write(trig, ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    _write(nquads, ox.serialize(ordered, format=ox.RdfFormat.N_QUADS))
    return result


def report_files(directory: Path) -> list[Path]:
    """The .txt and .pdf files of a directory, in name order."""
    return sorted((p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES),
                  key=lambda p: p.name)


def _load(path: Path, base: str, skipped: list[tuple[str, str]]) -> Loaded | None:
    try:
        doc = read_document(path)
        record = extract_document(doc)
        graph = mapping.record_graph(record, doc, base)
    except ReportError as exc:
        skipped.append((path.name, str(exc)))
        return None
    except Exception as exc:  # noqa: BLE001
        # A bug in one loader or in the mapping must not lose the other reports:
        # the report is skipped with a sentence naming the error, to be reported.
        skipped.append((path.name, f"{path.name}: could not be loaded because of an internal error "
                                   f"({type(exc).__name__}: {exc}); please report it."))
        return None
    return Loaded(path.name, mapping.report_iri(record, base, doc.digest), record, graph)


def _prefer(first: Loaded, second: Loaded) -> tuple[Loaded, Loaded]:
    """(kept, dropped) of two files with the same report: the PDF, else the first by name."""
    if second.name.lower().endswith(".pdf") and not first.name.lower().endswith(".pdf"):
        return second, first
    return first, second


def _named_graphs(reports: list[Loaded], base: str) -> dict[URIRef, Graph]:
    graphs = {mapping.graph_iri("ontology", base): ontology_graph(),
              mapping.graph_iri("reference", base): mapping.reference_graph(base)}
    for report in reports:
        graphs[report.iri] = report.graph
    return graphs


def _outputs(output: Path) -> tuple[Path, Path, Path]:
    return output, output.with_suffix(".trig"), output.with_suffix(".nq")


def _write(path: Path, data: bytes):
    """Write all or nothing: a reader never sees half a graph."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # opened normally, so the umask applies
    try:
        with open(temp, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class _Terms:
    """rdflib terms to pyoxigraph terms (cached: IRIs repeat a lot), in a stable order."""

    def __init__(self):
        self.cache: dict = {}

    def term(self, node):
        converted = self.cache.get(node)
        if converted is None:
            converted = self.cache[node] = _convert(node)
        return converted

    def triples(self, triples: Iterable) -> list[ox.Triple]:
        return [ox.Triple(self.term(s), self.term(p), self.term(o))
                for s, p, o in sorted(triples, key=_triple_key)]

    def quads(self, quads: list, graph_order: list[URIRef]) -> list[ox.Quad]:
        rank = {name: i for i, name in enumerate(graph_order)}
        ordered = sorted(quads, key=lambda q: (rank.get(q[3], len(rank)), _triple_key(q[:3])))
        return [ox.Quad(self.term(s), self.term(p), self.term(o),
                        ox.DefaultGraph() if g is None else self.term(g))
                for s, p, o, g in ordered]


def _term_key(node) -> tuple:
    if isinstance(node, Literal):
        return (1, str(node), str(node.datatype or ""), node.language or "")
    return (0, str(node))


def _triple_key(triple) -> tuple:
    return tuple(_term_key(t) for t in triple)


def _convert(node):
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    # Blank nodes would get arbitrary labels and break reproducibility; the
    # mapping and the ontology files have none.
    raise ValueError(f"a blank node reached the build: {node!r}")
