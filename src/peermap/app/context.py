"""Commands about knowing a peer: `principles`, `loops`, `close`, `brief` and `debrief`."""

from __future__ import annotations

from typing import Annotated

import typer

from peermap.app.common import FormatOpt, PeerArg, TextJson, emit_json, screen, store, today


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

    Example: peermap close zoe      peermap close tomas 2 --note "cut section 3"
    """
    from peermap.core.loops import close_loop
    from peermap.core.vocab import parse_count

    n = None if number is None else parse_count(number, "loop number")
    t = today()
    p, entry = store().update(lambda net: close_loop(net, peer, n, t, note),
                              lambda r: f"peermap: close {r[0].name} ({r[1].kind.value})")
    said = f" They said: {entry.answer}" if entry.answer else ""
    text = f": {entry.note}" if entry.note else ""
    screen().say(f"Closed the {entry.kind.value} of {entry.date.isoformat()} with "
                 f"{p.name}{text}.{said}")


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


def debrief(peer: PeerArg) -> None:
    """After a 1:1: log it, save what you learned about their goals and pressures, what you
    promised (each an open loop), which loops closed, and whether the tie changed.

    Each answer is saved as it is given; answers can come line by line from a pipe.
    Example: peermap debrief zoe
    """
    from peermap.flows.debrief import Debrief
    from peermap.render.wizard import TerminalUI

    ui = TerminalUI()
    try:
        Debrief(store(), ui, today()).run(peer)
    except KeyboardInterrupt:
        ui.interrupted("Your answers so far are saved.")
        raise typer.Exit(130) from None


def register(app: typer.Typer) -> None:
    app.command()(principles)
    app.command()(loops)
    app.command()(close)
    app.command()(brief)
    app.command()(debrief)
