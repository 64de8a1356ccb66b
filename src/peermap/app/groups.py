"""Peer groups and people to meet (docs/groups.md): `group ...`, `meet ...`, `log --group`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from peermap.app.common import FormatOpt, TextJson, complete_peer, emit_json, store, today
from peermap.app.help import PeermapTyper, SubGroup
from peermap.core.text import count, interaction
from peermap.render import groups as gv

if TYPE_CHECKING:
    from peermap.core.model import Kind

group_app = PeermapTyper(cls=SubGroup, help="Peer groups: a few peers who meet on a cadence.",
                        no_args_is_help=True, rich_markup_mode=None)

GroupArg = Annotated[str, typer.Argument(help="The group's name (any case, or a unique "
                                         "prefix).", metavar="NAME", show_default=False)]
Cadence = Annotated[int | None, typer.Option(
    "--cadence", metavar="DAYS", help="Meet every DAYS days; the meeting is then due in "
    "`peermap remind`.", show_default=False)]
Purpose = Annotated[str | None, typer.Option("--purpose", help="What the group is for.",
                                             show_default=False)]


def _say(text: str) -> None:
    from peermap.core.text import neutral

    print(neutral(text))


@group_app.command("add")
def group_add(
    name: Annotated[str, typer.Argument(help="The group's name.", show_default=False)],
    member: Annotated[list[str] | None, typer.Option(
        "--member", metavar="PEER", help="A peer on your map (repeat for several).",
        autocompletion=complete_peer, show_default=False)] = None,
    cadence: Cadence = None, purpose: Purpose = None,
) -> None:
    """Start a peer group: members are peers on your map.

    Example:

    \b
      peermap group add "Platform circle" --member ana --member bo --cadence 14
    """
    from peermap.core.groups import add_group

    t = today()
    g = store().update(lambda net: add_group(net, name, member or [], cadence, purpose or "",
                                             t), lambda g: f"peermap: group add {g.name}")
    every = f", meeting every {count(g.cadence_days, 'day')}" if g.cadence_days else ""
    _say(f"Started the group {g.name} with {count(len(g.members), 'member')}{every}.")


@group_app.command("list")
def group_list(format: FormatOpt = TextJson.text) -> None:
    """Every group, with its members and when it meets next."""
    from peermap.core.groups import group_json

    net, t = store().load(), today()
    rows = [group_json(net, g, t) for g in net.groups]
    if format == TextJson.json:
        emit_json(rows)
    elif not rows:
        _say("No groups yet. Start one: peermap group add NAME --member PEER --cadence 14")
    else:
        print("\n".join(gv.group_lines(r) for r in rows))


@group_app.command("show")
def group_show(name: GroupArg, format: FormatOpt = TextJson.text) -> None:
    """One group: members, cadence, purpose, last meeting and the next one due."""
    from peermap.core.groups import find_group, group_json

    net = store().load()
    r = group_json(net, find_group(net, name), today())
    if format == TextJson.json:
        emit_json(r)
    else:
        print(gv.group_lines(r))


@group_app.command("edit")
def group_edit(
    name: GroupArg,
    add: Annotated[list[str] | None, typer.Option(
        "--add", "--member", metavar="PEER", help="Add a member (repeat for several).",
        autocompletion=complete_peer, show_default=False)] = None,
    drop: Annotated[list[str] | None, typer.Option(
        "--drop", metavar="PEER", help="Take a member out (repeat for several).",
        show_default=False)] = None,
    cadence: Cadence = None,
    no_cadence: Annotated[bool, typer.Option("--no-cadence", help="No fixed cadence: "
                                             "no reminder.")] = False,
    purpose: Purpose = None,
    rename: Annotated[str | None, typer.Option("--name", help="A new name for the group.",
                                               show_default=False)] = None,
) -> None:
    """Change a group's members, cadence, purpose or name.

    Example: peermap group edit platform --add cy --drop bo --cadence 28
    """
    from peermap.core.groups import GroupEdit, edit_group

    edit = GroupEdit(tuple(add or ()), tuple(drop or ()), cadence, no_cadence, purpose, rename)
    g = store().update(lambda net: edit_group(net, name, edit),
                       lambda g: f"peermap: group edit {g.name}")
    _say(f"Saved the group {g.name} ({count(len(g.members), 'member')}).")


@group_app.command("remove")
def group_remove(name: GroupArg) -> None:
    """Remove a group (its members stay on your map; `peermap undo` brings it back)."""
    from peermap.core.groups import remove_group

    g = store().update(lambda net: remove_group(net, name),
                       lambda g: f"peermap: group remove {g.name}")
    _say(f"Removed the group {g.name}; its members stay on your map.")


@group_app.command("brief")
def group_brief(name: GroupArg, format: FormatOpt = TextJson.text) -> None:
    """One screen before a group meeting: each member's goals, pressures, open loops with
    you and what you could bring.

    Example: peermap group brief platform
    """
    from peermap.core.group_brief import brief
    from peermap.core.groups import find_group

    net = store().load()
    b = brief(net, find_group(net, name), today())
    if format == TextJson.json:
        emit_json(b)
        return
    print(gv.brief_text(b))


def log_group(group: str, note: str, kind: Kind, day: str | None) -> None:
    """`peermap log --group NAME [NOTE]`: one meeting logged on every member."""
    from peermap.app.common import when
    from peermap.core.groups import log_group as log_meeting

    d = when(day)
    g, found = store().update(lambda net: log_meeting(net, group, note, kind, d),
                              lambda r: f"peermap: log group {r[0].name} ({kind.value})")
    _say(f"Logged {interaction(kind.value)} with {g.name} on {d.isoformat()}: "
         f"{', '.join(p.name for p in found)}.")


def meet(
    words: Annotated[list[str], typer.Argument(
        help="NAME to add someone; `list` to see the list; `drop NAME` to take one off.",
        metavar="NAME | list | drop NAME", show_default=False)],
    via: Annotated[str | None, typer.Option(
        "--via", metavar="PEER", help="The peer who suggested them.",
        autocompletion=complete_peer, show_default=False)] = None,
    why: Annotated[str | None, typer.Option("--why", help="Why meet them, in your words.",
                                            show_default=False)] = None,
    format: FormatOpt = TextJson.text,
) -> None:
    """People you don't know yet: whom to meet, and who suggested them.

    When you later `peermap add` them, the introducer is kept (introduced_by).

    Examples:

    \b
      peermap meet "Kai Lund" --via ana --why "runs the capacity model"
      peermap meet list
      peermap meet drop "Kai Lund"
    """
    from peermap.core.errors import PeermapError
    from peermap.core.groups import add_to_meet, drop_to_meet, to_meet_json

    if words == ["list"]:
        rows = [to_meet_json(m) for m in store().load().to_meet]
        if format == TextJson.json:
            emit_json(rows)
        else:
            print("\n".join(gv.meet_line(r) for r in rows) if rows else
                  "Nobody on your to-meet list. Add someone: peermap meet NAME --via PEER")
        return
    if words[:1] == ["drop"]:
        if len(words) != 2:
            raise PeermapError("give one name: peermap meet drop NAME.")
        m = store().update(lambda net: drop_to_meet(net, words[1]),
                           lambda m: f"peermap: meet drop {m.name}")
        _say(f"Took {m.name} off your to-meet list.")
        return
    if len(words) != 1:
        raise PeermapError("give one name in quotes: peermap meet \"FIRST LAST\".")
    t = today()
    m, new = store().update(lambda net: add_to_meet(net, words[0], via, why, t),
                            lambda r: f"peermap: meet {r[0].name}")
    by = f" (suggested by {m.via})" if m.via else ""
    _say(f"{'Added' if new else 'Updated'} {m.name} on your to-meet list{by}. "
         f"Once you have met: {_add_command(m.name)}")


def _add_command(name: str) -> str:
    from peermap.core.text import command

    return command("add", name)


def register(app: typer.Typer) -> None:
    app.add_typer(group_app, name="group")
    app.command("meet")(meet)


def import_meetings(file: str, since: str | None, dry_run: bool) -> None:
    """`peermap import FILE.ics --meetings [--since D] [--dry-run]` (docs/groups.md)."""
    from pathlib import Path

    from peermap.app.common import when
    from peermap.core.errors import PeermapError
    from peermap.core.model import Network
    from peermap.formats import meetings as cal

    try:
        data = Path(file).read_bytes()
    except OSError as e:
        raise PeermapError(f"cannot read {file} ({e.strerror or e}).") from None
    t = today()
    start, end = cal.window(when(since) if since is not None else None, t)
    s = store()

    def planned(net: Network) -> cal.MeetingsPlan:
        me = net.me.email_keys()
        found, skipped = cal.read(data, start, end, me)
        return cal.plan(net, found, skipped)

    def change(net: Network) -> cal.MeetingsPlan:
        p = planned(net)
        cal.apply(p)
        return p

    if dry_run:
        result = planned(s.load())
    else:
        result = s.update(change, lambda p: f"peermap: import {Path(file).name} "
                          f"({p.meetings} meetings)")
    print(gv.meetings_report(result, start, dry_run))


