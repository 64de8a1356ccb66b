"""What every command module shares: the store in use, today, option types, JSON output.

Command modules (cli.py and cli_*.py) import this; it imports Typer but nothing heavy.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from peermap.core.model import Affects, Kind, Matters, Tie, WhyNone  # noqa: F401 (re-exported)
from peermap.storage.store import Store, resolve_path

_current: dict[str, Store] = {}


def _warn(message: str) -> None:
    print(f"peermap: {message}", file=sys.stderr)


def use_file(option: str | None) -> None:
    """Called by the app's callback before any command: fix the data file for this run."""
    _current["store"] = Store(resolve_path(option), warn=_warn)


def store() -> Store:
    if "store" not in _current:
        use_file(None)
    return _current["store"]


def today() -> date:
    from peermap.core.dates import today as _today

    return _today()


def when(text: str | None, *, future: bool = False) -> date:
    """A command-line date (YYYY-MM-DD, today, yesterday, Nd), default today.

    Only a plan may lie ahead: a rating or an interaction in the future is a typo.
    """
    from peermap.core.dates import parse_date
    from peermap.core.errors import PeermapError

    now = today()
    if text is None:
        return now
    day = parse_date(text, now)
    if day > now and not future:
        raise PeermapError(f"{day.isoformat()} is in the future; give the day it happened "
                           "(YYYY-MM-DD, today, yesterday or Nd).")
    return day


def emit_json(obj) -> None:
    """JSON straight to stdout: never through a console that wraps or colours."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def complete_peer(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of peer names (case-insensitive prefix of the name or a word)."""
    try:
        s = Store(resolve_path(ctx.find_root().params.get("file")))
        from peermap.core.refs import matches

        net = s.load()
        found = matches(net, incomplete) if incomplete else net.peers
        return [p.name for p in found]
    except Exception:  # completion must never print a traceback into the shell
        return []


PeerArg = Annotated[
    str, typer.Argument(help="Peer: full name (any case) or a unique prefix.",
                        autocompletion=complete_peer, show_default=False,
                        metavar="PEER")
]


class TieFilter(StrEnum):
    strong = "strong"
    weak = "weak"
    nonexistent = "nonexistent"
    unrated = "unrated"


class ListFmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    plain = "plain"


class TextJson(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[TextJson, typer.Option("--format", help="Output format.")]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="YYYY-MM-DD, today, yesterday or Nd (N days ago).",
                 show_default="today"),
]
