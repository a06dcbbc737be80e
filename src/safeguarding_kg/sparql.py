"""The named SPARQL queries of queries/ and one way to run them anywhere.

The package safeguarding_kg.queries (the queries/ folder) re-exports run,
catalogue and find from here, so `safeguarding_kg.queries.run` is the API.

Each `.rq` file is a query that runs unchanged in any SPARQL tool (its PREFIX
lines are in the file), with a grlc-style header of `#+ key: value` comments:

    #+ summary: Latest grade of every authority in each judgement area
    #+ description: What is each authority's most recent grade for each area?
    #+   (continuation lines are indented)
    #+ params:
    #+   - authority: text, optional. Part of the authority's name, or its GSS code.
    #+   - since: date, default 2015-01-01. The first inspection start date counted.
    #+ example: skg query grades/latest --param authority=Essex

A file without a summary is an error. A parameter is the query variable of the
same name (`?authority`); its type is text, date, integer, decimal or iri.

A query may also say `#+ inline: no`: see below.

Parameters are never formatted into the text by hand:
- on the embedded store they are written in as constants by inline.py (terms in
  pyoxigraph's N-Triples form, so a value cannot break out of its place), since
  Oxigraph plans its joins from constants but not from bound values; a query
  with `#+ inline: no` (one Oxigraph plans worse with constants) skips this;
- otherwise on the embedded store with pyoxigraph's `substitutions=` (SEP-0007:
  the variable takes the value everywhere in the query);
- on a SPARQL endpoint with a VALUES clause put first inside the query's WHERE
  group (see with_values). That is the same answer as long as a parameter is
  used in the top-level group only (not inside a sub-SELECT or a nested group
  with its own FILTER); the queries here keep to that and a test checks it.

The report facts sit in one named graph per report, the registers and the
vocabulary in their own named graphs: every query reads them with GRAPH
patterns, so it gives the same answer on the embedded store and on a server
whose default graph is not the union of the named graphs.
"""
from __future__ import annotations

import datetime
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from .errors import ReportError

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("text", "date", "integer", "decimal", "iri")
HEADER_KEYS = ("summary", "description", "params", "example", "tags", "inline")


class QueryError(ReportError):
    """A query that cannot be found, parsed, bound or run; str(error) says why."""


# -- the catalogue --------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "text"
    default: str | None = None
    required: bool = False
    description: str = ""

    def describe(self) -> str:
        how = "required" if self.required else (f"default {self.default}" if self.default is not None
                                                 else "optional")
        return f"{self.name} ({self.type}, {how})"


@dataclass(frozen=True)
class Query:
    name: str  # the path under queries/ without .rq, or the file's path, or "-"
    text: str
    summary: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    example: str = ""
    declared: bool = True  # False for a file or text without a `#+ params:` header
    # `#+ inline: no`: bind the parameters rather than write them into the text (inline.py),
    # for a query Oxigraph plans worse with constants (benchmarks/NOTES.md)
    inline: bool = True

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, DESCRIBE or ASK: the first query keyword outside comments and strings."""
        for token in _top_level_words(self.text):
            if token in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                return token
        return "SELECT"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


HEADER_LINE = re.compile(r"^#\+\s?(.*)$")
KEY_LINE = re.compile(r"^(\w+):\s*(.*)$")
PARAM_LINE = re.compile(
    r"^-\s*(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*,\s*"
    r"(?P<how>optional|required|default\s+(?P<default>\S+?))\s*\.?(?:\s+(?P<description>.*))?$")


def parse_query(text: str, name: str = "-", need_summary: bool = False) -> Query:
    """A query and its header; raises QueryError for a malformed header."""
    header: dict[str, list[str]] = {}
    key = None
    for number, line in enumerate(text.splitlines(), 1):
        match = HEADER_LINE.match(line.strip())
        if not match:
            continue
        body = match.group(1)
        keyed = KEY_LINE.match(body) if not body.startswith((" ", "\t")) else None
        if keyed:
            key = keyed.group(1).lower()
            if key not in HEADER_KEYS:
                raise QueryError(f"{name} line {number}: unknown header key '{key}' "
                                 f"(use {', '.join(HEADER_KEYS)}).")
            header[key] = [keyed.group(2).strip()] if keyed.group(2).strip() else []
        elif key is not None and body.strip():
            header[key].append(body.strip())
    if need_summary and not " ".join(header.get("summary", [])).strip():
        raise QueryError(f"{name}.rq has no '#+ summary:' line; every query in the catalogue needs one.")
    params = tuple(_param(line, name) for line in _items(header.get("params", [])))
    _check_params(text, name, params)
    return Query(name=name, text=text,
                 summary=" ".join(header.get("summary", [])),
                 description=" ".join(header.get("description", [])),
                 params=params, example=" ".join(header.get("example", [])),
                 declared="params" in header,
                 inline=" ".join(header.get("inline", [])).strip().lower() not in ("no", "false"))


def _check_params(text: str, name: str, params: tuple[Param, ...]) -> None:
    """Each parameter is a variable of the query; a SELECT projects it (Oxigraph's
    substitutions= binds projected variables only) and never computes it."""
    used = variables(text)
    form = next((w for w in _top_level_words(text) if w in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")), "")
    selected = projected(text) if form == "SELECT" else set()
    for param in params:
        if param.name not in used:
            raise QueryError(f"{name}: the parameter '{param.name}' is not a variable of the query.")
        if form == "SELECT" and param.name not in selected:
            raise QueryError(f"{name}: a SELECT query must list its parameter ?{param.name} "
                             "after SELECT (pyoxigraph binds projected variables only).")
        if re.search(rf"\bAS\s+[?$]{param.name}\b", _code(text), re.IGNORECASE):
            raise QueryError(f"{name}: the parameter ?{param.name} is also computed (AS ?{param.name}); "
                             "give one of them another name.")


def _code(text: str) -> str:
    """The query without its comments."""
    return "".join(token + " " for _, kind, token in _tokens(text))


def _items(lines: list[str]) -> list[str]:
    """The `- ...` items of a list, with continuation lines joined to their item."""
    items: list[str] = []
    for line in lines:
        if line.startswith("-") or not items:
            items.append(line)
        else:
            items[-1] += " " + line
    return items


def _param(line: str, name: str) -> Param:
    match = PARAM_LINE.match(line)
    if not match or match.group("type") not in PARAM_TYPES:
        raise QueryError(f"{name}: cannot read the parameter line '{line}'; write it as "
                         "'- NAME: TYPE, optional|required|default VALUE. Description' "
                         f"with TYPE one of {', '.join(PARAM_TYPES)}.")
    how = match.group("how")
    param = Param(name=match.group("name"), type=match.group("type"),
                  default=match.group("default"), required=how == "required",
                  description=(match.group("description") or "").strip())
    if param.default is not None:
        to_term(param, param.default, name)  # a bad default is the file's error
    return param


def queries_root() -> Path:
    return Path(str(files("safeguarding_kg.queries")))


def catalogue(root: str | Path | None = None) -> dict[str, Query]:
    """Every named query under `root` (default: the installed queries/), by name."""
    root = Path(root) if root is not None else queries_root()
    found = {}
    for path in sorted(root.rglob("*.rq")):
        name = path.relative_to(root).with_suffix("").as_posix()
        found[name] = parse_query(path.read_text(encoding="utf-8"), name, need_summary=True)
    return found


def find(name_or_text: str, root: str | Path | None = None) -> Query:
    """A named query, a .rq file's path, or the text of a query."""
    named = catalogue(root)
    key = name_or_text.strip().removesuffix(".rq")
    if key in named:
        return named[key]
    if name_or_text.strip().endswith(".rq"):
        path = Path(name_or_text.strip())
        if not path.is_file():
            raise QueryError(f"{path}: no such query file.")
        return parse_query(path.read_text(encoding="utf-8"), str(path))
    if re.search(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", name_or_text, re.IGNORECASE):
        return parse_query(name_or_text, "the query")
    close = [n for n in named if key.split("/")[-1] in n]
    hint = f" Did you mean {', '.join(close)}?" if close else " `skg queries` lists them."
    raise QueryError(f"no query named '{key}'.{hint}")


# -- parameters -------------------------------------------------------------------------------


def to_term(param: Param, value, where: str = "") -> ox.NamedNode | ox.Literal:
    """A parameter's value as an RDF term of the parameter's type."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    label = f"{where}: " if where else ""
    text = str(value).strip()
    try:
        if param.type == "date":
            if isinstance(value, datetime.date):
                text = value.isoformat()
            datetime.date.fromisoformat(text)
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
        if param.type == "integer":
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
        if param.type == "decimal":
            return ox.Literal(str(Decimal(text)), datatype=ox.NamedNode(XSD + "decimal"))
        if param.type == "iri":
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", text):
                raise ValueError
            return ox.NamedNode(text)
    except (ValueError, InvalidOperation):
        example = {"date": "2015-01-01", "integer": "3", "decimal": "2.5",
                   "iri": "https://safeguarding-kg.example.org/id/..."}[param.type]
        raise QueryError(f"{label}--param {param.name}={text!r} is not a{'n' if param.type[0] in 'aeiou' else ''} "
                         f"{param.type} (for example {example}).") from None
    return ox.Literal(text)


def bindings(query: Query, params: dict) -> dict[str, ox.NamedNode | ox.Literal]:
    """The variable bindings of a query: the given parameters checked and typed, then defaults."""
    bound = {}
    for name, value in params.items():
        param = query.param(name)
        if param is None and query.declared:
            known = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(f"{query.name} has no parameter '{name}'; its parameters are: {known}.")
        if param is None:  # an ad-hoc query: any variable of the query, as text or an IRI
            if name not in variables(query.text):
                raise QueryError(f"{query.name} has no variable ?{name} to bind with --param {name}=...")
            kind = "iri" if re.match(r"^https?://\S+$", str(value)) else "text"
            param = Param(name, kind)
        bound[name] = to_term(param, value, query.name)
    for param in query.params:
        if param.name not in bound:
            if param.required:
                raise QueryError(f"{query.name} needs --param {param.name}=... "
                                 f"({(param.description or param.type).rstrip('.')}).")
            if param.default is not None:
                bound[param.name] = to_term(param, param.default, query.name)
    return bound


# -- reading the query text (comments, strings and IRIs skipped) ---------------------------------

_LONG_STRINGS = r"""'''(?:[^'\\]|\\.|'(?!''))*'''|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}"""
_TOKEN = re.compile(
    r"(?P<comment>\#[^\n]*)"
    rf"|(?P<string>{_LONG_STRINGS}"
    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)"""
    r"|(?P<var>[?$][A-Za-z_0-9]\w*)"
    r"|(?P<pname>(?:[A-Za-z_][\w.-]*)?:[\w.-]*)"
    r"|(?P<word>[A-Za-z_]\w*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)", re.DOTALL)


def _tokens(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, token) of the query's code; comments and white space left out."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("comment", "space"):
            yield match.start(), kind, match.group(0)


def _top_level_words(text: str) -> Iterator[str]:
    for _, kind, token in _tokens(text):
        if kind == "word":
            yield token.upper()


def variables(text: str) -> set[str]:
    """The names of the variables a query's code uses (not those in comments or strings)."""
    return {token[1:] for _, kind, token in _tokens(text) if kind == "var"}


def projected(text: str) -> set[str]:
    """The variables a SELECT query projects: `?x` and `(... AS ?x)` of its SELECT clause."""
    names, seen_select, depth, after_as = set(), False, 0, False
    for _, kind, token in _tokens(text):
        upper = token.upper()
        if not seen_select:
            seen_select = kind == "word" and upper == "SELECT"
            continue
        if (kind == "word" and upper == "WHERE") or token == "{":
            break
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif kind == "word" and upper == "AS":
            after_as = True
        elif kind == "var" and (depth == 0 or after_as):
            names.add(token[1:])
            after_as = False
    return names


def with_values(text: str, bound: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with `VALUES (?a ?b) { (A B) }` first inside its WHERE group.

    The terms are written by pyoxigraph in N-Triples syntax (str(term)), so a value
    cannot break out of its place. Nothing is added on a new line, so line numbers
    in error messages stay those of the file.
    """
    if not bound:
        return text
    depth, where_seen, insert_at = 0, False, None
    first_brace = None
    for offset, kind, token in _tokens(text):
        if kind == "word" and token.upper() == "WHERE" and depth == 0:
            where_seen = True
        elif token == "{":
            if depth == 0 and first_brace is None:
                first_brace = offset
            if depth == 0 and where_seen:
                insert_at = offset
                break
            depth += 1
        elif token == "}":
            depth -= 1
    if insert_at is None:
        insert_at = first_brace  # SELECT * { ... } and ASK { ... } have no WHERE keyword
    if insert_at is None:
        raise QueryError("the query has no WHERE group to bind parameters in.")
    names = " ".join(f"?{name}" for name in bound)
    values = " ".join(str(term) for term in bound.values())
    clause = f" VALUES ({names}) {{ ({values}) }} "
    return text[:insert_at + 1] + clause + text[insert_at + 1:]


# -- running -----------------------------------------------------------------------------------------


@dataclass
class Endpoint:
    """A SPARQL 1.1 Protocol endpoint, such as http://127.0.0.1:7878/query."""

    url: str
    timeout: float = 60.0

    def post(self, query: str, accept: str) -> bytes:
        data = urllib.parse.urlencode({"query": query}).encode("utf-8")
        request = urllib.request.Request(self.url, data=data, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"the endpoint {self.url} refused the query (HTTP {exc.code}): "
                             f"{detail[0] if detail else exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise QueryError(f"could not reach the endpoint {self.url}: {reason}.") from None


def _local_store(target) -> ox.Store | None:
    if isinstance(target, ox.Store):
        return target
    inner = getattr(target, "store", None)
    if isinstance(inner, ox.Store):
        return inner
    return None


def _target(target):
    """An Endpoint or a pyoxigraph Store from what the caller gave."""
    if isinstance(target, Endpoint) or _local_store(target) is not None:
        return target if isinstance(target, Endpoint) else _local_store(target)
    if isinstance(target, str) and re.match(r"^https?://", target):
        return Endpoint(target)
    if target is None or isinstance(target, (str, Path)):
        from .store import open_store

        return open_store(target).store
    raise QueryError(f"cannot run a query on {type(target).__name__}: give a store, a path or an endpoint URL.")


def check_syntax(query: Query) -> None:
    """Parse the query (on an empty store); a syntax error names the line and shows it."""
    try:
        ox.Store().query(query.text)
    except SyntaxError as exc:
        raise QueryError(syntax_message(query, str(exc))) from None


def syntax_message(query: Query, message: str) -> str:
    match = re.search(r"(\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message)
    if not match:
        return f"{query.name}: SPARQL syntax error: {message}"
    line, column, what = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = query.text.splitlines()
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    hint = ""
    prefixes = set(re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", query.text))
    used = {token.split(":")[0] for _, kind, token in _tokens(shown) if kind == "pname"}
    missing = sorted(used - prefixes)
    if missing:  # Oxigraph's own words for this are a list of expected characters
        what = f"the prefix {', '.join(m + ':' for m in missing)} is not declared"
        hint = "; add a PREFIX line for it"
    name = query.name + (".rq" if "/" in query.name and not query.name.endswith(".rq") else "")
    return (f"{name} line {line}, column {column}: SPARQL syntax error: {what}{hint}\n"
            f"  {line} | {shown}\n  {' ' * len(str(line))} | {' ' * max(0, column - 1)}^")


def _substitutable(query: Query, bound: dict) -> bool:
    """pyoxigraph's substitutions= binds the variables a SELECT projects, nothing else."""
    return query.form == "SELECT" and set(bound) <= projected(query.text)


def _inlined(store: ox.Store, query: Query, bound: dict) -> str | None:
    """The query with its parameters written into the text (inline.py: the same answer, found
    from the parameters instead of from every report), or None to bind them the usual way."""
    from .inline import inline, narrowed

    if not bound or not query.inline:
        return None
    bound = {**bound, **narrowed(store, query.text, bound)}
    text = inline(query.text, bound)
    if text is None:
        return None
    try:
        ox.Store().query(text)  # a literal where the grammar wants a variable or an IRI
    except SyntaxError:
        return None
    return text


def endpoint_text(query: Query, bound: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """What a bound query sends to an endpoint: the parameters written into the text where
    inline.py can (a store plans its joins from constants, not from a VALUES clause: seconds
    against milliseconds at national scale), else a VALUES clause first in the WHERE group."""
    from .inline import inline

    text = inline(query.text, bound) if bound and query.inline else None
    return text if text is not None else with_values(query.text, bound)


def execute(target, query: Query, bound: dict[str, ox.NamedNode | ox.Literal]):
    """Run a bound query: pyoxigraph QuerySolutions, QueryTriples or QueryBoolean, from either target.

    The embedded store writes the parameters into the text where it can
    (inline.py: Oxigraph then starts its joins from them), else binds with
    substitutions= (every catalogued SELECT: the catalogue checks each parameter
    is projected), else, like an endpoint, with a VALUES clause first in the
    WHERE group (with_values).
    """
    check_syntax(query)
    where = _target(target)
    if isinstance(where, Endpoint):
        text = endpoint_text(query, bound)
        if query.form in ("CONSTRUCT", "DESCRIBE"):
            data = where.post(text, "application/n-triples")
            return [t.triple if isinstance(t, ox.Quad) else t
                    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        if query.form == "ASK":
            data = where.post(text, "application/sparql-results+json")
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        data = where.post(text, "application/sparql-results+json")
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    try:
        inlined = _inlined(where, query, bound)
        if inlined is not None:
            return where.query(inlined)
        if _substitutable(query, bound):
            return where.query(query.text, substitutions={ox.Variable(k): v for k, v in bound.items()})
        return where.query(with_values(query.text, bound))
    except SyntaxError as exc:  # pragma: no cover - check_syntax has seen it
        raise QueryError(syntax_message(query, str(exc))) from None
    except OSError as exc:
        raise QueryError(f"{query.name}: the store could not be read: {exc}.") from None


def run(target, name_or_text: str | Query, **params):
    """Run a named query, a .rq file or query text on a store or an endpoint.

    `target` is a store (safeguarding_kg.store.SkgStore or a pyoxigraph.Store), a
    store's path, or a SPARQL endpoint URL. Returns Rows for SELECT (without the
    columns of the catalogued query's parameters: they are its input), Triples for
    CONSTRUCT and DESCRIBE, a bool for ASK.
    """
    query = name_or_text if isinstance(name_or_text, Query) else find(name_or_text)
    result = wrap(execute(target, query, bindings(query, params)))
    if isinstance(result, Rows) and query.params:
        result = result.without({p.name for p in query.params})
    return result


def wrap(result):
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return Rows(names, [tuple(solution[n] for n in names) for solution in result])
    return Triples([t for t in result])


# -- results ------------------------------------------------------------------------------------------


def python_value(term):
    """A term as a plain value: numbers as int/float, booleans as bool, the rest as text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        try:
            if datatype in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger",
                            XSD + "positiveInteger"):
                return int(term.value)
            if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


@dataclass
class Rows:
    """The answer to a SELECT: variable names and rows of pyoxigraph terms (None when unbound)."""

    variables: list[str]
    rows: list[tuple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict]:
        """Each row as {variable: plain value}."""
        for row in self.rows:
            yield {name: python_value(term) for name, term in zip(self.variables, row)}

    def without(self, names: set[str]) -> "Rows":
        keep = [i for i, name in enumerate(self.variables) if name not in names]
        return Rows([self.variables[i] for i in keep], [tuple(row[i] for i in keep) for row in self.rows])

    def to_dicts(self) -> list[dict]:
        return list(self)

    def column(self, name: str) -> list:
        return [row[name] for row in self]

    def to_pandas(self):
        """A pandas DataFrame (pandas is not a dependency: install it to use this)."""
        try:
            import pandas
        except ImportError:
            raise QueryError("to_pandas() needs pandas: pip install pandas.") from None
        return pandas.DataFrame(self.to_dicts(), columns=self.variables)

    def srj(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        bindings_ = [{n: _term_json(t) for n, t in zip(self.variables, row) if t is not None}
                     for row in self.rows]
        return json.dumps({"head": {"vars": self.variables}, "results": {"bindings": bindings_}},
                          ensure_ascii=False)

    def serialize(self, fmt: str) -> str:
        """table, json (plain rows), srj, srx, csv or tsv."""
        if fmt == "table":
            return table(self)
        if fmt == "json":
            return json.dumps(self.to_dicts(), indent=2, ensure_ascii=False)
        if fmt == "srj":
            return self.srj()
        formats = {"srx": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
                   "tsv": ox.QueryResultsFormat.TSV}
        if fmt not in formats:
            raise QueryError(f"a SELECT query's answer cannot be written as {fmt}; "
                             "use table, csv, tsv, json, srj or srx.")
        solutions = ox.parse_query_results(self.srj().encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        return solutions.serialize(format=formats[fmt]).decode("utf-8")


@dataclass
class Triples:
    """The answer to a CONSTRUCT or DESCRIBE: RDF triples."""

    triples: list

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self):
        return iter(self.triples)

    def serialize(self, fmt: str = "ttl") -> str:
        from .vocab import PREFIXES

        if fmt in ("ttl", "table"):
            return ox.serialize(sorted(self.triples, key=str), format=ox.RdfFormat.TURTLE,
                                prefixes=PREFIXES).decode("utf-8")
        if fmt == "json":  # JSON-LD, through rdflib
            return self.to_rdflib().serialize(format="json-ld", indent=2)
        raise QueryError(f"a CONSTRUCT or DESCRIBE query's answer is RDF: use --format ttl or json, not {fmt}.")

    def to_rdflib(self):
        from rdflib import Graph

        from .vocab import bind_prefixes

        nt = ox.serialize(sorted(self.triples, key=str), format=ox.RdfFormat.N_TRIPLES)
        return bind_prefixes(Graph()).parse(data=nt.decode("utf-8"), format="nt")


def _short(term, width: int = 80) -> str:
    from .vocab import PREFIXES

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = term.value
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(namespace) and "/" not in text[len(namespace):]:
                text = f"{prefix}:{text[len(namespace):]}"
                break
    else:
        text = str(python_value(term))
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def table(rows: Rows) -> str:
    """Aligned columns for people; long values cut with an ellipsis."""
    cells = [[_short(term) for term in row] for row in rows.rows]
    widths = [max([len(name)] + [len(r[i]) for r in cells]) for i, name in enumerate(rows.variables)]

    def line(values):
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(rows.variables), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
