"""`skg site OUTDIR`: every internal link of every page resolves to a written file, and the RDF parses."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from safeguarding_kg.cli import cli
from test_serve import ESSEX, EVIL, build_store


class Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append(value)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    store = build_store(folder)
    out = folder / "out" / "site"
    result = CliRunner().invoke(cli, ["site", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "resources" in result.output
    return out


def test_the_site_has_the_index_dataset_vocabulary_and_resources(site):
    for name in ("index.html", "style.css", ".well-known/void.html", ".well-known/void.ttl", "def/index.html",
                 "def/Report.html", "doc/local-authority/E10000012.html", "doc/local-authority/E10000012.ttl",
                 "doc/local-authority/E10000012.jsonld", "doc/local-authority/E10000012.nt",
                 "doc/local-authority/E10000012.rdf"):
        assert (site / name).is_file(), name
    assert not list(site.parent.glob(".site-*")), "the temporary directory was left behind"


def test_every_internal_link_resolves_to_a_file(site):
    broken = []
    pages = list(site.rglob("*.html"))
    texts: dict[Path, str] = {}

    def text(path: Path) -> str:
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8")
        return texts[path]

    assert len(pages) > 100
    for page in pages:
        parser = Hrefs()
        parser.feed(text(page))
        for href in parser.found:
            if urlsplit(href).scheme:  # the web: ONS, Wikidata, the licence
                assert urlsplit(href).scheme in ("http", "https"), href
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif fragment and f'id="{fragment}"' not in text(target):
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    assert not broken, broken[:10]


def test_every_rdf_file_parses(site):
    turtle = list(site.rglob("*.ttl"))
    for path in turtle:  # pyoxigraph reads all quickly; rdflib reads a sample of each format below
        ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    for path in site.rglob("*.nt"):
        ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    for stem in ("doc/local-authority/E10000012", ".well-known/void", "doc/police-force/essex"):
        for extension, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")):
            graph = Graph().parse(site / f"{stem}.{extension}", format=fmt)
            assert len(graph) > 0, (stem, extension)
    essex = Graph().parse(site / "doc/local-authority/E10000012.ttl", format="turtle")
    assert (URIRef(ESSEX), None, None) in essex


def test_pages_are_the_servers_pages_with_relative_links(site):
    page = (site / "doc/local-authority/E10000012.html").read_text(encoding="utf-8")
    assert '<h1>Essex County Council</h1>' in page
    assert 'href="../police-force/essex.html"' in page
    assert 'href="../../style.css"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and EVIL not in page
    assert not re.search(r'href="/', page), "a static page links by absolute path"


def test_rewriting_a_site_replaces_it_whole(tmp_path):
    from safeguarding_kg.site import write_site

    store = ox.Store()  # a tiny graph is enough to show the swap
    store.add(ox.Quad(ox.NamedNode(ESSEX), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("Essex County Council"), ox.NamedNode("https://safeguarding-kg.example.org/graph/x")))
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert write_site(store, "https://safeguarding-kg.example.org", out) == 1
    assert not (out / "stale.html").exists()
    assert "Essex County Council" in (out / "doc/local-authority/E10000012.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary or old directory left
