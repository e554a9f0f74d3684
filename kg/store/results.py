"""Query results and RDF terms: pyoxigraph terms to rdflib terms and Python values, and the
`QueryResult` every store returns, with the W3C SPARQL 1.1 results formats (JSON, CSV, TSV, XML)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_XSD = str(XSD)
_INTS = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_XSD_STRING = _XSD + "string"


# -- terms ------------------------------------------------------------------------------------
def to_ox(term: Any) -> OxTerm:
    """An rdflib term, pyoxigraph term or plain Python value as a pyoxigraph term.

    Python str becomes a plain literal; pass an `rdflib.URIRef` (or `ox.NamedNode`) for an IRI.
    """
    if type(term) is rdflib.URIRef:  # most terms of a graph: the exact type is the quickest test
        return ox.NamedNode(term)
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool | int | float | str):
        return ox.Literal(term)
    if isinstance(term, dt.datetime):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))
    if isinstance(term, dt.date):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    raise TypeError(f"cannot use {term!r} ({type(term).__name__}) as an RDF term")


def to_rdflib(term: OxTerm | ox.DefaultGraph | None) -> rdflib.term.Node | None:
    """A pyoxigraph term as the equal rdflib term (xsd:string literals become plain literals)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported RDF term {term!r}")


def to_python(term: OxTerm | None) -> Any:
    """The Python value of a result term: IRIs as str, typed literals as int/float/bool/date."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    dtype = term.datatype.value if term.datatype else ""
    v = term.value
    try:
        if dtype in _INTS:
            return int(v)
        if dtype in _FLOATS:
            return float(v)
        if dtype == _XSD + "boolean":
            return v in ("true", "1")
        if dtype == _XSD + "date":
            return dt.date.fromisoformat(v)
        if dtype == _XSD + "dateTime":
            return dt.datetime.fromisoformat(v)
    except ValueError:
        pass  # an ill-typed literal keeps its lexical form rather than failing the whole result
    return v


def to_quad(q: Any) -> ox.Quad:
    """A (s, p, o, g) tuple of rdflib/pyoxigraph terms, or an `ox.Quad`, as an `ox.Quad`."""
    if isinstance(q, ox.Quad):
        return q
    s, p, o, g = q
    graph = ox.DefaultGraph() if g is None else to_ox(getattr(g, "identifier", g))
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


def _nt(term: OxTerm) -> str:
    """N-Triples syntax of a term (pyoxigraph escapes it), valid in SPARQL."""
    return str(term)


# -- results ----------------------------------------------------------------------------------
class QueryResult:
    """A SELECT, ASK or CONSTRUCT result: Python values for code, RDF terms for serialisers."""

    def __init__(
        self,
        columns: Sequence[str] = (),
        terms: Sequence[Sequence[OxTerm | None]] = (),
        *,
        boolean: bool | None = None,
        graph: rdflib.Graph | None = None,
        truncated: bool = False,
        truncated_by: str = "",
        query: str = "",
    ) -> None:
        self.columns = list(columns)
        self.terms = [tuple(r) for r in terms]
        self.rows = [tuple(to_python(t) for t in r) for r in self.terms]
        self.boolean = boolean
        self.graph = graph
        self.truncated = truncated or bool(truncated_by)  # True when a cap cut the result short
        # which cap: "rows" (the row limit) or "bytes" (the size cap of kg.store.pool / the endpoint)
        self.truncated_by = truncated_by or ("rows" if truncated else "")
        self.query = query

    @property
    def kind(self) -> str:
        """ "select", "ask" or "graph" (CONSTRUCT / DESCRIBE)."""
        if self.boolean is not None:
            return "ask"
        return "graph" if self.graph is not None else "select"

    def __len__(self) -> int:
        return len(self.graph) if self.graph is not None else len(self.rows)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.boolean is not None else len(self) > 0

    def __repr__(self) -> str:
        if self.kind == "ask":
            return f"<QueryResult ask {self.boolean}>"
        return f"<QueryResult {self.kind} {len(self)} rows columns={self.columns}>"

    def column(self, name: str) -> list[Any]:
        """The Python values of one column."""
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts, column name -> value."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def to_dataframe(self):  # -> pandas.DataFrame (imported lazily: pandas is slow to import)
        """The rows as a pandas DataFrame with the result's columns (ASK: one column 'boolean')."""
        import pandas as pd

        if self.kind == "ask":
            return pd.DataFrame({"boolean": [self.boolean]})
        if self.kind == "graph":
            return pd.DataFrame(
                [(str(s), str(p), str(o)) for s, p, o in self.graph],
                columns=["subject", "predicate", "object"],
            )
        return pd.DataFrame(self.rows, columns=self.columns)

    def to_sparql_json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = []
        for row in self.terms:
            b = {}
            for name, t in zip(self.columns, row, strict=True):
                if t is None:
                    continue
                if isinstance(t, ox.NamedNode):
                    b[name] = {"type": "uri", "value": t.value}
                elif isinstance(t, ox.BlankNode):
                    b[name] = {"type": "bnode", "value": t.value}
                else:
                    d: dict[str, str] = {"type": "literal", "value": t.value}
                    if t.language:
                        d["xml:lang"] = t.language
                    elif t.datatype.value != _XSD_STRING:
                        d["datatype"] = t.datatype.value
                    b[name] = d
            bindings.append(b)
        return json.dumps(
            {"head": {"vars": self.columns}, "results": {"bindings": bindings}}, ensure_ascii=False
        )

    def to_sparql_csv(self) -> str:
        """W3C SPARQL 1.1 Query Results CSV (values only, CRLF line ends)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        w.writerow(self.columns)
        for row in self.terms:
            w.writerow(
                [
                    "" if t is None else ("_:" + t.value if isinstance(t, ox.BlankNode) else t.value)
                    for t in row
                ]
            )
        return buf.getvalue()

    def to_sparql_tsv(self) -> str:
        """W3C SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
        if self.kind == "ask":
            return "?boolean\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join("?" + c for c in self.columns)]
        for row in self.terms:
            lines.append("\t".join("" if t is None else _nt(t) for t in row))
        return "\n".join(lines) + "\n"

    def to_sparql_xml(self) -> str:
        """W3C SPARQL Query Results XML."""
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        if self.kind == "ask":
            out.append(f"<head/><boolean>{'true' if self.boolean else 'false'}</boolean></sparql>")
            return "".join(out)
        out.append(
            "<head>"
            + "".join(f'<variable name="{xml_escape(c)}"/>' for c in self.columns)
            + "</head><results>"
        )
        for row in self.terms:
            out.append("<result>")
            for name, t in zip(self.columns, row, strict=True):
                if t is None:
                    continue
                if isinstance(t, ox.NamedNode):
                    v = f"<uri>{xml_escape(t.value)}</uri>"
                elif isinstance(t, ox.BlankNode):
                    v = f"<bnode>{xml_escape(t.value)}</bnode>"
                elif t.language:
                    v = f'<literal xml:lang="{xml_escape(t.language)}">{xml_escape(t.value)}</literal>'
                else:
                    v = f'<literal datatype="{xml_escape(t.datatype.value)}">{xml_escape(t.value)}</literal>'
                out.append(f'<binding name="{xml_escape(name)}">{v}</binding>')
            out.append("</result>")
        out.append("</results></sparql>")
        return "".join(out)
