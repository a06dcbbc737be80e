"""HTML pages for people: store + IRI -> an HTML string. The server and the static site both call these.

Labels, not URIs; links between resources; the quoted words of every fact's
evidence. The templates (templates/*.html) are Jinja2 with autoescape on, so
text from reports is always escaped; nothing here builds markup by hand.
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from importlib.resources import files

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape

from . import dataset as dataset_module
from .describe import description, doc_path_for
from .links import Links
from .vocab import DEF

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
OA = "http://www.w3.org/ns/oa#"
ORG_ORGANIZATION = "http://www.w3.org/ns/org#Organization"
PREFIX_LINES = "\n".join(f"PREFIX {p}: <{n}>" for p, n in {
    "skg": DEF, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "oa": OA, "owl": OWL,
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#"}.items())
# Literal properties that name a thing, best first.
LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel", "http://purl.org/dc/terms/title", DEF + "area",
                    DEF + "measure", DEF + "judgementSubject", DEF + "text")
_LABEL_NODES = tuple(ox.NamedNode(p) for p in LABEL_PROPERTIES)
HIDDEN_PROPERTIES = (RDF + "type", DEF + "evidence")
_INSPECTION_LINKS = (ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy"), ox.NamedNode(DEF + "aboutInspection"))
_START_DATE = ox.NamedNode(DEF + "startDate")
LIST_LIMIT = 300  # rows per section: pages stay small whatever the graph's size
QUOTES_PER_REPORT = 5  # an organisation's page quotes the first few places each report names it
FORMATS = (("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("N-Triples", "nt"), ("RDF/XML", "rdf"))


def _n(iri: str) -> str:
    """An IRI in SPARQL syntax, checked by pyoxigraph (so it cannot break out of its place)."""
    return str(ox.NamedNode(iri))


def _fact_order(iri: str):
    """Facts are numbered in their IRIs (.../1-overall-effectiveness, .../12): sort by that number."""
    match = re.search(r"/(\d+)(?:-[^/]*)?$", iri)
    return (int(match.group(1)) if match else 0, iri)


@lru_cache(maxsize=None)
def environment() -> Environment:
    """The templates, loaded once; autoescape on for every template, whatever its name."""
    return Environment(loader=PackageLoader("safeguarding_kg", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def stylesheet() -> str:
    return files("safeguarding_kg").joinpath("templates/style.css").read_text(encoding="utf-8")


class Pages:
    """The site's pages for one store. `static` makes links relative file paths (skg site)."""

    def __init__(self, store: ox.Store, base: str, static: bool = False, endpoint: str | None = None):
        self.store, self.base, self.static = store, base.rstrip("/"), static
        self.endpoint = endpoint  # the SPARQL endpoint's public URL, for the dataset description
        self.env = environment()
        self._labels: dict[str, str] = {}

    # -- plumbing ---------------------------------------------------------------------------------
    def rows(self, sparql: str) -> list[dict]:
        result = self.store.query(PREFIX_LINES + "\n" + sparql)
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names} for row in result]

    def render(self, template: str, here: str, **context) -> str:
        links = Links(self.base, self.static, here)
        return self.env.get_template(template).render(
            links=links, here=here, static=self.static, label=self.label, formats=FORMATS, **context)

    # -- labels -----------------------------------------------------------------------------------
    def labels(self, iris) -> dict[str, str]:
        """Labels of many IRIs at once (cached); a thing without a name gets one made from its facts."""
        missing = sorted({i for i in iris if i and i not in self._labels})
        for start in range(0, len(missing), 200):
            chunk = missing[start:start + 200]
            best: dict[str, tuple[tuple[int, int], str]] = {}
            for iri in chunk:
                # one index look-up per IRI and property: a query with VALUES read every label
                # in the store (Oxigraph does not start its joins from VALUES)
                for rank, prop in enumerate(_LABEL_NODES):
                    for quad in self.store.quads_for_pattern(ox.NamedNode(iri), prop, None, None):
                        label = quad.object
                        if not isinstance(label, ox.Literal):
                            continue
                        key = (rank, 0 if (label.language or "") in ("", "en") else 1)
                        if iri not in best or key < best[iri][0]:
                            best[iri] = (key, label.value)
                    if iri in best and best[iri][0][0] == rank:
                        break  # the best property has a label: the others rank below it
            for iri in chunk:
                if iri in best:
                    text = " ".join(best[iri][1].split())
                    self._labels[iri] = text if len(text) <= 120 else text[:119] + "…"
            self._made_labels([i for i in chunk if i not in best])
        return {i: self._labels.get(i, i) for i in iris if i}

    def _made_labels(self, iris: list[str]):
        """Inspections, mentions and theme tags have no name of their own: say what they are."""
        if not iris:
            return
        found = {}
        for iri in iris:  # one query each, the IRI written in: Oxigraph looks it up (with VALUES it read everything)
            x = _n(iri)
            for row in self.rows(f"""SELECT ?framework ?start ?subject ?of ?theme WHERE {{
                GRAPH ?g {{ {{ {x} skg:framework ?framework . OPTIONAL {{ {x} skg:startDate ?start }}
                              OPTIONAL {{ {x} skg:subjectAuthority ?subject }} }}
                           UNION {{ {x} skg:mentionOf ?of }} UNION {{ {x} skg:theme ?theme }} }} }}"""):
                found[iri] = row
        named = self.labels([t.value for row in found.values() for t in row.values()
                             if isinstance(t, ox.NamedNode) and t.value not in found])
        for iri in iris:
            row = found.get(iri)
            if row and row.get("framework"):
                parts = [named.get(row["framework"].value, "")]
                if row.get("subject"):
                    parts.append(named.get(row["subject"].value, ""))
                if row.get("start"):
                    parts.append(row["start"].value)
                self._labels[iri] = "Inspection: " + ", ".join(p for p in parts if p)
            elif row and row.get("of"):
                self._labels[iri] = "Mention of " + named.get(row["of"].value, row["of"].value)
            elif row and row.get("theme"):
                self._labels[iri] = "Theme: " + named.get(row["theme"].value, row["theme"].value)
            else:
                tail = iri.rstrip("/").rsplit("/", 1)[-1].split("#")[-1]
                self._labels[iri] = tail or iri

    def label(self, iri: str) -> str:
        return self.labels([iri]).get(iri, iri)

    # -- values for the templates -----------------------------------------------------------------
    def value(self, term, links: Links) -> dict:
        """A term as the templates show it: text, an href for IRIs, a note for typed literals."""
        if isinstance(term, ox.NamedNode):
            return {"text": self.label(term.value), "href": links.iri(term.value), "iri": term.value}
        if isinstance(term, ox.Literal):
            note = term.language or ""
            if term.datatype and term.datatype.value not in (
                    "http://www.w3.org/2001/XMLSchema#string", RDF + "langString"):
                note = self.label(term.datatype.value)
            return {"text": term.value, "note": note}
        return {"text": str(term)}

    # -- the pages --------------------------------------------------------------------------------
    def resource(self, iri: str) -> str:
        """The page of any resource: what it is, its properties, its evidence, and what refers to it."""
        here = doc_path_for(iri, self.base) or "/"
        links = Links(self.base, self.static, here)
        triples = description(self.store, iri, self.base)
        own = [t for t in triples if t.subject.value == iri]
        types = sorted({t.object.value for t in own if t.predicate.value == RDF + "type"})
        self.labels([t.predicate.value for t in own] + [t.object.value for t in own
                                                        if isinstance(t.object, ox.NamedNode)])
        properties: dict[str, list] = {}
        for t in own:
            if t.predicate.value not in HIDDEN_PROPERTIES:
                properties.setdefault(t.predicate.value, []).append(self.value(t.object, links))
        rows = [{"property": self.value(ox.NamedNode(p), links), "values": sorted(v, key=lambda x: x["text"])}
                for p, v in sorted(properties.items(), key=lambda kv: self.label(kv[0]).lower())]
        sections = []
        if ORG_ORGANIZATION in types:
            sections = self.organisation_sections(iri, links)
        elif DEF + "Report" in types:
            sections = self.report_sections(iri, links)
        elif DEF + "Inspection" in types:
            sections = self.inspection_sections(iri, links)
        elif SKOS + "ConceptScheme" in types:
            sections = self.scheme_sections(iri, links)
        incoming = [] if sections and not iri.startswith(DEF) else self.incoming(iri, links)
        return self.render("resource.html", here, title=self.label(iri), iri=iri,
                           types=[self.value(ox.NamedNode(t), links) for t in types], rows=rows,
                           evidence=self.evidence(triples, iri, links), sections=sections,
                           incoming=incoming, page_path=here)

    def evidence(self, triples, owner: str, links: Links) -> list[dict]:
        """The evidence nodes of `owner`: quoted words, page, offsets and the report."""
        by_subject: dict[str, dict[str, list]] = {}
        for t in triples:
            by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
        found = []
        for node in by_subject.get(owner, {}).get(DEF + "evidence", []):
            props = by_subject.get(node.value, {})
            item = {"id": node.value.partition("#")[2], "quote": "", "page": None, "start": None, "end": None}
            for source in props.get(OA + "hasSource", []):
                item["report"] = self.value(source, links)
            for page in props.get(DEF + "page", []):
                item["page"] = page.value
            for selector in props.get(OA + "hasSelector", []):
                sel = by_subject.get(selector.value, {})
                for exact in sel.get(OA + "exact", []):
                    item["quote"] = exact.value
                for start in sel.get(OA + "start", []):
                    item["start"] = start.value
                for end in sel.get(OA + "end", []):
                    item["end"] = end.value
            found.append(item)
        return sorted(found, key=lambda e: (int(e["start"] or 0), e["id"]))

    def incoming(self, iri: str, links: Links) -> list[dict]:
        rows = self.rows(f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {_n(iri)} }} "
                         f"FILTER(?g != {_n(self.base + '/graph/manifest')}) }} ORDER BY ?p ?s LIMIT 100")
        self.labels([r["s"].value for r in rows] + [r["p"].value for r in rows])
        return [{"subject": self.value(r["s"], links), "property": self.value(r["p"], links)} for r in rows]

    # -- organisation -----------------------------------------------------------------------------
    def in_reports(self, iri: str) -> bool:
        """True if some report graph refers to the IRI (most register entries are named by none)."""
        others = {self.base + "/graph/" + name for name in ("reference", "ontology", "manifest")}
        return any(q.graph_name.value not in others for q in self.store.quads_for_pattern(None, None, ox.NamedNode(iri))
                   if isinstance(q.graph_name, ox.NamedNode))

    def _dates_of_reports(self, pattern: str) -> dict[str, str]:
        """The start date of the inspection of each report with a fact matching `pattern` (on ?report).

        The reports first, then each one's date by index look-ups: one query joining the two
        read every report's inspection link (0.5-0.8 s at 10,000 reports; now milliseconds)."""
        reports = self.rows(f"SELECT DISTINCT ?report WHERE {{ GRAPH ?report {{ {pattern} }} }}")
        dates = {}
        for row in reports:
            date = self._start_date(row["report"])
            if date is not None:
                dates[row["report"].value] = date
        return dates

    def _start_date(self, report: ox.NamedNode) -> str | None:
        """The start date of the inspection a report records (or, a council paper, discusses)."""
        for link in _INSPECTION_LINKS:
            for inspection in self.store.quads_for_pattern(report, link, None, report):
                for date in self.store.quads_for_pattern(inspection.object, _START_DATE, None, report):
                    return date.object.value
        return None

    def organisation_sections(self, org: str, links: Links) -> list[dict]:
        if not self.in_reports(org):
            return []
        o = _n(org)
        # Each query below keeps its OPTIONALs to one triple pattern: Oxigraph answers those by
        # index look-ups, but reads the whole store for an OPTIONAL group of several patterns.
        inspections: dict[str, dict] = {}
        dates = self._dates_of_reports(f"?report skg:subjectAuthority {o}")
        for r in self.rows(f"""SELECT ?report ?framework WHERE {{
                GRAPH ?report {{ ?report skg:subjectAuthority {o} ; skg:framework ?framework }} }}
                LIMIT {LIST_LIMIT * 10}"""):
            inspections.setdefault(r["report"].value, {
                "report": self.value(r["report"], links), "date": dates.get(r["report"].value, ""),
                "framework": self.value(r["framework"], links), "judgements": []})
        for r in self.rows(f"""SELECT ?report ?j ?area ?grade ?scope WHERE {{
                GRAPH ?report {{ ?report skg:subjectAuthority {o} .
                  ?j prov:wasDerivedFrom ?report ; a skg:Judgement ; skg:area ?area .
                  OPTIONAL {{ ?j skg:grade ?grade }} OPTIONAL {{ ?j skg:scope ?scope }} }} }}
                LIMIT {LIST_LIMIT * 10}"""):
            entry = inspections.get(r["report"].value)
            if entry is not None:
                entry["judgements"].append({
                    "iri": r["j"].value, "area": r["area"].value,
                    "scope": self.label(r["scope"].value) if r["scope"] else "",
                    "grade": self.value(r["grade"], links) if r["grade"] else None,
                    "href": links.iri(r["j"].value), "evidence": links.iri(r["j"].value + "#evidence")})
        for entry in inspections.values():
            entry["judgements"].sort(key=lambda j: _fact_order(j["iri"]))
        partners = self.rows(f"""SELECT ?partner (COUNT(DISTINCT ?g) AS ?reports) WHERE {{
                GRAPH ?g {{ {{ {o} skg:worksInPartnershipWith ?partner }}
                           UNION {{ ?partner skg:worksInPartnershipWith {o} }} }} }}
                GROUP BY ?partner LIMIT {LIST_LIMIT}""")
        self.labels([r["partner"].value for r in partners])
        recommendations = []  # those of its reports, then those addressed to it elsewhere (a UNION was slower)
        for pattern in (f"?report skg:subjectAuthority {o}", f"?rec skg:addressee {o}"):
            recommendations += self.rows(f"""SELECT DISTINCT ?rec ?text ?timescale ?report WHERE {{
                GRAPH ?report {{ {pattern} . ?rec a skg:Recommendation ; skg:text ?text .
                  OPTIONAL {{ ?rec skg:timescale ?timescale }} }} }}
                LIMIT {LIST_LIMIT}""")
        recommendations = list({(r["rec"], r["report"], r["text"], r["timescale"]): r
                                for r in recommendations}.values())[:LIST_LIMIT]
        dates.update(self._dates_of_reports(f"?rec skg:addressee {o}"))
        for r in recommendations:
            r["date"] = dates.get(r["report"].value)
        mentions = self.rows(f"""SELECT ?report ?mention WHERE {{ GRAPH ?report {{ ?mention skg:mentionOf {o} }} }}
                LIMIT {LIST_LIMIT}""")
        quotes = {r["mention"].value: r for r in self.rows(f"""SELECT ?mention ?quote ?page WHERE {{
                GRAPH ?report {{ ?mention skg:mentionOf {o} ; skg:evidence ?e . ?e oa:hasSelector ?q .
                  ?q oa:exact ?quote OPTIONAL {{ ?e skg:page ?page }} }} }}""")}
        for r in mentions:
            quote = quotes.get(r["mention"].value, {})
            r["quote"], r["page"] = quote.get("quote"), quote.get("page")
        named: dict[str, dict] = {}
        for r in mentions:
            entry = named.setdefault(r["report"].value, {"report": self.value(r["report"], links), "quotes": []})
            if r["quote"] is not None:
                entry["quotes"].append({"quote": r["quote"].value, "page": r["page"].value if r["page"] else None,
                                        "iri": r["mention"].value,
                                        "href": links.iri(r["mention"].value + "#evidence")})
        for entry in named.values():
            entry["quotes"].sort(key=lambda q: _fact_order(q["iri"]))
            entry["more"] = max(0, len(entry["quotes"]) - QUOTES_PER_REPORT)
            entry["quotes"] = entry["quotes"][:QUOTES_PER_REPORT]
        return [
            {"kind": "inspections", "title": "Inspections and grades over time",
             "items": sorted(inspections.values(), key=lambda e: (e["date"], e["report"]["text"]))},
            {"kind": "partners", "title": "Partners",
             "items": sorted(({"partner": self.value(r["partner"], links), "reports": int(r["reports"].value)}
                              for r in partners), key=lambda p: (-p["reports"], p["partner"]["text"]))},
            {"kind": "recommendations", "title": "Recommendations",
             "items": sorted(({"text": r["text"].value, "href": links.iri(r["rec"].value),
                               "evidence": links.iri(r["rec"].value + "#evidence"),
                               "timescale": self.label(r["timescale"].value) if r["timescale"] else "",
                               "report": self.value(r["report"], links),
                               "date": r["date"] or "", "iri": r["rec"].value}
                              for r in recommendations),
                             key=lambda r: (r["date"], r["report"]["text"], _fact_order(r["iri"])))},
            {"kind": "mentions", "title": "Named in reports",
             "items": sorted(named.values(), key=lambda e: e["report"]["text"])},
        ]

    # -- report and inspection ----------------------------------------------------------------------
    def findings(self, where: str, links: Links) -> tuple[list, list, list]:
        """Judgements, recommendations and other facts matching `where` (a pattern on ?x)."""
        judgements = [{"iri": r["x"].value, "href": links.iri(r["x"].value), "area": r["area"].value,
                       "scope": self.label(r["scope"].value) if r["scope"] else "",
                       "grade": self.value(r["grade"], links) if r["grade"] else None,
                       "evidence": links.iri(r["x"].value + "#evidence")}
                      for r in self.rows(f"""SELECT DISTINCT ?x ?area ?grade ?scope WHERE {{ GRAPH ?g {{
                          ?x a skg:Judgement ; skg:area ?area . {where}
                          OPTIONAL {{ ?x skg:grade ?grade }} OPTIONAL {{ ?x skg:scope ?scope }} }} }}
                          LIMIT {LIST_LIMIT}""")]
        recommendations: dict[str, dict] = {}
        for r in self.rows(f"""SELECT ?x ?text ?timescale ?addressee ?name WHERE {{ GRAPH ?g {{
                ?x a skg:Recommendation ; skg:text ?text . {where}
                OPTIONAL {{ ?x skg:timescale ?timescale }} OPTIONAL {{ ?x skg:addressee ?addressee }}
                OPTIONAL {{ ?x skg:addresseeName ?name }} }} }} LIMIT {LIST_LIMIT}"""):
            entry = recommendations.setdefault(r["x"].value, {
                "iri": r["x"].value, "href": links.iri(r["x"].value), "text": r["text"].value,
                "timescale": self.label(r["timescale"].value) if r["timescale"] else "",
                "evidence": links.iri(r["x"].value + "#evidence"), "addressees": []})
            for term in (r["addressee"], r["name"]):
                if term is not None:
                    value = self.value(term, links)
                    if value not in entry["addressees"]:
                        entry["addressees"].append(value)
        others = [{"iri": r["x"].value, "href": links.iri(r["x"].value), "text": self.label(r["x"].value),
                   "kind": self.label(r["type"].value), "evidence": links.iri(r["x"].value + "#evidence")}
                  for r in self.rows(f"""SELECT DISTINCT ?x ?type WHERE {{ GRAPH ?g {{ ?x a ?type . {where}
                          VALUES ?type {{ skg:PreviousInspection skg:Statistic }} }} }} LIMIT {LIST_LIMIT}""")]
        return (sorted(judgements, key=lambda j: _fact_order(j["iri"])),
                sorted(recommendations.values(), key=lambda r: _fact_order(r["iri"])),
                sorted(others, key=lambda o: (o["kind"], _fact_order(o["iri"]))))

    def report_sections(self, report: str, links: Links) -> list[dict]:
        r = _n(report)
        judgements, recommendations, others = self.findings(f"?x prov:wasDerivedFrom {r} .", links)
        named = self.rows(f"""SELECT ?org (COUNT(?m) AS ?n) WHERE {{ GRAPH {r} {{ ?m skg:mentionOf ?org }} }}
                              GROUP BY ?org LIMIT {LIST_LIMIT}""")
        self.labels([row["org"].value for row in named])
        return [
            {"kind": "judgements", "title": "Judgements", "items": judgements},
            {"kind": "recommendations-of-report", "title": "Recommendations", "items": recommendations},
            {"kind": "facts", "title": "Previous inspections and statistics", "items": others},
            {"kind": "organisations", "title": "Organisations named",
             "items": sorted(({"org": self.value(row["org"], links), "mentions": int(row["n"].value)}
                              for row in named), key=lambda o: o["org"]["text"])},
        ]

    def inspection_sections(self, inspection: str, links: Links) -> list[dict]:
        i = _n(inspection)
        reports = self.rows(f"SELECT DISTINCT ?report WHERE {{ GRAPH ?g {{ ?report prov:wasGeneratedBy|skg:aboutInspection {i} ; "
                            f"a skg:Report }} }} ORDER BY ?report")
        judgements, _, _ = self.findings(f"?x prov:wasGeneratedBy {i} .", links)
        return [
            {"kind": "reports", "title": "Reports", "items": [self.value(r["report"], links) for r in reports]},
            {"kind": "judgements", "title": "Judgements", "items": judgements},
        ]

    def scheme_sections(self, scheme: str, links: Links) -> list[dict]:
        concepts = self.rows(f"""SELECT ?c ?definition ?notation WHERE {{ GRAPH ?g {{ ?c skos:inScheme {_n(scheme)} .
                OPTIONAL {{ ?c skos:definition ?definition }} OPTIONAL {{ ?c skos:notation ?notation }} }} }}""")
        self.labels([r["c"].value for r in concepts])
        return [{"kind": "terms", "title": "Concepts in this scheme", "items": sorted(
            ({"term": self.value(r["c"], links), "definition": r["definition"].value if r["definition"] else "",
              "notation": r["notation"].value if r["notation"] else ""} for r in concepts),
            key=lambda t: t["term"]["text"].lower())}]

    # -- the site's own pages ---------------------------------------------------------------------
    @cached_property
    def summary(self):
        return dataset_module.summary(self.store, self.base, self.endpoint)

    def index(self) -> str:
        links = Links(self.base, self.static, "/")
        authorities = self.rows("""SELECT ?org (COUNT(DISTINCT ?report) AS ?reports) (MAX(?date) AS ?latest) WHERE {
                GRAPH ?report { ?report a skg:Report ; skg:subjectAuthority ?org .
                  OPTIONAL { ?report prov:wasGeneratedBy|skg:aboutInspection ?i . ?i skg:startDate ?date } } }
                GROUP BY ?org""")
        reports = self.rows("""SELECT ?report ?date WHERE { GRAPH ?report { ?report a skg:Report .
                OPTIONAL { ?report prov:wasGeneratedBy|skg:aboutInspection ?i . ?i skg:startDate ?date } } }""")
        organisations = self.rows(f"""SELECT DISTINCT ?org ?type WHERE {{ GRAPH ?g {{ ?m skg:mentionOf ?org }}
                GRAPH ?h {{ ?org skg:organisationType ?type }} }} LIMIT {LIST_LIMIT * 10}""")
        self.labels([r["org"].value for r in authorities + organisations] + [r["report"].value for r in reports]
                    + [r["type"].value for r in organisations])
        by_type: dict[str, list] = {}
        for r in organisations:
            by_type.setdefault(self.label(r["type"].value), []).append(self.value(r["org"], links))
        return self.render(
            "index.html", "/", title=self.summary.title, summary=self.summary,
            authorities=sorted(({"org": self.value(r["org"], links), "reports": int(r["reports"].value),
                                 "latest": r["latest"].value if r["latest"] else ""} for r in authorities),
                               key=lambda a: a["org"]["text"]),
            reports=sorted(({"report": self.value(r["report"], links), "date": r["date"].value if r["date"] else ""}
                            for r in reports), key=lambda r: (r["date"], r["report"]["text"])),
            organisations=[(kind, sorted({o["text"]: o for o in orgs}.values(), key=lambda o: o["text"]))
                           for kind, orgs in sorted(by_type.items())])

    def dataset(self) -> str:
        links = Links(self.base, self.static, "/.well-known/void")
        info = self.summary
        self.labels(info.examples)
        return self.render("dataset.html", "/.well-known/void", title="About the dataset", summary=info,
                           examples=[self.value(ox.NamedNode(e), links) for e in info.examples],
                           page_path="/.well-known/void")

    def ontology(self) -> str:
        """The vocabulary's documentation (/def/): classes, properties and concept schemes."""
        links = Links(self.base, self.static, "/def/")
        graph = _n(self.base + "/graph/ontology")
        terms = self.rows(f"""SELECT ?term ?kind ?definition WHERE {{ GRAPH {graph} {{ ?term a ?kind .
                VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty rdfs:Datatype skos:ConceptScheme }}
                OPTIONAL {{ ?term skos:definition|rdfs:comment ?definition }} }} }}""")
        reused = self.rows(f"""SELECT ?term ?definition WHERE {{ GRAPH {graph} {{ ?term rdfs:isDefinedBy ?v ;
                skos:definition ?definition }} FILTER(!STRSTARTS(STR(?term), "{DEF}")) }}""")
        self.labels([r["term"].value for r in terms + reused])
        groups: dict[str, dict] = {}
        names = {OWL + "Class": "Classes", OWL + "ObjectProperty": "Properties linking things",
                 OWL + "DatatypeProperty": "Properties with values", RDFS + "Datatype": "Datatypes of codes",
                 SKOS + "ConceptScheme": "Concept schemes (controlled values)"}
        for r in terms:
            group = groups.setdefault(names[r["kind"].value], {})
            group[r["term"].value] = {"term": self.value(r["term"], links), "iri": r["term"].value,
                                      "definition": r["definition"].value if r["definition"] else ""}
        order = list(names.values())
        sections = [{"title": title, "items": sorted(groups[title].values(), key=lambda t: t["term"]["text"].lower())}
                    for title in order if title in groups]
        sections.append({"title": "Terms reused from other vocabularies", "items": sorted(
            ({"term": self.value(r["term"], links), "iri": r["term"].value, "definition": r["definition"].value}
             for r in reused), key=lambda t: t["iri"])})
        return self.render("ontology.html", "/def/", title=self.label(DEF), iri=DEF,
                           definition=next((t.object.value for t in description(self.store, DEF, self.base)
                                            if t.predicate.value == SKOS + "definition"), ""),
                           sections=sections, page_path="/def/")

    def query(self, text: str = "", table: dict | None = None, error: str = "", examples=(),
              chosen: str = "") -> str:
        return self.render("query.html", "/query", title="Query the graph", text=text, table=table,
                           error=error, examples=examples, chosen=chosen)

    def error(self, status: int, message: str, here: str = "/") -> str:
        return self.render("error.html", here, title=f"{status}", status=status, message=message)
