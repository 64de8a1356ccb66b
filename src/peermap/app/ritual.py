"""The weekly ritual and cron commands: `review` (docs/review.md) and `remind` (docs/reminders.md).

`remind` computes with the same core functions as the fast path in entry.py; the review's
conversation lives in flows/review.py and is drawn by render/wizard.py.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from peermap.app.common import FormatOpt, TextJson, run, store, today
from peermap.core.errors import INTERRUPTED
from peermap.core.model import LogEntry
from peermap.storage.store import Store


def register(app: typer.Typer) -> None:
    app.command()(review)
    app.command()(remind)


def review(
    summary: Annotated[bool, typer.Option(
        "--summary", help="Print the look-back and focus status; ask nothing, change nothing.")]
    = False,
) -> None:
    """The weekly ritual: look back, check in on each focus tie, pick one small step.

    Each answer is saved the moment it is given; the end of piped input stops cleanly.

    Examples:

    \b
      peermap review
      peermap review --summary
    """
    s = store()
    if summary:
        show_summary(s, today())
        return
    from peermap.flows.review import SAVED, Review
    from peermap.render.wizard import TerminalUI

    ui = TerminalUI()
    try:
        Review(s, ui, today(), where=str(s.path), exists=s.exists()).run()
    except KeyboardInterrupt:
        ui.interrupted(SAVED)
        raise typer.Exit(INTERRUPTED) from None


def remind(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE", help="As of this day, like the global --today: "
        "YYYY-MM-DD, yesterday, Nd (N days ago), tomorrow or +Nd.",
        show_default="today")] = None,
    format: FormatOpt = TextJson.text,
) -> None:
    """What is due, for cron: one plain line each, and nothing at all when nothing is due.

    Never prompts and never changes the data file. Exit 1 when the file is missing or
    unusable, so a wrong path in a crontab is not silence.

    Examples:

    \b
      peermap remind --format json
      peermap --today friday remind

    A crontab line:

    \b
      30 8 * * * /usr/local/bin/peermap --file ~/peers.toml remind
    """
    from peermap.core.dates import parse_any
    from peermap.core.reminders import due_items, report

    now = today()
    day = now if as_of is None else parse_any(as_of, now)  # the same forms as --today
    net = run().existing_store().load()  # a missing file is an error: cron must not stay quiet
    sys.stdout.write(report(due_items(net, day), day, format.value))


# --- the review's summary --------------------------------------------------------------


def show_summary(s: Store, day: date) -> None:
    """`review --summary`: a report, so on stdout; asks nothing, writes nothing."""
    from peermap.core.review import summary
    from peermap.flows.review import no_peers_text
    from peermap.render import ritual as R
    from peermap.render.console import console

    net = s.load()
    if not net.peers:
        console().print(no_peers_text(s.path, s.exists()), markup=False)
        return
    R.summary(summary(net, day), recording=False)


# --- after `log` and `done`: the questions that tie logging to the plan ------------------


def after_contact(name: str, entry: LogEntry | None = None) -> None:
    """At a terminal only (scripts and cron are never asked): after `log` (with the
    entry) ask whether it completed the next step; after `done` ask whether the tie
    changed. Ctrl-C is an interrupt like anywhere else; Ctrl-D just ends the questions."""
    if not sys.stdin.isatty():
        return
    from peermap.core.errors import EndOfInput
    from peermap.flows.checkin import after_log, rate_if_changed
    from peermap.render.wizard import TerminalUI

    ui = TerminalUI()
    try:
        if entry is not None:
            after_log(store(), ui, name, entry)
        else:
            rate_if_changed(store(), ui, today(), name)
    except EndOfInput:
        pass
