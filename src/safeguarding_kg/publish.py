"""Publish the store's graphs to any SPARQL 1.1 Graph Store HTTP Protocol endpoint.

What goes: every named graph of the store (one per report, the reference
registers, the ontology, and any other static graph) with an HTTP PUT each, so
publishing again replaces a graph rather than adding to it; and the dataset
description (the store's default graph) to the endpoint's default graph, or to
a named graph for servers without a writable default graph (Virtuoso).

What stays: the store's bookkeeping, the store:contentHash and store:sourceFile
triples of its manifest graph ({base}/graph/manifest): hashes and the names of
files on this machine, no fact about the reports. The rest of that graph (the
summary of each authority's latest judgements, summary_graph.py) is published
under the same graph IRI, so queries/summary/ answer at the endpoint as well.

Reports removed from the store since the last publish: the endpoint keeps its
own small manifest, the named graph {base}/graph/publication, listing every
graph this program put there:

    <{base}/graph/publication> store:publishedGraph <graph> .

A publish reads it first, PUTs it as the union of the old and new lists, PUTs
every graph, DELETEs the graphs listed before and no longer in the store, then
PUTs the new list. If a publish stops half-way, the list at the endpoint still
names every graph put there, so the next publish cleans up. Graphs that other
tools put at the endpoint are never touched.

Afterwards, unless told not to, the SPARQL query endpoint is asked how many
triples each published graph holds, and a difference from what was sent is an
error.

HTTP is the standard library's urllib: basic and digest authentication. Every
failure is a PublishError whose message is one sentence (connection refused,
wrong password, the server's own words for a 4xx/5xx).
"""
from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from .config import DEFAULT_BASE
from .errors import ReportError
from .store import CONTENT_HASH, SOURCE_FILE, STORE_NS, open_store

PUBLISHED_GRAPH = ox.NamedNode(STORE_NS + "publishedGraph")
DEFAULT = "default"  # --description-graph's value for the endpoint's default graph
TIMEOUT = 300.0  # seconds per request: the reference graph is a few MB
RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "text/plain": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML}


class PublishError(ReportError):
    """Publishing failed; the message is a sentence saying what and what to do."""


@dataclass
class Graph:
    """One graph to publish: its IRI (None: the endpoint's default graph), what it is, its triples."""

    iri: str | None
    label: str
    triples: list

    @property
    def name(self) -> str:
        return f"<{self.iri}>" if self.iri else "the default graph"


@dataclass
class Plan:
    """What a publish does: the graphs to PUT, the earlier graphs to DELETE, the publication list."""

    base: str
    graphs: list[Graph]
    stale: list[str] = field(default_factory=list)

    @property
    def manifest_iri(self) -> str:
        return publication_graph(self.base)

    @property
    def named(self) -> list[str]:
        return [g.iri for g in self.graphs if g.iri]

    @property
    def triples(self) -> int:
        return sum(len(g.triples) for g in self.graphs)


def publication_graph(base: str) -> str:
    return f"{base.rstrip('/')}/graph/publication"


def graph_store_url_for(endpoint: str) -> str:
    """The Graph Store URL beside a query endpoint: Oxigraph's /query -> /store,
    Virtuoso's /sparql -> /sparql-graph-crud-auth; otherwise the same URL."""
    parts = urllib.parse.urlsplit(endpoint)
    for query_path, store_path in (("/query", "/store"), ("/sparql", "/sparql-graph-crud-auth")):
        if parts.path.rstrip("/").endswith(query_path):
            path = parts.path.rstrip("/")[: -len(query_path)] + store_path
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return endpoint


# -- what the store holds -----------------------------------------------------------------------------


def read_store(store: ox.Store, description_graph: str = DEFAULT) -> Plan:
    """The graphs to publish from a pyoxigraph store: reports, static graphs, the description.

    The store's manifest graph is found by its store:contentHash triples (so a
    store built with another --base works) and published without its store:
    bookkeeping triples; the base is read from its IRI ({base}/graph/manifest).
    """
    manifests = {q.graph_name.value for q in store.quads_for_pattern(None, CONTENT_HASH, None, None)
                 if isinstance(q.graph_name, ox.NamedNode)}
    if len(manifests) > 1:
        raise PublishError(f"the store has {len(manifests)} manifest graphs ({', '.join(sorted(manifests))}); "
                           "it was filled with different --base values: rebuild it with one.")
    manifest = next(iter(manifests), None)
    base = manifest[: -len("/graph/manifest")] if manifest and manifest.endswith("/graph/manifest") else None
    sources = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, SOURCE_FILE, None, None)}
    graphs = []
    for node in sorted(store.named_graphs(), key=lambda g: (g.value in sources, g.value)):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, node)]
        label = f"report {sources[node.value]}" if node.value in sources else node.value.rsplit("/", 1)[-1]
        if node.value == manifest:
            triples = [t for t in triples if not t.predicate.value.startswith(STORE_NS)]
            label = "summary (the manifest graph without its bookkeeping)"
            if not triples:
                continue
        graphs.append(Graph(node.value, label, triples))
    base = base or DEFAULT_BASE
    description = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if description:
        iri = None if description_graph == DEFAULT else description_graph
        if iri is not None and not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", iri):
            raise PublishError(f"--description-graph {iri!r} is neither 'default' nor an http(s) IRI, such as "
                               f"{base}/graph/dataset.")
        if iri in {g.iri for g in graphs} or iri == publication_graph(base):
            raise PublishError(f"--description-graph {iri} is a graph the store publishes already; "
                               "give another IRI.")
        graphs.append(Graph(iri, "dataset description", description))
    if not graphs:
        raise PublishError("the store is empty: nothing to publish; fill it first with "
                           "`skg build reports --store DIR`.")
    return Plan(base, graphs)


# -- HTTP ------------------------------------------------------------------------------------------------


class GraphStore:
    """A SPARQL 1.1 Graph Store HTTP Protocol endpoint (and its query endpoint), through urllib."""

    def __init__(self, url: str, query_url: str | None = None, user: str | None = None,
                 password: str | None = None, auth: str | None = None, timeout: float = TIMEOUT):
        for name, value in (("--graph-store-url", url), ("--endpoint", query_url)):
            if value is not None and not re.match(r"^https?://[^/\s]+", value):
                raise PublishError(f"{name} {value!r} is not an http(s) URL, such as "
                                   "http://127.0.0.1:7878/store.")
        if password is not None and user is None:
            raise PublishError("a password needs a user: give --user too.")
        if auth and user is None:
            raise PublishError(f"--auth {auth} needs --user and --password (or $SKG_PUBLISH_PASSWORD).")
        self.url, self.query_url, self.user, self.timeout = url, query_url, user, timeout
        self.opener = _opener(url, query_url, user, password or "", auth)

    # the protocol's four verbs, as used here
    def get(self, graph: str) -> list | None:
        """The graph's triples, or None if the endpoint has no such graph."""
        request = urllib.request.Request(self._graph_url(graph), headers={
            "Accept": "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"})
        try:
            body, content_type = self._send(request, f"GET <{graph}>", missing_ok=True)
        except _Missing:
            return None
        kind = content_type.split(";")[0].strip().lower()
        try:
            return list(ox.parse(body, format=RDF_TYPES.get(kind, ox.RdfFormat.TURTLE)))
        except SyntaxError as exc:
            raise PublishError(f"the graph store at {self.url} answered GET <{graph}> with {kind or 'a body'} "
                               f"that is not RDF ({exc}).") from None

    def put(self, graph: Graph) -> None:
        body = ox.serialize(sorted(graph.triples, key=str), format=ox.RdfFormat.N_TRIPLES)
        request = urllib.request.Request(self._graph_url(graph.iri), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        self._send(request, f"PUT {graph.name}")

    def delete(self, graph: str) -> None:
        """DELETE a named graph; one already gone is fine."""
        request = urllib.request.Request(self._graph_url(graph), method="DELETE")
        try:
            self._send(request, f"DELETE <{graph}>", missing_ok=True)
        except _Missing:
            pass

    def count(self, graphs: list[str]) -> dict[str, int]:
        """Triples in each graph, asked of the SPARQL query endpoint."""
        values = " ".join(f"<{g}>" for g in graphs)
        query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        data = urllib.parse.urlencode({"query": query}).encode("utf-8")
        request = urllib.request.Request(self.query_url, data=data, headers={
            "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        body, _ = self._send(request, "a query counting the published triples", where=self.query_url)
        try:
            rows = json.loads(body)["results"]["bindings"]
            return {row["g"]["value"]: int(float(row["n"]["value"])) for row in rows}
        except (ValueError, KeyError, TypeError):
            raise PublishError(f"the query endpoint {self.query_url} did not answer with SPARQL JSON results; "
                               "check --endpoint (or skip the check with --no-check).") from None

    # plumbing
    def _graph_url(self, graph: str | None) -> str:
        query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
        return self.url + ("&" if "?" in self.url else "?") + query

    def _send(self, request: urllib.request.Request, what: str, where: str | None = None,
              missing_ok: bool = False) -> tuple[bytes, str]:
        where = where or self.url
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                raise _Missing() from None
            raise PublishError(self._refusal(exc, what, where)) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, ConnectionRefusedError):
                reason = "the connection was refused (is the server running, and is the port right?)"
            raise PublishError(f"could not reach {where} for {what}: {reason}.") from None

    def _refusal(self, exc: urllib.error.HTTPError, what: str, where: str) -> str:
        if exc.code == 401:
            if self.user is None:
                return (f"{where} asks for a user and password (HTTP 401) for {what}: give --user and "
                        "--password (or set $SKG_PUBLISH_PASSWORD).")
            return (f"{where} did not accept user {self.user!r} and its password (HTTP 401) for {what}: "
                    "check --user and --password (or $SKG_PUBLISH_PASSWORD), and --auth.")
        message = server_message(exc)
        return (f"{where} refused {what} (HTTP {exc.code} {exc.reason})"
                + (f": {message}" if message else "") + ("" if message.endswith(".") else "."))


class _Missing(Exception):
    """A 404 where the caller expects one may happen."""


def _opener(url: str, query_url: str | None, user: str | None, password: str,
            auth: str | None) -> urllib.request.OpenerDirector:
    """urllib with the authentication asked for: basic (sent at once), digest, or either (the server's challenge)."""
    if user is None:
        return urllib.request.build_opener()
    roots = {_root(u) for u in (url, query_url) if u}
    if auth == "basic":  # sent with the first request: no round trip with a large body refused
        manager = urllib.request.HTTPPasswordMgrWithPriorAuth()
        for root in roots:
            manager.add_password(None, root, user, password, is_authenticated=True)
        return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager))
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for root in roots:
        manager.add_password(None, root, user, password)
    handlers = [_SignedDigest(manager)]
    if auth is None:
        handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
    return urllib.request.build_opener(*handlers)


class _SignedDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest that signs each request with the server's last challenge (the nonce count goes up).

    urllib's own handler sends every request unsigned first and answers the 401:
    with a large PUT, a server that closes the connection on its 401 (Virtuoso
    does) breaks the upload ("Broken pipe"). Here only the first request of a
    publish (a small GET) meets the challenge; the PUTs go signed.
    """

    challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        token, challenge = auth.split(" ", 1)
        self.challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self.challenge and not req.has_header(self.auth_header):
            signed = self.get_authorization(req, self.challenge)
            if signed:
                req.add_unredirected_header(self.auth_header, f"Digest {signed}")
        return req

    https_request = http_request


def _root(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def server_message(exc: urllib.error.HTTPError, limit: int = 300) -> str:
    """The server's own words from an error response: plain text, or the text of an HTML page."""
    try:
        text = exc.read().decode("utf-8", "replace")
    except OSError:
        return ""
    preformatted = re.search(r"(?is)<(xmp|pre)[^>]*>(.*?)</\1>", text)  # Virtuoso puts the message in <xmp>
    if preformatted:
        text = preformatted.group(2)
    elif re.search(r"(?i)<html|<body", text):
        text = re.sub(r"(?is)<(head|script|style)[^>]*>.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
    text = " ".join(html.unescape(text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


# -- publishing --------------------------------------------------------------------------------------------


@dataclass
class Published:
    """What a publish did."""

    plan: Plan
    graph_store_url: str
    checked: bool = False
    dry_run: bool = False

    def summary(self) -> str:
        plan = self.plan
        verb = "Would publish" if self.dry_run else "Published"
        line = (f"{verb} {len(plan.graphs)} graphs ({plan.triples:,} triples) to {self.graph_store_url}")
        if plan.stale:
            line += f"; {'would delete' if self.dry_run else 'deleted'} {len(plan.stale)} graph(s) " \
                    "no longer in the store"
        if self.checked:
            line += "; the endpoint holds the same triple counts"
        return line + "."


def publish(store: ox.Store, endpoint: str | None, graph_store_url: str | None = None, *,
            user: str | None = None, password: str | None = None, auth: str | None = None,
            description_graph: str = DEFAULT, dry_run: bool = False, check: bool = True,
            say: Callable[[str], None] | None = None) -> Published:
    """Publish the graphs of a pyoxigraph store (SkgStore.store) to a Graph Store endpoint.

    endpoint: the SPARQL query endpoint (used for the check and, without
    graph_store_url, to find the Graph Store URL beside it). dry_run reads the
    endpoint's publication list and says what would be done, writing nothing.
    """
    say = say or (lambda message: None)
    if endpoint is None and graph_store_url is None:
        raise PublishError("give --endpoint (the SPARQL query endpoint) or --graph-store-url.")
    if endpoint is None:
        check = False
    url = graph_store_url or graph_store_url_for(endpoint)
    target = GraphStore(url, endpoint, user, password, auth)
    plan = read_store(store, description_graph)
    say(f"graph store: {url}")

    manifest_iri = plan.manifest_iri
    before = target.get(manifest_iri)
    published_before = sorted({t.object.value for t in before or [] if t.predicate == PUBLISHED_GRAPH
                               and isinstance(t.object, ox.NamedNode)})
    plan.stale = [g for g in published_before if g not in set(plan.named) and g != manifest_iri]
    if dry_run:
        for graph in plan.graphs:
            say(f"would PUT {graph.name}: {graph.label}, {len(graph.triples):,} triples")
        for graph in plan.stale:
            say(f"would DELETE <{graph}>: published before, no longer in the store")
        return Published(plan, url, dry_run=True)

    # the list first names everything about to be there, so an interrupted publish leaves no orphan
    target.put(_manifest(manifest_iri, sorted(set(published_before) | set(plan.named))))
    # the default graph first: a server without a writable one (Virtuoso) says so before the uploads
    for number, graph in enumerate(sorted(plan.graphs, key=lambda g: g.iri is not None), 1):
        say(f"[{number}/{len(plan.graphs)}] PUT {graph.name}: {graph.label}, {len(graph.triples):,} triples")
        try:
            target.put(graph)
        except PublishError as exc:
            if graph.iri is None:
                raise PublishError(f"{exc} Give --description-graph IRI to put the dataset description "
                                   "in a named graph instead.") from None
            raise
    for graph in plan.stale:
        say(f"DELETE <{graph}>: published before, no longer in the store")
        target.delete(graph)
    target.put(_manifest(manifest_iri, plan.named))

    done = Published(plan, url)
    if check:
        say(f"checking the triple counts at {endpoint}")
        _check(target, plan)
        done.checked = True
    return done


def _manifest(iri: str, graphs: list[str]) -> Graph:
    node = ox.NamedNode(iri)
    return Graph(iri, "publication list", [ox.Triple(node, PUBLISHED_GRAPH, ox.NamedNode(g)) for g in graphs])


def _check(target: GraphStore, plan: Plan) -> None:
    """Each published named graph holds as many triples at the endpoint as were sent; stale ones none."""
    named = [g for g in plan.graphs if g.iri]
    counts = target.count([g.iri for g in named] + plan.stale)
    for graph in named:
        sent, there = len(set(graph.triples)), counts.get(graph.iri, 0)
        if sent != there:
            raise PublishError(f"the endpoint {target.query_url} holds {there:,} triples in {graph.name} "
                               f"where {sent:,} were sent; is --endpoint the query endpoint of the same "
                               "store as --graph-store-url?")
    for graph in plan.stale:
        if counts.get(graph):
            raise PublishError(f"the endpoint {target.query_url} still holds {counts[graph]:,} triples in "
                               f"<{graph}>, which was deleted.")


def publish_store(path: str | Path | None, endpoint: str | None, **options) -> Published:
    """Open the store at `path` (None: the default store) read-only and publish it."""
    with open_store(path, read_only=True) as skg_store:
        return publish(skg_store.store, endpoint, **options)
