"""`skg network ...` (analysis of the partnership network) and `skg export FORMAT` (files and pictures).

The library is safeguarding_kg.network (the graph and its analysis) and
safeguarding_kg.exports (the file formats); these commands open the store,
call them and print. networkx and matplotlib are imported inside the commands,
so `skg --help` stays fast.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from .cli_store import store_option
from .errors import ReportError

FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="table for people, json or csv for programs.")
EXPORT_FORMATS = ["graphml", "gexf", "cytoscape", "node-link", "dot", "csv", "svg", "png", "html"]
ORGANISATION_TYPES = ["local-authority", "nhs-trust", "primary-care-trust", "clinical-commissioning-group",
                      "integrated-care-board", "police-force", "safeguarding-board", "partnership-board",
                      "regulator", "voluntary-organisation", "adoption-agency", "government-department",
                      "multi-agency-arrangement", "forum", "other"]


def period_options(function):
    function = click.option("--until", metavar="DATE", default=None,
                            help="Only reports dated on or before DATE (YYYY-MM-DD).")(function)
    return click.option("--since", metavar="DATE", default=None,
                        help="Only reports dated on or after DATE (YYYY-MM-DD).")(function)


def _check_date(value: str | None, option: str) -> None:
    import datetime

    if value is None:
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise click.ClickException(f"{option} {value!r} is not a date: write it as YYYY-MM-DD.") from None


def open_read_only(store_path: Path | None):
    """The store at store_path (default: config.default_store_path()), opened read-only with
    pyoxigraph, with store.open_store's sentences for a missing or unreadable store. Not through
    store.py, which imports the whole build (about 1 s: a fifth of the network commands' time)."""
    import pyoxigraph as ox

    from .config import default_store_path

    try:
        path = default_store_path() if store_path is None else Path(store_path)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    if path.exists() and not path.is_dir():
        raise click.ClickException(f"{path}: is a file, not a store directory; give --store a directory.")
    if not path.is_dir():
        raise click.ClickException(f"{path}: no store there; fill one with `skg build DIR --store {path}`.")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise click.ClickException(f"{path}: the store could not be opened ({exc}).") from None


def load_graph(store_path: Path | None, since: str | None, until: str | None, keep_store: bool = False):
    """The partnership graph from the store (and the open pyoxigraph store, if keep_store)."""
    from .network import partnership_graph

    _check_date(since, "--since")
    _check_date(until, "--until")
    if since and until and since > until:
        raise click.ClickException(f"--since {since} is after --until {until}: nothing can be in that period.")
    store = open_read_only(store_path)
    try:
        graph = partnership_graph(store, since=since, until=until)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    return (graph, store) if keep_store else graph


def emit(rows: list[dict], fmt: str, columns: list[str], empty: str) -> None:
    """Rows as an aligned table, JSON or CSV (list values joined with "; ")."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    flat = [{c: "; ".join(map(str, r.get(c, ""))) if isinstance(r.get(c), list) else r.get(c, "")
             for c in columns} for r in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        click.echo(buffer.getvalue().rstrip("\n"))
        return
    if not rows:
        click.echo(empty)
        return
    cells = [[str(r[c]) for c in columns] for r in flat]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join((v if len(v) <= w else v[:w - 1] + "…").ljust(w) for v, w in zip(values, widths)).rstrip()

    click.echo("\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]))


@click.group()
def network():
    """Analyse the partnership network: who works with whom to keep children safe.

    The network is read from the store (fill it with `skg load`): organisations
    are nodes; an edge joins an authority and each partner its reports show it
    working with, two councils in a peer review, and an authority and each
    organisation its recommendations ask to act. --since/--until keep the
    reports of one period.

    \b
    Example:
        skg network summary --store .skg-store
        skg network shared "Essex County" Southend --store .skg-store
    """


@network.command("summary")
@store_option
@period_options
@FORMAT_OPTION
def summary_command(store_path, since, until, fmt):
    """Nodes by type, edges by kind, density and connected components.

    \b
    Example:
        skg network summary --store .skg-store --since 2018-01-01
    """
    from .network import summary

    facts = summary(load_graph(store_path, since, until))
    if fmt == "json":
        click.echo(json.dumps(facts, indent=2))
        return
    rows = [{"measure": k, "value": v} for k, v in facts.items() if not isinstance(v, dict)]
    rows += [{"measure": f"nodes: {t}", "value": n} for t, n in facts["nodes_by_type"].items()]
    rows += [{"measure": f"edges: {k}", "value": n} for k, n in facts["edges_by_kind"].items()]
    emit(rows, fmt, ["measure", "value"], "")


@network.command("central")
@store_option
@period_options
@click.option("--by", type=click.Choice(["degree", "betweenness", "eigenvector"]), default="degree",
              show_default=True, help="The centrality measure.")
@click.option("--type", "types", multiple=True, type=click.Choice(ORGANISATION_TYPES),
              help="Only organisations of this type (repeat for several).")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True, help="How many to list.")
@FORMAT_OPTION
def central_command(store_path, since, until, by, types, top, fmt):
    """The most central organisations of the network.

    Centrality is measured on the whole network; --type only filters the list.

    \b
    Example:
        skg network central --by betweenness --store .skg-store
        skg network central --type police-force --type nhs-trust --store .skg-store
    """
    from .network import central

    rows = central(load_graph(store_path, since, until), by=by, types=tuple(types), top=top)
    emit(rows, fmt, ["rank", "label", "type", "code", "score", "degree", "reports"],
         "No organisations in the network for this period and type.")


@network.command("shared")
@click.argument("first")
@click.argument("second")
@store_option
@period_options
@FORMAT_OPTION
def shared_command(first, second, store_path, since, until, fmt):
    """The partners that authorities FIRST and SECOND both work with, with evidence.

    FIRST and SECOND are GSS codes or parts of names. Each row is a shared
    partner in one report of either authority, with the page and the words
    where the report names it.

    \b
    Example:
        skg network shared E10000012 E06000033 --store .skg-store
    """
    from .network import shared

    graph, store = load_graph(store_path, since, until, keep_store=True)
    try:
        rows = shared(store, graph, first, second)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "table":
        partners = sorted({r["partner_label"] for r in rows})
        click.echo(f"{len(partners)} shared partner(s): {', '.join(partners) or 'none'}\n")
    emit(rows, fmt, ["partner_label", "partner_type", "authority_label", "date", "page", "quote", "report"],
         "No partner is shared by both authorities in this period.")


@network.command("communities")
@store_option
@period_options
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain's random seed.")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Above 1 gives smaller communities, below 1 larger ones.")
@FORMAT_OPTION
def communities_command(store_path, since, until, seed, resolution, fmt):
    """Communities of the network (Louvain, weighted by reports), largest first.

    \b
    Example:
        skg network communities --store .skg-store --format json
    """
    from .network import communities

    groups = communities(load_graph(store_path, since, until), seed=seed, resolution=resolution)
    if fmt == "json":
        click.echo(json.dumps(groups, indent=2, ensure_ascii=False))
        return
    rows = [{"community": g["community"], "size": g["size"], "label": m["label"], "type": m["type"],
             "organisation": m["organisation"]} for g in groups for m in g["members"]]
    emit(rows, fmt, ["community", "size", "label", "type", "organisation"], "The network is empty for this period.")


@network.command("projection")
@store_option
@period_options
@click.option("--on", "on", type=click.Choice(["authorities", "partners"]), default="authorities",
              show_default=True, help="Link authorities by shared partners, or partners by shared authorities.")
@FORMAT_OPTION
def projection_command(store_path, since, until, on, fmt):
    """The one-mode projection of the authority-partner graph, heaviest links first.

    \b
    Example:
        skg network projection --on authorities --store .skg-store
        skg network projection --on partners --store .skg-store --format csv
    """
    from .network import projection

    projected = projection(load_graph(store_path, since, until), on=on)
    rows = [{"first": projected.nodes[u]["label"], "second": projected.nodes[v]["label"], "weight": d["weight"],
             "shared": d["shared"], "first_iri": u, "second_iri": v}
            for u, v, d in projected.edges(data=True)]
    # the IRIs break ties of labels (two boards of one name): else the order of such rows followed
    # the order of networkx's sets, which changes from run to run
    rows = [dict(r, first=r["second"], second=r["first"], first_iri=r["second_iri"], second_iri=r["first_iri"])
            if (r["first"], r["first_iri"]) > (r["second"], r["second_iri"]) else r for r in rows]
    rows.sort(key=lambda r: (-r["weight"], r["first"], r["second"], r["first_iri"], r["second_iri"]))
    emit(rows, fmt, ["first", "second", "weight", "shared"],
         f"No two {on} share a {'partner' if on == 'authorities' else 'authority'} in this period.")


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: standard output; png and html need a file).")
@store_option
@period_options
def export_command(fmt, output, store_path, since, until):
    """Write the partnership network as FORMAT: graphml, gexf (Gephi), cytoscape
    (Cytoscape.js JSON), node-link (JSON), dot (Graphviz), csv (an edge list),
    svg or png (a picture with a legend), or html (an interactive page).

    \b
    Example:
        skg export gexf --output network.gexf --store .skg-store
        skg export svg --output network.svg --since 2018-01-01 --store .skg-store
        skg export html --output network.html --store .skg-store
    """
    if output is None and fmt in ("png", "html"):
        raise click.ClickException(f"{fmt} needs a file: give --output FILE.")
    graph = load_graph(store_path, since, until)
    if fmt == "html":
        from .html_page import write_html

        try:
            write_html(graph, output)
        except (OSError, ReportError) as exc:
            raise click.ClickException(f"could not write {output}: {exc}") from None
        click.echo(f"Wrote {output}: {graph.number_of_nodes()} organisations, {graph.number_of_edges()} links.")
        return
    from .exports import export

    data = export(graph, fmt)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"could not write {output}: {exc.strerror or exc}.") from None
    click.echo(f"Wrote {output}: {graph.number_of_nodes()} organisations, {graph.number_of_edges()} links.")
