"""Records as plain-text tables for people (`--format table`)."""
from __future__ import annotations

from .records import ExtractionRecord


def _rows(title: str, header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    if not rows:
        return []
    cells = [tuple("" if c is None else str(c) for c in row) for row in rows]
    widths = [min(70, max(len(h), *(len(r[i]) for r in cells))) for i, h in enumerate(header)]

    def line(values):
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()

    return ["", f"{title} ({len(rows)})", line(header), line(tuple("-" * w for w in widths))] + [
        line(r) for r in cells
    ]


def record_table(record: ExtractionRecord) -> str:
    subject = record.subject_authority
    insp = record.inspection
    lines = [
        f"source          {record.source}",
        f"document type   {record.document_type}",
        f"framework       {record.framework}",
        f"subject         {subject.name + ' (' + (subject.code or '?') + ')' if subject else '-'}",
        f"dates           {insp.start_date or '?'} to {insp.end_date or '?'}"
        + (f", published {insp.published}" if insp.published else ""),
        f"lead inspector  {insp.lead_inspector or '-'}",
    ]
    lines += _rows("Judgements", ("scope", "area", "grade"),
                   [(j.scope or "", j.area, j.grade) for j in record.judgements])
    lines += _rows("Recommendations", ("timescale", "addressees", "themes", "text"),
                   [(r.timescale or "", "; ".join(r.addressees), ", ".join(t.theme for t in r.themes), r.text)
                    for r in record.recommendations])
    partners = set(record.partners_of_subject)
    lines += _rows("Organisations", ("type", "code", "partner", "name"),
                   [(o.type, o.code or "", "yes" if o.name in partners else "", o.name)
                    for o in record.organisations])
    lines += _rows("Previous inspections", ("date", "subject", "grade"),
                   [(p.date, p.subject, p.grade or "") for p in record.previous_inspections])
    lines += _rows("Statistics", ("measure", "value", "date"),
                   [(s.measure, s.value, s.date or "") for s in record.statistics])
    return "\n".join(lines)
