"""Pieces of serve and site that need no server: content negotiation, links, the update check, escaping."""
from __future__ import annotations

import pyoxigraph as ox

from safeguarding_kg import conneg
from safeguarding_kg.links import Links, site_file
from safeguarding_kg.pages import Pages
from safeguarding_kg.server import is_update

BASE = "https://safeguarding-kg.example.org"


def test_accept_headers_pick_the_best_offer():
    offered = conneg.DOCUMENT_TYPES
    assert conneg.choose("text/html,application/xhtml+xml,*/*;q=0.8", offered, conneg.HTML) == conneg.HTML
    assert conneg.choose("text/turtle;q=0.9, application/ld+json", offered, conneg.HTML) == "application/ld+json"
    assert conneg.choose("*/*", offered, conneg.HTML) == conneg.HTML
    assert conneg.choose(None, offered, conneg.HTML) == conneg.HTML
    assert conneg.choose("application/x-turtle", offered, conneg.HTML) == "text/turtle"
    assert conneg.choose("image/png", offered, conneg.HTML) is None
    assert conneg.choose("text/*, text/html;q=0", offered, conneg.HTML) == "text/turtle"


def test_format_names_and_extensions():
    assert conneg.from_format("json", for_rdf=False) == "application/sparql-results+json"
    assert conneg.from_format("json", for_rdf=True) == "application/ld+json"
    assert conneg.from_format("csv", for_rdf=True) is None
    assert conneg.split_extension("/doc/a/b.ttl") == ("/doc/a/b", "text/turtle")
    assert conneg.split_extension("/doc/a/b") == ("/doc/a/b", None)
    assert conneg.split_extension("/doc/a.b/c") == ("/doc/a.b/c", None)


def test_links_on_the_server_and_in_the_static_site():
    here = "/doc/local-authority/E10000012"
    served, static = Links(BASE), Links(BASE, static=True, here=here)
    police = f"{BASE}/id/police-force/essex"
    assert served.iri(police) == "/doc/police-force/essex"
    assert static.iri(police) == "../police-force/essex.html"
    assert static.iri(f"{BASE}/id/recommendation/x/1#evidence") == "../recommendation/x/1.html#evidence"
    assert static.path("/") == "../../index.html" and static.path("/style.css") == "../../style.css"
    assert static.iri(f"{BASE}/def/Report") == "../../def/Report.html"
    assert served.iri("javascript:alert(1)") is None and served.iri("http://example.org/x") == "http://example.org/x"
    assert site_file("/def/") == "def/index.html" and site_file("/doc/x", "ttl") == "doc/x.ttl"


def test_updates_are_told_from_queries():
    assert is_update("PREFIX a: <urn:a#>\nINSERT DATA { a:b a:c a:d }")
    assert is_update("# a comment\nDROP ALL")
    assert not is_update("PREFIX a: <urn:a#> SELECT * WHERE { ?s a:insert ?o }")
    assert not is_update("ASK { }")


def test_a_page_escapes_what_the_graph_says():
    store = ox.Store()
    thing = ox.NamedNode(f"{BASE}/id/organisation/evil")
    store.add(ox.Quad(thing, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal('<script>alert(1)</script> & "Partners"'), ox.NamedNode(f"{BASE}/doc/r")))
    store.add(ox.Quad(thing, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
                      ox.NamedNode("javascript:alert(2)"), ox.NamedNode(f"{BASE}/doc/r")))
    page = Pages(store, BASE).resource(thing.value)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Partners&#34;" in page
    assert 'href="javascript:' not in page
