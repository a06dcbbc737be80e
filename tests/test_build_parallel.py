"""Parallel builds: the same bytes as a serial build, progress events, duplicates, --strict, --quiet."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from safeguarding_kg.build import build_graph, extract_files
from safeguarding_kg.cli import cli
from safeguarding_kg.errors import ReportError

REPORTS = Path(__file__).parent.parent / "reports"
SEEDS = ["000_371523681b96652b.txt", "001_2c2e3d51dea60eb9.txt", "004_10e96bc9d1d994b1.txt"]
PDF = "essex_2019-01-07_childrens-services-inspection.pdf"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq")


def make_reports(tmp_path: Path, names=SEEDS, bad=True) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir()
    for name in names:
        shutil.copy(REPORTS / name, directory / name)
    if bad:
        (directory / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar.\n")
    return directory


def outputs(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("parallel")
    directory = make_reports(tmp_path, SEEDS + [PDF])
    # the same bytes under another name, sorting first: it is the one loaded
    shutil.copy(REPORTS / SEEDS[1], directory / "0000_copy.txt")
    events = []
    serial = build_graph(directory, tmp_path / "serial" / "graph.ttl", jobs=1)
    parallel = build_graph(directory, tmp_path / "parallel" / "graph.ttl", jobs=2, on_report=events.append)
    return tmp_path, serial, parallel, events


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(serial_and_parallel):
    tmp_path, serial, parallel, _ = serial_and_parallel
    assert parallel.loaded == serial.loaded and parallel.skipped == serial.skipped
    assert outputs(tmp_path / "parallel") == outputs(tmp_path / "serial")
    assert parallel.extracted == 5  # every file but the byte-for-byte copy


def test_progress_counts_every_report_once(serial_and_parallel):
    *_, events = serial_and_parallel
    assert [e.done for e in events] == list(range(1, 7))
    assert {e.total for e in events} == {6}
    assert sorted(e.name for e in events) == sorted(SEEDS + [PDF, "0000_copy.txt", "recipe.txt"])
    assert events[-1].skipped == 2  # the copy and the recipe
    assert all(e.elapsed >= 0 and e.cached == 0 for e in events)


def test_the_same_bytes_under_two_names_are_loaded_once_and_reported(serial_and_parallel):
    _, _, result, _ = serial_and_parallel
    assert ("001_2c2e3d51dea60eb9.txt", "0000_copy.txt") in result.duplicates
    assert "0000_copy.txt" in result.loaded and "001_2c2e3d51dea60eb9.txt" not in result.loaded
    summary = result.summary()
    assert "1 duplicate(s), loaded once" in summary
    assert "duplicate: 001_2c2e3d51dea60eb9.txt (loaded from 0000_copy.txt)" in summary
    # a duplicate is not a failure: only the recipe failed
    assert [name for name, _ in result.failed] == ["recipe.txt"]


def test_extract_files_gives_each_file_once_whatever_the_jobs(tmp_path):
    directory = make_reports(tmp_path, SEEDS[:2])
    paths = sorted(directory.iterdir())
    one = {o.name: o for o in extract_files(paths, "https://example.org", jobs=1)}
    two = {o.name: o for o in extract_files(paths, "https://example.org", jobs=2)}
    assert sorted(one) == sorted(two) == sorted(p.name for p in paths)
    for name in SEEDS[:2]:
        assert one[name].triples == two[name].triples and one[name].record == two[name].record
    assert "not a report genre" in two["recipe.txt"].why


def test_strict_raises_on_a_skip_and_writes_nothing(tmp_path):
    directory = make_reports(tmp_path, SEEDS[:1])
    with pytest.raises(ReportError, match=r"--strict: 1 report\(s\) could not be loaded.*\n  recipe.txt"):
        build_graph(directory, tmp_path / "out" / "graph.ttl", strict=True, cache=tmp_path / "cache")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "cache" / "manifest.json").exists()


def test_strict_allows_duplicates(tmp_path):
    directory = make_reports(tmp_path, SEEDS[:1], bad=False)
    shutil.copy(directory / SEEDS[0], directory / "copy.txt")
    result = build_graph(directory, tmp_path / "graph.ttl", strict=True)
    assert result.loaded == [SEEDS[0]] and result.duplicates == [("copy.txt", SEEDS[0])]


def test_cli_strict_exits_1_and_writes_nothing(tmp_path):
    directory = make_reports(tmp_path, SEEDS[:1])
    result = CliRunner().invoke(cli, ["build", str(directory), "-o", str(tmp_path / "out" / "g.ttl"), "--strict"])
    assert result.exit_code == 1
    assert "--strict" in result.output and "recipe.txt" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "g.ttl").exists()


def test_cli_quiet_prints_only_errors(tmp_path):
    directory = make_reports(tmp_path, SEEDS[:1])
    shutil.copy(directory / SEEDS[0], directory / "copy.txt")
    result = CliRunner().invoke(cli, ["build", str(directory), "-o", str(tmp_path / "g.ttl"), "--quiet",
                                      "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("skipped recipe.txt") and len(result.output.splitlines()) == 1
    assert (tmp_path / "g.ttl").exists()


def test_cli_shows_progress_on_stderr_and_the_summary_on_stdout(tmp_path):
    directory = make_reports(tmp_path, SEEDS[:1])
    result = CliRunner().invoke(cli, ["build", str(directory), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Built g.ttl, g.trig, g.nq: 1 report(s) loaded, 1 skipped.")
    assert "Reports" in result.stderr and "skipped recipe.txt" in result.stderr
    assert "Built" not in result.stderr
