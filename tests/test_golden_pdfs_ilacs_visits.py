"""Real ILACS reports and visit letters, extracted end to end, against records written by hand.

tests/golden/records/<pdf name>.json holds what a careful reader takes from the
PDF (metadata, judgements, recommendation texts, previous inspections). They are
written by reading the report, never from the tool's output, so --update-goldens
does not touch them.

The real PDFs live outside the project (../shared/real-reports); these tests skip
when that folder is absent.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from safeguarding_kg.extract import extract, extract_document
from safeguarding_kg.loaders import ilacs, loader_for, visits
from safeguarding_kg.text import read_document

REAL = Path(__file__).parents[1].parent / "shared" / "real-reports"
GOLDEN = Path(__file__).parent / "golden" / "records"

ILACS_PDFS = [
    "blackpool_2019-01-17_childrens-services-inspection.pdf",
    "dudley_2018-12-10_childrens-services-inspection.pdf",
    "essex_2019-01-07_childrens-services-inspection.pdf",
    "hertfordshire_2018-11-19_childrens-services-inspection.pdf",
    "southend-on-sea_2019-08-27_childrens-services-inspection.pdf",
    "dudley_2023-01-13_childrens-services-inspection.pdf",
    "essex_2023-08-11_childrens-services-inspection.pdf",
    "hertfordshire_2023-03-10_childrens-services-inspection.pdf",
    "tameside_2024-02-13_childrens-services-inspection.pdf",
    "cambridgeshire_2024-05-16_childrens-services-inspection.pdf",
    "hampshire_2024-07-23_childrens-services-inspection.pdf",
    "southend-on-sea_2024-12-03_childrens-services-inspection.pdf",
    "doncaster_2025-03-18_childrens-services-inspection.pdf",
    "middlesbrough_2026-07-28_childrens-services-inspection.pdf",
    "trafford_2026-08-03_childrens-services-inspection.pdf",
]
VISIT_PDFS = [
    "nottinghamshire_2018-02-22_focused-visit.pdf",
    "shropshire_2024-08-30_focused-visit.pdf",
    "wakefield_2020-12-18_focused-visit.pdf",
    "westminster_2022-07-20_focused-visit.pdf",
]

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-reports is not here")


@lru_cache(maxsize=None)
def document(name: str):
    return read_document(REAL / name)


@lru_cache(maxsize=None)
def record(name: str):
    """The record from this genre's own loader (routing is tested on its own below)."""
    doc = document(name)
    loader = ilacs if name in ILACS_PDFS else visits
    assert loader.detect(doc), name
    return extract_document(doc) if loader_for(doc) is loader else loader.load(doc)


def words(text: str) -> str:
    """Text compared as a reader would: case, curly quotes and line breaks aside."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def golden_names() -> list[str]:
    """Golden records of this module's PDFs (other genres keep theirs in the same folder)."""
    ours = {Path(n).stem for n in ILACS_PDFS + VISIT_PDFS}
    return sorted(p.stem for p in GOLDEN.glob("*.json") if p.stem in ours)


def test_there_are_enough_golden_records():
    names = golden_names()
    assert len(names) >= 5
    assert any("focused-visit" in n for n in names)
    assert any("_2026-" in n for n in names)


@needs_real
@pytest.mark.parametrize("name", golden_names())
def test_extract_matches_golden_record(name):
    gold = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    got = record(gold["source"])
    assert got.document_type == gold["document_type"]
    assert got.framework == gold["framework"]
    assert got.subject_authority.code == gold["subject_authority"]["code"]
    for key in ("start_date", "end_date", "published", "lead_inspector"):
        assert getattr(got.inspection, key) == gold["inspection"][key], key
    assert Counter((j.area, j.grade) for j in got.judgements) == Counter(
        (j["area"], j["grade"]) for j in gold["judgements"]
    )
    assert [words(r.text) for r in got.recommendations] == [
        words(r["text"]) for r in gold["recommendations"]
    ]
    assert all(r.timescale is None for r in got.recommendations)
    assert {(p.date, p.subject, p.grade) for p in got.previous_inspections} == {
        (p["date"], p["subject"], p["grade"]) for p in gold["previous_inspections"]
    }


@needs_real
@pytest.mark.parametrize("name", ILACS_PDFS + VISIT_PDFS)
def test_every_real_report_of_these_genres_extracts(name):
    got = record(name)
    expected = "ilacs" if name in ILACS_PDFS else "focused-visit"
    assert got.framework == expected
    assert got.subject_authority and re.fullmatch(r"E\d{8}", got.subject_authority.code)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", got.inspection.start_date)
    assert got.inspection.lead_inspector and "HMI" not in got.inspection.lead_inspector
    assert "Majesty" not in got.inspection.lead_inspector
    if expected == "ilacs":
        assert len(got.judgements) >= 4
        assert got.document_type == "inspection-report"
    else:
        assert got.judgements == ()
        assert got.document_type == "inspection-letter"
    for fact in got.judgements + got.recommendations + got.previous_inspections:
        assert fact.evidence is not None


@needs_real
@pytest.mark.parametrize("name", ILACS_PDFS + VISIT_PDFS)
def test_real_reports_of_these_genres_reach_their_loader(name):
    """No loader tried earlier in the registry takes them (a genre that quotes must quote)."""
    expected = ilacs if name in ILACS_PDFS else visits
    assert loader_for(document(name)) is expected


@needs_real
def test_the_other_real_reports_are_not_claimed():
    """SIF, 2013, JTAI and SEND reports are other genres: neither loader takes them."""
    others = sorted(p.name for p in REAL.glob("*.pdf") if p.name not in ILACS_PDFS + VISIT_PDFS)
    assert others
    for name in others:
        doc = document(name)
        assert not ilacs.detect(doc), name
        assert not visits.detect(doc), name


@needs_real
def test_the_seed_text_and_its_pdf_give_the_same_record():
    seed = Path(__file__).parents[1].parent / "shared" / "reports" / "002_f648c9875aa70f28.txt"
    if not seed.is_file():
        pytest.skip("the seed report is not here")
    from_text, from_pdf = extract(seed), record("essex_2023-08-11_childrens-services-inspection.pdf")
    assert from_text.framework == from_pdf.framework == "ilacs"
    assert from_text.subject_authority == from_pdf.subject_authority
    strip = lambda insp: (insp.start_date, insp.end_date, insp.published, insp.lead_inspector)
    assert strip(from_text.inspection) == strip(from_pdf.inspection)
    assert [(j.area, j.grade) for j in from_text.judgements] == [(j.area, j.grade) for j in from_pdf.judgements]
    assert [words(r.text) for r in from_text.recommendations] == [
        words(r.text) for r in from_pdf.recommendations
    ]
    assert [(p.date, p.subject, p.grade) for p in from_text.previous_inspections] == [
        (p.date, p.subject, p.grade) for p in from_pdf.previous_inspections
    ]


def test_the_other_seed_reports_are_not_claimed():
    seeds = Path(__file__).parents[1].parent / "shared" / "reports"
    if not seeds.is_dir():
        pytest.skip("the seed reports are not here")
    for path in sorted(seeds.glob("*.txt")):
        doc = read_document(path)
        assert ilacs.detect(doc) == (path.name == "002_f648c9875aa70f28.txt"), path.name
        assert not visits.detect(doc), path.name
