"""Incremental builds: the cache keeps each report's outcome by its bytes, so a rebuild
extracts only what changed, a removed file's graph goes, and a new program starts afresh."""
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from safeguarding_kg.build import build_graph
from safeguarding_kg.build_cache import BuildCache, code_key, source_key
from safeguarding_kg.cli import cli

REPORTS = Path(__file__).parent.parent / "reports"
SEEDS = ["000_371523681b96652b.txt", "001_2c2e3d51dea60eb9.txt", "004_10e96bc9d1d994b1.txt"]
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq")


def make_reports(tmp_path: Path) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir()
    for name in SEEDS:
        shutil.copy(REPORTS / name, directory / name)
    (directory / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar.\n")
    return directory


def outputs(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in OUTPUTS}


def report_graphs(trig: Path) -> set[str]:
    return {q.graph_name.value for q in ox.parse(path=trig) if "/doc/" in str(q.graph_name)}


@pytest.fixture
def first(tmp_path):
    directory = make_reports(tmp_path)
    result = build_graph(directory, tmp_path / "out" / "graph.ttl", cache=tmp_path / "cache")
    return directory, tmp_path, result


def build_again(tmp_path: Path, directory: Path, out: str = "out"):
    return build_graph(directory, tmp_path / out / "graph.ttl", cache=tmp_path / "cache")


def test_an_unchanged_rebuild_extracts_nothing_and_writes_the_same_bytes(first):
    directory, tmp_path, cold = first
    assert (cold.extracted, cold.cached) == (4, 0)
    warm = build_again(tmp_path, directory, out="warm")
    assert (warm.extracted, warm.cached) == (0, 4)  # the recipe's skip is remembered too
    assert warm.loaded == cold.loaded and warm.skipped == cold.skipped
    assert [r.record for r in warm.reports] == [r.record for r in cold.reports]
    assert outputs(tmp_path / "warm") == outputs(tmp_path / "out")
    uncached = build_graph(directory, tmp_path / "plain" / "graph.ttl")
    assert outputs(tmp_path / "plain") == outputs(tmp_path / "out")
    assert "extracted: 0, from the cache: 4" in warm.summary()
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")]


def test_a_changed_file_alone_is_extracted_again(first):
    directory, tmp_path, cold = first
    changed = directory / SEEDS[0]
    changed.write_text(changed.read_text() + "\nA line added at the end.\n")
    again = build_again(tmp_path, directory)
    assert (again.extracted, again.cached) == (1, 3)
    assert again.loaded == cold.loaded


def test_a_removed_file_loses_its_named_graph_and_cache_entry(first):
    directory, tmp_path, cold = first
    gone = next(r for r in cold.reports if r.name == SEEDS[2])
    assert str(gone.iri) in report_graphs(tmp_path / "out" / "graph.trig")
    entries = len(list(BuildCache(tmp_path / "cache").entries.iterdir()))
    (directory / SEEDS[2]).unlink()
    again = build_again(tmp_path, directory)
    assert again.removed == [SEEDS[2]] and "removed since the last build: " + SEEDS[2] in again.summary()
    assert (again.extracted, again.cached) == (0, 3)
    assert str(gone.iri) not in report_graphs(tmp_path / "out" / "graph.trig")
    assert len(list(BuildCache(tmp_path / "cache").entries.iterdir())) == entries - 1


def test_a_damaged_cache_entry_is_a_miss(first):
    directory, tmp_path, _ = first
    for entry in BuildCache(tmp_path / "cache").entries.glob("*.pickle"):
        if not entry.name.startswith("static-"):
            entry.write_bytes(entry.read_bytes()[:20])  # truncated
            break
    again = build_again(tmp_path, directory, out="again")
    assert (again.extracted, again.cached) == (1, 3)
    assert outputs(tmp_path / "again") == outputs(tmp_path / "out")


def test_another_base_does_not_reuse_entries(first):
    directory, tmp_path, _ = first
    other = build_graph(directory, tmp_path / "other.ttl", base="https://other.example/kg",
                        cache=tmp_path / "cache")
    assert other.extracted == 4
    assert all(str(r.iri).startswith("https://other.example/kg/") for r in other.reports)


def test_entries_of_another_program_are_deleted_and_other_files_kept(first):
    directory, tmp_path, _ = first
    stale = tmp_path / "cache" / "0123456789abcdef"
    stale.mkdir()
    (stale / "old.pickle").write_bytes(b"old")
    mine = tmp_path / "cache" / "notes"
    mine.mkdir()
    assert build_again(tmp_path, directory).cached == 4
    assert not stale.exists() and mine.exists()
    assert [p.name for p in (tmp_path / "cache").iterdir() if len(p.name) == 16] == [code_key()]


def test_the_code_key_changes_with_the_version_a_loader_or_a_data_file(tmp_path):
    package = tmp_path / "package"
    (package / "loaders").mkdir(parents=True)
    (package / "data").mkdir()
    loader = package / "loaders" / "ilacs.py"
    loader.write_text("GENRE = 'ilacs'\n")
    register = package / "data" / "councils.csv"
    register.write_text("E10000012,Essex\n")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    key = source_key(package, "0.1.0")
    assert source_key(package, "0.1.0") == key
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled again")
    assert source_key(package, "0.1.0") == key  # bytecode is not the program
    assert source_key(package, "0.2.0") != key
    loader.write_text("GENRE = 'ilacs'  # changed\n")
    assert source_key(package, "0.1.0") not in (key, source_key(package, "0.2.0"))
    loader.write_text("GENRE = 'ilacs'\n")
    register.write_text("E10000012,Essex County Council\n")
    assert source_key(package, "0.1.0") != key


def test_cli_builds_keep_the_cache_beside_the_output(tmp_path):
    directory = make_reports(tmp_path)
    args = ["build", str(directory), "--output", str(tmp_path / "out" / "g.ttl"), "--jobs", "1"]
    cold = CliRunner().invoke(cli, args)
    warm = CliRunner().invoke(cli, args)
    assert cold.exit_code == 0 and warm.exit_code == 0, warm.output
    assert "extracted: 4, from the cache: 0" in cold.output
    assert "extracted: 0, from the cache: 4" in warm.output
    assert (tmp_path / "out" / ".skg-cache" / "manifest.json").exists()
    elsewhere = CliRunner().invoke(cli, args + ["--cache", str(tmp_path / "c")])
    assert "extracted: 4" in elsewhere.output and (tmp_path / "c" / "manifest.json").exists()
    none = CliRunner().invoke(cli, args + ["--no-cache", "--output", str(tmp_path / "n" / "g.ttl")])
    assert "extracted: 4" in none.output and not (tmp_path / "n" / ".skg-cache").exists()
