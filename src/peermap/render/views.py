"""The everyday screens at a terminal: the dashboard, peers, focus, advice.

Each screen is built once by render.screens and laid out here at the terminal's width
(render.plain prints the same lines into a pipe), so a table fits the width it is given:
below it, columns are dropped (least useful first) or a peer is stacked on several
lines; a word is never split (docs/output.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from peermap.core.model import Network, Peer
from peermap.render import screens
from peermap.render.console import Screen, safe
from peermap.render.layout import Span


def peer_table(screen: Screen, peers: list[Peer], today: date) -> None:
    screen.blocks(screens.peer_table(peers, today))


def peer_detail(screen: Screen, p: Peer, today: date, suggestions: list[Any]) -> None:
    screen.blocks(screens.peer_detail(p, today, suggestions))


def profile(screen: Screen, rows: list[tuple[str, str]]) -> None:
    """`peermap me`: your own details, "(not set)" where empty."""
    screen.blocks(screens.fields([(label, [screens.user(value)] if value else
                                   [Span("(not set)", "dim")]) for label, value in rows]))


def dashboard(screen: Screen, net: Network, today: date, due: list[Any],
              last_review: date | None, path: Path) -> None:
    screen.blocks(screens.dashboard(net, today, due, last_review, path))


def focus_view(screen: Screen, net: Network, candidates: list[Any], today: date,
               left_out: Sequence[tuple[Peer, str]] = ()) -> None:
    screen.blocks(screens.focus_view(net, candidates, today, left_out))


def suggestions_view(screen: Screen, result: list[tuple[Peer, list[Any]]]) -> None:
    screen.blocks(screens.suggestions_view(result))


FIRST_RUN = """[bold]peermap[/] helps you map and strengthen the peer relationships your work \
depends on: list the peers whose work affects yours, rate each tie strong, weak or \
nonexistent, pick three to five to build up, and get concrete next steps.

There is no data file yet ({path}).
Start the fifteen-minute walkthrough with:  [bold]peermap map[/]
or add peers one at a time:                 [bold]peermap add 'Grace Example'[/]
Everything stays in that one local file; nothing leaves your machine."""


def first_run(screen: Screen, path: Path) -> None:
    screen.print(FIRST_RUN.format(path=safe(path)))
