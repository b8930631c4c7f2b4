"""SHA-256 and BLAKE2b without importing `hashlib`.

`hashlib` loads OpenSSL's libcrypto when it is imported (~11 M instructions, ~1% of a first
start), though every digest factex takes on its way to the first frame (the card cache's file
name, the code digest) is one that Python's own small modules compute, with the same result:
`_sha2` (Python 3.12+) or `_sha256` (3.11) and `_blake2`. Where one is missing, `hashlib`'s is
used. tests/test_digests.py checks they agree with `hashlib`'s.
"""

from __future__ import annotations

try:
    from _sha2 import sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - a Python built without them
        from hashlib import sha256

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

__all__ = ["blake2b", "sha256"]
