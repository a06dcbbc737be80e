"""The graph is query-ready by register code: every council, police force and NHS body
named in the gold files (tests/gold/*.json) is, in the graph built from the gold
reports, the node keyed by its code, with skos:notation, mentioned in that report's
named graph; and a query lists each subject authority's police force and NHS partners
by code."""
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from safeguarding_kg.build import build_graph

HERE = Path(__file__).parent
GOLD = HERE / "gold"
REPORTS = HERE.parent / "reports"
REGISTER_TYPES = {"local-authority", "police-force", "nhs-trust", "primary-care-trust",
                  "clinical-commissioning-group", "integrated-care-board"}
PREFIXES = """PREFIX skg: <https://safeguarding-kg.example.org/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def gold_files():
    return sorted(p for p in GOLD.glob("*.json") if (REPORTS / f"{p.stem}.txt").exists())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for gold in gold_files():
        shutil.copy(REPORTS / f"{gold.stem}.txt", folder)
    out = tmp_path_factory.mktemp("graph") / "graph.ttl"
    result = build_graph(folder, out)
    assert not result.skipped, result.skipped
    store = ox.Store()
    store.load(path=str(out.with_suffix(".trig")), format=ox.RdfFormat.TRIG)
    return store


def codes_mentioned(store, source: str) -> set[tuple[str, str]]:
    """(code, datatype's local name) of every organisation mentioned in the report from `source`."""
    query = PREFIXES + """
    SELECT DISTINCT ?source ?code WHERE {
      GRAPH ?g { ?report dcterms:source ?source . ?m skg:mentionOf ?org . ?org skos:notation ?code }
    }"""
    rows = store.query(query, substitutions={ox.Variable("source"): ox.Literal(source)})
    return {(row["code"].value, row["code"].datatype.value.rsplit("/", 1)[-1]) for row in rows}


@pytest.mark.skipif(not gold_files(), reason="no gold files with their reports")
@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.stem)
def test_every_register_body_of_the_gold_file_is_in_the_graph_by_its_code(store, gold):
    data = json.loads(gold.read_text(encoding="utf-8"))
    wanted = {(o["type"], o["code"]) for o in data["organisations"]
              if o["type"] in REGISTER_TYPES and o.get("code")}
    datatype = {"local-authority": "GSSCode", "police-force": "PoliceUkId"}
    got = codes_mentioned(store, f"{gold.stem}.txt")
    subject = data["subject_authority"]["code"]
    for kind, code in wanted:
        if code == subject:
            continue  # the subject may be named only in its title block; checked below
        assert (code, datatype.get(kind, "ODSCode")) in got, (kind, code)


@pytest.mark.skipif(not gold_files(), reason="no gold files with their reports")
def test_a_query_lists_each_subject_authority_with_its_police_force_and_nhs_partners_by_code(store):
    query = PREFIXES + """
    SELECT DISTINCT ?subject ?partner ?kind WHERE {
      VALUES ?kind { skg:PoliceForce skg:NHSBody }
      GRAPH ?g {
        ?report skg:subjectAuthority ?s . ?s skg:worksInPartnershipWith ?p ; skos:notation ?subject .
        ?p a ?kind ; skos:notation ?partner .
      }
    }"""
    rows = {(r["subject"].value, r["partner"].value) for r in store.query(query)}
    expected = set()
    for gold in gold_files():
        data = json.loads(gold.read_text(encoding="utf-8"))
        partners = set(data.get("partners_of_subject", []))
        for o in data["organisations"]:
            if o["name"] in partners and o.get("code") and o["type"] in REGISTER_TYPES - {"local-authority"}:
                expected.add((data["subject_authority"]["code"], o["code"]))
    assert expected, "the gold files name police and NHS partners"
    assert expected <= rows
