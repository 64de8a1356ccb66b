"""The everyday screens into a pipe or a file: no Rich, no colour, no wrapping.

When stdout is not a terminal nobody sees colour or a width, so the screens built by
render.screens are written as plain lines without loading Rich (its import was most of
peermap's own start-up; docs/output.md). render.views prints the same lines at a
terminal, with colour and wrapped to its width.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from peermap.core.model import Network, Peer
from peermap.render import screens
from peermap.render.layout import Block, as_text, lay_out


def wanted(width: int | None) -> bool:
    """Plain output: stdout is not a terminal and no width was asked for (the run's
    $PEERMAP_WIDTH pins the terminal layout, for tests and for people who want it in a
    file)."""
    return width is None and not _isatty()


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except ValueError:  # a closed stdout
        return False


def write(blocks: Sequence[Block]) -> None:
    """The blocks as unwrapped lines on stdout. A reader that went away
    (`peermap list | head -1`) or a full disk ends in peermap.run's one error path."""
    sys.stdout.write(as_text(lay_out(blocks, None)))
    sys.stdout.flush()


def peer_table(peers: list[Peer], today: date) -> None:
    write(screens.peer_table(peers, today))


def peer_detail(p: Peer, today: date, suggestions: list[Any]) -> None:
    write(screens.peer_detail(p, today, suggestions))


def dashboard(net: Network, today: date, due: list[Any], last_review: date | None,
              path: Path) -> None:
    write(screens.dashboard(net, today, due, last_review, path))


def focus_view(net: Network, candidates: list[Any], today: date,
               left_out: Sequence[tuple[Peer, str]] = ()) -> None:
    write(screens.focus_view(net, candidates, today, left_out))


def suggestions_view(result: list[tuple[Peer, list[Any]]]) -> None:
    write(screens.suggestions_view(result))


def wrapped(text: str, width: int) -> str:
    """Text made elsewhere, each long line wrapped under its own indent plus two, never
    inside a word (`stats` in a terminal)."""
    return as_text(lay_out(screens.text_lines(text), width))
