"""Every report in a directory -> one graph on disk, the same bytes every time.

build_graph reads each report (in name order), extracts its record and maps it
to a graph. A report that cannot be read is skipped with a sentence saying why;
the others are built. Duplicates are loaded once and reported: the same bytes
under two names (the first name is loaded), and the same inspection reported
twice (the same report IRI: document type, subject, framework and start date),
loaded from the PDF, the original.

Extraction runs in `jobs` worker processes (1: in this process); results are
put together in file-name order, so the output does not depend on `jobs`. With
a `cache` directory (build_cache.py) a report whose bytes are unchanged since
the last build is taken from the cache: neither read nor extracted.

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

import hashlib
import io
import os
import re
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from . import forked, mapping
from .build_cache import BuildCache, atomic_path, file_sha256
from .config import DEFAULT_BASE
from .errors import ReportError
from .extract import extract_document
from .records import ExtractionRecord
from .text import SUFFIXES, read_document
from .vocab import ORG, PREFIXES, ontology_graph

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class Loaded:
    """One report that made it into the graph."""

    name: str  # the file's name
    iri: URIRef
    record: ExtractionRecord
    ntriples: str  # the report's graph as N-Triples lines, sorted (ntriples(_sorted_triples(...)))
    # the graph's content hash and the organisations it types: found by the worker that made the
    # graph, so the build process, which gathers every report, does not read 4 million lines again
    digest: str = ""
    organisations: tuple[str, ...] | None = None

    def __post_init__(self):
        if not self.digest:
            self.digest = text_digest(self.ntriples)
        if self.organisations is None:
            self.organisations = tuple(_organisations(self.ntriples))

    # The build and the store work on the text: writing the files and bulk-loading the store
    # take it as it is, and parsing 4 million triples into Python objects costs more than
    # everything else they do with them. The objects are parsed only when asked for.
    @property
    def triples(self) -> tuple[ox.Triple, ...]:
        """The report's graph as pyoxigraph triples, in the same sorted order."""
        if "_triples" not in self.__dict__:
            self.__dict__["_triples"] = parse_ntriples(self.ntriples)
        return self.__dict__["_triples"]

    @property
    def graph(self) -> Graph:
        """The report's graph as an rdflib Graph (built anew on each call)."""
        graph = Graph()
        for t in self.triples:
            graph.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
        return graph

    def __getstate__(self):  # pickled (to and from workers, into the cache) without the parsed triples
        return {key: value for key, value in self.__dict__.items() if key != "_triples"}


def ntriples(triples) -> str:
    return "".join(f"{t} .\n" for t in triples)


def parse_ntriples(text: str) -> tuple[ox.Triple, ...]:
    return tuple(quad.triple for quad in ox.parse(input=text, format=ox.RdfFormat.N_TRIPLES))


def text_digest(text: str) -> str:
    """The manifest's content hash of a graph (store.graph_digest of its triples) from its N-Triples text."""
    return hashlib.sha256(text[:-3].replace(" .\n", "\n").encode("utf-8")).hexdigest()


def in_graph(text: str, graph: str) -> str:
    """N-Triples lines -> the same as N-Quads lines of graph `graph` (an IRI).

    " .\n" ends every N-Triples line and occurs nowhere else: a line break inside a
    literal is written as the two characters backslash and n."""
    return text.replace(" .\n", f" <{graph}> .\n")


@dataclass
class Skipped:
    """One report that could not be loaded, and why (a sentence)."""

    name: str
    why: str
    internal: bool = False  # a bug rather than a bad file: never cached, so a fix is picked up


@dataclass
class Progress:
    """Where a build is, for a progress bar: reports done (of total), how many skipped or cached."""

    done: int
    total: int
    skipped: int
    cached: int
    elapsed: float  # seconds since the build started
    name: str = ""  # the report just done


@dataclass
class BuildResult:
    output: Path
    loaded: list[str] = field(default_factory=list)  # file names, in IRI order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why, as a sentence)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file name, the file loaded instead)
    removed: list[str] = field(default_factory=list)  # files the last build of the directory had
    reports: list[Loaded] = field(default_factory=list)
    triples: int = 0  # in the Turtle file
    graph_triples: int = 0  # in the named graphs (the Turtle file without the dataset description)
    organisations: int = 0  # distinct organisations named in the reports
    extracted: int = 0  # reports read and extracted by this build
    cached: int = 0  # reports taken from the cache, neither read nor extracted
    counts: dict | None = None  # the summary's counts (record_counts); None: computed from the reports
    meanwhile: object = None  # what build_graph's `meanwhile` returned
    writing: Callable[[], tuple[int, int]] | None = None  # the files being written: wait_for_files
    write_error: ReportError | None = None

    @property
    def failed(self) -> list[tuple[str, str]]:
        """The skipped reports that are not duplicates: files that could not be loaded."""
        duplicates = {name for name, _ in self.duplicates}
        return [(name, why) for name, why in self.skipped if name not in duplicates]

    def wait_for_files(self) -> int:
        """Wait for the graph files, written by another process while the build's `meanwhile`
        runs, and take their counts; returns graph_triples (what SkgStore.put_built states)."""
        if self.writing is not None:
            writing, self.writing = self.writing, None
            try:
                self.graph_triples, self.triples = writing()
            except OSError as exc:
                self.write_error = ReportError(f"could not write the graph beside {self.output}: "
                                               f"{exc.strerror or exc}.")
        if self.write_error:
            raise self.write_error
        return self.graph_triples

    def summary(self) -> str:
        counts = self.counts or record_counts([r.record for r in self.reports])
        outputs = ", ".join(p.name for p in _outputs(self.output))
        duplicates = f" ({len(self.duplicates)} duplicate(s), loaded once)" if self.duplicates else ""
        lines = [
            f"Built {outputs}: {len(self.loaded)} report(s) loaded, {len(self.skipped)} skipped{duplicates}.",
            "  reports by framework: " + (", ".join(f"{k} {v}" for k, v in sorted(counts["frameworks"].items()))
                                          or "none"),
            f"  councils: {counts['councils']}",
            f"  judgements: {counts['judgements']}",
            f"  recommendations: {counts['recommendations']}",
            f"  organisations: {self.organisations}",
            f"  triples: {self.triples}",
            f"  extracted: {self.extracted}, from the cache: {self.cached}",
        ]
        lines += [f"  duplicate: {name} (loaded from {kept})" for name, kept in self.duplicates]
        if self.removed:
            lines.append(f"  removed since the last build: {', '.join(self.removed)}")
        return "\n".join(lines)


def record_counts(records: list[ExtractionRecord]) -> dict:
    """What the build's summary counts in the records (kept in the cache for an unchanged rebuild)."""
    return {"frameworks": dict(Counter(r.framework for r in records)),
            "councils": len({r.subject_authority.code or r.subject_authority.name
                             for r in records if r.subject_authority}),
            "judgements": sum(len(r.judgements) for r in records),
            "recommendations": sum(len(r.recommendations) for r in records)}


class CachedReport:
    """A loaded report of an unchanged rebuild: name, IRI and the digest of its graph at hand;
    the record and triples read from the cache only if asked for (by a store that lacks them)."""

    def __init__(self, name: str, iri: str, digest: str, path: Path, base: str, cache: BuildCache, sha256: str):
        self.name, self.iri, self.digest = name, URIRef(iri), digest
        self._where = (path, base, cache, sha256)
        self._loaded: Loaded | None = None

    def _load(self) -> Loaded:
        if self._loaded is None:
            path, base, cache, sha256 = self._where
            hit = cache.get(self.name, sha256, base)
            self._loaded = hit if isinstance(hit, Loaded) else extract_file(path, base)  # a damaged entry
        return self._loaded

    @property
    def record(self) -> ExtractionRecord:
        return self._load().record

    @property
    def triples(self) -> tuple[ox.Triple, ...]:
        return self._load().triples

    @property
    def ntriples(self) -> str:
        return self._load().ntriples

    @property
    def graph(self) -> Graph:
        return self._load().graph


def build_graph(directory: str | Path, output: str | Path, base: str = DEFAULT_BASE,
                progress: Callable[[str], None] | None = None, *, jobs: int = 1,
                cache: str | Path | None = None, strict: bool = False,
                on_report: Callable[[Progress], None] | None = None,
                meanwhile: Callable[[BuildResult], object] | None = None) -> BuildResult:
    """Build the graph of every report in `directory` and write it to `output` (and .trig, .nq).

    progress gets a message per step ("reading X", "writing Y"); on_report a
    Progress after each report. jobs: worker processes for extraction. cache: a
    directory of what earlier builds extracted (None: no cache). strict: if any
    report cannot be loaded (duplicates aside), raise ReportError and write nothing.
    meanwhile: work on the built reports done while the files are written (skg build
    --store fills the store), given the result; what it returns is result.meanwhile.
    """
    directory, output = Path(directory), Path(output)
    say = progress or (lambda message: None)
    _check_base(base)
    if not directory.is_dir():
        raise ReportError(f"{directory}: no such directory of reports.")
    store = BuildCache(cache) if cache is not None else None
    result = BuildResult(output)
    outcomes: dict[str, Loaded | Skipped] = {}
    started = time.monotonic()

    skipped = 0  # counted as they come: summing over `outcomes` at every report was quadratic

    def done(outcome: Loaded | Skipped, how: str = ""):  # how: "extracted", "cached" or "" (not a report)
        nonlocal skipped
        outcomes[outcome.name] = outcome
        result.cached += how == "cached"
        result.extracted += how == "extracted"
        skipped += isinstance(outcome, Skipped)
        if on_report:
            on_report(Progress(len(outcomes), len(files), skipped, result.cached,
                               time.monotonic() - started, outcome.name))

    files = report_files(directory)
    hashes, unreadable = _hash_files(files, directory, store)
    files_now = {p.name: hashes[p.name] for p in files if p.name in hashes}
    last = store.unchanged(directory, base, files_now, _outputs(output)) if store and not unreadable else None
    if last is not None:  # the same files, program and base as the last build, whose outputs are intact
        result = _unchanged_result(result, last, directory, base, store, files_now, strict)
        result.meanwhile = meanwhile(result) if meanwhile else None  # nothing to write beside it
        return result
    for skip in unreadable:
        done(skip)
    unique, same_bytes = _first_of_each_content(files, hashes)
    for name, kept in same_bytes:
        result.duplicates.append((name, kept))
        done(Skipped(name, f"{name}: the same file as {kept} (identical bytes), which is loaded instead."))
    todo = []
    for path in unique:
        hit = store.get(path.name, hashes[path.name], base) if store else None
        if isinstance(hit, (Loaded, Skipped)) and hit.name == path.name:
            done(hit, "cached")
        else:
            todo.append(path)
    for path in todo:
        say(f"reading {path.name}")
    # the workers write what they extract into the cache themselves: the build process,
    # which collects every report, is then not also the one to pickle each again
    entries = {path.name: store.entry(path.name, hashes[path.name], base) for path in todo} if store else {}
    for outcome in extract_files(todo, base, jobs, entries):
        done(outcome, "extracted")

    by_iri: dict[URIRef, Loaded] = {}
    for name in sorted(outcomes):  # name order, whatever order the workers finished in
        loaded = outcomes[name]
        if isinstance(loaded, Skipped):
            result.skipped.append((loaded.name, loaded.why))
            continue
        if loaded.iri in by_iri:
            kept, dropped = _prefer(by_iri[loaded.iri], loaded)
            result.skipped.append((dropped.name, f"the same report as {kept.name}, which is loaded instead "
                                                 "(the PDF, the original, is preferred)."))
            result.duplicates.append((dropped.name, kept.name))
            loaded = kept
        by_iri[loaded.iri] = loaded
    result.skipped.sort()
    result.duplicates.sort()
    if strict and result.failed:
        lines = "\n".join(f"  {why if why.startswith(name) else f'{name}: {why}'}" for name, why in result.failed)
        raise ReportError(f"--strict: {len(result.failed)} report(s) could not be loaded, "
                          f"so nothing was written:\n{lines}")
    result.reports = [by_iri[iri] for iri in sorted(by_iri)]
    result.loaded = [r.name for r in result.reports]
    result.organisations = len({subject for r in result.reports for subject in r.organisations})

    say(f"writing {output}")
    static = _static_graphs(base) if store is None else _cached_static_graphs(store, base)
    named = [(str(iri), ntriples(triples)) for iri, triples in static]
    named += [(str(report.iri), report.ntriples) for report in result.reports]
    # the files are written (and their triples counted) by a process of their own, while
    # this one does `meanwhile`: skg build --store fills the store beside the writers
    result.writing = forked.start(write_build_files, output, named, base, [r.iri for r in result.reports])
    try:
        result.meanwhile = meanwhile(result) if meanwhile else None
    except BaseException:
        try:
            result.wait_for_files()
        except ReportError:
            pass  # the first error is the one to report
        raise
    result.wait_for_files()
    if store:
        result.removed = store.removed_since(directory, files_now)
        try:
            store.save(directory, base, files_now, _outputs(output), _built_record(result, len(unique)))
        except OSError as exc:
            raise ReportError(f"the graph is written, but the cache {store.directory} could not be "
                              f"updated: {exc.strerror or exc}.") from None
    return result


def _built_record(result: BuildResult, unique: int) -> dict:
    """What an unchanged rebuild returns without reading a report: kept in the cache's manifest."""
    return {"loaded": [[r.name, str(r.iri), r.digest] for r in result.reports],
            "skipped": result.skipped, "duplicates": result.duplicates, "triples": result.triples,
            "graph_triples": result.graph_triples,
            "organisations": result.organisations, "cached": unique,
            "counts": record_counts([r.record for r in result.reports])}


def _cached_static_graphs(cache: BuildCache, base: str) -> tuple:
    graphs = cache.static_graphs(base, _static_graphs)
    _STATIC_FROM_CACHE.setdefault(base, graphs)
    return graphs


def _unchanged_result(result: BuildResult, last: dict, directory: Path, base: str, cache: BuildCache,
                      files: dict[str, str], strict: bool) -> BuildResult:
    """The last build's result, the outputs left as they are (byte for byte what a build writes)."""
    result.skipped = [tuple(pair) for pair in last["skipped"]]
    result.duplicates = [tuple(pair) for pair in last["duplicates"]]
    if strict and result.failed:
        lines = "\n".join(f"  {why if why.startswith(name) else f'{name}: {why}'}" for name, why in result.failed)
        raise ReportError(f"--strict: {len(result.failed)} report(s) could not be loaded, "
                          f"so nothing was written:\n{lines}")
    result.reports = [CachedReport(name, iri, digest, directory / name, base, cache, files[name])
                      for name, iri, digest in last["loaded"]]
    result.loaded = [r.name for r in result.reports]
    result.triples, result.organisations = last["triples"], last["organisations"]
    result.graph_triples = last.get("graph_triples", 0)  # 0: not known (a cache of an older build)
    result.cached, result.counts = last["cached"], last["counts"]
    _cached_static_graphs(cache, base)  # for a store filled next (load_static compares them)
    try:
        cache.save(directory, base, files, None, last)  # drops entries of older programs, as any build
    except OSError:
        pass  # the outputs are right; the cache is tidied next time
    return result


def extract_file(path: Path, base: str) -> Loaded | Skipped:
    """Read, extract and map one report: what each worker does. Never raises."""
    try:
        doc = read_document(path)
        record = extract_document(doc)
        if record.subject_authority is None:  # the graph is organised by council: no council, no place in it
            raise ReportError(f"{path.name}: no council found as the report's subject (none the registers know "
                              "is named in its title or text), so it is left out of the graph.")
        triples = mapping.record_triples(record, doc, base)
        from .texts import keep_text  # the text on the shelf, so its evidence can always be shown
        keep_text(doc)
        text = sorted_ntriples(triples)
        return Loaded(path.name, mapping.report_iri(record, base, doc.digest), record, text,
                      organisations=tuple(_organisations(text)))
    except ReportError as exc:
        return Skipped(path.name, str(exc))
    except Exception as exc:  # noqa: BLE001
        # A bug in one loader or in the mapping must not lose the other reports:
        # the report is skipped with a sentence naming the error, to be reported.
        return Skipped(path.name, f"{path.name}: could not be loaded because of an internal error "
                                  f"({type(exc).__name__}: {exc}); please report it.", internal=True)


def extract_files(paths: list[Path], base: str, jobs: int = 1,
                  entries: dict[str, Path] | None = None) -> Iterator[Loaded | Skipped]:
    """extract_file for each path, in `jobs` processes; in the order they finish.
    entries: file name -> the cache entry to keep the outcome in (build_cache.keep)."""
    entries = entries or {}
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield extract_and_keep(path, base, entries.get(path.name))
        return
    # the biggest first, so a long PDF does not start last and keep the others waiting
    paths = sorted(paths, key=lambda p: (-_size(p), p.name))
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = {pool.submit(extract_and_keep, path, base, entries.get(path.name)): path for path in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool as exc:  # a worker was killed (out of memory, say)
                name = futures[future].name
                yield Skipped(name, f"{name}: the process extracting it stopped ({exc}); "
                                    "try again with --jobs 1.", internal=True)


def extract_and_keep(path: Path, base: str, entry: Path | None) -> Loaded | Skipped:
    """extract_file, its outcome kept in the cache entry `entry` if given (a bug's is not:
    a fix is picked up next time). A cache that cannot be written costs a re-extraction, no more."""
    outcome = extract_file(path, base)
    if entry is not None and not (isinstance(outcome, Skipped) and outcome.internal):
        from .build_cache import keep
        try:
            keep(entry, outcome)
        except OSError:
            pass
    return outcome


def _hash_files(files: list[Path], directory: Path, cache: BuildCache | None) -> tuple[dict[str, str], list[Skipped]]:
    """File name -> sha256 of its bytes, and the files that could not be read at all. With a
    cache, a file unchanged since the last build (size and modification time) is not read."""
    hashes, unreadable = {}, []
    for path in files:
        try:
            hashes[path.name] = cache.file_sha256(directory, path) if cache else file_sha256(path)
        except OSError as exc:
            unreadable.append(Skipped(path.name, f"{path.name}: the file could not be read "
                                                 f"({exc.strerror or exc})."))
    return hashes, unreadable


def _first_of_each_content(files: list[Path], hashes: dict[str, str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files to extract (the first name of each content), and (duplicate, first) pairs."""
    first: dict[tuple[str, str], str] = {}
    unique, duplicates = [], []
    for path in files:
        if path.name not in hashes:
            continue
        key = (hashes[path.name], path.suffix.lower())  # the same bytes read as another type could differ
        if key in first:
            duplicates.append((path.name, first[key]))
        else:
            first[key] = path.name
            unique.append(path)
    return unique, duplicates


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _write_all(output: Path, union: set, named: dict, description: tuple):
    """write_graph_files from pyoxigraph triples (skg dump reads them from the store)."""
    write_graph_files(output, sorted(f"{t} .\n" for t in union),
                      [(str(iri), ntriples(triples)) for iri, triples in named.items()], ntriples(description))


def sorted_union(texts, lines: list[str] = ()) -> list[str]:
    """The distinct N-Triples lines of sorted N-Triples texts (and of sorted `lines`), sorted:
    their union, as text. Each graph's text is sorted already, and Python's sort merges
    such runs: half a second for 4 million lines, against 6 s for the lines of a set."""
    every = list(lines)
    for text in texts:
        every.extend(text.splitlines(keepends=True))
    every.sort()
    # the duplicates, now side by side, dropped by comparing neighbours: no hash of every line
    return [line for line, _ in groupby(every)]


def write_build_files(output: Path, named: list[tuple[str, str]], base: str,
                      reports: list[URIRef]) -> tuple[int, int]:
    """A build's graph files: its graphs, and the description of the dataset (which states
    how many distinct triples they hold). Returns that number and the Turtle file's."""
    union = sorted_union(text for _, text in named)
    graph_triples = len(union)
    description = ntriples(_sorted_triples(mapping.dataset_graph(base, reports, graph_triples)))
    union = sorted_union([description], union)
    write_graph_files(output, union, named, description)
    return graph_triples, len(union)


def write_graph_files(output: Path, union: list[str], named: list[tuple[str, str]], description: str):
    """The Turtle union, and N-Quads and TriG with one named graph per report.

    union: the distinct N-Triples lines of every graph and the description, sorted; named:
    (graph IRI, its sorted N-Triples text) in the order the files list them;
    description: the default graph's sorted N-Triples text. Lines sort as their
    triples do (a line is the triple's text and " ."), so the files are the same
    bytes as serialising sorted pyoxigraph triples, without making 4 million of them
    in Python first: Oxigraph parses the text (TriG's from the N-Quads file just
    written) and its writers write straight to the files. Turtle and TriG are each
    written by a process of their own (forked.py) while this one writes N-Quads: at
    10,000 reports writing Turtle takes 13 s, N-Quads 6 s, TriG 9 s. Oxigraph parses
    them leniently (lenient=True: no IRI checked again): every line is its own writing
    of terms it checked when they were made, and the checks were a fifth of the parse.
    """
    turtle, trig, nquads = _outputs(output)
    waits = [forked.start(write_turtle, union, turtle)]
    try:
        with atomic_path(nquads) as temp:
            with open(temp, "w", encoding="utf-8", newline="") as out:
                for iri, text in named:
                    out.write(in_graph(text, iri))
                out.write(description)
        waits.append(forked.start(write_trig, nquads, trig))
    except BaseException:
        try:
            _wait_all(waits)  # the writers finish before this error is reported
        except OSError:
            pass  # the first error is the one to report
        raise
    _wait_all(waits)


def _wait_all(waits: list[Callable[[], object]]):
    """Wait for every writer, then raise the first one's error."""
    errors = []
    for wait in waits:
        try:
            wait()
        except OSError as exc:
            errors.append(exc)
    if errors:
        raise errors[0]


def write_turtle(union: list[str], turtle: Path):
    """graph.ttl from the union's sorted N-Triples lines, by Oxigraph's Turtle writer (atomically)."""
    with atomic_path(turtle) as temp:
        lines = io.BufferedReader(_LinesReader(union), 1 << 20)
        ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES, lenient=True), temp,
                     format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


class _LinesReader(io.RawIOBase):
    """A list of text lines read as one UTF-8 file, a few thousand lines at a time: joining
    four million lines into one string, then its bytes, was 2.4 GB of fresh memory at
    10,000 reports, and the machine's time went on clearing those pages."""

    def __init__(self, lines: list[str], step: int = 10_000):
        self.lines, self.step, self.at, self.left = lines, step, 0, memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.left:
            if self.at >= len(self.lines):
                return 0
            self.left = memoryview("".join(self.lines[self.at:self.at + self.step]).encode("utf-8"))
            self.at += self.step
        size = min(len(buffer), len(self.left))
        buffer[:size], self.left = self.left[:size], self.left[size:]
        return size


def write_trig(nquads: Path, trig: Path):
    """graph.trig from graph.nq, by Oxigraph's parser and TriG writer (the file written atomically)."""
    with atomic_path(trig) as temp:
        ox.serialize(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS, lenient=True), temp,
                     format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def _organisations(text: str) -> list[str]:
    """The subjects typed org:Organization in a graph's sorted N-Triples text (as <IRI>), in order."""
    found, at = [], text.find(_ORGANISATION_TAIL)
    while at != -1:  # str.find, not a regular expression tried at every line: a tenth of the time
        found.append(text[text.rfind("\n", 0, at) + 1:at])
        at = text.find(_ORGANISATION_TAIL, at + len(_ORGANISATION_TAIL))
    return found


_ORGANISATION_TAIL = f" <{RDF.type}> <{ORG.Organization}> .\n"


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
    """One report, or None with (name, why) added to `skipped`: for the store's single loads."""
    outcome = extract_file(path, base)
    if isinstance(outcome, Skipped):
        skipped.append((outcome.name, outcome.why))
        return None
    return outcome


def _prefer(first: Loaded, second: Loaded) -> tuple[Loaded, Loaded]:
    """(kept, dropped) of two files with the same report: the PDF, else the first by name."""
    if second.name.lower().endswith(".pdf") and not first.name.lower().endswith(".pdf"):
        return second, first
    return first, second


_STATIC_FROM_CACHE: dict[str, tuple] = {}  # base -> the static graphs a build took from its cache


@lru_cache(maxsize=4)
def _static_graphs(base: str) -> tuple[tuple[URIRef, tuple[ox.Triple, ...]], ...]:
    """The ontology and reference graphs, converted once per base (tests build many times).

    A build with a cache has read them from it already (BuildCache.static_graphs): the
    store's load_static then takes that copy rather than parsing the ontology again."""
    if base in _STATIC_FROM_CACHE:
        return _STATIC_FROM_CACHE[base]
    return ((mapping.graph_iri("ontology", base), _sorted_triples(ontology_graph())),
            (mapping.graph_iri("reference", base), _sorted_triples(mapping.reference_graph(base))))


def _outputs(output: Path) -> tuple[Path, Path, Path]:
    return output, output.with_suffix(".trig"), output.with_suffix(".nq")


def _sorted_triples(graph) -> tuple[ox.Triple, ...]:
    """The graph's triples (a Graph or any iterable of rdflib triples) as pyoxigraph triples,
    in N-Triples text order: the same every run.

    In that order a subject's triples are together, so the Turtle and TriG
    writers can group them.
    """
    return tuple(sorted((ox.Triple(_convert(s), _convert(p), _convert(o)) for s, p, o in graph), key=str))


def sorted_ntriples(triples) -> str:
    """ntriples(_sorted_triples(triples)) without a pyoxigraph Triple per triple: each term
    converted once per call (a report repeats its IRIs and predicates), the lines sorted."""
    text_of: dict = {}

    def term(node) -> str:
        text = text_of.get(node)
        if text is None:
            text = text_of[node] = str(_convert(node))
        return text

    return "".join(sorted([f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples]))


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


def _to_rdflib(node):
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == XSD_STRING:
            return Literal(node.value)  # rdflib keeps plain and xsd:string literals apart; the graph has plain
        return Literal(node.value, datatype=URIRef(node.datatype.value))
    raise ValueError(f"a blank node reached the build: {node!r}")
