"""The same answers from a real SPARQL server.

A fixture starts the Oxigraph server (PyPI package `oxigraph`, in the test extra)
on loopback with a database of its own, loads graph.trig into it over the SPARQL
1.1 Graph Store Protocol (one PUT per named graph, and one for the default graph),
and stops it at the end. Every named query then runs through
`skg query NAME --endpoint URL --format json` and must answer exactly what the
embedded store answers. The server's default graph is not the union of the
named graphs: the queries read the named graphs with GRAPH patterns.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from safeguarding_kg.cli import cli
from safeguarding_kg.queries import catalogue, run
from answers import assert_same_answer
from test_queries import GRAPH_TRIG, PARAMS, params_for


def oxigraph_command() -> str:
    """The server's executable: beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the Oxigraph server is missing: pip install -e '.[test]' installs it (PyPI package oxigraph)"
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Oxigraph server stopped: {process.stderr.read().decode(errors='replace')}")
        try:
            query = urllib.parse.urlencode({"query": "ASK { }"})
            with urllib.request.urlopen(f"{url}/query?{query}", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"the Oxigraph server did not answer at {url} within {seconds} s")


def put_graph(url: str, graph: ox.NamedNode | ox.DefaultGraph, triples: list) -> None:
    """SPARQL 1.1 Graph Store Protocol: PUT the graph's triples as N-Triples."""
    target = "default" if isinstance(graph, ox.DefaultGraph) else "graph=" + urllib.parse.quote(graph.value, safe="")
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    request = urllib.request.Request(f"{url}/store?{target}", data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status in (200, 201, 204)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_command(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(url, process)
        graphs = defaultdict(list)
        for quad in ox.parse(path=str(GRAPH_TRIG), format=ox.RdfFormat.TRIG):
            graphs[quad.graph_name].append(quad.triple)
        for graph, triples in graphs.items():
            put_graph(url, graph, triples)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="module")
def embedded():
    store = ox.Store()
    store.load(path=str(GRAPH_TRIG), format=ox.RdfFormat.TRIG)
    return store


def test_the_server_holds_the_same_quads(server, embedded):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert run(server + "/query", count).to_dicts() == run(embedded, count).to_dicts()


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_query_answers_the_same_on_the_server(server, embedded, name):
    assert_same_answer(server + "/query", embedded, name, params_for(name, embedded), must_answer=name in PARAMS)


def test_a_server_error_is_a_sentence(server):
    result = CliRunner().invoke(cli, ["query", "-", "--endpoint", server + "/nowhere"],
                                input="SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert result.exit_code == 1 and "refused the query (HTTP 404)" in result.output
