"""Each report's extracted text, kept so that evidence can always be shown.

Evidence in the graph is a span of the report's extracted text (oa:start and
oa:end count its characters), and the report node records the text's SHA-256
(skg:textDigest). The texts themselves stay out of the graph (a national graph
keeps to about 500 triples a report): every build and load keeps each text in the
text shelf, a directory of UTF-8 files named by their digest,

    $SKG_TEXTS, else {XDG_DATA_HOME or ~/.local/share}/safeguarding-kg/texts
        <sha256 of the text>.txt

Content-addressed, so one shelf serves every graph and store, a text is written
once however often its report is built, and a text read back is checked against
its name. `evidence_of` finds an evidence node's span, report and digest in a
graph; `excerpt` cuts the span with some words either side; `skg evidence` prints it.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .vocab import DEF, OA

DIGEST = re.compile(r"^[0-9a-f]{64}$")
DCTERMS_SOURCE = "http://purl.org/dc/terms/source"


def default_texts_dir() -> Path:
    """$SKG_TEXTS if set, else {XDG_DATA_HOME or ~/.local/share}/safeguarding-kg/texts."""
    if os.environ.get("SKG_TEXTS"):
        return Path(os.environ["SKG_TEXTS"]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "safeguarding-kg" / "texts"


def text_path(digest: str, directory: str | Path | None = None) -> Path:
    return Path(directory or default_texts_dir()) / f"{digest}.txt"


def keep_text(doc, directory: str | Path | None = None) -> Path | None:
    """Put the document's text on the shelf (once); the path, or None if it could not be written.

    Never raises: a shelf that cannot be written must not cost a report its place
    in the graph (`skg evidence` can still read the report file itself).
    """
    from .build_cache import write_atomic

    if not DIGEST.match(doc.digest or ""):
        return None
    path = text_path(doc.digest, directory)
    try:
        if not path.is_file():
            write_atomic(path, doc.text.encode("utf-8"))
        return path
    except OSError:
        return None


def kept_text(digest: str, directory: str | Path | None = None) -> str | None:
    """The text with this digest from the shelf; None if it is not there (or not that text)."""
    path = text_path(digest, directory)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text if sha256(text) == digest else None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- from an evidence node to its words ----------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Where an evidence node points: a span of one report's text."""

    report: str  # the report's IRI
    start: int
    end: int
    digest: str | None  # of the report's text (skg:textDigest)
    source: str | None  # the report's file name (dcterms:source)
    page: int | None = None
    element: str | None = None
    node: str | None = None  # the evidence node's IRI


def evidence_of(store, iri: str) -> list[Evidence]:
    """The evidence of `iri` in a pyoxigraph store: an evidence node itself, or any node
    with skg:evidence (a judgement, recommendation, mention, theme tag, ...)."""
    import pyoxigraph as ox

    def value(subject, predicate: str):
        for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, None):
            return quad.object
        return None

    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise ReportError(f"{iri!r} is not an IRI.") from None
    nodes = [q.object for q in store.quads_for_pattern(node, ox.NamedNode(DEF + "evidence"), None, None)]
    if not nodes and value(node, str(OA) + "hasSource") is not None:
        nodes = [node]
    found = []
    for target in dict.fromkeys(nodes):
        report = value(target, str(OA) + "hasSource")
        start = end = None
        for quad in store.quads_for_pattern(target, ox.NamedNode(str(OA) + "hasSelector"), None, None):
            start = start if start is not None else _integer(value(quad.object, str(OA) + "start"))
            end = end if end is not None else _integer(value(quad.object, str(OA) + "end"))
        if report is None or start is None or end is None:
            continue
        digest, source = value(report, DEF + "textDigest"), value(report, DCTERMS_SOURCE)
        element = value(target, DEF + "element")
        found.append(Evidence(report.value, start, end, digest.value if digest else None,
                              source.value if source else None, _integer(value(target, DEF + "page")),
                              element.value if element else None, target.value))
    return sorted(found, key=lambda e: (e.report, e.start, e.end))


def report_of(store, iri: str) -> tuple[str | None, str | None]:
    """A report IRI's (text digest, file name) in the store."""
    import pyoxigraph as ox

    node = ox.NamedNode(iri)
    digest = next(store.quads_for_pattern(node, ox.NamedNode(DEF + "textDigest"), None, None), None)
    source = next(store.quads_for_pattern(node, ox.NamedNode(DCTERMS_SOURCE), None, None), None)
    return (digest.object.value if digest else None, source.object.value if source else None)


def _integer(literal) -> int | None:
    try:
        return int(literal.value) if literal is not None else None
    except ValueError:
        return None


# -- showing a span ----------------------------------------------------------------------


@dataclass(frozen=True)
class Excerpt:
    before: str
    quote: str
    after: str


def excerpt(text: str, start: int, end: int, context: int = 200) -> Excerpt:
    """text[start:end] with about `context` characters either side, cut at whole words."""
    if not (0 <= start <= end <= len(text)):
        raise ReportError(f"characters {start}-{end} are not in the text, which has {len(text):,} characters.")
    before = text[max(0, start - context):start]
    after = text[end:end + context]
    if start - context > 0:
        before = re.sub(r"^\S*\s", "", before, count=1)  # no word cut in half
    if end + context < len(text):
        after = re.sub(r"\s\S*$", "", after, count=1)
    return Excerpt(before, text[start:end], after)
