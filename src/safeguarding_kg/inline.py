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

`narrowed(store, text, bound)`: the queries that take an authority's name
(`?authority` filtered against `?la`'s label and code, in the form NAME_FILTER
reads) or a partner's (PARTNER_FILTER) are about whichever organisations match.
Where exactly one organisation of that kind the store knows could match, its IRI
is bound to the variable as well and inlined (where none could, an IRI no graph
holds); the query's own filter still runs, so the answer is the same, found
from the organisation instead of from every report.
"""
from __future__ import annotations

import functools
import re

import pyoxigraph as ox

from .sparql import _tokens
from .vocab import DEF

# A query takes an authority by part of its name or its code with this filter on
# the authority's name (?N), the parameter (?P) and the authority's code (?C):
#   FILTER(COALESCE(CONTAINS(LCASE(STR(?N)), LCASE(?P)) || COALESCE(STR(?C) = ?P, false), true))
# and names the authority ?X with `?X rdfs:label ?N`, `?X skos:notation ?C` (the only
# other use of ?C) and `... skg:subjectAuthority ?X`.
NAME_FILTER = re.compile(r"FILTER\(COALESCE\(CONTAINS\(LCASE\(STR\(\?(\w+)\)\), LCASE\(\?(\w+)\)\)"
                         r" \|\| COALESCE\(STR\(\?(\w+)\) = \?\2, false\), true\)\)")


# A query takes a partner organisation by part of its name or its code with this filter
# on the organisation's name (?N), the parameter (?P) and its code (?C):
#   FILTER(CONTAINS(LCASE(STR(?N)), LCASE(?P)) || STR(?C) = ?P)
# and names the organisation ?X with `?X rdfs:label ?N`, `?X skos:notation ?C` (the only
# other use of ?C) and `... skg:worksInPartnershipWith ?X`.
PARTNER_FILTER = re.compile(r"FILTER\(CONTAINS\(LCASE\(STR\(\?(\w+)\)\), LCASE\(\?(\w+)\)\)"
                            r" \|\| STR\(\?(\w+)\) = \?\2\)")

# Every organisation of a kind (the subjects of reports, the partners they name) with each
# of its names and codes: the narrowed variable is always such an organisation, since a
# query is narrowed only where it requires `skg:subjectAuthority ?la` (or
# `skg:worksInPartnershipWith ?org`). Reading the authorities takes 25 ms at 1,000 reports
# and 110 ms at 10,000, the partners a few times that, so a store skg writes keeps them per
# generation (store.GENERATION: a new random value at every change it makes).
_NAMES = """
PREFIX skg: <https://safeguarding-kg.example.org/def/>
SELECT DISTINCT ?la ?value WHERE {
  { SELECT DISTINCT ?la WHERE { GRAPH ?report { ?any skg:%s ?la } } }
  VALUES ?naming { <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#notation> }
  GRAPH ?labels { ?la ?naming ?value }
}
"""
# what a name no organisation has is narrowed to: an IRI no graph holds
NO_SUCH_ORGANISATION = ox.NamedNode("urn:x-safeguarding-kg:no-such-organisation")
# (the filter, the predicate that must lead to the narrowed variable)
_KINDS = {"authority": (NAME_FILTER, "subjectAuthority"), "partner": (PARTNER_FILTER, "worksInPartnershipWith")}
# the predicates narrowing reads an organisation and its names by (in the named graphs)
NAMING_PREDICATES = (*(ox.NamedNode(DEF + predicate) for _, predicate in _KINDS.values()),
                     ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation"))
_NAMES_BY_GENERATION: dict[tuple[str, str], list[tuple[ox.NamedNode, str]]] = {}


def _names(store: ox.Store, kind: str) -> list[tuple[ox.NamedNode, str]]:
    from .store import generation_of

    generation = generation_of(store)
    if (generation, kind) in _NAMES_BY_GENERATION:
        return _NAMES_BY_GENERATION[generation, kind]
    names = [(row["la"], row["value"].value) for row in store.query(_NAMES % _KINDS[kind][1])
             if isinstance(row["la"], ox.NamedNode) and isinstance(row["value"], ox.Literal)]
    if generation is not None:
        for key in [key for key in _NAMES_BY_GENERATION if key[0] != generation]:
            del _NAMES_BY_GENERATION[key]  # one store's current names; a program rarely has two
        _NAMES_BY_GENERATION[generation, kind] = names
    return names


def _candidates(store: ox.Store, text: str, kind: str = "authority") -> set[ox.NamedNode]:
    """The organisations of a kind with a name or code that contains `text`, in any case: a
    superset of those the query's filter keeps (SPARQL's LCASE and CONTAINS; CONTAINS of the
    code includes its equality). Both Python's lower() and casefold() are tried, so a name
    SPARQL's lower case matches is not missed here."""
    lower, folded = text.lower(), text.casefold()
    return {la for la, value in _names(store, kind) if lower in value.lower() or folded in value.casefold()}


_CLAUSE_ENDS = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "WHERE", "GROUP"}


def narrowed(store: ox.Store, text: str, bound: dict) -> dict[str, ox.NamedNode]:
    """Each authority or partner variable the query's name parameters can bind to one IRI
    (NAME_FILTER, PARTNER_FILTER): the one organisation of its kind whose name or code
    contains the text, or NO_SUCH_ORGANISATION where none does.

    The filter must be in the query's WHERE group itself (every row passes it), and every
    row must have the organisation with that name: its patterns in that group, or in each
    branch of a UNION there, or in a sub-select joined there that projects the variables
    (partners/shared reads each authority's side in a branch of its own, so that the two
    sides' reports are not joined one to one)."""
    found = {}
    for kind, param, var in _narrowable(text):
        value = bound.get(param)
        if not isinstance(value, ox.Literal) or var in bound or var in found:
            continue
        candidates = _candidates(store, value.value, kind)
        if len(candidates) <= 1:  # none: no row can pass the filter, and none is found at once
            found[var] = next(iter(candidates), NO_SUCH_ORGANISATION)
    return found


# The same filters with the name already written in as a string (what `skg query --endpoint`
# sends, inline() having written the parameter in): `LCASE("Essex")` and `= "Essex"`.
_STRING = r'"(?:[^"\\\n\r]|\\.)*"'
_WRITTEN_IN = {kind: re.compile(pattern.pattern.replace(r"LCASE\(\?(\w+)\)", rf"LCASE\(({_STRING})\)")
                                .replace(r"= \?\2", r"= \2"))
               for kind, (pattern, _) in _KINDS.items()}


def narrowed_text(store: ox.Store, text: str) -> str:
    """A query text from anywhere (a client of `skg serve`'s /sparql) with each name filter
    whose name is written in narrowed as a named query's would be, or the text unchanged.

    Each such string is read back as a parameter (a variable the text does not use), so
    narrowed() judges the query's shape exactly as for a named query: the same answer,
    found from the one organisation instead of from every report."""
    renamed, bound = text, {}
    for pattern in _WRITTEN_IN.values():
        for match in pattern.finditer(text):
            string = match.group(2)
            literal = _string_literal(string)
            if literal is None:
                continue
            param = f"skgName{len(bound)}"
            while f"?{param}" in text:
                param += "_"
            bound[param] = literal
            renamed = renamed.replace(match.group(0), match.group(0).replace(string, f"?{param}"), 1)
    if not bound:
        return text
    found = narrowed(store, renamed, bound)
    return (inline(text, found) or text) if found else text


def _string_literal(written: str) -> ox.Literal | None:
    """The literal a SPARQL string in N-Triples form stands for (None if it is not one)."""
    try:
        quad = next(iter(ox.parse(f"<urn:x:s> <urn:x:p> {written} .", format=ox.RdfFormat.N_TRIPLES)))
    except (SyntaxError, StopIteration):
        return None
    return quad.object if isinstance(quad.object, ox.Literal) else None


@functools.lru_cache(maxsize=256)
def _narrowable(text: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, parameter, variable) for each organisation variable the query's shape lets a name
    parameter narrow (see narrowed); read once per text (about 2 ms for partners/shared)."""
    out = []
    where = _where_group(text)
    if where is None:
        return ()
    for kind, (pattern, predicate) in _KINDS.items():
        for match in pattern.finditer(text):
            name, param, code = match.groups()
            if not _required(text, match.group(0)):
                continue
            for var in dict.fromkeys(re.findall(rf"\?(\w+) rdfs:label \?{name}(?!\w)", text)):
                if (_in_every_row(where, lambda s, p, o: (s, p, o) == (f"?{var}", "rdfs:label", f"?{name}"))
                        and _in_every_row(where, lambda s, p, o: (p, o) == (f"skg:{predicate}", f"?{var}"))
                        and _code_is_its_own(text, var, code) and _same_variable_everywhere(text, var)):
                    out.append((kind, param, var))
    return tuple(out)


# -- the shape of the WHERE group: which triple patterns every row has ---------------------------
# A group is a list of (kind, value): ("triples", [(s, p, o), ...]) for the patterns written in it
# (a statement with a path, a blank node or a typed literal is left out: fewer facts, never a
# wrong one), ("graph" or "group", group), ("union", [group, ...]), ("select", (group, projected
# variables)), and ("optional", group), ("minus", group) or ("other", None), which add nothing.


def _where_group(text: str) -> list | None:
    """The query's WHERE group, read as above (None if there is no `WHERE {`)."""
    tokens = [(kind, token) for _, kind, token in _tokens(text)]
    for index, (kind, token) in enumerate(tokens):
        if kind == "word" and token.upper() == "WHERE" and index + 1 < len(tokens) and tokens[index + 1][1] == "{":
            return _group(tokens, index + 2)[0]
    return None


def _group(tokens: list, at: int) -> tuple[list, int]:
    """The group whose first token is tokens[at] (just after its brace), and the index after its end."""
    elements, statement, before = [], [], ""
    while at < len(tokens):
        kind, token = tokens[at]
        upper = token.upper() if kind == "word" else token
        if token == "}":
            elements.append(("triples", _statements(statement)))
            return elements, at + 1
        if upper in ("FILTER", "BIND", "VALUES", "SERVICE") or (upper == "{" and before in ("EXISTS", "SERVICE")):
            at = _skip_clause(tokens, at)  # no facts, whatever braces they hold
            before = ""
            continue
        if token == "{":
            if at + 1 < len(tokens) and tokens[at + 1][0] == "word" and tokens[at + 1][1].upper() == "SELECT":
                select, at = _sub_select(tokens, at + 1)  # `{ SELECT ... }`, `OPTIONAL { SELECT ... }`
                group = [select]
            else:
                group, at = _group(tokens, at + 1)
            element = ({"OPTIONAL": "optional", "MINUS": "minus"}.get(before, "graph" if before.startswith("GRAPH ") else "group"), group)
            if element[0] == "group" and at < len(tokens) and tokens[at][1].upper() == "UNION":
                branches = [element[1]]
                while at < len(tokens) and tokens[at][1].upper() == "UNION" and tokens[at + 1][1] == "{":
                    branch, at = _group(tokens, at + 2)
                    branches.append(branch)
                element = ("union", branches)
            elements.append(element)
            before = ""
            continue
        if upper in ("OPTIONAL", "MINUS", "GRAPH"):
            elements.append(("triples", _statements(statement)))
            statement = []
        elif before != "GRAPH":
            statement.append((kind, token))
        before = f"GRAPH {token}" if before == "GRAPH" else upper
        at += 1
    return elements, at


def _sub_select(tokens: list, at: int) -> tuple[tuple, int]:
    """A sub-select from its SELECT: its WHERE group and the variables it projects."""
    names, depth = set(), 0
    while tokens[at][1] != "{" and not (tokens[at][0] == "word" and tokens[at][1].upper() == "WHERE"):
        kind, token = tokens[at]
        depth += token == "("
        depth -= token == ")"
        if kind == "var" and (depth == 0 or tokens[at - 1][1].upper() == "AS"):
            names.add(token)
        at += 1
    at += tokens[at][1] != "{"
    group, at = _group(tokens, at + 1)
    depth = 1  # the modifiers after the WHERE group, to the brace that closes the sub-select
    while depth:
        depth += {"{": 1, "}": -1}.get(tokens[at][1], 0)
        at += 1
    return ("select", (group, names)), at


def _skip_clause(tokens: list, at: int) -> int:
    """The index after a FILTER, BIND, VALUES or SERVICE clause (or an EXISTS group)."""
    depth, opened = 0, False
    while at < len(tokens):
        token = tokens[at][1]
        if token in ("(", "{"):
            depth, opened = depth + 1, True
        elif token in (")", "}"):
            depth -= 1
        at += 1
        if opened and depth == 0:
            return at
    return at


def _statements(tokens: list) -> list[tuple[str, str, str]]:
    """The triples of `s p o ; p o , o .` statements, each term one token."""
    triples, terms = [], []
    for kind, token in tokens + [("other", ".")]:
        if token in (".", ";", ","):
            whole = terms is not None and len(terms) == 3
            if whole:
                triples.append(tuple(terms))
            terms = [] if token == "." else (terms[:1] if token == ";" else terms[:2]) if whole else None
        elif terms is not None and kind in ("var", "iri", "pname", "word", "string") and len(terms) < 3:
            terms.append(token)
        else:
            terms = None  # a path, a blank node, a typed literal: nothing more from this statement
    return triples


def _in_every_row(group: list, holds, projected: set | None = None) -> bool:
    """Does every row of the group have a triple pattern for which holds(s, p, o)? In a
    sub-select, only with the variables it projects (the others are its own)."""
    def seen(term: str) -> str:
        return term if projected is None or not term.startswith("?") or term in projected else "?"
    for kind, value in group:
        if kind == "triples" and any(holds(*map(seen, triple)) for triple in value):
            return True
        if kind in ("graph", "group") and _in_every_row(value, holds, projected):
            return True
        if kind == "union" and all(_in_every_row(branch, holds, projected) for branch in value):
            return True
        if kind == "select" and _in_every_row(value[0], holds,
                                              value[1] if projected is None else value[1] & projected):
            return True
    return False


def _code_is_its_own(text: str, var: str, code: str) -> bool:
    """Is the filter's code variable only ever the organisation's own code? Every use of it is in
    the filter, in `?var skos:notation ?code`, or listed by a SELECT or GROUP BY (which pass it on)."""
    uses = sum(1 for _, kind, token in _tokens(text) if token == f"?{code}")
    own = len(re.findall(rf"\?{var} skos:notation \?{code}(?!\w)", text))
    in_filters = sum(match.group(0).count(f"?{code})") for pattern, _ in _KINDS.values() for match in pattern.finditer(text))
    return own > 0 and uses == own + in_filters + _listed(text).count(f"?{code}")


def _listed(text: str) -> list[str]:
    """The variables each SELECT and GROUP BY lists as they are (not in an expression)."""
    found, depth, listing, previous = [], 0, False, ""
    for _, kind, token in _tokens(text):
        upper = token.upper() if kind == "word" else token
        if upper == "SELECT" or (upper == "BY" and previous == "GROUP"):
            listing, depth = True, 0
        elif listing and (token in ("{", "}") or upper in ("WHERE", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES")):
            listing = False
        elif listing:
            depth += token == "("
            depth -= token == ")"
            if kind == "var" and depth == 0:
                found.append(token)
        previous = upper
    return found


def _same_variable_everywhere(text: str, var: str) -> bool:
    """Is the variable the query's own in every sub-select that names it (each one, and each one
    that holds it, projects it)? A sub-select's variable it does not project is another one,
    which the organisation's IRI must not replace."""
    opened, listing, lists = [], False, []  # per open sub-select: does it project the variable?
    depth = 0
    for _, kind, token in _tokens(text):
        if kind == "word" and token.upper() == "SELECT" and depth:
            opened.append([depth, False])
            listing = True
        elif listing and (token == "{" or (kind == "word" and token.upper() == "WHERE")):
            listing = False
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if opened and opened[-1][0] > depth:
                opened.pop()
        if listing and token == f"?{var}":
            opened[-1][1] = True
        elif token == f"?{var}" and not all(projects for _, projects in opened):
            return False
    return True


def _required(text: str, words: str) -> bool:
    """Are `words` somewhere in the query's WHERE group or a GRAPH group in it, not only in an
    OPTIONAL, UNION, MINUS, nested group or sub-query? Only there does every row have the
    authority and its name bound and pass the filter (an authority's rows with ?la left
    unbound by an OPTIONAL would pass the filter whichever authority was asked for)."""
    at, starts = text.find(words), set()
    while at >= 0:
        end = at + len(words)
        if end == len(text) or not (text[end].isalnum() or text[end] == "_"):  # ?la, not ?label
            starts.add(at)
        at = text.find(words, at + 1)
    groups, previous = [], ""
    for offset, kind, token in _tokens(text):
        if offset in starts and groups and groups[0] == "where" and all(g == "graph" for g in groups[1:]):
            return True
        if token == "{":
            groups.append("graph" if previous.startswith("GRAPH ") else
                          "where" if previous == "WHERE" and not groups else "other")
        elif token == "}":
            groups.pop() if groups else None
        word = token.upper() if kind == "word" else token
        previous = f"GRAPH {token}" if previous == "GRAPH" and kind in ("var", "iri", "pname") else word
    return False


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

