"""Real single inspection framework reports, JTAI letters and an area SEND inspection,
extracted end to end, against records written by hand.

tests/golden/records/<pdf name>.json (the files named after the PDFs below) hold what
a careful reader takes from each PDF: metadata, judgements, recommendations and their
timescales, previous inspections, headline figures. They are written by reading the
report, never from the tool's output.

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

from safeguarding_kg.extract import extract
from safeguarding_kg.loaders import loader_for
from safeguarding_kg.text import read_document

REAL = Path(__file__).parents[1].parent / "shared" / "real-reports"
GOLDEN = Path(__file__).parent / "golden" / "records"

SIF_PDFS = [
    "bolton_2014-03-21_childrens-services-inspection.pdf",
    "essex_2014-03-21_childrens-services-inspection.pdf",
    "herefordshire_2014-06-30_childrens-services-inspection.pdf",
    "halton_2015-02-03_childrens-services-inspection.pdf",
    "hertfordshire_2015-11-27_childrens-services-inspection.pdf",
    "dudley_2016-04-05_childrens-services-inspection.pdf",
    "southend-on-sea_2016-07-07_childrens-services-inspection.pdf",
    "blackburn-with-darwen_2017-12-08_childrens-services-inspection.pdf",
]
JTAI_PDFS = [
    "central-bedfordshire_2016-05-10_jtai.pdf",
    "greenwich_2018-05-09_jtai.pdf",
    "east-sussex_2020-04-14_jtai.pdf",
    "hertfordshire_2024-12-12_jtai.pdf",
    "leeds_2024-05-16_jtai.pdf",
]
SEND_PDFS = ["southend-on-sea_2023-06-09_send-area-inspection.pdf"]
GENRES = {**{n: "sif" for n in SIF_PDFS}, **{n: "jtai" for n in JTAI_PDFS}, **{n: "send_area" for n in SEND_PDFS}}
FRAMEWORKS = {"sif": "single-inspection-framework", "jtai": "jtai", "send_area": "other"}
GOLDEN_NAMES = [
    "bolton_2014-03-21_childrens-services-inspection",
    "hertfordshire_2015-11-27_childrens-services-inspection",
    "greenwich_2018-05-09_jtai",
    "leeds_2024-05-16_jtai",
    "southend-on-sea_2023-06-09_send-area-inspection",
]

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-reports is not here")


@lru_cache(maxsize=None)
def record(name: str):
    return extract(REAL / name)


def words(text: str) -> str:
    """Text compared as a reader would: case, curly quotes and line breaks aside."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def test_golden_records_cover_each_genre():
    assert all((GOLDEN / f"{name}.json").is_file() for name in GOLDEN_NAMES)
    frameworks = {json.loads((GOLDEN / f"{n}.json").read_text())["framework"] for n in GOLDEN_NAMES}
    assert frameworks == {"single-inspection-framework", "jtai", "other"}


@needs_real
@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_extract_matches_golden_record(name):
    gold = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    got = record(gold["source"])
    assert got.document_type == gold["document_type"]
    assert got.framework == gold["framework"]
    assert got.subject_authority.code == gold["subject_authority"]["code"]
    for key in ("start_date", "end_date", "published", "lead_inspector"):
        assert getattr(got.inspection, key) == gold["inspection"][key], key
    assert Counter((j.area, j.grade, j.scope) for j in got.judgements) == Counter(
        (j["area"], j["grade"], j["scope"]) for j in gold["judgements"]
    )
    assert len(got.recommendations) == gold["recommendation_count"]
    assert [words(r.text) for r in got.recommendations] == [words(r["text"]) for r in gold["recommendations"]]
    timescales = Counter(str(r.timescale).replace("None", "null") for r in got.recommendations)
    assert timescales == Counter(gold["recommendation_timescales"])
    assert {(p.date, p.subject, p.grade) for p in got.previous_inspections} == {
        (p["date"], p["subject"], p["grade"]) for p in gold["previous_inspections"]
    }
    if "statistics" in gold:
        assert {(s.measure, s.value, s.date) for s in got.statistics} == {
            (s["measure"], s["value"], s.get("date")) for s in gold["statistics"]
        }


@needs_real
def test_priority_and_immediate_action_is_timed_immediately():
    """Halton 2015, read by hand: the local authority's items 1-3 and the LSCB's 136-137 sit
    under "Priority and immediate action"; 4-19 and 138-144 under "Areas for improvement"."""
    got = record("halton_2015-02-03_childrens-services-inspection.pdf")
    assert [r.timescale for r in got.recommendations] == ["immediately"] * 3 + [None] * 16 + ["immediately"] * 2 + [None] * 7
    assert got.recommendations[19].text.startswith("Ensure that the Board’s annual safeguarding report")
    assert ("The effectiveness of the Local Safeguarding Children Board", "requires-improvement", "lscb") in {
        (j.area, j.grade, j.scope) for j in got.judgements
    }


@needs_real
@pytest.mark.parametrize("name", SIF_PDFS + JTAI_PDFS + SEND_PDFS)
def test_every_real_report_of_these_genres_extracts(name):
    genre = GENRES[name]
    assert loader_for(read_document(REAL / name)).GENRE == genre
    got = record(name)
    assert got.framework == FRAMEWORKS[genre]
    assert got.document_type == "inspection-report"
    assert got.subject_authority and re.fullmatch(r"E\d{8}", got.subject_authority.code)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", got.inspection.start_date)
    assert got.inspection.inspectorate == "Ofsted"
    assert got.recommendations
    if genre == "sif":
        assert got.inspection.lead_inspector and " " in got.inspection.lead_inspector
        assert "HMI" not in got.inspection.lead_inspector
        assert len(got.judgements) == 7  # overall, five areas, the LSCB
        assert [j.scope for j in got.judgements].count("lscb") == 1
    else:
        assert got.judgements == ()
    for fact in got.judgements + got.recommendations + got.previous_inspections + got.statistics:
        assert fact.evidence is not None
    for rec in got.recommendations:
        assert len(rec.text.split()) >= 5 and "(page" not in rec.text.lower()


@needs_real
def test_the_other_real_reports_are_not_claimed():
    """ILACS reports, focused visits and the 2013 looked after children inspection are other genres."""
    from safeguarding_kg.loaders import jtai, send_area, sif

    others = sorted(p.name for p in REAL.glob("*.pdf") if p.name not in GENRES)
    assert others
    for name in others:
        doc = read_document(REAL / name)
        assert not any(m.detect(doc) for m in (sif, jtai, send_area)), name
