"""Turn facts into Textual `Content`: card text is always literal, never markup.

This module is the one way workspace text reaches the screen. Every string that comes from a card,
a source, a file name, a problem message or a setting goes through `text()` / `para()` (which
call `safetext.visible()`: control, format, bidi, separator and zero-width characters become
visible markers) into `Content(...)`, which never parses markup, so `[bold]`, `[/]` and
`[@click=app.quit]` show as typed and do nothing.

Textual APIs that parse a plain `str` as markup get their text only from here: `set_title()` for
`border_title`/`border_subtitle`, `palette_hit()` for command palette hits (prompt and help), and
`FactexApp.notify()` (which makes every notification literal and visible). `tests/test_hostile_app.py`
drives every screen over a workspace made of payloads and looks at what reaches the terminal;
`tests/test_render_lint.py` fails when app code hands one of those APIs a string built from data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from explorer.core.model import Entity, Evidence, Relation
from explorer.core.model import CERTAINTY_MEANINGS, DEFAULT_CERTAINTY
from explorer.core.paragraphs import prose
from explorer.core.safetext import visible

if TYPE_CHECKING:  # only for annotations: the workspace module (and YAML) loads with the cards
    from explorer.core.loading.loader import FactBase

CERTAINTY_GLYPH = {"stated": "●", "reported": "◆", "hedged": "?", "opinion": "✱"}
CERTAINTY_STYLE = {
    "stated": "$text-success",
    "reported": "$text-accent",
    "hedged": "$text-warning",
    "opinion": "$text-secondary",
}
CERTAINTY_MEANING = CERTAINTY_MEANINGS  # defined in the model, with the words themselves
MUTED = "$foreground-muted"
QUOTE_STYLE = "bold underline on $accent-muted"
CITED_STYLE = "$foreground"
UNCITED_STYLE = "$foreground-muted"
MENTION_STYLE = "$text-primary"  # an entity's name in the article (a colour only: cited spans stay visible)
MENTION_FOCUS_STYLE = "bold $text-primary"  # the current entity's mentions
MENTION_CURRENT_STYLE = "bold reverse $text-primary"  # the mention stepped to with m / M


def text(value: str, style: str = "") -> Content:
    """Untrusted text as literal Content, one line."""
    content = Content(visible(value))
    return content.stylize(style) if style else content


def para(value: str, style: str = "") -> Content:
    """Untrusted multi-line text as literal Content."""
    content = Content(visible(value, keep_newlines=True))
    return content.stylize(style) if style else content


def line(*parts) -> Content:
    """Content made of parts, each literal: a `Content` as it is (already safe), a `str` or a
    `(str, style)` pair as untrusted text through `text()`. Use it instead of `Content.assemble`
    wherever a part may hold data."""
    out = []
    for part in parts:
        if isinstance(part, Content):
            out.append(part)
        elif isinstance(part, tuple):
            out.append(text(part[0], part[1]))
        else:
            out.append(text(str(part)))
    return Content("").join(out)


def plain(*parts) -> str:
    """The same as `line()`, as a plain string with every unsafe character already visible: for
    the few Textual APIs that take a `str` and are told not to parse it (`notify(markup=False)`,
    an empty-list message)."""
    return line(*parts).plain


def set_title(widget, *parts, subtitle: bool = False) -> None:
    """Set a widget's `border_title` (or `border_subtitle`) from `line()` parts: never markup."""
    content = line(*parts)
    if subtitle:
        widget.border_subtitle = content
    else:
        widget.border_title = content


def palette_hit(score: float | None, prompt: Content, callback, help_text=None, query: str | None = None, matcher=None):
    """A command palette hit whose prompt and help are literal Content (Textual parses a `str`
    prompt or help as markup). With a `matcher`, the matched letters of the prompt are
    highlighted, found in the text as shown. `score` None: a discovery hit (no query yet)."""
    from textual.command import DiscoveryHit, Hit

    help_content = None
    if help_text is not None:
        help_content = help_text if isinstance(help_text, Content) else text(str(help_text))
    if matcher is not None:
        _, offsets = matcher.fuzzy_search.match(matcher.query, prompt.plain)
        for offset in offsets:
            if not prompt.plain[offset].isspace():
                prompt = prompt.stylize(matcher._match_style, offset, offset + 1)
    if score is None:
        return DiscoveryHit(prompt, callback, text=prompt.plain, help=help_content)
    return Hit(score, prompt, callback, text=prompt.plain, help=help_content)


def attribution_name(base: FactBase, rel: Relation) -> str | None:
    if not rel.attribution:
        return None
    return base.entity_name(rel.attribution)


def certainty_label(base: FactBase, rel: Relation) -> Content:
    parts = [Content(f"{CERTAINTY_GLYPH[rel.certainty]} {rel.certainty}").stylize(CERTAINTY_STYLE[rel.certainty])]
    who = attribution_name(base, rel)
    if who:
        parts.append(Content(" · per ").stylize(MUTED))
        parts.append(text(who, "italic " + CERTAINTY_STYLE[rel.certainty]))
    return Content("").join(parts)


def type_header(type_name: str, count: int):
    return (Content(visible(type_name.upper())).stylize("bold $text-primary"), Content(str(count)).stylize(MUTED))


FLAWED_MARK = ("⚠ ", "bold $text-error")  # a card left out by a quote not in the source (FactBase.flawed)


def entity_row(entity: Entity, relations: int, mentions: int | None = None, flawed: bool = False):
    """The entity's name; right-aligned, its relation count and (once found) its mention count.
    `flawed`: a card left out by a quote not in the source, marked (its mentions are counted as
    another's: mentions.Mentions.flawed)."""
    right = Content(str(relations) if relations else "·").stylize(MUTED)
    if mentions is not None:
        shown = format(mentions, ">4") if mentions else "   ·"  # a count, never card text
        right = Content.assemble(right, Content(shown).stylize(MENTION_STYLE))
    if flawed:
        return (Content.assemble(FLAWED_MARK, text(entity.name, "$text-error")), right)
    return (Content.assemble("  ", text(entity.name)), right)


def relation_row(base: FactBase, rel: Relation, focus: str | None = None):
    """The relation as a sentence, its certainty at a glance; the far end of the link in bold.

    Returns (sentence, attribution): the attribution is shown right-aligned, never cut off.
    """
    style = CERTAINTY_STYLE[rel.certainty]
    italic = "italic" if rel.certainty in ("hedged", "opinion") else ""
    subject = text(base.entity_name(rel.subject), "bold" if rel.subject != focus else "")
    obj = text(base.entity_name(rel.object), "bold" if rel.object != focus or rel.subject == rel.object else "")
    sentence = Content.assemble(subject, " ", text(rel.predicate), " ", obj)
    left = Content.assemble(Content(CERTAINTY_GLYPH[rel.certainty] + " ").stylize("bold " + style),
                            sentence.stylize(italic) if italic else sentence)
    who = attribution_name(base, rel)
    if who:
        right = Content.assemble(("per ", MUTED), text(_short(who), "italic " + style))
    elif rel.certainty != DEFAULT_CERTAINTY:
        right = Content(rel.certainty).stylize("italic " + style)
    else:
        right = Content("")
    if len(base.sources) > 1:  # corroboration, in a workspace of several sources
        # (first: a long attribution is what gets cut short, never the count)
        right = Content.assemble(sources_badge(rel), (" · " if right.plain else "", MUTED), right)
    return left, right


def sources_badge(card) -> Content:
    """"1 source" (in the warning colour: nothing corroborates it) or "3 sources"."""
    n = len(card.backing_sources)
    return Content(f"{n} source{'s' if n != 1 else ''}").stylize("$text-warning" if n == 1 else "$text-success")


class Fitted:
    """A row that lays itself out for the width it gets (`VirtualList` calls `fit(width)`)."""

    __slots__ = ("fit",)

    def __init__(self, fit) -> None:
        self.fit = fit


def middle_truncate(value: str, width: int) -> str:
    """`value` in at most `width` cells, its middle replaced by an ellipsis when too long."""
    from rich.cells import cell_len

    from explorer.core.safetext import boundary

    if cell_len(value) <= width:
        return value
    if width <= 1:
        return "…"[:width]
    keep = width - 1
    head, tail = value[: (keep + 1) // 2], value[len(value) - keep // 2:] if keep // 2 else ""
    while cell_len(head) + cell_len(tail) > keep:  # wide characters: take one more off
        if len(head) >= len(tail) and head:
            head = head[:-1]
        elif tail:
            tail = tail[1:]
    # (between whole markers and letters: half a `⟨U+202E⟩` is no marker, an accent alone no letter)
    head = value[: boundary(value, len(head))]
    tail = value[boundary(value, len(value) - len(tail), forward=True):] if tail else ""
    return head.rstrip() + "…" + tail.lstrip()


def fit_parts(parts: list[str], width: int, minimum: int = 3) -> list[str]:
    """Shorten the longest of `parts` (in the middle) until they fit in `width` cells together
    (a part never below `minimum` cells): every part stays on the row."""
    from rich.cells import cell_len

    parts = list(parts)
    lengths = [cell_len(p) for p in parts]
    # A part wider than the whole row ends within it: shortened so first (once), the loop below
    # takes a cell at a time off parts of the row's width, not of a 200,000-character name (two
    # of them, a name and a predicate, shrank in turn a cell at a time: quadratic, minutes).
    room = max(width, minimum)
    for i, n in enumerate(lengths):
        if n > room:
            parts[i] = middle_truncate(parts[i], room)
            lengths[i] = cell_len(parts[i])
    while sum(lengths) > width:
        order = sorted(range(len(parts)), key=lambda i: -lengths[i])
        longest = order[0]
        if lengths[longest] <= minimum:
            break
        second = lengths[order[1]] if len(order) > 1 else 0
        # the longest down to the next longest at most: long parts shrink together
        target = max(minimum, second, lengths[longest] - (sum(lengths) - width))
        if target >= lengths[longest]:
            target = lengths[longest] - 1
        parts[longest] = middle_truncate(parts[longest], target)
        lengths[longest] = cell_len(parts[longest])
    return parts


def relation_row_fitted(base: FactBase, rel: Relation, focus: str | None = None, flawed: bool = False) -> Fitted:
    """The relation row, laid out for the list's width: subject, predicate and object always
    shown (the longest shortened in its middle), the attribution after them if there is room.
    `flawed`: left out by a quote not in the source or held back (FactBase.flawed), marked in
    place of its certainty."""
    style = CERTAINTY_STYLE[rel.certainty]
    italic = "italic" if rel.certainty in ("hedged", "opinion") else ""
    names = [visible(base.entity_name(rel.subject)), visible(rel.predicate), visible(base.entity_name(rel.object))]
    bold = ["bold" if rel.subject != focus else "", "", "bold" if rel.object != focus or rel.subject == rel.object else ""]
    _, right = relation_row(base, rel, focus)

    def fit(width: int):
        from rich.cells import cell_len

        glyph = Content.assemble(FLAWED_MARK) if flawed else Content(CERTAINTY_GLYPH[rel.certainty] + " ").stylize("bold " + style)
        room = width - glyph.cell_length
        sentence = sum(cell_len(n) for n in names) + 2
        attribution = right
        if attribution.cell_length:
            spare = min(room - sentence - 1, width // 3)  # (the list gives a right part a third at most)
            if spare < attribution.cell_length:  # the sentence first; the attribution gets what is left
                attribution = attribution.truncate(spare, ellipsis=True) if spare >= 8 else Content("")
        if attribution.cell_length:
            room -= attribution.cell_length + 1
        parts = fit_parts(names, max(room - 2, 9))
        sentence_content = Content(" ").join(Content(p).stylize(b) for p, b in zip(parts, bold))
        left = Content.assemble(glyph, sentence_content.stylize(italic) if italic else sentence_content)
        return (left, attribution) if attribution.cell_length else left

    return Fitted(fit)


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def quote_in_paragraph(base: FactBase, ev: Evidence) -> Content:
    """The paragraph of the source that holds the quote, the quoted span highlighted; a
    hand-wrapped paragraph (wire copy) reads as prose, its line breaks shown as spaces."""
    anchor = ev.anchor
    source = base.sources[anchor.source]
    start, end = source.paragraph_span(anchor.paragraph) if anchor.paragraph else (anchor.start, anchor.end)
    start, end = min(start, anchor.start), max(end, anchor.end)
    shown = prose(source.text[start:end])  # (as long as what it shows: the offsets hold)
    a, b = anchor.start - start, anchor.end - start
    return Content.assemble(_flow(shown[:a], MUTED), _flow(shown[a:b], QUOTE_STYLE), _flow(shown[b:], MUTED))


def _flow(value: str, style: str) -> Content:
    """Paragraph text with its line breaks kept, made literal and safe."""
    return Content(visible(value, keep_newlines=True)).stylize(style)


def evidence_blocks(base: FactBase, card: Entity | Relation) -> Content:
    """Everything the evidence pane shows for one card."""
    blocks: list[Content] = []
    if isinstance(card, Relation):
        blocks.append(Content.assemble(text(base.sentence(card), "bold")))
        meta = [certainty_label(base, card)]
        if card.qualifiers:
            quals = " · ".join(f"{k}: {base.entity_name(v) if v in base.entities else v}" for k, v in card.qualifiers.items())
            meta.append(text("  " + quals, MUTED))
        blocks.append(Content("").join(meta))
    else:
        # The id, as a card author writes it in a relation's `subject:` / `object:`.
        head = [text(card.name, "bold"), text(f"  {card.type}", "$text-primary"),
                Content("  id: ").stylize(MUTED), text(card.id, "$text-accent")]
        blocks.append(Content("").join(head))
        if card.aliases:
            blocks.append(text("also: " + ", ".join(card.aliases), MUTED))
        if card.description:
            blocks.append(para(card.description))
    if len(base.sources) > 1:
        backing = card.backing_sources
        blocks.append(Content.assemble(("backed by ", MUTED), sources_badge(card), (": ", MUTED),
                                       text(", ".join(base.sources[s].title for s in backing), MUTED)))
    blocks.append(text(f"{card.file}:{card.line}", MUTED + " italic"))
    count = len(card.evidence)
    if base.flawed.get(card.id) is card:  # left out by quotes not in the source, or held back: why, first
        problems = [p for p in base.problems if p.file == card.file and p.severity in ("error", "note")]
        bad = sum(1 for ev in card.evidence if ev.anchor is None)
        why = (f"{bad} of {count} quote{'s' if count != 1 else ''} not in the source" if bad else
               "held back by a card it names")
        blocks.append(Content(""))
        blocks.append(Content.assemble(
            FLAWED_MARK, text(f"{why}: left out of the checked facts (and of export) until fixed"
                              + ("; e opens it at the line" if bad else ""), "bold $text-error")))
        for p in problems:
            blocks.append(Content.assemble((f"  line {p.line}: ", "$text-error"), text(p.message)))
    # Each quote's heading: where it stands (paragraph, line), first, so a narrow pane never
    # cuts it; then its source (title, outlet, date), where it is not the previous quote's: the
    # same title under each quote of a card took up to three lines each at 80x24.
    previous = None
    for n, ev in enumerate(card.evidence, 1):
        anchor = ev.anchor
        if anchor is None:  # (an error above, never evidence)
            continue
        parts = [(f"── quote {n} of {count}", "bold $text-primary"),
                 (f" · ¶{anchor.paragraph} · line {anchor.line}", MUTED)]
        if anchor.source != previous:
            source = base.sources[anchor.source]
            parts += [("  ", ""), text(source.title + (f" · {source.meta.outlet}" if source.meta.outlet else "")
                                       + (f" · {source.meta.published}" if source.meta.published else ""), MUTED)]
            previous = anchor.source
        heading = Content.assemble(*parts)
        blocks.append(Content(""))
        blocks.append(heading)
        blocks.append(quote_in_paragraph(base, ev))
        if ev.note:
            blocks.append(text("note: " + ev.note, "italic " + MUTED))
    return Content("\n").join(blocks)


def problem_row(problem) -> Content:
    sev_style = {"error": "bold $text-error", "warning": "bold $text-warning"}.get(problem.severity, "$foreground-muted")
    return Content.assemble(
        (f"{problem.severity:<7} ", sev_style),
        text(f"{problem.file}:{problem.line}:{problem.column}", "$text-primary"),
        "  ",
        text(problem.message),
    )


# -- timeline and voices (fact lists) -------------------------------------------------------------

PRECISION_STYLE = {"day": "bold $text-accent", "month": "$text-accent", "year": "$text-accent", "range": "italic $text-accent"}


def section_row(title: str, count: int) -> tuple[Content, Content]:
    """A group's header in a fact list: its title in capitals, and how many facts it holds."""
    return (Content.assemble(text(title.upper(), "bold $text-primary")), Content(f"{count:,}").stylize(MUTED))


def _fact_row(base: FactBase, rel: Relation, lead: Content, show_who: bool = True) -> Fitted:
    """A relation in a fact list: `lead` (a date, a glyph), the sentence fitted to the width, and
    who says so and the source on the right when there is room."""
    style = CERTAINTY_STYLE[rel.certainty]
    italic = "italic" if rel.certainty in ("hedged", "opinion") else ""
    names = [visible(base.entity_name(rel.subject)), visible(rel.predicate), visible(base.entity_name(rel.object))]
    _, right = relation_row(base, rel)
    if not show_who:  # (the list's group says who and how: only the corroboration, if any)
        right = sources_badge(rel) if len(base.sources) > 1 else Content("")

    def fit(width: int):
        from rich.cells import cell_len

        glyph = Content(CERTAINTY_GLYPH[rel.certainty] + " ").stylize("bold " + style)
        head = Content.assemble(lead, glyph)
        room = width - head.cell_length
        sentence = sum(cell_len(n) for n in names) + 2
        extra = right
        if extra.cell_length:
            spare = min(room - sentence - 1, width // 3)
            if spare < extra.cell_length:
                extra = extra.truncate(spare, ellipsis=True) if spare >= 8 else Content("")
        if extra.cell_length:
            room -= extra.cell_length + 1
        parts = fit_parts(names, max(room - 2, 9))
        words = Content(" ").join(Content(p).stylize(b) for p, b in zip(parts, ("bold", "", "bold")))
        left = Content.assemble(head, words.stylize(italic) if italic else words)
        return (left, extra) if extra.cell_length else left

    return Fitted(fit)


def timeline_row(base: FactBase, dated, date_width: int) -> Fitted:
    """A dated fact: what its date was read as (an unread one: its words), in a column
    `date_width` wide (narrower on a narrow list), then the fact."""
    reading = dated.date
    shown = visible(reading.text if reading.unread else reading.reading)
    style = PRECISION_STYLE.get(reading.precision, "$text-warning")
    rel = base.relations[dated.relation]

    def fit(width: int):
        column = max(8, min(date_width, width // 4))
        lead = Content.assemble(text(middle_truncate(shown, column).ljust(column), style), " ")
        return _fact_row(base, rel, lead).fit(width)

    return Fitted(fit)


def _source_line(base: FactBase, source_id: str) -> Content:
    source = base.sources.get(source_id)
    if source is None:
        return text(source_id, MUTED)
    return text(source.title + (f" · {source.meta.outlet}" if source.meta.outlet else "")
                + (f" · published {source.meta.published}" if source.meta.published else " · no publication date"), MUTED)


def timeline_detail(base: FactBase, dated) -> Content:
    """What the timeline's detail pane shows for a dated fact: the fact, the expression and what it
    was read as, against which publication date, who says so and where."""
    rel = base.relations[dated.relation]
    reading = dated.date
    where = "its quote" if reading.where == "quote" else f"qualifier {reading.where}"
    if reading.unread:
        how = Content.assemble(("“", MUTED), text(reading.text, "bold"), ("” in ", MUTED), text(where, MUTED),
                               (": unread, ", "$text-warning"), text(reading.reading, "$text-warning"))
    else:
        how = Content.assemble(("“", MUTED), text(reading.text, "bold"), ("” in ", MUTED), text(where, MUTED),
                               (" → ", MUTED), text(reading.reading, PRECISION_STYLE.get(reading.precision, "")),
                               text(f"  ({reading.precision})", MUTED))
    return Content("\n").join([
        text(base.sentence(rel), "bold"),
        how,
        Content.assemble(certainty_label(base, rel), ("  ·  ", MUTED), _source_line(base, dated.source)),
        text(f"{rel.file}:{rel.line}", MUTED + " italic"),
    ])


# --- the sources view -------------------------------------------------------------------------------


def workspace_name(root) -> str:
    """The workspace as the header names it: its folder's name (the full path when it has none).
    A root given as `.` or `..` (`factex .`) is named by the folder it stands for, not by the dots."""
    import os
    from pathlib import Path

    path = Path(os.path.abspath(root))
    return path.name or str(path)


def coverage_text(covered: int, total: int) -> str:
    return f"{round(100 * covered / total):>3}%" if total else "  ·"


def source_row(stats) -> Fitted:
    """A source in the sources view: its title, then its outlet and date (muted) when there is
    room; right-aligned, its number of cards and its coverage (never cut)."""
    source = stats.source
    title = visible(source.title)
    byline = " · ".join(p for p in (visible(source.meta.outlet or ""), visible((source.meta.published or "")[:10])) if p)
    counts = Content.assemble(
        Content(f"{int(stats.cards):>4} card{'s' if stats.cards != 1 else ' '}").stylize(MUTED),
        Content("  " + coverage_text(stats.covered, stats.sentences)).stylize("$text-success" if stats.covered else MUTED),
    )

    def fit(width: int):
        from rich.cells import cell_len

        room = width - counts.cell_length - 1
        extra = byline
        # The title first: the outlet and date when at least 24 cells of title are left beside them.
        if extra and room - cell_len(extra) - 2 < min(24, cell_len(title)):
            extra = ""
        title_room = max(room - (cell_len(extra) + 2 if extra else 0), 6)
        shown = middle_truncate(title, title_room)
        left = Content(shown)
        if extra:
            pad = max(2, room - cell_len(shown) - cell_len(extra))
            left = Content.assemble(left, Content(" " * pad + extra).stylize(MUTED))
        return left, counts

    return Fitted(fit)


def source_detail(stats, base: FactBase) -> Content:
    """Everything known about the highlighted source: title, outlet, authors, dates, address,
    file, cards and coverage."""
    source = stats.source
    meta = source.meta
    rows: list[Content] = [text(source.title, "bold")]
    byline = " · ".join(p for p in (meta.outlet, ", ".join(meta.authors) if meta.authors else None,
                                   f"published {meta.published}" if meta.published else None) if p)
    rows.append(text(byline or "no outlet, author or date known (add them to its sidecar)", "" if byline else MUTED + " italic"))
    if meta.url:
        rows.append(text(meta.url, MUTED))
    where = source.path + (f" · {source.sidecar}" if source.sidecar else " · no sidecar")
    extra = " · ".join(p for p in (f"retrieved {meta.retrieved}" if meta.retrieved else None,
                                  f"language {meta.language}" if meta.language else None) if p)
    rows.append(text(where + (f" · {extra}" if extra else ""), MUTED))
    pct = coverage_text(stats.covered, stats.sentences).strip()
    rows.append(Content(
        f"{int(stats.entities)} entit{'ies' if stats.entities != 1 else 'y'} and {int(stats.relations)} relation"
        f"{'s' if stats.relations != 1 else ''} quote it · coverage {int(stats.covered)}/{int(stats.sentences)} sentences ({pct})"
    ))
    return Content("\n").join(rows)


def source_filter_label(base: FactBase, source_id: str, width: int | None = None) -> Content:
    """How the main screen names its source filter: 'from <title>', the title shortened in its
    middle to `width` cells (the whole label) when given."""
    source = base.sources.get(source_id)
    title = visible(source.title if source is not None else source_id)
    if width is not None:
        title = middle_truncate(title, max(8, width - 5))
    return line(("from ", ""), title)


def voice_header(voice) -> tuple[Content, Content]:
    """A voice in the voices view: the party's name (or the article's title) and its counts."""
    n, total = len(voice), len(voice.sources)
    what = " · the article's own voice" if voice.kind == "article" else ""
    return (Content.assemble(text(voice.name, "bold $text-primary"), (what, MUTED)),
            Content(f"{n:,} fact{'s' if n != 1 else ''} · {total:,} source{'s' if total != 1 else ''}").stylize(MUTED))


VOICE_GROUP_TITLE = {"stated": "stated", "reported": "reported", "hedged": "hedged", "opinion": "opinion",
                     "relayed": "relayed: another party's claim, passed on"}


def voice_group_row(group: str, count: int) -> Content:
    """A certainty group within a voice ("opinion 7"), indented under the voice."""
    glyph = CERTAINTY_GLYPH.get(group, "↪")
    style = CERTAINTY_STYLE.get(group, MUTED)
    return Content.assemble("  ", text(glyph + " " + VOICE_GROUP_TITLE.get(group, group), "italic " + style),
                            Content(f"  {count:,}").stylize(MUTED))


def voice_row(base: FactBase, rel: Relation, relayed: bool = False) -> Fitted:
    """A fact under its voice, indented: who says it is the voice itself, so not repeated (but a
    relayed claim names who made it)."""
    return _fact_row(base, rel, Content("    "), show_who=relayed)


def voice_detail(base: FactBase, found, voice, rel: Relation) -> Content:
    """The voices view's detail: the fact, who says it (and who relayed it), the quote, who else."""
    from explorer.core.voices import RELAY_KEYS, voice_name

    said = [certainty_label(base, rel)]
    relayer = next((rel.qualifiers[k] for k in RELAY_KEYS if rel.qualifiers.get(k) in base.entities), None)
    if relayer:
        said.append(Content.assemble(("  · relayed by ", MUTED), text(base.entity_name(relayer), "italic")))
    if not rel.attribution:
        said.append(Content("  · in the article's own voice").stylize(MUTED))
    also = found.also.get((voice.key, rel.id))
    if also:
        said.append(Content.assemble(("  · also said by ", MUTED), text(", ".join(voice_name(base, k) for k in also), "bold")))
    first = next((ev for ev in rel.evidence if ev.anchor is not None), None)
    quote = (Content.assemble(("“", MUTED), text(base.sources[first.anchor.source].text[first.anchor.start:first.anchor.end]),
                              ("”  ", MUTED), _source_line(base, first.anchor.source)) if first else Content(""))
    return Content("\n").join([text(base.sentence(rel), "bold"), Content("").join(said), quote,
                               text(f"{rel.file}:{rel.line}", MUTED + " italic")])


def suggestion_row(suggestion) -> tuple[Content, Content]:
    """An uncarded name: the name, its guessed type and how often it occurs; why it was found."""
    n = len(suggestion.occurrences)
    left = Content.assemble(text(suggestion.name, "bold"), "  ", text(suggestion.type, "$text-primary"),
                            Content(f"  ×{n}" if n > 1 else "").stylize(MUTED))
    if suggestion.aliases:
        left = Content.assemble(left, text("  also " + ", ".join(suggestion.aliases), MUTED))
    if suggestion.alias_of:  # a carded person's surname: an alias missing, E opens that card
        # (on the left, which has the room: the right part is cut to a third of the row, and at 60
        # columns "alias of chastain?" read "alias of chastai…")
        left = Content.assemble(left, text(f"  alias of {suggestion.alias_of}?", "italic $text-warning"))
    return left, text(suggestion.why, "italic " + MUTED)


def suggestion_context(source, suggestion) -> Content:
    """The first mention of an uncarded name within its line of the source, the name highlighted."""
    first = suggestion.first
    text_ = source.text
    starts = source.line_starts  # (CR LF and a lone CR end a line too: no `␍` at the line's end)
    line = source.line_of(first.start)
    start = max(starts[line - 1], first.start - 80)
    while start < first.start and text_[start] in " \t":  # (wire copy indents a paragraph's first line)
        start += 1
    end = starts[line] if line < len(starts) else len(text_)
    while end > first.end and text_[end - 1] in "\r\n":
        end -= 1
    end = min(end, first.end + 80)
    return Content.assemble(text(text_[start:first.start], MUTED), text(text_[first.start:first.end], QUOTE_STYLE),
                            text(text_[first.end:end], MUTED), text(f"  line {first.line}", MUTED + " italic"))
