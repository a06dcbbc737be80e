"""Parameters written into a query's text (inline.py) give the same answers as bound ones.

The embedded store writes parameters in as constants, and narrows an authority's
name to its one IRI, because Oxigraph starts its joins from constants; these tests
hold the answers to those of the plain binding (pyoxigraph's substitutions= or a
VALUES clause), on the demo graph, for every named query.
"""
from __future__ import annotations

import shlex
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from safeguarding_kg import inline, sparql
from safeguarding_kg.queries import catalogue

ROOT = Path(__file__).parents[1]
ESSEX = "https://safeguarding-kg.example.org/id/local-authority/E10000012"


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    store.load(path=str(ROOT / "graph.trig"), format=ox.RdfFormat.TRIG)
    return store


def rows(result):
    if isinstance(result, bool):
        return result
    return sorted(tuple(str(v) for v in row.values()) if isinstance(row, dict) else str(row) for row in result)


def answers(store, query, params):
    bound = sparql.bindings(query, params)
    return rows(sparql.wrap(sparql.execute(store, query, bound)))


# -- the same answers --------------------------------------------------------------------------

AUTHORITIES = ["Essex", "Southend", "Hertfordshire", "E10000012", "council", "Nowhere-on-Sea", "Dudley", "e"]


def example(query) -> dict:
    words = shlex.split(query.example)
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word in ("--param", "-p"))


PARTNERS = ["Essex Police", "essex police", "Cafcass", "NHS", "Police", "Nowhere Trust", "E23000007"]


def cases():
    for name, query in sorted(catalogue().items()):
        if query.param("authority") and query.param("authority").type == "text":
            for authority in AUTHORITIES:
                yield name, {**example(query), "authority": authority}
        elif query.param("partner") and query.param("partner").type == "text":
            for partner in PARTNERS:
                yield name, {**example(query), "partner": partner}
        elif name != "evidence/of-fact":  # its example's fact is not in the demo graph
            yield name, example(query)


@pytest.mark.parametrize("name,params", list(cases()))
def test_inlined_answers_are_the_bound_answers(store, name, params):
    query = catalogue()[name]
    assert answers(store, query, params) == answers(store, replace(query, inline=False), params)


def test_a_query_about_one_authority_is_narrowed_to_its_iri(store):
    query = catalogue()["grades/overall-history"]
    text = sparql._inlined(store, query, sparql.bindings(query, {"authority": "Essex"}))
    assert f"<{ESSEX}> skg:subjectAuthority" not in text and f"skg:subjectAuthority <{ESSEX}>" in text
    # a name several authorities share is not narrowed (the filter alone decides)
    text = sparql._inlined(store, query, sparql.bindings(query, {"authority": "council"}))
    assert "skg:subjectAuthority ?la" in text and '"council"' in text


OPTIONAL_AUTHORITY = """PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?authority ?report WHERE {
  GRAPH ?report { ?report a skg:Report .
    OPTIONAL { ?report skg:subjectAuthority ?la . ?la rdfs:label ?authorityName . OPTIONAL { ?la skos:notation ?code } } }
  FILTER(COALESCE(CONTAINS(LCASE(STR(?authorityName)), LCASE(?authority)) || COALESCE(STR(?code) = ?authority, false), true))
}"""


def test_an_optional_authority_is_not_narrowed(store):
    """A report without a subject passes the filter where ?la is optional: narrowing would lose it."""
    assert inline.narrowed(store, OPTIONAL_AUTHORITY, {"authority": ox.Literal("Essex")}) == {}
    other = catalogue()["grades/overall-history"]
    assert inline.narrowed(store, other.text, sparql.bindings(other, {"authority": "Essex"})) == \
        {"la": ox.NamedNode(ESSEX)}


# -- writing terms into the text -----------------------------------------------------------------


def test_a_variable_keeps_its_name_where_the_grammar_needs_one():
    text = "SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a <http://x/p> ?b FILTER(?a != ?b) } GROUP BY ?a ORDER BY DESC(?a) ?a"
    out = inline.inline(text, {"a": ox.NamedNode("http://x/1")})
    assert out == ("SELECT (<http://x/1> AS ?a) (COUNT(?b) AS ?n) WHERE { <http://x/1> <http://x/p> ?b "
                   "FILTER(<http://x/1> != ?b) } GROUP BY (<http://x/1>) ORDER BY DESC(<http://x/1>) (<http://x/1>)")
    ox.Store().query(out)  # and it parses


def test_a_variable_that_is_assigned_or_listed_is_not_inlined():
    one = {"a": ox.Literal("x")}
    assert inline.inline("SELECT ?b WHERE { ?s <http://x/p> ?o BIND(?o AS ?a) }", one) is None
    assert inline.inline("SELECT ?b WHERE { VALUES ?a { 1 } ?s <http://x/p> ?a }", one) is None
    assert inline.inline("SELECT * WHERE { ?s <http://x/p> ?a }", one) is None
    # a variable named in a comment or a string is left alone
    assert inline.inline('SELECT ?b WHERE { ?b <http://x/p> "?a" } # ?a', one) == 'SELECT ?b WHERE { ?b <http://x/p> "?a" } # ?a'


def test_a_value_cannot_break_out_of_its_place(store):
    hostile = 'Essex")) } } DELETE WHERE { ?s ?p ?o } #'
    query = catalogue()["grades/overall-history"]
    text = sparql._inlined(store, query, sparql.bindings(query, {"authority": hostile}))
    assert text.count("DELETE") == text.count('"Essex\\")) } } DELETE WHERE { ?s ?p ?o } #"') == 3  # each a string
    assert answers(store, query, {"authority": hostile}) == []


def test_a_partner_is_narrowed_to_the_one_organisation_its_name_can_be(store):
    query = catalogue()["partners/authorities-of-partner"]

    def narrowed(partner):
        return inline.narrowed(store, query.text, sparql.bindings(query, {"partner": partner}))

    essex_police = {"organisation": ox.NamedNode("https://safeguarding-kg.example.org/id/police-force/essex")}
    assert narrowed("Essex Police") == narrowed("essex police") == essex_police
    assert narrowed("Police") == {}  # several forces: the filter alone decides
    assert narrowed("Nowhere Trust") == {"organisation": inline.NO_SUCH_ORGANISATION}  # none: no rows, found at once
    assert answers(store, query, {"partner": "Essex Police"})


def test_two_authorities_are_narrowed_each_by_its_own_parameter(store):
    query = catalogue()["partners/shared"]
    found = inline.narrowed(store, query.text, sparql.bindings(query, {"authority": "Essex", "other": "Southend"}))
    assert found == {"la": ox.NamedNode(ESSEX),
                     "otherLa": ox.NamedNode("https://safeguarding-kg.example.org/id/local-authority/E06000033")}


def test_a_code_that_is_not_only_the_authoritys_stops_the_narrowing(store):
    """If ?code could be another organisation's, a row could pass the filter by that code."""
    query = catalogue()["grades/overall-history"]
    bound = sparql.bindings(query, {"authority": "Essex"})
    assert inline.narrowed(store, query.text, bound)
    another_body = query.text.replace("OPTIONAL { ?la skos:notation ?code }",
                                      "OPTIONAL { ?la skos:notation ?code } OPTIONAL { ?x skos:notation ?code }")
    assert another_body != query.text and inline.narrowed(store, another_body, bound) == {}
    not_its_own = query.text.replace("OPTIONAL { ?la skos:notation ?code }", "OPTIONAL { ?x skos:notation ?code }")
    assert not_its_own != query.text and inline.narrowed(store, not_its_own, bound) == {}


def test_a_query_can_ask_to_be_bound_rather_than_inlined(store):
    text = catalogue()["grades/overall-history"].text.replace("#+ params:", "#+ inline: no\n#+ params:", 1)
    query = sparql.parse_query(text, "grades/overall-history")
    assert not query.inline
    bound = sparql.bindings(query, {"authority": "Essex"})
    assert sparql._inlined(store, query, bound) is None
    assert answers(store, query, {"authority": "Essex"}) == \
        answers(store, catalogue()["grades/overall-history"], {"authority": "Essex"})


def test_the_authority_names_follow_each_change_of_the_store(tmp_path):
    """The store keeps its authorities' names per generation: a report of a second authority
    whose name also contains the text must stop the narrowing to the first."""
    from safeguarding_kg.store import open_store

    reports = ROOT / "reports"
    query = catalogue()["grades/overall-history"]
    bound = sparql.bindings(query, {"authority": "ou"})  # Essex County ...; later Southend-on-Sea too
    from safeguarding_kg.store import GENERATION

    def generation(store):
        return [q.object.value for q in store.store.quads_for_pattern(None, GENERATION, None, None)]

    with open_store(tmp_path / "store") as store:
        store.load_report(reports / "essex_2019-01-07_childrens-services-inspection.pdf")
        first = generation(store)
        assert inline.narrowed(store.store, query.text, bound) == {"la": ox.NamedNode(ESSEX)}
        assert [generation for generation, _ in inline._NAMES_BY_GENERATION] == first  # kept for this generation
        store.load_report(reports / "southend-on-sea_2019-08-27_childrens-services-inspection.pdf")
        assert len(first) == 1 and len(generation(store)) == 1 and generation(store) != first
        assert inline.narrowed(store.store, query.text, bound) == {}
        both = {row["authorityName"] for row in store.query("grades/overall-history", authority="ou")}
        assert both == {"Essex County Council", "Southend-on-Sea Borough Council"}


UNION_OF_SIDES = """PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?authority ?report WHERE {
  { GRAPH ?report { ?report skg:subjectAuthority ?la . ?la rdfs:label ?authorityName . OPTIONAL { ?la skos:notation ?code } } }
  UNION
  { GRAPH ?report { ?report a skg:Report }
    { SELECT DISTINCT ?la ?authorityName ?code WHERE {
        GRAPH ?any { ?any skg:subjectAuthority ?la . ?la rdfs:label ?authorityName . OPTIONAL { ?la skos:notation ?code } } } } }
  FILTER(COALESCE(CONTAINS(LCASE(STR(?authorityName)), LCASE(?authority)) || COALESCE(STR(?code) = ?authority, false), true))
}"""


def test_an_authority_in_every_branch_of_a_union_is_narrowed(store):
    """Each branch has the authority and its name (itself or from a sub-select it joins), so
    every row passing the filter is the one authority's (partners/shared has this shape)."""
    essex = {"authority": ox.Literal("Essex")}
    assert inline.narrowed(store, UNION_OF_SIDES, essex) == {"la": ox.NamedNode(ESSEX)}
    # a branch where the sub-select does not give the name: a row there passes the filter unnamed
    unnamed = UNION_OF_SIDES.replace("SELECT DISTINCT ?la ?authorityName ?code", "SELECT DISTINCT ?la ?code")
    assert unnamed != UNION_OF_SIDES and inline.narrowed(store, unnamed, essex) == {}
    # nor in an OPTIONAL
    optional = UNION_OF_SIDES.replace("{ SELECT DISTINCT", "OPTIONAL { SELECT DISTINCT")
    assert optional != UNION_OF_SIDES and inline.narrowed(store, optional, essex) == {}
    # a sub-select's ?la it does not project is a variable of its own: the IRI must not replace it
    own = UNION_OF_SIDES.replace("WHERE {\n  {", "WHERE {\n  { SELECT ?x WHERE { ?x skg:subjectAuthority ?la } }\n  {", 1)
    assert own != UNION_OF_SIDES and inline.narrowed(store, own, essex) == {}
    for text in (UNION_OF_SIDES, unnamed, optional, own):
        query = sparql.parse_query(text)
        assert answers(store, query, {"authority": "Essex"}) == \
            answers(store, replace(query, inline=False), {"authority": "Essex"})


# -- a client's text with the name written in (skg serve's /sparql) ------------------------------

@pytest.mark.parametrize("name,params", [case for case in cases() if {"authority", "partner"} & set(case[1])])
def test_a_written_in_name_is_narrowed_to_the_same_answer(store, name, params):
    """What `skg query --endpoint` sends (the name written in as a string) narrowed by the server
    as the named query would be, with the answer of the text as it came."""
    query = catalogue()[name]
    sent = sparql.endpoint_text(query, sparql.bindings(query, params))
    text = inline.narrowed_text(store, sent)
    assert rows(store.query(text)) == rows(store.query(sent))
    if inline.narrowed(store, query.text, sparql.bindings(query, params)):
        assert text != sent  # narrowed where the named query is


def test_a_written_in_name_narrows_the_organisation_and_keeps_the_filter(store):
    query = catalogue()["grades/overall-history"]
    sent = sparql.endpoint_text(query, sparql.bindings(query, {"authority": "Essex"}))
    text = inline.narrowed_text(store, sent)
    assert f"skg:subjectAuthority <{ESSEX}>" in text and 'LCASE("Essex")' in text
    # a name several authorities share, a string with escapes, or a filter in an OPTIONAL: unchanged
    shared = sparql.endpoint_text(query, sparql.bindings(query, {"authority": "council"}))
    assert inline.narrowed_text(store, shared) == shared
    quoted = sparql.endpoint_text(query, sparql.bindings(query, {"authority": 'Es"sex\\'}))
    assert inline.narrowed_text(store, quoted) == inline.inline(quoted, {"la": inline.NO_SUCH_ORGANISATION})
    optional = OPTIONAL_AUTHORITY.replace("LCASE(?authority)", 'LCASE("Essex")').replace("= ?authority", '= "Essex"')
    assert inline.narrowed_text(store, optional) == optional


def test_the_endpoint_narrows_only_a_store_as_skg_fills_it(store):
    """query_pool narrows where the default graph names no organisation (the names are read
    from the named graphs), not where it holds names the narrowing would miss."""
    from safeguarding_kg import query_pool

    query = catalogue()["grades/overall-history"]
    sent = sparql.endpoint_text(query, sparql.bindings(query, {"authority": "Essex"}))
    assert query_pool._narrowed(store, sent) == inline.narrowed_text(store, sent) != sent
    other = ox.Store()
    other.extend(store.quads_for_pattern(None, None, None, None))
    other.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c"), ox.DefaultGraph()))
    assert query_pool._narrowed(other, sent) != sent  # the dataset's description is there too
    other.add(ox.Quad(ox.NamedNode("urn:x:a"), inline.NAMING_PREDICATES[2], ox.Literal("Essex"), ox.DefaultGraph()))
    assert query_pool._narrowed(other, sent) == sent
    assert query_pool._narrowed(store, "SELECT nonsense") == "SELECT nonsense"
