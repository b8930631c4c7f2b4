"""Export the checked fact base: JSON, JSON Lines, CSV, Graphviz DOT, GraphML, W3C Web Annotations.
No Textual here.

Card text is untrusted: every format escapes it by that format's own rules, so a name holding
quotes, backslashes, newlines, `<`, `&` or control characters can never break the file's syntax.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

from explorer.core.safetext import json_text, visible, xml_char_refs
from explorer.core.loading.loader import FactBase

FORMATS = ("json", "csv", "dot", "graphml", "jsonl", "w3c")


def export(base: FactBase, fmt: str, *, ensure_ascii: bool = False) -> str:
    """The fact base in format `fmt` (one of FORMATS), as text ending in a newline."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}") from None
    return writer(base, ensure_ascii=ensure_ascii)


# --- JSON and JSON Lines ------------------------------------------------------------------------


def to_json(base: FactBase, *, ensure_ascii: bool = False) -> str:
    """The public JSON contract (see README): `FactBase.to_json()` with each relation's normalised
    `dates`, indented by two spaces."""
    return json_text(with_dates(base), ensure_ascii=ensure_ascii) + "\n"


def with_dates(base: FactBase) -> dict:
    """`base.to_json()`, each relation with `dates`: its date expressions read against the
    publication date of its source (explorer.core.timeline), read or unread."""
    from explorer.core.timeline import relation_dates

    data = base.to_json()
    for item, rel in zip(data["relations"], base.relations.values()):
        item["dates"] = [d.to_json() for d in relation_dates(base, rel)]
    return data


def to_jsonl(base: FactBase, *, ensure_ascii: bool = False) -> str:
    """JSON Lines: one object per line, each with a `kind`: source, entity, relation or problem.

    The fields are those of the JSON export's items; sources first, then entities, relations and
    problems, in the JSON export's order.
    """
    data = with_dates(base)
    lines = []
    for kind, key in (("source", "sources"), ("entity", "entities"), ("relation", "relations"), ("problem", "problems")):
        for item in data[key]:
            # (the characters some line splitters take for line ends, U+0085, U+2028 and U+2029,
            # are escaped with every other invisible one: one record per line whatever reads it)
            lines.append(json_text({"kind": kind, **item}, indent=None, ensure_ascii=ensure_ascii, separators=(",", ":")))
    return "".join(line + "\n" for line in lines)


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "relation_id", "subject_id", "subject_name", "predicate", "object_id", "object_name", "certainty",
    "attribution", "qualifiers", "quote", "source", "start", "end", "file", "source_count",
)


def qualifiers_text(qualifiers: dict[str, str]) -> str:
    """Qualifiers as `key=value` joined by `; `."""
    return "; ".join(f"{k}={v}" for k, v in qualifiers.items())


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...,
# @SUM(...), or after a tab or carriage return): card text is untrusted, so such a cell gets a
# leading apostrophe, as OWASP advises for CSV meant for spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """`cell`, with an apostrophe in front if a spreadsheet would read it as a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


class _SafeWriter:
    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def to_csv(base: FactBase, **_) -> str:
    """CSV (RFC 4180, with a header row): one row per evidence item of each relation, so a relation
    with two quotes has two rows that share the relation's columns. `start`/`end` are the quote's
    offsets in the source text, as in the JSON export. A text cell a spreadsheet would run as a
    formula starts with an apostrophe (the JSON export has the exact text)."""
    out = io.StringIO()
    writer = _SafeWriter(out)
    writer.writerow(CSV_COLUMNS)
    for rel in base.relations.values():
        head = [
            rel.id, rel.subject, base.entity_name(rel.subject), rel.predicate, rel.object,
            base.entity_name(rel.object), rel.certainty, rel.attribution or "", qualifiers_text(rel.qualifiers),
        ]
        anchored = [ev for ev in rel.evidence if ev.anchor is not None]
        count = len(rel.backing_sources)
        for ev in anchored:
            writer.writerow([*head, ev.quote, ev.anchor.source, ev.anchor.start, ev.anchor.end, rel.file, count])
        if not anchored:  # pragma: no cover - a valid relation has at least one anchored quote
            writer.writerow([*head, "", "", "", "", rel.file, 0])
    return out.getvalue()


# --- Graphviz DOT -------------------------------------------------------------------------------

EDGE_STYLES = {"stated": "solid", "reported": "dashed", "hedged": "dotted", "opinion": "bold"}
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # Graphviz reads &name; and &#N; in labels


def dot_quote(text: str, *, label: bool = False) -> str:
    """`text` as a DOT double-quoted string.

    Control, bidi and invisible characters become visible markers; backslashes and double quotes
    are escaped, and line breaks become `\\n`, so the string always ends at its closing quote. In
    a label, `&` is written `&amp;` where Graphviz would otherwise read an HTML entity.
    """
    text = visible(text, keep_newlines=True)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if label:
        text = _ENTITY_LIKE.sub("&amp;", text)
    return f'"{text}"'


def to_dot(base: FactBase, **_) -> str:
    """A Graphviz digraph: entities are nodes labelled "name\\n(type)", relations are edges
    labelled by their predicate; the line style gives the certainty."""
    legend = ", ".join(f"{c} {s}" for c, s in EDGE_STYLES.items())
    lines = [
        f"// factex: {len(base.entities)} entities, {len(base.relations)} relations.",
        f"// Edge style by certainty: {legend}.",
        "digraph factex {",
        "  graph [rankdir=LR];",
        "  node [shape=box, style=rounded];",
    ]
    for e in base.entities.values():
        label = f"{e.name}\n({e.type})"
        tooltip = e.description or e.name
        lines.append(f"  {dot_quote(e.id)} [label={dot_quote(label, label=True)}, tooltip={dot_quote(tooltip, label=True)}];")
    for r in base.relations.values():
        style = EDGE_STYLES.get(r.certainty, "solid")
        n = len(r.backing_sources)
        tooltip = (base.sentence(r) + (f" (per {base.entity_name(r.attribution)})" if r.attribution else "")
                   + f" [{n} source{'s' if n != 1 else ''}]")
        lines.append(f"  {dot_quote(r.subject)} -> {dot_quote(r.object)} [id={dot_quote(r.id)}, "
                     f"label={dot_quote(r.predicate, label=True)}, style={style}, tooltip={dot_quote(tooltip, label=True)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- GraphML ------------------------------------------------------------------------------------

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

# (key id, for, attr.name): `label` is what Gephi shows; `name`, `predicate`, ... are the data.
NODE_KEYS = (("n_label", "label"), ("n_name", "name"), ("n_type", "type"), ("n_aliases", "aliases"),
             ("n_description", "description"), ("n_file", "file"), ("n_sources", "sources"))
EDGE_KEYS = (("e_label", "label"), ("e_predicate", "predicate"), ("e_certainty", "certainty"),
             ("e_attribution", "attribution"), ("e_qualifiers", "qualifiers"), ("e_file", "file"),
             ("e_sources", "sources"), ("e_source_count", "source_count"))

# Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NMTOKEN = re.compile(r"[\w.:-]+")


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub(lambda m: visible(m.group()) if m.group() < "\x20" else "\ufffd", text)


def to_graphml(base: FactBase, **_) -> str:
    """GraphML (directed), readable by Gephi, yEd, Cytoscape and networkx: entities are nodes with
    name, type, aliases (joined by `; `), description and file; relations are edges with predicate,
    certainty, attribution (an entity id), qualifiers (`key=value; ...`) and file. Node ids are the
    entity ids (when an id is not an XML name token, a stand-in `nN` is used; `name` still holds
    the name)."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": _XSI, "xsi:schemaLocation": _SCHEMA_LOCATION})
    for keys, scope in ((NODE_KEYS, "node"), (EDGE_KEYS, "edge")):
        for key_id, name in keys:
            ET.SubElement(root, "key", {"id": key_id, "for": scope, "attr.name": name, "attr.type": "string"})
    graph = ET.SubElement(root, "graph", {"id": "factex", "edgedefault": "directed"})

    node_ids: dict[str, str] = {}
    used = {e.id for e in base.entities.values() if _NMTOKEN.fullmatch(e.id)}
    n = 0
    for e in base.entities.values():
        if _NMTOKEN.fullmatch(e.id):
            node_ids[e.id] = e.id
            continue
        while f"n{n}" in used:
            n += 1
        node_ids[e.id] = f"n{n}"
        used.add(f"n{n}")

    def data(parent, key: str, value: str | None) -> None:
        if value:
            ET.SubElement(parent, "data", {"key": key}).text = _xml_text(value)

    for e in base.entities.values():
        node = ET.SubElement(graph, "node", {"id": node_ids[e.id]})
        for key, value in (("n_label", e.name), ("n_name", e.name), ("n_type", e.type),
                           ("n_aliases", "; ".join(e.aliases)), ("n_description", e.description), ("n_file", e.file),
                           ("n_sources", "; ".join(e.backing_sources))):
            data(node, key, value)
    for r in base.relations.values():
        attrs = {"source": node_ids[r.subject], "target": node_ids[r.object]}
        if _NMTOKEN.fullmatch(r.id):
            attrs = {"id": r.id, **attrs}
        edge = ET.SubElement(graph, "edge", attrs)
        for key, value in (("e_label", r.predicate), ("e_predicate", r.predicate), ("e_certainty", r.certainty),
                           ("e_attribution", r.attribution), ("e_qualifiers", qualifiers_text(r.qualifiers)),
                           ("e_file", r.file), ("e_sources", "; ".join(r.backing_sources)),
                           ("e_source_count", str(len(r.backing_sources)))):
            data(edge, key, value)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    # A raw carriage return would be read back as a line feed (XML end-of-line handling); the C1
    # controls, DEL, bidi, zero-width, tag, private-use and separator characters are written as
    # character references (read back the same, never raw on a terminal or in a pager).
    body = body.replace("\r", "&#13;")
    if not body.isascii() or "\x7f" in body:
        body = xml_char_refs(body)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def to_w3c(base: FactBase, *, ensure_ascii: bool = False) -> str:
    """W3C Web Annotations (JSON-LD), one per evidence item: see `explorer.core.w3c`."""
    from explorer.core.w3c import to_w3c as write

    return write(base, ensure_ascii=ensure_ascii)


_WRITERS = {"json": to_json, "jsonl": to_jsonl, "csv": to_csv, "dot": to_dot, "graphml": to_graphml, "w3c": to_w3c}
