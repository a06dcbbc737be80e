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


def test_a_settled_file_is_not_read_again_but_a_changed_one_is(tmp_path, monkeypatch):
    """A file with the size and modification time it had at the last build, which had
    settled then (not modified in the 2 s before it was hashed), is not read to hash it
    again; one rewritten since, even to the same size, is."""
    from safeguarding_kg import build_cache

    directory = tmp_path / "reports"
    directory.mkdir()
    for name in SEEDS:
        shutil.copy(REPORTS / name, directory)
    old = 1_600_000_000_000_000_000  # 2020: long settled
    for name in SEEDS:
        os.utime(directory / name, ns=(old, old))
    out, cache = tmp_path / "out" / "graph.ttl", tmp_path / "cache"
    build_graph(directory, out, cache=cache)

    read = []
    real = build_cache.file_sha256
    monkeypatch.setattr(build_cache, "file_sha256", lambda path: read.append(path.name) or real(path))
    assert build_graph(directory, out, cache=cache).extracted == 0 and read == []

    changed = directory / SEEDS[0]
    text = changed.read_text()
    changed.write_text(text.replace("the", "thE", 1))  # the same size, a new modification time
    assert os.path.getsize(changed) == len(text.encode())
    again = build_graph(directory, out, cache=cache)
    assert read == [SEEDS[0]] and again.extracted == 1

    read.clear()  # just rewritten, so not settled when hashed: read again next time
    assert build_graph(directory, out, cache=cache).extracted == 0 and read == [SEEDS[0]]
