"""Commands that keep the books (docs/books.md): `away`, `snooze`, and the helpers `log`
and `done` share for several peers and `--acted`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from peermap.app.common import PeerArg, screen, store, today
from peermap.core.errors import PeermapError
from peermap.core.model import Network


def logged_words(words: list[str], note: str | None) -> tuple[list[str], str]:
    """`log`'s arguments: with --note, every word is a peer; else PEER [NOTE]."""
    if note is not None:
        return list(words), note
    if len(words) > 2:
        raise PeermapError("to log one meeting on several peers, give the note with "
                           "--note: peermap log ANA BOB --note \"what happened\".")
    return words[:1], (words[1] if len(words) == 2 else "")


def suggestions_for(net: Network, ref: str, day: date) -> list[object]:
    """`peermap suggest PEER`'s list on `day`, in its order."""
    from peermap.core.refs import resolve
    from peermap.core.suggestions import suggest_all

    return list(suggest_all(net, [resolve(net, ref)], day)[0][1])


def suggestions_today(ref: str) -> list[object]:
    """Today's `peermap suggest PEER` list, in its order."""
    return suggestions_for(store().load(), ref, today())


def situations_today(ref: str) -> list[str]:
    """The situation keys of today's `peermap suggest PEER` list, in its order."""
    from peermap.core.books import situation_key

    return [situation_key(s) for s in suggestions_today(ref)]


def acted_for(refs: list[str], acted: str) -> str:
    """The situation key `--acted N|KEY` names (N: today's list for the one peer)."""
    from peermap.core.books import acted_key
    from peermap.core.rules import SITUATIONS  # the advice's own table of keys

    t = acted.strip()
    numbered = t.isascii() and t.isdigit()
    if numbered and len(refs) != 1:
        raise PeermapError("--acted N picks from one peer's suggestions; with several peers "
                           "give the situation key.")
    return acted_key(t, situations_today(refs[0]) if numbered else [], SITUATIONS)


def away(
    until: Annotated[str | None, typer.Argument(
        metavar="[UNTIL]", help="The last day away (YYYY-MM-DD, +Nd, in Nw, a weekday...).",
        show_default=False)] = None,
    start: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", help="The first day away.", show_default="today")] = None,
    off: Annotated[bool, typer.Option("--off", help="Back early: end the time away now.")]
    = False,
) -> None:
    """Time away: `remind` stays silent (except promises that fall due), the review
    streak counts across it, and the next review looks back over the whole absence.

    Examples:

    \b
      peermap away 2027-01-04
      peermap away 2027-01-04 --from 2026-12-21
      peermap away --off
    """
    from peermap.core.books import away_off, set_away
    from peermap.core.dates import parse_due

    t = today()
    if off:
        if until is not None or start is not None:
            raise PeermapError("--off takes no dates.")
        a = store().update(lambda net: away_off(net, t), "peermap: away --off")
        screen().say(f"Welcome back: the time away ending {a.until.isoformat()} is over."
                     if a.until < t else "The planned time away is dropped.")
        return
    if until is None:
        raise PeermapError("say until when: peermap away UNTIL (or away --off).")
    end = parse_due(until, t)
    begin = parse_due(start, t) if start is not None else None
    a = store().update(lambda net: set_away(net, end, begin, t), "peermap: away")
    assert a.start is not None
    screen().say(f"Away from {a.start.isoformat()} through {a.until.isoformat()}: reminders "
                 "stay silent except promises that fall due.")


def snooze(
    peer: PeerArg,
    until: Annotated[str, typer.Argument(
        metavar="UNTIL", help="The last quiet day (YYYY-MM-DD, +Nd, in Nw...); 'off' ends it.",
        show_default=False)],
) -> None:
    """Quiet the "going quiet" or reconnect line for one peer until a date.

    Examples:

    \b
      peermap snooze sofia +3w
      peermap snooze sofia off
    """
    from peermap.core.books import snooze as set_snooze
    from peermap.core.dates import parse_due

    t = today()
    day = None if until.strip().casefold() == "off" else parse_due(until, t)
    p = store().update(lambda net: set_snooze(net, peer, day), f"peermap: snooze {peer}")
    screen().say(f"{p.name}: reminders to reconnect are back." if day is None else
                 f"{p.name}: no reconnect or going-quiet reminder through {day.isoformat()}.")


def register(app: typer.Typer) -> None:
    app.command()(away)
    app.command()(snooze)
