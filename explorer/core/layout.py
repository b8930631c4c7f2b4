"""Where things are in a workspace, and what a card id may be: the folder names (`facts/`, `seeds/`),
the card file suffixes, the folders new cards go in, `find_workspace()`, and the id rules (a card's
id is its file name without the extension; `card_slug()` makes one from words, `check_id()` checks
one given by hand, `unique_id()` picks one no card has).

It imports nothing heavy, so a command can find its workspace without importing the loader.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from explorer.core.errors import AuthoringError, WorkspaceError
from explorer.core.safetext import MAX_MARKS, joiner_kept, marker, quoted, visible

FACTS_DIR = "facts"
SOURCES_DIR = "seeds"
CARD_SUFFIXES = (".yaml", ".yml")
FOLDERS = {"entity": "entities", "relation": "relations"}  # where new cards go, under facts/
# Folders inside facts/ are read (and watched) this many deep at most: a deeper one is one problem,
# not read. Each folder is reached a name at a time from the workspace (files.Workspace), so a
# walk 2,000 folders deep did ~depth^2 work (factex check: 240 s) and the watchers recursed as deep.
MAX_DEPTH = 32
MAX_SLUG = 80


def hidden_name(name: str) -> bool:
    """A file or folder name that no walk of facts/ or seeds/ reads nor reports, and whose changes
    the watcher ignores: a dot name (.git, .DS_Store, vim's .card.yaml.swp, emacs' .#card.yaml
    lock, an editor's .card.yaml.tmp), an editor's backup (card.yaml~) or emacs' auto-save
    (#card.yaml#). The one rule of the loader's walks, the sources' listing, the watchers and
    factex diff. A name that is nothing but dots and a card's extension (`.yaml`, `..yaml`) is
    no editor's file but a card whose name was left out: read, and said to have no id
    (`id_problem`)."""
    if name.startswith("."):
        return name.lstrip(".") not in ("yaml", "yml")
    return name.endswith("~") or (len(name) > 1 and name[0] == "#" and name[-1] == "#")


# git mergetool's copies of a file being merged, beside it: NAME_BASE_PID.EXT (the common
# ancestor), NAME_LOCAL_PID.EXT (ours), NAME_REMOTE_PID.EXT (theirs), NAME_BACKUP_PID.EXT (the file
# with its conflict markers); left behind when the tool is stopped or fails.
_MERGETOOL_SIDES = {"BASE": "the common ancestor", "LOCAL": "our side", "REMOTE": "their side",
                    "BACKUP": "the file with its conflict markers"}


def leftover(name: str) -> str | None:
    """What `name` is, when it is a file git leaves behind in a merge: one of git mergetool's
    copies (`card_BASE_1234.yaml`, `_LOCAL_`, `_REMOTE_`, `_BACKUP_`), the `.orig` backup of a
    merged file, a patch's `.rej` hunks; None for any other name. Such a file is not read (as a
    card it would be a stale copy of a card, a second entity or relation with the same names),
    and says so once."""
    if name.endswith(".orig"):
        return "the copy git keeps of a file as it was before a merge (.orig)"
    if name.endswith(".rej"):
        return "the hunks of a patch that did not apply (.rej)"
    if name.count("_") < 2:  # (most names: no pattern matched)
        return None
    stem, dot, ext = name.rpartition(".")
    rest, _, pid = (stem if dot else name).rpartition("_")
    base, _, side = rest.rpartition("_")
    if not (base and pid.isdigit() and pid.isascii() and side in _MERGETOOL_SIDES):
        return None
    return (f"a copy git mergetool left of {base}{dot}{ext} ({_MERGETOOL_SIDES[side]}) when a merge was "
            "stopped; delete it once the merge is done")


def find_workspace(start: str | os.PathLike | None = None) -> Path:
    """The workspace: `start` if given (it must hold `facts/`), else the current folder or the
    nearest parent that holds `facts/`."""
    if start is not None:
        root = Path(start)
        if not root.exists():
            raise WorkspaceError(f"{root}: no such folder")
        if not root.is_dir():
            raise WorkspaceError(f"{root}: not a folder")
        try:
            os.lstat(root / FACTS_DIR)
        except PermissionError as exc:  # (it said "no facts/ folder here" of a folder it could not look in)
            raise WorkspaceError(f"{root}: cannot look inside: {exc.strerror}") from None
        except OSError:
            pass
        if not os.path.lexists(root / FACTS_DIR):  # a link out or a loop is reported by the load
            raise WorkspaceError(f"{root}: no {FACTS_DIR}/ folder here; a workspace holds {FACTS_DIR}/ and {SOURCES_DIR}/"
                                 f" (factex init {_shell_word(root)} makes them)")
        return root
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / FACTS_DIR).is_dir():  # (only folders you are in: trusted)
            return folder
    raise WorkspaceError(
        f"no {FACTS_DIR}/ folder in {here} or any parent; run factex inside a workspace or name one"
        " (factex init makes one here)"
    )


def _shell_word(path: Path) -> str:
    """A path as a word to type in a shell (quoted when it needs to be)."""
    import shlex

    return shlex.quote(str(path))


# --- ids ----------------------------------------------------------------------------------------

def card_id_of(rel: str) -> str:
    """A card's id: its file name without the extension."""
    name = rel.rsplit("/", 1)[-1]
    return name[: name.rfind(".")]


# (a table, not a pattern: compiling one cost each start ~2 M instructions)
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u02bc`\u00b4"))


# Cyrillic and Greek letters that a reader cannot tell from a Latin one (after casefolding, so each
# stands for both its cases: Cyrillic `к` for `К`, which is `K`), as the Latin letter: `pаris`
# with a Cyrillic `а` looks like `paris`. One Latin letter for each letter of a script (never two
# Cyrillic letters one key: `һ` and `ү`, rarer look-alikes of `н` and `у`'s letters, are left out),
# so two words of one script keep their keys apart. (From Unicode's confusables, UTS #39.)
LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "і": "i", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",  # Cyrillic
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k",
    "μ": "m", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "y", "χ": "x",
    "ϳ": "j",  # Greek (ϳ: yot; the lunate sigma ϲ is σ to NFKC)
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g", "զ": "q",  # Armenian
})


def id_key(card_id: str) -> str:
    """What makes two ids one: ids that differ only in case, in Unicode normal form (`Putin` and
    `putin`, a composed `é` and `e` + combining accent, a full-width `ｐａｒｉｓ` or a mathematical
    `𝐩aris`, compatibility forms: NFKC) or in letters of other scripts that look like Latin ones
    (`pаris` with a Cyrillic `а`, Armenian `օ`, `LOOKALIKES`) are the same id, since a reader
    cannot tell them apart (and macOS, Windows and git checkouts put the first two in one place).
    Two cards with one key are a duplicate id (explorer.core.loading.loader). `card_id` itself when
    it is already its key (most ids: lowercase ASCII), so the key costs no memory."""
    if card_id.isascii():
        key = card_id.lower()
    else:
        key = unicodedata.normalize("NFKC", unicodedata.normalize("NFKD", card_id).casefold().translate(LOOKALIKES))
    return card_id if key == card_id else key


def lookalike_letters(a: str, b: str) -> str | None:
    """Where two texts with one key differ only by look-alike letters (`LOOKALIKES`): the first
    such pair named, as "Cyrillic а (U+0430) where the other has Latin a"; None when no letter of
    `a` or `b` is one."""
    import unicodedata as ud

    a, b = ud.normalize("NFC", a), ud.normalize("NFC", b)
    if len(a) != len(b):
        return None
    for x, y in zip(a, b):
        if x == y or x.casefold() == y.casefold():
            continue
        if x.casefold().translate(LOOKALIKES) == y.casefold().translate(LOOKALIKES):
            def named(c: str) -> str:
                script = ud.name(c, "").split(" ")[0].capitalize() or "another"
                return f"{script} {c} (U+{ord(c):04X})"
            return f"{named(x)} where the other has {named(y)}"
    return None


def how_ids_differ(a: str, b: str) -> str:
    """How two ids with one key (`id_key`) differ, in words a reader can act on (they may look
    alike on screen)."""
    if unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        def form(text: str) -> str:
            return "decomposed (NFD)" if unicodedata.is_normalized("NFD", text) else (
                "composed (NFC)" if unicodedata.is_normalized("NFC", text) else "mixed")
        return f"they differ only in how accents are encoded: {form(a)} and {form(b)}"
    letters = lookalike_letters(a, b)
    if letters is not None:
        return f"they differ only in letters that look alike: {letters}"
    if unicodedata.normalize("NFKC", a) != unicodedata.normalize("NFC", a) or unicodedata.normalize("NFKC", b) != unicodedata.normalize("NFC", b):
        x, y = next(((x, y) for x, y in zip(a, b) if x != y and unicodedata.normalize("NFKC", x).casefold()
                     == unicodedata.normalize("NFKC", y).casefold()), (None, None))
        if x is not None:
            def named(c: str) -> str:
                return f"{c} (U+{ord(c):04X}, {unicodedata.name(c, 'a letter').lower()})"
            return f"they differ only in forms of one letter: {named(x)} where the other has {named(y)}"
        return "they differ only in forms of the same letters (full-width, mathematical, ligatures)"
    if a.casefold() == b.casefold():
        return "they differ only in case"
    return "they differ only in case and in how accents are encoded"


def id_problem(card_id: str) -> str | None:
    """Why a file's name without its extension cannot be the id of the card (or the source) it
    names, or None when it can. An id is what relations and quotes name, typed as it is read:
    it holds a letter or a digit, no character that shows as something else (a control, a bidi
    override or isolate, a zero-width or other invisible character, a line separator, a tab, a
    pile of combining marks: what `visible()` marks, but for a byte that is not UTF-8), and no
    space at either end. (Looser than `check_id`, which a new card's id passes: a team's `Anna Berg.yaml`
    or `con.yaml` is read.) The one rule of the loader's walks of facts/ and of the sources'
    listing: such a file is not read, and says why at its 1:1."""
    # (isprintable: no control, format, separator, private-use or surrogate character, and no
    # space but ASCII's; most ids pass in a few tests, visible() only for a long non-ASCII one)
    if card_id.isprintable() and card_id[:1].isalnum() and not card_id[-1].isspace() and (
            card_id.isascii() or len(card_id) <= MAX_MARKS or visible(card_id) == card_id):
        return None

    if not card_id:
        return "is empty (the file name is only its extension)"
    # (a byte of the name that is not UTF-8 is shown as such, ⟨0xFF⟩, not hidden: such a name is
    # data, as any file name is, and its card or source is read)
    probe = card_id if card_id.isprintable() else "".join(c for c in card_id if not 0xDC80 <= ord(c) <= 0xDCFF)
    if visible(probe) != probe:
        c = next((c for i, c in enumerate(probe) if visible(c) != c and not joiner_kept(probe, i)), "")
        if c and c in "\t\n\r":
            return f"holds a {'tab' if c == chr(9) else 'line break'} ({marker(c)})"
        if c:
            name = unicodedata.name(c, "").lower() or {"Cc": "a control character", "Co": "a private-use character"}.get(
                unicodedata.category(c), "a character with no name")
            return f"holds {marker(c)} ({name}), a character that is not seen as it is"
        return "holds a pile of combining marks on one letter, which draws nothing readable"
    if card_id[0].isspace() or card_id[-1].isspace():
        return f"{'starts' if card_id[0].isspace() else 'ends'} with a space, which no one sees"
    if not any(c.isalnum() for c in card_id):
        if all(unicodedata.category(c)[0] == "M" for c in card_id):
            return (f"is only combining marks ({', '.join(f'U+{ord(c):04X}' for c in card_id[:3])}"
                    f"{', ...' if len(card_id) > 3 else ''}), with no letter to sit on")
        return "holds no letter or digit"
    return None


def id_problem_message(what: str, card_id: str, why: str, suffix: str) -> str:
    """The message of a file whose name is not an id (`id_problem`): `what` ("card" or
    "source"), with a name to rename it to when its words make one."""
    slug = card_slug(card_id)
    hint = f", to {quoted(slug + suffix)} say" if slug and slug != card_id else ""
    return (f"not read as a {what}: its id (the file name without {suffix}) {quoted(card_id)} {why}; an id holds a "
            f"letter or a digit, no invisible character and no space at its ends: rename the file{hint}")


def _is_id(text: str) -> bool:
    """Letters or digits first, then letters, digits, the marks on them, '.', '_' and '-'; at
    most 200 characters."""
    return 0 < len(text) <= 200 and text[0].isalnum() and all(
        c.isalnum() or c in "._-" or unicodedata.category(c)[0] == "M" for c in text
    )
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def _without_accents(decomposed: str) -> str:
    """Combining marks dropped where they are accents (on Latin, Greek and Cyrillic letters:
    "Zu\u0308rich" -> "Zurich") and kept where they are part of the letter (the dakuten of
    "\u3066\u3099" is what makes it "\u3067"; Indic vowel signs)."""
    out = []
    accents = True
    for c in decomposed:
        if unicodedata.combining(c):
            if not accents:
                out.append(c)
        else:
            accents = ord(c) <= 0x052F
            out.append(c)
    return "".join(out)


def _kebab(text: str) -> str:
    """Letters, digits and the marks on them kept, any other run one hyphen, none at the ends.
    (A combining mark is not `\\w` to Python: the vowel signs and viramas of Indic scripts, which
    are part of the word, "नरेंद्र" -> itself, not "नर-द-र".)"""
    out: list[str] = []
    gap = False
    for c in text:
        if c.isalnum() or (out and not gap and unicodedata.category(c)[0] == "M"):
            if gap and out:
                out.append("-")
            gap = False
            out.append(c)
        else:
            gap = True
    return "".join(out)


def _final_sigmas(text: str) -> str:
    """`text` with each sigma that ends a word of letters written ς, as Greek writes it."""
    chars = list(text)
    for i, c in enumerate(chars):
        if c == "σ" and i and chars[i - 1].isalpha() and (i + 1 == len(chars) or not chars[i + 1].isalpha()):
            chars[i] = "ς"
    return "".join(chars)


# Latin letters no accent can be taken off (no decomposition has them): written as their base letters,
# as an accent is dropped. "Đinh La Thăng" was "đinh-la-thang", "Łódź" "łodz", and factex add made
# the id "nam-trung-bo-hung-đot-lu" of VnExpress's "Nam Trung Bộ hứng đợt lũ mới" (tests/real/vietnamese).
_LATIN_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
                                "ħ": "h", "ŧ": "t", "ŀ": "l", "ƀ": "b", "ɨ": "i", "ʉ": "u", "ƶ": "z", "ǥ": "g"})


def card_slug(*parts: str, max_length: int = MAX_SLUG) -> str:
    """A lowercase kebab-case id from a name or the words of a sentence.

    Accents are dropped ("Zürich" -> "zurich"), and so are a letter's stroke or ligature ("Đà
    Nẵng" -> "da-nang", "Łódź" -> "lodz", "Æ" -> "ae"), apostrophes vanish ("Putin's" -> "putins"), any
    other run of punctuation or spaces is one hyphen; letters of other scripts are kept. Long slugs
    are cut at a hyphen. Empty when nothing is left (the caller picks a fallback).
    """
    text = unicodedata.normalize("NFKD", " ".join(parts))
    text = unicodedata.normalize("NFC", _without_accents(text)).casefold().translate(_LATIN_LETTERS)
    if "σ" in text:  # Greek writes a word's last sigma ς, which casefold makes σ ("κυριακος", not "κυριακοσ")
        text = _final_sigmas(text)
    text = text.translate(_APOSTROPHES)
    slug = _kebab(text)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
        slug = slug.strip("-")
    if slug in _WINDOWS_RESERVED:
        slug += "-card"
    return slug


def safe_id(wanted: str, fallback: str) -> str:
    """`wanted` as an id if it is one (`check_id`), else the slug of its words (`card_slug`), else
    `fallback`: for an id that comes from elsewhere (an imported annotation's note), which must
    never name a file outside its folder or put control characters in a file name."""
    try:
        return check_id(wanted)
    except AuthoringError:
        return card_slug(wanted) or fallback


def unique_id(base: str, taken) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first that no card has (`taken` holds ids' keys:
    ids compare case-folded and normalized, `id_key`)."""
    if id_key(base) not in taken:
        return base
    n = 2
    while id_key(f"{base}-{n}") in taken:
        n += 1
    return f"{base}-{n}"


def check_id(card_id: str) -> str:
    """An id given by hand, checked to be a safe file name; raises AuthoringError. Composed
    (NFC): a file named with it is found by references typed on any keyboard."""
    card_id = unicodedata.normalize("NFC", card_id.strip())
    stem, dot, ext = card_id.rpartition(".")
    if dot and stem and ext.casefold() in ("yaml", "yml"):  # (a file name given: x.yaml made x.yaml.yaml)
        raise AuthoringError(f"{quoted(card_id)} cannot be an id: the id is the card's file name without .{ext}; did you mean {quoted(stem)}?")
    if not _is_id(card_id) or card_id.endswith(".") or card_id.casefold() in _WINDOWS_RESERVED:
        hint = card_slug(card_id)
        raise AuthoringError(
            f"{quoted(card_id)} cannot be an id: an id is the card's file name, made of letters, digits, '-', '_' and '.'"
            + (f"; did you mean {quoted(hint)}?" if hint and hint != card_id else "")
        )
    return card_id
