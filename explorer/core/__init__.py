"""The core of factex: cards, sources, anchoring, checking and search.

Nothing in this package imports Textual, so it can be used and tested on its own.
"""
