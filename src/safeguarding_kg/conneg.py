"""Content negotiation: which media type to answer with, from Accept, `format=` or a file extension.

Pure functions of strings, shared by the server (serve), the static site (file
extensions) and the SPARQL query workers.
"""
from __future__ import annotations

import pyoxigraph as ox

HTML = "text/html"

# RDF documents: media type -> (file extension, pyoxigraph format)
RDF_TYPES = {
    "text/turtle": ("ttl", ox.RdfFormat.TURTLE),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
    "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML),
}
# SPARQL results of SELECT and ASK: media type -> pyoxigraph format
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
EXTENSIONS = {"html": HTML, **{ext: media for media, (ext, _) in RDF_TYPES.items()}}
# Other names clients use for the same types (Accept headers and format= values).
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/xhtml+xml": HTML,
}
# format= short names; "json" and "xml" mean results for SELECT/ASK and RDF for CONSTRUCT.
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None), "tsv": ("text/tab-separated-values", None),
    "srj": ("application/sparql-results+json", None), "srx": ("application/sparql-results+xml", None),
    "ttl": (None, "text/turtle"), "turtle": (None, "text/turtle"),
    "nt": (None, "application/n-triples"), "ntriples": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"), "json-ld": (None, "application/ld+json"),
    "rdf": (None, "application/rdf+xml"), "rdfxml": (None, "application/rdf+xml"),
    "html": (HTML, HTML),
}
DOCUMENT_TYPES = [HTML, *RDF_TYPES]


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q values, best first (ties keep the header's order)."""
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((ALIASES.get(media, media), q, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, q) for media, q, _ in ranges]


def choose(accept: str | None, offered: list[str], default: str | None = None) -> str | None:
    """The offered type the Accept header likes best; `default` when it names none (or is absent).

    `type/*` and `*/*` match by order of `offered`; a type refused with q=0 is never chosen.
    """
    ranges = parse_accept(accept)
    if not ranges:
        return default
    refused = {media for media, q in ranges if q == 0}
    for media, q in ranges:
        if q == 0:
            continue
        if media in offered and media not in refused:
            return media
        if media.endswith("/*"):
            major = media[:-1]
            for candidate in offered:
                if (media == "*/*" or candidate.startswith(major)) and candidate not in refused:
                    # */* prefers the default (HTML for pages, JSON for results)
                    if media == "*/*" and default in offered and default not in refused:
                        return default
                    return candidate
    return None


def from_format(value: str | None, for_rdf: bool) -> str | None:
    """The media type named by a `format=` value (a short name or a media type), or None."""
    if not value:
        return None
    value = value.strip().lower()
    if value in FORMAT_NAMES:
        results, rdf = FORMAT_NAMES[value]
        return rdf if for_rdf else results
    value = ALIASES.get(value, value)
    if for_rdf and value in RDF_TYPES or not for_rdf and value in RESULT_TYPES:
        return value
    return None


def split_extension(path: str) -> tuple[str, str | None]:
    """"/doc/x/y.ttl" -> ("/doc/x/y", "text/turtle"); a path without a known extension is kept whole."""
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext.lower() in EXTENSIONS:
        return stem, EXTENSIONS[ext.lower()]
    return path, None


def extension(media: str) -> str:
    return "html" if media == HTML else RDF_TYPES[media][0]


def serialize_rdf(triples, media: str, prefixes: dict | None = None) -> bytes:
    """Triples as the RDF media type, sorted so the same description gives the same bytes."""
    _, fmt = RDF_TYPES[media]
    triples = sorted(triples, key=str)
    if fmt in (ox.RdfFormat.N_TRIPLES,):
        return ox.serialize(triples, format=fmt)
    return ox.serialize(triples, format=fmt, prefixes=prefixes or {})
