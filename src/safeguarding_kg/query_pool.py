"""SPARQL queries in worker processes that can be stopped: the time and size limits of `skg serve`.

pyoxigraph cannot cancel a running query from Python (the query runs in Rust; no
timeout option, no interrupt), so a query that runs too long is stopped by
killing the process that runs it. Each worker is a process of its own with the
store opened read-only; a request borrows an idle worker, sends it the query and
waits for the answer at most `timeout` seconds. Past that the worker is killed,
a fresh one takes its place, and the request gets QueryTimeout. The worker counts
rows (or triples) as it reads them and gives up past `max_rows` (ResultTooLarge),
so a huge answer is neither built nor sent.

Page rendering does not go through here: pages run the project's own bounded
queries in the server's process.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass

from .errors import ReportError

# How long a new worker may take to start (import pyoxigraph, open the store).
START_SECONDS = 60.0


class QueryFailed(ReportError):
    """A query the endpoint cannot answer; .status is the HTTP status, str() the sentence."""

    status = 400


class QueryTimeout(QueryFailed):
    status = 503


class ResultTooLarge(QueryFailed):
    status = 413


class Busy(QueryFailed):
    status = 503


@dataclass
class Answer:
    media_type: str
    body: bytes
    kind: str  # "rows", "boolean" or "triples"


# -- the worker process ------------------------------------------------------------------------

def _serve(store_path: str, connection) -> None:
    """The worker's loop: open the store read-only, say ready, answer queries until the pipe closes."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path) if store_path else ox.Store()
    except OSError as exc:
        connection.send(("error", 500, f"the store {store_path} could not be opened ({exc})."))
        return
    connection.send(("ready",))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):  # the server went away
            return
        try:
            connection.send(_answer(store, **request))
        except BaseException as exc:  # noqa: BLE001 - a panic in the engine must not end the worker silently
            connection.send(("error", 500, f"the query failed inside the store ({type(exc).__name__}: {exc})."))


def _answer(store, query: str, accept: str | None, fmt: str | None, max_rows: int,
            default_graph: list[str], named_graphs: list[str]):
    import pyoxigraph as ox

    from .conneg import RDF_TYPES, RESULT_TYPES, choose, from_format, serialize_rdf
    from .vocab import PREFIXES

    options = {}
    if default_graph:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if not options:
        query = _narrowed(store, query)
    try:
        result = store.query(query, **options)
    except SyntaxError as exc:
        return ("error", 400, f"the query is not valid SPARQL: {exc}")
    except (ValueError, OSError) as exc:
        return ("error", 400, f"the query could not be run: {exc}")
    if isinstance(result, ox.QueryTriples):
        media = (from_format(fmt, for_rdf=True)
                 or choose(accept, list(RDF_TYPES), default="text/turtle") or "text/turtle")
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > max_rows:
                return ("error", 413, _too_many(max_rows, "triples"))
        return ("ok", media, serialize_rdf(triples, media, PREFIXES), "triples")
    media = (from_format(fmt, for_rdf=False)
             or choose(accept, list(RESULT_TYPES), default="application/sparql-results+json")
             or "application/sparql-results+json")
    if isinstance(result, ox.QueryBoolean):
        if media not in ("application/sparql-results+json", "application/sparql-results+xml"):
            media = "application/sparql-results+json"  # CSV and TSV have no boolean form
        return ("ok", media, result.serialize(format=RESULT_TYPES[media]), "boolean")
    rows = []
    variables = result.variables
    for solution in result:
        rows.append(solution)
        if len(rows) > max_rows:
            return ("error", 413, _too_many(max_rows, "rows"))
    return ("ok", media, _serialize_rows(variables, rows, RESULT_TYPES[media]), "rows")


def _narrowed(store, query: str) -> str:
    """The query with an authority's or partner's name narrowed to its one IRI, as a named query
    run by skg would be (inline.narrowed_text: the same answer, from the organisation instead of
    every report; at 10,000 reports seconds become milliseconds). Only on the whole store, and
    where, as in a store skg fills, the default graph (the dataset's description) names no
    organisation: the organisations and their names are looked up in the named graphs."""
    import pyoxigraph as ox

    from .inline import NAMING_PREDICATES, narrowed_text

    try:
        for predicate in NAMING_PREDICATES:
            if next(iter(store.quads_for_pattern(None, predicate, None, ox.DefaultGraph())), None) is not None:
                return query
        return narrowed_text(store, query)
    except Exception:  # noqa: BLE001 - a query the narrowing cannot read is run as it came
        return query


def _too_many(limit: int, what: str) -> str:
    return (f"the answer has more than {limit:,} {what}, the limit of this endpoint; "
            "add a LIMIT (and OFFSET to page through it) or narrow the query.")


def _serialize_rows(variables, rows, fmt) -> bytes:
    """Rows already read, written as SPARQL results by pyoxigraph (through its JSON reader)."""
    import json

    import pyoxigraph as ox

    from .sparql import _term_json

    names = [v.value for v in variables]
    data = json.dumps({"head": {"vars": names}, "results": {"bindings": [
        {n: _term_json(row[n]) for n in names if row[n] is not None} for row in rows]}},
        ensure_ascii=False).encode("utf-8")
    if fmt == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


# -- the pool, in the server ---------------------------------------------------------------------

class _Worker:
    def __init__(self, store_path: str):
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(store_path, child), daemon=True,
                                       name="skg-query-worker")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self):
        if self.ready:
            return
        if not self.connection.poll(START_SECONDS):
            raise QueryFailed("a query worker did not start in time; try again.")
        message = self.connection.recv()
        if message[0] != "ready":
            raise QueryFailed(message[2])
        self.ready = True

    def ask(self, request: dict, timeout: float):
        self.connection.send(request)
        if not self.connection.poll(timeout):
            raise QueryTimeout(f"the query ran longer than this endpoint's limit of {timeout:g} seconds "
                               "and was stopped; narrow it (fewer joins, a LIMIT) and try again.")
        return self.connection.recv()

    def stop(self):
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryPool:
    """`size` worker processes answering SPARQL queries with a time limit and a row limit."""

    def __init__(self, store_path: str, size: int = 2, timeout: float = 30.0, max_rows: int = 10000):
        self.store_path, self.timeout, self.max_rows = str(store_path), timeout, max_rows
        self._idle: queue.Queue = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._new_worker())

    def _new_worker(self) -> _Worker:
        worker = _Worker(self.store_path)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
        return self._new_worker()

    def run(self, query: str, accept: str | None = None, fmt: str | None = None,
            default_graph: list[str] = (), named_graphs: list[str] = ()) -> Answer:
        """Answer one query; raises QueryFailed (QueryTimeout, ResultTooLarge, Busy) with a sentence."""
        if self._closed:
            raise Busy("the server is shutting down.")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"every query worker stayed busy for {self.timeout:g} seconds; try again shortly.") from None
        request = dict(query=query, accept=accept, fmt=fmt, max_rows=self.max_rows,
                       default_graph=list(default_graph), named_graphs=list(named_graphs))
        try:
            worker.wait_ready()
            message = worker.ask(request, self.timeout)  # the wait for a worker is not counted
        except QueryFailed:
            worker = self._replace(worker)  # killed mid-query, or never started: a fresh one
            raise
        except (EOFError, OSError, BrokenPipeError):
            worker = self._replace(worker)
            raise QueryFailed("the query worker stopped while answering (out of memory?); "
                              "narrow the query and try again.") from None
        finally:
            if not self._closed:
                self._idle.put(worker)
        if message[0] == "error":
            error = {413: ResultTooLarge, 503: QueryTimeout}.get(message[1], QueryFailed)(message[2])
            error.status = message[1]
            raise error
        return Answer(media_type=message[1], body=message[2], kind=message[3])

    def close(self):
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
