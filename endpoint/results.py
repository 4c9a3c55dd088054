"""SELECT results written in the four SPARQL results formats from the rows already taken.

pyoxigraph writes results only straight from a query's iterator, so a result could not be
checked against MAX_ROWS before being written (nor written without evaluating the query twice).
These writers follow the W3C documents: JSON https://www.w3.org/TR/sparql11-results-json/,
XML https://www.w3.org/TR/rdf-sparql-XMLres/, CSV and TSV https://www.w3.org/TR/sparql11-results-csv-tsv/.
"""
import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, QuerySolution, Triple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def write_solutions(variables: Sequence[str], rows: Sequence[QuerySolution], results_format: QueryResultsFormat) -> bytes:
    writer = {QueryResultsFormat.JSON: _json, QueryResultsFormat.XML: _xml,
              QueryResultsFormat.CSV: _csv, QueryResultsFormat.TSV: _tsv}[results_format]
    return writer(variables, rows).encode("utf-8")


def _bound(row: QuerySolution, variables: Sequence[str]):
    for variable in variables:
        term = row[variable]
        if term is not None:
            yield variable, term


def _json(variables, rows) -> str:
    bindings = [{variable: _json_term(term) for variable, term in _bound(row, variables)} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":"))


def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        if term.datatype.value != XSD_STRING:
            return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
        return {"type": "literal", "value": term.value}
    return {"type": "triple", "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _xml(variables, rows) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(variable)}/>" for variable in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(variable)}>{_xml_term(term)}</binding>" for variable, term in _bound(row, variables)]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out)


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>")


def _csv(variables, rows) -> str:
    """Values only (the format loses term types); CRLF line ends, RFC 4180 quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if row[variable] is None else _csv_value(row[variable]) for variable in variables])
    return out.getvalue()


def _csv_value(term) -> str:
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return str(term)
    return term.value


def _tsv(variables, rows) -> str:
    """Terms in Turtle syntax (pyoxigraph's str() of a term, which escapes tabs and line ends)."""
    lines = ["\t".join(f"?{variable}" for variable in variables)]
    lines += ["\t".join("" if row[variable] is None else str(row[variable]) for variable in variables) for row in rows]
    return "\n".join(lines) + "\n"
