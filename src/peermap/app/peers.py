"""The one-peer commands: init, me, add, rate, edit, rename, remove, list and show
(docs/commands.md)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from peermap.app.common import (
    DateOpt,
    FormatOpt,
    ListFmt,
    PeerArg,
    TextJson,
    WhyNoneOpt,
    complete_tie,
    emit_json,
    plain,
    screen,
    store,
    tie_or_unrated,
    tie_word,
    today,
    when,
)
from peermap.app.common import say as _say
from peermap.app.fields import field_options
from peermap.core.errors import PeermapError
from peermap.core.model import Affects, Network, Peer, Tie
from peermap.core.peers import Details
from peermap.core.text import command, sentence


def init(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    team: Annotated[str | None, typer.Option(help="Your team.")] = None,
    location: Annotated[str | None, typer.Option(help="Where you work.")] = None,
) -> None:
    """Create the data file (0600 in a 0700 folder); an existing file is left untouched.

    Example:

    \b
      peermap init --name "Ada Example" --team Payments --location London
    """
    from peermap.core.model import Me, Network
    from peermap.core.text import check_line

    s = store()

    def clean(label: str, value: str | None) -> str:
        return check_line(label, value) if value else ""

    me = Me(name=clean("name", name), team=clean("team", team),
            location=clean("location", location))
    if s.create(Network(me=me)):
        _say(f"Created {s.path}. Next, the walkthrough:", command="peermap map")
    else:
        _say(f"{s.path} already exists; it was left untouched.")


def me(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    team: Annotated[str | None, typer.Option(help="Your team (feeds reach analysis).")] = None,
    location: Annotated[str | None, typer.Option(help="Where you work.")] = None,
    strength: Annotated[list[str] | None, typer.Option(
        "--strength", help="Something you are good at (repeat; replaces the list).")] = None,
    email: Annotated[list[str] | None, typer.Option(
        "--email", help="Your e-mail address (repeat; replaces the list).")] = None,
    level: Annotated[str | None, typer.Option(
        help="junior, mid, senior or staff: the advice reads seniority from it.")] = None,
    joined: Annotated[str | None, typer.Option(
        help="When you started (YYYY-MM-DD or 30d): newcomer advice for six months.")] = None,
) -> None:
    """Show or edit your own profile.

    Example:

    \b
      peermap me
      peermap me --team Payments --strength "SQL tuning"
      peermap me --strength "SQL tuning" --strength "incident reviews"
    """
    from peermap.core.dates import parse_date
    from peermap.core.model import FIELDS_BY_KEY, LEVELS
    from peermap.core.peers import clean_items
    from peermap.core.text import check_line, check_text

    s = store()
    if level is not None and level.strip().casefold() not in LEVELS:
        raise PeermapError(f"{level!r} is not a level; use one of {', '.join(LEVELS)}.")
    started = parse_date(joined, today()) if joined is not None else None
    if all(v is None for v in (name, team, location, strength, email, level, joined)):
        from peermap.render.views import profile

        m = s.load().me
        profile(screen(), [("name", m.name or ""), ("team", m.team or ""),
                           ("location", m.location or ""),
                           ("strengths", ", ".join(m.strengths)),
                           ("email", ", ".join(m.email)), ("level", m.level),
                           ("joined", m.joined.isoformat() if m.joined else "")])
        return

    def change(net: Any) -> None:
        for label, value in (("name", name), ("team", team), ("location", location)):
            if value is not None:
                setattr(net.me, label, check_line(label, value))
        if strength is not None:
            net.me.strengths = [check_line("strength", x)
                                for x in strength if x.strip()]
        if email is not None:
            net.me.email = clean_items(FIELDS_BY_KEY["email"],
                                       [check_text("e-mail address", x) for x in email])
        if level is not None:
            net.me.level = level.strip().casefold()
        if started is not None:
            net.me.joined = started

    s.update(change, "peermap: edit me")
    _say("Profile saved.")


@field_options
def add(
    name: Annotated[str, typer.Argument(help="Their name.", show_default=False)],
    details: Details,
    force: Annotated[bool, typer.Option("--force", help="Add even when the name looks like "
                                        "one already on the map.")] = False,
) -> None:
    """Add one peer; an existing name is an error, a near-duplicate needs --force.

    Example:

    \b
      peermap add "Grace Example" --team Compilers --affects helps-me --tie weak
    """
    from peermap.core.duplicates import refuse_near_duplicate
    from peermap.core.peers import add_peer

    t = today()

    def change(net: Network) -> Peer:
        if not force and net.find(name) is None:
            refuse_near_duplicate(net, name)
        return add_peer(net, name, details, t)

    p = store().update(change, lambda p: f"peermap: add {p.name}")
    if p.tie:
        _say(f"Added {p.name}.")
    else:
        _say(f"Added {p.name}. Rate the tie next:", command=command("rate", p.name, "weak"))
    if p.introduced_by:
        _say(f"{p.name} was on your to-meet list: introduced by {p.introduced_by}.")


def rate(
    peer: PeerArg,
    tie: Annotated[Tie, typer.Argument(
        help="strong, weak or nonexistent (or s, w, n; any case).", metavar="TIE",
        parser=tie_word, show_default=False, autocompletion=complete_tie)],
    why_none: WhyNoneOpt = None,
    date: DateOpt = None,
) -> None:
    """Rate a tie; the rating is added to the peer's tie history.

    Examples:

    \b
      peermap rate grace weak
      peermap rate bob nonexistent --why-none clash
    """
    from peermap.core.peers import rate_peer

    d = when(date)
    s = store()
    before = _current_tie(s, peer)
    p = s.update(lambda net: rate_peer(net, peer, tie, why_none, d),
                 lambda p: f"peermap: rate {p.name} {tie.value}")
    if p.tie != tie:
        current = p.tie.value if p.tie else "unrated"
        _say(f"Recorded {tie.value} for {d.isoformat()} in {p.name}'s tie history; "
             f"the current tie stays {current} (rated later).")
        return
    if before == tie:
        _say(f"{p.name} stays {tie.value}; nothing changed.")
        return
    extra = ""
    if p.focus and p.tie == Tie.STRONG:
        extra = " It has graduated: `peermap review` offers a replacement for its focus slot."
    _say(f"{p.name} is now {tie.value}.{extra}")


def _current_tie(s: Any, ref: str) -> Tie | None:
    from peermap.core.refs import resolve

    try:
        return resolve(s.load(), ref).tie
    except PeermapError:
        return None  # the update below reports it


@field_options
def edit(peer: PeerArg, details: Details) -> None:
    """Change a peer's details; each option given replaces that field ('' clears text).

    Example:

    \b
      peermap edit grace --goal "ship the new inliner"
      peermap edit grace --pressure "Q1 perf targets"
    """
    from peermap.core.peers import edit_peer

    if not details.given():
        raise PeermapError("nothing to change: give at least one option, such as --team or "
                           "--matters. See `peermap edit --help`.")
    t = today()
    p = store().update(lambda net: edit_peer(net, peer, details, t),
                       lambda p: f"peermap: edit {p.name}")
    _say(f"Saved {p.name}.")


def rename(
    peer: PeerArg,
    new_name: Annotated[str, typer.Argument(help="The new name.", show_default=False)],
) -> None:
    """Rename a peer, keeping history, log and focus.

    Example:

    \b
      peermap rename "Grace" "Grace Example"
    """
    from peermap.core.peers import rename_peer

    old, p = store().update(lambda net: rename_peer(net, peer, new_name),
                            lambda r: f"peermap: rename {r[0]} to {r[1].name}")
    _say(f"Renamed {old} to {sentence(p.name)}")


def remove(
    peer: PeerArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
    = False,
) -> None:
    """Delete a peer and their history (undo brings them back).

    Example:

    \b
      peermap remove "Grace Example" --yes
    """
    from peermap.core.peers import remove_peer
    from peermap.core.refs import resolve

    s = store()
    if not yes:
        target = resolve(s.load(), peer)
        if not sys.stdin.isatty():
            raise PeermapError(f"not removing {target.name!r} without confirmation; "
                               "add --yes when stdin is not a terminal.")
        try:
            sure = typer.confirm(f"Remove {target.name} and all their history?", default=False)
        except typer.Abort:  # Ctrl-C or Ctrl-D at the question
            print("Nothing removed.", file=sys.stderr)
            raise typer.Exit(130) from None
        if not sure:
            _say("Nothing removed.")
            return
        peer = target.name
    p = s.update(lambda net: remove_peer(net, peer), lambda p: f"peermap: remove {p.name}")
    _say(f"Removed {sentence(p.name)}", dim="`peermap undo` brings them back.")


def list_(
    tie: Annotated[str | None, typer.Option(
        "--tie", metavar="TIE", parser=tie_or_unrated,
        help="Only this tie: strong, weak, nonexistent or unrated (s, w, n, u).")] = None,
    focus: Annotated[bool, typer.Option("--focus", help="Only focus peers.")] = False,
    affects: Annotated[Affects | None, typer.Option("--affects", help="Only peers whose "
                                                       "work touches yours this way.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only peers with this tag.")] = None,
    format: Annotated[ListFmt, typer.Option("--format", help="Output format.")] = ListFmt.table,
) -> None:
    """List peers by name; focus peers are marked ★.

    Examples:

    \b
      peermap list --tie weak
      peermap list --focus --format json
    """
    from peermap.core.model import Network, name_key

    net = store().load()
    peers = [
        p for p in net.peers
        if (tie is None or (p.tie.value if p.tie else "unrated") == tie)
        and (not focus or p.focus)
        and (affects is None or affects in p.affects)
        and (tag is None or name_key(tag) in {name_key(t) for t in p.tags})
    ]
    if format == ListFmt.json:
        from peermap.core.model import peer_to_doc

        emit_json([_with_last_contact(peer_to_doc(p, dates_as_text=True), p) for p in peers])
    elif format == ListFmt.csv:
        from peermap.formats.exporters import export

        sys.stdout.write(export("csv", Network(me=net.me, settings=net.settings, peers=peers),
                                today()))
    elif format == ListFmt.plain:
        from peermap.core.model import neutral

        sys.stdout.write("".join(
            "\t".join(neutral(x) for x in (p.name, p.tie.value if p.tie else "unrated",
                                          p.team, p.location)) + "\n" for p in peers))
    else:
        if plain():
            from peermap.render import plain as text

            text.peer_table(peers, today())
        else:
            from peermap.render.views import peer_table

            peer_table(screen(), peers, today())


def _with_last_contact(doc: dict[str, Any], p: Any) -> dict[str, Any]:
    last = p.last_contact()
    doc["last_contact"] = last.isoformat() if last else None
    return doc


def show(peer: PeerArg, format: FormatOpt = TextJson.text) -> None:
    """One peer: details, tie history, log, next step and suggestions.

    Examples:

    \b
      peermap show grace
      peermap show grace --format json
    """
    from peermap.core.refs import resolve
    from peermap.core.suggestions import suggest

    net = store().load()
    p = resolve(net, peer)
    t = today()
    tips = suggest(net, p, t)
    if format == TextJson.json:
        from peermap.core.model import peer_to_doc
        from peermap.core.state import state_of

        doc = _with_last_contact(peer_to_doc(p, dates_as_text=True), p)
        doc["state"] = state_of(p, net, t).as_json()
        doc["suggestions"] = [s.as_json() for s in tips]
        emit_json(doc)
    else:
        if plain():
            from peermap.render import plain as text

            text.peer_detail(p, t, tips)
        else:
            from peermap.render.views import peer_detail

            peer_detail(screen(), p, t, tips)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(me)
    app.command()(add)
    app.command()(rate)
    app.command()(edit)
    app.command()(rename)
    app.command()(remove)
    app.command("list")(list_)
    app.command()(show)
