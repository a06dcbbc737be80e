"""The on-disk store: one pyoxigraph store that builds and loads fill and queries read.

The store holds the same named graphs as graph.trig: one per report (named by
mapping.report_iri), the reference graph and the ontology graph, and the
dataset description in the default graph. Beside them, a small manifest graph
({base}/graph/manifest) records for every graph it manages:

    <graph> store:contentHash "sha256 of the graph's sorted N-Triples" ;
            store:sourceFile  "the report's file name" .      # reports only

so the state lives in the store itself. A report is "unchanged" when its graph
hashes the same (the file is read and extracted every time, so a newer
extractor's graph replaces an older one). A changed report replaces its named
graph, and nothing else, in one SPARQL update (pyoxigraph runs an update as one
transaction: all of it or none of it).

    with open_store() as store:           # $SKG_STORE, else the user's data directory
        store.load_static()
        store.load_report("reports/essex_2023-08-11_childrens-services-inspection.pdf")
        store.stats()
"""
from __future__ import annotations

import secrets
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import VOID

from . import mapping
from .build import _check_base, _load, _sorted_triples, _static_graphs, ntriples, text_digest
from .config import DEFAULT_BASE, default_base, default_store_path  # noqa: F401 (re-exported)
from .errors import ReportError
from .manifest_terms import CONTENT_HASH, DESCRIBED, GENERATION, SOURCE_FILE, STORE_NS  # noqa: F401
from .vocab import PREFIXES

def generation_of(store: ox.Store) -> str | None:
    """A store's generation, if skg wrote it (only the manifest graph has the predicate)."""
    return next((q.object.value for q in store.quads_for_pattern(None, GENERATION, None, None)), None)


class DuplicateReport(ReportError):
    """The same report (the same IRI) is already loaded from a preferred file."""


def open_store(path: str | Path | None = None, base: str | None = None,
               read_only: bool = False) -> "SkgStore":
    """Open (creating it if needed) the store at `path`.

    path None means config.default_store_path() ($SKG_STORE, the config file's
    store, else the user's data directory); base None means config.default_base().

    One process at a time may open a store for writing. read_only=True opens an
    existing store without its lock, for reading only, and only while no other
    process writes it (pyoxigraph leaves that case undefined).
    """
    return SkgStore(default_store_path() if path is None else Path(path),
                    default_base() if base is None else base, read_only)


class SkgStore:
    """A pyoxigraph store on disk plus the bookkeeping of which report is in which graph."""

    def __init__(self, path: Path, base: str = DEFAULT_BASE, read_only: bool = False):
        _check_base(base)
        self.path, self.base = Path(path), base
        self.manifest = ox.NamedNode(str(mapping.graph_iri("manifest", base)))
        self._ro = read_only
        self.store = _open(self.path, read_only)
        self._static_checked: set[str] = set()  # bases whose static graphs load_static has put
        self._forget_changes()

    # -- plumbing -----------------------------------------------------------------------------
    def close(self):
        """Write everything to disk and let go of the store (and its lock)."""
        if self.store is not None:
            if not self._ro:
                self.store.flush()
            self.store = None

    def __enter__(self) -> "SkgStore":
        return self

    def __exit__(self, *exc):
        self.close()

    def query(self, name_or_text: str, **params):
        """Run a named query (see `skg queries`), a .rq file or SPARQL text, with its parameters.

        Returns Rows for SELECT (plain values per row; .to_pandas() for a DataFrame),
        Triples for CONSTRUCT and DESCRIBE, a bool for ASK. Raw pyoxigraph access
        stays at `self.store.query(...)`.
        """
        from .sparql import run

        return run(self, name_or_text, **params)

    # -- the manifest -------------------------------------------------------------------------
    def managed(self) -> dict[str, dict]:
        """Every graph the manifest knows: IRI -> {"hash": ..., "source": file name or None}."""
        graphs: dict[str, dict] = {}
        # by predicate: the manifest graph also holds the summary of latest judgements (summary_graph.py)
        for quad in self.store.quads_for_pattern(None, CONTENT_HASH, None, self.manifest):
            graphs.setdefault(quad.subject.value, {"hash": None, "source": None})["hash"] = quad.object.value
        for quad in self.store.quads_for_pattern(None, SOURCE_FILE, None, self.manifest):
            graphs.setdefault(quad.subject.value, {"hash": None, "source": None})["source"] = quad.object.value
        return graphs

    def generation(self) -> str | None:
        """The manifest's random value of the store's last change (describe), if it has one."""
        return generation_of(self.store)

    def reports(self) -> dict[str, str]:
        """The report graphs: IRI -> the file they were loaded from."""
        return {iri: e["source"] for iri, e in sorted(self.managed().items()) if e["source"]}

    # -- writing ------------------------------------------------------------------------------
    def load_report(self, path: str | Path, describe: bool = True) -> str:
        """Extract one report into its named graph: "added", "replaced" or "unchanged".

        Raises ReportError (a sentence) for a report that cannot be read, and
        DuplicateReport when the same report is loaded from its PDF already.
        describe=False: the caller loads several and calls describe() after the last.
        """
        skipped: list[tuple[str, str]] = []
        loaded = _load(Path(path), self.base, skipped)
        if loaded is None:
            raise ReportError(skipped[0][1])
        self.load_static()  # the vocabulary and registers every query joins with
        status = self.put_report(str(loaded.iri), loaded, loaded.name)  # already sorted by the build
        if status != "unchanged" and describe:
            self.describe()
        return status

    def put_report(self, iri: str, triples, source: str) -> str:
        """Put one report's triples in graph `iri`, unless the same content is there already.

        Also drops the graph this file was loaded into before, if its IRI changed
        (a newer extractor found another date, say): one file, one graph.
        """
        return self._put(self.managed(), iri, triples, source)

    def _put(self, managed: dict, iri: str, triples, source: str, added: list | None = None,
             graphs_of: dict[str, set] | None = None) -> str:
        """put_report against a manifest read once (updated here); with `added`, a new graph is
        appended there (iri, N-Triples text, digest, source) for _add_new rather than written at once.
        `triples` may be a built report (build.Loaded or CachedReport): its text is read only
        if its graph is not in the store already. graphs_of: the manifest's graphs by source
        file (_graphs_by_source, updated here), if the caller puts many reports: looking
        through the whole manifest for each was 6 s of a 10,000-report fill."""
        graphs_of = _graphs_by_source(managed) if graphs_of is None else graphs_of
        raw = isinstance(triples, (tuple, list))
        digest = _hash(triples) if raw else _digest(triples)
        now = managed.get(iri)
        if now and now["source"] and now["source"] != source and _prefer_first(now["source"], source):
            raise DuplicateReport(f"{source}: the same report as {now['source']}, which stays loaded "
                                  "(the PDF, the original, is preferred).")
        if now and now["hash"] == digest and now["source"] == source:
            return "unchanged"
        text = ntriples(triples) if raw else triples.ntriples
        stale = sorted(g for g in graphs_of.get(source, ()) if g != iri)
        for graph in stale:
            del managed[graph]
        if now and now["source"] in graphs_of:  # the graph came from another file until now
            graphs_of[now["source"]].discard(iri)
        graphs_of[source] = {iri}
        managed[iri] = {"hash": digest, "source": source}
        if added is not None and not now and not stale:
            added.append((iri, text, digest, source))
            return "added"
        self._replace(iri, text, digest, source, drop=stale)
        return "replaced" if now or stale else "added"

    def put_built(self, reports, graph_triples: int | Callable[[], int] | None = None) -> Counter:
        """The reports of a build (build.Loaded, duplicates already resolved), with the static graphs.

        Returns how many were added, replaced and unchanged. Reports in the store
        that the build did not have stay: `skg remove` drops one. graph_triples: the
        build's count of distinct triples in its graphs (BuildResult.graph_triples),
        which the dataset description states; used when the store holds just the
        build's graphs, else the store counts them (a scan of every quad). It may be a
        function giving the count, called at the end (BuildResult.wait_for_files: the
        build counts them while it writes its files, beside this).
        """
        managed, added = self.managed(), []  # the manifest read once, not once per report (or per step)
        static_written = self.load_static(managed=managed, describe=False)
        graphs_of = _graphs_by_source(managed)
        counts: Counter = Counter()
        built = set()
        for loaded in reports:
            try:
                counts[self._put(managed, str(loaded.iri), loaded, loaded.name, added, graphs_of)] += 1
                built.add(str(loaded.iri))
            except DuplicateReport:
                counts["skipped"] += 1
            if len(added) >= 200:
                self._add_new(added)
        self._add_new(added)
        in_store = {iri for iri, entry in managed.items() if entry["source"]}
        if counts["added"] or counts["replaced"] or static_written or not self._derived_current():
            if callable(graph_triples):
                graph_triples = graph_triples()
            self.describe(graph_triples if graph_triples and in_store == built else None)
        counts["in the store"] = len(in_store)
        return counts

    def _derived_current(self) -> bool:
        """False for a store filled by an older skg, without a generation or without what
        summary_graph.refresh keeps now: describe() brings it up to date though no report changed."""
        from .summary_graph import is_current

        return bool(self.generation()) and is_current(self.store, self.base)

    def load_static(self, base: str | None = None, managed: dict | None = None, describe: bool = True) -> list[str]:
        """Put the ontology and reference graphs if absent or changed; the IRIs written.
        `managed`: the manifest as managed() read it, if the caller has it already;
        describe=False: the caller describes the store after its own changes."""
        base = base or self.base
        if base in self._static_checked:  # by this process, which holds the store's lock
            return []
        managed, written = managed if managed is not None else self.managed(), []
        for iri, triples in _static_graphs(base):
            digest = _hash(triples)
            if managed.get(str(iri), {}).get("hash") != digest:
                self._replace(str(iri), ntriples(triples), digest, None)
                managed[str(iri)] = {"hash": digest, "source": None}
                written.append(str(iri))
        self._static_checked.add(base)
        if written and describe:
            self.describe()
        return written

    def remove_report(self, name_or_iri: str | Path) -> bool:
        """Drop one report's graph, named by its IRI or its file's name; False if none matched."""
        key = str(name_or_iri)
        reports = self.reports()
        iri = key if key in reports else next((g for g, source in reports.items()
                                               if source in (key, Path(key).name)), None)
        if iri is None:
            return False
        node = f"<{iri}>"
        with self._changing([iri]):
            self.store.update(f"DROP SILENT GRAPH {node} ;\n"
                              f"DELETE WHERE {{ GRAPH <{self.manifest.value}> {{ {node} ?p ?o }} }}")
        self.describe()
        return True

    def describe(self, graph_triples: int | None = None):
        """Rewrite the dataset description (the default graph) as the build writes it, the
        store's summary of latest judgements (summary_graph.py) and its generation: called
        after every change. graph_triples: the distinct triples of the named graphs, if
        the caller knows (else counted: a scan of every quad, seconds at national scale)."""
        from .summary_graph import refresh

        managed = self.managed()
        if graph_triples is None and self._count_before is not None and self._count_change is not None:
            graph_triples = self._count_before + self._count_change  # no scan: see _changing
        touched = self._touched if self._changed else None  # None: the whole summary found again
        if graph_triples is None:
            graph_triples = int(next(iter(self.store.query(
                "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(?g != <{self.manifest.value}>) }} }}")))["n"].value)
        reports = [URIRef(iri) for iri in sorted(managed) if managed[iri]["source"]]
        description = _sorted_triples(mapping.dataset_graph(self.base, reports, graph_triples))
        self.store.update("CLEAR SILENT DEFAULT ;\nINSERT DATA {\n" + ntriples(description) + "}")
        refresh(self.store, self.base, touched)  # the summary of latest judgements follows every change
        manifest = f"<{self.manifest.value}>"
        self.store.update(f"DELETE WHERE {{ GRAPH {manifest} {{ {manifest} <{GENERATION.value}> ?g }} }} ;\n"
                          f"DELETE WHERE {{ GRAPH {manifest} {{ {manifest} <{DESCRIBED.value}> ?d }} }} ;\n"
                          f"INSERT DATA {{ GRAPH {manifest} {{ {manifest} <{GENERATION.value}> "
                          f"\"{secrets.token_hex(16)}\" . {manifest} <{DESCRIBED.value}> true }} }}")
        self._forget_changes()  # the store states them again

    def _replace(self, iri: str, text: str, digest: str, source: str | None, drop: list[str] = ()):
        """One update, so one transaction: the old graph(s) and their entries out, the new in
        (text: the graph's N-Triples, which is also INSERT DATA syntax)."""
        manifest = f"<{self.manifest.value}>"
        steps = []
        for graph in [iri, *drop]:
            steps += [f"DROP SILENT GRAPH <{graph}>",
                      f"DELETE WHERE {{ GRAPH {manifest} {{ <{graph}> ?p ?o }} }}"]
        entry = [ox.Triple(ox.NamedNode(iri), CONTENT_HASH, ox.Literal(digest))]
        if source:
            entry.append(ox.Triple(ox.NamedNode(iri), SOURCE_FILE, ox.Literal(source)))
        steps.append(f"INSERT DATA {{\nGRAPH <{iri}> {{\n{text}}}\n"
                     f"GRAPH {manifest} {{\n{ntriples(entry)}}}\n}}")
        with self._changing([iri, *drop]):
            self.store.update(" ;\n".join(steps))

    def _add_new(self, added: list):
        """Graphs not in the store yet, then their manifest entries (then `added` is empty).

        The graphs go in through Oxigraph's bulk loader as TriG text (Store.bulk_load:
        parsed in Rust, with no Python object per quad; a transaction, Store.extend, is
        about four times as slow), their manifest entries follow in one transaction.
        Each graph is its N-Triples lines in a TriG block, parsed leniently (no IRI
        checked again): the text is Oxigraph's own writing of terms it checked when they
        were made. At 10,000 reports that is a quarter less work than strict N-Quads.
        A graph counts as in the store only once its entry is there: a build stopped
        between the two leaves a graph without an entry, which the next build clears
        before adding it again.
        """
        quads, entries = [], []
        if added:
            self._first_change()
            # many graphs at once: put_built gives the count, or describe counts; the whole summary
            self._count_change = self._touched = None
        for iri, text, digest, source in added:
            graph = ox.NamedNode(iri)
            if self.store.contains_named_graph(graph):  # left by a build that stopped part way
                self.store.remove_graph(graph)
            quads.append(f"<{iri}> {{\n{text}}}\n")
            entries.append(ox.Quad(graph, CONTENT_HASH, ox.Literal(digest), self.manifest))
            entries.append(ox.Quad(graph, SOURCE_FILE, ox.Literal(source), self.manifest))
        if quads:
            self.store.bulk_load(input="".join(quads), format=ox.RdfFormat.TRIG, lenient=True)
        if entries:
            self.store.extend(entries)
        added.clear()

    # -- the description's count of distinct triples ---------------------------------------------
    @contextmanager
    def _changing(self, graphs: list[str]):
        """Around a change that replaces, drops or adds `graphs`: what describe() needs to
        bring the store's description and summary up to date without reading every report
        (seconds at 10,000 reports, for one changed report).

        The description's count of distinct triples (void:triples: those in every graph but
        the manifest) moves by what the changed graph held that no other graph does, before
        and after: exact when at most one of `graphs` exists before and after (a report
        replaced, moved to a new IRI, dropped or added), else describe counts them all.
        The summary of latest judgements changes only for the authorities the graphs are
        about, before and after (summary_graph.refresh)."""
        from .summary_graph import authorities_of

        self._first_change()
        before = [g for g in graphs if self.store.contains_named_graph(ox.NamedNode(g))]
        lost = self._held_alone(before[0]) if len(before) == 1 and self._count_change is not None else 0
        if len(before) > 1:
            self._count_change = None
        if self._touched is not None:
            self._touched.update(*(authorities_of(self.store, g) for g in before))
        yield
        after = [g for g in graphs if self.store.contains_named_graph(ox.NamedNode(g))]
        if len(after) > 1:
            self._count_change = None
        if self._count_change is not None:
            self._count_change += (self._held_alone(after[0]) if after else 0) - lost
        if self._touched is not None:
            self._touched.update(*(authorities_of(self.store, g) for g in after))

    def _first_change(self):
        """Before this process's first change since its last describe(): note the count the
        description states and whether the summary is right (the DESCRIBED mark), then take
        both out of the store, so a process stopped before its describe() leaves nothing
        stale for the next one to build on (its describe then reads the whole store)."""
        if self._changed:
            return
        self._changed = True
        stated = list(self.store.quads_for_pattern(None, VOID_TRIPLES, None, ox.DefaultGraph()))
        marks = list(self.store.quads_for_pattern(self.manifest, DESCRIBED, None, self.manifest))
        if len(stated) == 1 and marks:
            self._count_before, self._count_change = int(stated[0].object.value), 0
        self._touched = set() if marks else None
        for quad in stated + marks:
            self.store.remove(quad)

    def _forget_changes(self):
        self._changed = False  # since the last describe(), in this process
        # the distinct triples the description stated before the first change, how the changes
        # moved that number, and the authorities whose reports changed (None: not known)
        self._count_before: int | None = None
        self._count_change: int | None = None
        self._touched: set[str] | None = None

    def _held_alone(self, graph: str) -> int:
        """How many of the graph's triples no other counted graph holds."""
        node, alone = ox.NamedNode(graph), 0
        for quad in self.store.quads_for_pattern(None, None, None, node):
            alone += not any(other.graph_name not in (node, self.manifest) and other.graph_name != ox.DefaultGraph()
                             for other in self.store.quads_for_pattern(quad.subject, quad.predicate, quad.object))
        return alone

    # -- reading ------------------------------------------------------------------------------
    def stats(self) -> dict:
        """Counts: things in the report graphs by class, and per report its triples and findings."""
        reports = self.reports()
        by_graph_class: Counter = Counter()
        triples: Counter = Counter()
        for row in self.store.query(
                "SELECT ?g ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c } } GROUP BY ?g ?c"):
            by_graph_class[row["g"].value, curie(row["c"].value)] += int(row["n"].value)
        for row in self.store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            triples[row["g"].value] = int(row["n"].value)
        classes: Counter = Counter()
        for row in self.store.query(
                "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c } "
                f"VALUES ?g {{ {' '.join(f'<{g}>' for g in reports)} }} }} GROUP BY ?c"):
            classes[curie(row["c"].value)] = int(row["n"].value)
        per_report = [{"report": iri, "source": source, "triples": triples[iri],
                       "judgements": by_graph_class[iri, "skg:Judgement"],
                       "recommendations": by_graph_class[iri, "skg:Recommendation"],
                       "organisations": by_graph_class[iri, "org:Organization"]}
                      for iri, source in reports.items()]
        return {"store": str(self.path), "reports": len(reports), "quads": len(self.store),
                "classes": dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
                "per_report": per_report}


VOID_TRIPLES = ox.NamedNode(str(VOID.triples))


def curie(iri: str) -> str:
    """skg:Judgement for the full IRI, where a known prefix fits."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _graphs_by_source(managed: dict[str, dict]) -> dict[str, set]:
    """The manifest's report graphs by the file each came from."""
    graphs: dict[str, set] = {}
    for iri, entry in managed.items():
        if entry["source"]:
            graphs.setdefault(entry["source"], set()).add(iri)
    return graphs


def _prefer_first(first: str, second: str) -> bool:
    """True if a report loaded from `first` should stay rather than be replaced by `second`."""
    return first.lower().endswith(".pdf") and not second.lower().endswith(".pdf")


def _hash(triples) -> str:
    """The content hash of sorted triples: build.text_digest of their N-Triples text."""
    return text_digest(ntriples(triples))


graph_digest = _hash  # the manifest's content hash of a graph's sorted triples, for build.py


def _digest(loaded) -> str:
    """A built report's content hash: kept by an unchanged rebuild (build.CachedReport), else computed."""
    return getattr(loaded, "digest", None) or text_digest(loaded.ntriples)


def _open(path: Path, read_only: bool) -> ox.Store:
    if path.exists() and not path.is_dir():
        raise ReportError(f"{path}: is a file, not a store directory; give --store a directory.")
    try:
        if read_only:
            if not path.is_dir():
                raise ReportError(f"{path}: no store there; fill one with `skg build DIR --store {path}`.")
            return ox.Store.read_only(str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise ReportError(f"{path}: the store is open in another process (or another open_store "
                              "in this one); close it first, or give --store another path.") from None
        raise ReportError(f"{path}: the store could not be opened ({text}).") from None
