"""Peer groups, the to-meet list and the re-map prompt (docs/groups.md): pure functions.

A group is a small set of peers who meet on a cadence; its meetings are log entries on
every member on one day (`log --group`, or an imported calendar meeting). The to-meet
list holds people you don't know yet with who suggested them; adding one as a peer
records the introducer. Cheap to import: the cron reminder reads `groups_due` and
`remap_due`, so nothing here may import Rich, Typer or pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from peermap.core.errors import PeermapError
from peermap.core.model import Group, LogEntry, Network, Peer, ToMeet
from peermap.core.text import (
    check_line,
    check_text,
    clean_name,
    command,
    days_ago,
    name_key,
    named,
)

REMAP_DAYS = 90  # a map drawn in November is the map in June: look again every quarter


# --- groups ---------------------------------------------------------------------------


def find_group(net: Network, ref: str) -> Group:
    """The group `ref` names: its name in any case, or a unique prefix."""
    found = named(net.groups, ref, lambda g: g.name)
    if len(found) == 1:
        return found[0]
    if found:
        raise PeermapError(f"{ref!r} matches {len(found)} groups: "
                           f"{', '.join(g.name for g in found)}. Type more of the name.")
    hint = (f" Groups: {', '.join(g.name for g in net.groups)}." if net.groups else
            " Start one with `peermap group add NAME --member PEER`.")
    raise PeermapError(f"no group called {ref!r}.{hint}")


def _member_names(net: Network, refs: list[str]) -> list[str]:
    from peermap.core.refs import resolve

    out: list[str] = []
    for ref in refs:
        name = resolve(net, ref).name
        if name not in out:
            out.append(name)
    return out


def _check_cadence(cadence: int | None) -> None:
    from peermap.core.model import CADENCE_MAX

    if cadence is not None and not 1 <= cadence <= CADENCE_MAX:
        raise PeermapError(f"--cadence must be between 1 and {CADENCE_MAX} days.")


def add_group(net: Network, name: str, members: list[str], cadence: int | None,
              purpose: str, today: date) -> Group:
    clean = clean_name(check_line("group name", name))
    if not clean:
        raise PeermapError("a group needs a name.")
    if any(name_key(g.name) == name_key(clean) for g in net.groups):
        raise PeermapError(f"the group {clean!r} already exists; change it with "
                           f"`{command('group', 'edit', clean)}`.")
    _check_cadence(cadence)
    g = Group(clean, _member_names(net, members), cadence, check_line("purpose", purpose), today)
    net.groups.append(g)
    return g


@dataclass(frozen=True)
class GroupEdit:
    """What `group edit` changes; None leaves a value as it is."""

    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    cadence: int | None = None
    no_cadence: bool = False
    purpose: str | None = None
    name: str | None = None


def edit_group(net: Network, ref: str, edit: GroupEdit) -> Group:
    g = find_group(net, ref)
    if edit.name is not None:
        new = clean_name(check_line("group name", edit.name))
        if not new:
            raise PeermapError("a group needs a name.")
        if any(o is not g and name_key(o.name) == name_key(new) for o in net.groups):
            raise PeermapError(f"the group {new!r} already exists; pick another name.")
        _follow(net, "groups", g.name, new)
        g.name = new
    for name in _member_names(net, list(edit.add)):
        if name not in g.members:
            g.members.append(name)
    for ref_ in edit.drop:
        key = name_key(ref_)
        hit = [m for m in g.members if name_key(m) == key] or \
            [m for m in g.members if name_key(m).startswith(key)]
        if len(hit) != 1:
            raise PeermapError(f"{ref_!r} is not a member of {g.name!r}; members: "
                               f"{', '.join(g.members) or 'none'}.")
        g.members.remove(hit[0])
    _check_cadence(edit.cadence)
    if edit.no_cadence:
        g.cadence_days = None
    elif edit.cadence is not None:
        g.cadence_days = edit.cadence
    if edit.purpose is not None:
        g.purpose = check_line("purpose", edit.purpose)
    return g


def remove_group(net: Network, ref: str) -> Group:
    g = find_group(net, ref)
    net.groups.remove(g)
    _follow(net, "groups", g.name, None)
    return g


def _follow(net: Network, k: str, old: str, new: str | None) -> None:
    """Merge conflicts still to settle follow their group or to-meet entry (docs/sync.md)."""
    if net.conflicts:
        from peermap.core.threeway import follow_item

        follow_item(net, k, old, new)


def members(net: Network, g: Group) -> list[Peer]:
    """The group's members that are on the map, in the group's order."""
    out = []
    for name in g.members:
        p = net.find(name)
        if p is not None:
            out.append(p)
    return out


def log_group(net: Network, ref: str, note: str, kind: Any, when: date) -> tuple[Group,
                                                                                list[Peer]]:
    """One meeting of the group: the same entry on every member on the map."""
    g = find_group(net, ref)
    found = members(net, g)
    if not found:
        raise PeermapError(f"the group {g.name!r} has no members on your map; add some with "
                           f"`{command('group', 'edit', g.name, '--add', 'PEER')}`.")
    from peermap.core.books import contact  # the one way a contact is logged

    text = check_text("note", note, multiline=True).strip()
    for p in found:
        contact(p, LogEntry(when, kind, text))
    return g, found


def last_meeting(net: Network, g: Group, today: date) -> date | None:
    """The latest day (not after today) on which every member on the map has a log entry."""
    found = members(net, g)
    if not found:
        return None
    days = {e.date for e in found[0].log if e.date <= today}
    for p in found[1:]:
        days &= {e.date for e in p.log}
        if not days:
            return None
    return max(days, default=None)


def rename_member(net: Network, old: str, new: str) -> None:
    """A peer was renamed: groups and the to-meet list follow."""
    for g in net.groups:
        g.members = [new if m == old else m for m in g.members]
    for m in net.to_meet:
        if m.via == old:
            m.via = new


def drop_member(net: Network, name: str) -> None:
    """A peer was removed: they leave every group."""
    for g in net.groups:
        if name in g.members:
            g.members.remove(name)


def group_json(net: Network, g: Group, today: date) -> dict[str, Any]:
    """`group show --format json` and one element of `group list --format json`."""
    last = last_meeting(net, g, today)
    due = None
    if g.cadence_days is not None:
        due = ((last or g.added or today) + timedelta(days=g.cadence_days)).isoformat()
    return {"name": g.name, "members": list(g.members),
            "not_on_map": [m for m in g.members if net.find(m) is None],
            "cadence_days": g.cadence_days, "purpose": g.purpose,
            "added": g.added.isoformat() if g.added else None,
            "last_meeting": last.isoformat() if last else None, "next_due": due}


def groups_due(net: Network, today: date) -> list[tuple[str, str | None, str, int | None]]:
    """Group meetings due on `today` (type `group`; `days` = days overdue), most overdue
    first: due the day `cadence_days` have passed since the last meeting (or since the
    group was added, when it has not met yet). Each is (type, group, detail, days), the
    fields of core.reminders.Due."""
    found: list[tuple[int, str, tuple[str, str | None, str, int | None]]] = []
    for g in net.groups:
        if g.cadence_days is None or not members(net, g):
            continue
        last = last_meeting(net, g, today)
        anchor = last or g.added
        if anchor is None:
            continue
        since = (today - anchor).days
        if since >= g.cadence_days:
            what = (f"last met {days_ago(since)}" if last is not None
                    else f"not met since the group started {days_ago(since)}")
            found.append((-since, name_key(g.name),
                          ("group", g.name, what, since - g.cadence_days)))
    return [d for *_, d in sorted(found, key=lambda t: t[:2])]


# --- the to-meet list ------------------------------------------------------------------


def find_to_meet(net: Network, name: str) -> ToMeet | None:
    key = name_key(name)
    return next((m for m in net.to_meet if name_key(m.name) == key), None)


def add_to_meet(net: Network, name: str, via: str | None, why: str | None,
                today: date) -> tuple[ToMeet, bool]:
    """Add (or update) someone to meet; True when new. `via` must be a peer on the map."""
    from peermap.core.refs import resolve

    clean = clean_name(check_line("name", name))
    if not clean:
        raise PeermapError("give the name of the person to meet.")
    on_map = net.find(clean)
    if on_map is not None:
        raise PeermapError(f"{on_map.name!r} is already on your map; plan a step with "
                           f"`{command('plan', on_map.name, 'STEP')}`.")
    via_name = resolve(net, via).name if via else None
    m = find_to_meet(net, clean)
    new = m is None
    if m is None:
        m = ToMeet(clean, added=today)
        net.to_meet.append(m)
    if via_name is not None:
        m.via = via_name
    if why is not None:
        m.why = check_line("why", why)
    return m, new


def drop_to_meet(net: Network, name: str) -> ToMeet:
    m = find_to_meet(net, name)
    if m is None:
        listed = ", ".join(x.name for x in net.to_meet)
        raise PeermapError(f"{name!r} is not on your to-meet list" +
                           (f" ({listed})." if listed else " (it is empty)."))
    net.to_meet.remove(m)
    _follow(net, "to_meet", m.name, None)
    return m


def to_meet_json(m: ToMeet) -> dict[str, Any]:
    return {"name": m.name, "via": m.via or None, "why": m.why,
            "added": m.added.isoformat() if m.added else None}


def introduced(net: Network, p: Peer) -> ToMeet | None:
    """`p` was just added: take them off the to-meet list and keep who introduced them."""
    m = find_to_meet(net, p.name)
    if m is None:
        return None
    net.to_meet.remove(m)
    _follow(net, "to_meet", m.name, None)
    if m.via and not p.introduced_by:
        p.introduced_by = m.via
    return m


# --- re-map ----------------------------------------------------------------------------


def remap_due(net: Network, today: date) -> list[tuple[str, str | None, str, int | None]]:
    """Every 90 days after the map last grew (the latest `added` date), `remind` says
    once that it is time to re-map: the item stays until a review on or after that day."""
    last = max((p.added for p in net.peers if p.added is not None and p.added <= today),
               default=None)
    if last is None:
        return []
    since = (today - last).days
    if since < REMAP_DAYS:
        return []
    due = last + timedelta(days=since // REMAP_DAYS * REMAP_DAYS)
    if any(due <= r.date <= today for r in net.reviews):
        return []
    return [("remap", None, f"nobody added to your map {days_ago(since)}; a short re-map: "
                "peermap map --step brainstorm", (today - due).days)]
