"""A corpus of bad (and tricky but valid) workspaces, each with the outcome it must get.

Every `Case` builds a workspace into a folder `root` that already holds `facts/` and `seeds/`;
most start from the small valid base below (two entities and a relation over a short article).
`tests/test_corpus.py` runs each case through `factex check`, `factex export` and the app.

An expectation is `(file, line or None, severity, message substring)`: a problem that MUST be
reported (the file relative to the workspace, as `factex check` prints it when run from the
workspace). `loads` is the set of card ids that must still be valid afterwards; the cards named in
error expectations must not be. Large inputs (the 50 MB card, the 3 MB source, 10,000-deep
nesting) are generated here at test time, never committed.

Payloads that would run code write a marker file named `PWNED` (`marker(root)`): the test proves
nothing ran by finding no such file anywhere under the test's temporary folder.
"""

from __future__ import annotations

import os
import random
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from conftest import SOURCE_TEXT

BASE_IDS = frozenset({"alice", "bob", "alice-gave-bob-car"})
X = "facts/x.yaml"

Expect = tuple  # (file, line | None, severity, substring)


@dataclass
class Case:
    name: str
    build: Callable[[Path], list | None]  # may return extra expectations (known only at build time)
    expect: list = field(default_factory=list)
    loads: frozenset | set | None = None  # None: the base ids (or nothing when base=False)
    bad: set = field(default_factory=set)  # more ids that must not be valid
    base: bool = True
    exit: int | None = None  # None: 1 when an error is expected, else 0
    focus: str | None = None  # entity to select in the app before looking at the screen
    show: list = field(default_factory=list)  # literal strings that must be visible on screen
    views: tuple = ()  # extra screens to look at: "article"
    search: str | None = None  # a query to type into the search screen (its results are looked at too)
    edit: tuple = ()  # entity ids to open with `e` under a recording $EDITOR, one after the other
    export_check: Callable | None = None  # extra assertions on the export JSON: f(data, root)
    timeout: float = 30.0  # seconds each command may take: a guard against hangs, not a speed goal (bench/ has those)
    cpu: float | None = None  # CPU seconds check and export may take together: a bound on the work (unlike the
    # wall clock, the CPU time a command spends does not grow with the machine's load)

    def __str__(self) -> str:  # pytest ids
        return self.name


# -- writing workspaces --------------------------------------------------------------------------


def marker(root: Path) -> Path:
    """Where a payload that ran would leave its trace."""
    return root.parent / "PWNED"


def card(root: Path, rel: str, text: str | bytes, *, dedent: bool = True) -> Path:
    """Write a card; `rel` is relative to facts/ (a leading `facts/` is allowed)."""
    path = root / "facts" / rel.removeprefix("facts/")
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        if dedent:
            text = textwrap.dedent(text).lstrip("\n")
        path.write_bytes(text.encode("utf-8"))
    return path


def source(root: Path, name: str, text: str | bytes) -> Path:
    path = root / "seeds" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def write_base(root: Path) -> None:
    source(root, "article.txt", SOURCE_TEXT)
    card(root, "alice.yaml", """
        kind: entity
        name: Alice Smith
        type: person
        aliases: [Alice]
        evidence:
          - quote: Alice Smith met Bob Jones
    """)
    card(root, "bob.yaml", """
        kind: entity
        name: Bob Jones
        type: person
        evidence:
          - Bob said
    """)
    card(root, "alice-gave-bob-car.yaml", """
        kind: relation
        subject: alice
        predicate: gave a red car to
        object: bob
        evidence:
          - quote: Alice gave Bob a red car
    """)


def entity(name: str = "X", quote: str = "Bob said", extra: str = "") -> str:
    """A valid entity card (as YAML text) with a plain-scalar name."""
    return f"kind: entity\nname: {name}\ntype: person\n{extra}evidence: [{quote}]\n"


def one(rel: str, text: str | bytes, dedent: bool = False):
    """A builder writing one card."""
    def build(root: Path):
        card(root, rel, text, dedent=dedent)
    return build


def many(*cards: tuple[str, str | bytes]):
    def build(root: Path):
        for rel, text in cards:
            card(root, rel, text, dedent=False)
    return build


def e(message: str, line: int | None = None, file: str = X, severity: str = "error") -> Expect:
    return (file, line, severity, message)


# -- YAML ------------------------------------------------------------------------------------


def _deep(root: Path):
    card(root, "x.yaml", "kind: entity\nname: " + "[" * 10_000 + "]" * 10_000 + "\n")  # flow
    card(root, "y.yaml", "kind: entity\nname:\n" + "- " * 10_000 + "x\n")  # block


def _fifty_mb(root: Path):
    path = root / "facts" / "big.yaml"
    chunk = ("  - quote: " + "Alice Smith met Bob Jones " * 40 + "\n").encode()
    with open(path, "wb") as fh:
        fh.write(b"kind: entity\nname: Big\ntype: person\nevidence:\n")
        written = 0
        while written < 50 << 20:
            fh.write(chunk)
            written += len(chunk)


def _billion_laughs(root: Path):
    lines = ["kind: entity", 'lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):  # 10**12 strings if anything expanded it
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("name: *a11")
    card(root, "x.yaml", "\n".join(lines) + "\n")


def _binary(root: Path):
    rng = random.Random(1234)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4096)
    card(root, "image.yaml", png)


def _export_fields(checks: dict[str, dict]):
    """Export check: entity `id` has these exact field values (scalars stay text as typed)."""
    def check(data, root):
        entities = {ent["id"]: ent for ent in data["entities"]}
        relations = {rel["id"]: rel for rel in data["relations"]}
        for cid, want in checks.items():
            got = entities.get(cid) or relations.get(cid)
            assert got is not None, f"{cid} not exported"
            for key, value in want.items():
                assert got[key] == value, f"{cid}.{key}: {got[key]!r} != {value!r}"
    return check


YAML_CASES = [
    Case("yaml-unclosed-quote", one(X, 'kind: entity\nname: "Bob\ntype: person\nevidence: [Bob said]\n'),
         [e("YAML syntax error", 2)]),
    Case("yaml-unclosed-bracket", one(X, "kind: entity\nname: X\ntype: person\nevidence: [Bob said\n"),
         [e("YAML syntax error", 4)]),
    Case("yaml-bad-indentation", one(X, "kind: entity\nname: X\n  type: person\nevidence: [Bob said]\n"),
         [e("YAML syntax error", 3)]),
    Case("yaml-tab-indentation", one(X, "kind: entity\nname: X\ntype: person\nevidence:\n\t- Bob said\n"),
         [e("tab", 5)]),
    Case("yaml-empty-whitespace-or-comments-only",
         many(("x.yaml", b""), ("y.yaml", b"   \n\n    \n"), ("z.yaml", "# a card\n# still to write\n")),
         [e("card is empty", 1), e("empty", 1, "facts/y.yaml"), e("card is empty", 1, "facts/z.yaml")]),
    Case("yaml-list-or-scalar-not-mapping",
         many(("x.yaml", "- kind: entity\n- name: X\n"), ("y.yaml", "just a line of text\n"), ("z.yaml", "42\n")),
         [e("must be a mapping", 1), e("must be a mapping", 1, "facts/y.yaml"), e("must be a mapping", 1, "facts/z.yaml")]),
    Case("yaml-several-documents",
         one(X, "kind: entity\nname: A\ntype: person\nevidence: [Bob said]\n---\nkind: entity\nname: B\n"),
         [e("more than one YAML document", 5)]),
    Case("yaml-explicit-document-markers-are-fine",
         one(X, "%YAML 1.1\n---\nkind: entity\nname: X\ntype: person\nevidence: [Bob said]\n...\n"),
         [], loads=BASE_IDS | {"x"}),
    Case("yaml-duplicate-keys",
         many(("x.yaml", "kind: entity\nname: A\nname: B\ntype: person\nevidence: [Bob said]\n"),
              ("y.yaml", "kind: entity\nname: A\ntype: person\nevidence:\n  - quote: Bob said\n    quote: Bob said\n")),
         [e("duplicate key 'name'", 3), e("duplicate key 'quote'", 6, "facts/y.yaml")]),
    Case("yaml-5000-digit-number",
         many(("x.yaml", entity("9" * 5000)),
              ("y.yaml", "kind: entity\nname: Y\ntype: person\nevidence:\n  - quote: Bob said\n    occurrence: "
               + "9" * 5000 + "\n")),
         [e("whole number", 6, "facts/y.yaml")], loads=BASE_IDS | {"x"},
         export_check=_export_fields({"x": {"name": "9" * 5000}})),
    Case("yaml-impossible-date",
         many(("x.yaml", entity("2024-02-30")),
              ("r.yaml", "kind: relation\nsubject: alice\npredicate: met\nobject: bob\nqualifiers:\n"
               "  date: 2024-02-30\nevidence: [Alice Smith met Bob Jones]\n")),
         [e("2024-02-30", 6, "facts/r.yaml", "warning")], loads=BASE_IDS | {"x", "r"},
         export_check=_export_fields({"x": {"name": "2024-02-30"}, "r": {"qualifiers": {"date": "2024-02-30"}}})),
    Case("yaml-no-1-30-and-012-stay-text",
         many(("no.yaml", entity("no", extra="aliases: [yes, off, on, y, n, NO, false]\n")),
              ("time.yaml", entity("1:30", extra="description: 1:30:00\n")),
              ("octal.yaml", entity("012", extra="aliases: [0o17, 0x1F, 1e3, .inf, .nan, 1_000, +12]\n"))),
         [], loads=BASE_IDS | {"no", "time", "octal"},
         export_check=_export_fields({
             "no": {"name": "no", "aliases": ["yes", "off", "on", "y", "n", "NO", "false"]},
             "time": {"name": "1:30", "description": "1:30:00"},
             "octal": {"name": "012", "aliases": ["0o17", "0x1F", "1e3", ".inf", ".nan", "1_000", "+12"]}})),
    Case("yaml-nesting-10000-levels", _deep, [e("nest", 2), e("nest", 3, "facts/y.yaml")]),
    Case("yaml-50-mb-card", _fifty_mb, [e("at most 1 MiB", 1, "facts/big.yaml")], bad={"big"}),
    Case("yaml-binary-file", _binary, [e("binary", None, "facts/image.yaml")]),
    Case("yaml-nul-byte", one(X, b"kind: entity\nname: X\ntype: per\x00son\nevidence: [Bob said]\n"), [e("NUL", 3)]),
    Case("yaml-invalid-utf8", one(X, b"kind: entity\nname: caf\xe9\ntype: person\nevidence: [Bob said]\n"),
         [e("not valid UTF-8", 2)]),
    Case("yaml-byte-order-mark",
         many(("x.yaml", "\ufeff" + entity("With BOM")),
              ("y.yaml", "\ufeffkind: entity\nname: Y\nnmae: Y\ntype: person\nevidence: [Bob said]\n")),
         [e("unknown field 'nmae'", 3, "facts/y.yaml")], loads=BASE_IDS | {"x"},
         export_check=_export_fields({"x": {"name": "With BOM"}})),
    Case("yaml-crlf-line-endings",
         many(("x.yaml", entity("Crlf Card").replace("\n", "\r\n").encode()),
              ("y.yaml", b"kind: entity\r\nname: Y\r\ntype: person\r\nalias: [Why]\r\nevidence: [Bob said]\r\n")),
         [e("unknown field 'alias'", 4, "facts/y.yaml")], loads=BASE_IDS | {"x"},
         export_check=_export_fields({"x": {"name": "Crlf Card"}})),
    Case("yaml-cr-only-line-endings",
         many(("x.yaml", entity("Cr Card").replace("\n", "\r").encode()),
              ("y.yaml", b"kind: entity\rname: Y\rtype: person\ralias: [Why]\revidence: [Bob said]\r")),
         [e("unknown field 'alias'", 4, "facts/y.yaml")], loads=BASE_IDS | {"x"}),
    # Control characters typed raw into a card are not YAML: refused at their line.
    Case("yaml-raw-control-characters",
         many(("x.yaml", "kind: entity\nname: a\x1b[2Jb\ntype: person\nevidence: [Bob said]\n"),
              ("y.yaml", "kind: entity\nname: X\ntype: person\ndescription: a\u009bb\nevidence: [Bob said]\n")),
         [e("control character", 2), e("control character", 4, "facts/y.yaml")]),
]


# -- tags and aliases --------------------------------------------------------------------------


def _python_tags(root: Path):
    m = marker(root)
    payloads = {
        "apply.yaml": f'!!python/object/apply:os.system ["touch {m}"]',
        "new.yaml": f'!!python/object/new:subprocess.Popen [["touch", "{m}"]]',
        "name.yaml": "!!python/name:os.system",
        "module.yaml": "!!python/module:os",
        "object.yaml": "!!python/object:subprocess.Popen {args: [touch, " + str(m) + "]}",
        "tuple.yaml": "!!python/tuple [a, b]",
        "unicode.yaml": "!!python/unicode x",
    }
    for rel, payload in payloads.items():
        card(root, rel, f"kind: entity\nname: {payload}\ntype: person\nevidence: [Bob said]\n", dedent=False)


TAG_CASES = [
    Case("tag-python-os-system",
         lambda root: card(root, "x.yaml", f'kind: entity\nname: !!python/object/apply:os.system ["touch {marker(root)}"]\n'
                                           "type: person\nevidence: [Bob said]\n", dedent=False),
         [e("tags are not allowed", 2)]),
    Case("tag-python-whole-card",
         lambda root: card(root, "x.yaml", f'!!python/object/apply:os.system ["touch {marker(root)}"]\n', dedent=False),
         [e("tags are not allowed", 1)]),
    Case("tag-python-others", _python_tags,
         [e("tags are not allowed", 2, f"facts/{n}.yaml") for n in ("apply", "new", "name", "module", "object", "tuple", "unicode")]),
    Case("tag-python-deep-in-evidence",
         lambda root: card(root, "x.yaml", "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: Bob said\n"
                                           f'    note: !!python/object/apply:os.system ["touch {marker(root)}"]\n', dedent=False),
         [e("tags are not allowed", 6)]),
    Case("tag-python-on-a-key",
         lambda root: card(root, "x.yaml", f'? !!python/object/apply:os.system ["touch {marker(root)}"]\n: x\nkind: entity\n',
                           dedent=False),
         [e("", 1)]),
    Case("tag-python-verbatim-and-tag-directive",
         lambda root: (
             card(root, "x.yaml", "kind: entity\nname: !<tag:yaml.org,2002:python/object/apply:os.system> "
                                  f'["touch {marker(root)}"]\ntype: person\nevidence: [Bob said]\n', dedent=False),
             card(root, "y.yaml", "%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nkind: entity\n"
                                  f'name: !p!os.system ["touch {marker(root)}"]\ntype: person\nevidence: [Bob said]\n',
                  dedent=False)),
         [e("tags are not allowed", 2), e("tags are not allowed", 4, "facts/y.yaml")]),
    Case("tag-binary-set-and-custom",
         many(("binary.yaml", entity("!!binary QWxpY2U=")), ("set.yaml", entity("X", extra="aliases: !!set {a, b}\n")),
              ("x.yaml", entity("!foo bar")), ("y.yaml", entity("!<!bar> baz")), ("z.yaml", entity("!!int 12"))),
         [e("tags are not allowed", 2, "facts/binary.yaml"), e("tags are not allowed", 4, "facts/set.yaml"),
          e("tags are not allowed", 2), e("tags are not allowed", 2, "facts/y.yaml"),
          e("tags are not allowed", 2, "facts/z.yaml")]),
    Case("merge-keys",
         many(("x.yaml", "kind: entity\nname: X\ntype: person\nevidence: [Bob said]\n<<: {description: merged}\n"),
              ("y.yaml", "base: &b {type: person}\nkind: entity\n<<: *b\nname: X\nevidence: [Bob said]\n")),
         [e("merge keys", 5), e("", 3, "facts/y.yaml")]),
    Case("alias-billion-laughs", _billion_laughs, [e("aliases", 3)]),
    Case("alias-self-reference-and-plain",
         many(("x.yaml", "kind: entity\nname: &a [*a]\ntype: person\nevidence: [Bob said]\n"),
              ("y.yaml", "kind: entity\nname: &n Bob\ntype: person\ndescription: *n\nevidence: [Bob said]\n")),
         [e("aliases", 2), e("aliases", 4, "facts/y.yaml")]),
]


# -- cards -----------------------------------------------------------------------------------

REL = "kind: relation\nsubject: {s}\npredicate: met\nobject: {o}\nevidence: [Alice Smith met Bob Jones]\n"


def _outside_secret(root: Path):
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("TOPSECRET the password is swordfish\n")
    card(root, "x.yaml", "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: TOPSECRET the password\n"
                         "    source: ../../outside/secret\n", dedent=False)
    card(root, "y.yaml", "kind: entity\nname: Y\ntype: person\nevidence:\n  - quote: root\n"
                         "    source: /etc/passwd\n", dedent=False)
    card(root, "z.yaml", "kind: entity\nname: Z\ntype: person\nevidence:\n  - quote: Bob said\n"
                         "    source: ../seeds/article\n", dedent=False)


def _long_quote(root: Path):
    # Just under the 1 MiB limit: parsed, and the quote's words are all in the source.
    card(root, "x.yaml", "kind: entity\nname: X\ntype: person\nevidence:\n  - '"
         + "Alice Smith met Bob Jonez " * 35_000 + "'\n", dedent=False)


def _duplicate_ids(root: Path):
    card(root, "a/dup.yaml", entity("Dup A"), dedent=False)
    card(root, "b/dup.yaml", entity("Dup B"), dedent=False)
    card(root, "c/same.yaml", entity("Same A"), dedent=False)
    card(root, "c/same.yml", entity("Same B"), dedent=False)


CARD_CASES = [
    Case("card-unknown-fields",
         many(("x.yaml", entity(extra="alias: [Ex]\n")), ("y.yaml", entity(extra="subject: alice\n"))),
         [e("unknown field 'alias'", 4), e("did you mean 'aliases'", 4), e("unknown field 'subject'", 4, "facts/y.yaml"),
          e("relation cards", 4, "facts/y.yaml")]),
    Case("card-wrong-types",
         many(("x.yaml", "kind: entity\nname: [X]\ntype: person\nevidence: [Bob said]\n"),
              ("y.yaml", "kind: entity\nname: Y\ntype: person\nevidence: Bob said\n"),
              ("z.yaml", "kind: entity\nname: Z\ntype: person\naliases: Zed\nevidence: [Bob said]\n"),
              ("w.yaml", REL.format(s="alice", o="bob") + "certainty: {a: b}\n"),
              ("v.yaml", "kind: entity\nname: V\ntype: Person Of Interest\nevidence: [Bob said]\n")),
         [e("`name` must be text", 2), e("`evidence` must be a list", 4, "facts/y.yaml"),
          e("must be a list", 4, "facts/z.yaml"), e("certainty", 6, "facts/w.yaml"),
          e("lowercase word", 3, "facts/v.yaml")]),
    Case("card-missing-fields",
         many(("x.yaml", "kind: entity\nname: X\nevidence: [Bob said]\n"),
              ("y.yaml", "name: Y\ntype: person\nevidence: [Bob said]\n"),
              ("z.yaml", "kind: relation\nsubject: alice\npredicate: met\nevidence: [Alice Smith met Bob Jones]\n"),
              ("w.yaml", "kind: entity\nname:\ntype: person\nevidence: [Bob said]\n")),
         [e("missing `type`", 1), e("no `kind`", 1, "facts/y.yaml"), e("missing `object`", 1, "facts/z.yaml"),
          e("`name` is empty", 2, "facts/w.yaml")]),
    Case("card-wrong-kind", one(X, "kind: person\nname: X\nevidence: [Bob said]\n"), [e("`kind` must be entity or relation", 1)]),
    Case("card-duplicate-ids", _duplicate_ids,
         # one error for each id, on the later file, naming the first
         [e("duplicate id 'dup': facts/a/dup.yaml has the same file name", 1, "facts/b/dup.yaml"),
          e("duplicate id 'same': facts/c/same.yaml has the same file name", 1, "facts/c/same.yml")],
         bad={"dup", "same"}),
    Case("card-relation-to-unknown-broken-or-non-entities",
         many(("r.yaml", REL.format(s="alice", o="bobb")),
              ("x.yaml", "kind: entity\nname: X\ntype: person\nevidence: [Not in the article]\n"),
              ("s.yaml", REL.format(s="alice", o="x")),
              ("t.yaml", REL.format(s="alice-gave-bob-car", o="bob"))),
         [e("unknown entity 'bobb'", 4, "facts/r.yaml"), e("did you mean 'bob'", 4, "facts/r.yaml"),
          e("quote not found", 4), e("held back: `object` names 'x', whose card has errors", 4, "facts/s.yaml", "note"),
          e("is a relation, not an entity", 2, "facts/t.yaml")]),
    Case("card-relation-to-itself", one("r.yaml", REL.format(s="alice", o="alice")),
         [e("to itself", 4, "facts/r.yaml", "warning")], loads=BASE_IDS | {"r"}),
    Case("card-unknown-source",
         one(X, "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: Bob said\n    source: articel\n"),
         [e("unknown source 'articel'", 6), e("did you mean 'article'", 6)]),
    Case("card-source-is-never-a-path", _outside_secret,
         [e("never a path"), e("never a path", None, "facts/y.yaml"), e("never a path", None, "facts/z.yaml")]),
    Case("quote-not-found-ambiguous-or-spanning-paragraphs",
         many(("x.yaml", entity(quote="Alice Smith met Bob Jonez")), ("y.yaml", entity(quote="Alice Smith")),
              ("z.yaml", entity(quote='"a gift. Bob said"'))),
         [e("quote not found", 4), e("did you mean", 4), e("occurs 3 times", 4, "facts/y.yaml"),
          e("spans paragraphs", 4, "facts/z.yaml")]),
    Case("quote-ambiguous-resolved",
         one(X, "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: Alice Smith\n    occurrence: 3\n"
                "  - quote: Alice Smith\n    prefix: 'a painter. '\n"),
         [], loads=BASE_IDS | {"x"}),
    Case("quote-empty",
         many(("x.yaml", 'kind: entity\nname: X\ntype: person\nevidence: [""]\n'),
              ("y.yaml", "kind: entity\nname: Y\ntype: person\nevidence:\n  - quote: '   '\n"),
              ("z.yaml", "kind: entity\nname: Z\ntype: person\nevidence:\n  - quote:\n"),
              ("w.yaml", "kind: entity\nname: W\ntype: person\nevidence: []\n")),
         [e("empty", 4), e("empty", 5, "facts/y.yaml"), e("empty", None, "facts/z.yaml"), e("empty", 4, "facts/w.yaml")]),
    Case("quote-one-mebibyte-not-found", _long_quote, [e("quote not found", 5)], cpu=10),
    Case("card-truncated-mid-write",
         many(("x.yaml", "kind: entity\nname: Carol\ntype: per"),
              ("y.yaml", 'kind: entity\nname: Dave\ntype: person\nevidence:\n  - quote: "Alice Sm')),
         [e("missing `evidence`", 1), e("YAML syntax error", 5, "facts/y.yaml")]),
]


# -- sources ---------------------------------------------------------------------------------


def _no_seeds(root: Path):
    (root / "seeds" / "article.txt").unlink()
    (root / "seeds").rmdir()


def _unreadable(root: Path):
    os.symlink("nowhere.txt", root / "seeds" / "gone.txt")
    locked = source(root, "locked.txt", "Locked away.\n")
    locked.chmod(0)
    extra = []
    if os.geteuid() != 0:  # root reads anything: the permission case is only meaningful otherwise
        extra.append(e("cannot read", 1, "seeds/locked.txt"))
    return extra


def _crlf_source(root: Path, bom: bool):
    text = SOURCE_TEXT.replace("\n", "\r\n")
    source(root, "article.txt", ("\ufeff" if bom else "") + text)
    # a quote crossing a line break inside a paragraph, and one crossing paragraphs
    source(root, "poem.txt", "The Poem\r\n\r\nRoses are red,\r\nviolets are blue.\r\n\r\nSugar is sweet.\r\n")
    card(root, "roses.yaml", "kind: entity\nname: Roses\ntype: thing\nevidence:\n  - quote: red, violets are\n"
                             "    source: poem\n", dedent=False)
    card(root, "x.yaml", "kind: entity\nname: X\ntype: thing\nevidence:\n  - quote: blue. Sugar\n    source: poem\n",
         dedent=False)


def _offsets_right(data, root: Path):
    """Every exported span is the source's decoded text (no BOM) at [start:end], and matches its quote."""
    from explorer.core.text import normalize_quote

    texts = {}
    for src in data["sources"]:
        texts[src["id"]] = (root / src["path"]).read_bytes().decode("utf-8-sig")
    count = 0
    for item in (*data["entities"], *data["relations"]):
        for ev in item["evidence"]:
            text = texts[ev["source"]]
            assert text[ev["start"]:ev["end"]] == ev["text"], (item["id"], ev)
            assert normalize_quote(ev["text"]) == normalize_quote(ev["quote"]), (item["id"], ev)
            assert text.count("\n", 0, ev["start"]) + 1 == ev["line"], (item["id"], ev)
            count += 1
    assert count, "no evidence exported"


def _check_alice_line(data, root):
    _offsets_right(data, root)
    alice = next(ent for ent in data["entities"] if ent["id"] == "alice")
    assert alice["evidence"][0]["line"] == 3 and alice["evidence"][0]["text"] == "Alice Smith met Bob Jones"


def _large_source(root: Path):
    para = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20).strip() + "\n\n"
    half = (3 << 19) // len(para)  # (3 MB in all: a source far past any article, read, indexed and searched whole)
    with open(root / "seeds" / "big.txt", "w", encoding="utf-8") as fh:
        fh.write("A Very Long Document\n\n")
        fh.write(para * half)
        fh.write("The needle sentence sits right in the middle of the haystack.\n\n")
        fh.write(para * half)
    card(root, "needle.yaml", "kind: entity\nname: Needle\ntype: thing\nevidence:\n"
                              "  - quote: needle sentence sits right in the middle\n", dedent=False)
    card(root, "x.yaml", "kind: entity\nname: X\ntype: thing\nevidence:\n  - quote: Lorem ipsum dolor sit amot\n"
                         "    source: big\n", dedent=False)


def _source_outside(root: Path):
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("TOPSECRET the password is swordfish\n")
    os.symlink(outside / "secret.txt", root / "seeds" / "secret.txt")
    card(root, "x.yaml", entity(quote="TOPSECRET the password"), dedent=False)


SOURCE_CASES = [
    Case("source-folder-missing", _no_seeds,
         # one error, not one for each quote: no card loads
         [e("no seeds/ folder: the quotes of 3 cards have nothing to be checked against", 1, "seeds/")],
         loads=set(), bad=set(BASE_IDS)),
    Case("source-all-files-missing", lambda root: (root / "seeds" / "article.txt").unlink(),
         [e("seeds/ holds no source (a .txt or .md article): the quotes of 3 cards", 1, "seeds/")],
         loads=set(), bad=set(BASE_IDS)),
    Case("source-empty", lambda root: source(root, "empty.txt", b""), [e("empty", 1, "seeds/empty.txt", "warning")]),
    Case("source-unreadable", _unreadable, [e("read", 1, "seeds/gone.txt")]),
    Case("source-not-utf8",
         lambda root: source(root, "latin1.txt", "Caf\xe9 society\n\nMore text.\n".encode("latin-1")),
         [e("not valid UTF-8", 1, "seeds/latin1.txt")]),
    Case("source-byte-order-mark",
         lambda root: source(root, "article.txt", ("\ufeff" + SOURCE_TEXT).encode()),
         [], export_check=_check_alice_line),
    Case("source-crlf", lambda root: _crlf_source(root, bom=False),
         [e("spans paragraphs", 5)], loads=BASE_IDS | {"roses"}, export_check=_check_alice_line),
    Case("source-bom-and-crlf", lambda root: _crlf_source(root, bom=True),
         [e("spans paragraphs", 5)], loads=BASE_IDS | {"roses"}, export_check=_check_alice_line),
    Case("source-3-mb", _large_source, [e("quote not found", 5)], loads=BASE_IDS | {"needle"},
         export_check=_offsets_right, timeout=90),  # (a hang guard: the app indexed it in 30+ s at load 16)
    Case("source-fifo", lambda root: os.mkfifo(root / "seeds" / "x.txt"), [e("", 1, "seeds/x.txt")]),
    Case("source-link-to-outside", _source_outside, [e("outside", 1, "seeds/secret.txt"), e("quote not found", 4)]),
    Case("source-duplicate-id", lambda root: source(root, "article.md", SOURCE_TEXT),
         [e("two sources have the id 'article'", 1, "seeds/article.txt")], loads=set()),
]


# -- text for the screen ---------------------------------------------------------------------

MARKUP = ["[bold]not bold[/bold]", "[/]", "price [/", "[sic]", "[Sic]", "[@click=app.quit]click me[/]",
          "[link=https://example.com]x[/link]", "[red on white]x", "[$accent]x"]


def _markup(root: Path):
    body = "".join(f"  {m}\n" for m in MARKUP)
    card(root, "markup.yaml", "kind: entity\nname: '[b]Markup[/b]'\ntype: person\naliases: ['[i]alias[/i]']\n"
                              f"description: |\n{body}evidence:\n  - quote: Bob said\n    note: '[@click=app.quit]note[/]'\n",
         dedent=False)


def _ansi(root: Path):
    card(root, "ansi.yaml", r'''kind: entity
name: "Evil \e[2J\e]0;PWNED-TITLE\a"
type: person
description: "clip \e]52;c;cHduZWQ=\a\nlink \e]8;;https://evil.example/\e\\here\e]8;;\e\\\nquery \e[6n\nalt \e[?1049h\nbell \a"
evidence: [Bob said]
''', dedent=False)


def _c1(root: Path):
    card(root, "c1.yaml", r'''kind: entity
name: "C1 \x9b2J \x9d0;x\x9c \x85 \x90q\x9c"
type: person
description: "nul \0 del \x7f bs \b cr \r end"
evidence: [Bob said]
''', dedent=False)


def _bidi(root: Path):
    card(root, "bidi.yaml", r'''kind: entity
name: "abc\u202Edcb \u2066x\u2069 \u2067y\u2069 \u2068z\u2069 \u202Dq\u202C"
type: person
description: "zero\u200Bwidth bom\uFEFFhere joiner\u200Dx \u061C"
evidence: [Bob said]
''', dedent=False)


def _zalgo(root: Path):
    # 20,000 combining marks on one letter: the app froze for 90 s on a search (Rich measures the
    # width of such a run quadratically); visible() cuts a run after 8 marks, with a count.
    card(root, "zalgo.yaml", "kind: entity\nname: 'Zed\u0301" + "\u0301" * 20000 + " Zalgo'\ntype: person\n"
                             "evidence: [Bob said]\n", dedent=False)


def _escapes_in_problems(root: Path):
    card(root, "x.yaml", r'''kind: entity
name: X
type: person
"\e]0;PWNED-TITLE\a\u202E": 1
evidence:
  - quote: "Bob said \e[2J\x9b"
    source: "\e]52;c;cHduZWQ=\a"
''', dedent=False)


def _escapes_in_source(root: Path):
    source(root, "evil.txt", "Evil \x1b]0;PWNED-TITLE\x07 Title \u202e\n\n"
                             "The clip \x1b]52;c;cHduZWQ=\x07 is here, \x1b[2J cleared \x9b31m and \u202eturned.\n")
    card(root, "evil.yaml", "kind: entity\nname: Evil Source\ntype: thing\nevidence:\n  - quote: is here,\n"
                            "    source: evil\n", dedent=False)


FUNNY_FILE = "evil\x1b]0;PWNED-TITLE\x07\u202e"


def _escapes_in_file_name(root: Path):
    card(root, FUNNY_FILE + ".yaml", entity("Funny File"), dedent=False)
    # a relation naming a near miss of that id: the message quotes the id back
    card(root, "x.yaml", REL.format(s="alice", o=r'"evil\e]0;PWNED-TITLE\a\u202Ex"'), dedent=False)


SCREEN_CASES = [
    Case("screen-markup", _markup, [], loads=BASE_IDS | {"markup"}, focus="markup",
         show=["[b]Markup[/b]", "[i]alias[/i]", "[@click=app.quit]note[/]", *MARKUP], search="markup"),
    Case("screen-ansi-and-osc", _ansi, [], loads=BASE_IDS | {"ansi"}, focus="ansi",
         show=["␛[2J␛]0;PWNED-TITLE␇", "␛]52;c;cHduZWQ=␇", "␛]8;;https://evil.example/␛\\here", "␛[6n", "␛[?1049h"],
         search="evil"),
    Case("screen-c1-nul-and-controls", _c1, [], loads=BASE_IDS | {"c1"}, focus="c1",
         show=["⟨U+009B⟩2J", "⟨U+009D⟩0;x⟨U+009C⟩", "⟨U+0085⟩", "␀", "␡"], search="c1"),
    Case("screen-bidi-and-zero-width", _bidi, [], loads=BASE_IDS | {"bidi"}, focus="bidi",
         show=["abc⟨U+202E⟩dcb", "⟨U+2066⟩x⟨U+2069⟩", "⟨U+2067⟩", "⟨U+2068⟩", "⟨U+202D⟩",
               "zero⟨U+200B⟩width", "bom⟨U+FEFF⟩here", "⟨U+200D⟩"], search="abc"),
    Case("screen-zalgo-name", _zalgo, [], loads=BASE_IDS | {"zalgo"}, focus="zalgo",
         show=["\u27e8+19993 marks\u27e9 Zalgo"], search="zed"),
    Case("screen-escapes-in-problems", _escapes_in_problems,
         [e("unknown field", 4), e("unknown source")], focus=None),
    Case("screen-escapes-in-source-text", _escapes_in_source, [], loads=BASE_IDS | {"evil"}, focus="evil",
         show=["␛]52;c;cHduZWQ=␇", "␛[2J cleared ⟨U+009B⟩31m"], views=("article",), search="clip"),
    Case("screen-escapes-in-file-name", _escapes_in_file_name,  # (its name is no id: not read, said at the file)
         [e("unknown entity", 4), e(f"its id (the file name without .yaml) '{FUNNY_FILE}' holds ␛ (a control character)", 1,
                                    f"facts/{FUNNY_FILE}.yaml")], bad={FUNNY_FILE}),
]


# -- file names and links --------------------------------------------------------------------


def _named(name: str, *ids: str) -> Case:
    """Cards whose file names an editor (or a shell) could take for something else."""
    def build(root: Path):
        for n, cid in enumerate(ids):
            card(root, cid + ".yaml", entity(f"Named {n}"), dedent=False)
    return Case(name, build, [], loads=BASE_IDS | set(ids), edit=ids)


def _outside_card(root: Path):
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "evil.yaml").write_text(entity("Outside Card"))
    os.symlink(outside / "evil.yaml", root / "facts" / "evil.yaml")


def _outside_folder(root: Path):
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "elsewhere.yaml").write_text(entity("Outside Folder Card"))
    os.symlink(outside, root / "facts" / "outdir")


def _inside_links(root: Path):
    (root / "shared").mkdir()
    (root / "shared" / "carol.yaml").write_text(entity("Carol"))
    (root / "shared" / "dave-card.yaml").write_text(entity("Dave"))
    os.symlink(root / "shared", root / "facts" / "more")  # absolute link, inside
    os.symlink("../shared/dave-card.yaml", root / "facts" / "dave.yaml")  # relative link, inside


def _loops(root: Path):
    os.symlink(root / "facts", root / "facts" / "loop")  # a folder holding itself
    os.symlink("..", root / "facts" / "up")  # the workspace itself (inside, and a loop through facts/)
    os.symlink("b.yaml", root / "facts" / "a.yaml")
    os.symlink("a.yaml", root / "facts" / "b.yaml")


FILE_CASES = [
    _named("file-names-like-options", "-rf", "--help", "+q"),
    Case("file-names-that-are-no-id", lambda root: [card(root, f"{stem}.yaml", entity(f"Named {n}"), dedent=False)
                                                    for n, stem in enumerate(("-", " ", "", ".", "\u200b", "\u0301"))] and None,
         [e("holds no letter or digit", 1, "facts/-.yaml"), e("starts with a space", 1, "facts/ .yaml"),
          e("is empty", 1, "facts/.yaml"), e("holds no letter or digit", 1, "facts/..yaml"),
          e("zero width space", 1, "facts/\u200b.yaml"), e("only combining marks", 1, "facts/\u0301.yaml")]),
    _named("file-names-with-spaces-unicode-and-shell", "a b", "ünïcødé-名前", "$(touch PWNED);`touch PWNED`", "x'\"y"),
    Case("link-card-to-outside", _outside_card, [e("outside", 1, "facts/evil.yaml")], bad={"evil"}),
    Case("link-folder-to-outside", _outside_folder, [e("outside", None, "facts/outdir")], bad={"elsewhere"}),
    Case("link-inside-is-followed", _inside_links, [], loads=BASE_IDS | {"carol", "dave"}),
    Case("link-loops", _loops, [e("", 1, "facts/a.yaml"), e("", 1, "facts/b.yaml")]),
    Case("cards-that-are-not-files",  # a dangling link, a named pipe (reading it would block forever)
         lambda root: (os.symlink("nowhere.yaml", root / "facts" / "gone.yaml"), os.mkfifo(root / "facts" / "pipe.yaml")),
         [e("", 1, "facts/gone.yaml"), e("", 1, "facts/pipe.yaml")]),
]


CASES: list[Case] = [*YAML_CASES, *TAG_CASES, *CARD_CASES, *SOURCE_CASES, *SCREEN_CASES, *FILE_CASES]

assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"
