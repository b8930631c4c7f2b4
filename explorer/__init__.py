"""factex: a terminal fact explorer."""

__version__ = "0.1.0"
