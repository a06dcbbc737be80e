"""`skg entities`: every organisation mention in reports, what it resolved to, and why.

`entity_rows(paths)` is the library function (a test calls it directly); the
click command formats its rows. Each row is one mention: the words as the
report wrote them, the organisation they resolved to (name, type, register
code), the rule that decided and a confidence that goes with the rule:

  1.0   the register's own name, or a fixed name from the list of national bodies
  0.95  an alternative name the register records
  0.9   a name built from the subject's place ("Southend", "Dudley Safeguarding
        Children Board"), a board acronym with its place, a regional adoption agency
  0.85  a close match to a register name (rapidfuzz, on the report's date)
  0.8   a generic mention resolved through the subject ("the police" -> the force
        covering the subject authority; "the LSCB" -> the subject's board;
        "the PCT" -> the subject's commissioner on the date)
  0.7   a capitalised board or partnership name, with no register to check it
  0     not resolved: a council, NHS body or police force with no register code

`--unresolved` keeps the rows without a register code where a register applies
(councils, NHS bodies, police forces).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click

from .errors import ReportError

REGISTER_TYPES = ("local-authority", "police-force", "nhs-trust", "primary-care-trust",
                  "clinical-commissioning-group", "integrated-care-board")
COLUMNS = ("report", "mention", "start", "end", "page", "name", "type", "code", "rule", "confidence")


def _nhs_rule(form: str, code: str) -> tuple[str, float]:
    from . import registers

    key = registers.name_key(form)
    rows = [r for r in registers._nhs_by_key().get(key, []) if r["code"] == code]
    if any(registers.name_key(r["name"]) == key for r in rows):
        return "NHS register: exact name", 1.0
    if rows:
        return "NHS register: alternative name", 0.95
    return "NHS register: close match (rapidfuzz) on the report's date", 0.85


def _force_rule(form: str, code: str) -> tuple[str, float]:
    from . import registers

    row = next((r for r in registers.police_forces() if r["code"] == code), None)
    if row and registers.name_key(form) == registers.name_key(row["name"]):
        return "police register: exact name", 1.0
    return "police register: alternative name", 0.95


def _unresolved_rule(m) -> str:
    from . import registers

    if m.key[0] == "generic":
        return "generic NHS body: the one of its type the report names, which has no code"
    if re.search(r"(?:Trusts|CCGs|ICBs|Groups|Boards)$", m.form.strip()):
        return "a group of bodies (a plural name): no one register entry"
    if m.type != "police-force" and m.type != "local-authority" and registers.nhs_by_name(m.form):
        return "in the register, but not open on the report's date"
    return "not in the register on the report's date"


def rule_of(m) -> tuple[str, float]:
    """The rule that resolved mention `m` (an orgresolve.Mention) and its confidence."""
    nhs_kinds = ("nhs-trust", "nhs-place", "pct", "ccg", "icb")
    if m.type in REGISTER_TYPES and not m.code:
        return _unresolved_rule(m), 0.0
    if m.kind == "council":
        if m.name and " ".join(m.form.split()).lower() != m.name.lower():
            return "council register: alternative name", 0.95
        return "council register name", 1.0
    if m.kind == "place":
        return "the subject council's place name", 0.9
    if m.kind in ("pct", "ccg", "icb") and not _has_head(m):
        return "generic NHS commissioner: the subject's on the report's date, or the one named", 0.8
    if m.kind in nhs_kinds:
        return _nhs_rule(m.form, m.code)
    if m.kind == "police":
        return _force_rule(m.form, m.code)
    if m.kind == "police-generic":
        return "generic police: the force covering the subject authority", 0.8
    if m.kind == "sb":
        if m.quality == 0:
            return "generic safeguarding board: the subject's", 0.8
        return "safeguarding board named with its place", 0.9
    if m.kind == "sb-acronym":
        if m.quality == 0:
            return "board acronym: defined in the report or the subject's initials", 0.8
        return "board acronym with its place", 0.9
    if m.kind == "adoption":
        return "regional adoption agency name", 0.9
    if m.kind == "board":
        return "capitalised board or partnership name", 0.7
    return "list of national bodies", 1.0


def report_paths(paths) -> list[Path]:
    """The report files named, and those in the directories named, in order."""
    from .build import report_files

    out = []
    for path in map(Path, paths):
        if path.is_dir():
            out.extend(report_files(path))
        elif path.is_file():
            out.append(path)
        else:
            raise ReportError(f"{path}: no such report file or directory.")
    return out


def entity_rows(paths, unresolved_only: bool = False, skipped: list | None = None) -> list[dict]:
    """One row per organisation mention in the reports at `paths` (files or directories).

    A report that cannot be read is left out, with its sentence appended to `skipped`.
    """
    from .entities import organisation_mentions
    from .extract import extract_document
    from .text import read_document

    rows = []
    for path in report_paths(paths):
        try:
            doc = read_document(path)
            record = extract_document(doc)
        except ReportError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        for organisation, mentions in organisation_mentions(doc, record):
            for m in mentions or (None,):
                row = _row(path.name, doc, organisation, m)
                if not unresolved_only or (row["type"] in REGISTER_TYPES and not row["code"]):
                    rows.append(row)
    return rows


def _row(report: str, doc, organisation, m) -> dict:
    if m is None:  # the subject, known from the title block only
        return dict(report=report, mention=None, start=None, end=None, page=None, name=organisation.name,
                    type=organisation.type, code=organisation.code,
                    rule="subject authority of the report", confidence=1.0 if organisation.code else 0.0)
    rule, confidence = rule_of(m)
    if organisation.type in REGISTER_TYPES and not organisation.code:
        confidence = 0.0
    span = doc.span(m.start, m.end)
    return dict(report=report, mention=" ".join(doc.text[m.start:m.end].split()), start=m.start, end=m.end,
                page=span.page, name=organisation.name, type=organisation.type, code=organisation.code,
                rule=rule, confidence=confidence)


def _has_head(m) -> bool:
    """Does an NHS commissioner mention name a place ("NHS Dudley CCG"), not just "the CCG"?"""
    return not re.fullmatch(r"(?:the\s+)?(?:PCTs?|CCGs?|ICBs?|Primary\s+Care\s+Trusts?"
                            r"|Clinical\s+Commissioning\s+Groups?|Integrated\s+Care\s+Boards?)",
                            m.form.strip(), re.I)


def _table(rows: list[dict]) -> str:
    if not rows:
        return "(no mentions)"
    shown = ("report", "mention", "name", "type", "code", "rule", "confidence")
    cells = [[_cell(r[c]) for c in shown] for r in rows]
    limits = {"report": 45, "mention": 40, "name": 45, "rule": 75}
    widths = [min(limits.get(c, 30), max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(shown)]

    def line(values):
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(shown), line(["-" * w for w in widths])] + [line(c) for c in cells])


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


@click.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--unresolved", is_flag=True,
              help="Only mentions of councils, NHS bodies and police forces that have no register code.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="table for people; json or csv for scripts.")
def entities(reports, unresolved: bool, fmt: str):
    """List every organisation mention in REPORTS (files or directories) and what it resolved to.

    Each mention shows the organisation's name, type and register code (GSS,
    ODS or police.uk id), the rule that decided and its confidence. A report
    that cannot be read is reported and skipped.

    \b
    Example:
        skg entities reports/001_2c2e3d51dea60eb9.txt
        skg entities reports --unresolved --format csv
    """
    skipped: list[str] = []
    try:
        rows = entity_rows(reports, unresolved_only=unresolved, skipped=skipped)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    for why in skipped:
        click.echo(f"skipped {why}", err=True)
    if skipped and not rows and len(skipped) == len(report_paths(reports)):
        raise click.ClickException("no report could be read.")
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(_csv(rows))
    else:
        click.echo(_table(rows))
