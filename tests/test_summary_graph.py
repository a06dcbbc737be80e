"""The store's summary: the latest judgement of each authority, area and scope, kept up to date."""
import shutil
from pathlib import Path

import pytest

from safeguarding_kg.build import build_graph
from safeguarding_kg.store import open_store
from safeguarding_kg.summary_graph import latest_judgements, summary_iri

REPORTS = Path(__file__).resolve().parent.parent / "reports"
BASE = "https://safeguarding-kg.example.org"
ESSEX_2011, ESSEX_2023, HERTS_2013 = "000_371523681b96652b.txt", "002_f648c9875aa70f28.txt", "003_f6169653f68880f1.txt"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("summary")
    reports = tmp / "reports"
    reports.mkdir()
    for name in (ESSEX_2011, ESSEX_2023, HERTS_2013):
        shutil.copy(REPORTS / name, reports)
    result = build_graph(reports, tmp / "graph.ttl", base=BASE)
    with open_store(tmp / "store", base=BASE) as store:
        store.put_built(result.reports)
    return tmp / "store"


def rows(store, name, **params):
    return {(r["judgementArea"], r["scope"], r["grade"]) for r in store.query(name, **params).to_dicts()}


def test_summary_answers_as_grades_latest_does(store_path):
    with open_store(store_path, base=BASE, read_only=True) as store:
        for authority in ("Essex", "Hertfordshire", "E10000012"):
            assert rows(store, "summary/latest-grades", authority=authority) == \
                rows(store, "grades/latest", authority=authority)
        essex = rows(store, "summary/latest-grades", authority="Essex")
        # the 2011 safeguarding judgements and the 2023 ILACS ones differ in scope: both are latest
        assert ("Overall effectiveness", "safeguarding", "adequate") in essex
        assert ("Overall effectiveness", None, "outstanding") in essex
        national = store.query("summary/latest-grades").to_dicts()
        assert {r["authorityName"] for r in national} == {"Essex County Council", "Hertfordshire County Council"}


def test_overall_now_counts_each_authority_once_per_scope(store_path):
    with open_store(store_path, base=BASE, read_only=True) as store:
        now = {(r["scope"], r["grade"]): r["authorities"] for r in store.query("summary/overall-now").to_dicts()}
    assert now == {(None, "outstanding"): 1, (None, "adequate"): 1, ("safeguarding", "adequate"): 1}


def test_summary_holds_pointers_only_and_follows_a_removal(store_path, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with open_store(copy, base=BASE) as store:
        quads = list(store.store.quads_for_pattern(summary_iri(BASE), None, None, None))
        assert {q.predicate.value.rsplit("#", 1)[-1] for q in quads} == {"type", "hadMember"}
        assert {q.graph_name for q in quads} == {store.manifest}  # bookkeeping, not exported
        assert len(quads) == 1 + len(latest_judgements(store.store, BASE))
        assert set(store.managed()) == set(store.reports()) | {f"{BASE}/graph/reference", f"{BASE}/graph/ontology"}
        assert store.remove_report(ESSEX_2023)
        essex = rows(store, "summary/latest-grades", authority="Essex")
    assert essex and all(scope for _, scope, _ in essex)  # only the 2011 judgements (with scopes) are left


def members(store) -> list[str]:
    return sorted(q.object.value for q in store.store.quads_for_pattern(summary_iri(BASE), None, None, None)
                  if q.predicate.value.endswith("hadMember"))


def test_after_each_change_the_summary_is_what_reading_every_judgement_finds(tmp_path):
    """A change looks again only at the authorities of the changed report (before and after):
    the summary it keeps is the one found from the whole store."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in (ESSEX_2011, ESSEX_2023, HERTS_2013):
        shutil.copy(REPORTS / name, reports)
    with open_store(tmp_path / "store", base=BASE) as store:
        store.load_static()
        for name in (ESSEX_2011, HERTS_2013, ESSEX_2023):  # the latest Essex report comes last
            store.load_report(reports / name)
            assert members(store) == [j.value for j in latest_judgements(store.store, BASE)]
        everything = members(store)
        assert store.remove_report(ESSEX_2023)  # Essex's 2011 judgements are the latest again
        assert members(store) == [j.value for j in latest_judgements(store.store, BASE)] != everything
        changed = reports / HERTS_2013  # a report about Hertfordshire now said to be about Essex
        text = changed.read_text(encoding="utf-8")
        assert "Hertfordshire" in text
        changed.write_text(text.replace("Hertfordshire", "Essex"), encoding="utf-8")
        store.load_report(changed)
        assert members(store) == [j.value for j in latest_judgements(store.store, BASE)]
        store.load_report(reports / ESSEX_2023)
    with open_store(tmp_path / "store", base=BASE) as store:  # another process, later
        assert store.remove_report(ESSEX_2011)
        assert members(store) == [j.value for j in latest_judgements(store.store, BASE)]
