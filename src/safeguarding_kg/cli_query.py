"""`skg queries` and `skg query`: list the named queries of queries/ and run one.

The library is safeguarding_kg.sparql (re-exported as safeguarding_kg.queries);
these commands parse options, call it and print.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import ReportError

RESULT_FORMATS = ["table", "csv", "tsv", "json", "srj", "srx", "ttl"]


@click.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table for people, json for scripts.")
def queries_command(fmt: str):
    """List the named queries: name, summary and parameters.

    Run one with `skg query NAME`; its parameters are given with --param KEY=VALUE.

    \b
    Example:
        skg queries
        skg queries --format json
    """
    from .sparql import catalogue

    try:
        named = catalogue()
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps([{
            "name": q.name, "summary": q.summary, "description": q.description, "example": q.example,
            "params": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                        "description": p.description} for p in q.params],
        } for q in named.values()], indent=2, ensure_ascii=False))
        return
    width = max(len(name) for name in named)
    for query in named.values():
        click.echo(f"{query.name.ljust(width)}  {query.summary}")
        if query.params:
            click.echo(f"{'':{width}}  params: {', '.join(p.describe() for p in query.params)}")


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.ClickException(f"--param {pair!r} should be KEY=VALUE, such as --param authority=Essex.")
        params[key.strip()] = value
    return params


@click.command("query")
@click.argument("query_ref", metavar="NAME|FILE.rq|-")
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeat for more); `skg queries` lists them.")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The store directory to query. Default: $SKG_STORE, else the config file's store "
                   "(skg.toml), else ~/.local/share/safeguarding-kg/store.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Query a SPARQL 1.1 endpoint instead of the store, such as http://127.0.0.1:7878/query.")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="table for people; csv, tsv, json (plain rows), srj or srx (SPARQL results) for "
                   "scripts; CONSTRUCT and DESCRIBE print Turtle (ttl) or JSON-LD (json).")
def query_command(query_ref: str, pairs: tuple[str, ...], store_path: Path | None, endpoint: str | None,
                  fmt: str):
    """Run a named query (its path under queries/ without .rq), a .rq file, or - for standard input.

    \b
    Example:
        skg query grades/overall-history --param authority=Essex
        skg query partners/shared --param authority=Essex --param other=Southend --format csv
        skg query my-question.rq --endpoint http://127.0.0.1:7878/query --format json
        echo 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | skg query -
    """
    from .sparql import Endpoint, QueryError, Rows, Triples, find, parse_query, run

    if store_path is not None and endpoint is not None:
        raise click.ClickException("give --store or --endpoint, not both.")
    params = _params(pairs)
    store = None
    try:
        query = parse_query(sys.stdin.read(), "standard input") if query_ref == "-" else find(query_ref)
        if endpoint is not None:
            target = Endpoint(endpoint)
        else:
            from .store import open_store

            store = open_store(store_path, read_only=True)
            target = store
        result = run(target, query, **params)
    except ReportError as exc:  # QueryError is one
        raise click.ClickException(str(exc)) from None
    finally:
        if store is not None:
            store.close()
    try:
        if isinstance(result, bool):
            click.echo(json.dumps(result) if fmt in ("json", "srj") else ("yes" if result else "no"))
        elif isinstance(result, Rows):
            if fmt == "ttl":
                raise QueryError(f"{query.name} is a {query.form} query: its answer is rows, not RDF; "
                                 "use table, csv, tsv, json, srj or srx.")
            click.echo(result.serialize(fmt).rstrip("\n"))
        elif isinstance(result, Triples):
            click.echo(result.serialize(fmt).rstrip("\n"))
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
