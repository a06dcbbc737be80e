"""Bad input: each file gets a one-line ReportError naming it and saying why, never a traceback.

Every bad file is made here: empty, binary, truncated and encrypted PDFs, a
.docx that is a zip of something else, text in Windows-1252, Latin-1 and UTF-16,
a file over the size limit, a report naming no council. A directory mixing them
with good reports builds every good one.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from make_fixtures import write_docx, write_pdf
from safeguarding_kg.cli import cli
from safeguarding_kg.errors import ReportError
from safeguarding_kg.extract import extract, extract_document
from safeguarding_kg.registers import find_councils
from safeguarding_kg.text import document_from_text, read_document

REPORTS = Path(__file__).parents[1] / "reports"
ILACS = REPORTS / "002_f648c9875aa70f28.txt"  # a seed report with gold in tests/gold
SHORT_REPORT = """Inspection of Rutland local authority children’s services

Inspection dates: 3 to 14 March 2025

Lead inspector: Alex Example, His Majesty’s Inspector

Judgement\tGrade
Overall effectiveness\tGood

Since the last inspection in 2021, children’s services in Rutland have improved.
"""


def refused(path: Path, reason: str, **kwargs) -> str:
    """read_document's error for `path`: one line, naming the file, matching `reason`."""
    with pytest.raises(ReportError) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(path.name + ":")
    assert re.search(reason, message), message
    return message


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".html"])
def test_an_empty_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    refused(path, "empty")


def test_a_file_of_blank_lines_has_no_text(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n \n\t\n")
    refused(path, "no text")


def test_a_binary_file_named_as_text(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    refused(path, "binary")


def test_a_binary_file_without_nul_bytes(tmp_path):
    path = tmp_path / "noise.htm"
    path.write_bytes(bytes(b % 31 + 1 for b in range(5000)))
    refused(path, "binary")


def test_a_binary_file_named_as_pdf(tmp_path):
    path = tmp_path / "image.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    refused(path, "not a readable PDF")


def test_an_unsupported_suffix(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    refused(path, r"unsupported file type \.doc.*\.docx")


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory) -> Path:
    return write_pdf(SHORT_REPORT * 6, tmp_path_factory.mktemp("pdf") / "good.pdf")


def test_a_truncated_pdf(good_pdf, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(good_pdf.read_bytes()[: good_pdf.stat().st_size * 2 // 3])
    refused(path, "truncated")


def test_a_pdf_whose_end_is_garbled(good_pdf, tmp_path):
    path = tmp_path / "garbled.pdf"
    data = good_pdf.read_bytes()
    path.write_bytes(data[:200] + bytes(len(data) - 210) + b"\n%%EOF\n")
    refused(path, "not a readable PDF|no text")


def test_an_encrypted_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Inspection of Rutland local authority children's services")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    refused(path, "encrypted")


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path):
    """Permissions without a password to open: the text can be read, as a viewer reads it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Inspection of Rutland")
    path = tmp_path / "permissions.pdf"
    pdf.output(str(path))
    assert read_document(path).text == "Inspection of Rutland"


def test_a_docx_that_is_a_zip_of_something_else(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    refused(path, "not a Word")


def test_a_docx_that_is_a_spreadsheet(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
    refused(path, "not a Word")


def test_a_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_text("Inspection of Rutland local authority children’s services\n")
    refused(path, "not a Word")


def test_a_word_file_of_the_report_reads(tmp_path):
    path = write_docx(SHORT_REPORT, tmp_path / "good.docx")
    assert read_document(path).text.startswith("Inspection of Rutland local authority")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_text_in_another_encoding_gives_the_same_record(tmp_path, encoding):
    text = ILACS.read_text(encoding="utf-8")
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == read_document(ILACS).text
    assert extract(path).judgements == extract(ILACS).judgements


def test_latin_1_text_keeps_its_letters(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café and naïve services in Rutland\x81\n".encode("latin-1"))
    # \x81 is not Windows-1252: the whole file is read as Latin-1 instead
    assert read_document(path).text.startswith("Café and naïve services")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text(SHORT_REPORT)
    refused(path, r"over the 0\.0 MB limit", max_bytes=10)
    monkeypatch.setenv("SKG_MAX_REPORT_BYTES", "100")
    refused(path, "SKG_MAX_REPORT_BYTES")
    monkeypatch.delenv("SKG_MAX_REPORT_BYTES")
    assert read_document(path).text


def test_the_cli_gives_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "archive.docx" in result.output and "not a Word" in result.output
    assert len(result.output.strip().splitlines()) == 1


# -- a report naming no council -----------------------------------------------------


def without_councils(text: str) -> str:
    """The text with every council name the registers know replaced by a made-up place."""
    for _, start, end in sorted(find_councils(text), key=lambda hit: -hit[1]):
        text = text[:start] + "Atlantis" + text[end:]
    return text


@pytest.mark.parametrize("seed", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_every_genre_gives_no_subject_where_no_council_is_named(seed):
    """The loaders agree: no council named, no subject authority (not a wrong one, not a crash)."""
    text = without_councils(seed.read_text(encoding="utf-8"))
    assert not find_councils(text)
    record = extract_document(document_from_text(text, seed.name))
    assert record.subject_authority is None


def test_a_build_skips_a_report_with_no_council(tmp_path):
    from safeguarding_kg.build import build_graph

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "atlantis.txt").write_text(without_councils(SHORT_REPORT))
    (reports / "rutland.txt").write_text(SHORT_REPORT)
    result = build_graph(reports, tmp_path / "graph.ttl")
    assert result.loaded == ["rutland.txt"]
    (name, why), = result.skipped
    assert name == "atlantis.txt" and "council" in why and "\n" not in why


# -- a directory of good and bad files ---------------------------------------------


def test_a_directory_mixing_good_and_bad_files_builds_every_good_one(tmp_path, good_pdf):
    from safeguarding_kg.build import build_graph

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "ilacs.txt").write_bytes(ILACS.read_bytes())
    write_docx(SHORT_REPORT, reports / "rutland.docx")
    (reports / "empty.txt").write_bytes(b"")
    (reports / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (reports / "cut.pdf").write_bytes(good_pdf.read_bytes()[:2000])
    with zipfile.ZipFile(reports / "zip.docx", "w") as archive:
        archive.writestr("a.txt", "a")
    (reports / "page.html").write_text("<html><body><nav>Home</nav><p>Cookies policy</p></body></html>")
    result = build_graph(reports, tmp_path / "graph.ttl")
    assert sorted(result.loaded) == ["ilacs.txt", "rutland.docx"]
    skipped = dict(result.skipped)
    assert sorted(skipped) == ["binary.txt", "cut.pdf", "empty.txt", "page.html", "zip.docx"]
    for name, why in skipped.items():
        assert why.startswith(name + ":") and "\n" not in why and "internal error" not in why
    assert (tmp_path / "graph.ttl").stat().st_size > 0
