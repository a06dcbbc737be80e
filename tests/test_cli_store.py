"""`skg load`, `skg remove`, `skg stats` and `skg build --store`, driven with CliRunner."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from safeguarding_kg.cli import cli
from safeguarding_kg.store import open_store

REPORTS = Path(__file__).parent.parent / "reports"
SMALL = ["003_f6169653f68880f1.txt", "004_10e96bc9d1d994b1.txt"]


@pytest.fixture
def small(tmp_path) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir()
    for name in SMALL:
        shutil.copy(REPORTS / name, directory / name)
    return directory


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("command", ["load", "remove", "stats"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"skg {command}" in result.output
    assert "--store" in result.output


def test_load_then_load_again(tmp_path, small):
    store = tmp_path / "store"
    first = run("load", *sorted(small.iterdir()), "--store", store)
    assert first.exit_code == 0, first.output
    assert first.output.count("added") == 3  # two lines and the summary
    assert "2 added, 0 replaced, 0 unchanged, 0 skipped, 0 failed; 2 report(s)" in first.output
    again = run("load", small, "--store", store)  # a directory
    assert again.exit_code == 0
    assert "0 added, 0 replaced, 2 unchanged" in again.output


def test_a_bad_file_is_one_line_and_the_others_load(tmp_path, small):
    (small / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar.\n")
    result = CliRunner().invoke(cli, ["load", str(small), str(tmp_path / "missing.pdf"),
                                      "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any("missing.pdf: no such file." in e for e in errors)
    assert "Traceback" not in result.output
    assert "2 added, 0 replaced, 0 unchanged, 0 skipped, 2 failed" in result.output


def test_stats_table_and_json(tmp_path, small):
    store = tmp_path / "store"
    run("load", small, "--store", store)
    table = run("stats", "--store", store)
    assert table.exit_code == 0
    assert "reports  2" in table.output
    assert "Reports (2)" in table.output and SMALL[0] in table.output
    counts = json.loads(run("stats", "--store", store, "--format", "json").output)
    assert counts["reports"] == 2
    assert counts["classes"]["skg:Report"] == 2
    assert sorted(r["source"] for r in counts["per_report"]) == SMALL


def test_remove_by_file_name_and_an_unknown_report(tmp_path, small):
    store = tmp_path / "store"
    run("load", small, "--store", store)
    removed = run("remove", SMALL[0], "--store", store)
    assert removed.exit_code == 0
    assert "1 report(s) left" in removed.output
    missing = CliRunner().invoke(cli, ["remove", SMALL[0], "--store", str(store)])
    assert missing.exit_code == 1
    assert missing.output.startswith("Error: no report") and "skg stats" in missing.output


def test_store_from_the_environment(tmp_path, small, monkeypatch):
    monkeypatch.setenv("SKG_STORE", str(tmp_path / "env-store"))
    assert run("load", small).exit_code == 0
    assert json.loads(run("stats", "--format", "json").output)["store"] == str(tmp_path / "env-store")


def test_a_store_in_use_is_a_sentence(tmp_path, small):
    with open_store(tmp_path / "store"):
        result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "open in another process" in result.output and "Traceback" not in result.output


def test_build_fills_the_store(tmp_path, small):
    store = tmp_path / "store"
    args = ("build", small, "--store", store, "--output", tmp_path / "graph.ttl")
    first = run(*args)
    assert first.exit_code == 0, first.output
    assert "Store" in first.output and "2 added, 0 replaced, 0 unchanged; 2 report(s)" in first.output
    assert "0 added, 0 replaced, 2 unchanged" in run(*args).output
    with open_store(store) as opened:
        assert sorted(opened.reports().values()) == SMALL


def test_build_with_a_store_in_use_writes_the_files_and_says_why_the_store_was_not_filled(tmp_path, small):
    with open_store(tmp_path / "store"):
        result = CliRunner().invoke(cli, ["build", str(small), "--store", str(tmp_path / "store"),
                                          "--output", str(tmp_path / "graph.ttl")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Built graph.ttl" in result.output  # the build's own summary first
    assert "the store is open in another process" in result.output.splitlines()[-1]
    assert all((tmp_path / name).stat().st_size > 0 for name in ("graph.ttl", "graph.trig", "graph.nq"))
