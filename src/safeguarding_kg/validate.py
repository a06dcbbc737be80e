"""Check a graph against ontology/shapes.ttl and say what is wrong in sentences.

validate_file(path) reads Turtle, TriG, N-Quads, N-Triples or JSON-LD (the
named graphs of a dataset are checked as one union), adds the ontology and its
concept schemes (the shapes check scheme membership and reach subclasses
through them) and runs pySHACL. Each violation becomes one sentence:

    Judgement <https://.../id/judgement/...> has no grade (sh:minCount 1 on skg:grade)
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, NamespaceManager

from .errors import ReportError
from .vocab import DEF, SH, bind_prefixes, ontology_graph, shapes_graph

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
           ".jsonld": "json-ld", ".json": "json-ld"}
QUAD_FORMATS = ("trig", "nquads")


def validate_file(path: str | Path) -> list[str]:
    """Violation sentences for the graph in `path` (empty if it conforms).

    ReportError (a sentence) if the file is missing or cannot be parsed.
    """
    return validate_graph(load_graph(path))


def load_graph(path: str | Path) -> Graph:
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"{path}: no such file; build a graph first with `skg build`.")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ReportError(f"{path.name}: unknown graph format {path.suffix or '(none)'}; "
                          "give a .ttl, .trig, .nq, .nt or .jsonld file.")
    try:
        if fmt in QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser error types; any of them means "unreadable"
        reason = " ".join(str(exc).split())[:300]
        raise ReportError(f"{path.name}: not readable as {fmt} ({reason}).") from None


def validate_graph(data: Graph) -> list[str]:
    """Violation sentences for an in-memory graph; `data` gains the ontology's triples."""
    import pyshacl  # imported here: only validation needs it, and it is slow to import

    ontology = ontology_graph()
    for triple in ontology:  # added in place rather than pySHACL's ont_graph, which copies the data
        data.add(triple)
    shapes = shapes_graph()
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False,
    )
    if conforms:
        return []
    describe = _Describer(data, shapes, results)
    # top-level results only: those of sh:node checks carry their inner results as sh:detail
    sentences = {describe(result) for result in results.objects(None, SH.result)}
    return sorted(sentences)


class _Describer:
    """Turns one sh:ValidationResult into a sentence, with the ontology's labels."""

    def __init__(self, data: Graph, shapes: Graph, results: Graph):
        self.data, self.shapes, self.results = data, shapes, results
        self.names = NamespaceManager(bind_prefixes(Graph()), bind_namespaces="none")

    def __call__(self, result) -> str:
        get = lambda p: self.results.value(result, p)  # noqa: E731
        focus, path, value = get(SH.focusNode), get(SH.resultPath), get(SH.value)
        component, shape = get(SH.sourceConstraintComponent), get(SH.sourceShape)
        kind = local_name(component).removesuffix("ConstraintComponent")
        where = f"{self.qname(path)}" if path is not None else "the node"
        about = f"{self.kind(focus)} {self.term(focus)}"
        said = self.path_label(path) if path is not None else "value"
        n = lambda p: self.shapes.value(shape, p)  # noqa: E731
        if kind == "MinCount":
            count = n(SH.minCount)
            has = f"has no {said}" if int(count) == 1 else f"has fewer than {count} values of {said}"
            return f"{about} {has} (sh:minCount {count} on {where})"
        if kind == "MaxCount":
            count = n(SH.maxCount)
            return f"{about} has more than {count} {said} (sh:maxCount {count} on {where})"
        if kind == "Datatype":
            return (f"{about} has {said} {self.term(value)} that is not of datatype "
                    f"{self.qname(n(SH.datatype))} (sh:datatype on {where})")
        if kind == "Class":
            wanted = self.label(n(SH["class"]))
            if path is None:
                return f"{about} is not a {wanted} (sh:class)"
            return f"{about} has {said} {self.term(value)} that is not a {wanted} (sh:class on {where})"
        if kind == "Node":
            why = self.shapes.value(n(SH.node), SH.message) or "does not conform to its shape"
            return f"{about} has {said} {self.term(value)}, which {why} (sh:node on {where})"
        if kind == "Or":
            why = n(SH.message) or "matches none of the allowed forms"
            return f"{about} has {said} {self.term(value)} that {why} (sh:or on {where})"
        if kind == "Pattern":
            return (f"{about} has {said} {self.term(value)} that does not match "
                    f"{n(SH.pattern)} (sh:pattern on {where})")
        if kind == "MinLength":
            return f"{about} has an empty {said} (sh:minLength on {where})"
        if kind == "LessThan":
            other = self.path_label(n(SH.lessThan))
            return f"{about} has {said} {self.term(value)} that is not less than its {other} (sh:lessThan on {where})"
        if kind == "NodeKind":
            return f"{about} has {said} {self.term(value)} that is not an IRI (sh:nodeKind on {where})"
        if kind in ("QualifiedMinCount", "QualifiedMaxCount"):
            what = n(SH.name) or said
            has = "has no" if kind == "QualifiedMinCount" else "has more than one"
            return f"{about} {has} {what} (sh:{kind[0].lower()}{kind[1:]} on {where})"
        message = get(SH.resultMessage) or "does not conform"
        return f"{about}: {message} (sh:{kind[0].lower()}{kind[1:]} on {where})"

    def kind(self, node) -> str:
        """The node's most specific class, in words: "Judgement", "Local authority"."""
        classes = list(self.data.objects(node, RDF.type))
        if not classes:
            return "Node"
        best = max(classes, key=lambda c: (len(self.ancestors(c)), str(c).startswith(DEF), str(c)))
        label = self.label(best)
        return label[:1].upper() + label[1:]

    def ancestors(self, cls) -> set:
        return set(self.data.transitive_objects(cls, RDFS.subClassOf))

    def label(self, term) -> str:
        label = self.data.value(term, RDFS.label)
        return str(label) if label is not None else local_name(term)

    def path_label(self, path) -> str:
        return self.label(path) if isinstance(path, URIRef) else "value"

    def qname(self, iri) -> str:
        if not isinstance(iri, URIRef):
            return "a path"
        try:
            return self.names.normalizeUri(iri)
        except Exception:  # an IRI that no prefix covers
            return f"<{iri}>"

    def term(self, node) -> str:
        if isinstance(node, Literal):
            return node.n3(self.names)
        if isinstance(node, URIRef):
            return f"<{node}>"
        return "a blank node"


def local_name(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
