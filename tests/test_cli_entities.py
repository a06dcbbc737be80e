"""`skg entities`: every organisation mention, what it resolved to, the rule and the confidence;
--unresolved; json, csv and table; bad input as sentences. Driven with CliRunner on a
report-like text of our own."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from safeguarding_kg.cli import cli
from safeguarding_kg.cli_entities import entity_rows

REPORT = """Essex County Council
Inspection of children's social care services
Inspection dates: 24 to 28 June 2019
Lead inspector: Kendra Bell, His Majesty's Inspector
The experiences and progress of children in care\tGood
Overall effectiveness\tGood
What needs to improve
- The timeliness of health assessments with Mid Essex Hospital Services NHS Trust.
Social workers work closely with the police. The Essex Safeguarding Children Partnership (ESCP) \
is effective and the ESCP audits practice.
Inspectors met staff of the Princess Alexandra Hospital NHS Trust and of the Mid Essex Hospital Services NHS \
Trust. They also met staff of Nowhere Valley Community NHS Foundation Trust.
"""


@pytest.fixture()
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "essex.txt").write_text(REPORT, encoding="utf-8")
    return folder


def run(*args):
    result = CliRunner().invoke(cli, ["entities", *map(str, args)])
    return result


def by_mention(rows):
    return {r["mention"]: r for r in rows}


def test_every_mention_with_what_it_resolved_to_the_rule_and_the_confidence(reports):
    result = run(reports / "essex.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = by_mention(json.loads(result.output))
    trust = rows["Mid Essex Hospital Services NHS Trust"]
    assert (trust["name"], trust["type"], trust["code"]) == (
        "Mid Essex Hospital Services NHS Trust", "nhs-trust", "RQ8")
    assert trust["rule"] == "NHS register: exact name" and trust["confidence"] == 1.0
    police = rows["police"]
    assert (police["name"], police["code"]) == ("Essex Police", "essex")
    assert police["rule"] == "generic police: the force covering the subject authority"
    assert rows["ESCP"]["type"] == "safeguarding-board"
    assert rows["Essex County Council"]["code"] == "E10000012"
    # evidence: where the mention is in the report's text
    start, end = trust["start"], trust["end"]
    assert REPORT[start:end] == "Mid Essex Hospital Services NHS Trust"


def test_a_name_split_over_lines_is_one_mention_of_the_same_body(reports):
    rows = entity_rows([reports])
    codes = [r["code"] for r in rows if r["name"] == "Mid Essex Hospital Services NHS Trust"]
    assert codes == ["RQ8", "RQ8"]


def test_unresolved_lists_only_register_bodies_without_a_code(reports):
    result = run(reports, "--unresolved", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["mention"] for r in rows] == ["Nowhere Valley Community NHS Foundation Trust"]
    assert rows[0]["code"] is None and rows[0]["confidence"] == 0.0
    assert rows[0]["rule"] == "not in the register on the report's date"


def test_csv_has_a_header_and_one_line_per_mention(reports):
    result = run(reports, "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert list(table[0]) == ["report", "mention", "start", "end", "page", "name", "type", "code", "rule",
                              "confidence"]
    assert len(table) == len(entity_rows([reports]))
    assert {r["report"] for r in table} == {"essex.txt"}


def test_table_for_people(reports):
    result = run(reports)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["report", "mention", "name"]
    assert any("Essex Police" in line and "essex" in line for line in lines)


def test_a_report_that_cannot_be_read_is_skipped_with_a_sentence(reports):
    (reports / "notes.txt").write_text("A shopping list: eggs, milk.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["entities", str(reports), "--format", "json"])
    assert result.exit_code == 0
    assert "skipped" in result.stderr and "notes.txt" in result.stderr
    assert {r["report"] for r in json.loads(result.stdout)} == {"essex.txt"}


def test_only_unreadable_reports_is_an_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("A shopping list: eggs, milk.\n", encoding="utf-8")
    result = run(bad)
    assert result.exit_code == 1
    assert "no report could be read" in result.output
    assert "Traceback" not in result.output


def test_a_missing_path_is_a_sentence_not_a_traceback(tmp_path):
    result = run(tmp_path / "nowhere.pdf")
    assert result.exit_code == 1
    assert "nowhere.pdf: no such report file or directory." in result.output


def test_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "skg entities" in result.output


def test_a_trust_closed_before_the_report_stays_unresolved_and_is_not_matched_to_another(tmp_path):
    # Mid Essex Hospital Services NHS Trust closed in 2020: a 2023 report naming it must not get
    # the code of another "... Hospital Services NHS Trust" by a close match on fewer words
    (tmp_path / "essex.txt").write_text(REPORT.replace("24 to 28 June 2019", "26 to 30 June 2023"),
                                        encoding="utf-8")
    rows = entity_rows([tmp_path], unresolved_only=True)
    mid_essex = [r for r in rows if "Mid Essex" in r["mention"]]
    assert mid_essex and all(r["code"] is None for r in mid_essex)
    assert mid_essex[0]["rule"] == "in the register, but not open on the report's date"
    assert not [r for r in entity_rows([tmp_path]) if r["name"] == "Hospital Services NHS Trust"]
