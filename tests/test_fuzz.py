"""Fuzz: mutated report text into the loaders; only ReportError may come out.

The text is a window of a seed report (reports/*.txt) with slices deleted,
repeated, swapped or overwritten with report-like fragments (labels, dates,
grades, tabs, bullets). The examples are derandomised so the suite is the same
every run; set SKG_FUZZ_EXAMPLES to run more (and at random) when hunting.
"""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguarding_kg.errors import ReportError
from safeguarding_kg.extract import extract_document
from safeguarding_kg.text import document_from_text

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[1] / "reports").glob("*.txt"))]
FRAGMENTS = [
    "\t", "\n", "\n\n", " - ", "◼ ", "1. ", "Judgement\tGrade\n", "Overall effectiveness\t", "Good",
    "Requires improvement to be good", "Inadequate", "Outstanding", "Inspection dates: ",
    "Lead inspector: ", "Published: ", "What needs to improve", "Recommendations", "Immediately",
    "Within three months", "31 February 2019", "6 – 30 September", " to ", "2011", "Council",
    "Inspection of ", " local authority children’s services", "Areas for improvement",
    "Date of previous inspection: ", "(", ")", ":", "’", "\x00", "\u00ad", "£", "%",
]
EXAMPLES = int(os.environ.get("SKG_FUZZ_EXAMPLES", "25"))


@st.composite
def mutated_reports(draw) -> str:
    text = draw(st.sampled_from(SEEDS))
    start = draw(st.integers(0, max(0, len(text) - 200)))
    text = text[start:start + draw(st.integers(50, 6000))]
    for _ in range(draw(st.integers(1, 8))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        action = draw(st.sampled_from(["delete", "repeat", "insert", "replace", "swap"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "repeat":
            text = text[:j] + text[i:j] + text[j:]
        elif action == "insert":
            text = text[:i] + draw(st.sampled_from(FRAGMENTS)) + text[i:]
        elif action == "replace":
            text = text[:i] + draw(st.text(max_size=20)) + text[j:]
        else:
            k = draw(st.integers(0, len(text)))
            text = text[:i] + text[k:] + text[i:k] if k > i else text[k:i] + text[:k] + text[i:]
    return text


@settings(max_examples=EXAMPLES, deadline=None, derandomize="SKG_FUZZ_EXAMPLES" not in os.environ,
          database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_reports())
def test_mutated_report_text_raises_nothing_but_report_error(text):
    try:
        record = extract_document(document_from_text(text))
    except ReportError as error:
        assert str(error) and "\n" not in str(error)
        return
    for judgement in record.judgements:
        assert judgement.evidence is None or 0 <= judgement.evidence.start <= judgement.evidence.end <= len(text)
    for recommendation in record.recommendations:
        assert recommendation.text.strip()


@settings(max_examples=EXAMPLES, deadline=None, derandomize="SKG_FUZZ_EXAMPLES" not in os.environ,
          database=None)
@given(st.text(max_size=300))
def test_any_short_text_raises_nothing_but_report_error(text):
    try:
        extract_document(document_from_text(text))
    except ReportError:
        pass
