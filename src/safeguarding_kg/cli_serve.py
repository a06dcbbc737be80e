"""`skg serve` and `skg site`: publish the store as linked data, live or as static files.

The library is server.py (the WSGI app), pages.py (HTML), describe.py (RDF of
one resource), dataset.py (VoID/DCAT) and site.py (the static site).
"""
from __future__ import annotations

import signal
from pathlib import Path

import click

from .errors import ReportError

STORE_HELP = "The store directory. Default: $SKG_STORE, else ~/.local/share/safeguarding-kg/store."
BASE_HELP = ("The base of the URIs to serve; a path /doc/x is the IRI {base}/doc/x whatever host and port "
             "serve it. Default: the base the store was built with.")


def _store_and_base(store_path: Path | None, base: str | None) -> tuple[Path, str]:
    from .build import DEFAULT_BASE
    from .server import store_base
    from .store import default_store_path

    path = Path(store_path) if store_path is not None else default_store_path()
    if not path.is_dir():
        raise click.ClickException(f"{path}: no store there; fill one with `skg build DIR --store {path}`.")
    try:
        built_with = store_base(path)
    except OSError as exc:
        raise click.ClickException(f"{path}: the store could not be opened ({exc}).") from None
    if base is not None and built_with is not None and base.rstrip("/") != built_with.rstrip("/"):
        raise click.ClickException(
            f"--base {base} is not the base the store was built with ({built_with}); its URIs would not "
            f"dereference. Serve it with --base {built_with}, or rebuild the store with --base {base}.")
    return path, (base or built_with or DEFAULT_BASE).rstrip("/")


@click.command("serve")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=STORE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; the default answers this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="The port (0: any free port).")
@click.option("--base", default=None, help=BASE_HELP)
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, None),
              help="Seconds a SPARQL query may run before it is stopped (HTTP 503).")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(1, None),
              help="Rows (or triples) a SPARQL answer may have (HTTP 413 past that).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes: SPARQL queries that can run at the same time.")
def serve_command(store_path, host, port, base, timeout, max_rows, workers):
    """Serve the store read-only over HTTP: pages, RDF for every URI, and a SPARQL endpoint.

    /id/... redirects (303) to /doc/..., which answers HTML, Turtle, JSON-LD,
    N-Triples or RDF/XML by Accept header or extension (.html .ttl .jsonld .nt
    .rdf); /sparql speaks the SPARQL 1.1 Protocol (queries only); /query is a
    page to run queries; /.well-known/void describes the dataset; /def/ documents
    the vocabulary.

    \b
    Example:
        skg serve --store .skg-store --port 8000
        curl -L -H 'Accept: text/turtle' http://127.0.0.1:8000/id/local-authority/E10000012
        skg query grades/latest --endpoint http://127.0.0.1:8000/sparql
    """
    from .server import App, serve

    path, base = _store_and_base(store_path, base)
    try:
        app = App(str(path), base, timeout=timeout, max_rows=max_rows, workers=workers)
    except OSError as exc:
        raise click.ClickException(f"{path}: the store could not be opened ({exc}).") from None
    # SIGTERM ends the server like Ctrl-C does, so the query workers are stopped too
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        serve(app, host=host, port=port, announce=lambda text: click.echo(text, err=True))
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    except OSError as exc:
        app.close()
        raise click.ClickException(f"could not listen on {host}:{port} ({exc.strerror or exc}); "
                                   "give another --port.") from None


@click.command("site")
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=STORE_HELP)
@click.option("--base", default=None, help="The base of the URIs. Default: the base the store was built with.")
@click.option("--endpoint", default=None, metavar="URL",
              help="A SPARQL endpoint that serves the same graph, named in the dataset description.")
def site_command(outdir, store_path, base, endpoint):
    """Write the pages and RDF files of every resource as a static site in OUTDIR.

    The same pages as `skg serve`, with relative links, so any web server (or
    the disk) can host them: index.html, .well-known/void.*, def/*, and
    doc/PATH.html, .ttl, .jsonld, .nt and .rdf for every resource. OUTDIR is
    replaced whole, atomically.

    \b
    Example:
        skg site out/site --store .skg-store
        python -m http.server --directory out/site 8080
    """
    import pyoxigraph as ox

    from .site import write_site

    path, base = _store_and_base(store_path, base)
    store = ox.Store.read_only(str(path))
    with click.progressbar(length=1, label="Pages", file=None) as bar:
        def progress(done, total):
            bar.length = total
            bar.update(1)

        try:
            count = write_site(store, base, outdir, endpoint=endpoint, progress=progress)
        except (ReportError, OSError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {outdir}: {count} resources, each as HTML, Turtle, JSON-LD, N-Triples and RDF/XML, "
               "with index.html, .well-known/void and def/.")
