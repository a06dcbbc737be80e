"""`skg publish`: push the store's graphs to a SPARQL 1.1 Graph Store endpoint.

The library is safeguarding_kg.publish (publish_store); this command parses
options, calls it, prints progress on stderr and one summary line on stdout.
"""
from __future__ import annotations

from pathlib import Path

import click

from .errors import ReportError


@click.command("publish")
@click.option("--endpoint", metavar="URL", default=None,
              help="The server's SPARQL query endpoint (as for `skg query --endpoint`), such as "
                   "http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso). "
                   "Used to check the counts after publishing, and to find the Graph Store URL beside it.")
@click.option("--graph-store-url", metavar="URL", default=None,
              help="The SPARQL 1.1 Graph Store Protocol URL that receives the graphs. Default: from "
                   "--endpoint, /query -> /store (Oxigraph), /sparql -> /sparql-graph-crud-auth "
                   "(Virtuoso), else --endpoint itself.")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The store directory to publish. Default: $SKG_STORE, else "
                   "~/.local/share/safeguarding-kg/store.")
@click.option("--user", envvar="SKG_PUBLISH_USER", default=None,
              help="User name for the graph store. Default: $SKG_PUBLISH_USER.")
@click.option("--password", envvar="SKG_PUBLISH_PASSWORD", default=None,
              help="Password. Default: $SKG_PUBLISH_PASSWORD (set it there to keep it out of shell history).")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default=None,
              help="The authentication scheme. basic is sent with every request; digest answers the "
                   "server's challenge. Default: whichever the server asks for.")
@click.option("--description-graph", default="default", show_default=True, metavar="default|IRI",
              help="Where the dataset description (the store's default graph) goes: the endpoint's "
                   "default graph, or a named graph for servers without a writable one (Virtuoso).")
@click.option("--no-check", is_flag=True,
              help="Do not ask --endpoint afterwards whether each graph holds the triples sent.")
@click.option("--dry-run", is_flag=True,
              help="Read the endpoint's list of graphs published before and say what would be PUT and "
                   "DELETEd; write nothing.")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def publish_command(endpoint: str | None, graph_store_url: str | None, store_path: Path | None,
                    user: str | None, password: str | None, auth: str | None, description_graph: str,
                    no_check: bool, dry_run: bool, quiet: bool):
    """Publish the store to a SPARQL 1.1 Graph Store: one named graph per report, the
    reference registers and the ontology, and the dataset description.

    Each graph is PUT, so publishing again replaces it. Graphs of reports removed
    from the store since the last publish are DELETEd: the endpoint keeps a list
    of what was published in the graph {base}/graph/publication. The store's own
    bookkeeping (content hashes, file names) is not published.

    \b
    Example:
        oxigraph serve --location /tmp/db --bind 127.0.0.1:7878 &
        skg publish --endpoint http://127.0.0.1:7878/query
        SKG_PUBLISH_PASSWORD=dba skg publish --endpoint http://127.0.0.1:8890/sparql \\
            --user dba --auth digest \\
            --description-graph https://safeguarding-kg.example.org/graph/dataset
    """
    from .publish import publish_store

    say = None if quiet else (lambda message: click.echo(message, err=True))
    try:
        done = publish_store(store_path, endpoint, graph_store_url=graph_store_url, user=user,
                             password=password, auth=auth, description_graph=description_graph,
                             dry_run=dry_run, check=not no_check, say=say)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(done.summary())
