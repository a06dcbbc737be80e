"""graph.ttl, .trig and .nq are exports of the store: `skg dump` writes what the build wrote."""
import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from safeguarding_kg.cli import cli
from safeguarding_kg.store import open_store

REPORTS = Path(__file__).resolve().parent.parent / "reports"
TWO = ["003_f6169653f68880f1.txt", "004_10e96bc9d1d994b1.txt"]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_built_store_dumps_to_the_bytes_the_build_wrote_and_follows_a_removal(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in TWO:
        shutil.copy(REPORTS / name, reports)
    store = tmp_path / "store"
    built = invoke("build", reports, "--store", store, "--output", tmp_path / "built" / "graph.ttl", "--no-cache")
    assert built.exit_code == 0, built.output

    dumped = invoke("dump", "--store", store, "--output", tmp_path / "dumped" / "graph.ttl")
    assert dumped.exit_code == 0, dumped.output
    assert "2 report(s), 4 named graphs" in dumped.output
    for suffix in ("ttl", "trig", "nq"):
        assert (tmp_path / "dumped" / f"graph.{suffix}").read_bytes() == \
            (tmp_path / "built" / f"graph.{suffix}").read_bytes(), suffix

    with open_store(store) as opened:
        removed = next(iri for iri, source in opened.reports().items() if source == TWO[0])
    assert invoke("remove", TWO[0], "--store", store).exit_code == 0
    assert invoke("dump", "--store", store, "--output", tmp_path / "after" / "graph.ttl").exit_code == 0
    after = ox.Dataset(ox.parse(path=str(tmp_path / "after" / "graph.trig"), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in after if isinstance(q.graph_name, ox.NamedNode)}
    assert removed not in graphs and len(graphs) == 3


def test_an_empty_store_is_a_sentence(tmp_path):
    result = invoke("dump", "--store", tmp_path / "empty", "--output", tmp_path / "graph.ttl")
    assert result.exit_code == 1
    assert "the store is empty; fill it with `skg build DIR --store" in result.output
    assert not (tmp_path / "graph.ttl").exists()
