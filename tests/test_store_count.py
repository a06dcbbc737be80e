"""The dataset description's count of distinct triples (void:triples) follows every change
to the store without counting the whole store again (SkgStore._changing): after loads,
replacements, a report moved to a new IRI, removals and a store left mid-change, it is
the number a full count finds."""
import shutil
from pathlib import Path

import pyoxigraph as ox

from safeguarding_kg.store import VOID_TRIPLES, open_store

REPORTS = Path(__file__).parent.parent / "reports"
BASE = "https://safeguarding-kg.example.org"
MANIFEST = BASE + "/graph/manifest"
SMALL = ["003_f6169653f68880f1.txt", "004_10e96bc9d1d994b1.txt", "000_371523681b96652b.txt",
         "002_f648c9875aa70f28.txt"]
COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
         f"FILTER(?g != <{MANIFEST}>) }} }}")


def stated(store) -> int | None:
    values = [int(q.object.value) for q in store.store.quads_for_pattern(None, VOID_TRIPLES, None, ox.DefaultGraph())]
    assert len(values) <= 1
    return values[0] if values else None


def counted(store) -> int:
    return int(next(iter(store.store.query(COUNT)))["n"].value)


def test_the_stated_count_is_the_full_count_after_every_change(tmp_path):
    directory = tmp_path / "reports"
    directory.mkdir()
    for name in SMALL:
        shutil.copy(REPORTS / name, directory / name)
    with open_store(tmp_path / "store", base=BASE) as store:
        store.load_static()
        first = directory / SMALL[0]
        assert store.load_report(first) == "added"
        assert stated(store) == counted(store)
        for name in SMALL[1:]:  # several loaded, described once
            store.load_report(directory / name, describe=False)
        store.describe()
        assert stated(store) == counted(store)
        text = first.read_text(encoding="utf-8")
        first.write_text(text.replace("\nContents\n", "\nA paragraph added later.\n\nContents\n", 1),
                         encoding="utf-8")
        assert store.load_report(first) == "replaced"
        assert stated(store) == counted(store)
        assert store.remove_report(SMALL[1]) is True
        assert stated(store) == counted(store)
    with open_store(tmp_path / "store", base=BASE) as store:  # another process, later
        assert store.remove_report(SMALL[2]) is True
        assert stated(store) == counted(store)


def test_a_report_moved_to_a_new_iri_is_counted_once(tmp_path):
    one = ox.Triple(ox.NamedNode(BASE + "/id/x"), ox.NamedNode(BASE + "/def/p"), ox.Literal("v"))
    two = ox.Triple(ox.NamedNode(BASE + "/id/y"), ox.NamedNode(BASE + "/def/p"), ox.Literal("w"))
    with open_store(tmp_path / "store", base=BASE) as store:
        store.load_static()
        store.put_report(BASE + "/doc/other", [one], "other.txt")
        store.put_report(BASE + "/doc/a", [one, two], "report.txt")
        store.describe()
        assert stated(store) == counted(store)
        assert store.put_report(BASE + "/doc/b", [one, two], "report.txt") == "replaced"
        store.describe()
        assert stated(store) == counted(store)


def test_a_change_not_described_leaves_no_count_to_build_on(tmp_path):
    with open_store(tmp_path / "store", base=BASE) as store:
        store.load_static()
        store.load_report(REPORTS / SMALL[0])
        store.load_report(REPORTS / SMALL[1], describe=False)  # as if stopped before its describe()
        assert stated(store) is None
    with open_store(tmp_path / "store", base=BASE) as store:
        store.load_report(REPORTS / SMALL[2])
        assert stated(store) == counted(store)
