"""An unchanged rebuild (same files, program, base and intact outputs) reads no report and writes nothing."""
import os
import shutil
from pathlib import Path

from safeguarding_kg.build import CachedReport, build_graph
from safeguarding_kg.store import open_store

REPORTS = Path(__file__).parent.parent / "reports"
SEEDS = ["003_f6169653f68880f1.txt", "004_10e96bc9d1d994b1.txt"]
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq")


def stamps(out: Path) -> dict:
    return {name: (os.stat(out / name).st_mtime_ns, (out / name).read_bytes()) for name in OUTPUTS}


def test_unchanged_rebuild_returns_the_last_result_and_leaves_the_files(tmp_path):
    directory = tmp_path / "reports"
    directory.mkdir()
    for name in SEEDS:
        shutil.copy(REPORTS / name, directory)
    (directory / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar.\n")
    out, cache = tmp_path / "out" / "graph.ttl", tmp_path / "cache"
    cold = build_graph(directory, out, cache=cache)
    with open_store(tmp_path / "store") as store:
        assert store.put_built(cold.reports)["added"] == 2
    before = stamps(out.parent)

    warm = build_graph(directory, out, cache=cache)
    assert all(isinstance(r, CachedReport) for r in warm.reports)
    assert stamps(out.parent) == before  # not rewritten
    assert (warm.loaded, warm.skipped, warm.triples) == (cold.loaded, cold.skipped, cold.triples)
    assert (warm.extracted, warm.cached) == (0, 3)
    assert warm.summary().replace("extracted: 0, from the cache: 3", "") == \
        cold.summary().replace("extracted: 3, from the cache: 0", "")
    with open_store(tmp_path / "store") as store:
        assert store.put_built(warm.reports)["unchanged"] == 2
    assert [r.record for r in warm.reports] == [r.record for r in cold.reports]  # read when asked for

    # an output touched by someone else, or a changed file: a real build again
    (out.parent / "graph.nq").write_bytes(b"")
    again = build_graph(directory, out, cache=cache)
    assert not any(isinstance(r, CachedReport) for r in again.reports)
    assert stamps(out.parent)["graph.nq"][1] == before["graph.nq"][1]
    (directory / "recipe.txt").write_text("Lemon drizzle\n")
    assert not any(isinstance(r, CachedReport) for r in build_graph(directory, out, cache=cache).reports)
