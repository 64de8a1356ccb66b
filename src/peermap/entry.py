"""The console entry point: `--version` and `remind` answer before anything heavy loads.

Importing Typer alone costs more than the whole start-up budget of the cron reminder
(docs/performance.md), so `remind` is answered here by an exact parser of its well-formed
command lines, with only the store, the models and the reminders imported. Anything
else — `--help`, an unknown option, a value that is not valid, a repeated option — goes
to the Typer app, so help and usage errors stay Typer's. Both paths end through
`peermap.run.fail`, the one mapping of errors to messages and exit codes.
"""

from __future__ import annotations

import os
import sys

GLOBAL_VALUES = ("--file", "-f", "--today")


def main() -> None:
    from peermap import run

    run.prepare_streams()
    args = sys.argv[1:]
    debug = "--debug" in args or run.debug_env(os.environ)
    sys.exit(run.guarded(lambda: _dispatch(args), debug))


def _dispatch(args: list[str]) -> int:
    from peermap import run

    run.check_arguments(args)
    closed = run.stdout_closed()
    if closed is not None:
        raise closed
    if args == ["--version"]:
        from peermap import __version__

        print(f"peermap {__version__}")
        return 0
    if "remind" in args:
        parsed = parse_remind(args)
        if parsed is not None:
            return fast_remind(parsed)
    from peermap.app.root import app_for

    app_for(args)(prog_name="peermap")
    return 0


def parse_remind(args: list[str]) -> dict[str, str] | None:
    """The options of `[GLOBAL...] remind [--as-of D] [--format text|json]`, each at most
    once, where GLOBAL is `--file F`, `-f F`, `--today D` (or `--opt=V`) or `--debug`;
    None for anything else (the full app handles it, with Typer's messages)."""
    values: dict[str, str] = {}
    try:
        i = _options(args, 0, GLOBAL_VALUES, ("--debug",), values, stop="remind")
    except ValueError:
        return None
    if args[i:i + 1] != ["remind"]:
        return None
    try:
        end = _options(args, i + 1, ("--as-of", "--format"), (), values, stop=None)
    except ValueError:
        return None
    if end != len(args) or values.get("--format", "text") not in ("text", "json"):
        return None
    if "-f" in values:
        if "--file" in values:
            return None
        values["--file"] = values.pop("-f")
    return values


def _options(args: list[str], i: int, valued: tuple[str, ...], flags: tuple[str, ...],
             values: dict[str, str], stop: str | None) -> int:
    """Read `--opt V`, `--opt=V` and flags from args[i:] into values, up to `stop`."""
    while i < len(args) and args[i] != stop:
        name, eq, value = args[i].partition("=")
        if name in values:
            raise ValueError(name)
        if name in flags and not eq:
            values[name] = "1"
            i += 1
            continue
        if name not in valued or (eq and name == "-f"):
            raise ValueError(name)
        if not eq:
            if i + 1 >= len(args):
                raise ValueError(name)
            value = args[i + 1]
            i += 1
        if not value or value.startswith("-"):
            raise ValueError(name)
        values[name] = value
        i += 1
    return i


def fast_remind(options: dict[str, str]) -> int:
    """`peermap remind` without Typer; the app's `remind` computes the same from `Run`.

    Reads only: no prompt, no lock, no write to the data file.
    """
    from peermap.core.dates import parse_any
    from peermap.core.reminders import due_items, report
    from peermap.run import Run

    run = Run.build(file=options.get("--file"), today=options.get("--today"),
                    debug="--debug" in options)
    as_of = options.get("--as-of")
    day = run.today if as_of is None else parse_any(as_of, run.today)
    net = run.existing_store().load()
    sys.stdout.write(report(due_items(net, day), day, options.get("--format", "text")))
    return 0
