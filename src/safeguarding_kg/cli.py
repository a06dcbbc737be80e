"""The `skg` command: a thin click layer over the library; each command is a few lines."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli_store import base_option
from .errors import ReportError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="safeguarding-kg")
def cli():
    """Inspection reports about English children's services, as a linked-data knowledge graph.

    \b
    Example:
        skg extract reports/002_f648c9875aa70f28.txt
        skg build reports --output graph.ttl
        skg validate graph.ttl
    """


@cli.command()
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table for people, json for scripts (the extraction contract).")
def extract(report: Path, fmt: str):
    """Print what was found in one REPORT (.txt or .pdf).

    \b
    Example:
        skg extract reports/000_371523681b96652b.txt --format json
    """
    from .extract import extract as extract_report
    from .records import to_json
    from .tables import record_table

    try:
        record = extract_report(report)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(to_json(record), indent=2, ensure_ascii=False))
    else:
        click.echo(record_table(record))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.ttl"), show_default=True,
              help="The Turtle file; graph.trig and graph.nq (one named graph per report) go beside it.")
@base_option
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also put the graphs in this on-disk store (see `skg load`); changed reports replace "
                   "their named graph, unchanged ones are left alone.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting reports at once  [default: the number of cores]; 1 extracts "
                   "in this process.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep what each report gave here, so a rebuild extracts only changed files  "
                   "[default: .skg-cache beside the output].")
@click.option("--no-cache", is_flag=True, help="Extract every report; neither read nor write a cache.")
@click.option("--strict", is_flag=True,
              help="Any report that cannot be loaded is an error: exit 1 and write nothing "
                   "(duplicates are not errors).")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary: only errors (reports that could not be loaded).")
def build(directory: Path, output: Path, base: str, store_path: Path | None, jobs: int | None,
          cache_dir: Path | None, no_cache: bool, strict: bool, quiet: bool):
    """Load every report in DIRECTORY into one graph and write it.

    A report that cannot be read is reported and skipped; the others are built.
    Duplicates (the same file under two names, the same report as text and as
    PDF) are loaded once. Reports are extracted in parallel, with a progress bar
    on stderr; a report unchanged since the last build comes from the cache.

    \b
    Example:
        skg build reports --output graph.ttl
        skg build reports --store .skg-store --output graph.ttl
        skg build reports --jobs 4 --strict --quiet
    """
    import os

    from .build import build_graph

    cache = None if no_cache else (cache_dir or output.parent / ".skg-cache")
    bar = None if quiet else _ReportBar()
    fill = None
    if store_path is not None:  # filled while the graph files are written
        from .cli_store import store_filler

        fill = store_filler(store_path, base)
    try:
        result = build_graph(directory, output, base=base, jobs=jobs or os.cpu_count() or 1,
                             cache=cache, strict=strict, on_report=bar, meanwhile=fill)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar:
            bar.close()
    duplicates = {name for name, _ in result.duplicates}
    for name, why in result.skipped:
        if quiet and name in duplicates:
            continue
        # most reasons are ReportError sentences that already start with the file's name
        click.echo(f"skipped {why}" if why.startswith(name) else f"skipped {name}: {why}", err=True)
    if not quiet:
        click.echo(result.summary())
    if not result.loaded:
        raise click.ClickException(f"no report in {directory} could be loaded.")
    if isinstance(result.meanwhile, ReportError):
        raise click.ClickException(str(result.meanwhile))
    if result.meanwhile:
        click.echo(result.meanwhile)


class _ReportBar:
    """click's progress bar on stderr, opened when the build knows how many reports there are."""

    def __init__(self):
        self.bar = None

    def __call__(self, progress):
        if self.bar is None:
            self.bar = click.progressbar(length=progress.total, label="Reports", file=sys.stderr,
                                         show_pos=True, show_eta=False, item_show_func=lambda text: text)
            self.bar.__enter__()
        rate = progress.done / progress.elapsed if progress.elapsed > 0 else 0.0
        self.bar.update(1, f"{progress.skipped} skipped, {progress.cached} from the cache, {rate:.1f}/s")

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.argument("graph", required=False, default="graph.ttl",
                type=click.Path(dir_okay=False, path_type=Path))
def validate(graph: Path):
    """Check GRAPH (Turtle, TriG or N-Quads; default graph.ttl) against the SHACL shapes.

    Prints each violation in words and exits 1 if there are any.

    \b
    Example:
        skg validate graph.ttl
    """
    from .validate import validate_file

    try:
        violations = validate_file(graph)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    if not violations:
        click.echo(f"{graph}: conforms to the shapes.")
        return
    for v in violations:
        click.echo(v)
    click.echo(f"{graph}: {len(violations)} violation(s).")
    sys.exit(1)


from .cli_entities import entities  # noqa: E402

cli.add_command(entities)

from .cli_store import dump, load, remove, stats  # noqa: E402

cli.add_command(dump)
cli.add_command(load)
cli.add_command(remove)
cli.add_command(stats)

from .cli_query import query_command, queries_command  # noqa: E402

cli.add_command(queries_command)
cli.add_command(query_command)

from .cli_network import export_command, network  # noqa: E402

cli.add_command(network)
cli.add_command(export_command)

from .cli_serve import serve_command, site_command  # noqa: E402

cli.add_command(serve_command)
cli.add_command(site_command)

from .cli_publish import publish_command  # noqa: E402

cli.add_command(publish_command)

from .cli_evidence import evidence_command  # noqa: E402

cli.add_command(evidence_command)

if __name__ == "__main__":  # pragma: no cover
    cli()
