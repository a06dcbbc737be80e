"""Which PDF library should read the reports? Measured, not assumed.

Each candidate library gives each page's text with positions; the same
post-processing the project applies to pypdfium2 (text.join_pages: running
headers, footers and page numbers dropped, lines joined into paragraphs, wide
gaps as table-cell tabs, sentences broken by a page rejoined) turns that into
the report's text, and the same loaders extract the record. pypdfium2 runs
exactly as the project runs it (text.read_document). The others are read through
one small adapter: their words or text runs with boxes and font sizes, grouped
into lines by position.

Measured:
  report-like PDFs  the PDFs the tests make (tests/pdf_fixtures.py: running
                    header, footer, page numbers, judgement tables, a bullet
                    across pages): words and paragraphs of the source text
                    recovered, page furniture left in, and the judgements and
                    recommendations of the source text's record found
  real PDFs         ../shared/real-reports (34 Ofsted PDFs): the scorer's fields
                    against tests/golden/records (14 written by hand), and
                    judgements and recommendations found in all 34
  speed             seconds to read all the real PDFs' text (library and
                    post-processing), one process

Candidates other than pypdfium2 are not dependencies of the project: install
them somewhere else and point --libs at it, e.g.

    .venv/bin/pip install --target /tmp/pdfbench-libs pdfminer.six pypdf pdfplumber pymupdf
    .venv/bin/python benchmarks/pdf_libraries.py --libs /tmp/pdfbench-libs

It prints the tables that benchmarks/PDF_LIBRARIES.md records.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.util
import json
import math
import platform
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # make_fixtures, pdf_fixtures

from safeguarding_kg.errors import ReportError  # noqa: E402
from safeguarding_kg.extract import extract_document  # noqa: E402
from safeguarding_kg.records import to_json  # noqa: E402
from safeguarding_kg.text import Document, Line, document_from_text, join_pages, read_document  # noqa: E402

REAL = ROOT.parent / "shared" / "real-reports"
GOLDEN = ROOT / "tests" / "golden" / "records"
SCORER = ROOT / "tests" / "gold" / "score.py"
SCORED = ["metadata", "judgements", "recommendations", "rec_timescale"]  # the golden records have no organisations
LICENCES = {"pypdfium2": "Apache-2.0 / BSD-3", "pdfminer.six": "MIT", "pdfplumber": "MIT", "pypdf": "BSD-3",
            "pymupdf": "AGPL-3.0 (or commercial)"}


# -- each library: pages of (text, x0, x1, top, bottom, size) runs, y growing up the page --------


def pdfminer_pages(path: Path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    for page in extract_pages(str(path)):
        runs = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine) and line.get_text().strip():
                    size = next((c.size for c in line if isinstance(c, LTChar)), 10.0)
                    runs.append((line.get_text(), line.x0, line.x1, line.y1, line.y0, size))
        yield runs, page.height


def pdfplumber_pages(path: Path):
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"], use_text_flow=True)  # the PDF's own order
            h = float(page.height)
            yield [(w["text"], w["x0"], w["x1"], h - w["top"], h - w["bottom"], w["size"]) for w in words], h


def pymupdf_pages(path: Path):
    import pymupdf

    with pymupdf.open(str(path)) as pdf:
        for page in pdf:
            h = page.rect.height
            runs = []
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if span["text"].strip():
                            x0, y0, x1, y1 = span["bbox"]
                            runs.append((span["text"], x0, x1, h - y0, h - y1, span["size"]))
            yield runs, h


def pypdf_pages(path: Path):
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    for page in reader.pages:
        h = float(page.mediabox.height)
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            if not text.strip():
                return
            # the text matrix in page space: tm then cm
            a = tm[0] * cm[0] + tm[1] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scaled = size * (abs(d) or abs(a) or 1.0)
            for piece in text.split("\n"):  # pypdf may hand over several lines at once
                if piece.strip():
                    runs.append((piece, x, x + 0.5 * scaled * len(piece), y + scaled, y, scaled))
                y -= scaled * 1.2

        page.extract_text(visitor_text=visit)
        yield runs, h


def lines_of(runs, page_height: float) -> list[Line]:
    """Runs, in the library's own reading order, as lines: a run continues the line before it
    when it sits on the same baseline (within half its font size) to its right; a gap wider
    than a table's column break becomes a tab. A table cell that wraps keeps its lines
    together, as pypdfium2 gives them, and join_pages puts the next cell beside it."""
    rows: list[list] = []
    for run in runs:
        last = rows[-1][-1] if rows else None
        if last is not None and abs(last[4] - run[4]) <= 0.5 * max(run[5], 1.0) and run[1] >= last[2] - 0.5 * run[5]:
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        text, prev = "", None
        for run in row:
            piece = " ".join(run[0].split())
            if prev is not None:
                gap = run[1] - prev[2]
                text += "\t" if gap > max(30.0, 3 * run[5]) else ("" if gap < 0.1 * run[5] else " ")
            text += piece
            prev = run
        if text.strip():
            lines.append(Line(text.strip(), row[0][1], max(r[3] for r in row), min(r[4] for r in row),
                              row[0][5], page_height))
    return lines


def via_adapter(pages_of):
    def read(path: Path) -> Document:
        pages = [lines_of(runs, height) for runs, height in pages_of(path)]
        text, starts = join_pages(pages)
        return Document(path.name, text, tuple(starts), hashlib.sha256(text.encode()).hexdigest())
    return read


READERS = {
    "pypdfium2": read_document,  # the project's own path, unchanged
    "pdfminer.six": via_adapter(pdfminer_pages),
    "pdfplumber": via_adapter(pdfplumber_pages),
    "pypdf": via_adapter(pypdf_pages),
    "pymupdf": via_adapter(pymupdf_pages),
}
MODULES = {"pypdfium2": "pypdfium2", "pdfminer.six": "pdfminer", "pdfplumber": "pdfplumber", "pypdf": "pypdf",
           "pymupdf": "pymupdf"}


# -- measures ------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Non-empty lines, bullets as "- ", spaces collapsed: how a text and a PDF's text are compared."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*[-•\u2022]\s+", "- ", line)
        line = " ".join(line.replace("\t", " ").split())
        if line:
            out.append(line)
    return out


def word_recall(source: str, extracted: str) -> float:
    """Share of the source's words found in order in the extracted text."""
    a, b = source.split(), extracted.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(a))


def furniture(doc_text: str, title: str) -> int:
    """Lines of page furniture left in: the running title (bar the cover's own), page
    numbers, the copyright line of the footer."""
    lines = [" ".join(line.split()) for line in doc_text.split("\n")]
    titles = sum(line == " ".join(title.split()) for line in lines)
    return max(0, titles - 1) + sum(1 for line in lines if re.fullmatch(r"\d{1,3}", line)
                                    or line in ("© Crown copyright", "(c) Crown copyright"))


def found(record) -> tuple[Counter, Counter]:
    return (Counter((j.area.lower(), j.grade) for j in record.judgements),
            Counter(" ".join(r.text.split()).lower() for r in record.recommendations))


def f1(expected: Counter, got: Counter) -> tuple[int, int, int]:
    tp = sum((expected & got).values())
    return tp, sum(got.values()) - tp, sum(expected.values()) - tp


def ratio(tp: int, fp: int, fn: int) -> float:
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic(readers: dict, folder: Path) -> dict:
    from pdf_fixtures import pdf_safe, report_like_pdfs

    made = report_like_pdfs(folder)
    results = {}
    for name, read in readers.items():
        words = paras = furn = 0.0
        unrecognised = 0
        tallies = {"judgements": [0, 0, 0], "recommendations": [0, 0, 0]}
        for _, text, path in made:
            source = pdf_safe(text)
            doc = read(path)
            words += word_recall(" ".join(paragraphs(source)), " ".join(paragraphs(doc.text)))
            got_lines = set(paragraphs(doc.text))
            wanted = paragraphs(source)
            paras += sum(p in got_lines for p in wanted) / len(wanted)
            furn += furniture(doc.text, source.strip().split("\n")[0])
            want_j, want_r = found(extract_document(document_from_text(source)))
            try:
                got_j, got_r = found(extract_document(doc))
            except ReportError:  # the text read is not recognisable as a report: nothing found
                got_j, got_r = Counter(), Counter()
                unrecognised += 1
            for key, (w, g) in {"judgements": (want_j, got_j), "recommendations": (want_r, got_r)}.items():
                tallies[key] = [x + y for x, y in zip(tallies[key], f1(w, g))]
        results[name] = {"pdfs": len(made), "word_recall": words / len(made), "paragraphs_exact": paras / len(made),
                         "furniture_lines": int(furn), "unrecognised": unrecognised,
                         "judgements_f1": ratio(*tallies["judgements"]), "judgements": tallies["judgements"],
                         "recommendations_f1": ratio(*tallies["recommendations"]),
                         "recommendations": tallies["recommendations"]}
    return results


def real(readers: dict) -> dict:
    score = scorer()
    pdfs = sorted(REAL.glob("*.pdf"))
    golden = {json.loads(p.read_text())["source"]: json.loads(p.read_text()) for p in GOLDEN.glob("*.json")}
    results = {}
    for name, read in readers.items():
        totals = {f: score.Tally(f in ("metadata", "rec_timescale")) for f in SCORED}
        seconds, judgements, recommendations, failed = 0.0, 0, 0, []
        for path in pdfs:
            started = time.perf_counter()
            try:
                doc = read(path)
            except Exception as exc:  # noqa: BLE001 - a library that cannot read a file scores nothing for it
                failed.append(f"{path.name}: {type(exc).__name__}")
                continue
            finally:
                seconds += time.perf_counter() - started
            try:
                record = extract_document(doc)
            except Exception as exc:  # noqa: BLE001
                failed.append(f"{path.name}: extraction {type(exc).__name__}")
                continue
            judgements += len(record.judgements)
            recommendations += len(record.recommendations)
            if path.name in golden:
                everything = {f: score.Tally(f in ("metadata", "rec_timescale"))
                              for f in ["organisations", "org_type", "partners", *SCORED]}
                score.score_doc(golden[path.name], json.loads(json.dumps(to_json(record))), everything, [])
                for f in SCORED:
                    totals[f].add(everything[f].tp, everything[f].fp, everything[f].fn)
        results[name] = {"pdfs": len(pdfs), "golden": len(golden), "seconds": seconds,
                         "fields": {f: totals[f].prf()[2] for f in SCORED},
                         "mean": sum(totals[f].prf()[2] for f in SCORED) / len(SCORED),
                         "judgements": judgements, "recommendations": recommendations, "failed": failed}
    return results


def version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version({"pymupdf": "PyMuPDF"}.get(name, name))
    except metadata.PackageNotFoundError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--libs", help="a directory where the candidate libraries are installed (pip --target)")
    parser.add_argument("--only", nargs="*", help="the libraries to measure (default: every one importable)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.libs:
        sys.path.append(args.libs)  # after the project's own packages: they are never shadowed
    readers = {n: r for n, r in READERS.items()
               if (not args.only or n in args.only) and importlib.util.find_spec(MODULES[n])}
    missing = sorted(set(args.only or READERS) - set(readers))
    with tempfile.TemporaryDirectory() as folder:
        made = synthetic(readers, Path(folder))
    measured = real(readers) if REAL.is_dir() else {}
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    print(f"# {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, {platform.system()} "
          f"{platform.machine()}, {cpu}")
    if missing:
        print(f"# not installed, not measured: {', '.join(missing)}")
    print("\n## report-like PDFs (tests/pdf_fixtures.py)\n")
    print("| library | version | licence | words recovered | paragraphs exact | furniture lines left "
          "| not recognised as a report | judgements F1 | recommendations F1 |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, m in made.items():
        print(f"| {name} | {version(name)} | {LICENCES[name]} | {m['word_recall']:.3f} | {m['paragraphs_exact']:.3f} "
              f"| {m['furniture_lines']} | {m['unrecognised']} of {m['pdfs']} | {m['judgements_f1']:.3f} "
              f"| {m['recommendations_f1']:.3f} |")
    if measured:
        some = next(iter(measured.values()))
        print(f"\n## real PDFs ({some['pdfs']}; scored against {some['golden']} hand-written records)\n")
        print("| library | " + " | ".join(SCORED) + " | mean | judgements found (all) | recommendations found (all) "
              "| seconds (text of all) | not read or not a report |")
        print("| --- | " + " | ".join("---:" for _ in SCORED) + " | ---: | ---: | ---: | ---: | ---: |")
        for name, m in measured.items():
            print(f"| {name} | " + " | ".join(f"{m['fields'][f]:.3f}" for f in SCORED)
                  + f" | {m['mean']:.3f} | {m['judgements']} | {m['recommendations']} | {m['seconds']:.1f} "
                  f"| {len(m['failed'])} |")
        for name, m in measured.items():
            for failure in m["failed"]:
                print(f"  {name}: {failure}")
    if args.json:
        args.json.write_text(json.dumps({"synthetic": made, "real": measured}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
