"""Generate a deterministic synthetic factex workspace for benchmarks.

    python bench/synth.py OUTDIR [--sources 100 --entities 10000 --relations 20000 --seed 1]

writes

    OUTDIR/seeds/src-NNN.txt                       generated English-like articles
    OUTDIR/facts/entities/<type>/e-NNNNN.yaml      entity cards
    OUTDIR/facts/relations/bNN/r-NNNNN.yaml        relation cards
    OUTDIR/.synth.json                             the parameters (a marker for reuse)

in the real card format. Every quote is copied from the generated text, so `factex check OUTDIR`
reports no errors and no warnings. The same arguments give byte-identical output.

How quotes are kept unique: every entity has a made-up *key word* ("Voltendal") that no other word
in the corpus equals, and capital letters occur only at the start of words. Every quote contains a
key word followed by a non-letter and lies inside one sentence (it has no full stop except perhaps
its last character), so each of its occurrences lies in a sentence that mentions that entity. The
generator records those sentences and checks each quote against them before writing it.

The sources carry typography on purpose: curly apostrophes and quotation marks, em dashes,
non-breaking spaces and (in some sources) hard-wrapped lines; some quotes are typed with straight
apostrophes, plain hyphens and ordinary spaces, so anchoring has to normalise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from explorer.core.text import normalize_quote, normalize_text  # noqa: E402

MARKER = ".synth.json"
# Bump whenever a change to this file changes its output, so stale copies are not reused.
GENERATOR_VERSION = 1
NBSP = "\u00a0"
RSQUO = "\u2019"  # ’
EMDASH = "\u2014"  # —
LDQUO, RDQUO = "\u201c", "\u201d"  # “ ”

# --- vocabulary ----------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

GIVEN = ["Marika", "Tomas", "Ilse", "Joran", "Petra", "Anselm", "Vera", "Oskar", "Lidia", "Matei",
         "Hanne", "Rurik", "Edda", "Casimir", "Noor", "Bertil", "Selma", "Dario", "Ines", "Lukas",
         "Aino", "Fabian", "Greta", "Milo", "Ysolde", "Konrad", "Tilde", "Emil", "Sunniva", "Paavo",
         "Rosa", "Viktor", "Alma", "Henrik", "Leona", "Stellan", "Irma", "Gustav", "Nadia", "Arvid"]

ORG_SUFFIX = ["Holdings", "Group", "Shipping", "Institute", "Council", "Bank", "Foundation",
              "Trading", "Partners", "Logistics", "Insurance", "Cooperative"]
MEDIA_SUFFIX = ["Courier", "Gazette", "Herald", "Radio", "Observer", "Dispatch", "Tribune"]
PLACE_FORMS = ["{k}", "{k}", "Port {k}", "{k} Valley", "{k} Bay", "Upper {k}"]
EVENT_FORMS = ["{k} Summit", "{k} Accord", "{k} Fair", "{k} Talks", "{k} Regatta"]
VESSEL_FORMS = ["{k} Star", "{k} Spirit", "{k} Voyager", "{k} Queen"]
PRODUCT_FORMS = ["{k} Grain Blend", "{k} Diesel", "{k} Turbine", "{k} Cable", "{k} Tractor"]

TYPES = [("person", 38), ("organization", 27), ("place", 14), ("media", 6), ("event", 5),
         ("vessel", 5), ("product", 5)]

REGIONS = ["the northern coast", "the river valley", "the eastern provinces", "the capital",
           "a fishing village in the south", "the western islands", "the old mining district",
           "the border region", "the lake country", "the southern plains", "the delta towns",
           "the hill country", "a suburb of the capital", "the far north"]

DESCRIPTORS = {
    "person": (["a harbour envoy", "a trade negotiator", "a retired customs officer", "a shipping lawyer",
                "a regional governor", "a union organiser", "a grain broker", "a port engineer",
                "a veteran journalist", "a former finance minister", "an insurance underwriter",
                "a ferry captain", "a city councillor", "a prominent economist", "a timber merchant",
                "a deputy mayor", "a fisheries inspector", "an energy consultant"],
               ["from {r}", "who grew up in {r}", "based in {r}", "long active in {r}"]),
    "organization": (["a mid-sized grain trader", "a state-owned shipping firm", "a family-run insurer",
                      "a regional development bank", "a private logistics company", "a fishing cooperative",
                      "an engineering consultancy", "a timber exporter", "a small research institute",
                      "a ferry operator", "a fuel distributor", "a charitable foundation"],
                     ["based in {r}", "with offices across {r}", "founded in {r}", "that dominates {r}"]),
    "place": (["a small harbour town", "a market town", "a river crossing", "a former mining town",
               "a fishing port", "a sheltered bay", "an industrial suburb", "a border town"],
              ["on {r}", "in {r}", "at the edge of {r}", "near {r}"]),
    "media": (["a weekly newspaper", "a local radio station", "a business daily", "an online news site",
               "a trade journal", "an evening paper"],
              ["published in {r}", "widely read in {r}", "that covers {r}", "owned by a trust in {r}"]),
    "event": (["a trade summit", "a shipping fair", "a round of border talks", "a regional accord",
               "an annual boat race"],
              ["held each spring in {r}", "that brought together traders from {r}", "hosted by {r}"]),
    "vessel": (["a bulk carrier", "a coastal ferry", "a refrigerated cargo ship", "an ageing tanker",
                "a research vessel"],
               ["registered in {r}", "that sails along {r}", "often seen off {r}"]),
    "product": (["a feed grain blend", "a marine diesel", "a small wind turbine", "a subsea cable",
                 "a compact tractor"],
                ["made in {r}", "sold across {r}", "popular in {r}"]),
}

EXTRA_NOUNS = {
    "person": ["office", "family", "legal team", "memoir", "campaign"],
    "organization": ["board", "head office", "audit committee", "warehouse", "annual report"],
    "place": ["harbour", "market", "old town", "council", "railway station", "fishing fleet"],
    "media": ["editor", "newsroom", "coverage", "owner", "front page"],
    "event": ["organising committee", "programme", "guest list", "budget"],
    "vessel": ["crew", "owner", "engine room", "cargo hold"],
    "product": ["maker", "price", "design", "distributor"],
}
EXTRA_VPS = ["has long been a fixture of local politics", "drew attention in the region{q}s press",
             "was the subject of a lengthy inquiry", "employs some {n}{sp}people",
             "wasn{q}t available for comment", "has grown steadily {d} despite the downturn",
             "is described by rivals as {lq}difficult{rq}", "moved to new premises last year",
             "reported costs of {n}{sp}crowns", "didn{q}t respond to written questions",
             "has been in the news before {d} most recently over a land dispute"]

PREDICATES = [
    "signed a supply accord with", "acquired a stake in", "met with", "financed", "hired", "advised",
    "sold two cargo ships to", "criticised", "partnered with", "sued", "lent money to", "praised",
    "opened talks with", "bought grain from", "supplied fuel to", "audited", "welcomed",
    "hosted a delegation from", "merged with", "endorsed", "rejected an offer from", "paid", "warned",
    "insured", "chartered a vessel from", "sponsored", "investigated", "represented",
    "trained staff for", "shipped timber to", "borrowed from", "leased a warehouse to",
    "recruited engineers from", "cancelled a contract with", "wrote to", "negotiated with",
    "donated to", "competed with", "visited", "relocated staff to",
]

ARRANGEMENTS = ["arrangement", "deal", "link", "dealings", "relationship", "episode"]
OUTCOMES = ["was later confirmed by both sides", "drew sharp questions in the region{q}s press",
            "has not been publicly disputed", "was described as {lq}routine{rq} by one official",
            "came under review a year later", "surprised few people on {r}",
            "remains a sore point {d} at least for some", "was raised again at a council hearing"]

HEDGES = ["There have also been reports that", "It is widely believed that", "Some observers suspect that",
          "It could be that", "Several people claim that", "It is possible that"]
REPORTS = ["According to {a}, {s}", "{a} reported that {s}", "As {a} confirmed to reporters, {s}",
           "{a} says {s}"]
REPORT_TAIL = ", {a} said"
OPINION_PRE = ["In this writer{q}s view, {s} rightly", "{s} clearly", "{s} obviously"]
OPINION_POST = ["", ", and the move was clearly overdue", " {d} a decision that is obviously in everyone{q}s interest"]
STATED_PRE = ["{s}", "{s}", "Earlier, {s}", "Last year, {s}", "That autumn, {s}", "Meanwhile, {s}",
              "By then, {s}"]
VIA = ["intermediaries", "a broker", "a trust fund", "a local agent", "a subsidiary"]

# Filler: English-like prose with no proper names.
F_NP = ["the committee", "local officials", "several observers", "the harbour board", "residents",
        "the ministry", "analysts", "the shipping season", "trade volumes", "the northern ports",
        "the weather", "the old warehouses", "the ferry timetable", "most small traders",
        "the regional press", "the council", "fishing crews", "the auditors", "younger workers",
        "the grain market", "insurers", "the rail link", "the customs office", "the fleet"]
F_VP = ["remained cautious about the months ahead", "had expected a quieter year",
        "pointed to rising fuel costs", "noted that demand had picked up again",
        "could not agree on a timetable", "saw little reason for alarm",
        "reacted slowly to the changes", "kept a close eye on prices",
        "asked for more time to study the figures", "warned of delays along the coast",
        "described the mood as tense but hopeful", "had little to say in public",
        "welcomed the news with some relief", "questioned whether the plan was realistic",
        "struggled through a long and wet winter", "argued that nothing much had changed"]
F_TAIL = ["", "", "", ", at least for now", " {d} as they often do", ", and few were surprised",
          " in the region{q}s smaller towns", " despite what one official called {lq}a quiet season{rq}",
          ", though it wasn{q}t clear why", " {d} or so it seemed", ", according to people close to the talks"]

TITLE_WORDS = ["Harbour", "Trade", "Ports", "Grain", "Coast", "Council", "Season", "Ferries",
               "Timber", "Markets", "Shipping", "Weather", "Money", "Valley", "Islands"]

ONSETS = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr",
          "kl", "st", "tr", "sk"]
VOWELS = ["a", "e", "i", "o", "u", "ei", "au"]
CODAS = ["", "", "", "n", "r", "l", "s", "th", "nd", "rk", "lt"]


def _reserved_words() -> set[str]:
    words: set[str] = set()
    for group in (MONTHS, GIVEN, ORG_SUFFIX, MEDIA_SUFFIX, TITLE_WORDS):
        words.update(w.lower() for w in group)
    texts = [*PLACE_FORMS, *EVENT_FORMS, *VESSEL_FORMS, *PRODUCT_FORMS, *REGIONS, *PREDICATES,
             *ARRANGEMENTS, *OUTCOMES, *HEDGES, *REPORTS, *OPINION_PRE, *OPINION_POST, *STATED_PRE,
             *VIA, *F_NP, *F_VP, *F_TAIL, *EXTRA_VPS]
    for d in DESCRIPTORS.values():
        texts += d[0] + d[1]
    for n in EXTRA_NOUNS.values():
        texts += n
    for t in texts:
        for w in t.replace(",", " ").split():
            words.add(w.strip("{}").lower())
    return words


# --- helpers -------------------------------------------------------------------------------------


def yq(s: str) -> str:
    """A YAML scalar for `s`: plain when that is safe, else single-quoted."""
    if (
        s
        and s == s.strip()
        and s[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in s
        and " #" not in s
        and not s.endswith(":")
        and s not in ("~", "null", "Null", "NULL")
        and "\n" not in s
        and "\t" not in s
    ):
        return s
    return "'" + s.replace("'", "''") + "'"


def _fill(template: str, rng: random.Random, **kw) -> str:
    """Fill {q} (apostrophe), {d} (em dash), {lq}/{rq}, {sp} (nbsp), {n} (a number), {r} and kw."""
    values = {"q": RSQUO, "d": EMDASH, "lq": LDQUO, "rq": RDQUO, "sp": NBSP}
    if "{n}" in template:
        values["n"] = f"{rng.randint(12, 9800):,}"
    if "{r}" in template:
        values["r"] = rng.choice(REGIONS)
    values.update(kw)
    return template.format(**values)


class Entity:
    __slots__ = ("id", "type", "key", "name", "aliases", "descriptor", "description", "home",
                 "mentions", "introduced", "evidence", "extra", "n_rel")

    def __init__(self, eid, etype, key, name, aliases, descriptor, home):
        self.id = eid
        self.type = etype
        self.key = key
        self.name = name
        self.aliases = aliases
        self.descriptor = descriptor
        self.description = descriptor[0].upper() + descriptor[1:] + "."
        self.home = home
        self.mentions: list[int] = []  # indices of sentences that contain the key word
        self.introduced = False
        self.evidence: list[tuple[int, str, str | None]] = []  # (sentence, quote, note)
        self.extra = False
        self.n_rel = 0


class Relation:
    __slots__ = ("id", "subject", "predicate", "object", "certainty", "attribution", "qualifiers",
                 "followup", "source", "evidence")

    def __init__(self, rid, subject, predicate, obj):
        self.id = rid
        self.subject = subject
        self.predicate = predicate
        self.object = obj
        self.certainty = "stated"
        self.attribution: Entity | None = None
        self.qualifiers: list[tuple] = []  # (key, value, text in the sentence, place entity or None)
        self.followup = False
        self.source = 0
        self.evidence: list[tuple[int, str, str | None]] = []


class Generator:
    def __init__(self, sources: int, entities: int, relations: int, seed: int):
        if sources < 1 or entities < 2 or relations < 0:
            raise ValueError("need at least 1 source and 2 entities")
        if relations > entities * (entities - 1) * len(PREDICATES) // 4:
            raise ValueError(f"too many relations for {entities} entities: each (subject, predicate, object) is used once")
        self.rng = random.Random(seed)
        self.n_sources, self.n_entities, self.n_relations = sources, entities, relations
        self.sentences: list[str] = []  # every sentence of the corpus, in order
        self.sentence_source: list[int] = []
        self._norm_cache: dict[int, str] = {}
        self.reserved = _reserved_words()

    # -- model ----------------------------------------------------------------------------------

    def make_key(self, used: set[str]) -> str:
        rng = self.rng
        while True:
            n = rng.choice((2, 2, 3, 3, 3))
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(n))
            if len(word) < 5 or len(word) > 13 or word in used or word in self.reserved:
                continue
            used.add(word)
            return word.capitalize()

    def make_entities(self) -> None:
        rng = self.rng
        width = max(5, len(str(self.n_entities)))
        # source sizes: mostly 0.5-1.5 of the mean, a few small ones
        self.weights = [rng.uniform(0.1, 0.2) if rng.random() < 0.06 else rng.uniform(0.4, 1.15)
                        for _ in range(self.n_sources)]
        types = [t for t, _ in TYPES]
        tweights = [w for _, w in TYPES]
        used: set[str] = set()
        self.entities: list[Entity] = []
        for i in range(self.n_entities):
            etype = rng.choices(types, tweights)[0]
            key = self.make_key(used)
            aliases: list[str] = []
            if etype == "person":
                name = f"{rng.choice(GIVEN)} {key}"
                aliases = [key]
            elif etype == "organization":
                name = f"{key} {rng.choice(ORG_SUFFIX)}"
                aliases = [key]
            elif etype == "media":
                name = f"{key} {rng.choice(MEDIA_SUFFIX)}"
            else:
                forms = {"place": PLACE_FORMS, "event": EVENT_FORMS, "vessel": VESSEL_FORMS,
                         "product": PRODUCT_FORMS}[etype]
                name = rng.choice(forms).format(k=key)
                if name != key and rng.random() < 0.5:
                    aliases = [key]
            nouns, tails = DESCRIPTORS[etype]
            descriptor = f"{rng.choice(nouns)} {rng.choice(tails).format(r=rng.choice(REGIONS))}"
            home = rng.choices(range(self.n_sources), self.weights)[0]
            self.entities.append(Entity(f"e-{i + 1:0{width}d}", etype, key, name, aliases, descriptor, home))
        self.by_home: list[list[Entity]] = [[] for _ in range(self.n_sources)]
        for e in self.entities:
            self.by_home[e.home].append(e)
        self.speakers = [e for e in self.entities if e.type in ("media", "person", "organization")]
        self.places = [e for e in self.entities if e.type == "place"]

    def make_relations(self) -> None:
        rng = self.rng
        width = max(5, len(str(self.n_relations)))
        seen: set[tuple[str, str, str]] = set()
        self.relations: list[Relation] = []
        certainties = ["stated", "reported", "hedged", "opinion"]
        cweights = [50, 25, 15, 10]
        for i in range(self.n_relations):
            while True:
                src = rng.choices(range(self.n_sources), self.weights)[0]
                local = self.by_home[src]
                subj = rng.choice(local) if local and rng.random() < 0.85 else rng.choice(self.entities)
                obj = rng.choice(local) if local and rng.random() < 0.7 else rng.choice(self.entities)
                pred = rng.choice(PREDICATES)
                if subj is obj or (subj.id, pred, obj.id) in seen:
                    continue
                seen.add((subj.id, pred, obj.id))
                break
            rel = Relation(f"r-{i + 1:0{width}d}", subj, pred, obj)
            rel.source = src
            rel.certainty = rng.choices(certainties, cweights)[0]
            if rel.certainty == "reported":
                while True:
                    a = rng.choice(self.speakers)
                    if a is not subj and a is not obj:
                        break
                rel.attribution = a
            rel.qualifiers = self.make_qualifiers(subj, obj)
            rel.followup = rng.random() < 0.15
            subj.n_rel += 1
            obj.n_rel += 1
            self.relations.append(rel)

    def make_qualifiers(self, subj: Entity, obj: Entity) -> list[tuple]:
        rng = self.rng
        out: list[tuple] = []
        n = rng.choices((0, 1, 2), (45, 40, 15))[0]
        kinds = rng.sample(["date", "amount", "place", "via"], n)
        kinds.sort(key=["place", "via", "amount", "date"].index)
        for kind in kinds:
            if kind == "date":
                year, month = rng.randint(1990, 2024), rng.randint(1, 12)
                if rng.random() < 0.5:
                    out.append(("date", f"{MONTHS[month - 1]} {year}", f" in {MONTHS[month - 1]} {year}", None))
                else:
                    day = rng.randint(1, 28)
                    sep = NBSP if rng.random() < 0.5 else " "
                    text = f" on {day}{sep}{MONTHS[month - 1]} {year}"
                    value = f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.5 else f"{day} {MONTHS[month - 1]} {year}"
                    out.append(("date", value, text, None))
            elif kind == "amount":
                if rng.random() < 0.5:
                    m = rng.randint(2, 950)
                    text = (f" {EMDASH} a deal worth ${m}{NBSP}million {EMDASH}" if rng.random() < 0.3
                            else f" for ${m}{NBSP}million")
                    out.append(("amount", f"${m} million", text, None))
                else:
                    t = rng.randint(1200, 99000)
                    out.append(("amount", f"{t:,} tonnes", f" covering {t:,}{NBSP}tonnes of cargo", None))
            elif kind == "place":
                place = rng.choice(self.places) if self.places else None
                if place is None or place is subj or place is obj:
                    continue
                out.append(("place", place.name, f" in {place.name}", place))
            else:
                via = rng.choice(VIA)
                out.append(("via", via, f" through {via}", None))
        return out

    # -- text -----------------------------------------------------------------------------------

    def add_sentence(self, text: str, source: int, mentioned: list[Entity]) -> int:
        idx = len(self.sentences)
        self.sentences.append(text)
        self.sentence_source.append(source)
        for e in mentioned:
            if not e.mentions or e.mentions[-1] != idx:
                e.mentions.append(idx)
        return idx

    def mention(self, e: Entity) -> str:
        if e.aliases and self.rng.random() < 0.55:
            return e.aliases[0]
        return e.name

    def short(self, e: Entity) -> str:
        return e.aliases[0] if e.aliases else e.name

    def filler(self) -> str:
        rng = self.rng
        np_ = rng.choice(F_NP)
        s = f"{np_[0].upper()}{np_[1:]} {rng.choice(F_VP)}{_fill(rng.choice(F_TAIL), rng)}."
        return s

    def intro_sentence(self, e: Entity, source: int) -> list[int]:
        """A standalone sentence introducing `e`, plus perhaps an extra one: their indices."""
        rng = self.rng
        out = []
        form = rng.random()
        if form < 0.5:
            text = f"{e.name} is {e.descriptor}."
            quote = text
        else:
            tail = rng.choice(["declined to comment", "did not reply to requests for comment",
                               "has featured in these pages before", "was mentioned only in passing",
                               "is rarely discussed outside the region"])
            if rng.random() < 0.3:
                text = f"{e.name} {EMDASH} {e.descriptor} {EMDASH} {tail}."
                quote = f"{e.name} {EMDASH} {e.descriptor}"
            else:
                text = f"{e.name}, {e.descriptor}, {tail}."
                quote = f"{e.name}, {e.descriptor}"
        idx = self.add_sentence(text, source, [e])
        e.evidence.append((idx, quote, None))
        e.introduced = True
        out.append(idx)
        out += self.extra_sentence(e, source)
        return out

    def extra_sentence(self, e: Entity, source: int) -> list[int]:
        rng = self.rng
        if rng.random() >= 0.25:
            return []
        text = f"{self.short(e)}{RSQUO}s {rng.choice(EXTRA_NOUNS[e.type])} {_fill(rng.choice(EXTRA_VPS), rng)}."
        idx = self.add_sentence(text, source, [e])
        e.evidence.append((idx, text, rng.choice([None, None, "background", "how the article describes it"])))
        return [idx]

    def relation_sentences(self, rel: Relation, source: int) -> list[int]:
        rng = self.rng
        s, o = rel.subject, rel.object
        out: list[int] = []
        # A new subject or object is introduced in the sentence itself ("X, a grain trader, ...");
        # if that makes the sentence too long to quote whole, in a sentence of its own just before.
        s_inline, o_inline = not s.introduced, not o.introduced and rng.random() < 0.6
        for attempt in range(30):
            text, intros, mentioned = self.draft_relation(rel, s_inline, o_inline)
            if 30 <= len(text) <= 200:
                break
            if len(text) > 200:
                if o_inline:
                    o_inline = False
                elif s_inline:
                    s_inline = False
        else:  # pragma: no cover - the pieces are short enough
            raise RuntimeError(f"no relation sentence of 30-200 characters: {text}")
        for e in (o, s):
            if not e.introduced and not (s_inline if e is s else o_inline):
                out += self.intro_sentence(e, source)
        idx = self.add_sentence(text, source, mentioned)
        out.append(idx)
        rel.evidence.append((idx, text, rng.choice([None, None, None, "the article's wording"])))
        for e, quote in intros:
            e.evidence.append((idx, quote, None))
            e.introduced = True
        for e, _ in intros:
            out += self.extra_sentence(e, source)
        if rel.followup:
            lead = rng.choice(ARRANGEMENTS)
            text = (f"The {lead} between {self.short(s)} and {self.short(o)} "
                    f"{_fill(rng.choice(OUTCOMES), rng)}.")
            idx = self.add_sentence(text, source, [s, o])
            out.append(idx)
            rel.evidence.append((idx, text, rng.choice([None, "a later sentence confirms it"])))
        return out

    def _introduce(self, e: Entity, rest: str) -> tuple[str, str]:
        """`e` named with its descriptor in apposition, joined to the text that follows it; and
        the quote for the entity card."""
        dash = self.rng.random() < 0.3
        quote = f"{e.name} {EMDASH} {e.descriptor}" if dash else f"{e.name}, {e.descriptor}"
        if rest[:1] in (",", "."):
            return quote + rest, quote
        return quote + (f" {EMDASH}" if dash else ",") + rest, quote

    def draft_relation(self, rel: Relation, s_inline: bool, o_inline: bool):
        """The sentence telling `rel`, the (entity, quote) introductions in it, who it names."""
        rng = self.rng
        s, o = rel.subject, rel.object
        intros = []
        qual = "".join(q[2] for q in rel.qualifiers)
        if qual.endswith(EMDASH):
            qual = qual[: -len(EMDASH)].rstrip()
        mentioned = [s, o] + [q[3] for q in rel.qualifiers if q[3] is not None]
        if rel.certainty == "reported":
            a = rel.attribution
            a_text = self.mention(a)
            mentioned.append(a)
            if rng.random() < 0.25:
                lead, tail = "{s}", REPORT_TAIL.format(a=a_text)
            else:
                lead, tail = rng.choice(REPORTS).format(a=a_text, s="{s}"), ""
        elif rel.certainty == "hedged":
            lead, tail = f"{rng.choice(HEDGES)} {{s}}", ""
        elif rel.certainty == "opinion":
            lead, tail = _fill(rng.choice(OPINION_PRE), rng, s="{s}"), _fill(rng.choice(OPINION_POST), rng)
        else:
            lead, tail = rng.choice(STATED_PRE), ""
        after_o = qual + tail + "."
        if o_inline:
            o_part, quote = self._introduce(o, after_o)
            intros.append((o, quote))
        else:
            o_part = self.mention(o) + after_o
        head, _, verb_part = lead.partition("{s}")
        after_s = f"{verb_part} {rel.predicate} {o_part}"
        if s_inline:
            s_part, quote = self._introduce(s, after_s)
            intros.append((s, quote))
        else:
            s_part = self.mention(s) + after_s
        text = head + s_part
        text = text[0].upper() + text[1:]
        return text, intros, mentioned

    # -- assembly -------------------------------------------------------------------------------

    def build_sources(self) -> list[str]:
        rng = self.rng
        items: list[list[object]] = [[] for _ in range(self.n_sources)]
        for rel in self.relations:
            items[rel.source].append(rel)
        for e in self.entities:
            if e.n_rel == 0:
                items[e.home].append(e)
        texts = []
        for si in range(self.n_sources):
            todo = items[si]
            rng.shuffle(todo)
            title = (f"{rng.choice(TITLE_WORDS)}, {rng.choice(TITLE_WORDS).lower()} and "
                     f"{rng.choice(TITLE_WORDS).lower()}: notes from dispatch {si + 1}")
            paragraphs: list[list[int]] = []
            lead = [self.add_sentence(self.filler(), si, []) for _ in range(rng.randint(1, 3))]
            paragraphs.append(lead)
            i = 0
            while i < len(todo):
                k = rng.randint(2, 5)
                para: list[int] = []
                for item in todo[i : i + k]:
                    if rng.random() < 0.1:
                        para.append(self.add_sentence(self.filler(), si, []))
                    if isinstance(item, Relation):
                        para += self.relation_sentences(item, si)
                    elif not item.introduced:
                        para += self.intro_sentence(item, si)
                if rng.random() < 0.25:
                    para.append(self.add_sentence(self.filler(), si, []))
                paragraphs.append(para)
                i += k
            wrap = rng.random() < 0.3
            body = []
            for para in paragraphs:
                text = " ".join(self.sentences[j] for j in para)
                body.append(_wrap(text, 76) if wrap else text)
            texts.append(title + "\n\n" + "\n\n".join(body) + "\n")
        return texts

    # -- checks ---------------------------------------------------------------------------------

    def _norm(self, idx: int) -> str:
        n = self._norm_cache.get(idx)
        if n is None:
            n = self._norm_cache[idx] = normalize_text(self.sentences[idx])
        return n

    def verify(self, typed: str, key_entity: Entity, idx: int) -> None:
        """The typed quote occurs once in the corpus, in sentence `idx`."""
        nq = normalize_quote(typed)
        if not 30 <= len(typed) <= 200:
            raise RuntimeError(f"quote length {len(typed)} out of range: {typed!r}")
        if nq not in self._norm(idx):
            raise RuntimeError(f"quote not in its sentence: {typed!r}")
        k = key_entity.key
        pos = nq.find(k)
        while pos >= 0 and nq[pos + len(k) : pos + len(k) + 1].isalpha():
            pos = nq.find(k, pos + 1)
        if pos < 0 or pos + len(k) >= len(nq):
            raise RuntimeError(f"quote lacks the key word {k!r} followed by a non-letter: {typed!r}")
        if "." in nq[:-1]:
            raise RuntimeError(f"quote holds a full stop: {typed!r}")
        count = sum(self._norm(j).count(nq) for j in key_entity.mentions)
        if count != 1:
            raise RuntimeError(f"quote occurs {count} times: {typed!r}")

    def type_quote(self, quote: str) -> str:
        """The quote as someone might type it: plain spaces, sometimes plain punctuation."""
        rng = self.rng
        q = " ".join(quote.split())  # NBSP and line breaks become plain spaces
        if RSQUO in q and rng.random() < 0.5:
            q = q.replace(RSQUO, "'")
        if EMDASH in q and rng.random() < 0.4:
            q = q.replace(EMDASH, "-")
        if LDQUO in q and rng.random() < 0.5:
            q = q.replace(LDQUO, '"').replace(RDQUO, '"')
        return q


def _wrap(text: str, width: int) -> str:
    """Hard-wrap at plain spaces (never at a non-breaking space)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


# --- writing -------------------------------------------------------------------------------------


def _prepare(outdir: Path) -> None:
    """Make `outdir` ready: refuse to clobber a folder this script did not make."""
    outdir.mkdir(parents=True, exist_ok=True)
    facts, seeds = outdir / "facts", outdir / "seeds"
    occupied = any(p.exists() and any(p.iterdir()) for p in (facts, seeds))
    if occupied and not (outdir / MARKER).exists():
        raise SystemExit(f"{outdir}: holds facts/ or seeds/ not made by synth.py ({MARKER} missing); not overwriting")
    (outdir / MARKER).unlink(missing_ok=True)
    for p in (facts, seeds):
        if p.exists():
            shutil.rmtree(p)


def params_of(sources: int, entities: int, relations: int, seed: int) -> dict:
    """What the marker records; a workspace with the same values is the same, byte for byte."""
    return {"sources": sources, "entities": entities, "relations": relations, "seed": seed,
            "generator": GENERATOR_VERSION}


def generate(outdir, sources: int = 100, entities: int = 10000, relations: int = 20000, seed: int = 1) -> dict:
    """Write the synthetic workspace into `outdir`; returns the parameters and counts."""
    outdir = Path(outdir)
    g = Generator(sources, entities, relations, seed)
    g.make_entities()
    g.make_relations()
    texts = g.build_sources()
    rng = g.rng

    params = params_of(sources, entities, relations, seed)
    _prepare(outdir)
    # Written first so that an interrupted run can be overwritten; completed at the end.
    (outdir / MARKER).write_text(json.dumps(dict(params, complete=False)) + "\n", encoding="utf-8")
    seeds = outdir / "seeds"
    seeds.mkdir()
    swidth = max(3, len(str(sources)))
    source_ids = [f"src-{i + 1:0{swidth}d}" for i in range(sources)]
    for sid, text in zip(source_ids, texts):
        (seeds / f"{sid}.txt").write_text(text, encoding="utf-8", newline="\n")

    def evidence_lines(items, key_entity: Entity) -> list[str]:
        lines = ["evidence:"]
        for idx, quote, note in items:
            typed = g.type_quote(quote)
            g.verify(typed, key_entity, idx)
            with_source = rng.random() < 0.15
            if note is None and not with_source and rng.random() < 0.1:
                lines.append(f"  - {yq(typed)}")  # the shorthand form
                continue
            lines.append(f"  - quote: {yq(typed)}")
            if with_source:
                lines.append(f"    source: {source_ids[g.sentence_source[idx]]}")
            if note:
                lines.append(f"    note: {yq(note)}")
        return lines

    ent_root = outdir / "facts" / "entities"
    for t, _ in TYPES:
        (ent_root / t).mkdir(parents=True, exist_ok=True)
    for e in g.entities:
        lines = ["kind: entity", f"name: {yq(e.name)}", f"type: {e.type}"]
        if e.aliases:
            lines.append("aliases:")
            lines += [f"  - {yq(a)}" for a in e.aliases]
        if rng.random() < 0.8:
            lines.append(f"description: {yq(e.description)}")
        lines += evidence_lines(e.evidence, e)
        (ent_root / e.type / f"{e.id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")

    rel_root = outdir / "facts" / "relations"
    for n, rel in enumerate(g.relations):
        folder = rel_root / f"b{n // 2000:02d}"
        if n % 2000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        lines = ["kind: relation", f"subject: {rel.subject.id}", f"predicate: {yq(rel.predicate)}",
                 f"object: {rel.object.id}"]
        if rel.qualifiers:
            lines.append("qualifiers:")
            lines += [f"  {q[0]}: {yq(q[1])}" for q in rel.qualifiers]
        if rel.certainty != "stated" or rng.random() < 0.3:
            lines.append(f"certainty: {rel.certainty}")
        if rel.attribution is not None:
            lines.append(f"attribution: {rel.attribution.id}")
        lines += evidence_lines(rel.evidence, rel.subject)
        (folder / f"{rel.id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")

    summary = dict(params, complete=True, source_bytes=sum(len(t.encode()) for t in texts),
                   quotes=sum(len(e.evidence) for e in g.entities) + sum(len(r.evidence) for r in g.relations))
    (outdir / MARKER).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Generate a deterministic synthetic factex workspace.")
    p.add_argument("outdir")
    p.add_argument("--sources", type=int, default=100)
    p.add_argument("--entities", type=int, default=10000)
    p.add_argument("--relations", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    t0 = time.perf_counter()
    summary = generate(a.outdir, a.sources, a.entities, a.relations, a.seed)
    print(f"wrote {a.outdir}: {a.sources} sources ({summary['source_bytes'] / 1e6:.1f} MB), "
          f"{a.entities} entities, {a.relations} relations, {summary['quotes']} quotes "
          f"in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
