"""Mentions: every place a source names an entity, by its name or one of its aliases.

Names are matched in each source's typography-normalised text (the text quotes are anchored in,
see `explorer.core.text`), so "Russia’s" and "Russia's" are one; offsets map back to the original
text exactly. A name matches only as whole words: it may not start or end inside a word. A name
with a capital letter in it matches only with that exact case ("Kim" the person is not "kim" inside
a word, nor "KIM"); an all-lowercase name ("armored vehicles") matches in any case. Where two
names overlap, the longest wins ("Kim Jong Un" over "Kim"); of two equally long, the earlier.

One pass over each source: every name is indexed once, in a trie of its words, and each word of
the source is looked up in that trie (a dict look-up, however many names there are, followed only
as far as the next words keep matching), so the cost grows with the size of the sources, not with
sources x names.

A name that several entities use (an alias of one that is the name of another, or the same alias
on two cards) is a *clash*: its mentions are credited to the entity whose name it is (else to the
first by id) and also list the others, and `clashes()` reports each such name once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from explorer.core.anchoring.anchor import whole_at
from explorer.core.pausing import checkpoint
from explorer.core.text import UNSPACED_CHARS, LazyPattern, is_word_char, mark_class, normalize_quote

if TYPE_CHECKING:
    from explorer.core.model import Entity
    from explorer.core.anchoring.sources import Source
    from explorer.core.loading.loader import FactBase

# A word, as names are looked up by: one character of a script written without spaces (Han, Kana,
# Thai...) with the marks on it, or a run of other letters and digits with their marks (Python's
# `\w` holds no mark: it cut "प्रधानमंत्री" into pieces, and a Chinese or Thai sentence was one
# word, so no name in it was ever found). Names and sources are split alike.
# (Written so that a run of plain letters is one tight loop: twice as fast as the plain
# alternation. An ASCII text, which has no mark, is split by the ASCII pattern alone.)
def _word_pattern() -> str:
    letters, marks = f"[^\\W_{UNSPACED_CHARS}]", mark_class()
    return f"{letters}+(?:{marks}+{letters}*)*|[{UNSPACED_CHARS}]{marks}*|{marks}+(?:{letters}+{marks}*)*"


_WORD = LazyPattern(_word_pattern)
_SPLIT = LazyPattern(lambda: f"({_word_pattern()})")
_SPLIT_ASCII = re.compile(r"([A-Za-z0-9]+)")
# A place no word goes across: before a character that is neither a letter nor a mark (a space,
# punctuation), or before one of a script written without spaces that is no mark (a word of its
# own). The text's words on either side are the words of the whole text.
_CUT = LazyPattern(lambda: f"(?![{mark_class()[1:-1]}])(?:[^\\w]|_|[{UNSPACED_CHARS}])")
_PIECE = 1 << 17  # characters of a source split into words at once


def _pieces(hay: str, size: int, reach: int) -> Iterable[tuple[int, int, int]]:
    """(a, b, c) for each piece of `hay`, in order: the pieces [a, b) cover it, each about `size`
    long, and [a, c) is the piece and at least `reach` more (both ends places no word goes across).
    A text with no such place for a long way (one word of a million letters) is one longer piece."""
    n, a = len(hay), 0
    search = _CUT.search
    while a < n:
        m = search(hay, a + size) if a + size < n else None
        b = m.start() if m is not None else n
        m = search(hay, b + reach) if b + reach < n else None
        yield a, b, (m.start() if m is not None else n)
        a = b

# Korean writes a name's particle onto it: 노소영이, 최 회장의, 김 이사장에게, CNN은 ("Roh Soh-yeong"
# + subject particle, "chairman Chey" + genitive, "director Kim" + dative, CNN + topic). Without
# them a name in Korean text would hardly ever be mentioned, so in a source with Hangul a mention
# (not a quote: a quote still ends at whole words, tests/real/korean) may end where one of these
# particles follows the name, optionally with a second one (에게는, 과의), the particle ending the
# word. Any other syllable after the name makes it another word: 노소영다 is no mention of 노소영.
# The particle is not in the mention.
PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "도", "만", "와", "과", "랑", "이랑", "께서", "께", "에게서",
             "에게", "한테", "에서", "에", "으로서", "으로써", "으로", "로서", "로써", "로", "보다", "처럼", "까지",
             "부터", "조차", "마저")
_PARTICLE_END = LazyPattern(lambda: "(?<=[^\\W_])(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True))
                            + ")(?:은|는|의|도|만)?$")
_HANGUL = re.compile("[\uac00-\ud7a3]")


# Bengali writes its case endings onto the noun as well: তৃণমূলের "of Trinamool", বীরভূমে "in
# Birbhum", মমতার, মমতাকে, বিজেপির, দলকে, কলকাতায়, and an "also" or "only" after them (বীরভূমেও,
# বীরভূমেই). So in a source with Bengali letters a mention may end where one of these endings
# follows the name and ends the word (tests/real/bengali), as before a Korean particle; the ending
# is not in the mention, and a quote still ends at whole words. Any other letter or vowel sign after
# the name makes it another word. (Written as `normalize_quote` writes them: য় is য and a nukta.)
BENGALI_ENDINGS = ("\u09c7\u09b0", "\u09c7", "\u09c7\u09b0\u09be", "\u098f\u09b0", "\u098f", "\u0995\u09c7", "\u09a4\u09c7",
                   "\u09a6\u09c7\u09b0", "\u09a6\u09c7\u09b0\u0995\u09c7")  # ের ে েরা এর এ কে তে দের দেরকে
# and, after a vowel only (মমতার, বিজেপির, কলকাতায়; দলর is no word): র রা য় য়ে য়ের
BENGALI_VOWEL_ENDINGS = ("\u09b0", "\u09b0\u09be", "\u09af\u09bc", "\u09af\u09bc\u09c7", "\u09af\u09bc\u09c7\u09b0")
_BENGALI = re.compile("[\u0985-\u09b9]")
_BENGALI_VOWELS = frozenset([chr(c) for c in range(0x0985, 0x0995)] + [chr(c) for c in range(0x09BE, 0x09CD)])


def _bengali_stems(word: str) -> list[str]:
    """The ways a Bengali word may be a stem and a case ending: the stems (বন্দ্যোপাধ্যায়ের:
    বন্দ্যোপাধ্যায় + ের, and বন্দ্যোপাধ্যা + য়ের: which is a name, the names say)."""
    if len(word) < 2 or not "\u0980" <= word[-1] <= "\u09ff":
        return []
    return _ending_stems(word, _ALSO, _ENDINGS, 1, lambda stem, ending: (
        "\u0980" <= stem[-1] <= "\u09ff" and stem[-1] != "\u09cd"
        and (ending not in BENGALI_VOWEL_ENDINGS or stem[-1] in _BENGALI_VOWELS)))


def _ending_stems(word: str, clitics, endings, shortest: int, keep) -> list[str]:
    """The stems of `word` before one of `endings` (after one of `clitics` is taken off, `""` for
    none; a word with its clitic off is a stem too), each at least `shortest` letters and kept
    where `keep(stem, ending)` says the language allows it: the one reading of the Bengali,
    Finnish and Nepali endings written onto a name."""
    stems = []
    for clitic in clitics:
        if not word.endswith(clitic):
            continue
        w = word[: len(word) - len(clitic)]
        if clitic and len(w) > 1:
            stems.append(w)
        for ending in endings:
            if w.endswith(ending) and len(w) - len(ending) >= shortest:
                stem = w[: -len(ending)]
                if keep(stem, ending):
                    stems.append(stem)
    return stems


def _readings(words: list[str], stems_of) -> list[tuple[list[str], list[int]]]:
    """Each way of reading the words as a stem and an ending (`stems_of(word)`: the stems a word
    may have): (the words, each one's ending length, 0 for none), as many readings as the word
    read the most ways has."""
    readings: list[tuple[list[str], list[int]]] = []
    for i, word in enumerate(words):
        for k, stem in enumerate(dict.fromkeys(stems_of(word))):
            if k == len(readings):
                readings.append((list(words), [0] * len(words)))
            readings[k][0][i] = stem
            readings[k][1][i] = len(word) - len(stem)
    return readings


# Finnish writes its fifteen cases as endings on the name: Venäjän "of Russia", Venäjälle "to
# Russia", Kamtšatkassa "in Kamchatka", Sahalinilla "on Sakhalin" (-illa: a name ending in a
# consonant takes an i), Belgradiin "to Belgrade", Clintonin, Hong Kongin, Seagalille, and a
# clitic after them (Seagalkin). In a Finnish source (its sidecar's `language: fi`, or its own
# words) a mention of a capitalised name may end where one of these endings follows it and ends
# the word, as before a Korean particle (tests/real/finnish); the ending is not in the mention, and
# a quote still ends at whole words. (A stem that changes, Helsinki in Helsingissä, is not found.)
FINNISH_ENDINGS = tuple(sorted({
    *(v + e for v in ("", "i") for e in ("n", "a", "ä", "ta", "tä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta",
                                          "ltä", "lle", "na", "nä", "ksi", "in")),
    "en", "seen", "hin", "iin", "han", "hän", "hen", "hon", "hun", "hyn", "hön",
    "an", "än", "on", "un", "yn", "ön",  # (the illative doubles the last vowel: Venäjään, Kiovaan)
}, key=len, reverse=True))
_FI_CLITICS = ("", "kin", "kaan", "kään")
_FI_WORDS = frozenset(("ja", "on", "että", "oli", "ei", "hän", "kun", "mutta", "myös", "joka", "jotka", "ovat",
                       "sen", "se", "mukaan", "vuonna", "jälkeen", "tai", "kuin", "olisi"))
_FI_EN_WORDS = frozenset(("the", "and", "of", "to", "is", "that", "was", "in", "for", "with"))


def is_finnish(source: "Source") -> bool:
    """The source's sidecar says Finnish (`language: fi...`), or, without one, its own words do."""
    language = (source.meta.language or "").lower() if source.meta is not None else ""
    if language:
        return language == "fi" or language.startswith("fi-")
    text = source.normalized[:20000]
    if "ä" not in text and "ö" not in text:
        return False
    words = text.lower().split()
    fi = sum(1 for w in words if w.strip(".,;:!?\"'()") in _FI_WORDS)
    return fi >= 3 and fi > 2 * sum(1 for w in words if w in _FI_EN_WORDS)


def _finnish_stems(word: str) -> list[str]:
    """The ways a capitalised Finnish word may be a name and a case ending (and a clitic)."""
    if len(word) < 3 or not word[0].isupper():
        return []
    # (an illative doubles the vowel the name ends with: Venäjään, not Venäjön)
    return _ending_stems(word, _FI_CLITICS, FINNISH_ENDINGS, 2, lambda stem, ending: stem[-1].isalpha() and not (
        len(ending) == 2 and ending[1] == "n" and ending[0] in "aäouyöe" and stem[-1] != ending[0] and ending != "en"))



# Swedish, Danish and Norwegian write the genitive as an s on the name, with no apostrophe: "Hong
# Kongs regering" (Hong Kong's government), "Samsungs tillbakagång", "Clintons bankkonto"; a name
# ending in s, x or z takes none ("Paris regering"). In such a source (its sidecar's `language: sv`,
# `da`, `no`, `nb`, `nn`, or its own words) a mention of a capitalised name may end before that s
# (tests/real/swedish: "Hong Kongs" was no mention of Hong Kong and was suggested as a new person);
# the s is not in the mention, and a quote still ends at whole words.
_SCANDINAVIAN = ("sv", "da", "no", "nb", "nn")
# (words of these languages alone: not "den", "er", "de", "en", which German, Dutch or French have too)
_SC_WORDS = frozenset(("och", "att", "det", "som", "är", "för", "av", "med", "har", "inte", "på", "ett",
                       "og", "ikke", "til", "af", "jeg", "sig", "seg", "ikkje", "blev", "blir", "skal"))


def is_scandinavian(source: "Source") -> bool:
    """The source's sidecar says Swedish, Danish or Norwegian, or, without one, its own words do."""
    language = (source.meta.language or "").lower() if source.meta is not None else ""
    if language:
        return language.split("-")[0].split("_")[0] in _SCANDINAVIAN
    text = source.normalized[:20000]
    if "å" not in text and "ä" not in text and "ø" not in text and "æ" not in text:
        return False
    words = text.lower().split()
    sc = sum(1 for w in words if w.strip(".,;:!?\"'()”“«»") in _SC_WORDS)
    return sc >= 3 and sc > 2 * sum(1 for w in words if w in _FI_EN_WORDS)


def _genitive_stems(word: str) -> list[str]:
    """A capitalised word read as a name and the genitive s (Kongs: Kong), where the name does not
    end in s, x or z itself."""
    if len(word) < 3 or not word[0].isupper() or word[-1] != "s" or not word[-2].isalpha() or word[-2] in "sxzSXZ":
        return []
    return [word[:-1]]


# Nepali writes its case endings and postpositions onto the noun too: बारामा "in Bara", मधेशका "of
# Madhesh", कार्कीको, सरकारले, पीडितहरूलाई (the plural and "to"). So in a source with Devanagari
# letters a mention may end where one of these follows the name and ends the word (tests/real/nepali:
# no card of its story had a mention), as before a Bengali ending; the ending is not in the mention,
# and a quote still ends at whole words. Any other letter or vowel sign after the name makes it
# another word (बाराती is no mention of बारा). Hindi writes its postpositions apart ("भारत में").
_NE_CASES = ("\u092e\u093e", "\u0915\u094b", "\u0915\u093e", "\u0915\u0940", "\u0932\u0947", "\u0932\u093e\u0908",
             "\u092c\u093e\u091f", "\u0926\u0947\u0916\u093f", "\u0938\u092e\u094d\u092e", "\u0938\u0901\u0917",
             "\u0938\u0902\u0917", "\u0924\u093f\u0930", "\u092e\u093e\u0925\u093f", "\u092d\u0928\u094d\u0926\u093e")
# मा को का की ले लाई बाट देखि सम्म सँग संग तिर माथि भन्दा, alone or after हरू (the plural), and मै ("in ... itself")
NEPALI_ENDINGS = tuple(sorted({*_NE_CASES, "\u0939\u0930\u0942", "\u092e\u0948",
                               *("\u0939\u0930\u0942" + e for e in _NE_CASES)}, key=len, reverse=True))
_DEVANAGARI = re.compile("[\u0905-\u0939]")


def _nepali_stems(word: str) -> list[str]:
    """The ways a Devanagari word may be a name and a Nepali ending (बारामा: बारा and मा)."""
    if len(word) < 3 or not "\u0900" <= word[-1] <= "\u097f":
        return []
    return _ending_stems(word, ("",), NEPALI_ENDINGS, 1,  # (no ending after a virama)
                         lambda stem, ending: "\u0900" <= stem[-1] <= "\u097f" and stem[-1] != "\u094d")


_ALSO = ("", "\u0987", "\u0993")  # ই "only", ও "also", after an ending or alone
_ENDINGS = BENGALI_ENDINGS + BENGALI_VOWEL_ENDINGS


def _without_particles(words: list[str]) -> tuple[list[str], list[int]] | None:
    """The words with a Korean particle taken off each Hangul word that ends with one (and is more
    than it), and each one's particle length (0: none); None when no word has one."""
    stems, lengths, found = [], [], False
    search = _PARTICLE_END.search
    for word in words:
        m = search(word) if len(word) > 1 and "\uac00" <= word[-1] <= "\ud7a3" else None
        if m is None or m.start() == 0:
            stems.append(word)
            lengths.append(0)
        else:
            stems.append(word[: m.start()])
            lengths.append(len(word) - m.start())
            found = True
    return (stems, lengths) if found else None


# Hebrew writes its one-letter words onto the next: ו "and", ה "the", ב "in", כ "as", ל "to", מ
# "from", ש "that", and a few in a row (ובסלוצק "and in Slutsk", מהעיר "from the city"). Without
# them a name in Hebrew text would be missed wherever it is in, at, to or from it: so in a source
# with Hebrew letters a mention (not a quote: a quote still starts at whole words, tests/real/hebrew)
# may start after one of these prefixes written onto the name's first word, the prefix and the name
# making the whole word. Only these sequences, in the order Hebrew writes them, and only before a
# name's first word of two letters or more; the prefix is not in the mention.
HEBREW_PREFIXES = ("ו", "ה", "ב", "כ", "ל", "מ", "ש", "וה", "וב", "וכ", "ול", "ומ", "וש", "שה", "שב", "שכ", "של",
                   "שמ", "כש", "מה", "ומה", "וכש", "ושב", "ושה", "ושל", "ושמ", "לכש", "שמה", "ולכש")
_HEBREW = re.compile("[\u05d0-\u05ea]")
_HANGUL_OR_HEBREW = re.compile("[\uac00-\ud7a3\u05d0-\u05ea\u0621-\u064a\u0985-\u09b9\u0905-\u0939]")  # (and Arabic, Bengali, Devanagari: one scan for the five)
# Arabic writes its one-letter words onto the next as well: و "and", ف "so", ب "in, with", ل "to,
# for", ك "like", and the article ال, alone and in a row (وبيروت "and Beirut", بالأسد, والجيش
# الحر "and the Free Army"). Only these, in Arabic's order, before a name's first word of two
# letters or more; the prefix is not in the mention, and a quote still starts at whole words.
ARABIC_PREFIXES = ("و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "وال", "بال", "فال", "كال",
                   "وبال", "وكال", "فبال", "فكال")
_ARABIC = re.compile("[\u0621-\u064a]")


def _hebrew_heads(words: list[str], prefixes: frozenset | None = None, lo: str = "\u05d0",
                  hi: str = "\u05ea") -> list[tuple[int, str, int]]:
    """Each Hebrew word (or Arabic, with its prefixes and letters) that may be a prefix and a name:
    (its index, the name's first word, the prefix's length), every way it may be read (בהרצליה: ב +
    הרצליה, and בה + רצליה)."""
    prefixes = _PREFIX_SET if prefixes is None else prefixes
    heads = []
    for i, word in enumerate(words):
        if len(word) < 3 or not lo <= word[0] <= hi:
            continue
        for k in range(1, min(4, len(word) - 2) + 1):
            if word[:k] in prefixes and lo <= word[k] <= hi:
                heads.append((i, word[k:], k))
    return heads


_PREFIX_SET = frozenset(HEBREW_PREFIXES)
_ARABIC_PREFIX_SET = frozenset(ARABIC_PREFIXES)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a source names an entity. `source.text[start:end]` is the name as written.
    (Slots: a source may hold millions of them, each without a dict of its own.)"""

    entity: str  # the entity credited
    source: str
    start: int
    end: int
    line: int
    column: int
    text: str  # the source's own text of the mention
    name: str  # the card's name or alias that matched
    others: tuple[str, ...] = ()  # other entities with the same name (a clash)

    def to_json(self) -> dict:
        data = {
            "entity": self.entity,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "name": self.name,
        }
        if self.others:
            data["also"] = list(self.others)
        return data


@dataclass(frozen=True)
class Clash:
    """A name several entities use: `uses` is (entity id, "name" or "alias") for each."""

    name: str
    uses: tuple[tuple[str, str], ...]

    def message(self) -> str:
        parts = [f"the {role} of {eid}" for eid, role in self.uses]
        return f"'{self.name}' is " + ", and ".join(parts)

    def to_json(self) -> dict:
        return {"name": self.name, "entities": [{"id": e, "as": r} for e, r in self.uses]}


@dataclass
class _Name:
    text: str  # normalised, as matched
    lead: int  # where its first word starts within it
    sensitive: bool  # has a capital: match case exactly
    owner: str  # entity credited
    others: tuple[str, ...]
    shown: str  # as the card spells it
    edges: tuple[bool, bool]  # starts, ends with a word character (then it may not start, end inside a word)


_END = ""  # the key, in a trie node, of the names that end there (never a word)


@dataclass
class NameIndex:
    """Every entity name and alias in a trie of words: exact case for names with a capital, and
    lowercased for lowercase names. Looking a source's words up in it finds every name that starts
    at each word, by walking only as far as the source's next words keep matching."""

    exact: dict = field(default_factory=dict)
    folded: dict = field(default_factory=dict)
    clashes: list[Clash] = field(default_factory=list)
    longest: int = 0  # the longest name's length

    @classmethod
    def build(cls, entities: Iterable["Entity"]) -> "NameIndex":
        # key (the name as compared) -> {entity id: role}
        uses: dict[tuple[str, bool], dict[str, str]] = {}
        shown: dict[tuple[str, bool], str] = {}
        for n, entity in enumerate(entities):
            if not n & 63:
                checkpoint()  # (a background job waits here while the user types)
            for role, raw in (("name", entity.name), *(("alias", a) for a in entity.aliases)):
                text = normalize_quote(raw or "")
                if not text or not _WORD.search(text):
                    continue
                sensitive = text != text.lower()
                key = (text if sensitive else text.lower(), sensitive)
                owners = uses.setdefault(key, {})
                if owners.get(entity.id) != "name":  # a name that is also its own alias stays a name
                    owners[entity.id] = role
                shown.setdefault(key, raw)
        index = cls()
        for n, (key, owners) in enumerate(uses.items()):
            if not n & 63:
                checkpoint()
            text, sensitive = key
            ids = list(owners) if len(owners) == 1 else sorted(owners, key=lambda e: (owners[e] != "name", e))
            if len(ids) > 1:
                index.clashes.append(Clash(shown[key], tuple((e, owners[e]) for e in ids)))
            words = _WORD.findall(text)
            name = _Name(text, _WORD.search(text).start(), sensitive, ids[0], tuple(ids[1:]), shown[key],
                         (is_word_char(text[0]), is_word_char(text[-1])))
            node = index.exact if sensitive else index.folded
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(_END, []).append(name)
            index.longest = max(index.longest, len(text))
        index.clashes.sort(key=lambda c: c.name.lower())
        return index

    def find(self, source: "Source") -> list[Mention]:
        """Every mention in one source, in text order (longest wins where names overlap)."""
        hay = source.normalized
        checkpoint()
        other = _HANGUL_OR_HEBREW.search(hay)  # (one scan of a text in neither script)
        scripts = (other is not None and _HANGUL.search(hay, other.start()) is not None,
                   other is not None and _BENGALI.search(hay, other.start()) is not None,
                   not hay.isascii() and is_finnish(source),
                   other is not None and _HEBREW.search(hay, other.start()) is not None,
                   other is not None and _ARABIC.search(hay, other.start()) is not None,
                   other is not None and _DEVANAGARI.search(hay, other.start()) is not None,
                   is_scandinavian(source))
        found: list[tuple[int, int, _Name]] = []  # (normalised start, end, name)
        # A piece of the text at a time: its words (every word one string, and its offset), for a
        # 50 MB source of one line, took 2.5 GB at once. Each piece ends where no word can go on,
        # and reaches past that far enough to hold the longest name starting in it.
        for a, b, c in _pieces(hay, _PIECE, self.longest + 16):
            self._find_in(source, hay, a, b, c, scripts, found)
        if not found:
            return []
        # Longest first (then earliest); a match overlapping one already taken is dropped. (The
        # characters taken are marked: a look is the match's length, however many are taken.)
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        marked = bytearray(len(hay))
        taken: list[tuple[int, int, _Name]] = []
        for start, end, name in found:
            if marked.find(1, start, end) >= 0:
                continue
            marked[start:end] = b"\x01" * (end - start)
            taken.append((start, end, name))
        del marked
        taken.sort(key=lambda f: f[0])
        out = []
        span, line_of, line_starts, text = source.norm_offsets.span, source.line_of, source.line_starts, source.text
        for k, (nstart, nend, name) in enumerate(taken):
            if not k & 255:
                checkpoint()
            start, end = span(nstart, nend)
            line = line_of(start)
            column = start - line_starts[line - 1] + 1
            out.append(Mention(name.owner, source.id, start, end, line, column, text[start:end], name.shown, name.others))
        return out

    def _find_in(self, source: "Source", hay: str, a: int, b: int, c: int, scripts: tuple, found: list) -> None:
        """The matches of names starting at a word that starts in hay[a:b], read from hay[a:c]
        (a and c: places no word goes across), added to `found`."""
        piece = hay[a:c]
        # Words and where they start, split out at C speed: parts alternate non-words and words.
        parts = (_SPLIT_ASCII if piece.isascii() else _SPLIT).split(piece)
        del piece
        offsets = list(accumulate(map(len, parts), initial=a))
        words = parts[1::2]
        starts = offsets[1::2]
        del parts, offsets
        limit = bisect_left(starts, b)  # (the words after b are only read on: the next piece's)
        passes = [(self.exact, words, True, None, None), (self.folded, None, False, None, None)]
        korean, bengali, finnish, hebrew, arabic, devanagari, scandinavian = scripts
        if korean:  # names before a Korean particle (see PARTICLES)
            stemmed = _without_particles(words)
            if stemmed is not None:
                passes.append((self.exact, stemmed[0], True, stemmed[1], None))
                passes.append((self.folded, [w.lower() for w in stemmed[0]], False, stemmed[1], None))
        if bengali:  # names before a Bengali case ending (BENGALI_ENDINGS)
            for stems, lengths in _readings(words, _bengali_stems):
                passes.append((self.exact, stems, True, lengths, None))
                passes.append((self.folded, [w.lower() for w in stems], False, lengths, None))
        if devanagari:  # names before a Nepali ending (NEPALI_ENDINGS)
            for stems, lengths in _readings(words, _nepali_stems):
                passes.append((self.exact, stems, True, lengths, None))
                passes.append((self.folded, [w.lower() for w in stems], False, lengths, None))
        if finnish:  # names before a Finnish case ending (FINNISH_ENDINGS)
            for stems, lengths in _readings(words, _finnish_stems):
                passes.append((self.exact, stems, True, lengths, None))
        if scandinavian:  # names before a genitive s (_genitive_stems)
            for stems, lengths in _readings(words, _genitive_stems):
                passes.append((self.exact, stems, True, lengths, None))
        if hebrew:  # names after a Hebrew prefix (HEBREW_PREFIXES)
            heads = [h for h in _hebrew_heads(words) if h[0] < limit]
            if heads:
                passes.append((self.exact, words, True, None, heads))
                passes.append((self.folded, None, False, None, [(i, w.lower(), k) for i, w, k in heads]))
        if arabic:  # names after an Arabic prefix (ARABIC_PREFIXES)
            heads = [h for h in _hebrew_heads(words, _ARABIC_PREFIX_SET, "\u0621", "\u064a") if h[0] < limit]
            if heads:
                passes.append((self.exact, words, True, None, heads))
                passes.append((self.folded, None, False, None, [(i, w.lower(), k) for i, w, k in heads]))
        for trie, keys, sensitive, particles, heads in passes:
            if not trie:
                continue
            if keys is None:
                keys = [w.lower() for w in words]
            get = trie.get
            n = len(keys)
            for i, word, cut in heads if heads is not None else ((i, w, 0) for i, w in zip(range(limit), keys)):
                if not i & 1023:
                    checkpoint()
                node = get(word)
                if node is None:
                    continue
                j = i
                while True:
                    ends = node.get(_END)
                    if ends and particles is not None and not particles[j]:
                        ends = None  # (found by the first pass)
                    if ends:
                        for name in ends:
                            start = starts[i] + cut - name.lead
                            end = start + len(name.text)
                            if start < 0 or end > len(hay):
                                continue
                            piece = hay[start:end]
                            if (piece if sensitive else piece.lower()) != (name.text if sensitive else name.text.lower()):
                                continue
                            # whole words and whole characters, as a quote's (the one check);
                            # before a particle, the name and its particle are the whole word
                            if particles is not None:
                                if not whole_at(source, hay, start, end + particles[j] - start):
                                    continue
                            elif cut:  # (after a prefix: the prefix and the name are the whole word)
                                if name.lead or not whole_at(source, hay, start - cut, end - start + cut, name.edges):
                                    continue
                            elif not whole_at(source, hay, start, end - start, name.edges):
                                continue
                            found.append((start, end, name))
                    j += 1
                    if j >= n:
                        break
                    node = node.get(keys[j])
                    if node is None:
                        break


@dataclass
class Mentions:
    """All mentions of a fact base: by source (text order) and by entity (source order, then text)."""

    by_source: dict[str, list[Mention]]
    by_entity: dict[str, list[Mention]]
    clashes: list[Clash]
    # the mentions of the entity cards left out by a quote not in the source (FactBase.flawed),
    # found apart: in no source's list, nor counted or shared with the checked entities'
    flawed: dict[str, list[Mention]] = field(default_factory=dict)

    def of(self, entity_id: str) -> list[Mention]:
        return self.by_entity.get(entity_id) or self.flawed.get(entity_id, [])

    def count(self, entity_id: str) -> int:
        return len(self.of(entity_id))

    def in_source(self, source_id: str) -> list[Mention]:
        return self.by_source.get(source_id, [])


def find_mentions(base: "FactBase", pause=None) -> Mentions:
    """Every mention of every entity of `base` in every source: one pass over each source.
    `pause()`, if given, is called before each source (the app waits there while the user types)."""
    index = NameIndex.build(base.entities.values())
    by_source: dict[str, list[Mention]] = {}
    by_entity: dict[str, list[Mention]] = {}
    for source in base.sources.values():
        if pause is not None:
            pause()
        found = index.find(source)
        by_source[source.id] = found
        for k, mention in enumerate(found):
            if not k & 1023:
                checkpoint()
            by_entity.setdefault(mention.entity, []).append(mention)
            for other in mention.others:
                by_entity.setdefault(other, []).append(mention)
    checkpoint()
    return Mentions(by_source, by_entity, index.clashes, _flawed_mentions(base, pause))


def _flawed_mentions(base: "FactBase", pause=None) -> dict[str, list[Mention]]:
    """The mentions of the entity cards left out by a quote not in the source (`FactBase.flawed`,
    listed marked in the app), found by an index of their own names: they change no checked
    entity's mentions, and the app shows their count, not `·`."""
    flawed = [c for c in base.flawed.values() if c.kind == "entity" and c.id not in base.entities] if base.flawed else ()
    found: dict[str, list[Mention]] = {}
    if not flawed:
        return found
    index = NameIndex.build(flawed)
    for source in base.sources.values():
        if pause is not None:
            pause()
        for mention in index.find(source):
            for eid in (mention.entity, *mention.others):
                found.setdefault(eid, []).append(mention)
    return found


def found_mentions(base: "FactBase | None") -> Mentions | None:
    """The mentions of `base` if `mentions_of` has computed them already (else None: no wait)."""
    return base.__dict__.get("_mentions") if base is not None else None


def mentions_of(base: "FactBase", pause=None) -> Mentions:
    """The mentions of `base`, computed once per fact base (a reload makes a new one)."""
    cached = base.__dict__.get("_mentions")
    if cached is None:
        cached = find_mentions(base, pause)
        base.__dict__["_mentions"] = cached
    return cached


def carry_over(old: "FactBase | None", new: "FactBase") -> bool:
    """Give `new` the mentions already found for `old` when they cannot differ: the same sources
    and the very same entities in the same order (a reload that changed relations only). Whether
    it did."""
    found = found_mentions(old)
    if found is None or new.__dict__.get("_mentions") is not None or old.sources is not new.sources:
        return False
    if (old.flawed or new.flawed) and (old.flawed.keys() != new.flawed.keys()
                                       or not all(old.flawed[k] is v for k, v in new.flawed.items())):
        return False
    if len(old.entities) != len(new.entities):
        return False
    if not all(a is b for a, b in zip(old.entities.values(), new.entities.values())):
        return False
    new.__dict__["_mentions"] = found
    return True
