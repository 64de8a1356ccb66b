"""Commands about knowing a peer: `principles`, `loops`, `close`, `brief` and `debrief`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from peermap.app.common import (
    FormatOpt,
    PeerArg,
    TextJson,
    TieOpt,
    WhyNoneOpt,
    emit_json,
    screen,
    store,
    today,
)
from peermap.core.text import loop_noun, sentence


def principles(format: FormatOpt = TextJson.text) -> None:
    """The thirteen principles the suggestions come from, with their keys.

    Example: peermap principles --format json
    """
    from peermap.core.principles import PRINCIPLES

    if format == TextJson.json:
        emit_json([p.as_json() for p in PRINCIPLES])
    else:
        from peermap.render.advice import principles as show

        show(screen())


def loops(format: FormatOpt = TextJson.text) -> None:
    """Open loops across the map: asks and promises not closed yet, oldest first.

    Example: peermap loops --format json
    """
    from peermap.core.loops import all_loops

    found = all_loops(store().load(), today())
    if format == TextJson.json:
        emit_json([lp.as_json() for lp in found])
    else:
        from peermap.render.advice import loops as show

        show(screen(), found)


def close(
    peer: PeerArg,
    number: Annotated[str | None, typer.Argument(
        help="Which open loop (1 = oldest; see `peermap loops`); needed when there are "
        "several.", metavar="[N]", show_default=False)] = None,
    note: Annotated[str, typer.Option(
        "--note", metavar="TEXT", help="What they said (for a feedback request: the "
        "feedback itself).")] = "",
) -> None:
    """Close an open loop (an ask, a feedback request, a promise, or what they asked of you).

    Examples:

    \b
      peermap close zoe
      peermap close tomas 2 --note "cut the intro"
    """
    from peermap.core.loops import close_loop
    from peermap.core.vocab import parse_count

    n = None if number is None else parse_count(number, "loop number")
    t = today()
    p, entry = store().update(lambda net: close_loop(net, peer, n, t, note),
                              lambda r: f"peermap: close {r[0].name} ({r[1].kind.value})")
    said = f" They said: {sentence(entry.answer)}" if entry.answer else ""
    screen().say(sentence(f"Closed the {loop_noun(entry.kind.value)} of "
                          f"{entry.date.isoformat()} with {p.name}"
                          + (f": {entry.note}" if entry.note else "")) + said)


def brief(peer: PeerArg, format: FormatOpt = TextJson.text) -> None:
    """One screen before a 1:1: the tie, their goals and pressures, recent contact, open
    loops, give and get, questions to ask and one thing not to do.

    Example: peermap brief zoe
    """
    from peermap.core.brief import brief as make
    from peermap.core.refs import resolve

    net = store().load()
    b = make(net, resolve(net, peer), today())
    if format == TextJson.json:
        emit_json(b)
    else:
        from peermap.render.advice import brief as show

        show(screen(), b)


def _texts(help: str, metavar: str = "TEXT") -> Any:
    return typer.Option(metavar=metavar, help=help, show_default=False)


def debrief(
    peer: PeerArg,
    note: Annotated[str | None, typer.Option(
        "--note", metavar="TEXT", help="How it went (the 1:1 is logged as met).",
        show_default=False)] = None,
    no_met: Annotated[bool, typer.Option(
        "--no-met", help="Do not log the 1:1 as met (with other options).")] = False,
    goal: Annotated[list[str] | None, _texts("A goal of theirs, in your words (repeat).")]
    = None,
    pressure: Annotated[list[str] | None, _texts("Something they must deliver (repeat).")]
    = None,
    kept: Annotated[list[str] | None, _texts(
        "An older goal or pressure that still holds, by its text or start (repeat).")] = None,
    dropped: Annotated[list[str] | None, _texts(
        "An older goal or pressure that no longer holds: it leaves the list (repeat).")]
    = None,
    promise: Annotated[list[str] | None, _texts("Something you promised (repeat).")] = None,
    promise_due: Annotated[str | None, _texts("When the promise is due.", "DATE")] = None,
    they_asked: Annotated[list[str] | None, _texts(
        "Something they asked of you: a loop you owe (repeat).")] = None,
    meet: Annotated[list[str] | None, _texts(
        "Someone they suggested you meet: onto the to-meet list (repeat).", "NAME")] = None,
    feedback: Annotated[str | None, _texts("Feedback they gave you.")] = None,
    will_do: Annotated[str | None, _texts("What you will do with the feedback.")] = None,
    close: Annotated[list[str] | None, _texts(
        "Close open loop N (as `peermap loops` numbers them; repeat).", "N")] = None,
    private: Annotated[str | None, _texts(
        "Something said in confidence (kept in notes, marked private).")] = None,
    at_risk: Annotated[str | None, _texts(
        "Something they rely on from you that is at risk ('-' clears it).")] = None,
    tie: TieOpt = None,
    why_none: WhyNoneOpt = None,
    next: Annotated[str | None, _texts("Your next step with them.")] = None,
    due: Annotated[str | None, _texts("When the next step is due.", "DATE")] = None,
) -> None:
    """After a 1:1: log it, save their goals and pressures, your promises, what they asked
    of you, whom they suggested you meet, their feedback, loops closed, what was said in
    confidence, anything at risk, the tie and your next step.

    With options, everything is saved at once and nothing is asked. Without, it asks
    each question in one fixed order (docs/books.md), saving each answer as it is given;
    answers can come line by line from a pipe.

    Examples:

    \b
      peermap debrief zoe
      peermap debrief zoe --note "walked through the plan" --goal "ship it"
      peermap debrief chen --promise "send the deck" --promise-due fri --close 1
      peermap debrief zoe --kept "ship it" --dropped "hire two" --goal "hire one"
    """
    from peermap.core.debrief import Answers

    given = [note, goal, pressure, kept, dropped, promise, promise_due, they_asked, meet,
             feedback, will_do, close, private, at_risk, tie, why_none, next, due]
    if any(v is not None for v in given) or no_met:
        _debrief_options(peer, Answers(
            met=not no_met, note=note or "", goals=goal or [], pressures=pressure or [],
            kept=kept or [], dropped=dropped or [],
            promises=[(text, None) for text in promise or []],
            they_asked=they_asked or [], meet=meet or [], feedback=feedback or "",
            will_do=will_do or "",
            private=private or "", at_risk=at_risk, tie=tie, why=why_none,
            next=next or ""), close or [], promise_due, due)
        return
    from peermap.flows.debrief import Debrief
    from peermap.render.wizard import TerminalUI

    ui = TerminalUI()
    try:
        Debrief(store(), ui, today()).run(peer)
    except KeyboardInterrupt:
        ui.interrupted("Your answers so far are saved.")
        raise typer.Exit(130) from None


def _debrief_options(peer: str, a: Any, close: list[str], promise_due: str | None,
                     due: str | None) -> None:
    from peermap.app.common import due_date
    from peermap.core.debrief import apply
    from peermap.core.errors import PeermapError
    from peermap.core.vocab import parse_count

    if promise_due is not None and not a.promises:
        raise PeermapError("--promise-due goes with --promise.")
    if due is not None and not a.next:
        raise PeermapError("--due goes with --next.")
    if a.will_do and not a.feedback:
        raise PeermapError("--will-do goes with --feedback.")
    if promise_due is not None:
        day = due_date(promise_due)
        a.promises = [(text, day) for text, _ in a.promises]
    a.due = due_date(due) if due is not None else None
    a.close = [parse_count(n, "loop number") for n in close]
    t = today()
    p, done = store().update(lambda net: apply(net, peer, a, t),
                             lambda r: f"peermap: debrief {r[0].name}")
    screen().say(f"Debrief of {p.name} saved: {'; '.join(done) or 'nothing to save'}.")


def register(app: typer.Typer) -> None:
    app.command()(principles)
    app.command()(loops)
    app.command()(close)
    app.command()(brief)
    app.command()(debrief)
