"""`skg serve`, the real server: started on a free loopback port, driven over HTTP, stopped.

One small store per module: two seed reports (Essex 2011, naming Essex Police;
Southend's peer review) and a copy of the Essex report whose recommendation holds
`<script>alert(1)</script>`, to show the pages escape report text.
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from safeguarding_kg.cli import cli
from safeguarding_kg.queries import catalogue, run

ROOT = Path(__file__).parent.parent
BASE = "https://safeguarding-kg.example.org"
ESSEX = f"{BASE}/id/local-authority/E10000012"
ESSEX_POLICE = f"{BASE}/id/police-force/essex"
SEEDS = ["000_371523681b96652b.txt", "004_10e96bc9d1d994b1.txt"]
EVIL = "<script>alert(1)</script>"
SKG = str(Path(sys.executable).parent / "skg")


def build_store(folder: Path) -> Path:
    """Two seed reports and an evil copy, loaded into a store of the test's own."""
    reports = folder / "reports"
    reports.mkdir()
    for name in SEEDS:
        shutil.copy(ROOT / "reports" / name, reports / name)
    text = (ROOT / "reports" / SEEDS[0]).read_text(encoding="utf-8")
    # The same inspection a year later, with markup in a recommendation.
    evil = text.replace("resolve, with Essex Police, the backlog", f"resolve {EVIL} with Essex Police, the backlog")
    evil = evil.replace("2011", "2012")
    assert EVIL in evil
    (reports / "evil.txt").write_text(evil, encoding="utf-8")
    store = folder / "store"
    done = CliRunner().invoke(cli, ["build", str(reports), "--store", str(store),
                                    "--output", str(folder / "graph.ttl"), "--quiet", "--no-cache"])
    assert done.exit_code == 0, done.output
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`skg serve` in a process of its own."""

    def __init__(self, store: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([SKG, "serve", "--store", str(store), "--port", str(self.port), *options],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode(errors="replace"))
            try:
                with urllib.request.urlopen(f"{self.url}/sparql?query=ASK%7B%7D", timeout=5):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("skg serve did not answer within 60 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()


def get(url: str, accept: str | None = None, method: str = "GET", data: bytes | None = None,
        content_type: str | None = None) -> tuple[int, dict, bytes]:
    """One request without following redirects: status, headers, body."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def sparql_url(server: Server, query: str, **extra) -> str:
    return f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **extra})


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def server(store):
    running = Server(store, "--timeout", "2", "--max-rows", "500")
    yield running
    running.stop()


# -- dereferencing and content negotiation -------------------------------------------------------

def test_id_redirects_to_doc_with_303(server):
    status, headers, _ = get(f"{server.url}/id/local-authority/E10000012")
    assert status == 303
    assert headers["location"].endswith("/doc/local-authority/E10000012")


@pytest.mark.parametrize("media,rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_every_rdf_format_by_accept_parses_back(server, media, rdflib_format):
    status, headers, body = get(f"{server.url}/doc/local-authority/E10000012", accept=media)
    assert status == 200 and headers["content-type"].startswith(media)
    graph = Graph().parse(data=body.decode("utf-8"), format=rdflib_format)
    assert (URIRef(ESSEX), None, None) in graph
    assert "accept" in headers["vary"].lower()


@pytest.mark.parametrize("extension,rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"),
                                                     ("nt", "nt"), ("rdf", "xml")])
def test_every_rdf_format_by_extension_parses_back(server, extension, rdflib_format):
    status, _, body = get(f"{server.url}/doc/local-authority/E10000012.{extension}")
    assert status == 200
    assert (URIRef(ESSEX), None, None) in Graph().parse(data=body.decode("utf-8"), format=rdflib_format)


def test_html_for_people_and_format_parameter(server):
    status, headers, body = get(f"{server.url}/doc/local-authority/E10000012",
                                accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<h1>Essex County Council</h1>" in body.decode()
    status, headers, _ = get(f"{server.url}/doc/local-authority/E10000012?format=ttl", accept="text/html")
    assert headers["content-type"].startswith("text/turtle")
    status, _, body = get(f"{server.url}/doc/local-authority/E10000012.html")
    assert status == 200 and b"Inspections and grades over time" in body


def test_a_report_is_its_own_document_and_facts_carry_their_evidence(server):
    status, _, body = get(f"{server.url}/doc/recommendation/inspection-report/E10000012/"
                          "safeguarding-and-looked-after-children/2011-09-06/1", accept="text/turtle")
    assert status == 200
    graph = Graph().parse(data=body.decode(), format="turtle")
    quotes = [str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))]
    assert quotes and all(q.strip() for q in quotes)
    status, _, body = get(f"{server.url}/doc/inspection-report/E10000012/safeguarding-and-looked-after-children/"
                          "2011-09-06")
    assert status == 200 and b"Judgements" in body and b"Recommendations" in body


def test_unknown_addresses_are_404_with_a_sentence(server):
    status, _, body = get(f"{server.url}/id/local-authority/NOWHERE")
    assert status == 404 and b"not in this graph" in body
    status, _, body = get(f"{server.url}/elsewhere")
    assert status == 404 and b"Nothing is published" in body


def test_dataset_description_void_and_dcat(server):
    status, _, body = get(f"{server.url}/.well-known/void", accept="text/turtle")
    assert status == 200
    graph = Graph().parse(data=body.decode(), format="turtle")
    dataset = URIRef(f"{BASE}/id/dataset/safeguarding-kg")
    void = "http://rdfs.org/ns/void#"
    assert (dataset, URIRef(void + "sparqlEndpoint"), URIRef(f"{BASE}/sparql")) in graph
    assert (dataset, URIRef("http://purl.org/dc/terms/license"),
            URIRef("http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")) in graph
    assert int(graph.value(dataset, URIRef(void + "documents"))) == 3
    assert list(graph.objects(dataset, URIRef(void + "exampleResource")))
    status, _, body = get(f"{server.url}/.well-known/void", accept="text/html")
    assert status == 200 and b"Open Government Licence" in body


def test_ontology_documentation_and_terms(server):
    status, _, body = get(f"{server.url}/def/", accept="text/html")
    page = body.decode()
    assert status == 200 and "Classes" in page and "Concept schemes" in page and ">report<" in page
    status, _, body = get(f"{server.url}/def/Report", accept="text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    assert (URIRef("https://safeguarding-kg.example.org/def/Report"), None, None) in graph
    status, _, body = get(f"{server.url}/def/index.ttl")
    assert status == 200 and len(Graph().parse(data=body.decode(), format="turtle")) > 500


# -- escaping ------------------------------------------------------------------------------------

def test_report_text_is_escaped_in_pages(server):
    rec = f"{server.url}/doc/recommendation/inspection-report/E10000012/safeguarding-and-looked-after-children/2012-09-06/"
    pages = [get(f"{rec}{n}")[2].decode() for n in range(1, 10)]
    page = next(p for p in pages if "alert(1)" in p)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert EVIL not in page and "<script" not in page
    status, _, body = get(f"{server.url}/doc/local-authority/E10000012")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body.decode() and EVIL not in body.decode()


# -- the SPARQL endpoint ---------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://safeguarding-kg.example.org/def/Report> } }"


@pytest.mark.parametrize("accept,parse", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV), ("text/tab-separated-values", ox.QueryResultsFormat.TSV)])
def test_select_results_in_each_format(server, accept, parse):
    status, headers, body = get(sparql_url(server, COUNT), accept=accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    if parse == ox.QueryResultsFormat.CSV:  # lossy: pyoxigraph reads no CSV back
        assert body.decode().split() == ["n", "3"]
        return
    rows = list(ox.parse_query_results(body, format=parse))
    assert rows[0]["n"].value == "3"


def test_post_form_and_sparql_query_body(server):
    data = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, body = get(f"{server.url}/sparql", method="POST", data=data,
                          content_type="application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
    status, _, body = get(f"{server.url}/sparql?format=csv", method="POST", data=COUNT.encode(),
                          content_type="application/sparql-query")
    assert status == 200 and body.decode().split() == ["n", "3"]


def test_construct_answers_rdf(server):
    query = f"CONSTRUCT {{ <{ESSEX}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{ESSEX}> ?p ?o }} }}"
    for fmt, rdflib_format in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdfxml", "xml")):
        status, _, body = get(sparql_url(server, query, format=fmt))
        assert status == 200
        assert (URIRef(ESSEX), None, None) in Graph().parse(data=body.decode(), format=rdflib_format)


def test_the_endpoint_is_read_only(server):
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    for status, _, body in (
            get(f"{server.url}/sparql", method="POST", data=urllib.parse.urlencode({"update": insert}).encode(),
                content_type="application/x-www-form-urlencoded"),
            get(f"{server.url}/sparql", method="POST", data=insert.encode(), content_type="application/sparql-update"),
            get(sparql_url(server, "PREFIX x: <urn:x#>\n" + insert)),
            get(f"{server.url}/sparql?" + urllib.parse.urlencode({"update": insert}))):
        assert status == 403 and b"read-only" in body
    status, _, _ = get(f"{server.url}/doc/local-authority/E10000012", method="PUT", data=b"x")
    assert status == 405
    status, _, body = get(sparql_url(server, "ASK { GRAPH <urn:x> { ?s ?p ?o } }"))
    assert json.loads(body)["boolean"] is False


def test_a_slow_query_is_stopped_at_the_time_limit_and_the_server_goes_on(server):
    cross = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } GRAPH ?i { ?x ?y ?z } }"
    started = time.monotonic()
    status, _, body = get(sparql_url(server, cross))
    took = time.monotonic() - started
    assert status == 503 and b"limit of 2 seconds" in body
    assert took < 8, took
    for _ in range(3):  # the worker was replaced; answers go on
        status, _, body = get(sparql_url(server, COUNT))
        assert status == 200


def test_too_many_rows_is_413_with_a_sentence(server):
    status, _, body = get(sparql_url(server, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert status == 413 and b"more than 500 rows" in body
    status, _, _ = get(sparql_url(server, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 500"))
    assert status == 200


def test_a_syntax_error_is_400(server):
    status, _, body = get(sparql_url(server, "SELECT WHERE {"))
    assert status == 400 and b"not valid SPARQL" in body


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_named_query_answers_as_the_embedded_store(server, store, name):
    params = named_params(name, store)
    args = ["query", name, "--endpoint", server.url + "/sparql", "--format", "json"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    embedded = ox.Store.read_only(str(store))
    local = run(embedded, name, **params)
    expected = json.loads(local.serialize("json"))
    if isinstance(expected, list):
        assert json.loads(result.output) == expected
    else:
        from rdflib.compare import isomorphic

        assert isomorphic(Graph().parse(data=result.output, format="json-ld"),
                          Graph().parse(data=local.serialize("json"), format="json-ld"))


def named_params(name: str, store: Path) -> dict:
    """test_queries' parameters; the fact whose evidence is asked for is one of this store's."""
    from test_queries import params_for

    if name == "evidence/of-fact":
        rows = run(ox.Store.read_only(str(store)), "grades/judgements", authority="Essex", area="overall effectiveness")
        return {"fact": next(iter(rows))["judgement"]}
    return params_for(name, None)


# -- the query page and the index -------------------------------------------------------------------

def test_query_page_offers_the_named_queries_and_shows_a_table(server):
    status, _, body = get(f"{server.url}/query?example=reports/loaded")
    page = body.decode()
    assert status == 200 and "grades/latest" in page and "SELECT" in page
    status, _, body = get(f"{server.url}/query?" + urllib.parse.urlencode({"query": COUNT}))
    page = body.decode()
    assert status == 200 and "<th scope=\"col\">n</th>" in page and "<td>3</td>" in page
    status, _, body = get(f"{server.url}/query?" + urllib.parse.urlencode({"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"}))
    assert status == 413 and b"more than 500 rows" in body


def test_index_links_authorities_query_page_and_dataset(server):
    status, _, body = get(f"{server.url}/")
    page = body.decode()
    assert status == 200
    for href in ('href="/doc/local-authority/E10000012"', 'href="/query"', 'href="/.well-known/void"', 'href="/def/"'):
        assert href in page


def test_the_base_must_agree_with_the_store(store):
    result = CliRunner().invoke(cli, ["serve", "--store", str(store), "--base", "https://elsewhere.example"])
    assert result.exit_code == 1 and "not the base the store was built with" in result.output


# -- a bounded load test --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def roomy_server(store):
    """The default limits: the 2-second server above would rightly refuse slow answers on a busy machine."""
    running = Server(store)
    yield running
    running.stop()


def test_a_few_hundred_requests_from_several_threads(roomy_server):
    server = roomy_server
    urls = [f"{server.url}/doc/local-authority/E10000012", f"{server.url}/doc/police-force/essex",
            f"{server.url}/id/local-authority/E06000033", f"{server.url}/.well-known/void",
            sparql_url(server, catalogue()["reports/loaded"].text)]
    errors, done = [], []

    def worker(n: int):
        for i in range(60):
            url = urls[(n + i) % len(urls)]
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                    done.append(response.status)
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                errors.append(f"{url}: {exc}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:5]
    assert len(done) == 360 and set(done) == {200}


