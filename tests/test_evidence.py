"""The extracted text is kept so that a span can always be shown: the text shelf
(texts.py), the build's call to it, and `skg evidence`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from make_fixtures import write_docx
from safeguarding_kg.cli import cli
from safeguarding_kg.errors import ReportError
from safeguarding_kg.text import document_from_text, read_document
from safeguarding_kg.texts import excerpt, keep_text, kept_text, text_path
from safeguarding_kg.vocab import SKG

REPORTS = Path(__file__).parents[1] / "reports"
SEED = REPORTS / "002_f648c9875aa70f28.txt"  # a report with a judgement table


@pytest.fixture
def shelf(tmp_path, monkeypatch):
    """A text shelf of the test's own (workers inherit the environment)."""
    monkeypatch.setenv("SKG_TEXTS", str(tmp_path / "texts"))
    return tmp_path / "texts"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A seed report built into graph.ttl and its Word copy into word.ttl (the same report:
    one build would load it once), once for the module: (folder, graph file, shelf)."""
    folder = tmp_path_factory.mktemp("evidence")
    (folder / "reports").mkdir()
    (folder / "word").mkdir()
    shutil.copy(SEED, folder / "reports" / SEED.name)
    write_docx(SEED.read_text(encoding="utf-8"), folder / "word" / "copy.docx")
    shelf = folder / "texts"
    for name, output in (("reports", "graph.ttl"), ("word", "word.ttl")):
        result = CliRunner().invoke(cli, ["build", str(folder / name), "--output", str(folder / output),
                                          "--no-cache", "--jobs", "1", "--quiet"], env={"SKG_TEXTS": str(shelf)})
        assert result.exit_code == 0, result.output
    return folder, folder / "graph.ttl", shelf


def judgement_iri(graph_file: Path, area: str = "Overall effectiveness") -> str:
    graph = Graph().parse(graph_file)
    for judgement in graph.subjects(SKG.area, None):
        if str(graph.value(judgement, SKG.area)).startswith(area):
            return str(judgement)
    raise AssertionError(f"no judgement on {area}")


def run(*args, shelf: Path | None = None):
    env = {"SKG_TEXTS": str(shelf)} if shelf else {}
    return CliRunner().invoke(cli, ["evidence", *map(str, args)], env=env)


# -- the shelf ----------------------------------------------------------------------------------


def test_a_kept_text_reads_back_by_its_digest_and_a_changed_one_does_not(tmp_path):
    doc = document_from_text("Overall effectiveness\tGood\nA second paragraph – with a dash.")
    path = keep_text(doc, tmp_path)
    assert path == text_path(doc.digest, tmp_path) and path.name == f"{doc.digest}.txt"
    assert path.read_bytes().decode("utf-8") == doc.text
    assert kept_text(doc.digest, tmp_path) == doc.text
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
    path.write_text("something else", encoding="utf-8")
    assert kept_text(doc.digest, tmp_path) is None  # not the text its name promises
    assert kept_text("0" * 64, tmp_path) is None


def test_a_shelf_that_cannot_be_written_costs_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the shelf should be")
    assert keep_text(document_from_text("Some text."), blocker) is None


def test_the_build_keeps_the_text_of_every_report_by_the_digest_the_graph_records(built):
    folder, graph_file, shelf = built
    digests = {str(d) for name in ("graph.ttl", "word.ttl")
               for d in Graph().parse(folder / name).objects(None, SKG.textDigest)}
    assert len(digests) == 2  # the text and the Word copy: two texts of one report
    assert {p.name for p in shelf.iterdir()} == {f"{d}.txt" for d in digests}
    assert read_document(SEED).text == kept_text(read_document(SEED).digest, shelf)


def test_an_excerpt_cuts_the_context_at_whole_words():
    text = "one two three four five six seven eight nine"
    start = text.index("five")
    part = excerpt(text, start, start + 4, context=8)
    assert (part.before, part.quote, part.after) == ("four ", "five", " six")
    assert excerpt(text, 0, 3, context=100).after == text[3:]
    with pytest.raises(ReportError, match="not in the text"):
        excerpt(text, 5, 500)


# -- skg evidence ------------------------------------------------------------------------------


def test_evidence_of_a_judgement_shows_its_words_in_context(built):
    folder, graph_file, shelf = built
    iri = judgement_iri(graph_file)
    result = run(iri, "--graph", graph_file, "--context", 60, shelf=shelf)
    assert result.exit_code == 0, result.output
    header, body = result.output.split("\n", 1)
    assert header.startswith(f"{SEED.name}, characters ")
    assert "»Overall effectiveness" in body and "«" in body


def test_evidence_as_json_from_a_trig_file_and_the_evidence_node_itself(built):
    folder, graph_file, shelf = built
    iri = judgement_iri(graph_file)
    result = run(f"{iri}#evidence", "--graph", graph_file.with_suffix(".trig"), "--format", "json", shelf=shelf)
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.output)
    text = read_document(SEED).text
    assert item["quote"] == text[item["start"]:item["end"]]
    assert item["quote"].startswith("Overall effectiveness")
    assert text[:item["start"]].endswith(item["before"]) and text[item["end"]:].startswith(item["after"])
    assert item["source"] == SEED.name and item["evidence"] == f"{iri}#evidence"


def test_evidence_of_a_word_report_names_its_element(built):
    folder, _, shelf = built
    word = folder / "word.ttl"
    result = run(judgement_iri(word), "--graph", word, shelf=shelf)
    assert result.exit_code == 0, result.output
    assert "copy.docx, characters" in result.output and "element /w:document/w:body/w:tbl[1]/w:tr[" in result.output


def test_a_report_file_a_digest_or_a_report_iri_with_a_span(built, tmp_path):
    _, graph_file, shelf = built
    doc = read_document(SEED)
    start = doc.text.index("Overall effectiveness")
    end = start + len("Overall effectiveness")
    by_file = run(SEED, start, end, "--texts", tmp_path / "shelf")
    assert by_file.exit_code == 0 and "»Overall effectiveness«" in by_file.output
    assert kept_text(doc.digest, tmp_path / "shelf") == doc.text  # read once, kept for next time
    by_digest = run(doc.digest, start, end, "--format", "json", shelf=shelf)
    assert json.loads(by_digest.output)[0]["quote"] == "Overall effectiveness"
    report = str(next(Graph().parse(graph_file).subjects(SKG.textDigest, None, unique=True)))
    by_iri = run(report, 0, 20, "--graph", graph_file, shelf=shelf)
    assert by_iri.exit_code == 0 and "characters 0-20" in by_iri.output


def test_without_the_shelf_the_report_file_is_read_if_its_text_is_the_same(built, tmp_path):
    folder, graph_file, _ = built
    iri = judgement_iri(graph_file)
    empty = tmp_path / "empty-shelf"
    found = run(iri, "--graph", graph_file, "--reports", folder / "reports", shelf=empty)
    assert found.exit_code == 0 and "»Overall effectiveness" in found.output
    missing = run(iri, "--graph", graph_file, "--reports", tmp_path, shelf=tmp_path / "other")
    assert missing.exit_code == 1 and "is not on the text shelf" in missing.output
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / SEED.name).write_text("Overall effectiveness\tGood\n" + SEED.read_text(encoding="utf-8"))
    stale = run(iri, "--graph", graph_file, "--reports", changed, shelf=tmp_path / "third")
    assert stale.exit_code == 1 and "has changed since the graph was built" in stale.output


def test_evidence_from_the_store(built, tmp_path):
    folder, graph_file, shelf = built
    store = tmp_path / "store"
    loaded = CliRunner().invoke(cli, ["load", str(folder / "reports" / SEED.name), "--store", str(store)],
                                env={"SKG_TEXTS": str(shelf)})
    assert loaded.exit_code == 0, loaded.output
    result = run(judgement_iri(graph_file), "--store", store, shelf=shelf)
    assert result.exit_code == 0, result.output
    assert "»Overall effectiveness" in result.output


@pytest.mark.parametrize("args, sentence", [
    (["https://example.org/nothing"], "has no evidence in the graph"),
    (["reports/no-such-report.pdf", "1", "2"], "no such file"),
    (["reports/no-such-report.pdf"], "give START END"),
    ([str(SEED), "1"], "give both START and END"),
    ([str(SEED), "5", "99999999"], "are not in the text"),
    (["0" * 64, "1", "2"], "no text with digest"),
])
def test_user_errors_are_sentences(built, args, sentence):
    _, graph_file, shelf = built
    result = run(*args, "--graph", graph_file, shelf=shelf)
    assert result.exit_code == 1 and sentence in result.output
    assert "Traceback" not in result.output
