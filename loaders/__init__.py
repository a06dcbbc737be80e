"""Loaders: one module per report genre, each turning a Document into an ExtractionRecord.

Every loader module has
  GENRE            a short name for the genre (shown by `skg extract --format table`)
  detect(doc)      True if the document is of this genre
  load(doc)        the ExtractionRecord: metadata, judgements, recommendations,
                   previous inspections, statistics. Organisations and partners are
                   added afterwards by safeguarding_kg.entities, the same for every genre.

LOADERS is an explicit registry, tried in order: the first whose detect() says
yes loads the document. Order matters where genres quote one another (a council
paper quotes an inspection; a peer review borrows an inspection's wording), so
the genres that quote come first.
"""
from __future__ import annotations

from ..errors import ReportError
from ..text import Document
from . import (
    committee,
    ilacs,
    jtai,
    peer_review,
    protection,
    safeguarding_lac,
    send_area,
    sif,
    visits,
)

LOADERS = (
    committee,
    peer_review,
    jtai,
    send_area,
    visits,
    ilacs,
    sif,
    protection,
    safeguarding_lac,
)


def loader_for(doc: Document):
    """The loader module for `doc`, or ReportError if no genre fits."""
    for loader in LOADERS:
        if loader.detect(doc):
            return loader
    raise ReportError(
        f"{doc.source}: not a report genre this tool knows (an Ofsted inspection report "
        "or letter, a council committee paper about one, or a peer review letter)."
    )
