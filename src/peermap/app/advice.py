"""The advice commands: `focus` (show, set, add, drop) and `suggest`."""

from __future__ import annotations

from typing import Annotated

import typer

from peermap.app.common import (
    FormatOpt,
    PeerArg,
    TextJson,
    complete_peer,
    emit_json,
    plain,
    screen,
    store,
    today,
)
from peermap.app.help import PeermapTyper, SubGroup
from peermap.core.text import command

focus_app = PeermapTyper(
    cls=SubGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@focus_app.callback()
def focus(ctx: typer.Context, format: FormatOpt = TextJson.text) -> None:
    """Show focus peers and ranked candidates with the reason for each rank.

    With a command, change the focus set instead (3 to 5 peers by default).

    Examples:

    \b
      peermap focus
      peermap focus --format json
      peermap focus set grace bob zoe
    """
    if ctx.invoked_subcommand is not None:
        return
    from peermap.core.ranking import rank

    net = store().load()
    t = today()
    candidates = rank(net, t)
    if format == TextJson.json:
        emit_json({
            "focus": [p.name for p in net.focus_peers()],
            "candidates": [{"peer": c.peer.name, "score": c.score, "why": c.why}
                           for c in candidates],
        })
    else:
        from peermap.core.ranking import left_out

        out = left_out(net)
        if plain():
            from peermap.render import plain as text

            text.focus_view(net, candidates, t, out)
        else:
            from peermap.render.views import focus_view

            focus_view(screen(), net, candidates, t, out)


Peers = Annotated[list[str], typer.Argument(help="Three to five peers (names or prefixes).",
                                            autocompletion=complete_peer, metavar="PEER...")]


@focus_app.command("set")
def focus_set(peers: Peers) -> None:
    """Replace the focus set (between settings.focus_min and focus_max peers).

    Example:

    \b
      peermap focus set grace bob zoe
    """
    from peermap.core import ranking

    t = today()
    chosen = store().update(lambda net: ranking.focus_set(net, peers, t),
                            lambda _: "peermap: focus set " + ", ".join(peers))
    names = [p.name for p in chosen] if chosen else peers
    screen().say("Focus: " + ", ".join(names) + ". Next:", command="peermap suggest")


@focus_app.command("add")
def focus_add(peer: PeerArg) -> None:
    """Add one peer to the focus set (refused when full, strong or unrated).

    Example:

    \b
      peermap focus add grace
    """
    from peermap.core import ranking

    t = today()
    p = store().update(lambda net: ranking.focus_add(net, peer, t),
                       lambda p: f"peermap: focus add {p.name}")
    screen().say(f"{p.name} is now a focus peer. Next:", command=command("suggest", p.name))


@focus_app.command("drop")
def focus_drop(peer: PeerArg) -> None:
    """Take one peer out of the focus set (a note when below focus_min).

    Example:

    \b
      peermap focus drop grace
    """
    from peermap.core import ranking
    from peermap.core.refs import resolve

    s = store()
    name = resolve(s.load(), peer).name
    note = s.update(lambda net: ranking.focus_drop(net, peer), f"peermap: focus drop {name}")
    screen().say(f"{name} is no longer a focus peer.")
    if note:
        screen().say(note)


def suggest(
    peer: Annotated[str | None, typer.Argument(
        help="One peer (default: every focus peer).", autocompletion=complete_peer,
        metavar="[PEER]")] = None,
    format: FormatOpt = TextJson.text,
) -> None:
    """Follow-up suggestions for every focus peer, or for one peer.

    Examples:

    \b
      peermap suggest
      peermap suggest grace --format json
    """
    from peermap.core.refs import resolve
    from peermap.core.suggestions import suggest_all

    net = store().load()
    t = today()
    peers = [resolve(net, peer)] if peer else net.focus_peers()
    result = suggest_all(net, peers, t)
    if format == TextJson.json:
        emit_json([{"peer": p.name, "suggestions": [s.as_json() for s in tips]}
                   for p, tips in result])
    else:
        if plain():
            from peermap.render import plain as text

            text.suggestions_view(result)
        else:
            from peermap.render.views import suggestions_view

            suggestions_view(screen(), result)


def register(app: typer.Typer) -> None:
    app.add_typer(focus_app, name="focus")
    app.command("suggest")(suggest)
