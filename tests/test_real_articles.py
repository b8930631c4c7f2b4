"""Real articles nobody on this project wrote, carded the way a person types (keyboard quotes and
dashes, a few real mistakes), and exactly what `factex check` must print for each.

Each workspace under tests/real/ has a README.md saying where its article comes from. The cards
quote with straight quotes, ` - ` for dashes, `...`, ASCII brackets, no soft hyphens: all of that
must anchor, to the source's exact text. The mistakes (a typo, a name typed without its accents, a
wrong case, a selection that lost a letter, a quote that is in the article twice, a colon that
YAML misreads, a wrong digit) must each be one problem with exact help, and a relation naming a
card with a mistake is held back, not a second error.

The scripts and styles: English wire copy, Spanish, French, Chinese, Arabic (right to left, a
hamza left out, a conjunction glued to the next word), Thai (no spaces between words, a tone mark
left out, double quotes typed for single ones, a selection that lost its last letter, the vowel า), Japanese (「」 and full-width brackets typed in
ASCII, full-width digits, a selection that stopped before the 々 of 人々), Hindi (a full stop for the danda, another spelling of a word), Korean (a
particle left out, so the quote ends inside a word; a thousands separator added), German (a
hyphen left out, the article's own typo corrected, a selection across a paragraph break), Reuters
wire copy saved with Windows line endings (a dateline typed in title case with an em dash, curly
quotes typed for straight ones, a statement quoted over two paragraphs, a number typed without its
thousands separator, the article's missing word put back, a quote pasted across a line break),
Herald Sun (straight quotes and `--` for curly quotes and spaced em dashes, single quotes typed for
double ones, a hyphen and the paper's capitals lost, a misspelling), Czech (typed without its
letters, Czech „ “ where the page has straight quotes, an en dash for a hyphen), Latvian (long
vowels and cedillas left out, a double space), Turkish (I typed for İ, i for the dotless ı, a
small letter for a capital, a quoted term a suffix follows) and Polish (straight quotes for „ ”, a
line of dialogue pasted with its dash, which YAML reads as a list, Ł typed as L, Polish letters
left out) and Russian (straight quotes for « » and the „ “ inside them, a quotation joined across
the attribution that interrupts it, е for ё, << >> for « »), Hebrew (Wikipedia with vowel points on
a few words, typed without them: "differs only in vowel marks", named; a prefix ו left out, so the
quote starts inside a word; right-to-left marks around dates) and Persian (an interview: a space
for the zero-width non-joiner, the tanwin and a hamza left out, an Arabic keyboard's ي, a year in
Western digits where the source writes Persian ones) and a Markdown announcement (its links, bold
heads and block quotes copied as the page shows them, anchoring on the article's own text; a space
the page lacks where a link follows a word; an apostrophe lost; two sentences the page shows with a space
where the file writes ". &nbsp;"), the Guardian (Māori names typed without their macrons, a
statement joined across "says Werner." with a full stop typed to join it and quote marks round the
whole) and Libération (French wire copy: « » typed as straight quotes, curly elision apostrophes
typed straight, accents left out, "2209" typed for the "2 209" whose digit groups a space parts)
and Bengali (a keyboard's | for the danda, a Western digit for a Bengali one, the usual spelling
মণ্ডল for the article's মন্ডল, ড় typed as ড and a nukta where the file has one character, a case
ending left out so the quote ends inside দলকে; a date qualifier `'2021'` whose quote writes ২০২১)
and Folha de S.Paulo (Brazilian Portuguese: accents left out, curly quotes typed for the page's
straight ones, a doubled space, a quote pasted across a line break, words left out with [...]
inside quotation marks put round the whole where the page has none after its last word) and Finnish
(ä typed as a, the háček of Kamtšatka left out, English curly quotes and straight ones typed for
Finnish ” ”, a case ending left out so the quote ends inside Sahalinilla, words left out with ...)
and Italian (È, più, città typed as E', piu', citta', the translation's own typo corrected, « » and
curly quotes typed for straight ones, a curly apostrophe for an elision's straight one) and Efe
(Spanish wire copy: « » typed as straight quotes and as English curly ones, accents left out and one
typed that this mention lacks, ñ typed as n beside a double space, a spaced dash where the wire
closes one unspaced, "50%" for "50 %", a quote run on across a one-word heading, words left out
with ...) and Arabic (the Parallel Universal Dependencies translations of stories carded above in
Finnish, Italian and Russian: an Arabic comma typed for the translation's Latin one, ة typed as ه,
an Arabic-Indic digit for a Western one, a hamza and a tanwin left out, « » typed for straight
quotes, a name quoted without the و written onto it, a bank named twice) and China Daily (simplified
Chinese: a middle dot typed as a full stop and left out, a full-width hyphen, straight quotes for “ ”
and a half-width comma, colon and brackets for full-width ones (all anchoring but the dots), 《 》 typed as
<< >>, a name typed in traditional characters, a quote run on across a heading) and the Washington
Post (English world news added by factex add from a saved page: straight quotes for curly ones, a
statement's middle left out with ..., the space after "U.S." lost, a hyphen left out, a surname
misspelt, a quote run on into the next paragraph, a name the story gives three times) and Swedish
(the PUD translations again: ö typed as o, a name typed with a small letter inside it, a doubled
letter, a word left out, straight quotes for ” ”, a colon inside a quote that YAML misreads until
the quote is put in quotes) and BBC Urdu (a photo gallery's captions: . typed for ۔, the Arabic
keyboard's ي and ه for Urdu's ی and ہ, a space typed inside جارہے, the page's own typo corrected) and BBC News Україна (Latin BBC typed for the
page's Cyrillic ВВС, Russian Е for Ukrainian Є, a letter lost, words left out, « » typed for straight quotes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.markdown import rendered
from explorer.core.text import normalize_quote
from explorer.core.loading.loader import Loader

REAL = Path(__file__).parent / "real"

EXPECTED = {
    "cnn": [
        "facts/entities/chad-myers.yaml:6:12: error: quote not found in cnn-thanksgiving-storm; did you mean "
        '"CNN meteorologist Chad Myers said" (line 81)? It differs only in case: the source has \'CNN\', '
        "'Chad Myers'.",
        "facts/entities/pennsylvania-official.yaml:6:12: error: quote is not found as whole words: it starts inside "
        "'The' (line 3); the whole words are \"The Pennsylvania official was just talking about one area\"",
        "facts/entities/seqret-watson.yaml:6:12: error: quote not found in cnn-thanksgiving-storm; did you mean "
        "«\"I get on the highway, and the next thing I know I'm spinning,\" said Seqret Watson» (line 91)? "
        "You typed 'spining', the source has 'spinning'.",
        "facts/entities/todd-borek.yaml:8:12: error: YAML syntax error: this value has ': ' in it (after "
        "'But, he added'), which YAML reads as a new key: put the whole value in quotes, 'But, he added: "
        "\"The worst i\u2026read snow and rain is over.' (double any ' inside)",
        "facts/relations/watson-told-kfsm.yaml:2:10: note: held back: `subject` names 'seqret-watson', whose card "
        "has errors (facts/entities/seqret-watson.yaml); it loads once that card is fixed",
        "16 cards (9 entities and 2 relations valid), 1 source: 4 errors, 0 warnings, 1 held back by them",
    ],
    "elpais": [
        "facts/entities/jose-luis-vera.yaml:6:12: error: quote not found in listas-de-espera; did you mean "
        "\"Jos\u00e9 Luis Vera lleva 10 meses aguardando para ser operado de pr\u00f3stata\" (line 11)? It differs "
        "only in accents: the source has 'Jos\u00e9', 'pr\u00f3stata'.",
        "facts/entities/listas-de-espera.yaml:6:12: error: quote not found in listas-de-espera; did you mean "
        "\"De diciembre de 2010 a junio de 2012 las listas de espera para operarse aumentaron un 125%.\" (line 3)? "
        "You typed '152', the source has '125'.",
        "facts/relations/vera-espera-extremadura.yaml:2:10: note: held back: `subject` names 'jose-luis-vera', "
        "whose card has errors (facts/entities/jose-luis-vera.yaml); it loads once that card is fixed",
        "11 cards (6 entities and 2 relations valid), 1 source: 2 errors, 0 warnings, 1 held back by them",
    ],
    "lefigaro": [
        "facts/entities/arnaud-montebourg.yaml:9:12: error: quote occurs 2 times in montebourg-privatisations "
        "(at line:column 3:10, 5:347): make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick one: "
        "`prefix: \"le\"` picks the one at 3:10, `prefix: \"du\"` picks the one at 5:347",
        "facts/entities/pierre-moscovici.yaml:6:12: error: quote not found in montebourg-privatisations; did you "
        "mean \"celui de Pierre Moscovici, le ministre de l'\u00c9conomie, s'en d\u00e9fend\" (line 5)? It differs "
        "only in accents: the source has '\u00c9conomie', 'd\u00e9fend'.",
        "facts/relations/moscovici-ministre.yaml:2:10: note: held back: `subject` names 'pierre-moscovici', whose "
        "card has errors (facts/entities/pierre-moscovici.yaml); it loads once that card is fixed",
        "7 cards (3 entities and 1 relation valid), 1 source: 2 errors, 0 warnings, 1 held back by them",
    ],
    "bbc-chinese": [
        "facts/entities/albert-ho.yaml:7:12: error: quote not found in leung-apology; did you mean "
        "\"\u6c11\u4e3b\u515a\u53c2\u9009\u4eba\u4f55\u4fca\u4ec1\u5411\u6cd5\u9662\u63d0\u51fa\u9009\u4e3e\u5448\u8bf7\" "
        "(line 15)? You typed '\u60c5', the source has '\u8bf7'.",
        "facts/relations/ho-challenged-leung.yaml:2:10: note: held back: `subject` names 'albert-ho', whose card "
        "has errors (facts/entities/albert-ho.yaml); it loads once that card is fixed",
        "7 cards (3 entities and 2 relations valid), 1 source: 1 error, 0 warnings, 1 held back by them",
    ],
    "afpbb": [
        "facts/entities/afp.yaml:7:12: error: quote occurs 2 times in borno-attack (at line:column 1:91, "
        "7:40): make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick one: `prefix: \"き、\"` "
        "picks the one at 1:91, `prefix: \"り、\"` picks the one at 7:40",
        "facts/entities/boko-haram.yaml:9:12: error: quote not found in borno-attack; did you mean "
        "\"ボコ・ハラムの犯行であることは明らかだと述べた\" (line 7)? The source has '・' after 'コ'.",
        "facts/entities/eid-al-fitr.yaml:8:12: error: quote is not found as whole words: it ends inside '人々' "
        "(line 3); the whole words are \"の祝いから帰る途中の人々\"",
        "facts/relations/boko-haram-attacked-damboa.yaml:2:10: note: held back: `subject` names "
        "'boko-haram', whose card has errors (facts/entities/boko-haram.yaml); it loads once that card is "
        "fixed",
        "8 cards (3 entities and 1 relation valid), 1 source: 3 errors, 0 warnings, 1 held back by them",
    ],
    "cnn-arabic": [
        "facts/entities/grad.yaml:7:12: error: quote is not found as whole words: it starts inside 'وصواريخ' "
        "(line 5); the whole words are \"وصواريخ أرض- أرض (غراد)\"",
        "facts/entities/syrian-observatory.yaml:7:12: error: quote not found in syria-clashes; did you mean "
        "\"وقال المرصد السوري لحقوق الإنسان، وهو هيئة معارضة مقرها لندن\" (line 3)? It differs only in "
        "hamza: the source has 'الإنسان'.",
        "facts/relations/observatory-reports-fsa.yaml:2:10: note: held back: `subject` names "
        "'syrian-observatory', whose card has errors (facts/entities/syrian-observatory.yaml); it loads once "
        "that card is fixed",
        "7 cards (3 entities and 1 relation valid), 1 source: 2 errors, 0 warnings, 1 held back by them",
    ],
    "jagran": [
        "facts/entities/prana-pratishtha.yaml:7:12: error: quote not found in adhokshajanand; did you mean "
        "\"22 जनवरी का दिन सतयुग की शुरुआत जैसा होगा।\" (line 3)? The source has '।' where you typed '.'.",
        "facts/entities/ram-mandir.yaml:8:12: error: quote not found in adhokshajanand; did you mean \"राम "
        "मंदिर का आमंत्रण न स्वीकारने जैसी बातें सिर्फ अफवाह हैं\" (line 9)? You typed 'मन्दिर', the source "
        "has 'मंदिर'.",
        "facts/relations/invited-to-ram-mandir.yaml:4:9: note: held back: `object` names 'ram-mandir', whose "
        "card has errors (facts/entities/ram-mandir.yaml); it loads once that card is fixed",
        "6 cards (2 entities and 1 relation valid), 1 source: 2 errors, 0 warnings, 1 held back by them",
    ],
    "korean": [
        "facts/entities/roh-soh-yeong.yaml:7:12: error: quote is not found as whole words: it ends inside "
        "'관장이' (line 3); the whole words are \"노소영 아트센터 나비 관장이\"",
        "facts/entities/sk-group.yaml:7:12: error: quote not found in choi-roh-lawsuit; did you mean '\"최 "
        "회장이 김 이사장에게 쓴 돈이 1000억원이 넘는다\"' (line 13)? You typed '1,000억원이', the source has '1000억원이'.",
        "facts/relations/roh-sued-kim.yaml:2:10: note: held back: `subject` names 'roh-soh-yeong', whose "
        "card has errors (facts/entities/roh-soh-yeong.yaml); it loads once that card is fixed",
        "6 cards (2 entities and 1 relation valid), 1 source: 2 errors, 0 warnings, 1 held back by them",
    ],
    "prachatai": [
        "facts/entities/kasalong.yaml:6:12: error: quote not found in surachai-dna; did you mean \"ขณะที่ "
        "นาย ว. พี่เขยของ 'กาสะลอง' อีกหนึ่งผู้ลี้ภัย\" (line 7)? The source has \"'\" where you typed '\"' "
        "(2 times).",
        "facts/entities/phuchana.yaml:7:12: error: quote not found in surachai-dna; did you mean "
        "\"คนสนิทของนายสุรชัย แซ่ด่าน ที่หายไปว่า\" (line 1)? You typed 'ซ', the source has 'ซ่'.",
        "facts/entities/that-phanom.yaml:7:12: error: quote is not found as whole words: it ends inside "
        "'เสาปูนที่ลอยมาติดที่' (line 1); the whole words are \"และท้องถูกผ่ายัดเสาปูนที่ลอยมาติดที่\"",
        "facts/relations/phuchana-close-to-surachai.yaml:2:10: note: held back: `subject` names 'phuchana', "
        "whose card has errors (facts/entities/phuchana.yaml); it loads once that card is fixed",
        "7 cards (2 entities and 1 relation valid), 1 source: 3 errors, 0 warnings, 1 held back by them",
    ],
    "wiwo": [
        "facts/entities/industriegase.yaml:6:12: error: quote not found in linde-praxair; did you mean "
        "\"einen Markanteil von 22 Prozent, Praxair kommt auf 27 Prozent.\" (line 9)? You typed "
        "'Marktanteil', the source has 'Markanteil'.",
        "facts/entities/us-geschaeft.yaml:6:12: error: quote not found in linde-praxair; did you mean \"wird "
        "der Münchner Linde-Konzern Teile seiner US-Aktivitäten verkaufen müssen\" (line 7)? The source has "
        "'-' after 'Linde'.",
        "facts/relations/kartell-bedingung.yaml:7:12: error: quote spans paragraphs 3 and 4 of "
        "linde-praxair: split it into one evidence item per paragraph",
        "8 cards (4 entities and 1 relation valid), 1 source: 3 errors, 0 warnings",
    ],
    "reuters": [
        'facts/entities/aid-worker.yaml:7:12: error: quote is not found as whole words: it starts inside '
        '\'healthcare\' (line 3); the whole words are "healthcare worker has been diagnosed with Ebola a '
        'day after flying home to Glasgow from Sierra Leone"',
        'facts/entities/reuters.yaml:6:12: error: quote not found in glasgow-ebola; did you mean "LONDON '
        '(Reuters) - A healthcare worker has been diagnosed with Ebola" (line 3)? It differs only in case: '
        "the source has 'LONDON'.",
        'facts/entities/royal-free-hospital.yaml:6:12: error: quote occurs 2 times in glasgow-ebola (at '
        'line:column 11:119, 15:157): make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick '
        'one: `prefix: "in"` picks the one at 11:119, `prefix: "at"` picks the one at 15:157',
        'facts/entities/sierra-leone.yaml:8:12: error: quote not found in glasgow-ebola; did you mean "has '
        'passed 20,000, with more than 7,842 deaths in the epidemic so far" (line 19)? You typed \'7842\', '
        "the source has '7,842'.",
        'facts/entities/william-pooley.yaml:6:12: error: quote not found in glasgow-ebola; did you mean '
        '"another British aid worker, William Pooley, contracted the disease after working Sierra Leone" '
        "(line 15)? The source does not have 'in' here.",
        'facts/relations/pooley-treated-at-royal-free.yaml:2:10: note: held back: `subject` names '
        "'william-pooley', whose card has errors (facts/entities/william-pooley.yaml) and `object` names "
        "'royal-free-hospital', whose card has errors (facts/entities/royal-free-hospital.yaml); it loads "
        'once those are fixed',
        "facts/relations/worker-from-sierra-leone.yaml:2:10: note: held back: `subject` names 'aid-worker', "
        "whose card has errors (facts/entities/aid-worker.yaml) and `object` names 'sierra-leone', whose "
        'card has errors (facts/entities/sierra-leone.yaml); it loads once those are fixed',
        'facts/relations/worker-treated-at-gartnavel.yaml:2:10: note: held back: `subject` names '
        "'aid-worker', whose card has errors (facts/entities/aid-worker.yaml); it loads once that card is "
        'fixed',
        '13 cards (4 entities and 1 relation valid), 1 source: 5 errors, 0 warnings, 3 held back by them',
    ],
    "heraldsun": [
        'facts/entities/andrew-colvin.yaml:6:12: error: quote is not found as whole words: it ends inside '
        '\'Colvin\' (line 5); the whole words are "Australian Federal Police Commissioner Andrew Colvin"',
        'facts/entities/bill-shorten.yaml:6:12: error: quote not found in data-retention; did you mean "AS '
        'Opposition Leader Bill Shorten said in a letter to Abbott last month: “Press freedom concerns '
        'about mandatory data retention" (line 31)? It differs only in case: the source has \'AS\'.',
        'facts/entities/data-retention-bill.yaml:8:12: error: quote not found in data-retention; did you '
        'mean "the strength of criticism from media of the Data Retention Bill it wants passed" (line 9)? '
        "You typed 'Retension', the source has 'Retention'.",
        'facts/entities/data-retention-bill.yaml:10:12: error: quote not found in data-retention; did you '
        'mean "A HIGH-powered federal government team has been doing the rounds of media organisations" '
        "(line 3)? The source has '-' after 'HIGH'; the source has 'HIGH' (case).",
        'facts/entities/joint-committee.yaml:6:12: error: quote not found in data-retention; did you mean '
        '"it would also be used “for the purpose of determining the identity of a journalist’s sources”" '
        '(line 11)? The source has \'“\' where you typed "\'"; the source has \'”\' where you typed "\'".',
        'facts/relations/shorten-wrote-to-abbott.yaml:2:10: note: held back: `subject` names '
        "'bill-shorten', whose card has errors (facts/entities/bill-shorten.yaml); it loads once that card "
        'is fixed',
        '13 cards (6 entities and 2 relations valid), 1 source: 5 errors, 0 warnings, 1 held back by them',
    ],
    "aktualne": [
        'facts/entities/tomas-soucek.yaml:8:12: error: quote not found in west-ham-soucek; did you mean '
        '"Výjimkou potvrzující pravidlo je přitom Tomáš Souček" (line 11)? It differs only in accents: the '
        "source has 'Výjimkou potvrzující', 'přitom Tomáš Souček'.",
        'facts/entities/vladimir-coufal.yaml:6:12: error: quote not found in west-ham-soucek; did you mean '
        '"Vladimír Coufal už sice uzdravil poraněné tříslo" (line 21)? It differs only in accents: the '
        "source has 'Vladimír'.",
        'facts/entities/west-ham.yaml:9:12: error: quote not found in west-ham-soucek; did you mean "West '
        'Ham je opět v kurzu" (line 5)? It differs only in case: the source has \'West\'.',
        'facts/relations/coufal-plays-for-west-ham.yaml:2:10: note: held back: `subject` names '
        "'vladimir-coufal', whose card has errors (facts/entities/vladimir-coufal.yaml) and `object` names "
        "'west-ham', whose card has errors (facts/entities/west-ham.yaml); it loads once those are fixed",
        "facts/relations/moyes-manages-west-ham.yaml:4:9: note: held back: `object` names 'west-ham', whose "
        'card has errors (facts/entities/west-ham.yaml); it loads once that card is fixed',
        "facts/relations/soucek-partners-rice.yaml:2:10: note: held back: `subject` names 'tomas-soucek', "
        'whose card has errors (facts/entities/tomas-soucek.yaml); it loads once that card is fixed',
        '11 cards (4 entities and 1 relation valid), 1 source: 3 errors, 0 warnings, 3 held back by them',
    ],
    "latvian": [
        'facts/entities/norvegija.yaml:7:12: error: quote not found in norvegija-nogruvums; did you mean '
        '"Norvēģijas glābšanas komanda četras dienas pēc tam" (line 1)? It differs only in accents: the '
        "source has 'Norvēģijas glābšanas', 'četras', 'pēc'.",
        'facts/entities/oslo.yaml:6:12: error: quote not found in norvegija-nogruvums; did you mean '
        '"apmēram 25 kilometrus uz ziemeļaustrumiem no galvaspilsētas Oslo" (line 3)? It differs only in '
        "accents: the source has 'ziemeļaustrumiem'.",
        'facts/entities/zemes-nogruvums.yaml:9:12: error: quote spans paragraphs 3 and 4 of '
        'norvegija-nogruvums: split it into one evidence item per paragraph',
        "facts/relations/aska-near-oslo.yaml:4:9: note: held back: `object` names 'oslo', whose card has "
        'errors (facts/entities/oslo.yaml); it loads once that card is fixed',
        "facts/relations/nogruvums-in-aska.yaml:2:10: note: held back: `subject` names 'zemes-nogruvums', "
        'whose card has errors (facts/entities/zemes-nogruvums.yaml); it loads once that card is fixed',
        '9 cards (3 entities and 1 relation valid), 1 source: 3 errors, 0 warnings, 2 held back by them',
    ],
    "turkish": [
        'facts/entities/cin.yaml:6:12: error: quote not found in 3 sources; did you mean "meclis üyelerinin '
        'Çin Halk Cumhuriyeti\'nin bir parçası olarak" (hong-kong-yemin line 3)? It differs only in '
        "accents: the source has 'Çin'.",
        'facts/entities/ingiltere.yaml:7:12: error: quote not found in 3 sources; did you mean "1997 '
        'yılında Hong Kong\'un İngiltere\'den devralınmasından" (hong-kong-yemin line 1)? It differs only '
        "in accents: the source has 'İngiltere'.",
        'facts/entities/pekin.yaml:6:12: error: quote not found in 3 sources; did you mean "Pekin yanlısı '
        'milletvekillerince yönetilen Hong Kong hükumeti" (hong-kong-yemin line 5)? It differs only in '
        "case: the source has 'Pekin'.",
        "facts/entities/seagal.yaml:7:12: error: quote not found in 3 sources; did you mean «Kırım'daki "
        'eylemlerini "çok makul" olarak nitelendirmesiyle» (seagal-sirbistan line 1)? It differs only in '
        "case and accents: the source has 'Kırım'.",
        'facts/entities/sirbistan.yaml:6:12: error: quote not found in 3 sources; did you mean "Seagal\'a '
        'Sırbistan vatandaşlığı verildi." (seagal-sirbistan line 7)? It differs only in accents: the source '
        "has 'Sırbistan'.",
        "facts/relations/pekin-intervenes-hong-kong.yaml:2:10: note: held back: `subject` names 'pekin', "
        'whose card has errors (facts/entities/pekin.yaml); it loads once that card is fixed',
        "facts/relations/seagal-citizen-of-sirbistan.yaml:2:10: note: held back: `subject` names 'seagal', "
        "whose card has errors (facts/entities/seagal.yaml) and `object` names 'sirbistan', whose card has "
        'errors (facts/entities/sirbistan.yaml); it loads once those are fixed',
        '12 cards (4 entities and 1 relation valid), 3 sources: 5 errors, 0 warnings, 2 held back by them',
    ],
    "polish": [
        "facts/entities/kandydat.yaml:7:12: error: YAML syntax error: this value starts with '- ', which "
        "YAML reads as a list item: put the whole value in quotes, '- Nie chciałbym wywierać na…aszych "
        "barkach - powiedział' (double any ' inside)",
        'facts/entities/serbia.yaml:6:12: error: quote not found in 3 sources; did you mean "Wcześniej w '
        'tym roku Seagalowi przyznano obywatelstwo serbskie" (seagal-serbia line 7)? It differs only in '
        "case: the source has 'Wcześniej'.",
        'facts/entities/uniwersytet.yaml:6:12: error: quote not found in 3 sources; did you mean "na boisku '
        'Uniwersytetu Północnej Karoliny" (kandydat-republikanow line 3)? It differs only in accents: the '
        "source has 'Północnej'.",
        'facts/entities/wladywostok.yaml:6:12: error: quote not found in 3 sources; did you mean "którego '
        'matka pochodziła z Władywostoku na dalekim wschodzie Rosji" (seagal-serbia line 5)? It differs '
        "only in accents: the source has 'Władywostoku'.",
        "facts/relations/kandydat-clinton.yaml:2:10: note: held back: `subject` names 'kandydat', whose "
        'card has errors (facts/entities/kandydat.yaml); it loads once that card is fixed',
        "facts/relations/seagal-serbia.yaml:4:9: note: held back: `object` names 'serbia', whose card has "
        'errors (facts/entities/serbia.yaml); it loads once that card is fixed',
        '12 cards (5 entities and 1 relation valid), 3 sources: 4 errors, 0 warnings, 2 held back by them',
    ],
    "russian": [
        'facts/entities/kandidat.yaml:7:12: error: quote not found in 4 sources; did you mean "въезд '
        '«огромного количества» легальных мигрантов" (kandidat line 1)? The source has \'«\' where you '
        "typed '<<'; the source has '»' where you typed '>>'.",
        'facts/entities/ortefeu.yaml:6:12: error: quote not found in 4 sources; did you mean "называет '
        'Брайса Ортефё «фашистом»" (orthefeu line 3)? It differs only in accents: the source has '
        "'Ортефё'.",
        "facts/entities/panvalkar.yaml:7:12: error: quote not found in 4 sources: it leaves out '— сказал "
        "господин Панвалкар, —', which the source has between its words, and a quote is one run of the "
        "source's own words. Both parts are there, in order (panvalkar line 1): quote each as a quote of "
        'its own, or the whole passage, "Был момент, — сказал господин Панвалкар, — когда он чувствовал, '
        'что они должны покинуть здание"',
        'facts/entities/sarkozy.yaml:6:12: error: quote not found in 4 sources; did you mean "поддерживает '
        'кандидатуру Николя Саркози" (orthefeu line 1)? It differs only in case: the source has \'Николя\'.',
        "facts/relations/dati-supports-sarkozy.yaml:4:9: note: held back: `object` names 'sarkozy', whose "
        'card has errors (facts/entities/sarkozy.yaml); it loads once that card is fixed',
        "facts/relations/kandidat-clinton.yaml:2:10: note: held back: `subject` names 'kandidat', whose "
        'card has errors (facts/entities/kandidat.yaml); it loads once that card is fixed',
        '11 cards (4 entities and 1 relation valid), 4 sources: 4 errors, 0 warnings, 2 held back by them',
    ],
    "hebrew": [
        'facts/entities/mendele.yaml:8:12: error: quote not found in mendele; did you mean \'מענדעלע, קרי "מֶנְדֶלֶה מוֹיְכֶֿר סְפֿוֹרִים"\' (line 1)? It differs only in vowel marks: the source has \'מֶנְדֶלֶה מוֹיְכֶֿר סְפֿוֹרִים\' (segol, sheva, holam, rafe, hiriq).',
        'facts/entities/ravnitzky.yaml:5:12: error: quote is not found as whole words: it starts inside \'ויהושע\' (line 19); the whole words are "ויהושע חנא רבניצקי חוברת לזכרו"',
        'facts/entities/slutsk.yaml:7:12: error: quote not found in mendele; did you mean "למד בישיבות בטימקוביץ\', בסלוּצק ובווילנה" (line 9)? It differs only in vowel marks: the source has \'בסלוּצק\' (dagesh or mapiq).',
        "facts/relations/bialik-ravnitzky-booklet.yaml:4:9: note: held back: `object` names 'ravnitzky', whose card has errors (facts/entities/ravnitzky.yaml); it loads once that card is fixed",
        "facts/relations/gottlober-taught-mendele.yaml:4:9: note: held back: `object` names 'mendele', whose card has errors (facts/entities/mendele.yaml); it loads once that card is fixed",
        "facts/relations/mendele-born-kapulye.yaml:2:10: note: held back: `subject` names 'mendele', whose card has errors (facts/entities/mendele.yaml); it loads once that card is fixed",
        "facts/relations/mendele-studied-slutsk.yaml:2:10: note: held back: `subject` names 'mendele', whose card has errors (facts/entities/mendele.yaml) and `object` names 'slutsk', whose card has errors (facts/entities/slutsk.yaml); it loads once those are fixed",
        'facts/relations/mendele-studied-slutsk.yaml:6:12: error: quote not found in mendele; did you mean "למד בישיבות בטימקוביץ\', בסלוּצק" (line 9)? It differs only in vowel marks: the source has \'בסלוּצק\' (dagesh or mapiq).',
        "facts/relations/mendele-wrote-in-hamagid.yaml:2:10: note: held back: `subject` names 'mendele', whose card has errors (facts/entities/mendele.yaml); it loads once that card is fixed",
        'facts/relations/mendele-wrote-in-hamagid.yaml:7:12: error: quote not found in mendele; did you mean "בתחילת דרכו בשנות ה-60 של המאה ה-19 הִרבה מנדלי לכתוב ספרי מדע פופולרי" (line 23)? It differs only in vowel marks: the source has \'הִרבה\' (hiriq).',
        '14 cards (5 entities and 1 relation valid), 1 source: 5 errors, 0 warnings, 5 held back by them',
    ],
    "persian": [
        'facts/entities/iran.yaml:7:12: error: quote not found in naft-khoshchehreh; did you mean "افزایش قیمت نفت به حال کشورهای تولیدکننده مثل ایران و عربستان" (line 39)? It differs only in letters or digits that look alike (another keyboard\'s): the source has \'ی\' (U+06CC) where you typed \'ي\' (U+064A).',
        'facts/entities/khoshchehreh.yaml:8:12: error: quote not found in naft-khoshchehreh; did you mean "دیدگاه وی را می\u200cخوانید" (line 7)? The source writes \'می\u200cخوانید\' as one word (a zero-width non-joiner, or nothing, where you typed a space).',
        'facts/entities/opec.yaml:8:12: error: quote not found in naft-khoshchehreh; did you mean "تصمیم اخیر اوپک یک تأثیرگذاری منفی در اقتصاد ایران ارزیابی می\u200cشود." (line 21)? It differs only in hamza: the source has \'تأثیرگذاری\'.',
        'facts/entities/plan-and-budget.yaml:6:12: error: quote not found in naft-khoshchehreh; did you mean "برای سازمان برنامه و بودجه و مخصوصاً هزینه\u200cهای جاری دولت خوشایند بود" (line 15)? It differs only in vowel marks: the source has \'مخصوصاً\' (fathatan).',
        "facts/relations/khoshchehreh-interviewed-by.yaml:2:10: note: held back: `subject` names 'khoshchehreh', whose card has errors (facts/entities/khoshchehreh.yaml); it loads once that card is fixed",
        "facts/relations/opec-decision-hurts-iran.yaml:2:10: note: held back: `subject` names 'opec', whose card has errors (facts/entities/opec.yaml) and `object` names 'iran', whose card has errors (facts/entities/iran.yaml) and `attribution` names 'khoshchehreh', whose card has errors (facts/entities/khoshchehreh.yaml); it loads once those are fixed",
        'facts/relations/usa-weakened-japan-1973.yaml:8:12: error: quote not found in naft-khoshchehreh; did you mean "انفجار قیمت نفت در سال ۱۹۷۳ که تحت عنوان جنگ اعراب و اسرائیل مطرح شد" (line 35)? It differs only in how its digits are written: the source has \'۱۹۷۳\' where you typed \'1973\' (Extended Arabic-Indic digits, as Persian and Urdu write them).',
        '11 cards (3 entities and 1 relation valid), 1 source: 5 errors, 0 warnings, 2 held back by them',
    ],
    "kubernetes": [
        'facts/entities/job-object.yaml:7:12: error: quote not found in 2 sources; did you mean "Read more about theJob object." (kubernetes-1-1 line 21)? You typed \'the Job\', the source has \'theJob\'.',
        'facts/entities/univa.yaml:6:12: error: quote not found in 2 sources; did you mean "Univa’s customers are looking for scalable, enterprise-caliber solutions" (kubernetes-1-1 line 37)? It differs only in apostrophes: the source has \'Univa’s\'.',
        "facts/relations/univa-navops.yaml:2:10: note: held back: `subject` names 'univa', whose card has errors (facts/entities/univa.yaml); it loads once that card is fixed",
        '13 cards (8 entities and 2 relations valid), 2 sources: 2 errors, 0 warnings, 1 held back by them',
    ],
    "guardian": [
        "facts/entities/jamie-werner.yaml:8:12: error: quote not found in whale-strandings: it leaves out ',” says Werner. “', which the source has between its words, and a quote is one run of the source's own words. Both parts are there, in order (line 69): quote each as a quote of its own, or the whole passage, \"“I arrived at the beach and we leapfrogged between the animals. They were calling out to each other and reassuring each other,” says Werner. “It was a shock.\"",
        "facts/entities/ngatiwai.yaml:7:12: error: quote not found in whale-strandings; did you mean \"a fierce and uncompromising elder of the Ngātiwai tribe of eastern Northland\" (line 5)? It differs only in accents: the source has 'Ngātiwai'.",
        "facts/entities/whangarei.yaml:6:12: error: quote not found in whale-strandings; did you mean \"carves a traditional Māori design at their home in Whangārei\" (line 13)? It differs only in accents: the source has 'Māori'.",
        "facts/relations/kaurinui-returned-whangarei.yaml:4:9: note: held back: `object` names 'whangarei', whose card has errors (facts/entities/whangarei.yaml); it loads once that card is fixed",
        "facts/relations/kaurinui-returned-whangarei.yaml:7:12: error: quote not found in whale-strandings; did you mean \"left university this year to return to Whangārei and study whale tikanga (protocol) and carving\" (line 45)? It differs only in accents: the source has 'Whangārei'.",
        "facts/relations/parata-elder-of-ngatiwai.yaml:4:9: note: held back: `object` names 'ngatiwai', whose card has errors (facts/entities/ngatiwai.yaml); it loads once that card is fixed",
        "facts/relations/werner-of-ngatiwai.yaml:2:10: note: held back: `subject` names 'jamie-werner', whose card has errors (facts/entities/jamie-werner.yaml) and `object` names 'ngatiwai', whose card has errors (facts/entities/ngatiwai.yaml); it loads once those are fixed",
        "12 cards (5 entities and 1 relation valid), 1 source: 4 errors, 0 warnings, 3 held back by them",
    ],
    "bengali": [
        "facts/entities/anubrata-mondal.yaml:7:12: error: quote not found in birbhum-trinamool; did you mean \"তবে অনুব্রত মন্ডল গ্রেফতারের পরে\" (line 3)? You typed 'মণ্ডল', the source has 'মন্ডল'.",
        "facts/entities/birbhum.yaml:7:12: error: quote not found in birbhum-trinamool; did you mean \"বীরভূম: লোকসভা নির্বাচনে তৃণমূলের নজরে বীরভূম।\" (line 1)? The source has '।' where you typed '|'.",
        "facts/entities/bjp.yaml:7:12: error: quote not found in birbhum-trinamool; did you mean \"যদিও ৫ বিধানসভা আসনে এগিয়ে ছিল বিজেপি।\" (line 1)? It differs only in how its digits are written: the source has '৫' where you typed '5' (Bengali digits).",
        "facts/relations/bjp-campaigns-birbhum.yaml:2:10: note: held back: `subject` names 'bjp', whose card has errors (facts/entities/bjp.yaml) and `object` names 'birbhum', whose card has errors (facts/entities/birbhum.yaml); it loads once those are fixed",
        "facts/relations/mondal-arrest-trinamool.yaml:2:10: note: held back: `subject` names 'anubrata-mondal', whose card has errors (facts/entities/anubrata-mondal.yaml); it loads once that card is fixed",
        "facts/relations/mondal-arrest-trinamool.yaml:7:12: error: quote is not found as whole words: it ends inside 'দলকে' (line 3); the whole words are \"অনুব্রত মন্ডল গ্রেফতারের পরে সংগঠন নিয়ে অস্বস্তিতে পড়তে হয় শাসক দলকে\"",
        "facts/relations/trinamool-won-birbhum.yaml:4:9: note: held back: `object` names 'birbhum', whose card has errors (facts/entities/birbhum.yaml); it loads once that card is fixed",
        "11 cards (4 entities and 1 relation valid), 1 source: 4 errors, 0 warnings, 3 held back by them",
    ],
    "folha": [
        "facts/entities/cbf.yaml:7:12: error: quote not found in tite-lula; did you mean \"CBF e Palmeiras, enquanto instituições têm a opinião\" (line 13)? It differs only in accents: the source has 'instituições têm', 'opinião'.",
        "facts/entities/lula.yaml:7:12: error: quote not found in tite-lula; did you mean \"ao ex-presidente Luiz Inácio Lula da Silva\" (line 1)? It differs only in accents: the source has 'Inácio'.",
        "facts/entities/palmeiras.yaml:6:12: error: quote not found in tite-lula: it leaves words out ('[...]'), and a quote is one run of the source's own words. Its 2 parts are there, in order (line 13): quote each as a quote of its own, or the whole passage, '\"Em 2012 eu fiz e errei. O protocolo e a situação gerada no jogo do Palmeiras s…fatos de opinião pessoal. CBF e Palmeiras, enquanto instituições têm a opinião.'; the source has no quotation mark after 'opinião.'",
        "facts/relations/palmeiras-invited-bolsonaro.yaml:2:10: note: held back: `subject` names 'palmeiras', whose card has errors (facts/entities/palmeiras.yaml); it loads once that card is fixed",
        "facts/relations/tite-took-cup-to-lula.yaml:4:9: note: held back: `object` names 'lula', whose card has errors (facts/entities/lula.yaml); it loads once that card is fixed",
        "13 cards (6 entities and 2 relations valid), 1 source: 3 errors, 0 warnings, 2 held back by them",
    ],
    "finnish": [
        "facts/entities/ehdokas.yaml:6:12: error: quote not found in 3 sources; did you mean \"presidenttinä hän sallisi ”valtavan määrän” laillisia maahanmuuttajia\" (ehdokas line 1)? It differs only in accents: the source has 'presidenttinä hän', 'määrän'.",
        "facts/entities/kamtsatka.yaml:7:12: error: quote not found in 3 sources; did you mean \"hän vieraili Kamtšatkassa ja Sahalinilla syyskuussa\" (seagal-serbia line 5)? It differs only in accents: the source has 'Kamtšatkassa'.",
        "facts/entities/sahalin.yaml:7:12: error: quote is not found as whole words: it ends inside 'Sahalinilla' (seagal-serbia line 5); the whole words are \"vieraili Kamtšatkassa ja Sahalinilla\"",
        "facts/relations/peking-intervenes.yaml:9:12: error: quote not found in 3 sources: it leaves words out ('...'), and a quote is one run of the source's own words. Its 2 parts are there, in order (hong-kong-vala line 7): quote each as a quote of its own, or the whole passage, \"”Peking uskoo, että sen väliintulo on tarpeellinen, jotta saadaan estettyä kaupungin lainsäädännöllisen halvaustilan pitkittyminen”\"",
        "16 cards (9 entities and 3 relations valid), 3 sources: 4 errors, 0 warnings",
    ],
    "italian": [
        "facts/entities/comey.yaml:7:12: error: quote not found in 4 sources; did you mean \"la lettera di Comey è stata a malapena commentata.\" (comey-obama line 1)? It differs only in accents, each typed as an apostrophe after its letter: the source has 'è'.",
        "facts/entities/hong-kong.yaml:7:12: error: quote not found in 4 sources; did you mean \"Il governo di Hong Kong, guidato da lagislatori favorevoli a Pechino\" (hong-kong-giuramento line 5)? You typed 'legislatori', the source has 'lagislatori'.",
        "facts/entities/pechino.yaml:7:12: error: quote not found in 4 sources; did you mean \"È potenzialmente l'intervento di più vasta portata messo in atto da Pechino\" (hong-kong-giuramento line 1)? It differs only in accents, each typed as an apostrophe after its letter: the source has 'È', 'più'.",
        "facts/entities/vladivostok.yaml:6:12: error: quote not found in 4 sources; did you mean \"la cui nonna era originaria di Vladivostok, città all'estremo est della Russia\" (seagal-serbia line 5)? It differs only in accents, each typed as an apostrophe after its letter: the source has 'città'.",
        "facts/relations/pechino-intervenes-hong-kong.yaml:2:10: note: held back: `subject` names 'pechino', whose card has errors (facts/entities/pechino.yaml) and `object` names 'hong-kong', whose card has errors (facts/entities/hong-kong.yaml) and `attribution` names 'pechino', whose card has errors (facts/entities/pechino.yaml); it loads once those are fixed",
        "facts/relations/regno-unito-ceded-hong-kong.yaml:4:9: note: held back: `object` names 'hong-kong', whose card has errors (facts/entities/hong-kong.yaml); it loads once that card is fixed",
        "12 cards (5 entities and 1 relation valid), 4 sources: 4 errors, 0 warnings, 2 held back by them",
    ],
    "arabic": [
        "facts/entities/amazon.yaml:7:12: error: quote not found in 4 sources; did you mean \"أصبحت أمازون رابع أكبر شركة أمريكية من حيث القيمة السوقية, متجاوزةً إكسون موبيل\" (uber-amazon line 5)? It differs only in vowel marks: the source has 'متجاوزةً' (fathatan).",
        "facts/entities/belgrade.yaml:7:12: error: quote not found in 4 sources; did you mean \"عرض تأسيس مدرسة فنون قتالية في العاصمة بلغراد\" (seagal-serbia line 7)? You typed 'مدرسه', the source has 'مدرسة'; you typed 'قتاليه', the source has 'قتالية'.",
        "facts/entities/christian-wolmar.yaml:7:12: error: quote not found in 4 sources; did you mean \"سيخوض كريستيان وولمار الذي ألف عدة كتب عن تاريخ السكك الحديدية غمار المنافسة في 1 كانون الأول\" (wolmar-richmond line 1)? It differs only in how its digits are written: the source has '1' where you typed '١' (ASCII digits).",
        "facts/entities/liberal-democrats.yaml:7:12: error: quote not found in 4 sources; did you mean \"يأمل حزب الديمقراطيين الأحرار\" (wolmar-richmond line 3)? It differs only in hamza: the source has 'الأحرار'.",
        "facts/entities/mps.yaml:7:12: error: quote occurs 2 times in passera-mps (at line:column 1:36, 5:33): make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick one: `prefix: \"المقدم إلى\"` picks the one at 1:36, `prefix: \"مذكرة إلى\"` picks the one at 5:33",
        "facts/entities/steven-seagal.yaml:8:12: error: quote not found in 4 sources; did you mean \"بزياراتٍ متكررة لروسيا خلال السنوات الأخيرة, وزار كامشاتكا وسخالين\" (seagal-serbia line 5)? The source has ',' where you typed '،'.",
        "facts/entities/tesla.yaml:7:12: error: quote is not found as whole words: it starts inside 'وتسلا' (uber-amazon line 7); the whole words are \"وتسلا وأوبر وسنابتشات\"",
        "facts/relations/amazon-overtook-exxonmobil.yaml:2:10: note: held back: `subject` names 'amazon', whose card has errors (facts/entities/amazon.yaml); it loads once that card is fixed",
        "facts/relations/olney-candidate-of-libdems.yaml:4:9: note: held back: `object` names 'liberal-democrats', whose card has errors (facts/entities/liberal-democrats.yaml); it loads once that card is fixed",
        "facts/relations/passera-withdrew-offer-mps.yaml:4:9: note: held back: `object` names 'mps', whose card has errors (facts/entities/mps.yaml); it loads once that card is fixed",
        "facts/relations/seagal-visited-russia.yaml:2:10: note: held back: `subject` names 'steven-seagal', whose card has errors (facts/entities/steven-seagal.yaml); it loads once that card is fixed",
        "20 cards (8 entities and 1 relation valid), 4 sources: 7 errors, 0 warnings, 4 held back by them",
    ],
    "chinadaily": [
        "facts/entities/china-daily.yaml:7:12: error: quote not found in us-china-summit; did you mean \"多名外国专家告诉《中国日报》\" (line 1)? The source has '《' where you typed '<<'; the source has '》' where you typed '>>'.",
        "facts/entities/john-miller-white.yaml:7:12: error: quote not found in us-china-summit; did you mean \"美中合作基金会执行主席约翰·米勒-怀特认为\" (line 5)? The source has '·' where you typed '.'.",
        "facts/entities/khalid-akram.yaml:8:12: error: quote not found in us-china-summit; did you mean \"哈立德·泰穆尔·阿克拉姆指出，中美元首旧金山会晤为改善两国关系带来希望。\" (line 13)? The source has '·' after '德'; the source has '·' after '尔'.",
        "facts/entities/ong-tee-keat.yaml:7:12: error: quote not found in us-china-summit; did you mean \"共策会会长翁诗杰表示\" (line 19)? You typed '詩傑', the source has '诗杰'.",
        "facts/relations/akram-says-summit-brings-hope.yaml:2:10: note: held back: `subject` names 'khalid-akram', whose card has errors (facts/entities/khalid-akram.yaml) and `attribution` names 'khalid-akram', whose card has errors (facts/entities/khalid-akram.yaml); it loads once those are fixed",
        "facts/relations/china-daily-interviewed-askari.yaml:4:9: note: held back: `object` names 'china-daily', whose card has errors (facts/entities/china-daily.yaml); it loads once that card is fixed",
        "facts/relations/china-daily-interviewed-askari.yaml:7:12: error: quote spans paragraphs 1 and 2 of us-china-summit: split it into one evidence item per paragraph",
        "12 cards (5 entities and 1 relation valid), 1 source: 5 errors, 0 warnings, 2 held back by them",
    ],
    "wapo": [
        "facts/entities/amnesty-international.yaml:6:12: error: quote not found in tunisia-museum-attack; did you mean \"Tunisia country director for Amnesty International, a London-based rights group.\" (line 23)? The source has '-' after 'London'.",
        "facts/entities/ennahda.yaml:7:12: error: quote spans paragraphs 18 and 19 of tunisia-museum-attack: split it into one evidence item per paragraph",
        "facts/entities/islamic-state.yaml:6:12: error: quote occurs 3 times in tunisia-museum-attack (at line:column 5:186, 15:81, 47:39): make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick one: `prefix: \"linked to\"` picks the one at 5:186, `prefix: \"including\"` picks the one at 15:81, `prefix: \"loyal to\"` picks the one at 47:39",
        "facts/entities/josh-earnest.yaml:7:12: error: quote not found in tunisia-museum-attack; did you mean \"White House press secretary Josh Earnest condemned the attack and said the U.S. government was willing to assist\" (line 21)? It differs only in spacing: the source has 'U.S. government'.",
        "facts/entities/lotfi-azzouz.yaml:7:12: error: quote not found in tunisia-museum-attack: it leaves words out ('...'), and a quote is one run of the source's own words. Its 2 parts are there, in order (line 23): quote each as a quote of its own, or the whole passage, \"“This attack today is meant to threaten authorities, to frighten tourists and to negatively affect the economy,” said Lotfi Azzouz\"",
        "facts/entities/rachid-ghannouchi.yaml:7:12: error: quote not found in tunisia-museum-attack; did you mean \"The leader of Ennahda, Rachid Ghannouchi, condemned Wednesday’s attack\" (line 43)? You typed 'Ghanouchi', the source has 'Ghannouchi'.",
        "facts/relations/azzouz-of-amnesty.yaml:2:10: note: held back: `subject` names 'lotfi-azzouz', whose card has errors (facts/entities/lotfi-azzouz.yaml) and `object` names 'amnesty-international', whose card has errors (facts/entities/amnesty-international.yaml); it loads once those are fixed",
        "facts/relations/ghannouchi-leads-ennahda.yaml:2:10: note: held back: `subject` names 'rachid-ghannouchi', whose card has errors (facts/entities/rachid-ghannouchi.yaml) and `object` names 'ennahda', whose card has errors (facts/entities/ennahda.yaml); it loads once those are fixed",
        "12 cards (3 entities and 1 relation valid), 1 source: 6 errors, 0 warnings, 2 held back by them",
    ],
    "efe": [
        "facts/entities/aizoon.yaml:6:12: error: quote not found in infanta-castro; did you mean \"a través de la empresa Aizoon, que compartía al 50 % con su marido\" (line 15)? It differs only in spacing: the source has '50 %'.",
        "facts/entities/caso-noos.yaml:7:12: error: quote not found in infanta-castro; did you mean \"dijo el instructor del ‘caso Noos’ en relación a la decisión\" (line 11)? It differs only in accents: the source has 'Noos'.",
        "facts/entities/cristina-de-borbon.yaml:8:12: error: quote not found in infanta-castro: it leaves words out ('...'), and a quote is one run of the source's own words. Its 2 parts are there, in order (line 13): quote each as a quote of its own, or the whole passage, \"llama a declarar a doña Cristina como imputada\"",
        "facts/entities/inaki-urdangarin.yaml:7:12: error: quote not found in infanta-castro; did you mean \"con su marido, Iñaki Urdangarin, una sociedad\" (line 15)? It differs only in accents: the source has 'Iñaki'.",
        "facts/entities/miquel-roca.yaml:7:12: error: quote spans paragraphs 3 and 4 of infanta-castro: split it into one evidence item per paragraph",
        "facts/entities/pedro-horrach.yaml:7:12: error: quote not found in infanta-castro; did you mean \"El fiscal Pedro Horrach está perfilando con el jefe de la Fiscalía Anticorrupción\" (line 3)? It differs only in accents: the source has 'está'.",
        "facts/relations/audiencia-annulled.yaml:4:9: note: held back: `object` names 'cristina-de-borbon', whose card has errors (facts/entities/cristina-de-borbon.yaml); it loads once that card is fixed",
        "facts/relations/castro-imputa-cristina.yaml:4:9: note: held back: `object` names 'cristina-de-borbon', whose card has errors (facts/entities/cristina-de-borbon.yaml); it loads once that card is fixed",
        "facts/relations/horrach-opposes-imputation.yaml:2:10: note: held back: `subject` names 'pedro-horrach', whose card has errors (facts/entities/pedro-horrach.yaml) and `object` names 'cristina-de-borbon', whose card has errors (facts/entities/cristina-de-borbon.yaml) and `attribution` names 'pedro-horrach', whose card has errors (facts/entities/pedro-horrach.yaml); it loads once those are fixed",
        "13 cards (3 entities and 1 relation valid), 1 source: 6 errors, 0 warnings, 3 held back by them",
    ],
    "liberation": [
        "facts/entities/nepal.yaml:7:12: error: quote not found in nepal-seisme; did you mean \"le tremblement de terre samedi au Népal\" (line 1)? It differs only in accents: the source has 'Népal'.",
        "facts/entities/quai-d-orsay.yaml:9:12: error: quote not found in nepal-seisme; did you mean \"2 209 Français ont été localisés sains et saufs\" (line 5)? You typed '2209', the source has '2 209'.",
        "facts/entities/roissy.yaml:6:12: error: quote not found in nepal-seisme; did you mean \"Il accueillait à Roissy un premier avion spécial ramenant des rescapés.\" (line 1)? It differs only in accents: the source has 'à'.",
        "facts/relations/a350-landed-roissy.yaml:4:9: note: held back: `object` names 'roissy', whose card has errors (facts/entities/roissy.yaml); it loads once that card is fixed",
        "10 cards (4 entities and 2 relations valid), 1 source: 3 errors, 0 warnings, 1 held back by them",
    ],
    "vietnamese": [
        'facts/entities/binh-dinh.yaml:7:12: error: quote not found in 2 sources; did you mean "các tỉnh từ Bình Định đến Khánh Hòa lên nhanh" (nam-trung-bo-lu line 3)? It differs only in accents: the source has \'Hòa\'.',
        'facts/entities/do-tat-binh.yaml:6:12: error: quote not found in 2 sources; did you mean "Phó Tổng giám đốc Cảng Hàng không Việt Nam Đỗ Tất Bình cho biết thêm, việc điều tiết khung giờ các chuyến bay cũng gặp khó khăn" (dinh-la-thang-san-bay line 9)? The source has no quotation mark before \'Phó\' nor after \'khăn\': leave the mark out (a quote is the source\'s own words).',
        'facts/entities/so-gtvt.yaml:6:12: error: quote not found in 2 sources: it leaves words out (\'...\'), and a quote is one run of the source\'s own words. Its 2 parts are there, in order (dinh-la-thang-san-bay line 14): quote each as a quote of its own, or the whole passage, "Sở Giao thông Vận tải TP HCM kiến nghị Trung ương và lãnh đạo TP HCM 10 biện pháp tháo gỡ tình trạng ùn tắc giao thông"',
        'facts/entities/tan-son-nhat.yaml:6:12: error: quote not found in 2 sources; did you mean "để giảm tải cho sân bay Tân Sơn Nhất" (dinh-la-thang-san-bay line 3)? It differs only in accents: the source has \'để giảm tải\', \'sân\', \'Tân Sơn Nhất\'.',
        'facts/entities/tan-son-nhat.yaml:8:12: error: quote spans paragraphs 4 and 5 of dinh-la-thang-san-bay: split it into one evidence item per paragraph',
        'facts/entities/tran-chau.yaml:6:12: error: quote is not found as whole words: it starts inside \'Ông\' (nam-trung-bo-lu line 9); the whole words are "Ông Trần Châu - Phó chủ tịch UBND tỉnh Bình Định - cho hay"',
        'facts/entities/tran-doan-mau.yaml:7:12: error: quote not found in 2 sources; did you mean "song ngày Tết lượng khách sẽ tăng đột biến, dự kiến 10 triệu lượt" (dinh-la-thang-san-bay line 7)? It differs only in accents: the source has \'biến\'.',
        "facts/relations/chau-warns-binh-dinh.yaml:2:10: note: held back: `subject` names 'tran-chau', whose card has errors (facts/entities/tran-chau.yaml) and `object` names 'binh-dinh', whose card has errors (facts/entities/binh-dinh.yaml); it loads once those are fixed",
        "facts/relations/dinh-la-thang-chairs-meeting.yaml:4:9: note: held back: `object` names 'tan-son-nhat', whose card has errors (facts/entities/tan-son-nhat.yaml); it loads once that card is fixed",
        "facts/relations/mau-heads-airport-authority.yaml:2:10: note: held back: `subject` names 'tran-doan-mau', whose card has errors (facts/entities/tran-doan-mau.yaml) and `object` names 'tan-son-nhat', whose card has errors (facts/entities/tan-son-nhat.yaml); it loads once those are fixed",
        '13 cards (3 entities and 1 relation valid), 2 sources: 7 errors, 0 warnings, 3 held back by them',
    ],
    "indonesian": [
        'facts/entities/erry-rijana.yaml:7:12: error: quote not found in 2 sources; did you mean "Mantan Komisioner Komisi Pemberantasan Korupsi (KPK) Erry Rijana Hardjapamekas" (mahfud-mundur-kompas line 1)? You typed \'Harjapamekas\', the source has \'Hardjapamekas\'.',
        'facts/entities/joko-widodo.yaml:8:12: error: quote not found in 2 sources; did you mean "Bahkan, Presiden Jokowi menyebut Mahfud sebagai Menko Polhukam terlama" (mahfud-mundur-setkab line 13)? It differs only in case: the source has \'Presiden\'.',
        'facts/entities/kabinet-indonesia-maju.yaml:7:12: error: quote not found in 2 sources; did you mean "JAKARTA, KOMPAS.com - Menteri Koordinator Bidang Politik, Hukum, dan Keamanan (Menko Polhukam) Mahfud MD resmi mengundurkan diri" (mahfud-mundur-kompas line 1)? It differs only in case: the source has \'JAKARTA\', \'KOMPAS\'.',
        'facts/entities/kabinet-indonesia-maju.yaml:9:12: error: quote not found in 2 sources; did you mean "Mahfud resmi menanggalkan jabatannya usai memberikan surat" (mahfud-mundur-kompas line 1)? You typed \'menanggal kan\', the source has \'menanggalkan\'.',
        'facts/entities/mahfud-md.yaml:9:12: error: quote not found in 2 sources; did you mean "usai memberikan surat permhonan pengunduran diri kepada Presiden Joko Widodo" (mahfud-mundur-kompas line 1)? You typed \'permohonan\', the source has \'permhonan\'.',
        'facts/entities/mahfud-md.yaml:11:12: error: quote not found in 2 sources: it leaves words out (\'...\'), and a quote is one run of the source\'s own words. Its 2 parts are there, in order (mahfud-mundur-setkab line 15): quote each as a quote of its own, or the whole passage, "Pak Luhut setahun 4 bulan, lalu Pak Wiranto 3 tahun setengah lewat 2 bulan, saya hampir 4 tahun setengah"',
        'facts/relations/ganjar-backed-by-pdip.yaml:7:12: error: quote not found in 2 sources; did you mean "Ganjar Pranowo yang diusung PDI Perjuangan (PDI-P)" (mahfud-mundur-kompas line 1)? The source has \'PDI-P\' where you typed \'PDIP\'.',
        "facts/relations/mahfud-resigns-to-jokowi.yaml:2:10: note: held back: `subject` names 'mahfud-md', whose card has errors (facts/entities/mahfud-md.yaml) and `object` names 'joko-widodo', whose card has errors (facts/entities/joko-widodo.yaml); it loads once those are fixed",
        "facts/relations/mahfud-runs-with-ganjar.yaml:2:10: note: held back: `subject` names 'mahfud-md', whose card has errors (facts/entities/mahfud-md.yaml); it loads once that card is fixed",
        "facts/relations/mahfud-served-in-cabinet.yaml:2:10: note: held back: `subject` names 'mahfud-md', whose card has errors (facts/entities/mahfud-md.yaml) and `object` names 'kabinet-indonesia-maju', whose card has errors (facts/entities/kabinet-indonesia-maju.yaml); it loads once those are fixed",
        '12 cards (3 entities and 1 relation valid), 2 sources: 7 errors, 0 warnings, 3 held back by them',
    ],
    "nepali": [
        'facts/entities/aayog.yaml:6:12: error: quote not found in mitarbyaj; did you mean "सरकारले २०७९ चैत २० मा मिटरब्याजसम्बन्धी जाँचबुझ आयोग गठन गरेको हो\u202f।" (line 1)? The source has \'।\' where you typed \'|\'.',
        'facts/entities/aayog.yaml:8:12: error: quote not found in mitarbyaj; did you mean "पूर्वन्यायाधीश गौरीबहादुर कार्कीको नेतृत्वमा गठित तीन सदस्यीय आयोगले ८ महिनामा २८ हजार निवेदन संकलन गरेको थियो" (line 1)? It differs only in how its digits are written: the source has \'८\' where you typed \'8\', \'२८\' where you typed \'28\' (Devanagari digits).',
        'facts/entities/gauribahadur-karki.yaml:8:12: error: quote not found in mitarbyaj; did you mean "सरकारले गठन गरेको जाँचबुझ आयोगले आठ महिना लगाएर" (line 1)? You typed \'जांचबुझ\', the source has \'जाँचबुझ\'.',
        'facts/entities/madhesh.yaml:6:12: error: quote not found in mitarbyaj; did you mean "सबैभन्दा बढी मधेशका ८ जिल्लामा २१ हजार ५ सय उजुरी परेका छन्\u202f।" (line 3)? You typed \'छन.\', the source has \'छन्\u202f।\'.',
        "facts/relations/bara-in-madhesh.yaml:4:9: note: held back: `object` names 'madhesh', whose card has errors (facts/entities/madhesh.yaml); it loads once that card is fixed",
        "facts/relations/karki-leads-aayog.yaml:2:10: note: held back: `subject` names 'gauribahadur-karki', whose card has errors (facts/entities/gauribahadur-karki.yaml) and `object` names 'aayog', whose card has errors (facts/entities/aayog.yaml); it loads once those are fixed",
        '9 cards (3 entities and 1 relation valid), 1 source: 4 errors, 0 warnings, 2 held back by them',
    ],
    "swedish": [
        'facts/entities/erik-solheim.yaml:6:12: error: quote not found in 3 sources; did you mean "sade Erik Solheim, chef för FN:s miljöorgan" (fn-klimat line 5)? It differs only in accents: the source has \'för\'.',
        'facts/entities/jesse-labrocca.yaml:5:12: error: quote not found in 3 sources; did you mean "skrev Jesse LaBrocca, grundare av Hack Forums" (hack-forums line 1)? It differs only in case: the source has \'LaBrocca\'.',
        'facts/entities/storbritannien.yaml:5:12: error: quote not found in 3 sources; did you mean "överlämnandet av Hong Kong från Storbritannien 1997" (hong-kong-eden line 1)? You typed \'Storbrittannien\', the source has \'Storbritannien\'.',
        'facts/relations/beijing-intervenes-hong-kong.yaml:6:12: error: quote not found in 3 sources; did you mean "Ingripandet är möjligen det mest långtgående som Beijing gjort sedan överlämnandet av Hong Kong" (hong-kong-eden line 1)? The source has \'gjort\' after \'Beijing\'.',
        "facts/relations/britain-handed-over-hong-kong.yaml:2:10: note: held back: `subject` names 'storbritannien', whose card has errors (facts/entities/storbritannien.yaml); it loads once that card is fixed",
        "facts/relations/labrocca-founded-hack-forums.yaml:2:10: note: held back: `subject` names 'jesse-labrocca', whose card has errors (facts/entities/jesse-labrocca.yaml); it loads once that card is fixed",
        "facts/relations/solheim-heads-fn-environment.yaml:2:10: note: held back: `subject` names 'erik-solheim', whose card has errors (facts/entities/erik-solheim.yaml); it loads once that card is fixed",
        '13 cards (5 entities and 1 relation valid), 3 sources: 4 errors, 0 warnings, 3 held back by them',
    ],
    "urdu": [
        'facts/entities/data-ganj-bakhsh.yaml:7:12: error: quote not found in pakistan-week; did you mean "اس دھماکے میں کم از کم 10 افرا ہلاک" (line 7)? You typed \'افراد\', the source has \'افرا\'.',
        'facts/entities/kot-lakhpat-jail.yaml:5:12: error: quote not found in pakistan-week; did you mean "ضمانت ختم ہونے کے بعد دوبارہ کوٹ لکھپت جیل پہنچ گئے ہیں۔" (line 13)? The source has \'۔\' where you typed \'.\'.',
        'facts/entities/lahore.yaml:6:12: error: quote not found in pakistan-week; did you mean "لاہور کے سول کورٹ میں پیش ہونے جارہے ہیں" (line 11)? The source writes \'جارہے\' as one word (a zero-width non-joiner, or nothing, where you typed a space).',
        'facts/entities/peshawar.yaml:5:12: error: quote not found in pakistan-week; did you mean "پاکستان کے شہر پشاور میں ایک نرس" (line 15)? It differs only in letters or digits that look alike (another keyboard\'s): the source has \'ہ\' (U+06C1) where you typed \'ه\' (U+0647).',
        'facts/entities/pml-n.yaml:6:12: error: quote not found in pakistan-week; did you mean "پاکستان مسلم لیگ نون کے قائد" (line 13)? It differs only in letters or digits that look alike (another keyboard\'s): the source has \'ی\' (U+06CC) where you typed \'ي\' (U+064A).',
        "facts/relations/sharif-back-in-kot-lakhpat.yaml:4:9: note: held back: `object` names 'kot-lakhpat-jail', whose card has errors (facts/entities/kot-lakhpat-jail.yaml); it loads once that card is fixed",
        "facts/relations/sharif-leads-pml-n.yaml:4:9: note: held back: `object` names 'pml-n', whose card has errors (facts/entities/pml-n.yaml); it loads once that card is fixed",
        "facts/relations/shrine-in-lahore.yaml:2:10: note: held back: `subject` names 'data-ganj-bakhsh', whose card has errors (facts/entities/data-ganj-bakhsh.yaml) and `object` names 'lahore', whose card has errors (facts/entities/lahore.yaml); it loads once those are fixed",
        '16 cards (6 entities and 2 relations valid), 1 source: 5 errors, 0 warnings, 3 held back by them',
    ],
    "ukrainian": [
        'facts/entities/afghanistan.yaml:7:12: error: quote not found in soniachnyi-heroin; did you mean "афганські селяни, які вирощують опійний мак" (line 9)? You typed \'вирощуют\', the source has \'вирощують\'.',
        'facts/entities/europe.yaml:6:12: error: quote not found in soniachnyi-heroin; did you mean "чим це загрожує Британії і Європі" (line 13)? You typed \'Европі\', the source has \'Європі\'.',
        'facts/entities/irena-taraniuk.yaml:6:12: error: quote not found in soniachnyi-heroin; did you mean "кореспондентка ВВС News Україна Ірена Таранюк" (line 13)? It differs only in letters or digits that look alike (another keyboard\'s): the source has \'В\' (U+0412) where you typed \'B\' (U+0042), \'С\' (U+0421) where you typed \'C\' (U+0043).',
        'facts/relations/fakty-on-ictv.yaml:6:12: error: quote not found in soniachnyi-heroin: it leaves out \'з Оксаною Гутцайт\', which the source has between its words, and a quote is one run of the source\'s own words. Both parts are there, in order (line 13): quote each as a quote of its own, or the whole passage, \'програми "Факти" з Оксаною Гутцайт на телеканалі ICTV\'',
        "facts/relations/heroin-threatens-britain.yaml:2:10: note: held back: `subject` names 'afghanistan', whose card has errors (facts/entities/afghanistan.yaml); it loads once that card is fixed",
        "facts/relations/taraniuk-on-fakty.yaml:2:10: note: held back: `subject` names 'irena-taraniuk', whose card has errors (facts/entities/irena-taraniuk.yaml); it loads once that card is fixed",
        "facts/relations/taraniuk-works-for-bbc.yaml:2:10: note: held back: `subject` names 'irena-taraniuk', whose card has errors (facts/entities/irena-taraniuk.yaml); it loads once that card is fixed",
        '13 cards (5 entities and 1 relation valid), 1 source: 4 errors, 0 warnings, 3 held back by them',
    ],
}


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("FACTEX_CACHE", "0")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_prints_exactly_the_real_mistakes(name, capsys, monkeypatch):
    monkeypatch.chdir(REAL / name)
    status = main(["check", "."])
    out = capsys.readouterr().out.splitlines()
    assert out == EXPECTED[name]
    assert status == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_anchored_quote_is_the_sources_exact_text(name):
    base = Loader(REAL / name, use_cache=False).load(save=False)
    assert base.entities and base.relations
    exported = base.to_json()
    n = 0
    for card in (*exported["entities"], *exported["relations"]):
        for ev in card["evidence"]:
            source = base.sources[ev["source"]]
            text = source.text
            assert ev["text"] == text[ev["start"] : ev["end"]]
            read = rendered(text) if source.path.endswith(".md") else text  # (a Markdown page as it reads)
            assert normalize_quote(read[ev["start"] : ev["end"]]) == normalize_quote(ev["quote"]), (card["id"], ev["quote"])
            n += 1
    assert n >= 5


def test_every_workspace_says_where_its_article_comes_from():
    for name in EXPECTED:
        readme = (REAL / name / "README.md").read_text(encoding="utf-8")
        assert "Source:" in readme and "public repository" in readme
