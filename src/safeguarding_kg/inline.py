"""Parameters written into a query's text, so the embedded store starts from them.

Oxigraph plans a query before it sees the values given by `substitutions=` or a
VALUES clause, so a bound parameter does not choose where the joins start: a
query about one authority reads every report and filters at the end (hundreds of
milliseconds at 1,000 reports, seconds at 10,000). Written into the text as a
constant, the same parameter is an index lookup (a few milliseconds).

`inline(text, bound)` writes each bound variable as its term (pyoxigraph's
N-Triples form of it, so no value can break out of its place), keeping the
variable where the grammar needs one: `?x` projected becomes `(<term> AS ?x)`,
in GROUP BY or ORDER BY `(<term>)`. Where that can't be done (the variable is
the target of AS or BIND, listed by VALUES, or the query is SELECT *), it
returns None and the caller binds the usual way. The answer is the same: SEP-0007
substitution, which pyoxigraph implements, also gives the variable the value
everywhere in the query.

`authority_iri(store, text, bound)`: the queries that take an authority's name
(`?authority`, filtered against `?la`'s label and code) are about whichever
authorities match. Where exactly one authority the store knows could match, its
IRI is bound to ?la as well and inlined; the query's own filter still runs, so
the answer is the same, found from the authority instead of from every report.
"""
from __future__ import annotations

import pyoxigraph as ox

from .sparql import _tokens

# The filter of the queries that take an authority by name or code (queries/*/*.rq).
AUTHORITY_FILTER = ("FILTER(COALESCE(CONTAINS(LCASE(STR(?authorityName)), LCASE(?authority))"
                    " || COALESCE(STR(?code) = ?authority, false), true))")

# Every authority whose label or register code contains the text: a superset of
# those the filter above keeps (CONTAINS of the code includes its equality).
# ?la is always an authority some report is about (skg:subjectAuthority ?la).
_CANDIDATES = """
PREFIX skg: <https://safeguarding-kg.example.org/def/>
SELECT DISTINCT ?la WHERE {
  { SELECT DISTINCT ?la WHERE { GRAPH ?report { ?anyReport skg:subjectAuthority ?la } } }
  GRAPH ?labels { ?la <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#notation> ?value }
  FILTER(isLiteral(?value) && CONTAINS(LCASE(STR(?value)), LCASE(?authority)))
} LIMIT 2
"""

_CLAUSE_ENDS = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "WHERE", "GROUP"}


def authority_iri(store: ox.Store, text: str, bound: dict) -> ox.NamedNode | None:
    """The one authority the query's ?authority can name, where the query filters ?la by it."""
    authority = bound.get("authority")
    if (not isinstance(authority, ox.Literal) or "la" in bound
            or not _required(text, AUTHORITY_FILTER) or not _required(text, "?la rdfs:label ?authorityName")
            or "skg:subjectAuthority ?la" not in text):
        return None
    found = [row["la"] for row in store.query(inline(_CANDIDATES, {"authority": authority}))]
    return found[0] if len(found) == 1 and isinstance(found[0], ox.NamedNode) else None


def _required(text: str, words: str) -> bool:
    """Are `words` in the query's WHERE group or a GRAPH group in it, not an OPTIONAL, UNION,
    MINUS, nested group or sub-query? Only there does every row have ?la and its name bound
    and pass the filter (an authority's rows with ?la left unbound by an OPTIONAL would pass
    the filter whichever authority was asked for)."""
    at = text.find(words)
    if at < 0:
        return False
    groups, previous = [], ""
    for offset, kind, token in _tokens(text):
        if offset >= at:
            break
        if token == "{":
            groups.append("graph" if previous.startswith("GRAPH ") else
                          "where" if previous == "WHERE" and not groups else "other")
        elif token == "}":
            groups.pop() if groups else None
        word = token.upper() if kind == "word" else token
        previous = f"GRAPH {token}" if previous == "GRAPH" and kind in ("var", "iri", "pname") else word
    return bool(groups) and groups[0] == "where" and all(g == "graph" for g in groups[1:])


def inline(text: str, bound: dict) -> str | None:
    """The query with each bound variable written as its term, or None where that can't be done."""
    if not bound:
        return text
    out, done = [], 0
    clause, parens, after_values, after_as = None, 0, False, False
    for offset, kind, token in _tokens(text):
        upper = token.upper() if kind == "word" else token
        if kind == "word":
            if upper == "SELECT":
                clause, parens = "select", 0
            elif upper in ("GROUP", "ORDER"):
                clause, parens = "by", 0
            elif upper in _CLAUSE_ENDS:
                clause = None
            after_values = upper == "VALUES" or (after_values and upper not in ("UNDEF",))
            after_as = upper == "AS"
            continue
        if token == "{":
            clause, after_values = None, False
        elif token == "(":
            parens += 1
        elif token == ")":
            parens -= 1
        elif token == "}":
            clause = None
        elif token == "*" and clause == "select" and parens == 0:
            return None  # SELECT *: an inlined variable would be lost from the rows
        if kind != "var" or token[1:] not in bound:
            after_as = False
            continue
        if after_as or after_values:
            return None  # the variable is assigned here: it must stay a variable
        term = str(bound[token[1:]])
        if clause == "select" and parens == 0:
            term = f"({term} AS {token})"
        elif clause == "by" and parens == 0:
            term = f"({term})"
        out += [text[done:offset], term]
        done = offset + len(token)
    out.append(text[done:])
    return "".join(out)

