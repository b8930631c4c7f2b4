"""Suggestions: names in a source that no entity covers yet, for a carder to card.

A careful heuristic, no model: runs of capitalised words (with "of", "the", "for", "and" inside,
as in "Central Committee of the Workers' Party of Korea"), acronyms (TASS, KCNA, U.N., KN-23), a
byline ("byOliver Parken") and short names inside quotes ("the Beast"). Titles and honorifics in
front are stripped ("Russian President Vladimir Putin" -> "Vladimir Putin", "Israeli Lt. Col. Nadav
Shoshani" -> "Nadav Shoshani"); a sentence's first word counts only when it is capitalised elsewhere
too; headline lines (most words capitalised) are skipped; months, days and nationality adjectives
are not names. German, which capitalises every noun, has rules of its own (see `_german_names`). The same name recurring is one suggestion with every occurrence, a surname alone
("Shoshani said") joins the full name, and an acronym in brackets after a name ("Korean Central
News Agency (KCNA)") joins it as an alias. Each gets a guessed type.

Offsets are into the source's original text; a suggestion any of whose occurrences overlaps an
entity mention (explorer.core.mentions) is already covered and left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from itertools import accumulate
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from explorer.core.paragraphs import prose
from explorer.core.text import UNSPACED_CHARS, fold, normalize_quote

if TYPE_CHECKING:
    from explorer.core.anchoring.sources import Source
    from explorer.core.loading.loader import FactBase

_APOS = "'\u2019"
# A word: letters/digits with inner hyphens or apostrophes (Marzec-Manser, People's), a dotted
# acronym (U.N., U.S.), or an abbreviation with its full stop (Lt., Col., Sgt.).
# (A word of letters stops where a script written without spaces starts: "AFPに明らかにした" is
# "AFP" and Japanese, which has no capitals to find names by.)
_W = "[^\\W" + UNSPACED_CHARS + "]"
_UNSPACED_RUN = re.compile("[" + UNSPACED_CHARS + "]+")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Lt|Col|Sgt|Gen|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Capt|St|Jr|Maj|Adm)\.(?=\s+[A-Z])|"
                    # a middle initial between names ("Brian M. Good", "John F. Kennedy"), not a
                    # capital ending a sentence ("Plan B. The ...")
                    r"(?<=[a-z] )[A-Z]\.(?= [A-Z][a-z])(?! (?:The|A|An|He|She|It|They|We|I|In|On|At|But|And|This|That|His|Her|Its|There|Then|So)\b)|"
                    + _W + "+(?:[-" + _APOS + "]" + _W + "+)*[" + _APOS + "]?")

CONNECTORS = {"of", "the", "for", "de", "du", "von", "van", "der", "al", "bin", "ibn", "bint", "la", "le", "del", "da",
              "di", "della", "delle", "dei", "degli", "do", "dos", "das"}  # (Italian, Portuguese: "Scuola d'Arte di Glasgow")
TITLES = {
    "president", "prime", "minister", "foreign", "defense", "defence", "interior", "finance", "secretary",
    "general", "lt.", "col.", "sgt.", "gen.", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "capt.",
    "chairman", "chairwoman", "chancellor", "king", "queen", "prince", "princess", "pope", "supreme", "leader",
    "ayatollah", "spokesman", "spokeswoman", "spokesperson", "deputy", "vice", "premier", "ambassador", "judge",
    "justice", "prosecutor", "commander", "chief", "director", "adviser", "advisor", "senator", "governor", "mayor",
    "colonel", "lieutenant", "sergeant", "captain", "admiral", "marshal", "officer", "state", "head", "cardinal",
    "sheikh", "emir", "sultan", "lord", "sir", "dame", "mr", "mrs", "ms", "dr", "former", "acting",
    "commissioner", "treasurer", "attorney", "inspector", "solicitor", "auditor", "chair", "chairperson",
}
# Titles that name a role, after which a person's name follows inside one capitalised run:
# "Australian Federal Police Commissioner Andrew Colvin", "Patrol Chief James Hall" (the words
# that only qualify a title, "Prime", "Foreign", "General", are not among them).
ROLE_TITLES = TITLES - {"prime", "foreign", "defense", "defence", "interior", "finance", "general", "state",
                        "supreme", "former", "acting", "deputy", "vice", "head", "lord", "sir", "dame"}
DEMONYMS = {
    "russian", "korean", "ukrainian", "iranian", "israeli", "lebanese", "american", "chinese", "british", "french",
    "german", "syrian", "palestinian", "iraqi", "european", "japanese", "indian", "turkish", "polish", "italian",
    "spanish", "canadian", "australian", "egyptian", "saudi", "afghan", "pakistani", "belarusian", "soviet",
    "western", "eastern", "northern", "southern", "north", "south", "east", "west",
    "african", "asian", "arab", "latin", "dutch", "swiss", "greek", "scottish", "irish", "welsh", "english",
    "mexican", "cuban", "kurdish", "emirati", "qatari", "yemeni", "moroccan", "czech", "thai", "filipino",
    "kazakh", "uzbek", "somali", "kenyan", "chilean", "venezuelan", "peruvian", "nigerian", "brazilian",
    "argentine", "colombian", "scandinavian", "nordic", "baltic", "balkan", "asian-american", "african-american",
    # (faiths and movements named by their followers, capitalised as demonyms are: "hard-line
    # Muslims known as Salafists", "Tunisian Islamists", "the Islamist Muslim Brotherhood": they
    # were suggested, the Brotherhood as a person "Islamist Muslim Brotherhood")
    "muslim", "islamist", "jihadist", "salafist", "sunni", "shiite", "shia", "copt", "coptic", "jewish", "hindu",
    "sikh", "buddhist", "catholic", "protestant", "evangelical", "libyan", "tunisian", "algerian", "kuwaiti",
    "omani", "bahraini", "malian", "chadian", "ivorian", "haitian", "bolivian", "ecuadorian", "nicaraguan",
    "muslims", "islamists", "jihadists", "salafists", "sunnis", "shiites", "copts", "hindus", "sikhs", "buddhists",
    "catholics", "protestants", "evangelicals", "libyans", "tunisians", "algerians", "kuwaitis",
    # (French, capitalised for the people: "Un troisième Français", "des Allemands")
    "français", "française", "françaises", "allemand", "allemands", "allemande", "allemandes", "anglais",
    "anglaise", "anglaises", "américain", "américains", "américaine", "américaines", "russe", "russes",
    "chinois", "chinoise", "chinoises", "italien", "italiens", "italienne", "italiennes", "espagnol",
    "espagnols", "espagnole", "espagnoles", "européen", "européens", "européenne", "européennes",
    "britannique", "britanniques", "suisse", "suisses", "belge", "belges", "japonais", "japonaise",
}
_ADJECTIVE_ENDINGS = ("-made", "-backed", "-installed", "-run", "-based", "-led", "-controlled", "-owned")
# What a name's last word may carry that is not the name: "New York-area airports" (New York)
_NAME_SUFFIXES = _ADJECTIVE_ENDINGS + ("-area", "-born", "-style", "-era", "-linked", "-bound", "-wide", "-like")
# Single words that are never names to card, though written in capitals: units of time and
# business shorthand ("9 a.m. ET", "TV networks", "CEOs").
NOT_NAMES = {"et", "est", "edt", "pst", "pdt", "cst", "cdt", "mst", "mdt", "gmt", "utc", "bst", "cet", "cest",
             "tv", "ceo", "ceos", "cfo", "cto", "coo", "gdp", "vip", "vips", "faq", "pdf", "usb", "ok"}
# Institutions named by one common word, capitalised for the one the story is about: cardable.
INSTITUTIONS = {"senate", "parliament", "congress", "knesset", "duma", "bundestag", "pentagon", "kremlin",
                "politburo", "cabinet", "ombudsman"}
# A lower-case word right after a name that says what it names ("the Royal Free hospital").
_TYPE_AFTER = {
    "hospital": "organization", "university": "organization", "agency": "organization",
    "party": "organization", "council": "organization", "committee": "organization", "bank": "organization",
    "company": "organization", "institute": "organization", "foundation": "organization", "club": "organization",
    "school": "organization", "college": "organization", "church": "organization", "airline": "organization",
    "newspaper": "organization", "network": "organization", "group": "organization",
    "airport": "place", "station": "place", "stadium": "place", "square": "place", "street": "place",
    "river": "place", "valley": "place", "county": "place", "province": "place", "region": "place",
    "district": "place", "island": "place", "prison": "place", "hotel": "place", "camp": "place",
    "beach": "place", "harbour": "place", "harbor": "place", "mountain": "place", "tribe": "organization",
}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
          # (Indonesian, Malay and Dutch spellings no name shares: "sejak 19 Oktober 2019"; "Mei", "Juni"
          # and "Juli" are names too)
          "januari", "februari", "maret", "agustus", "oktober", "desember"}
# A month written short before a day, as wire copy dates ("Feb 27", "Sept 3"): never a name.
MONTH_SHORT = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_DAY_AFTER = re.compile(r"\.? \d{1,2}\b")
# What follows a wire story's dateline place, first on its line: "WASHINGTON, Feb 27 - ",
# "LONDON, March 3 (Reuters) - ", "NEW YORK, N.Y. -- ", "PARIS (AP) — ", "GENEVA, Switzerland - ".
_DATELINE_REST = re.compile(
    r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?=,|\s+\(|\s+[-\u2013\u2014]))?"  # a state or country
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # the date
    r"(?:\s+\([A-Z][\w ]{0,30}\))?"  # the agency
    r"\s+(?:-{1,2}|\u2013|\u2014)\s")
# A transcript's speaker labels that name no one ("QUESTION: ...", "Q: ...").
SPEAKER_WORDS = {"q", "a", "question", "answer", "questions", "moderator", "reporter", "reporters", "interviewer",
                 "host", "anchor", "audience", "voice", "voices", "unidentified", "male", "female", "speaker",
                 "narrator", "caller", "crosstalk", "applause", "laughter", "note", "editor's note", "update",
                 "correction", "breaking", "live", "watch", "read more", "related", "advertisement"}
DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        # (Indonesian and Malay, capitalised before a date: "Kamis (1/2/2024)", "pada Rabu (31/1/2024)")
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu"}
# Words that start sentences (or headings) capitalised but are never names on their own.
COMMON = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "in", "on", "at", "as", "by", "for", "from",
    "with", "while", "when", "where", "like", "according", "however", "meanwhile", "then", "but", "and", "or",
    "even", "there", "following", "after", "before", "since", "during", "if", "so", "some", "many", "most",
    "nine", "two", "three", "four", "five", "six", "seven", "eight", "ten", "one", "first", "second", "our",
    "we", "he", "she", "they", "his", "her", "their", "nor", "still", "separately", "residents", "relatives",
    "additional", "video", "contact", "side-profile", "blurred", "providing", "gifting", "getting", "high-end",
    "yesterday", "today", "afterwards", "also", "any", "all", "no", "not", "what", "who", "how", "why",
    "i", "you", "my", "your", "an", "analysts", "officials", "people", "i'm", "i've", "i'd", "i'll",
    "les", "une",  # (French: "Les Français rapatriés")
    # (a Romance sentence's first word before a name: "Después Horrach habló", "Ayer Castro dijo")
    "después", "además", "mientras", "luego", "ayer", "hoy", "según", "también", "asimismo", "entonces",
    "aunque", "cuando", "tras", "pero", "así", "depois", "além", "enquanto", "ontem", "hoje", "também",
    "então", "embora", "quando", "após", "après", "hier", "aujourd'hui", "selon", "aussi", "alors", "pendant",
    "dopo", "ieri", "oggi", "anche", "allora", "mentre", "però", "inoltre", "intanto",
}
ORG_WORDS = {
    "agency", "committee", "party", "council", "service", "ministry", "government", "company", "corp", "corp.",
    "inc", "inc.", "news", "media", "association", "university", "union", "bank", "forces", "force", "army",
    "navy", "office", "organization", "organisation", "regiment", "energy", "group", "department",
    "resistance", "brigade", "brigades", "institute", "court", "parliament", "house", "congress", "senate",
    "commission", "hospital", "nations", "press", "tass", "network", "television", "radio", "foundation", "fund", "club",
    "police", "administration", "bureau", "corporation", "authority", "board", "alliance", "coalition",
    "federation", "league", "movement", "society", "trust", "airlines", "airways", "railways", "motors",
    "holdings", "industries", "ombudsman", "project", "brotherhood", "international", "assembly",
    # (the same in Spanish, Portuguese, French, Italian, German)
    "ministerio", "ministério", "ministère", "ministero", "ministerium", "gobierno", "governo", "gouvernement",
    "regierung", "partido", "parti", "partito", "partei", "consejería", "consejo", "conseil", "consiglio",
    "universidad", "universidade", "université", "università", "universität", "banco", "banque", "banca",
    "comisión", "comissão", "commissione", "kommission", "agencia", "agência", "agence", "agenzia", "agentur",
    "tribunal", "tribunale", "gericht", "asamblea", "assemblée", "senado", "sénat", "senato", "congreso",
    "ayuntamiento", "mairie", "comune", "policía", "polícia", "polizia", "polizei", "ejército", "armée",
    "esercito", "fundación", "fundação", "fondation", "fondazione", "stiftung", "instituto", "institut",
    "istituto", "empresa", "société", "società", "konzern", "grupo", "groupe", "gruppo", "gruppe",
    "asociación", "associação", "associazione", "verband", "unión", "união", "unione", "federación",
    "fédération", "comité", "comitato", "sindicato", "syndicat", "sindacato", "gewerkschaft", "hospital",
    "hôpital", "ospedale", "krankenhaus", "defensor", "defensoría", "fiscalía", "procura", "parquet",
    "scuola", "escola", "escuela", "école", "accademia", "academia", "académie", "museo", "museu", "musée",
}
PLACE_WORDS = {
    "cosmodrome", "city", "province", "region", "sea", "river", "island", "peninsula", "bank", "strip", "square",
    "street", "camp", "crossing", "mosque", "valley", "mountains", "gulf", "bay", "lake", "airport", "port",
    "far", "east", "west", "plant", "steelworks", "border", "mosalla",
    "lakes", "islands", "coast", "county", "district", "desert", "ocean", "canal", "heights",
    "harbour", "harbor", "beach", "beaches", "mountain", "mount", "forest", "reef", "cape", "creek", "glacier",
    "volcano", "highway", "avenue", "boulevard", "bridge", "canyon", "falls",
    "quai", "rue", "gare", "aéroport", "île", "lac", "calle", "plaza", "río", "isla",  # (French, Spanish)
}
REGIONS = {"midwest", "northeast", "northwest", "southeast", "southwest"}
# Continents and the regions named by a point of the compass and one (a demonym's word before a
# place was taken off: "North Africa" was "Africa", an organisation).
CONTINENTS = {"africa", "europe", "asia", "oceania", "antarctica", "americas", "eurasia", "arctic", "mediterranean",
              "caribbean", "sahel", "sahara", "balkans", "caucasus", "levant", "maghreb", "scandinavia", "siberia"}
WORLD_REGIONS = {f"{point} {land}" for point in ("north", "south", "east", "west", "northern", "southern", "eastern",
                                                  "western", "central", "southeast", "northeast", "sub-saharan")
                 for land in ("africa", "europe", "asia", "america")} | {"middle east", "near east", "far east",
                                                                          "latin america", "the gulf", "horn of africa"}
# Connectors inside a name that join only after a word heading an institution or a role
# ("Committee for the Protection of Journalists", "Minister for Health"): "New York for Newark",
# "Thursday for the Northeast" are two names.
_FOR_HEADS = ORG_WORDS | TITLES | {
    "center", "centre", "centers", "centres", "campaign", "coalition", "alliance", "league", "society",
    "federation", "movement", "front", "school", "college", "program", "programme", "initiative", "project",
    "partnership", "coordinator", "envoy", "representative", "rapporteur", "prize", "award", "doctors",
    "reporters", "physicians", "friends", "secretariat", "tribunal", "mission", "minister", "ministry",
}
VEHICLE_WORDS = {"limousine", "limousines", "car", "senat", "maybach", "mercedes", "aurus", "royce", "beast"}
COUNTRIES = {
    "russia", "ukraine", "north korea", "south korea", "korea", "china", "japan", "iran", "iraq", "israel",
    "lebanon", "syria", "united states", "u.s.", "us", "usa", "america", "germany", "france", "britain",
    "united kingdom", "uk", "india", "pakistan", "turkey", "egypt", "saudi arabia", "belarus", "poland",
    "singapore", "dprk", "democratic people's republic of korea", "canada", "australia", "italy", "spain",
}
COUNTRIES |= {  # (in German)
    "deutschland", "frankreich", "russland", "ukraine", "vereinigte staaten", "großbritannien", "italien",
    "spanien", "polen", "österreich", "schweiz", "türkei", "indien", "nordkorea", "südkorea", "japan", "china",
    "israel", "iran", "syrien", "ägypten", "belarus", "weißrussland", "niederlande", "belgien", "kanada",
}
COUNTRIES |= {
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "austria", "azerbaijan",
    "bahamas", "bahrain", "bangladesh", "barbados", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia",
    "botswana", "brazil", "brunei", "bulgaria", "burkina faso", "burundi", "cambodia", "cameroon", "chad", "chile",
    "colombia", "congo", "costa rica", "croatia", "cuba", "cyprus", "czech republic", "czechia", "denmark",
    "djibouti", "dominican republic", "ecuador", "el salvador", "eritrea", "estonia", "eswatini", "ethiopia", "fiji",
    "finland", "gabon", "gambia", "georgia", "ghana", "greece", "guatemala", "guinea", "guyana", "haiti",
    "honduras", "hungary", "iceland", "indonesia", "ireland", "jamaica", "jordan", "kazakhstan", "kenya", "kosovo",
    "kuwait", "kyrgyzstan", "laos", "latvia", "lesotho", "liberia", "libya", "liechtenstein", "lithuania",
    "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius",
    "mexico", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar", "burma", "namibia",
    "nepal", "netherlands", "new zealand", "nicaragua", "niger", "nigeria", "north macedonia", "norway", "oman",
    "palestine", "panama", "papua new guinea", "paraguay", "peru", "philippines", "portugal", "qatar", "romania",
    "rwanda", "scotland", "england", "wales", "northern ireland", "senegal", "serbia", "sierra leone", "slovakia",
    "slovenia", "somalia", "south africa", "south sudan", "sri lanka", "sudan", "suriname", "sweden", "switzerland",
    "taiwan", "tajikistan", "tanzania", "thailand", "togo", "trinidad and tobago", "tunisia", "turkmenistan",
    "uganda", "united arab emirates", "uae", "uruguay", "uzbekistan", "vatican", "venezuela", "vietnam", "yemen",
    "zambia", "zimbabwe", "great britain", "hong kong", "puerto rico", "greenland",
}
COUNTRIES |= {  # (in Portuguese, Spanish, French and Italian, as far as they differ; accents folded)
    "brasil", "estados unidos", "etats-unis", "stati uniti", "alemanha", "alemania", "allemagne", "germania",
    "franca", "francia", "espanha", "espana", "espagne", "spagna", "italia", "russia", "rusia", "russie",
    "chine", "cina", "japao", "japon", "giappone", "inde", "inglaterra", "angleterre", "inghilterra",
    "reino unido", "royaume-uni", "regno unito", "ucrania", "ucraina", "libano", "liban",
    "siria", "syrie", "egito", "egipto", "egypte", "egitto", "turquia", "turquie", "grecia", "grece",
    "holanda", "paises baixos", "paises bajos", "pays-bas", "paesi bassi", "belgica", "belgique", "belgio",
    "suica", "suiza", "suisse", "svizzera", "polonia", "pologne", "suecia", "suede", "svezia", "noruega",
    "norvege", "canada", "australia", "africa do sul", "sudafrica", "afrique du sud", "marrocos", "marruecos",
    "maroc", "marocco", "arabia saudita", "arabie saoudite", "irlanda", "irlande", "escocia", "ecosse",
    "uruguai", "paraguai", "equador", "mocambique", "cabo verde", "timor-leste", "guine", "guinea-bissau",
    "coreia do norte", "coreia do sul", "corea del norte", "corea del sur", "coree du nord", "coree du sud",
    "mexique", "messico", "argentine", "bresil", "perou", "colombie", "venezuela", "cuba", "chili",
}
# The states of the United States and of Australia, the provinces of Canada: places.
STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
    "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "west virginia", "washington", "wisconsin", "wyoming", "new south wales", "victoria",
    "queensland", "tasmania", "ontario", "quebec", "alberta", "manitoba", "saskatchewan", "british columbia",
}
# What the last word of a name says it is ("Data Retention Bill", "Thanksgiving Day Parade").
_KIND_OF_LAST = {
    "bill": "law", "act": "law", "treaty": "law", "accord": "law", "convention": "law",
    "parade": "event", "festival": "event", "summit": "event", "games": "event", "olympics": "event",
    "election": "event", "elections": "event", "war": "event", "conference": "event", "marathon": "event",
    "cup": "event", "championship": "event", "championships": "event", "forum": "event",
    "spring": "event", "revolution": "event", "uprising": "event", "intifada": "event",
}
# An event a people names, the demonym its name's ("Arab Spring": it was "Spring", an organisation).
_DEMONYM_EVENTS = {"spring", "revolution", "uprising", "intifada"}
# The institutions a title word heads ("Interior Ministry", "State Department", "Supreme Court"):
# the word is the name's there, not a title to take off.
_INSTITUTION_HEADS = {"ministry", "department", "court", "assembly", "council", "committee", "office", "commission",
                      "bureau", "tribunal", "directorate", "secretariat", "cabinet", "command", "agency"}
# What the first word of a name says it is where a language puts the kind first (Portuguese,
# Spanish, French, Italian: "Copa América", "Campeonato Brasileiro", "Rio de Janeiro", "São Braz",
# "Lei Maria da Penha"; they were people).
_KIND_OF_FIRST = {
    **dict.fromkeys(("copa", "coupe", "coppa", "campeonato", "championnat", "campionato", "torneio", "torneo",
                     "tournoi", "jogos", "juegos", "jeux", "giochi", "mundial", "festival", "eleições", "elecciones",
                     "élections", "elezioni", "guerra", "guerre", "cúpula", "cumbre", "sommet", "vertice"), "event"),
    **dict.fromkeys(("lei", "ley", "loi", "legge", "tratado", "traité", "trattato", "decreto", "décret"), "law"),
    **dict.fromkeys(("repubblica", "república", "république", "reino", "regno", "royaume"), "country"),
    # (courts, the treasury, a royal household, regional governments: "Juzgado de Instrucción",
    # "Audiencia de Palma", "Hacienda Pública", "Casa Real", "Junta de Andalucía"; they were people)
    **dict.fromkeys(("juzgado", "audiencia", "hacienda", "casa", "corte", "cortes", "cámara", "câmara", "chambre",
                     "camera", "junta", "xunta", "generalitat", "diputación", "cour", "conselho", "ordem", "orden",
                     "ordre", "supremo", "secretaría", "secretaria", "procuraduría", "contraloría",
                     "guardia", "guarda", "gendarmerie", "prefeitura", "préfecture", "prefettura", "questura",
                     "mossos", "ertzaintza", "carabineros", "carabinieri"), "organization"),
    # (Arabic words heading the names of movements and armed groups: "Ansar al-Sharia", "Jabhat
    # al-Nusra", "Hizb ut-Tahrir", "Jaish al-Adl", "Kataib Hezbollah"; they were people)
    **dict.fromkeys(("ansar", "jabhat", "hizb", "harakat", "jaish", "liwa", "kataib", "saraya", "tanzim"),
                    "organization"),
    **dict.fromkeys(("vía", "via", "avenida", "avenue", "paseo", "passeig", "carrer", "rua", "travessa", "largo",
                     "piazza", "plaça", "praça", "place", "boulevard", "viale", "corso", "rambla"), "place"),
    **dict.fromkeys(("rio", "río", "são", "san", "santa", "santo", "saint", "sainte", "porto", "puerto", "ciudad",
                     "cidade", "ilha", "isla", "lago", "monte", "serra", "sierra", "praia", "playa", "vale", "valle",
                     "estado", "província", "provincia", "bairro", "barrio", "morro", "ponte", "puente"), "place"),
}
# Titles a Romance language writes in lower case before a name ("o técnico Tite", "el presidente
# Sánchez", "le ministre Le Maire"): the name is a person's (Tite was an organisation).
ROMANCE_TITLES = {
    "presidente", "presidenta", "ex-presidente", "vice-presidente", "vicepresidente", "président", "présidente",
    "ministro", "ministra", "ministre", "primeiro-ministro", "primeira-ministra", "técnico", "técnica", "treinador",
    "treinadora", "entrenador", "entrenadora", "deputado", "deputada", "diputado", "diputada", "député", "députée",
    "senador", "senadora", "sénateur", "governador", "governadora", "gobernador", "gobernadora", "prefeito",
    "prefeita", "alcalde", "alcaldesa", "maire", "sindaco", "secretário", "secretária", "secretario", "secretaria",
    "juiz", "juíza", "juez", "jueza", "juge", "giudice", "rei", "rainha", "rey", "reina", "roi", "reine", "papa",
    "jogador", "jogadora", "jugador", "jugadora", "joueur", "atacante", "goleiro", "portero", "porta-voz", "portavoz",
    "porte-parole", "comandante", "coronel", "capitão", "capitán", "capitaine", "senhor", "senhora", "señor",
    "señora", "monsieur", "madame", "signor", "signora", "dom", "don", "doña", "dona", "sr.", "sra.", "jornalista",
    "periodista", "journaliste", "advogado", "advogada", "abogado", "abogada", "avocat", "avocate", "cantor",
    "cantora", "ator", "atriz", "actor", "actriz", "escritor", "escritora", "empresário", "empresária", "empresario",
}
# Royal and noble titles a Romance language writes capitalised for the one holder the story means.
ROYAL_TITLES = {"infanta", "infante", "príncipe", "princesa", "principe", "principessa", "prince", "princesse",
                "duque", "duquesa", "duca", "duchessa", "duc", "duchesse", "rei", "rey", "re", "roi", "reina", "regina"}
# Organisations whose names hold no word that says so, two capitalised words read as a person's:
# armed groups and movements the news names often ("Boko Haram" was a person).
KNOWN_ORGANIZATIONS = {
    "kremlin", "pentagon", "hezbollah", "hamas", "unicef", "boko haram", "al-qaeda", "al qaeda", "al-shabaab",
    "al-shabab", "taliban", "islamic state", "jabhat al-nusra", "ansar allah", "houthis", "wagner", "fatah",
    "islamic jihad", "tehrik-i-taliban", "lashkar-e-taiba", "jaish-e-mohammed", "abu sayyaf", "sendero luminoso",
}
# Verbs of saying a Romance language puts before the speaker ("ha scherzato Obama", "disse Lula",
# "dijo Sánchez", "a déclaré Macron"): the name after one is a person's (Obama was an organisation).
# (Words no English sentence has, so a story too short to tell its language by is read so too.)
ROMANCE_SAID = {
    "detto", "diceva", "afferma", "affermato", "dichiarato", "spiegato", "aggiunto", "scherzato", "sottolineato",
    "disse", "dizia", "afirmou", "afirma", "declarou", "falou", "acrescentou", "explicou", "ressaltou",
    "dijo", "afirmó", "declaró", "explicó", "añadió", "señaló", "aseguró", "indicó",
    "déclaré", "affirmé", "expliqué", "ajouté", "souligné", "affirme", "explique", "ajoute", "estime",
}
# Holidays: events, never people ("Happy Thanksgiving" was suggested as a person), and the
# greetings that come before them, which are no part of the name.
HOLIDAYS = {"thanksgiving", "christmas", "easter", "ramadan", "eid", "eid al-fitr", "eid al-adha", "hanukkah",
            "diwali", "passover", "halloween", "new year", "new year's", "new year's eve", "christmas eve",
            "independence day", "memorial day", "labor day", "labour day", "boxing day", "yom kippur",
            "rosh hashanah", "lunar new year", "chinese new year", "valentine's day", "mother's day",
            "father's day", "veterans day", "bastille day", "anzac day", "good friday", "lent", "advent"}
GREETINGS = {"happy", "merry"}
# Diseases named with a capital (and the viruses behind them): diseases, never organisations
# ("diagnosed with Ebola" made Ebola an organisation).
DISEASES = {"ebola", "covid", "covid-19", "coronavirus", "sars", "sars-cov-2", "mers", "hiv", "aids", "zika",
            "mpox", "monkeypox", "h1n1", "h5n1", "marburg", "lassa", "nipah", "alzheimer's", "parkinson's",
            "crohn's", "huntington's", "creutzfeldt-jakob"}
PLACE_BEFORE = {"in", "at", "near", "from", "to", "around", "across", "into", "of", "via", "outside", "toward",
                "towards", "throughout"}
PLACE_BEFORE |= {"à", "au", "aux", "en", "dans", "vers", "depuis"}  # (French, and Spanish "en": "arrivé à Katmandou")
PLACE_BEFORE |= {"em"}  # (Portuguese: "em Lisboa"; not "no", "na": "no SporTV" is on a channel)
# (Vietnamese: "ở Bình Định", "tại Phú Yên", "tỉnh Bình Định", "huyện Tuy Phước", "xã Phước Thuận",
# "sông Hinh", "từ Quảng Ngãi đến Bình Thuận": the places were people)
PLACE_BEFORE |= {"ở", "tại", "tỉnh", "huyện", "xã", "sông", "quận", "phường", "phố", "từ", "đến", "thị", "đường"}


@dataclass(slots=True)  # (a long source has hundreds of thousands: no dict each)
class Occurrence:
    start: int
    end: int
    line: int
    column: int
    text: str


@dataclass
class Suggestion:
    name: str
    type: str
    source: str
    why: str  # "name", "acronym", "quoted name", "byline"
    occurrences: list[Occurrence] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    alias_of: str | None = None  # the carded person whose surname this one word is: an alias missing

    @property
    def first(self) -> Occurrence:
        return self.occurrences[0]

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "source": self.source,
            "why": self.why,
            "aliases": list(self.aliases),
            "alias_of": self.alias_of,
            "occurrences": [{"start": o.start, "end": o.end, "line": o.line, "column": o.column, "text": o.text}
                            for o in self.occurrences],
        }


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    name: str
    why: str
    title: bool = False  # a title was stripped in front: a person
    place_ctx: bool = False  # preceded by "in", "at", "from"...
    alias_of: int | None = None  # index of the candidate an acronym in brackets belongs to
    kind_after: str | None = None  # what the lower-case word after it says it is ("hospital")


_ELIDED = re.compile("[dDlL][" + _APOS + "](?=[^\\W\\d_])")


def _elided(word: str) -> bool:
    """A French (or Italian) article or "de" elided before a capitalised word: "d’Orsay" (inside
    "Quai d’Orsay"), "L’Airbus"."""
    return _ELIDED.match(word) is not None and word[2:3].isupper()


def _cap(word: str) -> bool:
    return word[:1].isupper()


# An Arabic name romanised writes its article or its "son of" in lower case, joined to the next
# word by a hyphen: "Bashar al-Assad", "Abdel Fattah el-Sisi", "Muqtada al-Sadr", "ad-Din",
# "ash-Sharaa". Such a word is a name's ("al-Assad" was where "Bashar" stopped, and a sentence's
# "Ayman al-Zawahiri" was the lone "Ayman", dropped as the sentence's first word).
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ed|an|ar|as|ash|at|az|ul|ud|ut|ur|ibn|bin|bint|ben|abu|abd)-(?=[^\W\d_])")


def _particle_name(word: str) -> bool:
    """A romanised Arabic article or "son of" joined to a capitalised word: "al-Assad", "el-Sisi"."""
    m = _PARTICLE_NAME.match(word)
    return m is not None and word[m.end() : m.end() + 1].isupper()


def _acronym(word: str) -> bool:
    core = word.replace(".", "").replace("-", "")
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and core.isalnum()


def _base_word(word: str) -> tuple[str, bool]:
    """The word without a possessive ('s or s'), and whether it had one."""
    for suffix in ("'s", "\u2019s"):
        if word.endswith(suffix) and len(word) > 2:
            return word[: -2], True
    if word and word[-1] in _APOS:
        return word[:-1], True
    return word, False


def _initials_of(acronym: str, words: list[str]) -> bool:
    """Are the acronym's letters, in order, initials of the name's words (or of their parts:
    "KN" of "Korean-Nuclear")?"""
    initials = "".join(part[:1].upper() for w in words for part in re.split(r"[-\s]", w) if part)
    letters = [c for c in acronym if c.isalpha()]
    it = iter(initials)
    return len(letters) >= 2 and all(c in it for c in letters)


def _headline(words: Iterable[str], line: str) -> bool:
    """A title-case line: at least four words, most of them capitalised, no full stop at its end.
    (`words` is read once, counted as it comes: a line may be a whole source.)"""
    if line.rstrip().endswith((".", "!", "?", '"', "\u201d", ",")):
        return False
    alpha = capitals = 0
    for w in words:
        if w[:1].isalpha():
            alpha += 1
            capitals += _cap(w)
    uncased = sum(1 for _ in _UNSPACED_RUN.finditer(line))  # runs of a script without spaces, and without capitals
    if alpha + uncased < 4:
        return False
    return capitals >= 0.7 * (alpha + uncased)


_WORD_AFTER = re.compile(r" ([a-z]+)\b")
_DIGIT_AFTER = re.compile(r",? \d")


def _date_word(text: str, tok: tuple[int, int, str]) -> bool:
    """A day's name, or a month's before a day or a year: where a name stops."""
    low = tok[2].lower()
    return low in DAYS or (low in MONTHS and _DIGIT_AFTER.match(text, tok[1]) is not None)


def _not_a_name_word(text: str, start: int, word: str) -> bool:
    """A capitalised word that starts no name: a hashtag or handle ("#ATL24"), or a tabloid lede's
    first word in capitals ("A HIGH-powered team")."""
    if start and text[start - 1] in "#@":
        return True
    parts = word.split("-")
    return len(parts) > 1 and len(parts[0]) > 1 and parts[0].isupper() and any(p.islower() for p in parts[1:])


def _generic_head(run: list[int], toks: list, j: int, n: int, text: str) -> bool:
    """A run of one capitalised word that is no institution's, before a connector and a name of two
    words or more: the word is a sentence's, the name stands alone ("el Ejecutivo de José Luis
    Rodríguez Zapatero", "Dermatología del Hospital de Albacete")."""
    if len(run) != 1 or _base_word(toks[j][2])[0].lower() in _FOR_HEADS:
        return False
    k = j + 1
    while k < n and toks[k][2] in CONNECTORS:
        k += 1
    if k >= n or not _cap(toks[k][2]):
        return False
    if _base_word(toks[k][2])[0].lower() in ORG_WORDS:
        return True  # "... del Hospital de Albacete"
    return k + 1 < n and _cap(toks[k + 1][2]) and text[toks[k][1] : toks[k + 1][0]] == " "


def _role_word(word: str) -> bool:
    low = _base_word(word)[0].lower()
    return low in ROLE_TITLES or ("-" in low and all(p in TITLES for p in low.split("-")))


def _role_at(words: list[str]) -> tuple[int, int] | None:
    """Where a role title stands inside a run, with a person's name (one to four words, none an
    institution's or an acronym) after it and something before it: (where the title starts, where
    the name starts); None if nowhere. The title takes the title words around its role word:
    "UK Prime Minister Keir Starmer", "NATO Secretary General Mark Rutte" (UK, NATO; the person)."""
    for k in range(len(words) - 2, 0, -1):
        if not _role_word(words[k]):
            continue
        j = k + 1
        while j < len(words) - 1 and _base_word(words[j])[0].lower() in TITLES:
            j += 1  # ("Secretary General", "Attorney General")
        rest = words[j:]
        if len(rest) <= 4 and all(_cap(x) and not _acronym(x) and x.lower() not in CONNECTORS
                                  and _base_word(x)[0].lower() not in ORG_WORDS | PLACE_WORDS | TITLES for x in rest):
            while k > 0 and _base_word(words[k - 1])[0].lower() in TITLES - {"state"}:
                k -= 1  # ("Prime Minister", "Deputy Prime Minister", "Foreign Minister")
            return k, j
        return None
    return None


_ROMANCE_WORDS = {"que", "de", "do", "da", "dos", "das", "não", "em", "com", "uma", "um", "por", "para", "el", "los",
                  "las", "del", "y", "les", "des", "du", "et", "est", "il", "che", "di", "della", "è", "é", "foi", "fue"}


_ID_WORDS = {"yang", "dan", "dengan", "untuk", "ini", "itu", "dari", "dalam", "tidak", "akan", "pada", "juga",
             "karena", "bahwa", "oleh", "sebagai", "telah", "sudah", "kepada", "atau", "tersebut", "adalah"}
# Indonesian and Malay titles before a name, which English shares no word with ("Presiden Joko Widodo",
# "Pak Luhut", "Mantan Komisioner ..."); "Pak" and "Bu" are Korean and Chinese names elsewhere.
ID_TITLES = {"presiden", "pak", "bu", "bapak", "ibu", "mantan", "wakil", "komisioner", "gubernur", "jenderal"}


_ID_ALL_TITLES = TITLES | ID_TITLES


def _indonesian(text: str) -> bool:
    """Is `text` (its start) in Indonesian or Malay, by its commonest words? There "di" (at, in)
    between two capitalised words joins no name ("Pratikno di Istana Negara")."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    found = sum(1 for w in words if w in _ID_WORDS)
    return found >= 10 and found > 2 * sum(1 for w in words if w in _EN_WORDS)


_VI_LETTERS = re.compile("[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0]")


_VI_ALL_TITLES = TITLES | {"ông"}  # ("Ông Trần Châu": Mr; not "Bà", Mrs, which begins the province Bà Rịa)


def _vietnamese(text: str) -> bool:
    """Is `text` (its start) Vietnamese, by its letters: ơ, ư and the vowels with a tone mark and
    another mark (ạ ế ộ ữ...), which no other language writes, among at least one letter in fifty?"""
    head = text[:20000]
    found = len(_VI_LETTERS.findall(head))  # (the letters are counted only where some are found)
    return found >= 3 and found * 50 >= sum(1 for c in head if c.isalpha())


def _romance(text: str) -> bool:
    """Is `text` (its start) in Portuguese, Spanish, French or Italian rather than English, by its
    commonest words?"""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    romance = sum(1 for w in words if w in _ROMANCE_WORDS)
    return romance >= 10 and romance > 2 * sum(1 for w in words if w in _EN_WORDS)


def _candidates(text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    # A Romance language writes its demonyms in lower case ("os brasileiros"): there a capitalised
    # word ending as an English demonym ends is a name ("pelo Corinthians": it was left out).
    romance = _romance(text)
    indonesian = _indonesian(text)
    vietnamese = not indonesian and _vietnamese(text)
    capital_elsewhere: set[str] = set()  # words capitalised somewhere not starting a sentence
    lowered: set[str] = set()  # words seen in lower case
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    # Each line's words are read twice, and not kept between: first what the whole text says of
    # each word (written in lower case somewhere, capitalised where no sentence starts), then the
    # names. A line is read a piece of its words at a time (`_token_pieces`): a source of one
    # 50 MB line, its words kept (three objects each), took 2 GB.
    headlines = []
    for lstart, raw in lines:
        headline = _headline((m.group() for m in _TOKEN.finditer(raw)), raw)
        headlines.append(headline)
        prev_end = prev_start = None
        lfirst = lstart + len(raw) - len(raw.lstrip())
        for m in _TOKEN.finditer(raw):
            s, w = m.start() + lstart, m.group()
            if prev_end is not None and not _sentence_start(text[prev_end:s]) \
                    and not _after_dateline(text, lfirst, prev_start, prev_end, s):
                if w[:1].islower():
                    lowered.add(w.lower())
                elif not headline:
                    capital_elsewhere.add(_base_word(w)[0])
            elif w[:1].islower():
                lowered.add(w.lower())
            prev_start, prev_end = s, m.end() + lstart
    for (lstart, raw), headline in zip(lines, headlines):
        # A byline glued to its author: "byOliver Parken".
        m = re.match(r"\s*[Bb]y\s?([A-Z][a-z]+(?: [A-Z][a-z]+)+)", raw)
        if m:
            cands.append(_Cand(lstart + m.start(1), lstart + m.end(1), m.group(1), "byline", title=True))
        if headline:
            continue
        lfirst = lstart + len(raw) - len(raw.lstrip())  # (a name before it is first on its line)
        prev_end = prev_start = None
        for toks, own in _token_pieces(text, lstart, raw):
            starts = set()
            for i in range(own):
                if prev_end is None or _sentence_start(text[prev_end : toks[i][0]]) \
                        or _after_dateline(text, lfirst, prev_start, prev_end, toks[i][0]):
                    starts.add(i)
                prev_start, prev_end = toks[i][0], toks[i][1]
            _names_in(text, toks, own, starts, lfirst, lowered, capital_elsewhere, cands, romance, indonesian, vietnamese)
    # Short names inside quotes: "the Beast".
    for m in re.finditer(r"[\"“]([^\"”\n]{2,40})[\"”]", text):
        inner = m.group(1)
        ws = inner.split()
        if 1 <= len(ws) <= 4 and inner[-1] not in ".,!?;:" and any(_cap(w) for w in ws[1:] or ws) \
                and not all(_cap(w) for w in ws if w.lower() not in CONNECTORS) or (len(ws) <= 3 and inner[-1] not in ".,!?;:" and ws[0][:1].islower() and any(_cap(w) for w in ws)):
            cands.append(_Cand(m.start(1), m.end(1), inner, "quoted name"))
    return cands


def _sentence_start(before: str) -> bool:
    """Does a word after `before` (what stands between it and the word before, on its line) start
    a sentence: after a full stop, a question or exclamation mark, a colon, or an opening quote or
    bracket that follows one of those or a comma?"""
    # (Only the run of non-word characters that ends `before` can say so, and it is taken from the
    # end: `[.!?:]\W*$` over all of `before` ran from each full stop to the next word character
    # and back, quadratic in a run of dots before a character of a script without spaces, which
    # is a word character but no token's: 20,000 such dots took 6.7 s.)
    tail = before[len(before) - _NON_WORD_RUN.match(before[::-1]).end() :]
    return bool(re.search(r"[.!?:]\W*$", tail) or re.search(r"[\"“(\[]\s*$", tail)
                and re.search(r"[.!?:,]\s*[\"“(\[]\s*$", tail))


_NON_WORD_RUN = re.compile(r"\W*")
_DATELINE_DASH = re.compile(r"\s+(?:-{1,2}|\u2013|\u2014)\s+")


def _after_dateline(text: str, lfirst: int, prev_start: int | None, prev_end: int | None, start: int) -> bool:
    """Is the word at `start` the first after a dateline's place in capitals and a dash, first on
    its line ("CAIRO — Gunmen stormed"): a sentence's first word ("Gunmen" was an organisation)?"""
    return (prev_start == lfirst and prev_end - prev_start > 1 and text[prev_start:prev_end].isupper()
            and _DATELINE_DASH.fullmatch(text, prev_end, start) is not None)


_PIECE_TOKENS = 4096  # words of a line read at once, at least


def _token_pieces(text: str, lstart: int, raw: str):
    """The words of one line (`raw`, at `lstart` in `text`) as (start, end, word), a piece at a
    time: (toks, own) where the piece's own words are toks[:own] and the rest are the next few
    words, to look ahead. A piece ends before a word that follows something other than one space
    and is no connector, so no name started in it goes on into the next (a name's words are one
    space apart) and a look past connectors (`_generic_head`) stops within the words given."""
    toks: list[tuple[int, int, str]] = []
    own, size = None, _PIECE_TOKENS
    for m in _TOKEN.finditer(raw):
        t = (m.start() + lstart, m.end() + lstart, m.group())
        if own is None and len(toks) >= size and text[toks[-1][1] : t[0]] != " " and t[2] not in CONNECTORS:
            own = len(toks)
        toks.append(t)
        if own is not None and len(toks) >= own + 4:
            yield toks, own
            toks, own = toks[own:], None
    if own is not None:
        yield toks, own
        toks = toks[own:]
    if toks:
        yield toks, len(toks)


def _names_in(text: str, toks: list, own: int, starts: set, lfirst: int, lowered: set, capital_elsewhere: set,
              cands: list, romance: bool, indonesian: bool = False, vietnamese: bool = False) -> None:
    """The names that start at one of a line's words toks[:own] (the ones after it only looked at),
    added to `cands`. `starts`: the words that start a sentence; `lfirst`: where the line's text
    starts (after its indentation); `romance`: the text is in a Romance language (`_romance`);
    `indonesian`: in Indonesian or Malay (`_indonesian`); `vietnamese`: in Vietnamese (`_vietnamese`)."""
    connectors = CONNECTORS - {"di"} if indonesian else CONNECTORS
    titles = _ID_ALL_TITLES if indonesian else _VI_ALL_TITLES if vietnamese else TITLES
    i = 0
    n = len(toks)
    while i < own:
        s, e, w = toks[i]
        if not (_cap(w) or _acronym(w) or _particle_name(w)) or _not_a_name_word(text, s, w):
            i += 1
            continue
        # Grow a run of capitalised words, connectors allowed inside.
        run = [i]
        j = i
        possessive_stop = _base_word(w)[1] and w.lower().rstrip("'\u2019s") not in ("people", "children", "women", "men")
        while not possessive_stop and j + 1 < n:
            gap = text[toks[j][1] : toks[j + 1][0]]
            if gap != " ":
                break
            nxt = toks[j + 1][2]
            if _date_word(text, toks[j + 1]) or _not_a_name_word(text, toks[j + 1][0], nxt):
                break  # "Glasgow, Scotland December 29": a place, then a date
            if _cap(nxt) or _acronym(nxt) or _elided(nxt) or _particle_name(nxt):
                j += 1
                run.append(j)
                base, poss = _base_word(nxt)
                if poss and base.lower() not in ("people", "children", "women", "men", "workers"):
                    break
                continue
            if nxt in connectors and _generic_head(run, toks, j, n, text):
                run = []  # (the word alone is no name either)
                break
            if nxt in connectors and (nxt != "for" or _base_word(toks[j][2])[0].lower() in _FOR_HEADS):
                k = j + 1
                while k + 1 < n and toks[k + 1][2] in connectors and text[toks[k][1] : toks[k + 1][0]] == " ":
                    k += 1
                if k + 1 < n and text[toks[k][1] : toks[k + 1][0]] == " " and (_cap(toks[k + 1][2]) or _elided(toks[k + 1][2])) and toks[k + 1][2].lower() not in MONTHS | DAYS:
                    run.extend(range(j + 1, k + 2))
                    j = k + 1
                    continue
            break
        i = j + 1
        if not run:
            continue
        words = [toks[k][2] for k in run]
        first = run[0]
        # Strip what is not the name: a sentence's common first word, leading "The", titles
        # and nationality adjectives before a title.
        title = False
        while words:
            low = words[0].lower()
            base_low = _base_word(words[0])[0].lower()
            nxt = words[1].lower() if len(words) > 1 else ""
            if low in COMMON and (first in starts or low in ("the", "a", "an")):
                pass
            elif low in GREETINGS and len(words) > 1:
                pass  # "Happy Thanksgiving": the holiday
            elif (first in starts and len(words) > 1 and len(low) >= 9 and low.endswith("ing")
                  and base_low not in capital_elsewhere):
                pass  # a sentence's first word, a participle: "Neighbouring Liberia"
            elif first in starts and len(words) > 1 and low in lowered and base_low not in capital_elsewhere \
                    and not _acronym(words[0]):
                pass  # a sentence's first word that the text writes in lower case: "En Canarias", "V Evropské"
            elif len(words) > 1 and _base_word(words[1])[0].lower() in _INSTITUTION_HEADS and low in TITLES and not (
                    len(words) > 2 and _cap(words[2]) and _base_word(words[2])[0].lower() not in ORG_WORDS | CONNECTORS):
                break  # a title word heading an institution's name: "Interior Ministry", "State Department",
                # "Supreme Court" (the title was taken off and the institution's word alone left out)
            elif len(words) > 1 and (low in titles or _stem_of(low, _RU_TITLE_STEMS)
                                     or low == "crown" and nxt in ("prince", "princess")
                                     or "-" in low and _role_word(words[0]) and nxt not in CONNECTORS):
                title = True
            elif base_low in DEMONYMS and len(words) > 1 and (nxt in TITLES or nxt in DEMONYMS or nxt == "crown"):
                pass
            elif low in CONNECTORS and low not in ("bin", "ibn", "bint"):
                pass  # ("Bin Salman", "Ibn Khaldun", "Bint Jbeil" begin with theirs)
            else:
                break
            words.pop(0)
            first = run[len(run) - len(words)] if words else first
        while words and (words[-1] in CONNECTORS or words[-1] == "The"):
            words.pop()  # (a capitalised one is a surname: "Joyjeet Das", "Paulo Da")
        # A role inside the run: what comes before it is an organisation, what follows is a
        # person ("Australian Federal Police Commissioner Andrew Colvin").
        role = _role_at(words)
        if role is not None:
            k, j = role
            org = words[:k]
            one = len(org) == 1 and (_acronym(org[0]) or _base_word(org[0])[0].lower() in COUNTRIES | STATES)
            if org and (len(org) > 1 or one) and not all(_base_word(x)[0].lower() in DEMONYMS for x in org):
                o_end = toks[first + k - 1][1]
                cands.append(_Cand(toks[first][0], o_end, text[toks[first][0] : o_end], "name",
                                   kind_after=None if one else "organization"))
            first += j
            words = words[j:]
            title = True
        # A nationality adjective before one more word ("Russian Aurus", "North Korean KN-23",
        # "Russian-made Aurus") is not part of the name; before a noun of its own it is
        # ("European Union", "Korean Central News Agency").
        while len(words) > 1 and " ".join([*words[:-1], _base_word(words[-1])[0]]).lower() not in COUNTRIES | WORLD_REGIONS and (_base_word(words[0])[0].lower() in DEMONYMS or words[0].lower().endswith(_ADJECTIVE_ENDINGS)):
            rest = words[1:]
            if _KIND_OF_FIRST.get(rest[0].lower()) == "organization" or " ".join(rest).lower() in KNOWN_ORGANIZATIONS \
                    or len(rest) == 1 and _base_word(rest[0])[0].lower() not in ORG_WORDS | PLACE_WORDS | _DEMONYM_EVENTS or all(w.lower() in DEMONYMS for w in rest[:-1]) and len(rest) > 1 and rest[-1].lower() not in ORG_WORDS | PLACE_WORDS and _acronym(rest[-1]):
                words.pop(0)
                first += 1
            else:
                break
        if not words:
            continue
        last = first + len(words) - 1
        s0, e0 = toks[first][0], toks[last][1]
        if _elided(words[0]):  # "L’Airbus A350": the article elided before the name is not the name's
            s0 += 2
            words[0] = words[0][2:]
        name = text[s0:e0]
        base, poss = _base_word(words[-1])
        based = False
        if poss:
            e0 -= len(words[-1]) - len(base)
            name = text[s0:e0]
        elif "-" in words[-1] and words[-1].lower().endswith(_NAME_SUFFIXES):
            # "New York-area": the name is New York
            cut = words[-1].rindex("-")
            if not (_cap(words[-1][:cut]) or _particle_name(words[-1][:cut])) or (len(words) == 1 and _base_word(words[0][:cut])[0].lower() in DEMONYMS):
                continue
            based = words[-1].lower().endswith(("-based", "-area"))  # ("a London-based group": a place)
            e0 -= len(words[-1]) - cut
            name = text[s0:e0]
            words[-1] = words[-1][:cut]
        words_low = [x.lower() for x in normalize_quote(name).split(" ")]
        single = len(words_low) == 1
        if all(p in DEMONYMS for w in words_low for p in w.split("-")):
            continue
        if words_low[-1].endswith("ers") and " ".join(words_low)[:-3] in COUNTRIES | STATES:
            continue  # the people of a country or a state: "New Zealanders", "Icelanders", "New Yorkers"
        if single:
            wl = words_low[0]
            if wl in ORG_WORDS | PLACE_WORDS and not _acronym(name) and wl not in INSTITUTIONS:
                continue
            if _KIND_OF_FIRST.get(wl) in ("event", "law"):
                continue  # the kind alone: "antes da Copa" ("Cup")
            if wl in NOT_NAMES or wl.rstrip("s") in DEMONYMS or len(wl) == 1:
                continue
            if wl.endswith("ing") and text.startswith(" by ", e0):
                continue  # a credit line: "(Reporting by ...; Editing by ...)"
            if wl in MONTHS or wl in DAYS or wl in COMMON or wl in TITLES or _stem_of(wl, _RU_TITLE_STEMS):
                continue
            if romance and (wl in ROMANCE_TITLES or wl in ROYAL_TITLES):
                continue  # a title standing for its holder: "la hija del Rey", "la Infanta" (organisations)
            if wl in MONTH_SHORT and _DAY_AFTER.match(text, e0):
                continue
            if wl in DEMONYMS or (wl.endswith(("ian", "ians", "ese", "ish")) and not _acronym(name) and not romance) or wl.endswith(_ADJECTIVE_ENDINGS):
                continue
            if (first in starts and not _acronym(name) and name not in capital_elsewhere
                    and not any(part[:1].isupper() for part in name.split("-")[1:])):
                continue  # (a word capitalised after a hyphen too is no sentence's: "Mar-a-Lago", "Coca-Cola")
        elif all(x in DEMONYMS for x in words_low):
            continue
        if all(x in MONTHS or x in DAYS or x.isdigit() for x in words_low):
            continue
        prev = text[max(0, s0 - 8) : s0].split()
        place_ctx = bool(prev) and prev[-1].lower() in PLACE_BEFORE or based
        before = text[max(0, s0 - 24) : s0]
        if before.endswith(" ") and before.split() and before.split()[-1].islower() and (
                _stem_of(before.split()[-1], _RU_TITLE_STEMS) or before.split()[-1] in ROMANCE_TITLES
                or before.split()[-1] in ROMANCE_SAID and not _acronym(name)):
            title = True  # a title written in lower case before it: "сказал господин Панвалкар", "o técnico Tite"
        # A wire story's dateline, first on its line: the place it was filed from, in capitals
        # ("WASHINGTON, Feb 27 - "), a place, not an acronym's organisation.
        dateline = name.isupper() and s0 <= lfirst and _DATELINE_REST.match(text, e0) is not None
        place_ctx = place_ctx or dateline
        # A transcript's speaker, in capitals first on its line before a colon ("PUTIN: We
        # ..."): a person; a label that names no one ("QUESTION:") is no name.
        speaker = name.isupper() and text[e0 : e0 + 1] == ":"
        if speaker and name.lower() in SPEAKER_WORDS:
            continue
        speaker = speaker and s0 <= lfirst
        title = title or speaker
        after = _WORD_AFTER.match(text, e0)
        kind_after = _TYPE_AFTER.get(after.group(1)) if after and not title else None
        cands.append(_Cand(s0, e0, name, "acronym" if single and _acronym(name) and not (dateline or speaker) else "name",
                           title, place_ctx, kind_after=kind_after))
        # An acronym in brackets right after: "Korean Central News Agency (KCNA)".
        after = text[e0 : e0 + 16]
        m2 = re.match(r" \(((?:[A-Z]\.){2,}|[A-Z][A-Z0-9-]+)\)", after)
        if m2 and not single:
            # its initials ("Korean Central News Agency (KCNA)"): an alias; else its own name
            # (a party or an outlet: "Angela Merkel (CDU)", "Joe Smith (Reuters)")
            alias = _initials_of(m2.group(1), words)
            cands.append(_Cand(e0 + 2, e0 + 2 + len(m2.group(1)), m2.group(1), "acronym",
                               alias_of=len(cands) - 1 if alias else None))


# Russian (and Ukrainian, Bulgarian) decline a noun by its ending: "университете", "министром".
# An institution's or a title's word is known by its stem with an ending of three letters at most.
_RU_ORG_STEMS = ("университет", "министерств", "правительств", "компани", "корпораци", "агентств", "парти",
                 "комитет", "банк", "фонд", "служб", "академи", "институт", "организаци", "ассоциаци",
                 "департамент", "полици", "арми", "коалици", "федераци", "союз", "університет", "міністерств",
                 "уряд", "агентств", "парті", "компані")
_RU_TITLE_STEMS = ("министр", "президент", "премьер", "генерал", "депутат", "господин", "госпож", "посол",
                   "губернатор", "сенатор", "канцлер", "лидер", "председател", "спикер", "директор", "секретар",
                   "міністр", "прем'єр")


_RU_SURNAME_ENDINGS = ("ов", "ев", "ова", "ева", "ин", "ина", "ский", "ская")  # (Генералов is a surname)


def _stem_of(word: str, stems: tuple) -> bool:
    """Is `word` (lower case) one of `stems` with a declension's ending (three letters at most, and
    no surname's: "Генералов")?"""
    if word[:1] < "\u0400":
        return False
    return any(word.startswith(stem) and len(word) - len(stem) <= 3 and word[len(stem):] not in _RU_SURNAME_ENDINGS
               for stem in stems)


def _guess_type(name: str, cand: _Cand, acronym: bool) -> str:
    low = normalize_quote(name).lower()
    words = low.replace("'s", "").split(" ")
    if low in COUNTRIES or fold(low) in COUNTRIES:  # (accents a language writes: "Népal", "Perú")
        return "country"
    if low in HOLIDAYS:
        return "event"
    if low in CONTINENTS or low in WORLD_REGIONS:
        return "place"
    if low in DISEASES:
        return "disease"
    if cand.kind_after:
        return cand.kind_after
    if low in STATES:
        return "place"
    if len(words) > 1 and words[-1] in _KIND_OF_LAST:
        return _KIND_OF_LAST[words[-1]]
    if len(words) > 1 and words[0] in _KIND_OF_FIRST and not cand.title:
        return _KIND_OF_FIRST[words[0]]
    if any(w in ORG_WORDS or _stem_of(w, _RU_ORG_STEMS) for w in words) or low in KNOWN_ORGANIZATIONS:
        return "organization"
    if any(w in PLACE_WORDS or w in REGIONS for w in words):
        return "place"
    if any(w in VEHICLE_WORDS for w in words) and not cand.title:
        return "vehicle"
    if acronym:
        return "organization"
    if cand.title or cand.why == "byline":
        return "person"
    if len(words) > 1 and _acronym(name.split(" ")[0]):  # no person's name starts with an acronym
        last = name.split(" ")[-1]
        return "thing" if len(last) == 1 or last.isdigit() else "organization"  # "OS X"; "BBC Persian", "CNN Arabic"
    if len(words) > 1 and any(c.isdigit() for c in words[-1]):
        return "thing"  # a model's number: "Airbus A350", "Boeing 737", "Galaxy S24" (it was a person)
    if len(words) == 1:
        return "place" if cand.place_ctx else "organization"
    if cand.place_ctx:
        return "place"
    return "person"


def _key(name: str) -> str:
    # (accents folded: a text that writes a name both ways, "caso Nóos" and "caso Noos", names one)
    key = fold(normalize_quote(name)).lower()
    return key[4:] if key.startswith("the ") else key


# --- German: every noun is capitalised -----------------------------------------------------------
#
# In German a capitalised word is more often a noun than a name ("die Sicherheit", "am
# Donnerstagabend"). A word the text puts after an article or a determiner, with at most two
# lowercase words between (adjectives: "der abschließenden Pressekonferenz"), is a common noun
# there and is not suggested alone, nor at the head of a run; titles ("Bundeskanzler",
# "Außenministerin", "Verteidigungsminister") are stripped as English titles are.

_DE_ARTICLES = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine",
    "keinen", "keinem", "keiner", "keines", "dieser", "diese", "dieses", "diesen", "diesem", "jeder", "jede",
    "jedes", "jeden", "jedem", "sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem",
    "ihrer", "unser", "unsere", "unseren", "unserem", "unserer", "zum", "zur", "im", "am", "vom", "beim", "ins",
    "ans", "aufs", "alle", "allen", "viele", "vielen", "mehrere", "mehreren", "einige", "einigen", "welche",
}
_DE_WORDS = {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "sich", "auch", "eine", "einer",
             "für", "auf", "von", "zu", "im", "wurde", "sind", "werden", "nach", "bei"}
_EN_WORDS = {"the", "and", "of", "to", "is", "that", "for", "with", "was", "on", "as", "by", "were", "has", "have"}
_DE_TITLE_ENDINGS = ("minister", "ministerin", "kanzler", "kanzlerin", "präsident", "präsidentin", "sprecher",
                     "sprecherin", "chef", "chefin", "vorsitzende", "vorsitzender", "botschafter", "botschafterin",
                     "general", "generalin", "sekretär", "sekretärin", "direktor", "direktorin", "leiter", "leiterin",
                     "bürgermeister", "bürgermeisterin", "abgeordnete", "abgeordneter", "kommissar", "kommissarin")
# Words that start a German sentence capitalised and are never names.
_DE_FUNCTION = {
    "aus", "in", "bei", "nach", "von", "mit", "für", "auf", "an", "über", "unter", "vor", "seit", "während",
    "wegen", "trotz", "durch", "gegen", "ohne", "um", "als", "wie", "wenn", "dass", "doch", "aber", "und", "oder",
    "auch", "so", "da", "dann", "hier", "heute", "gestern", "morgen", "zwei", "drei", "vier", "fünf", "sechs",
    "sieben", "acht", "neun", "zehn", "er", "sie", "es", "wir", "ich", "man", "nun", "noch", "schon", "laut",
    "zudem", "damit", "deshalb", "dabei", "jetzt", "bisher", "zuvor", "danach", "später", "zunächst", "mehr",
}
_DE_NUMBERS = {"zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf", "hundert",
               "tausend", "beiden", "beide"}
# Endings of German common nouns (a single word with one is not suggested): -ung, -heit, -keit, ...
_DE_NOUN_ENDINGS = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
                    "ität", "itäten", "nis", "nisse", "tum", "ismus", "chen")
_DE_TITLES = {"herr", "frau", "dr.", "prof.", "papst", "könig", "königin", "fürst", "prinz", "prinzessin", "graf"}
_WORD = re.compile(_W + "+(?:[-" + _APOS + "]" + _W + "+)*")


def is_german(source: "Source") -> bool:
    """The source's sidecar says German (`language: de...`), or, without one, its own words do."""
    language = (source.meta.language or "").lower()
    if language:
        return language == "de" or language.startswith("de-")
    words = [w.lower() for w in _WORD.findall(source.text[:20000])]
    de = sum(1 for w in words if w in _DE_WORDS)
    return de >= 10 and de > 2 * sum(1 for w in words if w in _EN_WORDS)


def _german_nouns(text: str) -> set[str]:
    """The capitalised words `text` puts after an article or a determiner (see above)."""
    nouns: set[str] = set()
    # (the last four words only: a source of one 50 MB line kept all its words, three objects each)
    toks: deque = deque(maxlen=4)
    for m in _WORD.finditer(text):
        toks.append((m.start(), m.end(), m.group()))
        w, i = toks[-1][2], len(toks) - 1
        if not w[:1].isupper():
            continue
        for back in range(1, 4):
            if i - back < 0:
                break
            ps, pe, pw = toks[i - back]
            if text[pe:toks[i - back + 1][0]].strip():  # punctuation between: the phrase ended
                break
            if (pw.lower() in _DE_ARTICLES or pw.lower() in _DE_NUMBERS or pw.isdigit()) and (pw[:1].islower() or back == 1 and ps == 0 or
                                               re.search(r"[.!?:;„“\"(]\s*$", text[max(0, ps - 3):ps])):
                nouns.add(w)
                break
            if not (pw[:1].islower() or pw[:1].isdigit()) or pw in _DE_FUNCTION:  # (an adjective: "75-jährige")
                break  # (not "Die in Berlin": the article is not the name's)
    return nouns


def _german_title(word: str) -> bool:
    low = word.lower()
    return low in _DE_TITLES or low.endswith(_DE_TITLE_ENDINGS)


_DE_PLACE_BEFORE = {"in", "nach", "aus", "bei", "gegen"}
_DE_LEADING = CONNECTORS | _DE_ARTICLES | _DE_FUNCTION  # never the first word of a name
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]|[„“\"(\[])\s*$")


def _german_names(text: str, cands: list[_Cand]) -> list[_Cand]:
    """The candidates that are names in German text: leading nouns, titles and a sentence's
    first word (unless capitalised inside a sentence too) stripped; a word alone kept only when it
    is not a noun, and recurs or follows "in", "nach", "aus", "bei", "gegen" (acronyms and
    bracketed aliases are kept)."""
    nouns = _german_nouns(text)
    inside: dict[str, int] = {}  # capitalised words inside a sentence: how often
    total: dict[str, int] = {}  # capitalised words anywhere: how often
    for m in _WORD.finditer(text):
        word = m.group()
        if word[:1].isupper():
            total[word] = total.get(word, 0) + 1
            if not _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
                inside[word] = inside.get(word, 0) + 1
    out: list[_Cand] = []
    renumber: dict[int, int] = {}
    for n, c in enumerate(cands):
        if c.why in ("acronym", "byline") or c.alias_of is not None:
            if c.alias_of is not None:
                if c.alias_of not in renumber:
                    continue
                c.alias_of = renumber[c.alias_of]
            renumber[n] = len(out)
            out.append(c)
            continue
        words = [(m.start() + c.start, m.end() + c.start, m.group()) for m in _WORD.finditer(text[c.start:c.end])]
        title = c.title
        while words and (words[0][2] in nouns and len(words) > 1 or _german_title(words[0][2]) or words[0][2][:1].islower()
                         or words[0][2].lower() in _DE_LEADING):
            title = title or _german_title(words[0][2])
            words.pop(0)
        if (len(words) == 2 and words[0][2] not in inside and (words[1][2] in nouns or words[1][2].lower().endswith(_DE_NOUN_ENDINGS))
                and _SENTENCE_START.search(text[max(0, words[0][0] - 3):words[0][0]])):
            continue  # "Schlechte Kommunikation": a sentence's first word (capitalised only there) and a noun
        while words and (words[-1][2].lower() in CONNECTORS or words[-1][2][:1].islower()):
            words.pop()
        before = text[max(0, words[0][0] - 8):words[0][0]].split() if words else []
        place_ctx = bool(before) and before[-1].lower() in _DE_PLACE_BEFORE
        if not words or len(words) == 1 and not _acronym(words[0][2]) and words[0][2].lower() not in COUNTRIES and (
                words[0][2] in nouns or words[0][2].lower().endswith(_DE_NOUN_ENDINGS)
                or not (place_ctx or total.get(words[0][2], 0) > 1)):
            continue
        if len(words) == 1 and _german_title(words[0][2]):
            continue
        start, end = words[0][0], words[-1][1]
        renumber[n] = len(out)
        out.append(_Cand(start, end, text[start:end], c.why, title, c.place_ctx or place_ctx))
    return out


_TR_LETTERS = re.compile("[ıİğĞşŞ]")
# Turkish writes a proper noun's case suffix after an apostrophe: Rusya'nın, Pekin'in, Seagal'a,
# Kırım'daki, Hong Kong'un ("of Russia", "of Beijing", "to Seagal", "in Crimea"). The suffix is not
# the name's, and a capitalised word after it starts another name ("Seagal'a Sırbistan").
_TR_SUFFIX = re.compile("['\u2019][a-zçğıöşü]+(?![^\\W_])")


def is_turkish(source: "Source") -> bool:
    """The source's sidecar says Turkish (`language: tr...`), or, without one, its letters do (ı, ğ
    and ş, which only Turkish and Azeri among the Latin-script languages use together)."""
    language = (source.meta.language or "").lower()
    if language:
        return language == "tr" or language.startswith("tr-")
    return len(_TR_LETTERS.findall(source.text[:20000])) >= 5


def _turkish_names(text: str, cands: list[_Cand]) -> list[_Cand]:
    """The candidates cut where an apostrophe brings a case suffix (see above), what follows it a
    candidate of its own."""
    out: list[_Cand] = []
    todo = deque(cands)  # (list.pop(0) moved every candidate left: quadratic)
    while todo:
        c = todo.popleft()
        m = _TR_SUFFIX.search(text, c.start, c.end) if c.why in ("name", "acronym") else None
        if m is None:
            out.append(c)
            continue
        if m.start() > c.start:
            out.append(_Cand(c.start, m.start(), text[c.start : m.start()], c.why, c.title, c.place_ctx, c.alias_of))
        rest = m.end() + len(text[m.end() : c.end]) - len(text[m.end() : c.end].lstrip())
        if rest < c.end:
            todo.appendleft(_Cand(rest, c.end, text[rest : c.end], "name"))
    return out


# Words that head a name "... of ...", never a person's: "Democratic Republic of Congo".
_NOT_PERSON_HEADS = {"republic", "republics", "kingdom", "states", "emirates", "islands", "federation",
                     "union", "church", "museum", "people's"}


_ATTRIBUTIVE_AFTER = re.compile(r"\s+[a-z]")


def _attributive(text: str, start: int, end: int) -> bool:
    """A person's name used as a modifier, after "the" and before a common noun: "the Tower
    report", "the Reagan administration": what is named is the report, not the man."""
    return text[max(0, start - 4) : start].lower() == "the " and _ATTRIBUTIVE_AFTER.match(text, end) is not None


def _alone_elsewhere(text: str, word: str, start: int, end: int, known: dict | None = None) -> bool:
    """Does `word` stand alone somewhere outside [start, end): a whole word with no capitalised
    word right before or after it ("says Werner.")? `known`: where each word looked for in this
    text stands alone, kept for the next look (each candidate looked at every place of its word:
    quadratic, 91 s for a 200 KB text naming one "Jamie Werner of Ngatiwai" 4,000 times)."""
    places = known.get(word) if known is not None else None
    if places is None:
        places = []
        for x in re.finditer(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W_])", text):
            before = text[max(0, x.start() - 40) : x.start()]
            after = text[x.end() : x.end() + 40]
            if before.endswith(" ") and before.split()[-1:] and _cap(before.split()[-1]):
                continue
            if after.startswith(" ") and after.split()[:1] and _cap(after.split()[0]):
                continue
            places.append(x.start())
        if known is not None:
            known[word] = places
    return len(places) > bisect_left(places, end) - bisect_left(places, start)


def _person_of(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A person's name run into what they belong to by "of": "ranger Jamie Werner of Ngātiwai",
    "Tom Brady of the Patriots" (it was one person "Jamie Werner of Ngātiwai"). Split when the part
    before "of" is two or three capitalised words that head no institution, place or title, and
    its last word stands alone as a name elsewhere in the text ("says Werner."): a surname."""
    out: list[_Cand] = []
    known: dict[str, list[int]] = {}
    for c in cands:
        m = re.search(r" of (?:the )?", c.name) if c.why == "name" and c.alias_of is None else None
        if m is None:
            out.append(c)
            continue
        head, rest = c.name[: m.start()], c.name[m.end():]
        words = head.split(" ")
        if (2 <= len(words) <= 3 and rest and all(_cap(w) and not _acronym(w) for w in words)
                and not any(_base_word(w)[0].lower() in ORG_WORDS | PLACE_WORDS | TITLES | _FOR_HEADS | _NOT_PERSON_HEADS
                            | DEMONYMS | COUNTRIES for w in words)
                and _alone_elsewhere(text, _base_word(words[-1])[0], c.start, c.end, known)):
            out.append(_Cand(c.start, c.start + len(head), head, "name", True, c.place_ctx))
            r0 = c.start + m.end()
            out.append(_Cand(r0, c.end, c.name[m.end():], "name", False, False, kind_after=c.kind_after))
        else:
            out.append(c)
    return out


# --- Chinese: a foreign name transliterated, its parts joined by a middle dot ----------------------
#
# Chinese writes no capitals and no spaces, but a foreign person's name has its given name and
# surname joined by a middle dot: 约翰·米勒-怀特 (John Miller-White), 哈立德·泰穆尔·阿克拉姆. Where it
# starts and ends is read from what stands around it: a title before it (主席, 所长: "chairman
# 约翰·..."), a verb of saying or a particle after it (认为, 指出, 表示, 说, 的). A name so found is a
# person; its last part alone elsewhere ("阿克拉姆认为") is the surname, an alias.
_HAN = "\u4e00-\u9fff"
_ZH_TITLES = ("执行主席", "主席", "副所长", "所长", "主任", "会长", "副会长", "总统", "总理", "部长", "大使", "教授",
              "发言人", "记者", "先生", "女士", "总裁", "经理", "院长", "局长", "外长", "首相", "国王", "秘书长",
              "总书记", "国务卿", "主编", "博士", "研究员", "专家", "学者", "负责人", "创始人", "董事长", "总干事", "议员", "市长")
_ZH_AFTER = ("认为", "指出", "表示", "说", "称", "强调", "介绍", "告诉", "在", "的", "和", "与", "等", "也", "曾",
             "对", "是", "将", "则", "就", "已", "还", "向", "于", "所", "并", "说道", "补充", "呼吁", "透露", "坦言")
_HAN_CHAR = re.compile("[" + _HAN + "]")
_ZH_DOTTED = re.compile("[" + _HAN + "]{1,12}(?:-[" + _HAN + "]{1,8})?(?:[·•・‧][" + _HAN + "]{1,12}(?:-[" + _HAN + "]{1,8})?)+")


def _chinese_names(text: str) -> list[_Cand]:
    """Transliterated foreign names (see above), and their surnames alone, as candidates."""
    out: list[_Cand] = []
    surnames: dict[str, int] = {}
    for m in _ZH_DOTTED.finditer(text):
        s, e = m.span()
        head = text[s : text.index(next(c for c in text[s:e] if c in "·•・‧"), s)]
        for title in sorted(_ZH_TITLES, key=len, reverse=True):  # (the name starts after a title)
            k = head.rfind(title)
            if k >= 0:
                s += k + len(title)
                break
        dot = text.index(next(c for c in text[s:e] if c in "·•・‧"), s)
        if dot - s > 4 and "-" not in text[s:dot]:
            s = dot - 3  # (a given name is short)
        tail_at = max(text.rfind(c, s, e) for c in "·•・‧") + 1
        tail = text[tail_at:e]
        for word in _ZH_AFTER:  # (and ends before a verb of saying or a particle)
            k = tail.find(word, 1)
            if k > 0:
                e = tail_at + k
                tail = tail[:k]
        if e - tail_at < 1 or s >= tail_at - 1:
            continue
        out.append(_Cand(s, e, text[s:e], "name", title=True))
        surnames.setdefault(tail, len(out) - 1)
    # (whether a place is inside a name found: the furthest end of the names starting at or
    # before it, by bisection; each place was tried against every name, quadratic)
    taken = sorted((c.start, c.end) for c in out)
    firsts = [a for a, _ in taken]
    reach = list(accumulate((b for _, b in taken), max))
    for tail in surnames:
        if len(tail) < 2:
            continue
        for m in re.finditer(re.escape(tail), text):
            k = bisect_right(firsts, m.start())
            if not (k and reach[k - 1] > m.start()):
                out.append(_Cand(m.start(), m.end(), tail, "name", title=True))
    out.sort(key=lambda c: c.start)
    return out


# --- Chinese names without a middle dot ------------------------------------------------------------
#
# A Chinese person's own name has no dot and no capital: a surname and one or two characters,
# 梁振英, 翁诗杰. It is found where a title stands before it (行政长官梁振英, 会长翁诗杰表示,
# 议员黄毓民、陈伟业) or a credit line names it (（编辑：严玉洁 王辉）), starting with a common surname
# and followed by a verb of saying, a particle or punctuation; once found, it is a name wherever it
# stands. The commonest surnames, simplified and traditional, and the compound ones:
_ZH_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤翁"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂"
    "成苗谷盛曲鲍饶车骆蓝游商辛"
    "張劉陳楊黃趙吳鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龔萬錢嚴湯劉華羅孫馬陳溫莊聶顏歐關蘭魯寧費"
)
_ZH_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "长孙", "宇文",
                "公孙", "轩辕", "歐陽", "司馬", "諸葛", "長孫")

_ZH_NAME_TITLES = _ZH_TITLES + ("行政长官", "特首", "参选人", "候选人", "司长", "议长", "委员", "主委", "书记", "省长",
                                "县长", "区长", "校长", "所长", "厅长", "处长", "法官", "律师", "教练", "队长", "导演",
                                "作家", "歌手", "演员", "选手", "球员", "警司", "总警司", "署长", "常委", "主持人",
                                "董事", "总监", "行长", "会长", "理事长", "社长", "总编辑", "团长", "军长", "司令")
# What follows a name: a verb of saying, a particle, a conjunction (a word of _ZH_AFTER), or
# punctuation.
_ZH_NAME_AFTER = tuple(sorted(set(_ZH_AFTER) | {"先后", "则", "亦", "均", "都", "更", "又", "并", "却", "宣布", "表明",
                                               "回应", "批评", "承认", "称赞", "希望", "警告", "重申", "解释", "提到",
                                               "写道", "问道", "答道", "回答", "早前", "此前", "随后", "今天", "昨天"}, key=len, reverse=True))
_ZH_PUNCT = "，。、；：！？）)」』”\"》 \n"
_ZH_TITLED = re.compile("(?:" + "|".join(sorted(map(re.escape, _ZH_NAME_TITLES), key=len, reverse=True)) + ")"
                        "(?=[" + _HAN + "]{2,4})")
_ZH_CREDIT = re.compile("(?:责任编辑|編輯|编辑|记者|記者|撰文|作者)[：:]\\s*")
_KANA = re.compile("[\u3040-\u30ff]")


def _zh_name_at(text: str, s: int) -> int:
    """Where a Chinese name starting at `s` ends (a surname and one or two characters, with a word
    of _ZH_NAME_AFTER or punctuation after it), or -1."""
    sur = 2 if text[s : s + 2] in _ZH_COMPOUND else 1 if text[s : s + 1] in _ZH_SURNAMES else 0
    if not sur:
        return -1
    fits = []
    for k in (sur + 1, sur + 2):
        e = s + k
        if e > len(text) or not all("\u4e00" <= c <= "\u9fff" for c in text[s:e]):
            continue
        if e == len(text) or text[e] in _ZH_PUNCT:
            fits.append((1, k))
        elif text.startswith(_ZH_NAME_AFTER, e):
            fits.append((2, k))
    if not fits:
        return -1
    return s + max(fits)[1]


def _chinese_plain_names(text: str) -> list[_Cand]:
    """Chinese names written without a middle dot (梁振英, 翁诗杰): after a title (行政长官梁振英,
    会长翁诗杰表示) or in a credit line (（编辑：严玉洁 王辉）), a common surname and one or two
    characters before a verb of saying, a particle or punctuation; each found is then a name
    wherever it stands. A person. Not in Japanese text (kana), whose names and titles go otherwise."""
    if len(_KANA.findall(text[:20000])) > 20:
        return []
    names: dict[str, None] = {}
    for m in _ZH_TITLED.finditer(text):
        e = _zh_name_at(text, m.end())
        if e > 0:
            names.setdefault(text[m.end() : e])
        while e > 0 and text.startswith("、", e):  # a list of them: 议员黄毓民、陈伟业和...
            e2 = _zh_name_at(text, e + 1)
            if e2 > 0:
                names.setdefault(text[e + 1 : e2])
            e = e2
    for m in _ZH_CREDIT.finditer(text):
        s = m.end()
        while s < len(text):
            sur = 2 if text[s : s + 2] in _ZH_COMPOUND else 1 if text[s : s + 1] in _ZH_SURNAMES else 0
            e = s + sur
            while e < len(text) and e - s < sur + 2 and "\u4e00" <= text[e] <= "\u9fff":
                e += 1
            if not sur or e - s < sur + 1 or e < len(text) and text[e] not in " 、，,）)】]\n\u3000":
                break
            names.setdefault(text[s:e])
            if e < len(text) and text[e] in " 、,\u3000" and e + 1 < len(text):
                s = e + 1
            else:
                break
    out: list[_Cand] = []
    if not names:
        return out
    # every place of each, in one pass over the places its first characters stand (a pattern per
    # name over the whole text was as many passes as names)
    lengths = sorted({len(n) for n in names}, reverse=True)
    firsts = re.compile("[" + re.escape("".join(sorted({n[0] for n in names}))) + "]")
    pos = 0
    while True:
        m = firsts.search(text, pos)
        if m is None:
            break
        s = m.start()
        name = next((text[s : s + k] for k in lengths if text[s : s + k] in names), None)
        if name is None:
            pos = s + 1
            continue
        out.append(_Cand(s, s + len(name), name, "name", title=True))
        pos = s + len(name)
    return out


def _plain_text(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """`text` without its soft hyphens and composed (NFC), with the offset in `text` where each of
    its characters starts and ends (None: `text` is so already). A letter written decomposed, its
    marks as combining characters after it ("Hạ" as H, a, U+0323, as some input methods leave
    Vietnamese), was cut into pieces at each mark, "Ba Ha" suggested for "Ba Hạ", and read by no
    list of words ("à" before a place). A composed letter's offsets are its whole cluster's."""
    composed = unicodedata.is_normalized("NFC", text)
    if "\u00ad" not in text and composed:
        return text, None, None
    if composed:
        back = [i for i, c in enumerate(text) if c != "\u00ad"]
        return text.replace("\u00ad", ""), back, [i + 1 for i in back]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == "\u00ad":
            i += 1
            continue
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or "\u1160" <= text[j] <= "\u11ff"):
            j += 1  # (the marks on it, and a Korean syllable's vowel and final jamo)
        piece = unicodedata.normalize("NFC", text[i:j]) if j > i + 1 else text[i]
        out.append(piece)
        starts += [i] * len(piece)
        ends += [j] * len(piece)
        i = j
    return "".join(out), starts, ends


def suggest_in_source(source: "Source", covered: list[tuple[int, int]] | None = None,
                      owners: list[str] | None = None) -> list[Suggestion]:
    """The uncovered names of one source, grouped, in order of first occurrence. `covered` are the
    (start, end) spans of entity mentions (sorted); a name overlapping one is left out. `owners`,
    the entity of each span: a covered name's other forms that no mention covers ("Reagan" after
    "Ronald Reagan", of a card with no alias "Reagan") are offered as aliases it is missing."""
    text = source.text
    # Soft hyphens (hyphenation hints inside words, many in German and Dutch articles) are not
    # there for the names: "Mon\u00adtag" is one word, a name is suggested without them, and each
    # occurrence maps back to its exact place in the text. So with letters written decomposed
    # (`_plain_text`): a name is suggested composed.
    plain, back, back_end = _plain_text(text)
    # A hand-wrapped paragraph (wire copy) is read as prose: a name wrapped onto the next line
    # ("board chairman John\nTower") is one name, and a wrapped line's first word does not start
    # a sentence (`prose` keeps every offset).
    cands = _candidates(prose(plain))
    if is_german(source):
        cands = _german_names(plain, cands)
    elif is_turkish(source):
        cands = _turkish_names(plain, cands)
    else:
        cands = _person_of(plain, cands)
    if "·" in plain or "・" in plain or "•" in plain or "‧" in plain:
        cands = sorted(cands + _chinese_names(plain), key=lambda c: c.start)
    if _HAN_CHAR.search(plain):
        taken = [(c.start, c.end) for c in cands]
        firsts = [a for a, _ in taken]
        reach = list(accumulate((b for _, b in taken), max))
        # (none inside a name found already: 侯赛因·阿斯卡里 holds no name of its own)
        extra = [c for c in _chinese_plain_names(plain)
                 if not ((k := bisect_right(firsts, c.start)) and reach[k - 1] > c.start)]
        if extra:
            cands = sorted(cands + extra, key=lambda c: c.start)
    if back is not None:
        for c in cands:
            c.start, c.end = back[c.start], back_end[c.end - 1]
    order_of = sorted(range(len(covered or ())), key=lambda k: covered[k])
    spans = [covered[k] for k in order_of]
    span_owner = [owners[k] for k in order_of] if owners is not None else None
    starts = [s for s, _ in spans]
    from bisect import bisect_left

    def is_covered(s: int, e: int) -> bool:
        # A mention covers a name it overlaps that it reaches the end of ("John Tower" by "Tower",
        # "Vladimir Putin" by "Putin"); a longer name that only begins with a carded one is
        # another name ("Tower Commission" after the alias "Tower" of John Tower, "New York
        # Times" after "New York"), and is suggested: it was left out, so it was never carded
        # and the alias took each of its mentions.
        return owner_at(s, e) is not None

    def owner_at(s: int, e: int) -> int | None:
        """The index in `spans` of the mention covering [s, e), if any: one that reaches its end, or
        stops before an ending written onto the name's last word ("Venäjän", "Hong Kongille": a
        mention of Venäjä, of Hong Kong, found before a Finnish case ending; they were suggested
        as uncarded names). Not one after a connector inside it: "Bank of England", "Scuola d'Arte
        di Glasgow" are names of their own, not mentions of a carded England or Glasgow (they were
        left out)."""
        i = bisect_left(starts, e)
        return next((k for k in range(max(0, i - 8), i)
                     if spans[k][1] > s and (spans[k][1] >= e or _an_ending(text, spans[k][1], e))
                     and not (spans[k][0] > s and _CONNECTOR_BEFORE.search(text, s, spans[k][0]))), None)

    groups: dict[str, Suggestion] = {}
    by_cand: dict[int, Suggestion] = {}
    people_surnames: dict[str, Suggestion] = {}
    people_firsts: dict[str, Suggestion] = {}
    other_parts: dict[str, Suggestion] = {}  # a person's middle names, the name of a "Copa X"
    guessed: set[int] = set()  # lone words typed as organisations with no cue
    order: list[Suggestion] = []
    order_idx = sorted(range(len(cands)), key=lambda k: (" " not in normalize_quote(cands[k].name), k))
    for idx in order_idx:
        c = cands[idx]
        key = _key(c.name)
        acronym = c.why == "acronym"
        target = None
        if c.alias_of is not None and c.alias_of in by_cand:
            target = by_cand[c.alias_of]
            if c.name not in target.aliases:
                target.aliases.append(c.name)
            groups.setdefault(_key(c.name), target)
        target = target or groups.get(key)
        if " " not in key and (key in people_firsts or key in people_surnames) and _attributive(text, c.start, c.end):
            continue  # "the Tower report": the commission's report, no mention of John Tower
        if target is None and " " not in key and key in people_firsts and key not in people_surnames:
            target = people_firsts[key]
            if c.name not in target.aliases:
                target.aliases.append(c.name)
        if target is None and " " not in key and key in people_surnames:
            target = people_surnames[key]
            if c.name not in target.aliases:
                target.aliases.append(c.name)
        if target is None and " " not in key and key in other_parts:  # "Lula", "Libertadores"
            target = other_parts[key]
            if c.name not in target.aliases:
                target.aliases.append(c.name)
        if target is None:
            target = Suggestion(c.name, _guess_type(c.name, c, acronym), source.id, c.why)
            groups[key] = target
            order.append(target)
            if target.type == "organization" and " " not in key and not acronym and _guess_type(
                    c.name, _Cand(c.start, c.end, c.name, c.why), False) == "organization" and not c.kind_after \
                    and _guess_type(c.name, _Cand(c.start, c.end, c.name, c.why, place_ctx=True), False) == "place":
                guessed.add(id(target))  # a lone word typed so for want of any cue
        elif target.name.isupper() and not c.name.isupper() and " " not in c.name:
            target.name = c.name  # a dateline in capitals: prefer the name as written in the text
        if id(target) in guessed and c.place_ctx:
            target.type = "place"  # a cue further on: "de Palma", then "en Palma" (it was an organisation)
            guessed.discard(id(target))
        by_cand[idx] = target
        if c.title or target.type == "person":
            parts = re.split("[ ·•・‧]", normalize_quote(target.name))
            if len(parts) > 1:
                people_surnames.setdefault(parts[-1].lower(), target)
                people_firsts.setdefault(parts[0].lower(), target)
                if _particle_name(parts[-1]):  # "Assad" alone, of "Bashar al-Assad"
                    people_surnames.setdefault(re.split("[-\u2010\u2011]", parts[-1], maxsplit=1)[1].lower(), target)
            for part in parts[1:-1]:  # a name a person goes by inside the whole: "Luiz Inácio Lula da Silva"
                if _cap(part) and part.lower() not in CONNECTORS:
                    other_parts.setdefault(part.lower(), target)
        else:
            parts = normalize_quote(target.name).split(" ")
            if len(parts) == 2 and _KIND_OF_FIRST.get(parts[0].lower()) in ("event", "law") and _cap(parts[1]):
                other_parts.setdefault(parts[1].lower(), target)  # "a Libertadores": the Copa Libertadores
            if target.type == "organization" and len(parts) > 1 and _cap(parts[0]) and (
                    _KIND_OF_FIRST.get(parts[0].lower()) == "organization" or parts[0].lower() in ORG_WORDS):
                # an institution named by its head or its name alone: "la Audiencia" (of Palma),
                # "Nóos" (the Instituto Nóos)
                other_parts.setdefault(_key(parts[0]), target)
                if len(parts) == 2 and _cap(parts[1]) and not _acronym(parts[1]):
                    other_parts.setdefault(_key(parts[1]), target)
        line = source.line_of(c.start)
        target.occurrences.append(Occurrence(c.start, c.end, line, source.column_of(c.start), text[c.start : c.end]))
    order = _people_joined(order)
    if len(order) > 1:
        from explorer.core.mentions import is_scandinavian

        if is_scandinavian(source):
            order = _genitives_joined(order)  # ("Hong Kongs" is Hong Kong's)
    order.sort(key=lambda sug: min(o.start for o in sug.occurrences))
    out = []
    for sug in order:
        sug.occurrences.sort(key=lambda o: o.start)
        hit = next((k for o in sug.occurrences if (k := owner_at(o.start, o.end)) is not None), None)
        if hit is None:
            out.append(sug)
            continue
        if span_owner is None:
            continue
        # a carded name's other forms the card lacks: each an alias missing of the entity
        forms: dict[str, Suggestion] = {}
        for o in sug.occurrences:
            if owner_at(o.start, o.end) is None and " " not in _key(o.text):
                form = forms.get(_key(o.text))
                if form is None:
                    form = forms[_key(o.text)] = Suggestion(o.text, sug.type, source.id, sug.why,
                                                            alias_of=span_owner[hit])
                form.occurrences.append(o)
        out.extend(forms.values())
    out.sort(key=lambda sug: sug.first.start)
    return out


def _genitives_joined(order: list[Suggestion]) -> list[Suggestion]:
    """Swedish, Danish and Norwegian write the genitive as an s on the name ("Hong Kongs regering"):
    where the name is suggested too, its genitive is no name of its own but more occurrences of it,
    each ending before the s (what a card of the name quotes). It was listed beside it, "Hong
    Kongs", as a new person (tests/real/swedish). As the mentions read it (mentions.is_scandinavian,
    and _genitive_stems, whose reading of the last word this takes)."""
    from explorer.core.mentions import _genitive_stems

    by_key = {_key(sug.name): sug for sug in order}
    kept = []
    for sug in order:
        *head, last = sug.name.split(" ")
        stem = _genitive_stems(last)
        name = by_key.get(_key(" ".join([*head, stem[0]]))) if stem else None
        if name is None or name is sug or not all(o.text[-1:] in "sS" for o in sug.occurrences):
            kept.append(sug)
            continue
        name.occurrences += [Occurrence(o.start, o.end - 1, o.line, o.column, o.text[:-1]) for o in sug.occurrences]
    return kept


def _people_joined(order: list[Suggestion]) -> list[Suggestion]:
    """A person's shorter forms joined to their whole name: "Te Kaurinui", "Te Kaurinui Robert" and
    "Te Kaurinui Parata" to "Te Kaurinui Robert Parata" (they were four people). A form joins a
    longer name of a person that holds its words in order, starting with its first word, when
    exactly one such name (one not itself the form of a longer) does. (Not one that ends with its
    last alone: "José Luis Rodríguez Zapatero" is not "El Ejecutivo de José Luis Rodríguez Zapatero".)"""
    people = [sug for sug in order if sug.type == "person" and " " in sug.name.strip()]
    if len(people) < 2:
        return order
    words = {id(sug): [w.lower() for w in normalize_quote(sug.name).split()] for sug in people}

    def holds(longer: list[str], shorter: list[str]) -> bool:
        if len(shorter) >= len(longer) or shorter[0] != longer[0]:
            return False
        it = iter(longer)
        return all(w in it for w in shorter)

    whole = [b for b in people if not any(holds(words[id(c)], words[id(b)]) for c in people)]
    gone: set[int] = set()
    for a in people:
        if any(a is b for b in whole):
            continue
        into = [b for b in whole if holds(words[id(b)], words[id(a)])]
        if len(into) != 1:
            continue
        b = into[0]
        for name in (a.name, *a.aliases):
            if name not in b.aliases and name != b.name:
                b.aliases.append(name)
        b.occurrences.extend(a.occurrences)
        gone.add(id(a))
    return [sug for sug in order if id(sug) not in gone]


_CONNECTOR_BEFORE = re.compile(r"(?:^|(?<=\s))(?:" + "|".join(sorted(CONNECTORS, key=len, reverse=True)) + r")\s+$")


def _an_ending(text: str, start: int, end: int) -> bool:
    """Is `text[start:end]` the rest of a word after a mention that stops before it: a few letters
    (a case ending, a particle), no space, hyphen or apostrophe?"""
    rest = text[start:end]
    return 0 < len(rest) <= 8 and all(c.isalpha() or unicodedata.category(c)[0] == "M" for c in rest)


def suggest(base: "FactBase", source_id: str | None = None) -> list[Suggestion]:
    """Uncarded names in every source of `base` (or one), grouped per source."""
    from explorer.core.mentions import mentions_of

    mentions = mentions_of(base)
    # A name an entity has (its name or an alias) is carded even where no mention of it is found:
    # the shipped article's byline "byOliver Parken" holds no whole-word "Oliver Parken", and the
    # card of that name was listed as uncarded.
    # A card left out for a quote not in its source (`FactBase.flawed`, marked ⚠ in the app) is
    # carded all the same: its name was suggested as uncarded, to be carded a second time.
    flawed = [c for c in base.flawed.values() if c.kind == "entity" and c.id not in base.entities]
    entities = [*base.entities.values(), *flawed]
    carded = {_key(name) for entity in entities for name in (entity.name, *entity.aliases)}
    flawed_in: dict[str, dict[tuple[int, int], str]] = {}
    for eid, found in mentions.flawed.items():
        for m in found:
            flawed_in.setdefault(m.source, {}).setdefault((m.start, m.end), m.entity)
    # A surname alone ("President Reagan", "Reagan supporter") of a person carded by the whole
    # name ("Ronald Reagan") and no alias "Reagan": no mention covers it, so it was offered as a
    # new person, and E made a second card of one man. It is offered as the alias it is missing.
    surnames: dict[str, set[str]] = {}
    for entity in entities:
        if entity.type == "person":
            for name in (entity.name, *entity.aliases):
                words = _key(name).split(" ")
                if len(words) > 1:
                    surnames.setdefault(words[-1], set()).add(entity.id)
    out: list[Suggestion] = []
    for sid, source in base.sources.items():
        if source_id is not None and sid != source_id:
            continue
        found = mentions.in_source(sid)
        spans, owners = [(m.start, m.end) for m in found], [m.entity for m in found]
        for span, eid in flawed_in.get(sid, {}).items():
            spans.append(span)
            owners.append(eid)
        for s in suggest_in_source(source, spans, owners):
            key = _key(s.name)
            if key in carded:
                continue
            owners = surnames.get(key, ()) if " " not in key and s.why == "name" else ()
            if s.alias_of is None and len(owners) == 1:
                if all(_attributive(source.text, o.start, o.end) for o in s.occurrences):
                    continue  # ("the Tower report" is no mention of John Tower)
                (s.alias_of,) = owners
            out.append(s)
    return out


def alias_role(form: str, owner) -> str:
    """What a missing alias is of its card, in words: "the surname of Ronald Reagan" (a person's
    last name), else "another name of Instituto Nóos" (a place's, an organisation's, a first name:
    "Nóos" was "the surname of Instituto Nóos")."""
    words = _key(owner.name).split(" ")
    if owner.type == "person" and len(words) > 1 and _key(form) == words[-1]:
        return f"the surname of {owner.name}"
    return f"another name of {owner.name}"


def evidence_span(source: "Source", start: int, end: int, max_words: int = 16) -> tuple[int, int]:
    """A span around `start:end` (a name's occurrence) that stands once in the source, so that a
    card quoting it anchors there: the name itself when it is unique, else widened a word at a time
    (right, then left, within its paragraph) until it is. The name alone when nothing unique is
    found within `max_words` words (the card check then says to pick the occurrence)."""
    import re

    from explorer.core.authoring import locate_quote

    text = source.text
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[para_start:para_end])]
    words = [(s + para_start, e + para_start) for s, e in words]
    first = next((i for i, (s, e) in enumerate(words) if e > start), None)
    last = next((i for i in range(len(words) - 1, -1, -1) if words[i][0] < end), None)
    if first is None or last is None:
        return start, end
    lo, hi = start, end
    for step in range(max_words):
        found = locate_quote(text[lo:hi], [source])
        if len(found) == 1 and found[0].start == lo:
            return lo, hi
        if step % 2 == 0 and last + 1 < len(words):
            last += 1
            hi = words[last][1]
        elif first > 0:
            first -= 1
            lo = words[first][0]
        elif last + 1 < len(words):
            last += 1
            hi = words[last][1]
        else:
            break
    return start, end
