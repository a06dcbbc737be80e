"""`skg evidence`: from an evidence node (or a report and a span) to the words around it.

The library is safeguarding_kg.texts: evidence_of finds the span in the graph,
kept_text reads the report's text from the text shelf by its digest, excerpt cuts
the span with context. Where the shelf lacks a text (a graph built elsewhere), the
report file itself is read from --reports, if its text has the digest the graph
records.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import click

from .errors import ReportError

TEXTS_HELP = "The text shelf. Default: $SKG_TEXTS, else ~/.local/share/safeguarding-kg/texts."


@click.command("evidence")
@click.argument("target", metavar="IRI|REPORT")
@click.argument("span", nargs=-1, type=int, metavar="[START END]")
@click.option("--context", "-c", type=click.IntRange(min=0), default=200, show_default=True,
              help="Characters of text to show either side of the span (cut at whole words).")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The store to look IRIs up in. Default: $SKG_STORE, else ~/.local/share/safeguarding-kg/store.")
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Look IRIs up in this graph file (.ttl, .trig, .nq, .nt) instead of the store.")
@click.option("--texts", "texts_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=TEXTS_HELP)
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("reports"), show_default=True,
              help="Where to find a report file whose text is not on the shelf.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people (the span between » and «), json for scripts.")
def evidence_command(target: str, span: tuple[int, ...], context: int, store_path: Path | None,
                     graph_file: Path | None, texts_dir: Path | None, reports_dir: Path, fmt: str):
    """Show the words a fact was taken from, with the text around them.

    IRI is a fact with evidence (a judgement, recommendation, mention, ...) or an
    evidence node; with START END it may be a report's IRI. REPORT is a report
    file (read again) or the sha256 digest of a kept text, with START END.

    \b
    Example:
        skg evidence https://safeguarding-kg.example.org/id/judgement/inspection-report/E10000012/ilacs/2018-12-03/4-overall-effectiveness --graph graph.ttl
        skg evidence reports/essex_2019-01-07_childrens-services-inspection.pdf 1114 1146 --context 80
    """
    if len(span) not in (0, 2):
        raise click.ClickException("give both START and END (character offsets), or neither.")
    try:
        found = _find(target, span, store_path, graph_file, texts_dir, reports_dir)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    from .texts import excerpt

    shown = []
    for where, text in found:
        try:
            part = excerpt(text, where["start"], where["end"], context)
        except ReportError as exc:
            raise click.ClickException(f"{where['source'] or where['report']}: {exc}") from None
        shown.append({**where, "before": part.before, "quote": part.quote, "after": part.after})
    if fmt == "json":
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    for n, item in enumerate(shown):
        if n:
            click.echo()
        place = [f"characters {item['start']}-{item['end']}"]
        place += [f"page {item['page']}"] if item.get("page") else []
        place += [f"element {item['element']}"] if item.get("element") else []
        name = item["source"] or item["report"] or f"the text {item['digest']}"
        click.echo(click.style(f"{name}, {', '.join(place)}", bold=True))
        before = ("…" if item["before"] and item["start"] > len(item["before"]) else "") + item["before"]
        click.echo(f"{before}»{item['quote']}«{item['after']}…" if item["after"]
                   else f"{before}»{item['quote']}«")


def _find(target: str, span: tuple[int, ...], store_path, graph_file, texts_dir, reports_dir):
    """[(where, text)]: where is a dict of report, source, digest, start, end, page, element."""
    from .texts import DIGEST, evidence_of, kept_text, report_of

    if not re.match(r"^https?://", target):
        if not span:
            raise ReportError(f"give START END after {target}: a report file or text digest needs a span "
                              "(an IRI of a fact does not).")
        start, end = span
        if DIGEST.match(target):
            text = kept_text(target, texts_dir)
            if text is None:
                raise ReportError(f"no text with digest {target} on the text shelf ({_shelf(texts_dir)}).")
            return [(_where(None, None, target, start, end), text)]
        return [_from_file(Path(target), start, end, texts_dir)]

    with _graph(store_path, graph_file) as store:
        if span:
            digest, source = report_of(store, target)
            if digest is None:
                raise ReportError(f"{target} is not a report in the graph (no skg:textDigest).")
            wanted = [(_where(target, source, digest, span[0], span[1]))]
        else:
            found = evidence_of(store, target)
            if not found:
                raise ReportError(f"{target} has no evidence in the graph: give the IRI of a judgement, "
                                  "recommendation, mention or evidence node, or a report's IRI with START END.")
            wanted = [_where(e.report, e.source, e.digest, e.start, e.end, e.page, e.element, e.node)
                      for e in found]
    return [(where, _text_of(where, texts_dir, reports_dir)) for where in wanted]


def _where(report, source, digest, start, end, page=None, element=None, node=None) -> dict:
    return {"report": report, "source": source, "digest": digest, "start": start, "end": end,
            "page": page, "element": element, "evidence": node}


def _text_of(where: dict, texts_dir, reports_dir: Path) -> str:
    """The report's text: from the shelf, else from its file in reports_dir if the digest matches."""
    from .texts import keep_text, kept_text
    from .text import read_document

    digest, source = where["digest"], where["source"]
    text = kept_text(digest, texts_dir) if digest else None
    if text is not None:
        return text
    path = reports_dir / source if source else None
    if path is None or not path.is_file():
        raise ReportError(f"the text of {source or where['report']} is not on the text shelf "
                          f"({_shelf(texts_dir)}) and the file is not in {reports_dir}/: build the report again "
                          "(`skg build DIR` keeps its text) or give --reports DIR.")
    doc = read_document(path)
    if digest and doc.digest != digest:
        raise ReportError(f"{path} has changed since the graph was built (its text is not the one the evidence "
                          "counts in); build it again.")
    keep_text(doc, texts_dir)
    return doc.text


def _from_file(path: Path, start: int, end: int, texts_dir):
    from .texts import keep_text
    from .text import read_document

    doc = read_document(path)  # ReportError for a missing or unreadable file
    keep_text(doc, texts_dir)
    return _where(None, doc.source, doc.digest, start, end, doc.page_at(start), doc.element_at(start)), doc.text


def _shelf(texts_dir) -> str:
    from .texts import default_texts_dir

    return str(texts_dir or default_texts_dir())


class _graph:
    """The store (read only), or a graph file loaded into memory, as a pyoxigraph Store."""

    def __init__(self, store_path, graph_file):
        self.store_path, self.graph_file, self.opened = store_path, graph_file, None

    def __enter__(self):
        import pyoxigraph as ox

        if self.graph_file is not None:
            formats = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
                       ".nt": ox.RdfFormat.N_TRIPLES}
            fmt = formats.get(self.graph_file.suffix.lower())
            if fmt is None:
                raise ReportError(f"{self.graph_file.name}: give a .ttl, .trig, .nq or .nt graph file.")
            store = ox.Store()
            try:
                store.bulk_load(path=str(self.graph_file), format=fmt)
            except (SyntaxError, ValueError, OSError) as exc:
                raise ReportError(f"{self.graph_file.name}: not readable as RDF ({exc}).") from None
            return store
        from .store import open_store

        self.opened = open_store(self.store_path, read_only=True)
        return self.opened.store

    def __exit__(self, *exc):
        if self.opened is not None:
            self.opened.close()
