"""explorer.core.digests: the digests factex takes without importing hashlib are hashlib's."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core import digests


@settings(max_examples=100, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=4), st.integers(1, 64))
def test_sha256_and_blake2b_are_hashlibs(chunks, size):
    ours, theirs = digests.sha256(), hashlib.sha256()
    b_ours, b_theirs = digests.blake2b(digest_size=size), hashlib.blake2b(digest_size=size)
    for chunk in chunks:
        for h in (ours, theirs, b_ours, b_theirs):
            h.update(chunk)
    assert ours.hexdigest() == theirs.hexdigest()
    assert b_ours.digest() == b_theirs.digest()
    whole = b"".join(chunks)
    assert digests.sha256(whole).digest() == hashlib.sha256(whole).digest()
