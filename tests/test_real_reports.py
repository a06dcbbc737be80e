"""Every real Ofsted PDF in shared/real-reports extracts to a sound record.

The file names there (council slug, date, the collector's genre) are the oracle
here, and only here: no loader reads a file name.
"""
from pathlib import Path

import pytest

from safeguarding_kg.extract import extract
from safeguarding_kg.registers import local_authorities

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-reports"
PDFS = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
FRAMEWORKS = {"single-inspection-framework", "ilacs", "focused-visit", "monitoring-visit",
              "jtai", "looked-after-children", "other"}
GRADED = {"single-inspection-framework", "ilacs", "looked-after-children"}

pytestmark = pytest.mark.skipif(not PDFS, reason="shared/real-reports is not beside the checkout")


def slug_codes() -> dict[str, str]:
    return {row["gov_uk_slug"]: row["code"] for row in local_authorities() if row.get("gov_uk_slug")}


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_real_report_extracts_soundly(pdf):
    record = extract(pdf)
    slug, published, _genre = pdf.stem.split("_")
    assert record.framework in FRAMEWORKS
    assert record.subject_authority and record.subject_authority.code == slug_codes()[slug]
    insp = record.inspection
    assert insp.start_date and insp.end_date and insp.start_date <= insp.end_date
    # an inspection ends before its report is published, and not years before
    assert insp.end_date <= published
    assert int(published[:4]) - int(insp.end_date[:4]) <= 1
    if record.framework in GRADED:
        assert insp.lead_inspector
        assert len(record.judgements) >= 4
    for item in record.judgements + record.recommendations:
        assert item.evidence is not None and item.evidence.page is not None
