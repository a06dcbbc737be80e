"""`skg load`, `skg remove`, `skg stats`: fill the on-disk store and see what is in it.

The library is safeguarding_kg.store (open_store, SkgStore); these commands
parse options, call it and print. `store_option` is the one --store option,
shared with `skg build` and any other command that reads the store.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from .config import DEFAULT_BASE
from .errors import ReportError

STORE_HELP = ("The store directory (created if absent). Default: $SKG_STORE, else the config "
              "file's store (skg.toml), else ~/.local/share/safeguarding-kg/store.")
BASE_HELP = ("Base of every minted URI ({base}/id/..., {base}/doc/..., {base}/def/...). "
             "Default: $SKG_BASE, else the config file's base (skg.toml), else " + DEFAULT_BASE + ".")


def base_default() -> str:
    """--base's default, looked up when a command runs: $SKG_BASE, the config file, the built-in."""
    from .config import default_base

    try:
        return default_base()
    except ReportError as exc:
        raise click.UsageError(str(exc)) from None


def base_option(function):
    return click.option("--base", default=base_default, show_default=False, help=BASE_HELP)(function)


def store_option(function):
    return click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help=STORE_HELP)(function)


def open_for_cli(store_path: Path | None, base: str | None = None):
    from .store import open_store

    try:
        return open_store(store_path, base=base)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None


def load_order(paths: list[Path]) -> list[Path]:
    """Files as given, a directory's reports in name order; PDFs first, so that a text
    copy of a report already loaded from its PDF is skipped rather than loaded and replaced."""
    from .build import report_files

    files = [f for p in paths for f in (report_files(p) if p.is_dir() else [p])]
    return sorted(files, key=lambda f: not f.name.lower().endswith(".pdf"))


def store_filler(store_path: Path, base: str):
    """`skg build --store`: what fills the store with a build's reports (a build.BuildResult),
    run by the build while it writes the graph files. Returns the one-line summary, or the
    ReportError that stopped it (the build reports it after its own summary)."""
    def fill(result) -> str | ReportError | None:
        if not result.reports:
            return None  # nothing was built: the build says so
        from .store import open_store

        try:
            with open_store(store_path, base=base) as store:
                counts = store.put_built(result.reports, graph_triples=result.wait_for_files)
                summary = ", ".join(f"{counts[what]} {what}" for what in ("added", "replaced", "unchanged"))
                return f"Store {store.path}: {summary}; {counts['in the store']} report(s) in the store."
        except ReportError as exc:
            return exc
        except OSError as exc:  # the store's disk, not the build's files
            return ReportError(f"the store {store_path} could not be filled: {exc.strerror or exc}.")

    return fill


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@base_option
def load(files: tuple[Path, ...], store_path: Path | None, base: str):
    """Load report FILES (or directories of them) into the store.

    A report whose graph is unchanged is left alone; a changed one replaces its
    named graph, and only that, in one transaction. A file that cannot be read
    is reported in one line and the others are still loaded (exit status 1).

    \b
    Example:
        skg load reports/essex_2023-08-11_childrens-services-inspection.pdf --store .skg-store
        skg load reports --store .skg-store
    """
    from .store import DuplicateReport

    failed = 0
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "skipped": 0}
    with open_for_cli(store_path, base) as store:
        store.load_static()
        try:
            for path in load_order(list(files)):
                try:
                    status = store.load_report(path, describe=False)
                except DuplicateReport as exc:
                    counts["skipped"] += 1
                    click.echo(f"skipped {exc}", err=True)
                    continue
                except ReportError as exc:
                    failed += 1
                    click.echo(f"error: {exc}", err=True)
                    continue
                counts[status] += 1
                click.echo(f"{status:<9} {path.name}")
        finally:  # the description and summaries follow the change once, after the last report
            if counts["added"] or counts["replaced"]:
                store.describe()
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        click.echo(f"{store.path}: {summary}, {failed} failed; {len(store.reports())} report(s) in the store.")
    if failed:
        raise SystemExit(1)


@click.command()
@click.argument("report")
@store_option
def remove(report: str, store_path: Path | None):
    """Drop one REPORT's named graph from the store: its IRI or its file's name.

    \b
    Example:
        skg remove essex_2023-08-11_childrens-services-inspection.pdf --store .skg-store
    """
    with open_for_cli(store_path) as store:
        if not store.remove_report(report):
            raise click.ClickException(
                f"no report {report!r} in {store.path}; `skg stats` lists the reports and their files.")
        click.echo(f"removed {report}; {len(store.reports())} report(s) left in {store.path}.")


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table for people, json for scripts.")
def stats(store_path: Path | None, fmt: str):
    """Print what the store holds: things by class, and each report's counts.

    \b
    Example:
        skg stats --store .skg-store
    """
    with open_for_cli(store_path) as store:
        counts = store.stats()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
    else:
        click.echo(stats_table(counts))


def stats_table(counts: dict) -> str:
    from .tables import _rows

    lines = [f"store    {counts['store']}", f"reports  {counts['reports']}", f"quads    {counts['quads']}"]
    lines += _rows("Things in the reports, by class", ("class", "count"), list(counts["classes"].items()))
    lines += _rows("Reports", ("file", "triples", "judgements", "recommendations", "organisations", "graph"),
                   [(r["source"], r["triples"], r["judgements"], r["recommendations"], r["organisations"],
                     r["report"].split("/doc/", 1)[-1]) for r in counts["per_report"]])
    return "\n".join(lines)


@click.command()
@store_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.ttl"),
              show_default=True, help="The Turtle file; the .trig and .nq files go beside it.")
def dump(store_path: Path | None, output: Path):
    """Write the store as graph.ttl (the union), graph.trig and graph.nq (a named graph per report).

    A store filled by `skg build DIR --store S` dumps to the same bytes the build wrote.

    \b
    Example:
        skg dump --store .skg-store --output graph.ttl
    """
    from .dump import export_store

    with open_for_cli(store_path) as store:
        try:
            counts = export_store(store, output)
        except ReportError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{', '.join(counts['files'])}: {counts['triples']} triples, "
               f"{counts['reports']} report(s), {counts['graphs']} named graphs.")
