"""One comparison for every server test: a named query through `skg query --endpoint`
answers exactly what the embedded store answers (test_query_server.py, test_publish.py)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from safeguarding_kg.cli import cli
from safeguarding_kg.queries import run


def assert_same_answer(endpoint: str, embedded, name: str, params: dict, must_answer: bool = False) -> None:
    """SELECT: the same rows in the same order, term by term as `--format json` prints them.
    CONSTRUCT: isomorphic graphs. must_answer: an empty answer is a failure too."""
    args = ["query", name, "--endpoint", endpoint, "--format", "json"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    from_server = json.loads(result.output)
    local = run(embedded, name, **params)
    from_store = json.loads(local.serialize("json"))
    if isinstance(from_store, list):
        assert from_server == from_store
        assert from_server or not must_answer, f"{name} answered nothing"
    else:  # CONSTRUCT: JSON-LD; compare the graphs
        from rdflib import Graph
        from rdflib.compare import isomorphic

        assert isomorphic(Graph().parse(data=result.output, format="json-ld"),
                          Graph().parse(data=local.serialize("json"), format="json-ld"))
