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
from functools import lru_cache
from pathlib import Path
from typing import Callable

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
    _check_base(base)
    if not directory.is_dir():
        raise ReportError(f"{directory}: no such directory of reports.")
    result = BuildResult(output)
    by_iri: dict[URIRef, Loaded] = {}
    for path in report_files(directory):
        say(f"reading {path.name}")
        loaded = _load(path, base, result.skipped)
        if loaded is None:
            continue
        if loaded.iri in by_iri:
            kept, dropped = _prefer(by_iri[loaded.iri], loaded)
            result.skipped.append((dropped.name, f"the same report as {kept.name}, which is loaded instead "
                                                 "(the PDF, the original, is preferred)."))
            loaded = kept
        by_iri[loaded.iri] = loaded
    result.reports = [by_iri[iri] for iri in sorted(by_iri)]
    result.loaded = [r.name for r in result.reports]
    result.organisations = len({s for r in result.reports for s in r.graph.subjects(RDF.type, ORG.Organization)})

    say(f"writing {output}")
    named = dict(_static_graphs(base))  # graph name -> its triples, sorted
    for report in result.reports:
        named[report.iri] = _sorted_triples(report.graph)
    union = set().union(*named.values())
    description = _sorted_triples(mapping.dataset_graph(base, [r.iri for r in result.reports], len(union)))
    union.update(description)
    result.triples = len(union)

    try:
        _write_all(output, union, named, description)
    except OSError as exc:
        raise ReportError(f"could not write the graph beside {output}: {exc.strerror or exc}.") from None
    return result


def _write_all(output: Path, union: set, named: dict, description: tuple):
    """The Turtle union, and TriG and N-Quads with one named graph per report."""
    _write(output, ox.serialize(sorted(union, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
             for name, triples in named.items() for t in triples]
    quads += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in description]
    trig, nquads = _outputs(output)[1:]
    _write(trig, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    _write(nquads, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def _check_base(base: str):
    try:
        ox.NamedNode(base.rstrip("/") + "/id/")
    except ValueError:
        raise ReportError(f"--base {base!r} is not an absolute IRI; give one such as "
                          f"{DEFAULT_BASE}.") from None
    if not base.startswith(("http://", "https://")):
        raise ReportError(f"--base {base!r} should be an http(s) IRI, such as {DEFAULT_BASE}.")


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


@lru_cache(maxsize=4)
def _static_graphs(base: str) -> tuple[tuple[URIRef, tuple[ox.Triple, ...]], ...]:
    """The ontology and reference graphs, converted once per base (tests build many times)."""
    return ((mapping.graph_iri("ontology", base), _sorted_triples(ontology_graph())),
            (mapping.graph_iri("reference", base), _sorted_triples(mapping.reference_graph(base))))


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


def _sorted_triples(graph: Graph) -> tuple[ox.Triple, ...]:
    """The graph's triples as pyoxigraph triples, in N-Triples text order: the same every run.

    In that order a subject's triples are together, so the Turtle and TriG
    writers can group them.
    """
    return tuple(sorted((ox.Triple(_convert(s), _convert(p), _convert(o)) for s, p, o in graph), key=str))


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
