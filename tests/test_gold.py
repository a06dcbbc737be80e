"""The seed reports scored against the gold records, as shared/eval/score.py scores them.

tests/gold/ is a copy of shared/gold/ and of the scorer, so the suite runs the
same comparison offline and from a clean clone.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from safeguarding_kg.extract import extract
from safeguarding_kg.records import to_json

HERE = Path(__file__).parent
GOLD = HERE / "gold"
REPORTS = HERE.parent / "reports"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", GOLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIELDS = ["metadata", "judgements", "recommendations", "rec_timescale",
          "organisations", "org_type", "partners"]
ACCURACY = {"metadata", "rec_timescale", "org_type"}


@pytest.fixture(scope="module")
def totals():
    score = _scorer()
    totals = {f: score.Tally(f in ACCURACY) for f in FIELDS}
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text())
        pred = to_json(extract(REPORTS / gold["source"]))
        # the same round trip through JSON text that `skg extract --format json` makes
        score.score_doc(gold, json.loads(json.dumps(pred)), totals, [])
    return totals


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_scores_at_least_0_9(totals, field):
    assert totals[field].prf()[2] >= 0.9, f"{field}: {totals[field].prf()}"


def test_overall_f1_is_at_least_0_95(totals):
    overall = sum(totals[f].prf()[2] for f in FIELDS) / len(FIELDS)
    assert overall >= 0.95
