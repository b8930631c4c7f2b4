"""factex: a terminal fact explorer."""

__version__ = "0.2.0"
