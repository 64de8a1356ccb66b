"""The daily commands: log, plan and done (docs/commands.md, docs/books.md)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from peermap.app.common import (
    ActedOpt,
    DateOpt,
    DueOpt,
    KindOpt,
    NoteArg,
    PeerArg,
    complete_peer,
    due_date,
    store,
    today,
    when,
)
from peermap.app.common import say as _say
from peermap.core.model import Kind, Network, Peer
from peermap.core.text import command, interaction


def log(
    ctx: typer.Context,
    words: Annotated[list[str] | None, typer.Argument(
        metavar="PEER [PEER ...] [NOTE]", autocompletion=complete_peer, show_default=False,
        help="The peer, then the note; with --note, every word is a peer (one meeting "
        "logged on each).")] = None,
    kind: KindOpt = Kind.CHAT, date: DateOpt = None,
    note: Annotated[str | None, typer.Option(
        "--note", metavar="TEXT", help="What happened; then every argument is a peer.",
        show_default=False)] = None,
    due: DueOpt = None,
    acted: ActedOpt = None,
    group: Annotated[str | None, typer.Option(
        "--group", metavar="NAME", help="Log one meeting on every member of a peer group "
        "(then give only the NOTE).", show_default=False)] = None,
) -> None:
    """Record an interaction with a peer (or one meeting with several peers).

    Examples:

    \b
      peermap log grace "Sent her the profiling write-up" --kind shared
      peermap log bob --kind met --date yesterday
      peermap log chen "Shorten cursor tokens" --kind promised --due 2027-01-20
      peermap log ana bob chen --note "Design review" --kind met
      peermap log --group platform "Ana brought the on-call rota" --kind met

    Kinds (--kind):

    \b
      chat, shared, helped, asked, feedback-asked, feedback-given, met,
      they-helped, they-asked, promised
    """
    from peermap.app.books import acted_for, logged_words, suggestions_for
    from peermap.core.books import log_contacts

    if group is not None:  # docs/groups.md: the words are then the note
        from peermap.app.groups import log_group

        return log_group(group, " ".join([*(words or []), *([note] if note else [])]),
                         kind, date)
    if not words:  # a missing argument is wrong usage (exit 2), as Typer says it
        typer.echo(f"{ctx.get_usage()}\nTry 'peermap log --help' for help.\n\n"
                   "Error: Missing argument 'PEER' (or --group NAME).", err=True)
        raise typer.Exit(2)
    refs, text = logged_words(words, note)
    d = when(date)
    day = due_date(due) if due is not None else None
    key = acted_for(refs, acted) if acted is not None else ""
    # At a terminal, the suggestions as they stood before this contact, to ask about:
    # worked out from the network the change reads, so the file is read once.
    ask = acted is None and len(refs) == 1 and sys.stdin.isatty()
    tips: list[object] = []

    def change(net: Network) -> list[Peer]:
        if ask:
            tips[:] = suggestions_for(net, refs[0], today())
        return log_contacts(net, refs, text, kind, d, due=day, acted=key)

    peers = store().update(
        change, lambda ps: f"peermap: log {', '.join(p.name for p in ps)} ({kind.value})")
    names = ", ".join(p.name for p in peers)
    promise = f", due {day.isoformat()}" if day is not None else ""
    _say(f"Logged {interaction(kind.value)} with {names} on {d.isoformat()}{promise}.")
    if len(peers) == 1 and acted is None:
        from peermap.app.ritual import after_contact

        p = peers[0]
        after_contact(p.name, next(e for e in reversed(p.log) if (e.date, e.kind) == (d, kind)),
                      tips)


def plan(
    peer: PeerArg,
    step: Annotated[str, typer.Argument(help="The next small step.", show_default=False)],
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", help="YYYY-MM-DD, today, tomorrow, +Nd, in Nd, +Nw or a "
        "weekday name.", show_default="the next review date")] = None,
) -> None:
    """Set the next small step with a peer (a step it replaces stays in their history).

    Examples:

    \b
      peermap plan grace "Ask what she is most excited about" --due friday
      peermap plan bob "Share the incident review" --due +3d
    """
    from peermap.core.peers import replan
    from peermap.core.reminders import next_review

    t = today()
    day = due_date(due) if due is not None else None

    def change(net: Any) -> Any:
        return replan(net, peer, step, day if day is not None else next_review(net, t), t)

    p, replaced = store().update(change, lambda r: f"peermap: plan {r[0].name}")
    if replaced is not None:
        _say(f"This replaces the step {replaced.step!r} (kept in {p.name}'s history).")
    due_text = f"(due {p.next.due.isoformat()})" if p.next.due else None
    _say(f"Next step with {p.name}: {p.next.step}", dim=due_text)


def done(
    peer: PeerArg,
    note: NoteArg = "", kind: KindOpt = Kind.CHAT, date: DateOpt = None,
    acted: ActedOpt = None,
) -> None:
    """Mark the next step done and log it as an interaction.

    Example:

    \b
      peermap done grace "She is excited about the new allocator" --kind met

    Kinds (--kind):

    \b
      chat, shared, helped, asked, feedback-asked, feedback-given, met,
      they-helped, they-asked, promised
    """
    from peermap.core.peers import complete_step

    d = when(date)
    key = ""
    if acted is not None:
        from peermap.app.books import acted_for

        key = acted_for([peer], acted)

    p, step = store().update(lambda net: complete_step(net, peer, note, kind, d, key),
                             lambda r: f"peermap: done {r[0].name} ({kind.value})")
    _say(f"Done: {step}. Logged as {interaction(kind.value)} with {p.name}.",
         dim="Plan the next one: " + command("plan", p.name, "STEP"))
    from peermap.app.ritual import after_contact

    after_contact(p.name)


def register(app: typer.Typer) -> None:
    app.command()(log)
    app.command()(plan)
    app.command()(done)
