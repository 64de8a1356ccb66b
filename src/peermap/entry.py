"""The console entry point: `--version` and `remind` answer before anything heavy loads.

Importing Typer alone costs more than the whole start-up budget of the cron reminder
(SPEC section 12), so `remind` is answered here by an exact parser of its well-formed
command lines, with only the store, the models and the reminders imported. Anything
else — `--help`, an unknown option, a value that is not valid, a repeated option — goes
to the Typer app, so help and usage errors stay Typer's. Both paths print through
`remind()` below, so their output is the same.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from peermap import __version__

        print(f"peermap {__version__}")
        return
    if "remind" in args:
        parsed = parse_remind(args)
        if parsed is not None:
            sys.exit(fast_remind(*parsed))
    from peermap.app.root import app_for

    app_for(args)(prog_name="peermap")


def parse_remind(args: list[str]) -> tuple[str | None, str | None, str] | None:
    """(file, as_of, format) for `[--file F | -f F | --file=F] remind [--as-of D |
    --as-of=D] [--format text|json | --format=X]`, each option at most once; None for
    anything else (the full app handles it)."""
    file: str | None = None
    i = 0
    if args[:1] in (["--file"], ["-f"]) and len(args) >= 2:
        file, i = args[1], 2
    elif args[:1] and args[0].startswith("--file="):
        file, i = args[0][len("--file="):], 1
    if file is not None and (not file or file.startswith("-")):
        return None
    if args[i:i + 1] != ["remind"]:
        return None
    values: dict[str, str] = {}
    rest = args[i + 1:]
    j = 0
    while j < len(rest):
        arg = rest[j]
        name, eq, value = arg.partition("=")
        if name not in ("--as-of", "--format") or name in values:
            return None
        if not eq:
            if j + 1 >= len(rest):
                return None
            value = rest[j + 1]
            j += 1
        if not value or value.startswith("-"):
            return None
        values[name] = value
        j += 1
    fmt = values.get("--format", "text")
    if fmt not in ("text", "json"):
        return None
    return file, values.get("--as-of"), fmt


def remind(store, as_of: str | None, fmt: str) -> str:
    """What `peermap remind` prints; raises PeermapError (bad date, unusable file).

    Reads only: no prompt, no lock, no write to the data file (a missing file means
    nothing is due).
    """
    from peermap.core.dates import parse_date, today
    from peermap.core.reminders import due_items, report

    now = today()
    day = now if as_of is None else parse_date(as_of, now)
    return report(due_items(store.load(), day), day, fmt)


def fast_remind(file: str | None, as_of: str | None, fmt: str) -> int:
    from peermap.core.dates import parse_date, today
    from peermap.core.errors import PeermapError

    if as_of is not None:
        try:
            parse_date(as_of, today())
        except (PeermapError, ValueError):
            # Let the full app report the bad value exactly as it reports any other.
            from peermap.app.root import app

            app(prog_name="peermap")
            return 0
    from peermap.storage.store import Store, resolve_path

    try:
        text = remind(Store(resolve_path(file)), as_of, fmt)
    except PeermapError as e:
        print(f"peermap: {e.message}", file=sys.stderr)
        return e.exit_code
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `peermap remind | head -1`: the reader has what it wanted.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
