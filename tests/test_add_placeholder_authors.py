"""A page's author field that names no one (a content system's placeholder: "Username" on the
Washington Post's page of the Bardo attack, tests/real/wapo) is not written into the sidecar as
the source's author by `factex add`; a person's name is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.ingest import extract_html

_PLACEHOLDERS = ["Username", "admin", "Administrator", "Guest", "Author", "webmaster", "Editor", "Staff", "null",
                 "undefined", "Unknown", "Anonymous", "WordPress", "Posted by"]
_PEOPLE = ["Erin Cunningham", "Martin Untersinger", "Heba Habib", "María Dolores de Cospedal"]
_BODY = ("<p>Gunmen opened fire on visitors at Tunisia's most renowned museum on Wednesday, killing at least 19 "
         "people, including 17 foreigners, in an assault that threatened to upset the fragile stability of a "
         "country seen as the lone success of the Arab Spring.</p>") * 4


def _page(author: str) -> bytes:
    return (f'<html lang="en"><head><title>Attack stokes instability fears</title>'
            f'<meta name="author" content="{author}"></head><body><article><h1>Attack stokes instability '
            f'fears</h1>{_BODY}</article></body></html>').encode()


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_PLACEHOLDERS), st.sampled_from(["", " ", "  "]), st.booleans(), st.sampled_from(_PEOPLE))
def test_a_placeholder_is_no_author_and_a_name_is_one(placeholder, pad, upper, person):
    word = placeholder.upper() if upper else placeholder
    assert extract_html(_page(f"{pad}{word}{pad}")).meta.authors == []
    assert extract_html(_page(person)).meta.authors == [person]
    assert extract_html(_page(f"{person}; {word}")).meta.authors == [person]
