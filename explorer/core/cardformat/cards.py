"""Card definitions and validation: from a parsed YAML document to an Entity or a Relation.

The field tables here are the single definition of the card format: the loader validates against
them and `explorer.core.cardformat.schema` derives the JSON Schema from them, so the two cannot drift.
"""

from __future__ import annotations

import re
from sys import intern
from typing import TYPE_CHECKING

from explorer.core.regexes import compiled
from explorer.core.model import CERTAINTIES, DEFAULT_CERTAINTY, Entity, Evidence, Problem, Relation
from explorer.core.cardformat.fields import DATE_RE, KEY_RE, LANGUAGE_RE, URL_RE, WORD_RE, FieldSpec
from explorer.core.safetext import clip, quoted
from explorer.core.cardformat.yamlsafe import BLOCK_KEY

if TYPE_CHECKING:
    from explorer.core.cardformat.yamlsafe import Document


KINDS = ("entity", "relation")
_KIND_OF = {word: word for word in KINDS}  # (the one string object of each)
_CERTAINTY_OF = {word: word for word in CERTAINTIES}
_SOURCE_HELP = ("The source every quote of this card comes from (a file name in seeds/ without extension), "
                "unless a quote gives its own `source:`.")

ENTITY_FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("kind", "kind", True, "What the card is: `entity`."),
        FieldSpec("name", "text", True, "The name the explorer shows."),
        FieldSpec("type", "word", True, "A short lowercase word: person, organization, country, place, vehicle, weapon, event, ..."),
        FieldSpec("aliases", "texts", False, "Other names the article uses for it."),
        FieldSpec("description", "text", False, "One or two sentences."),
        FieldSpec("same_as", "id", False, "An outside id of the same real thing: a Wikidata id (Q423) or a URL."),
        FieldSpec("source", "id", False, _SOURCE_HELP),
        FieldSpec("evidence", "evidence", True, "Quotes where the article names or describes it (at least one)."),
    )
}

RELATION_FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("kind", "kind", True, "What the card is: `relation`."),
        FieldSpec("subject", "id", True, "The entity id the sentence starts with."),
        FieldSpec("predicate", "text", True, "A short verb phrase, read as 'subject predicate object'."),
        FieldSpec("object", "id", True, "The entity id the sentence ends with."),
        FieldSpec("qualifiers", "qualifiers", False, "Short keys to text values (date, place, amount, ...); a value that is an entity id links to it."),
        FieldSpec("certainty", "certainty", False, f"How the article holds it: {DEFAULT_CERTAINTY} (default), "
                  f"{', '.join(CERTAINTIES[1:-1])} or {CERTAINTIES[-1]}."),
        FieldSpec("attribution", "id", False, "The entity id of who says so."),
        FieldSpec("source", "id", False, _SOURCE_HELP),
        FieldSpec("evidence", "evidence", True, "Quotes that back the relation (at least one)."),
    )
}

EVIDENCE_FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("quote", "text", True, "Text from the source, verbatim except for typography."),
        FieldSpec("source", "id", False, "The source id (file name in seeds/ without extension); needed only when the quote is in several sources."),
        FieldSpec("note", "text", False, "A note on this quote."),
        FieldSpec("prefix", "text", False, "Text just before the quote, to pick one occurrence."),
        FieldSpec("suffix", "text", False, "Text just after the quote, to pick one occurrence."),
        FieldSpec("occurrence", "count", False, "Which occurrence of the quote is meant (1 = first)."),
    )
}

FIELDS_BY_KIND = {"entity": ENTITY_FIELDS, "relation": RELATION_FIELDS}
REQUIRED_BY_KIND = {kind: [f.name for f in fields.values() if f.required] for kind, fields in FIELDS_BY_KIND.items()}

# Words that name a relation's circumstance, written on the card instead of under `qualifiers:`.
QUALIFIER_WORDS = frozenset({
    "date", "since", "until", "from_date", "to_date", "when", "time", "year", "month", "day", "period",
    "place", "where", "location", "city", "country", "amount", "value", "price", "cost", "sum", "role",
    "title", "position", "disclosed", "announced", "reported", "start", "end", "started", "ended", "duration",
})

# Common near-misses that string similarity alone would not suggest.
SYNONYMS = {
    "alias": "aliases", "aka": "aliases", "names": "aliases", "quote": "evidence", "quotes": "evidence",
    "evidences": "evidence", "desc": "description", "title": "name", "label": "name", "verb": "predicate",
    "relation": "predicate", "from": "subject", "to": "object", "target": "object", "sameas": "same_as",
    "wikidata": "same_as", "same-as": "same_as", "sources": "source",
    "by": "attribution", "according_to": "attribution", "according": "attribution", "said_by": "attribution",
    "saidby": "attribution", "said": "attribution", "speaker": "attribution", "attributed_to": "attribution",
    "reported_by": "attribution", "claimed_by": "attribution", "who": "attribution", "voice": "attribution",
    "confidence": "certainty", "reliability": "certainty", "qualifier": "qualifiers",
    "text": "quote", "nth": "occurrence", "index": "occurrence", "comment": "note", "notes": "note",
}



def suggest(word: str, choices) -> str | None:
    """The choice `word` most likely meant, or None."""
    choices = list(choices)
    lower = word.lower()
    if lower in choices and lower != word:
        return lower
    syn = SYNONYMS.get(lower)
    if syn in choices:
        return syn
    import difflib  # (only for a mistake: a first start's load never needs it)

    match = difflib.get_close_matches(lower, choices, n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices) -> str:
    s = suggest(word, choices)
    return f"; did you mean {quoted(s)}?" if s else ""


MAX_ISSUES = 100  # problems listed per card; the rest are counted in one last problem


_NAME_WORDS = compiled(r"[^\W_]+")


def _name_key(text: str) -> tuple[str, ...]:
    from explorer.core.text import fold

    return tuple(_NAME_WORDS.findall(fold(text).casefold()))


class EntityNames:
    """Entity ids by their names and aliases, to say which entity an unknown id meant
    (`putin` -> vladimir-putin). `factex check` and `factex new` both ask `guess()`."""

    def __init__(self, entities) -> None:
        """`entities`: (id, name, aliases, weight) for each entity; weight ranks ties (more is
        more prominent: the number of quotes, say)."""
        self.ids: list[str] = []
        self.exact: dict[tuple[str, ...], str] = {}
        self.by_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.weight: dict[str, int] = {}
        for entity_id, name, aliases, weight in entities:
            self.ids.append(entity_id)
            self.weight[entity_id] = weight
            for text in (name, *aliases):
                key = _name_key(text)
                if not key:
                    continue
                self.exact.setdefault(key, entity_id)
                for word in set(key):
                    self.by_word.setdefault(word, []).append((key, entity_id))

    def guess(self, value: str, limit: int = 3) -> list[str]:
        """Ids `value` may have meant, best first: a name or alias written out ("Vladimir
        Putin"), an id's words ("putin"'s entities by name), then ids spelled alike."""
        key = _name_key(value) or _name_key(value.replace("-", " "))
        if not key:
            return []
        slug = "-".join(key)
        if key in self.exact:
            return [self.exact[key]]
        if slug in self.weight:
            return [slug]
        # every word of the value is a word of a name or alias: "putin", "kim jong"
        found: dict[str, int] = {}
        for name_key, entity_id in self.by_word.get(key[0], ()):
            if all(w in name_key for w in key):
                found[entity_id] = min(found.get(entity_id, 99), len(name_key))
        if found:
            ranked = sorted(found, key=lambda i: (-self.weight.get(i, 0), found[i], i))
            return ranked[:limit]
        near = suggest(slug, self.ids)
        return [near] if near else []

    def did_you_mean(self, value: str) -> str:
        ids = self.guess(value)
        if not ids:
            return ""
        if len(ids) == 1:
            return f"; did you mean {quoted(ids[0])}?"
        return "; did you mean " + ", ".join(quoted(i) for i in ids[:-1]) + f" or {quoted(ids[-1])}?"


class Issues:
    """Collects the `Problem`s of one card, each at the position of the value (or key) it is
    about; the loader places them in the card's file (`Problem.at`).

    At most `MAX_ISSUES` are kept (a card of 100,000 unknown keys must not cost 100,000
    suggestions); callers that build an expensive message check `full` first and `skip()`.
    `finish()` adds one problem counting those left out."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.items: list[Problem] = []
        self.skipped = 0
        self.skipped_errors = 0
        self.unchecked = 0  # quotes not looked for: the card already had MAX_ISSUES problems, errors among them

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_ISSUES

    def skip(self, severity: str = "error") -> None:
        self.skipped += 1
        if severity == "error":
            self.skipped_errors += 1

    def _add(self, severity: str, path, message: str, key: bool) -> None:
        line, column = self.doc.pos(path, key=key)
        self.items.append(Problem.in_text(line, column, message, severity))

    def error(self, path, message: str, *, key: bool = False):
        if self.full:
            return self.skip("error")
        self._add("error", path, message, key)

    def warning(self, path, message: str, *, key: bool = False):
        if self.full:
            return self.skip("warning")
        self._add("warning", path, message, key)

    def note(self, path, message: str, *, key: bool = False):
        """Not a problem of this card's own: it is held back by another card's (see FactBase.held_back)."""
        self._add("note", path, message, key)

    def finish(self) -> None:
        """Count what was left out, as one problem at the end."""
        if self.skipped or self.unchecked:
            severity = "error" if self.skipped_errors or self.unchecked else "warning"
            line = max((item.line for item in self.items), default=1)
            said = []
            if self.skipped:
                said.append(f"and {self.skipped:,} more problem{'s' if self.skipped != 1 else ''} "
                            f"in this card (the first {MAX_ISSUES} are listed)")
            if self.unchecked:
                said.append(f"{'and ' if not said else ''}{self.unchecked:,} more quote{'s' if self.unchecked != 1 else ''} "
                            f"not looked for (the card already has {MAX_ISSUES} problems)")
            self.items.append(Problem.in_text(line, 1, "; ".join(said), severity))
            self.skipped = self.skipped_errors = self.unchecked = 0


def quoted_yaml(value: str) -> str:
    """`value` in YAML's single quotes (a ' inside doubled), shortened in its middle past 60 characters."""
    out = "'" + value.replace("'", "''") + "'"
    return out if len(out) <= 60 else clip(out, 57)


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def validate_card(card_id: str, file: str, doc: Document, issues: Issues) -> Entity | Relation | None:
    """Turn a parsed document into a card, reporting every problem found (each with where it is).
    None if unusable."""
    data = doc.data
    if not isinstance(data, dict):
        what = "a line of text" if isinstance(data, str) else _describe(data)
        issues.error((), f"a card must be a mapping of fields (kind, name, ...), not {what}")
        return None
    kind = data.get("kind")
    if "kind" not in data:
        guess = "relation" if {"subject", "object", "predicate"} & data.keys() else "entity" if "name" in data else None
        hint = f": this looks like a relation, add `kind: relation`" if guess == "relation" else (
            f": this looks like an entity, add `kind: entity`" if guess == "entity" else ": add `kind: entity` or `kind: relation`")
        issues.error((), "card has no `kind`" + hint)
        return None
    if kind not in KINDS:
        issues.error(("kind",), f"`kind` must be entity or relation, not {quoted(kind)}" + did_you_mean(str(kind), KINDS)
                     if isinstance(kind, str) else "`kind` must be entity or relation")
        return None
    fields = FIELDS_BY_KIND[kind]
    values: dict[str, object] = {}
    for key, value in data.items():
        spec = fields.get(key)
        if spec is None:
            if issues.full:
                issues.skip()
                continue
            other = [k for k, specs in FIELDS_BY_KIND.items() if k != kind and key in specs]
            extra = f" (it belongs on {other[0]} cards)" if other else ""
            if kind == "relation" and not other and str(key).lower() in QUALIFIER_WORDS:
                # `date: 2024-03-01` on the card: a qualifier ("date" is not "predicate")
                hint = f"; a {quoted(key)} goes under `qualifiers:` ({key}: ... indented below it)"
            else:
                hint = did_you_mean(key, fields)
            issues.error((key,), f"unknown field {quoted(key)} on a{'n' if kind == 'entity' else ''} {kind} card{extra}"
                         + hint, key=True)
            continue
        checked = _quick(spec.type, value)
        values[key] = checked if checked is not None else check_value(spec, value, (key,), issues, doc)
    for name in REQUIRED_BY_KIND[kind]:
        if name not in data:  # (present but empty is reported by its check)
            if any(isinstance(k, str) and suggest(k, fields) == name for k in data):
                continue  # (`Name:` or `evidences:`: its unknown-field problem already says to write it as `name`)
            spec = fields[name]
            issues.error((), f"{kind} card is missing `{name}` ({spec.help[0].lower() + spec.help[1:]})")
    card = _make_card(kind, card_id, file, doc.line, values)
    if kind == "entity":
        return card
    relation = card
    if relation.certainty == "reported" and not relation.attribution and "certainty" in data:
        issues.warning(("certainty",), "a reported fact should say who reports it: add `attribution`")
    return relation


def _make_card(kind: str, card_id: str, file: str, line: int, values: dict) -> Entity | Relation:
    evidence = values.get("evidence") or []
    if kind == "entity":
        return Entity(
            id=card_id, file=file, evidence=evidence, line=line,
            name=values.get("name") or "", type=values.get("type") or "",
            aliases=values.get("aliases") or [], description=values.get("description"),
            same_as=values.get("same_as"), source=values.get("source"),
        )
    return Relation(
        id=card_id, file=file, evidence=evidence, line=line,
        subject=values.get("subject") or "", predicate=_short(values.get("predicate") or ""),
        object=values.get("object") or "", qualifiers=values.get("qualifiers") or {},
        certainty=values.get("certainty") or DEFAULT_CERTAINTY, attribution=values.get("attribution"),
        source=values.get("source"),
    )


def _short(text: str) -> str:
    """A short text kept once however many cards hold it (a predicate: "met", "said")."""
    return intern(text) if len(text) <= 40 else text


_ITEM_PATHS: dict[tuple, tuple] = {}


def _item_path(path: tuple, i: int) -> tuple:
    """`path + (i,)`, the one tuple of it for the first items (every evidence item keeps its
    path: ("evidence", 0) for most of 100,000 cards)."""
    if i >= 64:
        return path + (i,)
    key = (path, i)
    got = _ITEM_PATHS.get(key)
    if got is None:
        got = _ITEM_PATHS[key] = path + (i,)
    return got


def _make_evidence(values: dict, path) -> Evidence:
    return Evidence(
        quote=values["quote"], source=values.get("source"), note=values.get("note"),
        prefix=values.get("prefix"), suffix=values.get("suffix"), occurrence=values.get("occurrence"),
        path=path,
    )


def _quick(t: str, value):
    """The checked value of a well-formed text field, or None to take the full check (which
    reports what is wrong). The common case, kept short: most fields of most cards are fine."""
    if value.__class__ is not str:
        return None
    if t == "text":
        return value if value.strip() else None
    # Ids, words and certainties repeat across cards (a relation names two entities, 100,000
    # cards have a handful of types): each is kept once (`intern`, the constants), not once a card.
    if t == "id":
        return intern(value.strip()) or None if "\n" not in value and len(value) <= 200 else None
    if t == "word":
        return intern(value.strip()) if WORD_RE.match(value) else None
    if t == "certainty":
        return _CERTAINTY_OF.get(value)
    if t == "kind":
        return _KIND_OF.get(value)
    return None


_SIDECAR_PATTERNS = {
    "url": (URL_RE, "`url` must be an http:// or https:// address, not '{:.60}'"),
    "date": (DATE_RE, "`{name}` must be a date written YYYY-MM-DD (or YYYY-MM, YYYY), not '{:.40}'"),
    "language": (LANGUAGE_RE, "`language` must be a language tag like en, de or pt-BR, not '{:.20}'"),
}


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _real_day(iso: str) -> bool:
    """Is `YYYY-MM-DD` a day of the calendar (2024-02-29 is, 2023-02-29 and 2024-04-31 are not)?
    The days datetime.date takes (years 1 to 9999, the Gregorian leap years), worked out here:
    importing datetime cost every card load ~4.5 M instructions for this one question."""
    try:
        year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    except ValueError:
        return False
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return False
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= _MONTH_DAYS[month] + leap


_COMMENTED = compiled(r"^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?(#.*?)\s*$")


def _commented(doc: Document, path) -> str:
    """For an empty value whose line holds ` #` after its key (`- quote: #1 in the polls`): YAML
    read the rest as a comment. What to write instead; else ''."""
    line, _ = doc.pos(path)
    lines = doc.text.splitlines()
    block = BLOCK_KEY.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if block is not None and line < len(lines) and lines[line].strip():
        # `description: >` with its text not indented past the key: YAML took the text for keys
        key_col = len(block.group(1))
        if len(lines[line]) - len(lines[line].lstrip(" ")) <= key_col:
            return (f": its text (line {line + 1}) must be indented more than `{block.group(2)}` to be read as"
                    f" its text: start its lines with {key_col + 2} spaces")
    m = _COMMENTED.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if m is None or len(m.group(1)) < 2:
        return ""
    value = m.group(1)
    written = "'" + value.replace("'", "''") + "'"
    return f": YAML reads what follows ' #' as a comment; to keep it, put the value in quotes: {quoted(written, double=True)}"


def check_value(spec: FieldSpec, value, path, issues: Issues, doc: Document):
    """`value` checked as a value of `spec`'s type: what the card (or sidecar) holds, or None with
    every problem in `issues`. The one check of every field type."""
    name = spec.name
    if value is None:
        if spec.required:
            issues.error(path, f"`{name}` is empty" + _commented(doc, path))
        return None
    t = spec.type
    if t in ("text", "id", "word", "kind", "certainty"):
        if not isinstance(value, str):
            issues.error(path, f"`{name}` must be text, not {_describe(value)}")
            return None
        if not value.strip():
            issues.error(path, f"`{name}` is empty" + _commented(doc, path))
            return None
        if t == "word" and not WORD_RE.match(value):
            lower = re.sub(r"[^a-z0-9-]+", "-", value.strip().lower()).strip("-")
            issues.error(path, f"`{name}` must be a short lowercase word (like person or place), not {quoted(value)}"
                         + (f"; did you mean {quoted(lower)}?" if WORD_RE.match(lower or "") else ""))
            return None
        if t == "certainty" and value not in CERTAINTIES:
            issues.error(path, f"`certainty` must be one of {', '.join(CERTAINTIES)}, not {quoted(value)}"
                         + did_you_mean(value, CERTAINTIES))
            return None
        if t == "id" and ("\n" in value or len(value) > 200):
            issues.error(path, f"`{name}` must be a card or source id, not {quoted(value[:40])}")
            return None
        return value.strip() if t != "text" else value
    if t == "count":
        if not isinstance(value, str) or path not in doc.plain or not value.isdigit() or len(value) > 6 or int(value) < 1:
            issues.error(path, f"`{name}` must be a whole number from 1 up, not {quoted(value)}"
                         if isinstance(value, str) else f"`{name}` must be a whole number, not {_describe(value)}")
            return None
        return int(value)
    if t == "texts":
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",")] if ", " in value else []
            if len(parts) > 1 and all(parts):  # `aliases: Flores, Carmen`: most often several, typed as one line
                several = ", ".join(parts)
                issues.error(path, f"`{name}` must be a list: write [{several}] for {len(parts)} of them, "
                                   f"or `- {value}` on a line of its own for one")
            else:
                issues.error(path, f"`{name}` must be a list (write `- {value}` on its own line)")
            return None
        if not isinstance(value, list):
            issues.error(path, f"`{name}` must be a list of text, not {_describe(value)}")
            return None
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                issues.error(path + (i,), f"each of `{name}` must be text, not {_describe(item) if item is not None else 'empty'}")
            else:
                out.append(item)
        return out
    if t == "qualifiers":
        if not isinstance(value, dict):
            issues.error(path, f"`qualifiers` must be a mapping of short keys to text (like `date: February 18`), not {_describe(value)}")
            return None
        out = {}
        for key, item in value.items():
            if not KEY_RE.match(key):
                issues.error(path + (key,), f"qualifier key {quoted(key)} must be a short lowercase word", key=True)
            elif not isinstance(item, str) or not item.strip():
                issues.error(path + (key,), f"qualifier `{key}` must be text, not {_describe(item) if item is not None else 'empty'}")
            else:
                out[key] = item
        return out
    if t == "evidence":
        if isinstance(value, str):
            issues.error(path, "`evidence` must be a list: write `- quote: ...` on the next line")
            return None
        if not isinstance(value, list):
            issues.error(path, f"`evidence` must be a list of quotes, not {_describe(value)}")
            return None
        if not value:
            issues.error(path, "`evidence` is empty: give at least one quote")
            return None
        return [ev for i, item in enumerate(value) if (ev := _evidence(item, _item_path(path, i), issues, doc))]
    if t == "kind":  # pragma: no cover - handled before
        return value
    if t == "names":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            issues.error(path, f"`{name}` must be a list of names, not a mapping")
            return None
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip() or "\n" in item.strip():
                issues.error(path + ((i,) if items is value else ()), f"each of `{name}` must be one line of text")
            else:
                out.append(item.strip())
        return out
    if t in ("line", "url", "date", "language"):
        if not isinstance(value, str):
            issues.error(path, f"`{name}` must be text, not {_describe(value)}")
            return None
        text = value.strip()
        if not text:
            return None
        if t == "line":
            if "\n" in text:
                issues.error(path, f"`{name}` must be one line")
                return None
            return text
        pattern, message = _SIDECAR_PATTERNS[t]
        if not pattern.match(text):
            issues.error(path, message.replace("{name}", name).format(text))
            return None
        if t == "date" and len(text) >= 10 and not _real_day(text[:10]):
            # the pattern takes days 01-31 in every month: 2024-02-30 is no day (the timeline, and
            # the sources' order by date, would read it)
            issues.error(path, f"`{name}` is not a day of the calendar: {quoted(text[:10])}")
            return None
        return text
    raise AssertionError(t)  # pragma: no cover - a new type in a table: check it here


def _evidence(item, path, issues: Issues, doc: Document) -> Evidence | None:
    if isinstance(item, str):
        if not item.strip():
            issues.error(path, "quote is empty" + _commented(doc, path))
            return None
        key, colon, rest = item.partition(":")
        if colon and key in EVIDENCE_FIELDS and rest[:1] not in ("", " ", "\t", "/"):
            # `- quote:Ana Ruiz`: no space after the colon, so YAML read one quote, "quote:Ana Ruiz"
            issues.error(path, f"this is read as one quote, {quoted(item)}, because YAML needs a space after the "
                               f"colon: write {quoted(key + ': ' + rest)}")
            return None
        return Evidence(quote=item, path=path)
    if item is None:
        issues.error(path, "evidence item is empty" + _commented(doc, path))
        return None
    if isinstance(item, list) and len(item) == 1 and isinstance(item[0], str) and item[0].strip():
        # `- - Nie chciałbym - powiedział`: a line of dialogue pasted with its dash, read as a list
        value = "- " + item[0]
        issues.error(path, "this value starts with '- ', which YAML reads as a list item: put the whole value in "
                           f"quotes, {quoted_yaml(value)} (double any ' inside)")
        return None
    if not isinstance(item, dict):
        issues.error(path, f"each evidence item must be a quote or a mapping with `quote:`, not {_describe(item)}")
        return None
    if len(item) == 1:
        (key, value), = item.items()
        if key not in EVIDENCE_FIELDS and (" " in key or not did_you_mean(key, EVIDENCE_FIELDS)) and isinstance(value, str):
            # `- he added: "..."`: a quote with ": " in it, which YAML read as a key and its value
            yaml_quoted = "'" + f"{key}: {value}".replace("'", "''") + "'"
            if len(yaml_quoted) > 60:
                yaml_quoted = clip(yaml_quoted, 57)
            issues.error(path, f"this quote has ': ' in it (after {quoted(key[-20:])}), which YAML reads as a key and its "
                               f"value: put the whole quote in quotes, {yaml_quoted} (double any ' inside)")
            return None
    values = {}
    ok = True
    misspelt_quote = False  # `qoute:`: its error ("did you mean 'quote'?") is the one to read
    for key, value in item.items():
        spec = EVIDENCE_FIELDS.get(key)
        if spec is None:
            if issues.full:
                issues.skip()
                ok = False
                continue
            kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
            card_fields = FIELDS_BY_KIND.get(kind) if isinstance(kind, str) else None
            meant = suggest(str(key), card_fields) if card_fields else None
            if meant is not None and meant not in EVIDENCE_FIELDS and meant != "evidence" and not suggest(str(key), EVIDENCE_FIELDS):
                # `certainty:` or `by:` under a quote: a field of the whole card
                hint = (f": {quoted(meant)} is a field of the {kind} card, not of a quote "
                        f"(write it once, at the top level, beside `evidence:`)")
            else:
                hint = did_you_mean(key, EVIDENCE_FIELDS)
                misspelt_quote = misspelt_quote or suggest(str(key), EVIDENCE_FIELDS) == "quote"
            issues.error(path + (key,), f"unknown field {quoted(key)} in evidence" + hint, key=True)
            ok = False
            continue
        checked = _quick(spec.type, value)
        if checked is None:
            checked = check_value(spec, value, path + (key,), issues, doc)
            if checked is None and value is not None:
                ok = False
        values[key] = checked
    if "quote" not in item:
        if not misspelt_quote:
            issues.error(path, "evidence item has no `quote`")
        return None
    if not values.get("quote") or not ok:
        return None
    return _make_evidence(values, path)
