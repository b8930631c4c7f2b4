"""Is did-you-mean near-linear on real articles? A long misspelt quote against its story.

    python bench/typedquotes.py

For four stories of tests/real (English, French, Thai, Chinese), a 500, 1,000 and 2,000-character
quote cut from the story's longest source with a letter dropped every 60 characters is anchored
(refused with its nearest passage) with the workspace's source index, as `factex check` does: the
median CPU time of 3 runs each, and the ratio of the 2,000-character quote's time to the 500's
(4x the length: about 4x is linear, 16x quadratic). A report: always exits 0.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import typed_quotes as T  # noqa: E402
from explorer.core.anchoring.anchor import anchor_quote  # noqa: E402


def main() -> int:
    random.seed(3)
    for story in ("heraldsun", "lefigaro", "prachatai", "chinadaily"):
        sources, index = T.workspace(story)
        source = max(sources.values(), key=lambda s: len(s.text))
        text = " ".join(source.text.split())
        times = []
        for length in (500, 1000, 2000):
            start = len(text) // 5
            chars = list(text[start : start + length])
            for k in range(10, len(chars), 60):
                chars[k] = ""
            quote = "".join(chars)
            runs = []
            for _ in range(3):
                t = time.process_time()
                anchor_quote(quote, list(sources.values()), index=index)
                runs.append(time.process_time() - t)
            times.append(statistics.median(runs))
        ratio = times[2] / times[0]
        print(f"{story:12} 500/1,000/2,000 characters: {' '.join(f'{t * 1000:.1f}' for t in times)} ms CPU; "
              f"2,000/500 = {ratio:.1f}x ({'near-linear' if ratio < 8 else 'NOT near-linear'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
