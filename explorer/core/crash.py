"""An error factex did not expect (a bug) as the user reads it: one line, the traceback in a file.
No Textual here."""

from __future__ import annotations

CRASH_FILE = "last-error.txt"  # in the cache folder (explorer.core.loading.cache.cache_dir)


def unexpected(exc: BaseException) -> str:
    """What the user reads when something factex did not expect escapes a command or the app (a
    bug): one line naming the error, never its traceback on the terminal. The traceback is written
    to `last-error.txt` in factex's cache folder (made private, replacing the last one; never
    through a link), and the line says where, to be attached to a report. Workspace text in the
    error shows through `safetext.visible`."""
    import os
    import traceback

    from explorer.core.safetext import clip_end, visible

    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    what = visible(what)
    what = clip_end(what, 200)
    if isinstance(exc, MemoryError):
        return f"factex: out of memory ({what})"
    where = None
    try:
        from explorer.core.loading.cache import cache_dir

        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / CRASH_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as out:
            out.write(visible("".join(traceback.format_exception(exc)), keep_newlines=True))  # (to be read with cat)
        where = str(path)
    except Exception:  # (nowhere to write it: the line says what it can)
        pass
    said = f"factex: stopped on an error it did not expect, a bug ({what})"
    if where is not None:
        return f"{said}; the details are in {visible(where)}: please attach them to a report"
    return said


# What a thread of the app's raised that nothing caught, said once the app has ended: while it
# runs, the screen is Textual's, and Python's default would print a traceback over it.
deferred: list[str] = []


def thread_excepthook(args) -> None:
    """`threading.excepthook` while the app runs (FACTEX_DEBUG unset): the traceback goes to
    last-error.txt (`unexpected`), and its one line is kept in `deferred`, printed when the app
    has ended (explorer.cli.app)."""
    if args.exc_type is SystemExit or getattr(args.exc_value, "factex_reported", False):
        return  # (an error the app has said already: FactexApp.call_from_thread)
    line = unexpected(args.exc_value if args.exc_value is not None else args.exc_type())
    thread = getattr(args.thread, "name", None) or "a thread"
    deferred.append(line.replace("factex: stopped on", f"factex: {thread} stopped on", 1))
