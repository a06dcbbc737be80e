"""`skg serve`: a WSGI app over the store, run by waitress on loopback.

    /                        the index page
    /id/{path}               303 See Other to /doc/{path} (the UK URI pattern)
    /doc/{path}[.ext]        the resource: HTML, Turtle, JSON-LD, N-Triples or RDF/XML by
                             Accept, ?format= or the extension (.html .ttl .jsonld .nt .rdf)
    /def/ and /def/{term}    the vocabulary's documentation, and its RDF
    /.well-known/void        the dataset's VoID/DCAT description
    /sparql                  SPARQL 1.1 Protocol (query only) through query_pool
    /query                   a form to run SPARQL and see a table; the named queries as examples
    /style.css               the pages' stylesheet

A request path maps to the IRI {base}{path}, whatever host and port the server
runs on, so a local server serves the real URIs. The store is opened read-only.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

import pyoxigraph as ox

from . import conneg
from .describe import description, find_resource, graph_triples
from .errors import ReportError
from .pages import Pages, stylesheet
from .query_pool import QueryFailed, QueryPool
from .sparql import _tokens
from .vocab import PREFIXES

MAX_BODY = 1_000_000  # bytes of a POSTed query
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
READ_ONLY = ("This endpoint is read-only: it answers SPARQL queries (SELECT, ASK, CONSTRUCT, DESCRIBE), "
             "not updates. Change the graph with skg build or skg load, then restart skg serve.")
CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'"
STATUS = {200: "200 OK", 303: "303 See Other", 400: "400 Bad Request", 403: "403 Forbidden",
          404: "404 Not Found", 405: "405 Method Not Allowed", 406: "406 Not Acceptable",
          413: "413 Content Too Large", 415: "415 Unsupported Media Type",
          500: "500 Internal Server Error", 503: "503 Service Unavailable"}


class Response:
    def __init__(self, status: int, body: bytes | str = b"", media: str = "text/plain",
                 headers: list | None = None):
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = [("Content-Type", f"{media}; charset=utf-8" if media.startswith("text/")
                         or media.endswith(("json", "xml")) else media)] + (headers or [])


def is_update(query: str) -> bool:
    """True if the text is a SPARQL update: its first keyword after the prologue is an update's."""
    for _, kind, token in _tokens(query):
        word = token.upper()
        if kind == "word" and word in ("PREFIX", "BASE"):
            continue
        if kind in ("pname", "iri"):
            continue  # the prologue's prefixes and IRIs
        return kind == "word" and word in UPDATE_WORDS
    return False


class App:
    """The WSGI application: one store (read-only) for pages, a pool of workers for /sparql."""

    def __init__(self, store_path: str, base: str, timeout: float = 30.0, max_rows: int = 10000,
                 workers: int = 2):
        self.base = base.rstrip("/")
        self.store = ox.Store.read_only(str(store_path))
        self.pool = QueryPool(str(store_path), size=workers, timeout=timeout, max_rows=max_rows)

    def close(self):
        self.pool.close()

    def pages(self) -> Pages:
        # a fresh Pages per request: its label cache lives as long as the request
        return Pages(self.store, self.base, endpoint=self.base + "/sparql")

    # -- WSGI ---------------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        try:
            response = self.route(environ)
        except Exception as exc:  # noqa: BLE001 - a request never ends in a traceback for the client
            response = self.error(500, f"The server could not answer this request ({type(exc).__name__}); "
                                       "the problem is on our side.", environ)
        start_response(STATUS.get(response.status, f"{response.status} Error"),
                       response.headers + [("Content-Length", str(len(response.body)))])
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return [response.body]

    def route(self, environ) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        if path == "/sparql":
            return self.sparql(environ)
        if method not in ("GET", "HEAD"):
            return self.error(405, f"{method} is not allowed here: the pages are read-only (GET).", environ,
                              [("Allow", "GET, HEAD")])
        params = parse_qs(environ.get("QUERY_STRING", ""))
        if "update" in params:
            return self.error(403, READ_ONLY, environ)
        if path == "/":
            return self.html(self.pages().index())
        if path == "/style.css":
            return Response(200, stylesheet(), "text/css", [("Cache-Control", "max-age=3600")])
        if path == "/query":
            return self.query_page(params)
        if path.startswith("/id/"):
            return self.see_other(path, environ)
        if path.startswith(("/doc/", "/def", "/.well-known/void")):
            return self.document(path, environ, params)
        return self.error(404, f"Nothing is published at {path}.", environ)

    # -- documents ------------------------------------------------------------------------------------
    def see_other(self, path: str, environ) -> Response:
        stem, _ = conneg.split_extension(path)
        if find_resource(self.store, "/doc/" + stem[len("/id/"):], self.base) is None:
            return self.error(404, f"{self.base}{stem} is not in this graph.", environ)
        target = "/doc/" + path[len("/id/"):]
        if environ.get("QUERY_STRING"):
            target += "?" + environ["QUERY_STRING"]
        return Response(303, f"See {target}\n", headers=[("Location", target), ("Vary", "Accept")])

    def document(self, path: str, environ, params) -> Response:
        stem, media = conneg.split_extension(path)
        if stem.endswith("/index"):  # /def/index.ttl is /def/ as Turtle
            stem = stem[:-len("index")]
        if media is None:
            wanted = (params.get("format") or [None])[0]
            media = (conneg.from_format(wanted, for_rdf=True) if wanted else None) or conneg.choose(
                environ.get("HTTP_ACCEPT"), conneg.DOCUMENT_TYPES, default=conneg.HTML)
            if wanted == "html":
                media = conneg.HTML
        if media is None:
            return self.error(406, "None of the formats in the Accept header is offered here: "
                                   "ask for text/html, text/turtle, application/ld+json, "
                                   "application/n-triples or application/rdf+xml.", environ)
        pages = self.pages()
        if stem in ("/.well-known/void", "/doc/dataset/safeguarding-kg"):
            from .dataset import description as dataset_description

            return self.negotiated(media, pages.dataset,
                                   lambda: dataset_description(self.store, self.base, self.base + "/sparql"))
        if stem in ("/def", "/def/"):
            return self.negotiated(media, pages.ontology,
                                   lambda: graph_triples(self.store, self.base + "/graph/ontology"))
        iri = find_resource(self.store, stem, self.base)
        if iri is None:
            return self.error(404, f"Nothing in this graph has the address {stem}.", environ)
        return self.negotiated(media, lambda: pages.resource(iri),
                               lambda: description(self.store, iri, self.base))

    def negotiated(self, media: str, html, triples) -> Response:
        headers = [("Vary", "Accept"), ("Access-Control-Allow-Origin", "*")]
        if media == conneg.HTML:
            return self.html(html(), headers=headers)
        return Response(200, conneg.serialize_rdf(triples(), media, PREFIXES), media, headers)

    def html(self, page: str, status: int = 200, headers=None) -> Response:
        return Response(status, page, "text/html", [("Content-Security-Policy", CSP)] + (headers or []))

    def error(self, status: int, message: str, environ, headers=None) -> Response:
        """HTML for browsers, a plain sentence for everyone else."""
        accept = environ.get("HTTP_ACCEPT") if environ else None
        if conneg.choose(accept, [conneg.HTML, "text/plain"], default="text/plain") == conneg.HTML:
            page = self.pages().error(status, message, environ.get("PATH_INFO", "/"))
            return self.html(page, status, headers)
        return Response(status, message + "\n", "text/plain", headers)

    # -- SPARQL -------------------------------------------------------------------------------------
    def sparql(self, environ) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        params = parse_qs(environ.get("QUERY_STRING", ""))
        content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        cors = [("Access-Control-Allow-Origin", "*"), ("Vary", "Accept")]
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            if length > MAX_BODY:
                return self.error(413, f"The request body is over {MAX_BODY:,} bytes; send a shorter query.", None)
            body = environ["wsgi.input"].read(length) if length else b""
            if content_type == "application/sparql-update":
                return self.error(403, READ_ONLY, None)
            if content_type == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"))
                if "update" in form:
                    return self.error(403, READ_ONLY, None)
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                params["query"] = [body.decode("utf-8", "replace")]
            else:
                return self.error(415, "POST a query as application/x-www-form-urlencoded (query=...) "
                                       "or as application/sparql-query.", None)
        elif method not in ("GET", "HEAD"):
            return self.error(405, READ_ONLY if method in ("PUT", "DELETE", "PATCH") else
                              f"{method} is not part of the SPARQL protocol; use GET or POST.",
                              None, [("Allow", "GET, POST")])
        if "update" in params:
            return self.error(403, READ_ONLY, None)
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            if method == "GET" and not queries and conneg.choose(
                    environ.get("HTTP_ACCEPT"), [conneg.HTML], None) == conneg.HTML:
                return Response(303, "See /query\n", headers=[("Location", "/query")])
            return self.error(400, "Give one SPARQL query as the query parameter (?query=SELECT ...).", None)
        query = queries[0]
        if is_update(query):
            return self.error(403, READ_ONLY, None)
        try:
            answer = self.pool.run(query, accept=environ.get("HTTP_ACCEPT"),
                                   fmt=(params.get("format") or [None])[0],
                                   default_graph=params.get("default-graph-uri", []),
                                   named_graphs=params.get("named-graph-uri", []))
        except QueryFailed as exc:
            return Response(exc.status, str(exc) + "\n", "text/plain", cors)
        return Response(200, answer.body, answer.media_type, cors)

    def query_page(self, params) -> Response:
        from .sparql import bindings, catalogue, with_values

        pages = self.pages()
        named = list(catalogue().values())
        text = (params.get("query") or [""])[0]
        chosen = (params.get("example") or [""])[0]
        if chosen and not text:
            example = next((q for q in named if q.name == chosen), None)
            if example is not None:
                try:
                    text = with_values(example.text, bindings(example, {}))
                except ReportError:  # a required parameter: the text as it is
                    text = example.text
        if not text or params.get("example") and not params.get("query"):
            return self.html(pages.query(text=text, examples=named, chosen=chosen))
        if is_update(text):
            return self.html(pages.query(text=text, error=READ_ONLY, examples=named), 403)
        try:
            answer = self.pool.run(text, accept="application/sparql-results+json, application/n-triples")
        except QueryFailed as exc:
            return self.html(pages.query(text=text, error=str(exc), examples=named), exc.status)
        return self.html(pages.query(text=text, table=self.table(answer, pages), examples=named))

    def table(self, answer, pages: Pages) -> dict:
        """The answer as a table of cells for the query page."""
        from .links import Links

        links = Links(self.base)

        def cell(term: dict | ox.NamedNode | ox.Literal | None):
            if term is None:
                return {"text": ""}
            if isinstance(term, dict):
                if term["type"] == "uri":
                    return {"text": term["value"], "href": links.iri(term["value"])}
                return {"text": term["value"]}
            if isinstance(term, ox.NamedNode):
                return {"text": term.value, "href": links.iri(term.value)}
            return {"text": getattr(term, "value", str(term))}

        if answer.kind == "triples":
            triples = list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
            rows = [[cell(t.subject), cell(t.predicate), cell(t.object)] for t in triples]
            return {"columns": ["subject", "predicate", "object"], "rows": rows, "count": len(rows), "boolean": None}
        data = json.loads(answer.body)
        if "boolean" in data:
            return {"columns": [], "rows": [], "count": 1, "boolean": data["boolean"]}
        names = data["head"]["vars"]
        rows = [[cell(b.get(n)) for n in names] for b in data["results"]["bindings"]]
        return {"columns": names, "rows": rows, "count": len(rows), "boolean": None}


def store_base(store_path: str) -> str | None:
    """The base the store was built with: its dataset description's URI space, less /id/."""
    store = ox.Store.read_only(str(store_path))
    try:
        for quad in store.quads_for_pattern(None, ox.NamedNode("http://rdfs.org/ns/void#uriSpace"), None,
                                            ox.DefaultGraph()):
            return re.sub(r"/id/?$", "", quad.object.value)
        return None
    finally:
        del store


def serve(app: App, host: str = "127.0.0.1", port: int = 8000, threads: int = 8, announce=print):
    """Run the app under waitress until interrupted."""
    import waitress

    server = waitress.create_server(app, host=host, port=port, threads=threads, ident="skg",
                                    max_request_body_size=MAX_BODY, expose_tracebacks=False)
    announce(f"Serving {app.base} at http://{host}:{server.effective_port}/ "
             f"(SPARQL at /sparql, query page at /query); Ctrl-C stops.")
    try:
        server.run()
    finally:
        server.close()
        app.close()
