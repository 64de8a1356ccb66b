"""What every command module shares: the run in progress, option types, JSON output.

Command modules in app/ import this; it imports Typer but nothing heavy.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peermap.core.errors import PeermapError
from peermap.core.model import Affects, Kind, Matters, Tie, WhyNone  # noqa: F401 (re-exported)
from peermap.run import Run
from peermap.storage.store import Store

if TYPE_CHECKING:
    from peermap.render.console import Screen


def run() -> Run:
    """The state of the invocation in progress, built once by the app's callback.

    It travels in the root Typer (click) context, so two invocations in one process (the
    tests) never share a store, a today or a console.
    """
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    if not isinstance(obj, Run):
        raise RuntimeError("no peermap command is running")
    return obj


def store() -> Store:
    return run().store


def today() -> date:
    return run().today


def screen() -> Screen:
    return run().screen


def plain() -> bool:
    """The daily views as plain text, without Rich: into a pipe or a file, unless a width
    was asked for (PEERMAP_WIDTH pins the terminal layout, for tests and for people who
    want it in a file)."""
    from peermap.render.plain import wanted

    return wanted(run().width)


def terminal_width() -> int:
    import shutil

    return run().width or shutil.get_terminal_size().columns


def when(text: str | None) -> date:
    """A command-line date (YYYY-MM-DD, today, yesterday, Nd), default today.

    A rating or an interaction in the future is a typo (due dates use due_date()).
    """
    from peermap.core.dates import parse_date

    now = today()
    if text is None:
        return now
    day = parse_date(text, now)
    if day > now:
        raise PeermapError(f"{day.isoformat()} is in the future; give the day it happened "
                           "(YYYY-MM-DD, today, yesterday or Nd).")
    return day


def due_date(text: str) -> date:
    """A due date: a future form, or an explicit YYYY-MM-DD (which may be past)."""
    from peermap.core.dates import parse_due

    return parse_due(text, today())


def emit_json(obj: Any) -> None:
    """JSON straight to stdout: never through a console that wraps or colours.

    Where stdout cannot take UTF-8 (PYTHONIOENCODING=ascii), non-ASCII text is written as
    \\u escapes, which JSON readers decode to the same names.
    """
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    ascii_only = encoding not in ("utf8", "utf8sig")
    sys.stdout.write(json.dumps(obj, ensure_ascii=ascii_only, indent=2) + "\n")


def complete_peer(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of peer names, matched as references are (any case, no accents)."""
    from peermap.app.completion import peer_names

    return peer_names(ctx, incomplete)


PeerArg = Annotated[
    str, typer.Argument(help="Peer: full name (any case) or a unique prefix.",
                        autocompletion=complete_peer, show_default=False,
                        metavar="PEER")
]


def tie_word(text: str | Tie) -> Tie:
    """strong, weak, nonexistent, any case, or a prefix such as s, w, n."""
    if isinstance(text, Tie):
        return text
    from peermap.core.vocab import parse_tie

    tie = parse_tie(text)
    if tie is None:
        raise typer.BadParameter(f"{text!r} is not a tie: use strong, weak or nonexistent "
                                 "(or s, w, n).")
    return tie


def complete_tie(incomplete: str) -> list[str]:
    return [t.value for t in Tie if t.value.startswith(incomplete.lower())]


def complete_why(incomplete: str) -> list[str]:
    return [w.value for w in WhyNone if w.value.startswith(incomplete.lower())]


def tie_or_unrated(text: str) -> str:
    """A tie word as for tie_word, or `unrated` (u): the value `list --tie` filters on."""
    if text.strip().lower() in ("u", "un", "unr", "unrated"):
        return "unrated"
    return tie_word(text).value


def why_word(text: str | WhyNone) -> WhyNone:
    if isinstance(text, WhyNone):
        return text
    from peermap.core.vocab import parse_why

    why = parse_why(text)
    if why is None:
        raise typer.BadParameter(f"{text!r} is not a reason: use not-tried or clash.")
    return why


TieOpt = Annotated[Tie | None, typer.Option(
    "--tie", metavar="TIE", parser=tie_word, show_default=False, autocompletion=complete_tie,
    help="strong, weak or nonexistent (or s, w, n; any case).")]
WhyNoneOpt = Annotated[WhyNone | None, typer.Option(
    "--why-none", metavar="WHY", parser=why_word, show_default=False,
    autocompletion=complete_why,
    help="For a nonexistent tie: not-tried or clash.")]


class ListFmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    plain = "plain"


class TextJson(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[TextJson, typer.Option("--format", help="Output format.")]
# `log` and `done` record an interaction the same way.
NoteArg = Annotated[str, typer.Argument(help="What happened, how it went (optional).")]
KindOpt = Annotated[Kind, typer.Option("--kind", "-k", help="Kind of interaction.")]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="YYYY-MM-DD, today, yesterday or Nd (N days ago).",
                 show_default="today"),
]
DueOpt = Annotated[str | None, typer.Option(
    "--due", metavar="DATE", show_default=False,
    help="For a promise or an ask: when it is due (YYYY-MM-DD, today, tomorrow, +Nd, in Nd, "
    "+Nw or a weekday name).")]
ActedOpt = Annotated[str | None, typer.Option(
    "--acted", metavar="N|KEY", show_default=False,
    help="This contact carried out suggestion N of today's `peermap suggest PEER` list (or "
    "the situation KEY).")]
