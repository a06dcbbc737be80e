"""The benchmark corpus: deterministic for a seed, and its expected records are what extraction gives.

Speed is not asserted here (benchmarks/run.py measures it); these tests pin the
generator: the same seed gives the same bytes, every genre is written, every
text is 15-40 KB with page-break damage, and on a few generated reports the
expected record agrees with `skg extract` where the extractor is known to be
right (metadata, judgements, the subject and its police force).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from safeguarding_kg.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import make_corpus  # noqa: E402


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    first = make_corpus.write_corpus(6, tmp_path / "a", seed=3)
    again = make_corpus.write_corpus(6, tmp_path / "b", seed=3)
    other = make_corpus.write_corpus(6, tmp_path / "c", seed=4)
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    for a, b in zip(sorted((tmp_path / "a" / "expected").iterdir()), sorted((tmp_path / "b" / "expected").iterdir())):
        assert a.read_bytes() == b.read_bytes()
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_every_genre_sized_and_damaged_like_pdf_text():
    genres, reports = set(), [make_corpus.make_report(0, i) for i in range(80)]
    for name, text, record in reports:
        genres.add(name.rsplit("_", 1)[1][:-4])
        assert 14_000 <= len(text.encode("utf-8")) <= 46_000, name
        assert record["source"] == name
        assert record["subject_authority"]["code"] in text or record["subject_authority"]["name"] in text \
            or record["organisations"][0]["aliases"][0] in text
    assert genres == set(make_corpus.GENRES)
    # page numbers on lines of their own, and a paragraph cut mid-sentence by a page break
    damaged = [text for _, text, _ in reports if "\n\n2\n\n" in text]
    assert len(damaged) == len(reports)
    assert any(line and line[0].islower() for _, text, _ in reports for line in text.split("\n\n"))


def test_councils_exist_on_the_report_date():
    for i in range(40):
        name, _, record = make_corpus.make_report(0, i)
        start = make_corpus.date.fromisoformat(record["inspection"]["start_date"])
        codes = {c["code"] for c in make_corpus.councils_on(start)}
        assert record["subject_authority"]["code"] in codes, name


@pytest.mark.parametrize("index", [0, 1, 2, 3, 8, 12, 13, 14, 17, 25])
def test_expected_record_matches_skg_extract(tmp_path, index):
    name, text, expected = make_corpus.make_report(0, index)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    for key in ("document_type", "framework"):
        assert got[key] == expected[key], key
    assert got["subject_authority"]["code"] == expected["subject_authority"]["code"]
    for key in ("start_date", "end_date", "lead_inspector"):
        assert got["inspection"][key] == expected["inspection"][key], key
    assert sorted((j["area"].lower(), j["grade"]) for j in got["judgements"]) == \
        sorted((j["area"].lower(), j["grade"]) for j in expected["judgements"])
    codes = {o.get("code") for o in got["organisations"]}
    police = [o for o in expected["organisations"] if o["type"] == "police-force"]
    assert {o["code"] for o in police} <= codes
