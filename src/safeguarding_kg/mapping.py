"""Extraction record -> RDF. The only module that mints IRIs.

URI patterns ({base} is the `--base` option, without a trailing slash):

  {base}/doc/{document-type}/{key}              a report (a document)
  {base}/id/inspection/{key}                    the inspection it records or discusses
  {base}/id/local-authority/{GSS code}          a council (same IRI in the reference graph)
  {base}/id/nhs-body/{ODS code}                 an NHS body
  {base}/id/police-force/{police.uk id}         a police force
  {base}/id/{organisation-type}/{slug}          an organisation without a register code
  {base}/id/{organisation-type}/{council}/{slug}  a council's own board, forum or arrangement
  {base}/id/{judgement|recommendation|mention|previous-inspection|statistic}/{document-type}/{key}/{n}
  {finding}/theme/{theme}                       a finding's tag with a theme (themes.ttl), with its evidence
  {base}/graph/{reference|ontology}             named graphs; a report's graph is named by its IRI

where {key} is {subject}/{framework}/{start date} (subject: the council's GSS
code, else a slug of its name), so the same inspection read from a .txt and from
a .pdf has the same IRIs. Without a subject or a start date the key is
sha256-{first 16 hex digits of the text digest}. The vocabulary lives under the
fixed namespace of vocab.DEF.

Everything is deterministic: no blank nodes, no random ids, no clock. The mapping
never reads files: the caller passes the report's text (a text.Document, or any
object with .source, .text and .digest) so that evidence can quote it.
"""
from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import PurePath
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SKOS, VOID, XSD

from . import registers
from .records import ExtractionRecord, Organisation, Span
from .vocab import DEF, OA, ONS_GEOGRAPHY, ORG, ORGANISATION_CLASS, SKG, WIKIDATA, bind_prefixes, concept

NHS_TYPES = ("nhs-trust", "primary-care-trust", "clinical-commissioning-group", "integrated-care-board")
# Organisation types whose IRI is keyed by a register code when the code is known.
REGISTER_KIND = {"local-authority": "local-authority", "police-force": "police-force",
                 **{t: "nhs-body" for t in NHS_TYPES}}
# Bodies that every council has its own of ("the Corporate Parenting Board", "the
# MASH", "the Children in Care Council"): the same name in two councils' reports
# is two bodies, so their IRIs sit under the subject council's key. Type "other"
# is not among them: the bodies it holds (Cafcass, the probation service, the
# Youth Justice Board) are national, one node however many councils name them.
LOCAL_TYPES = ("safeguarding-board", "partnership-board", "multi-agency-arrangement", "forum")
# The inspectorate that writes these documents publishes them.
INSPECTORATE_DOCUMENTS = ("inspection-report", "inspection-letter")

GSS_CODE = re.compile(r"[EWSN]\d{8}")
SAFE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


class SourceText(Protocol):
    """What the mapping needs of a report's document: its name, text and digest."""

    source: str
    text: str
    digest: str


# -- keys and IRIs ---------------------------------------------------------------------


def slug(text: str, limit: int = 80) -> str:
    """A lower-case ASCII key of words joined by hyphens: "Barnardo's & Co." -> "barnardos-and-co"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['\u2019]", "", text.lower().replace("&", " and "))
    words = re.findall(r"[a-z0-9]+", text)
    key = ""
    for word in words:  # cut at a word boundary so keys stay readable
        if key and len(key) + 1 + len(word) > limit:
            break
        key = f"{key}-{word}" if key else word[:limit]
    # a name of punctuation only still needs a stable key
    return key or "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _code_key(code: str) -> str:
    code = code.strip()
    return code if SAFE_CODE.fullmatch(code) else slug(code)


def _base(base: str) -> str:
    return base.rstrip("/")


def _subject_key(record: ExtractionRecord) -> str | None:
    authority = record.subject_authority
    if authority is None:
        return None
    if authority.code:
        return _code_key(authority.code)
    return slug(authority.name) if authority.name.strip() else None


def inspection_key(record: ExtractionRecord, digest: str | None = None) -> str:
    """{subject}/{framework}/{start date}; else the text digest; else the file's name."""
    subject = _subject_key(record)
    start = record.inspection.start_date if record.inspection else None
    if subject and start and _date_literal(start) is not None:
        return f"{subject}/{slug(record.framework)}/{start}"
    if digest:
        return f"sha256-{digest[:16]}"
    return "source-" + slug(PurePath(record.source).stem)


def document_key(record: ExtractionRecord, digest: str | None = None) -> str:
    # The document type is part of the key: a council's committee paper about an
    # inspection has the inspection's subject, framework and date too.
    return f"{slug(record.document_type)}/{inspection_key(record, digest)}"


def report_iri(record: ExtractionRecord, base: str, digest: str | None = None) -> URIRef:
    """The report's IRI; `digest` (the text's sha256) keys a report without subject or date."""
    return URIRef(f"{_base(base)}/doc/{document_key(record, digest)}")


def inspection_iri(record: ExtractionRecord, base: str, digest: str | None = None) -> URIRef:
    return URIRef(f"{_base(base)}/id/inspection/{inspection_key(record, digest)}")


def organisation_iri(name: str, org_type: str, code: str | None, base: str,
                     subject_key: str | None = None) -> URIRef:
    """An organisation: by its register code where it has one, else by a slug of its name."""
    kind = REGISTER_KIND.get(org_type)
    if kind and code and code.strip():
        return URIRef(f"{_base(base)}/id/{kind}/{_code_key(code)}")
    if kind is None:
        kind = org_type if org_type in ORGANISATION_CLASS and org_type != "other" else "organisation"
    key = slug(name)
    if org_type in LOCAL_TYPES and subject_key:
        key = f"{subject_key}/{key}"
    return URIRef(f"{_base(base)}/id/{kind}/{key}")


def graph_iri(name: str, base: str) -> URIRef:
    """A named graph other than a report's: "reference" or "ontology"."""
    return URIRef(f"{_base(base)}/graph/{name}")


def dataset_iri(base: str) -> URIRef:
    return URIRef(f"{_base(base)}/id/dataset/safeguarding-kg")


# -- literals ----------------------------------------------------------------------------


def _date_literal(value: str | None) -> Literal | None:
    """An ISO date or prefix as xsd:date, xsd:gYearMonth or xsd:gYear; None if it is not one."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            datetime.date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
            return Literal(value, datatype=XSD.gYearMonth)
        if re.fullmatch(r"\d{4}", value):
            return Literal(value, datatype=XSD.gYear)
    except ValueError:
        pass
    return None  # prefer no date to a wrong one


def _number_literal(value: int | float) -> Literal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a statistic's value must be a number, not {value!r}")
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(Decimal(repr(value)), datatype=XSD.decimal)


def _notation(org_type: str, code: str) -> Literal:
    """A register code, typed by its register."""
    if org_type == "local-authority":
        datatype = SKG.GSSCode
    elif org_type == "police-force":
        datatype = SKG.PoliceUkId
    else:  # NHS: ODS codes, bar a few closed PCTs that the register keys by GSS code
        datatype = SKG.GSSCode if GSS_CODE.fullmatch(code) else SKG.ODSCode
    return Literal(code, datatype=datatype)


@lru_cache(maxsize=None)
def _labels() -> dict[URIRef, str]:
    """prefLabels of the concepts in schemes.ttl, for composing report titles."""
    from .vocab import ontology_text

    graph = Graph().parse(data=ontology_text("schemes.ttl"), format="turtle")
    return {s: str(o) for s, o in graph.subject_objects(SKOS.prefLabel)}


def _label(scheme_name: str, value: str) -> str:
    return _labels().get(concept(scheme_name, slug(value)), value)


# -- one report ------------------------------------------------------------------------------


class _ReportMapper:
    """Builds one report's graph; a class only to share the report's IRIs and name index."""

    def __init__(self, record: ExtractionRecord, doc: SourceText, base: str):
        self.record, self.doc, self.base = record, doc, _base(base)
        # a set, not an rdflib Graph: the same de-duplication at a fraction of the cost
        # (Graph.add was an eighth of a report's extraction), and the build wants tuples
        self.triples: set[tuple] = set()
        self.report = report_iri(record, base, doc.digest)
        self.inspection = inspection_iri(record, base, doc.digest)
        self.doc_key = document_key(record, doc.digest)
        self.subject_key = _subject_key(record)
        self.by_name: dict[str, URIRef] = {}

    def add(self, s, p, o):
        if o is not None:
            self.triples.add((s, p, o))

    def fact_iri(self, kind: str, local: str) -> URIRef:
        return URIRef(f"{self.base}/id/{kind}/{self.doc_key}/{local}")

    def evidence(self, owner: URIRef, node: str, span: Span | None):
        """owner skg:evidence <node>: the span of the report's text, with its page or element and words."""
        text = self.doc.text or ""
        if span is None or not (0 <= span.start < span.end <= len(text)):
            return  # no evidence rather than evidence that points at the wrong words
        target = URIRef(node)
        position, quote = URIRef(node + "-position"), URIRef(node + "-quote")
        self.add(owner, SKG.evidence, target)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.report)
        self.add(target, OA.hasSelector, position)
        self.add(target, OA.hasSelector, quote)
        # xsd:integer, not nonNegativeInteger: pyoxigraph's store keeps only the
        # primitive integer type, and the shapes bound the values instead
        if span.page:
            self.add(target, SKG.page, Literal(span.page, datatype=XSD.integer))
        if span.element:  # a Word file's or web page's element (an XPath) where the span starts
            self.add(target, SKG.element, Literal(span.element))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start, datatype=XSD.integer))
        self.add(position, OA.end, Literal(span.end, datatype=XSD.integer))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(text[span.start:span.end]))

    def organisation(self, name: str, org_type: str, code: str | None) -> URIRef:
        """The organisation's node: typed, labelled, with its register code."""
        org_type = _register_type(org_type, code)
        iri = organisation_iri(name, org_type, code, self.base, self.subject_key)
        for cls in _classes(org_type, code):
            self.add(iri, RDF.type, cls)
        self.add(iri, SKG.organisationType, concept("organisation-type", slug(org_type)))
        self.add(iri, RDFS.label, Literal(name))
        if code and org_type in REGISTER_KIND:
            self.add(iri, SKOS.notation, _notation(org_type, code))
        elif org_type in REGISTER_KIND:  # a council, NHS body or force not found in its register
            self.add(iri, RDF.type, SKG.UnresolvedOrganisation)
        self.by_name.setdefault(name.casefold(), iri)
        return iri

    def resolve(self, name: str) -> URIRef | None:
        return self.by_name.get(name.casefold())

    def build(self) -> set[tuple]:
        record = self.record
        subject = None
        if record.subject_authority and record.subject_authority.name.strip():
            a = record.subject_authority
            subject = self.organisation(a.name, "local-authority", a.code)
        for org in record.organisations:
            self.organisation_with_mentions(org)
        self.report_node(subject)
        self.inspection_node(subject)
        for n, judgement in enumerate(record.judgements, 1):
            self.judgement(n, judgement)
        for n, rec in enumerate(record.recommendations, 1):
            self.recommendation(n, rec)
        for n, prev in enumerate(record.previous_inspections, 1):
            self.previous_inspection(n, prev)
        for n, stat in enumerate(record.statistics, 1):
            self.statistic(n, stat)
        if subject is not None:
            for name in record.partners_of_subject:
                partner = self.resolve(name)
                if partner is not None and partner != subject:
                    self.add(subject, SKG.worksInPartnershipWith, partner)
        return self.triples

    def organisation_with_mentions(self, org: Organisation):
        iri = self.organisation(org.name, org.type, org.code)
        local = iri[len(self.base) + len("/id/"):]
        spans = sorted(set(org.mentions), key=lambda s: (s.start, s.end))
        for n, span in enumerate(spans, 1):
            mention = self.fact_iri("mention", f"{local}/{n}")
            self.add(mention, RDF.type, SKG.OrganisationMention)
            self.add(mention, SKG.mentionOf, iri)
            self.add(mention, PROV.wasDerivedFrom, self.report)
            self.evidence(mention, f"{mention}#evidence", span)

    def report_node(self, subject: URIRef | None):
        record, report = self.record, self.report
        self.add(report, RDF.type, SKG.Report)
        self.add(report, DCTERMS.title, Literal(self.title()))
        self.add(report, SKG.documentType, concept("document-type", slug(record.document_type)))
        self.add(report, SKG.framework, concept("framework", slug(record.framework)))
        self.add(report, SKG.textDigest, Literal(self.doc.digest))
        self.add(report, DCTERMS.source, Literal(self.doc.source))
        self.add(report, SKG.subjectAuthority, subject)
        self.add(report, DCTERMS.issued, _date_literal(record.inspection.published))
        if record.document_type == "committee-report":
            self.add(report, SKG.aboutInspection, self.inspection)
        else:
            self.add(report, PROV.wasGeneratedBy, self.inspection)
        if record.document:
            self.add(report, DCTERMS.date, _date_literal(record.document.date))
            if record.document.body:
                self.add(report, SKG.meetingBody, Literal(record.document.body))
            if record.document.author:
                self.add(report, SKG.authorName, Literal(record.document.author))

    def title(self) -> str:
        record = self.record
        parts = [_label("framework", record.framework)]
        if record.subject_authority:
            parts.append(record.subject_authority.name)
        if record.inspection.start_date:
            parts.append(record.inspection.start_date)
        return f"{_label('document-type', record.document_type)}: " + ", ".join(parts)

    def inspection_node(self, subject: URIRef | None):
        record, inspection = self.record, self.inspection
        info = record.inspection
        self.add(inspection, RDF.type, SKG.Inspection)
        self.add(inspection, RDF.type, PROV.Activity)
        self.add(inspection, SKG.framework, concept("framework", slug(record.framework)))
        self.add(inspection, SKG.subjectAuthority, subject)
        self.add(inspection, SKG.startDate, _date_literal(info.start_date))
        self.add(inspection, SKG.endDate, _date_literal(info.end_date))
        if info.lead_inspector:
            self.add(inspection, SKG.leadInspector, Literal(info.lead_inspector))
        if info.inspectorate:
            body = self.resolve(info.inspectorate)
            if body is None and record.document_type in INSPECTORATE_DOCUMENTS:
                body = self.organisation(info.inspectorate, "regulator", None)
            if body is None:
                self.add(inspection, SKG.inspectorateName, Literal(info.inspectorate))
            else:
                self.add(inspection, SKG.inspectorate, body)
                if record.document_type in INSPECTORATE_DOCUMENTS:
                    self.add(self.report, DCTERMS.publisher, body)
        for name in record.peer_reviewers:
            reviewer = self.resolve(name) or self.register_council(name)
            if reviewer is None:
                self.add(inspection, SKG.reviewerName, Literal(name))
            else:
                self.add(inspection, SKG.reviewedBy, reviewer)
        self.evidence(inspection, f"{self.report}#inspection-evidence", info.evidence)

    def register_council(self, name: str) -> URIRef | None:
        """A reviewing council that the record names but does not list: by its exact name."""
        on = self.record.inspection.start_date
        for row in registers.local_authorities():
            names = {n.casefold() for n in registers.council_names(row)}
            if name.casefold() in names and registers.in_force(row, on):
                return self.organisation(row["name"], "local-authority", row["code"])
        return None

    def judgement(self, n: int, judgement):
        local = slug(f"{judgement.scope or ''} {judgement.area}", limit=60)
        iri = self.fact_iri("judgement", f"{n}-{local}")
        self.add(iri, RDF.type, SKG.Judgement)
        self.add(iri, SKG.area, Literal(judgement.area))
        if judgement.grade:
            self.add(iri, SKG.grade, concept("grade", slug(judgement.grade)))
        if judgement.scope:
            self.add(iri, SKG.scope, concept("judgement-scope", slug(judgement.scope)))
        self.add(iri, PROV.wasDerivedFrom, self.report)
        self.add(iri, PROV.wasGeneratedBy, self.inspection)
        self.evidence(iri, f"{iri}#evidence", judgement.evidence)
        self.themes(iri, judgement.themes)

    def recommendation(self, n: int, rec):
        iri = self.fact_iri("recommendation", str(n))
        self.add(iri, RDF.type, SKG.Recommendation)
        self.add(iri, SKG.text, Literal(rec.text))
        if rec.timescale:
            self.add(iri, SKG.timescale, concept("timescale", slug(rec.timescale)))
        for name in rec.addressees:
            addressee = self.resolve(name)
            if addressee is None:
                self.add(iri, SKG.addresseeName, Literal(name))
            else:
                self.add(iri, SKG.addressee, addressee)
        self.add(iri, PROV.wasDerivedFrom, self.report)
        self.evidence(iri, f"{iri}#evidence", rec.evidence)
        self.themes(iri, rec.themes)

    def themes(self, finding: URIRef, themes):
        """finding dcterms:subject <theme>, and a skg:ThemeTag keeping the words that triggered it."""
        for tag in themes:
            theme = concept("theme", slug(tag.theme))
            node = URIRef(f"{finding}/theme/{slug(tag.theme)}")
            self.add(finding, DCTERMS.subject, theme)
            self.add(finding, SKG.themeTag, node)
            self.add(node, RDF.type, SKG.ThemeTag)
            self.add(node, SKG.theme, theme)
            self.add(node, PROV.wasDerivedFrom, self.report)
            self.evidence(node, f"{node}#evidence", tag.evidence)

    def previous_inspection(self, n: int, prev):
        iri = self.fact_iri("previous-inspection", str(n))
        self.add(iri, RDF.type, SKG.PreviousInspection)
        self.add(iri, SKG.judgementSubject, Literal(prev.subject))
        self.add(iri, SKG.inspectionDate, _date_literal(prev.date))
        if prev.grade:
            self.add(iri, SKG.grade, concept("grade", slug(prev.grade)))
        self.add(iri, PROV.wasDerivedFrom, self.report)
        self.evidence(iri, f"{iri}#evidence", prev.evidence)

    def statistic(self, n: int, stat):
        iri = self.fact_iri("statistic", str(n))
        self.add(iri, RDF.type, SKG.Statistic)
        self.add(iri, SKG.measure, Literal(stat.measure))
        self.add(iri, SKG.value, _number_literal(stat.value))
        self.add(iri, SKG.referenceDate, _date_literal(stat.date))
        self.add(iri, PROV.wasDerivedFrom, self.report)
        self.evidence(iri, f"{iri}#evidence", stat.evidence)


def record_graph(record: ExtractionRecord, doc: SourceText, base: str) -> Graph:
    """One report's graph: the report, its inspection, findings, organisations and evidence.

    `doc` is the report's text.Document (or anything with .source, .text and
    .digest): evidence quotes doc.text[start:end].
    """
    graph = bind_prefixes(Graph())
    for triple in record_triples(record, doc, base):
        graph.add(triple)
    return graph


def record_triples(record: ExtractionRecord, doc: SourceText, base: str) -> set[tuple]:
    """The triples of record_graph, as rdflib terms, without building a Graph (what the build uses)."""
    return _ReportMapper(record, doc, base).build()


# -- organisations and the registers -----------------------------------------------------------


@lru_cache(maxsize=None)
def _nhs_register() -> dict[str, dict]:
    return {row["code"]: row for row in registers.nhs_organisations()}


def _register_type(org_type: str, code: str | None) -> str:
    """An NHS body's type as its register gives it, where the code is in the register."""
    if org_type in NHS_TYPES and code and code in _nhs_register():
        register_type = _nhs_register()[code]["type"]
        return "primary-care-trust" if register_type == "care-trust" else register_type
    return org_type


def _classes(org_type: str, code: str | None = None, care_trust: bool = False) -> list[URIRef]:
    """The organisation's classes, with the superclasses a query would look for."""
    cls = ORGANISATION_CLASS.get(org_type, ORG.Organization)
    if code and org_type == "primary-care-trust" and _nhs_register().get(code, {}).get("type") == "care-trust":
        care_trust = True
    classes = [SKG.CareTrust] if care_trust else []
    classes.append(cls)
    if org_type in NHS_TYPES:
        classes.append(SKG.NHSBody)
    classes.append(ORG.Organization)
    return list(dict.fromkeys(classes))


def _labels_of(graph: Graph, iri: URIRef, row: dict, name_keys=("alt_names",), hidden_keys=()):
    name = row["name"]
    graph.add((iri, RDFS.label, Literal(name)))
    graph.add((iri, SKOS.prefLabel, Literal(name)))
    alternatives = [row.get("short_name") or ""] + [n for key in name_keys for n in row.get(key, [])]
    for alt in dict.fromkeys(alternatives):
        if alt and alt != name:
            graph.add((iri, SKOS.altLabel, Literal(alt)))
    for key in hidden_keys:
        for hidden in row.get(key, []):
            if hidden and hidden != name and hidden not in alternatives:
                graph.add((iri, SKOS.hiddenLabel, Literal(hidden)))


def _validity(graph: Graph, iri: URIRef, row: dict):
    for key, prop in (("valid_from", SKG.validFrom), ("valid_to", SKG.validTo)):
        literal = _date_literal(row.get(key))
        if literal is not None:
            graph.add((iri, prop, literal))


def reference_graph(base: str) -> Graph:
    """The registers as RDF: councils (GSS), police forces (police.uk id), NHS bodies (ODS)."""
    graph = bind_prefixes(Graph())
    forces = {row["code"] for row in registers.police_forces()}
    councils = {row["code"] for row in registers.local_authorities()}
    for row in registers.local_authorities():
        iri = organisation_iri(row["name"], "local-authority", row["code"], base)
        for cls in _classes("local-authority"):
            graph.add((iri, RDF.type, cls))
        graph.add((iri, SKG.organisationType, concept("organisation-type", "local-authority")))
        _labels_of(graph, iri, row)
        graph.add((iri, SKOS.notation, _notation("local-authority", row["code"])))
        graph.add((iri, SKG.statisticalGeography, URIRef(ONS_GEOGRAPHY + row["code"])))
        if row.get("type"):
            graph.add((iri, SKG.localAuthorityType, Literal(row["type"])))
        _validity(graph, iri, row)
        for successor in row.get("replaced_by", []):
            if successor in councils:
                graph.add((iri, DCTERMS.isReplacedBy,
                           organisation_iri("", "local-authority", successor, base)))
        if row.get("police_force_id") in forces:
            graph.add((iri, SKG.policeForce,
                       organisation_iri("", "police-force", row["police_force_id"], base)))
        if row.get("wikidata"):
            graph.add((iri, RDFS.seeAlso, URIRef(WIKIDATA + row["wikidata"])))
    for row in registers.police_forces():
        iri = organisation_iri(row["name"], "police-force", row["code"], base)
        for cls in _classes("police-force"):
            graph.add((iri, RDF.type, cls))
        graph.add((iri, SKG.organisationType, concept("organisation-type", "police-force")))
        _labels_of(graph, iri, row, hidden_keys=("variant_names",))
        graph.add((iri, SKOS.notation, _notation("police-force", row["code"])))
        if row.get("ons_code"):
            graph.add((iri, SKG.statisticalGeography, URIRef(ONS_GEOGRAPHY + row["ons_code"])))
        _validity(graph, iri, row)
    nhs = _nhs_register()
    for row in registers.nhs_organisations():
        org_type = "primary-care-trust" if row["type"] == "care-trust" else row["type"]
        iri = organisation_iri(row["name"], org_type, row["code"], base)
        for cls in _classes(org_type, care_trust=row["type"] == "care-trust"):
            graph.add((iri, RDF.type, cls))
        graph.add((iri, SKG.organisationType, concept("organisation-type", org_type)))
        _labels_of(graph, iri, row, hidden_keys=("variant_names",))
        graph.add((iri, SKOS.notation, _notation(org_type, row["code"])))
        # a body whose area was recoded (Surrey Heartlands, Sussex) has two GSS codes: "a|b"
        for gss in (row.get("gss_code") or "").split("|"):
            if gss:
                graph.add((iri, SKG.statisticalGeography, URIRef(ONS_GEOGRAPHY + gss)))
        _validity(graph, iri, row)
        for successor in row.get("successor_codes", []):
            if successor in nhs:
                graph.add((iri, DCTERMS.isReplacedBy,
                           organisation_iri("", _register_type("nhs-trust", successor), successor, base)))
    return graph


def dataset_graph(base: str, reports: list[URIRef], triples: int) -> Graph:
    """A DCAT/VoID description of the whole graph (no dates: the build is reproducible)."""
    graph = bind_prefixes(Graph())
    dataset = dataset_iri(base)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("safeguarding-kg: inspections of English children's services")))
    graph.add((dataset, DCTERMS.description, Literal(
        "Inspection reports about English children's services, their judgements, recommendations "
        "and statistics, the organisations they name with the evidence in each report's text, and "
        "the registers of councils, police forces and NHS bodies.")))
    graph.add((dataset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.documents, Literal(len(reports), datatype=XSD.integer)))
    graph.add((dataset, VOID.uriSpace, Literal(f"{_base(base)}/id/")))
    graph.add((dataset, VOID.vocabulary, URIRef(DEF)))
    for report in reports:
        graph.add((dataset, PROV.wasDerivedFrom, report))
    return graph
