"""`skg site OUTDIR`: the server's pages and RDF as files any web server can host.

The same Pages functions as `skg serve`, with relative links to files:
    index.html, style.css
    .well-known/void.{html,ttl,jsonld,nt,rdf}     the dataset description
    def/index.{html,...}, def/{term}.{html,...}  the vocabulary
    doc/{path}.{html,ttl,jsonld,nt,rdf}          every resource under the base
A web server that should answer /id/{path} with 303 to /doc/{path}, and
/doc/{path} by content negotiation, needs a rewrite rule (see the README).

The site is written into a temporary directory beside OUTDIR and renamed into
place at the end, so OUTDIR is never half written.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from . import conneg
from .describe import description, doc_path_for, graph_triples, manifest_graph
from .errors import ReportError
from .links import site_file
from .pages import Pages, stylesheet
from .vocab import DEF, PREFIXES


def resources(store: ox.Store, base: str) -> list[str]:
    """Every IRI with a page: subjects and objects under the base or the vocabulary, less #fragments."""
    base = base.rstrip("/")
    manifest = manifest_graph(base)
    found = set()
    for quad in store.quads_for_pattern(None, None, None):
        if quad.graph_name == manifest:
            continue
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and "#" not in term.value and term.value != DEF \
                    and doc_path_for(term.value, base) is not None:
                found.add(term.value)
    graphs = {base + "/graph/" + name for name in ("reference", "ontology", "manifest")}
    return sorted(found - graphs)


def write_site(store: ox.Store, base: str, outdir: str | Path, endpoint: str | None = None,
               progress=None) -> int:
    """Write the site; returns how many resources have pages."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ReportError(f"{outdir}: is a file; give skg site a directory.")
    outdir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{outdir.name}-", dir=outdir.parent))
    try:
        count = _write(store, base, temporary, endpoint, progress)
        os.chmod(temporary, 0o755)
        if outdir.exists():  # swap: the old site out, the new one in, then the old one away
            old = outdir.with_name(f".{outdir.name}-old-{os.getpid()}")
            os.replace(outdir, old)
            os.replace(temporary, outdir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, outdir)
        return count
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _put(root: Path, relative: str, data: str | bytes):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _put_all(root: Path, page_path: str, html: str, triples):
    page_path = unquote(page_path)  # hrefs are %-encoded, file names are not
    _put(root, site_file(page_path, "html"), html)
    for media, (extension, _) in conneg.RDF_TYPES.items():
        _put(root, site_file(page_path, extension), conneg.serialize_rdf(triples, media, PREFIXES))


def _write(store: ox.Store, base: str, root: Path, endpoint: str | None, progress) -> int:
    from .dataset import description as dataset_description

    pages = Pages(store, base, static=True, endpoint=endpoint)
    _put(root, "index.html", pages.index())
    _put(root, "style.css", stylesheet())
    _put_all(root, "/.well-known/void", pages.dataset(), dataset_description(store, base, endpoint))
    _put_all(root, "/def/", pages.ontology(), graph_triples(store, base.rstrip("/") + "/graph/ontology"))
    iris = resources(store, base)
    for n, iri in enumerate(iris, 1):
        if n % 500 == 0:
            pages = Pages(store, base, static=True, endpoint=endpoint)  # keep the label cache small
        _put_all(root, doc_path_for(iri, base), pages.resource(iri), description(store, iri, base))
        if progress:
            progress(n, len(iris))
    return len(iris)
