"""The named queries of queries/: every one answers what reports/ says, and the runner
binds parameters, reports errors and writes answers as documented.

The store is the committed graph.trig (built from reports/) loaded in memory once.
"""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from safeguarding_kg import sparql
from safeguarding_kg.cli import cli
from safeguarding_kg.queries import QueryError, Rows, Triples, catalogue, find, run

ROOT = Path(__file__).parents[1]
GRAPH_TRIG = ROOT / "graph.trig"
ESSEX, SOUTHEND = "Essex County Council", "Southend-on-Sea Borough Council"

# The parameters each query is run with here and in test_query_server.py.
PARAMS = {
    "evidence/of-fact": None,  # the fact's IRI is looked up first (see fact_iri)
    "evidence/search": {"words": "return home interview"},
    "export/judgements": {"authority": "Essex"},
    "grades/judgements": {"authority": "Essex", "area": "overall"},
    "grades/distribution": {},
    "grades/latest": {"authority": "Southend"},
    "grades/overall-history": {"authority": "Essex"},
    "grades/weak-since": {"since": "2020-01-01"},
    "network/partnership-edges": {},
    "partners/authorities-of-partner": {"partner": "Essex Police"},
    "partners/by-code": {},
    "partners/nhs-bodies": {"type": "nhs-trust"},
    "partners/of-authority": {"authority": "Hertfordshire"},
    "partners/police-forces": {},
    "partners/shared": {"authority": "Essex", "other": "Southend"},
    "recommendations/addressees": {"authority": "Essex"},
    "recommendations/by-theme": {"theme": "domestic (abuse|violence)"},
    "recommendations/by-timescale": {},
    "recommendations/list": {"authority": "Dudley", "since": "2018-01-01"},
    "reports/loaded": {},
    "reports/previous-inspections": {"authority": "Essex"},
    "statistics/over-time": {"authority": "E10000012", "measure": "looked-after-children"},
}


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    store.load(path=str(GRAPH_TRIG), format=ox.RdfFormat.TRIG)
    return store


def fact_iri(store) -> str:
    """Essex's overall effectiveness judgement of its 2023 inspection."""
    rows = run(store, "grades/judgements", authority="Essex", area="overall effectiveness")
    return next(r["judgement"] for r in rows if r["startDate"] == "2023-06-26")


def example_params(name: str) -> dict:
    """The parameters of the query's `#+ example:` line."""
    words = shlex.split(find(name).example)
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word in ("--param", "-p"))


def params_for(name: str, store) -> dict:
    if name == "evidence/of-fact":
        return {"fact": fact_iri(store)}
    return PARAMS[name] if name in PARAMS else example_params(name)


# -- the catalogue ----------------------------------------------------------------------------


def test_at_least_fifteen_queries_each_with_summary_description_and_example():
    named = catalogue()
    assert len(named) >= 15
    for name, query in named.items():
        assert query.summary and query.description, name
        assert query.example.startswith(f"skg query {name}"), name
        assert re.search(r"(?m)^PREFIX skg: <https://safeguarding-kg.example.org/def/>", query.text), name


def test_every_query_has_a_test_here():
    # queries/network/ also holds the network analysis' projections, tested with it
    # (tests/test_network*.py); the server test runs those too, with their examples.
    # queries/summary/ read the store's summary graph (not in graph.trig): tests/test_summary_graph.py
    mine = {name for name in catalogue() if not name.startswith(("network/", "summary/"))} | {"network/partnership-edges"}
    assert mine == set(PARAMS)


def test_every_example_runs_as_written(store):
    for name in catalogue():
        result = run(store, name, **example_params(name))
        assert name not in PARAMS or len(result) > 0, name


def test_a_file_without_summary_is_an_error(tmp_path):
    (tmp_path / "good.rq").write_text("#+ summary: fine\nSELECT * WHERE { ?s ?p ?o }\n")
    (tmp_path / "bad.rq").write_text("#+ description: no summary\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="bad.rq has no '#\\+ summary:'"):
        catalogue(tmp_path)


def test_a_parameter_must_be_a_projected_variable(tmp_path):
    (tmp_path / "q.rq").write_text("#+ summary: s\n#+ params:\n#+   - who: text, optional. x\n"
                                   "SELECT ?s WHERE { ?s ?p ?who }\n")
    with pytest.raises(QueryError, match=r"must list its parameter \?who"):
        catalogue(tmp_path)
    (tmp_path / "q.rq").write_text("#+ summary: s\n#+ params:\n#+   - who: text, optional. x\n"
                                   "SELECT ?s WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="'who' is not a variable"):
        catalogue(tmp_path)


def test_a_malformed_parameter_line_is_an_error(tmp_path):
    (tmp_path / "q.rq").write_text("#+ summary: s\n#+ params:\n#+   - who, whatever\nSELECT ?who WHERE { ?s ?p ?who }\n")
    with pytest.raises(QueryError, match="cannot read the parameter line"):
        catalogue(tmp_path)


# -- each query's answer -------------------------------------------------------------------------


def answer(store, name):
    return run(store, name, **params_for(name, store))


def test_reports_loaded(store):
    rows = answer(store, "reports/loaded").to_dicts()
    assert len(rows) >= 18 and all(r["framework"] and r["source"] for r in rows)
    essex_2023 = next(r for r in rows if r["authorityName"] == ESSEX and r["startDate"] == "2023-06-26")
    assert essex_2023["framework"] == "ilacs" and essex_2023["documentType"] == "inspection-report"
    assert essex_2023["endDate"] == "2023-06-30" and essex_2023["leadInspector"] == "Kendra Bell"
    assert essex_2023["source"] == "essex_2023-08-11_childrens-services-inspection.pdf"
    only_essex = run(store, "reports/loaded", authority="E10000012")
    assert {r["authorityName"] for r in only_essex} == {ESSEX}


def test_previous_inspections(store):
    rows = answer(store, "reports/previous-inspections").to_dicts()
    assert {r["authorityName"] for r in rows} == {ESSEX}
    assert {"citedIn": "2023-06-26", "judged": "overall-effectiveness", "inspectionDate": "2018",
            "grade": "outstanding"}.items() <= next(r for r in rows if r["citedIn"] == "2023-06-26").items()


def test_judgements(store):
    rows = answer(store, "grades/judgements").to_dicts()
    by_date = {r["startDate"]: r["grade"] for r in rows if r["scope"] in (None, "safeguarding")}
    assert by_date["2011-09-06"] == "adequate" and by_date["2014-01-14"] == "good"
    assert by_date["2018-11-19"] == "outstanding" and by_date["2023-06-26"] == "outstanding"
    assert all(r["judgementArea"].lower() == "overall effectiveness" and r["rank"] in (1, 2, 3, 4) for r in rows)


def test_latest_grades(store):
    rows = answer(store, "grades/latest").to_dicts()
    assert {r["authorityName"] for r in rows} == {SOUTHEND}
    overall = [r for r in rows if r["judgementArea"] == "Overall effectiveness"]
    assert [(r["grade"], r["startDate"], r["framework"]) for r in overall] == [("good", "2024-10-14", "ilacs")]
    # an area last judged in 2016 keeps its 2016 grade
    lscb = [r for r in rows if "Local Safeguarding Children Board" in r["judgementArea"]]
    assert lscb and all(r["startDate"] == "2016-04-25" for r in lscb)


def test_overall_history_essex_adequate_in_2011_to_outstanding_in_2023(store):
    rows = answer(store, "grades/overall-history").to_dicts()
    assert [(r["startDate"][:4], r["grade"], r["movement"]) for r in rows] == [
        ("2011", "adequate", ""), ("2014", "good", "better"),
        ("2018", "outstanding", "better"), ("2023", "outstanding", "same")]
    assert rows[1]["previousGrade"] == "adequate" and rows[1]["previousStartDate"] == "2011-09-06"


def test_overall_history_of_every_authority(store):
    rows = run(store, "grades/overall-history").to_dicts()
    dudley = [(r["grade"], r["movement"]) for r in rows if r["authorityName"].startswith("Dudley")]
    assert ("inadequate", "worse") in dudley and ("requires-improvement-to-be-good", "better") in dudley


def test_weak_since(store):
    rows = answer(store, "grades/weak-since").to_dicts()
    assert all(r["startDate"] >= "2020-01-01" for r in rows)
    assert all(r["grade"] in ("inadequate", "requires-improvement", "requires-improvement-to-be-good") for r in rows)
    assert {r["authorityName"] for r in rows} == {"Dudley Metropolitan Borough Council", SOUTHEND}
    assert any(r["authorityName"] == SOUTHEND and r["judgementArea"] ==
               "The experiences and progress of children in care" for r in rows)
    # the default is since 2015: Dudley's inadequate 2016 inspection is in
    default = run(store, "grades/weak-since").to_dicts()
    assert any(r["grade"] == "inadequate" and r["startDate"] == "2016-01-11" for r in default)


def test_grade_distribution(store):
    rows = run(store, "grades/distribution").to_dicts()
    ilacs = {r["grade"]: r for r in rows if r["framework"] == "ilacs"}
    assert ilacs["outstanding"]["inspections"] == 3 and ilacs["outstanding"]["authorities"] == 2


def test_recommendations_immediately(store):
    rows = answer(store, "recommendations/by-timescale").to_dicts()
    essex = [r["text"] for r in rows if r["authorityName"] == ESSEX]
    assert any("with Essex Police, the backlog of domestic abuse notifications" in t for t in essex)
    assert len(essex) == 4
    three_months = run(store, "recommendations/by-timescale", timescale="within-3-months").to_dicts()
    assert "Dudley Metropolitan Borough Council" in {r["authorityName"] for r in three_months}
    assert not {r["recommendation"] for r in three_months} & {r["recommendation"] for r in rows}


def test_recommendations_list(store):
    rows = answer(store, "recommendations/list").to_dicts()
    assert {r["authorityName"] for r in rows} == {"Dudley Metropolitan Borough Council"}
    assert all(r["startDate"] >= "2018-01-01" for r in rows)
    assert "Frontline workforce sufficiency." in {r["text"] for r in rows}


def test_recommendations_by_theme(store):
    rows = answer(store, "recommendations/by-theme").to_dicts()
    assert rows and all(re.search("domestic (abuse|violence)", r["text"], re.I) for r in rows)
    assert any(r["authorityName"] == ESSEX and r["year"] == "2011" for r in rows)
    missing = run(store, "recommendations/by-theme").to_dicts()  # the default theme: missing
    assert {ESSEX, "Hertfordshire County Council"} <= {r["authorityName"] for r in missing}
    assert [r["year"] for r in missing] == sorted(r["year"] for r in missing)


def test_recommendation_addressees(store):
    rows = answer(store, "recommendations/addressees").to_dicts()
    police = next(r for r in rows if r["addresseeName"] == "Essex Police")
    assert police["addresseeType"] == "police-force" and police["addresseeCode"] == "essex"
    assert police["recommendations"] >= 1 and {r["authorityName"] for r in rows} == {ESSEX}



def test_an_addressee_named_without_an_organisation_has_no_type(store):
    """A name that matched no organisation is listed by its words, with no type or code (the
    type's look-up must not match every concept when there is no organisation)."""
    named = ox.Store()
    named.extend(store.quads_for_pattern(None, None, None, None))
    skg = "https://safeguarding-kg.example.org/def/"
    rec = next(iter(named.query(f"""SELECT ?rec ?g WHERE {{ GRAPH ?g {{ ?g <{skg}subjectAuthority> ?la .
        ?rec a <{skg}Recommendation> . ?la <http://www.w3.org/2004/02/skos/core#notation> "E10000012"^^<{skg}GSSCode> }} }} LIMIT 1""")))
    named.add(ox.Quad(rec["rec"], ox.NamedNode(skg + "addresseeName"), ox.Literal("the youth panel"), rec["g"]))
    rows = run(named, "recommendations/addressees", authority="Essex").to_dicts()
    panel = next(r for r in rows if r["addresseeName"] == "the youth panel")
    assert panel["addresseeType"] is None and panel["addresseeCode"] is None and panel["recommendations"] == 1

def test_partners_of_authority(store):
    rows = answer(store, "partners/of-authority").to_dicts()
    police = next(r for r in rows if r["partnerCode"] == "hertfordshire")
    assert police["partnerName"] == "Hertfordshire Constabulary" and police["reports"] >= 3
    assert police["first"] <= police["last"]


def test_partners_shared_by_essex_and_southend(store):
    rows = answer(store, "partners/shared").to_dicts()
    police = next(r for r in rows if r["partnerCode"] == "essex")
    assert police["partnerName"] == "Essex Police"
    assert police["authorityName"] == ESSEX and police["otherName"] == SOUTHEND
    assert police["authorityReports"] >= 1 and police["otherReports"] >= 1


def test_authorities_of_partner(store):
    rows = answer(store, "partners/authorities-of-partner").to_dicts()
    assert {r["authorityName"] for r in rows} == {ESSEX, SOUTHEND}
    assert {r["gssCode"] for r in rows} == {"E10000012", "E06000033"}


def test_police_forces(store):
    rows = run(store, "partners/police-forces").to_dicts()
    essex = next(r for r in rows if r["forceId"] == "essex")
    assert essex["force"] == "Essex Police" and essex["authorities"] == 2 and essex["reports"] >= 4
    assert rows[0]["forceId"] == "essex"  # the only force named for two authorities comes first


def test_nhs_bodies(store):
    rows = answer(store, "partners/nhs-bodies").to_dicts()
    assert rows and all(r["bodyType"] == "nhs-trust" for r in rows)
    assert {"Mid Essex Hospital Services NHS Trust": "RQ8"}.items() <= {r["body"]: r["odsCode"] for r in rows}.items()
    every = run(store, "partners/nhs-bodies").to_dicts()
    assert {"integrated-care-board", "primary-care-trust"} <= {r["bodyType"] for r in every}


def test_partners_by_code(store):
    rows = run(store, "partners/by-code").to_dicts()
    southend_police = next(r for r in rows if r["gssCode"] == "E06000033" and r["partnerType"] == "police-force")
    assert southend_police["partnerCode"] == "essex" and southend_police["coversArea"] == "yes"
    assert all(r["partnerCode"] for r in rows)


def test_evidence_of_fact(store):
    rows = answer(store, "evidence/of-fact").to_dicts()
    assert len(rows) == 1
    row = rows[0]
    assert row["source"] == "essex_2023-08-11_childrens-services-inspection.pdf" and row["page"] == 1
    assert "outstanding" in row["quote"].lower() and row["end"] - row["start"] == len(row["quote"])


def test_evidence_search(store):
    rows = answer(store, "evidence/search").to_dicts()
    assert rows and all("return home interview" in r["quote"].lower() for r in rows)
    assert "recommendation" in {r["kind"] for r in rows}


def test_statistics_over_time(store):
    rows = answer(store, "statistics/over-time").to_dicts()
    assert [(r["date"][:4], r["value"]) for r in rows] == [("2011", 1575), ("2014", 1139)]


def test_partnership_edges(store):
    rows = run(store, "network/partnership-edges").to_dicts()
    edge = next(r for r in rows if r["sourceName"] == SOUTHEND and r["targetNotation"] == "essex")
    assert edge["targetOrganisationType"] == "police-force" and edge["reports"] >= 2 and edge["mentions"] >= 1
    recent = run(store, "network/partnership-edges", since="2020-01-01").to_dicts()
    assert recent and all(r["first"] >= "2020-01-01" for r in recent) and len(recent) < len(rows)


def test_export_judgements_is_rdf(store):
    triples = answer(store, "export/judgements")
    assert isinstance(triples, Triples)
    grades = {t.object.value.rsplit("/", 1)[-1] for t in triples if t.predicate.value.endswith("/def/grade")}
    assert {"adequate", "good", "outstanding"} <= grades
    authorities = {t.object.value for t in triples if t.predicate.value.endswith("/def/subjectAuthority")}
    assert authorities == {"https://safeguarding-kg.example.org/id/local-authority/E10000012"}
    assert "@prefix skg:" in triples.serialize("ttl")


# -- binding: substitutions on the store, VALUES for an endpoint: the same answers ----------------


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_values_clause_gives_the_same_answer_as_substitutions(store, name):
    query = find(name)
    bound = sparql.bindings(query, params_for(name, store))
    by_values = sparql.wrap(store.query(sparql.with_values(query.text, bound)))
    by_default = sparql.wrap(sparql.execute(store, query, bound))
    if isinstance(by_default, Rows):
        assert by_values.rows == by_default.rows
    else:
        assert sorted(map(str, by_values)) == sorted(map(str, by_default))


def test_with_values_skips_braces_in_comments_strings_and_iris():
    text = ('PREFIX a: <http://x/{y}#z>\n# WHERE {\nSELECT ?who WHERE { ?s a:p "}{ WHERE {" ;'
            ' a:q ?who }')
    out = sparql.with_values(text, {"who": ox.Literal("x")})
    assert out.endswith('WHERE { VALUES (?who) { ("x") }  ?s a:p "}{ WHERE {" ; a:q ?who }')
    ask = sparql.with_values("ASK { ?s ?p ?o }", {"o": ox.NamedNode("http://e/x")})
    assert ask == "ASK { VALUES (?o) { (<http://e/x>) }  ?s ?p ?o }"


def test_a_value_cannot_break_out_of_its_literal(store):
    rows = run(store, "reports/loaded", authority='x" } ?s ?p ?o { "')
    assert len(rows) == 0


# -- errors ---------------------------------------------------------------------------------------


def test_unknown_parameter_names_the_known_ones(store):
    with pytest.raises(QueryError, match="has no parameter 'authorty'; its parameters are: authority, other"):
        run(store, "partners/shared", authorty="Essex", other="Southend")


def test_missing_required_parameter(store):
    with pytest.raises(QueryError, match="needs --param partner="):
        run(store, "partners/authorities-of-partner")


def test_bad_date_and_bad_iri(store):
    with pytest.raises(QueryError, match="is not a date"):
        run(store, "grades/weak-since", since="last year")
    with pytest.raises(QueryError, match="is not an iri"):
        run(store, "evidence/of-fact", fact="not an iri")


def test_syntax_error_names_the_line(store, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("PREFIX skg: <https://safeguarding-kg.example.org/def/>\n"
                   "SELECT ?r WHERE {\n  GRAPH ?g { ?r a skg:Report ; dcterms:title ?t }\n}\n")
    with pytest.raises(QueryError) as error:
        run(store, str(bad))
    message = str(error.value)
    assert "line 3" in message and "dcterms:" in message and "GRAPH ?g" in message


def test_unknown_query_name():
    with pytest.raises(QueryError, match="no query named 'grades/lastest'"):
        find("grades/lastest")


def test_ad_hoc_query_text_with_a_parameter(store):
    text = ("PREFIX skg: <https://safeguarding-kg.example.org/def/>\n"
            "SELECT (COUNT(?r) AS ?n) WHERE { GRAPH ?r { ?r a skg:Report ; skg:framework ?fw } }")
    ilacs = run(store, text, fw="https://safeguarding-kg.example.org/def/concept/framework/ilacs")
    expected = sum(r["framework"] == "ilacs" for r in run(store, "reports/loaded"))
    assert expected >= 6 and ilacs.to_dicts() == [{"n": expected}]
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        run(store, text, nope="x")


# -- results ---------------------------------------------------------------------------------------


def test_rows_serialise_in_every_format(store):
    rows = run(store, "partners/shared", authority="Essex", other="Southend")
    assert rows.variables[0] == "partnerName" and "authority" not in rows.variables
    assert rows.serialize("csv").splitlines()[0].startswith("partnerName,partnerType")
    assert "\t" in rows.serialize("tsv")
    srj = json.loads(rows.serialize("srj"))
    assert srj["head"]["vars"] == rows.variables
    # both councils name Cafcass (one national body) and Essex Police; ordered by name
    names = [b["partnerName"] for b in srj["results"]["bindings"]]
    assert names == [{"type": "literal", "value": "Cafcass"}, {"type": "literal", "value": "Essex Police"}]
    assert "<sparql" in rows.serialize("srx")
    assert [r["partnerName"] for r in json.loads(rows.serialize("json"))] == ["Cafcass", "Essex Police"]
    assert rows.serialize("table").splitlines()[-1] == f"({len(rows)} row{'s' if len(rows) > 1 else ''})"


def test_to_pandas_or_a_clear_sentence(store):
    rows = run(store, "statistics/over-time", authority="Essex")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(QueryError, match="pip install pandas"):
            rows.to_pandas()
    else:
        frame = rows.to_pandas()
        assert list(frame.columns) == rows.variables and len(frame) == len(rows)


# -- the commands ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    disk = ox.Store(str(path))
    disk.bulk_load(path=str(GRAPH_TRIG), format=ox.RdfFormat.TRIG)
    disk.flush()
    del disk
    return path


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_skg_queries_lists_every_query():
    table = invoke("queries")
    assert table.exit_code == 0
    for name in catalogue():
        assert name in table.output
    listed = json.loads(invoke("queries", "--format", "json").output)
    shared = next(q for q in listed if q["name"] == "partners/shared")
    assert [p["name"] for p in shared["params"]] == ["authority", "other"] and shared["params"][0]["required"]


def test_skg_query_on_a_store(store_dir):
    result = invoke("query", "grades/overall-history", "--param", "authority=Essex", "--store", store_dir,
                    "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["grade"] for r in json.loads(result.output)] == ["adequate", "good", "outstanding", "outstanding"]
    table = invoke("query", "partners/shared", "-p", "authority=Essex", "-p", "other=Southend", "--store", store_dir)
    assert "Essex Police" in table.output and "Cafcass" in table.output and "(2 rows)" in table.output


def test_skg_query_a_file_and_standard_input(store_dir, tmp_path):
    text = "SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"
    (tmp_path / "count.rq").write_text(text)
    by_file = invoke("query", tmp_path / "count.rq", "--store", store_dir, "--format", "csv")
    by_stdin = invoke("query", "-", "--store", store_dir, "--format", "csv", input=text)
    assert by_file.exit_code == 0 and by_file.output == by_stdin.output
    assert int(by_file.output.split()[1]) >= 18


def test_skg_query_construct_prints_turtle(store_dir):
    result = invoke("query", "export/judgements", "-p", "authority=Essex", "--store", store_dir)
    assert result.exit_code == 0 and "skg:grade grades:outstanding" in result.output
    wrong = invoke("query", "export/judgements", "--store", store_dir, "--format", "csv")
    assert wrong.exit_code == 1 and "RDF" in wrong.output


def test_skg_query_errors_are_sentences(store_dir, tmp_path):
    cases = [
        (["query", "partners/shared", "-p", "authority=Essex", "-p", "othr=x", "--store", store_dir],
         "has no parameter 'othr'"),
        (["query", "grades/latest", "-p", "authority", "--store", store_dir], "should be KEY=VALUE"),
        (["query", "grades/latest", "--store", tmp_path / "nowhere"], "no store there"),
        (["query", "grades/latest", "--store", store_dir, "--endpoint", "http://127.0.0.1:9/query"], "not both"),
        (["query", "grades/latest", "--endpoint", "http://127.0.0.1:9/query"], "could not reach the endpoint"),
        (["query", "reports/loaded", "--store", store_dir, "--format", "ttl"], "not RDF"),
    ]
    for args, expected in cases:
        result = invoke(*args)
        assert result.exit_code == 1, args
        assert expected in result.output and "Traceback" not in result.output, (args, result.output)
