"""Building a directory of reports: bad files are skipped, duplicates loaded once,
the output reproducible byte for byte, and what is written conforms to the shapes."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
import pyoxigraph as ox

from safeguarding_kg.build import build_graph
from safeguarding_kg.cli import cli
from safeguarding_kg.errors import ReportError
from safeguarding_kg.validate import validate_file
from safeguarding_kg.vocab import SKG

REPORTS = Path(__file__).parent.parent / "reports"
BASE = "https://safeguarding-kg.example.org"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# Two seed reports as text, and the PDF of the second: the same ILACS inspection.
TXT = ["000_371523681b96652b.txt", "002_f648c9875aa70f28.txt"]
PDF_OF_002 = "essex_2023-08-11_childrens-services-inspection.pdf"


def reports_dir(tmp_path: Path, names, bad=True) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir()
    for name in names:
        shutil.copy(REPORTS / name, directory / name)
    if bad:
        (directory / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar.\n")
        (directory / "broken.pdf").write_text("this is not a PDF")
    (directory / "notes.md").write_text("not a report: ignored")
    return directory


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("build")
    directory = reports_dir(tmp_path, TXT + [PDF_OF_002])
    messages = []
    result = build_graph(directory, tmp_path / "out" / "graph.ttl", base=BASE, progress=messages.append)
    return result, tmp_path / "out", messages


def test_bad_files_are_skipped_with_a_sentence_and_the_rest_is_built(built):
    result, _, messages = built
    skipped = dict(result.skipped)
    assert "not a report genre" in skipped["recipe.txt"]
    assert "not a readable PDF" in skipped["broken.pdf"]
    assert "000_371523681b96652b.txt" in result.loaded
    assert "notes.md" not in skipped and "notes.md" not in result.loaded
    assert any("reading 000_371523681b96652b.txt" in m for m in messages)


def test_the_same_inspection_twice_is_loaded_once_from_the_pdf(built):
    result, _, _ = built
    assert PDF_OF_002 in result.loaded
    assert "002_f648c9875aa70f28.txt" not in result.loaded
    assert PDF_OF_002 in dict(result.skipped)["002_f648c9875aa70f28.txt"]
    assert len(result.loaded) == 2


def test_outputs_are_written_with_one_named_graph_per_report(built):
    result, out, _ = built
    assert sorted(p.name for p in out.iterdir()) == ["graph.nq", "graph.trig", "graph.ttl"]
    trig = ox.Dataset(ox.parse(path=out / "graph.trig"))
    names = {q.graph_name for q in trig}
    reports = {ox.NamedNode(str(r.iri)) for r in result.reports}
    assert names == reports | {ox.NamedNode(f"{BASE}/graph/reference"), ox.NamedNode(f"{BASE}/graph/ontology"),
                               ox.DefaultGraph()}
    for report in reports:
        assert ox.Quad(report, RDF_TYPE, ox.NamedNode(str(SKG.Report)), report) in trig
    assert set(ox.parse(path=out / "graph.nq")) == set(trig)
    union = {q.triple for q in trig}
    assert {q.triple for q in ox.parse(path=out / "graph.ttl")} == union
    assert len(union) == result.triples


def test_summary_counts(built):
    result, _, _ = built
    summary = result.summary()
    assert "2 report(s) loaded, 3 skipped" in summary
    assert "ilacs 1" in summary and "safeguarding-and-looked-after-children 1" in summary
    assert "councils: 1" in summary  # both reports are about Essex
    assert f"triples: {result.triples}" in summary


def test_build_twice_gives_identical_bytes(built, tmp_path):
    result, out, _ = built
    directory = reports_dir(tmp_path, TXT + [PDF_OF_002])
    again = build_graph(directory, tmp_path / "again.ttl", base=BASE)
    assert again.loaded == result.loaded
    for suffix in (".ttl", ".trig", ".nq"):
        assert (tmp_path / f"again{suffix}").read_bytes() == (out / f"graph{suffix}").read_bytes(), suffix


def test_the_built_graph_conforms_to_the_shapes(built):
    _, out, _ = built
    assert validate_file(out / "graph.ttl") == []


def test_base_changes_instance_iris_only(tmp_path):
    directory = reports_dir(tmp_path, TXT[:1], bad=False)
    result = build_graph(directory, tmp_path / "g.ttl", base="https://other.example/kg/")
    [report] = result.reports
    assert report.iri.startswith("https://other.example/kg/doc/inspection-report/")
    text = (tmp_path / "g.ttl").read_text()
    assert "https://safeguarding-kg.example.org/def/" in text  # the vocabulary stays put
    assert "https://safeguarding-kg.example.org/id/" not in text


def test_a_failed_write_leaves_no_half_file(tmp_path):
    directory = reports_dir(tmp_path, TXT[:1], bad=False)
    blocked = tmp_path / "out"
    blocked.mkdir()
    (blocked / "graph.trig").mkdir()  # a directory where the TriG file should go: os.replace fails
    with pytest.raises(ReportError, match="could not write the graph"):
        build_graph(directory, blocked / "graph.ttl", base=BASE)
    assert not [p for p in blocked.iterdir() if p.name.endswith(".tmp")]


def test_cli_build_reports_skips_and_summary(tmp_path):
    directory = reports_dir(tmp_path, TXT[:1])
    result = CliRunner().invoke(cli, ["build", str(directory), "--output", str(tmp_path / "g.ttl")])
    assert result.exit_code == 0, result.output
    assert "skipped recipe.txt" in result.output
    assert "1 report(s) loaded" in result.output


def test_cli_build_with_nothing_loadable_fails_cleanly(tmp_path):
    directory = reports_dir(tmp_path, [])
    result = CliRunner().invoke(cli, ["build", str(directory), "--output", str(tmp_path / "g.ttl")])
    assert result.exit_code == 1
    assert "no report" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("base", ["not an iri", "urn:x", "ftp://example.org"])
def test_a_bad_base_is_a_report_error(tmp_path, base):
    with pytest.raises(ReportError, match="--base"):
        build_graph(tmp_path, tmp_path / "g.ttl", base=base)
