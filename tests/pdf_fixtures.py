"""Report-like PDFs for the tests and for benchmarks/pdf_libraries.py.

They are made with fpdf2 by tests/make_fixtures.write_pdf: a running header
(the report's title, from page 2), a footer with the page number and the crown
copyright line, headings in a bigger font, bullets with a hanging indent, tables
whose first column is wide (judgement and grade), and a bullet broken across a
page. Each comes with the text it was made from, so a reader of the PDF can be
checked against the record of that text (`pdf_safe(text)`).
"""
from __future__ import annotations

from pathlib import Path

from make_fixtures import pdf_safe, write_pdf

REPORTS = Path(__file__).parents[1] / "reports"

# An ILACS-like report: a judgement table, filler findings to make several pages,
# and a recommendation bullet that is printed across a page break.
BROKEN_BULLET = ("the quality and timeliness of written plans for children who need help and protection, "
                 "so that every plan says what will change for the child and by when and who will do it")
ILACS_LIKE = """Inspection of Rutland local authority children’s services

Inspection dates: 3 to 14 March 2025

Lead inspector: Alex Example, His Majesty’s Inspector

Judgement\tGrade
The impact of leaders on social work practice with children and families\tGood
The experiences and progress of children who need help and protection\tRequires improvement to be good
The experiences and progress of children in care\tGood
The experiences and progress of care leavers\tOutstanding
Overall effectiveness\tGood

Since the last inspection in 2021, when services in Rutland were judged to be requires improvement to be good, leaders have acted quickly to improve the help that children receive.

{filler}

What needs to improve?

 - The timeliness of strategy meetings for children at risk of harm.
 - {broken}.
 - Support for care leavers who are in custody.

The experiences and progress of children who need help and protection: requires improvement to be good

1. Children receive a timely response when they first need help.
"""
FILLER = "\n\n".join(
    f"{n}. Social workers visit children regularly and know them well. Managers oversee casework and "
    "supervision is regular, although the recording of decisions is not always clear enough to show why "
    "a plan changed. Partners share information promptly and attend meetings."
    for n in range(1, 25)
)


def ilacs_like_text() -> str:
    return ILACS_LIKE.format(filler=FILLER, broken=BROKEN_BULLET[0].upper() + BROKEN_BULLET[1:])


def write_ilacs_like_pdf(path: Path) -> tuple[str, Path]:
    """The ILACS-like report as a PDF whose broken bullet starts two lines above the foot of a page."""
    text = ilacs_like_text()
    write_pdf(text, path, title="Inspection of Rutland local authority children’s services",
              bullet_at_page_end=BROKEN_BULLET[0].upper() + BROKEN_BULLET[1:] + ".")
    return text, path


def write_seed_pdf(seed: Path, path: Path) -> tuple[str, Path]:
    """A seed report's text (reports/*.txt) as a PDF, titled by its first line."""
    text = seed.read_text(encoding="utf-8")
    write_pdf(text, path, title=text.strip().split("\n")[0])
    return text, path


def report_like_pdfs(folder: Path) -> list[tuple[str, str, Path]]:
    """(name, the text it was made from, the PDF) for the ILACS-like report and every seed report."""
    made = [("ilacs-like", *write_ilacs_like_pdf(folder / "ilacs-like.pdf"))]
    for seed in sorted(REPORTS.glob("*.txt")):
        made.append((seed.stem, *write_seed_pdf(seed, folder / f"{seed.stem}.pdf")))
    return made


__all__ = ["BROKEN_BULLET", "ILACS_LIKE", "FILLER", "ilacs_like_text", "write_ilacs_like_pdf", "write_seed_pdf",
           "report_like_pdfs", "pdf_safe"]
