"""Changes to one peer at a time: pure functions over the Network, no I/O.

Each function raises PeermapError with a sentence the user can act on; the CLI runs it
inside a store transaction, so a refused change writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peermap.core.errors import PeermapError
from peermap.core.model import (
    PEER_FIELDS,
    Affects,
    Kind,
    Kindof,
    LogEntry,
    Matters,
    Network,
    NextStep,
    Peer,
    ReplacedStep,
    Tie,
    TieChange,
    WhyNone,
    bad_char,
    clean_name,
    describe_char,
)
from peermap.core.refs import resolve
from peermap.core.text import command


@dataclass
class Details:
    """Optional fields for `add` and `edit`; None means "not given"."""

    team: str | None = None
    role: str | None = None
    location: str | None = None
    affects: list[Affects] | None = None
    matters: list[Matters] | None = None
    tie: Tie | None = None
    why_none: WhyNone | None = None
    tags: list[str] | None = None
    notes: str | None = None
    cadence_days: int | None = None
    goals: list[str] | None = None
    pressures: list[str] | None = None
    at_risk: str | None = None


def check_text(label: str, value: str, *, multiline: bool = False) -> str:
    ch = bad_char(value, multiline=multiline)
    if ch is not None:
        raise PeermapError(
            f"the {label} contains a control or direction-override character "
            f"({describe_char(ch)}); remove it and try again."
        )
    return value


def valid_name(name: str) -> str:
    check_text("name", name)
    cleaned = clean_name(name)
    if not cleaned:
        raise PeermapError("a peer's name cannot be empty.")
    if cleaned.startswith("-"):
        # Every command would read it as an option, and no printed hint could name them.
        raise PeermapError(f"a peer's name cannot start with '-' ({cleaned!r}); "
                           "leave the dash out.")
    return cleaned


def _apply(p: Peer, d: Details, today: date) -> None:
    # Text and list fields follow the field table; the tie and cadence have rules of their own.
    for f in PEER_FIELDS:
        value = getattr(d, f.key, None) if f.detail else None
        if value is None:
            continue
        if f.kind is Kindof.TEXT:
            setattr(p, f.key, " ".join(check_text(f.key, value).split()))
        elif f.kind is Kindof.NOTES:
            setattr(p, f.key, check_text("note", value, multiline=True).strip())
        elif f.kind is Kindof.ENUMS:
            setattr(p, f.key, list(dict.fromkeys(value)))
        elif f.kind is Kindof.TEXTS:
            items = [" ".join(check_text(f.key.rstrip("s"), x).split()) for x in value]
            setattr(p, f.key, sorted({x for x in items if x}, key=str.casefold))
    if d.cadence_days is not None:
        if not 1 <= d.cadence_days <= 3650:
            raise PeermapError("the cadence must be between 1 and 3650 days.")
        p.cadence_days = d.cadence_days
    if d.tie is not None:
        set_tie(p, d.tie, d.why_none, today)
    elif d.why_none is not None:
        if p.tie != Tie.NONEXISTENT:
            raise PeermapError("--why-none only goes with a nonexistent tie; give --tie too.")
        p.why_none = d.why_none


def set_tie(p: Peer, tie: Tie, why_none: WhyNone | None, when: date) -> bool:
    """Rate a tie and append it to the history; True when the tie changed."""
    if why_none is not None and tie != Tie.NONEXISTENT:
        raise PeermapError(
            f"--why-none only goes with a nonexistent tie, not {tie.value}."
        )
    latest = max((t.date for t in p.ties), default=None)
    if latest is not None and when < latest:
        # A back-dated rating fills in history; the current tie stays the newest one.
        at_that_date = [t for t in p.ties if t.date <= when]
        if not at_that_date or at_that_date[-1].tie != tie:
            p.ties.append(TieChange(when, tie))
            p.ties.sort(key=lambda t: t.date)
        return False
    changed = p.tie != tie
    p.tie = tie
    p.why_none = why_none if tie == Tie.NONEXISTENT else None
    if changed or not p.ties:
        p.ties.append(TieChange(when, tie))
    return changed


def add_peer(net: Network, name: str, details: Details, today: date) -> Peer:
    name = valid_name(name)
    existing = net.find(name)
    if existing is not None:
        raise PeermapError(
            f"{existing.name!r} is already on your map. Change it with `peermap edit`."
        )
    p = Peer(name=name, added=today)
    _apply(p, details, today)
    net.peers.append(p)
    return p


def edit_peer(net: Network, ref: str, details: Details, today: date) -> Peer:
    p = resolve(net, ref)
    _apply(p, details, today)
    return p


def rate_peer(net: Network, ref: str, tie: Tie, why_none: WhyNone | None, when: date) -> Peer:
    p = resolve(net, ref)
    set_tie(p, tie, why_none, when)
    return p


def rename_peer(net: Network, ref: str, new_name: str) -> tuple[str, Peer]:
    p = resolve(net, ref)
    new = valid_name(new_name)
    other = net.find(new)
    if other is not None and other is not p:
        raise PeermapError(f"{other.name!r} is already on your map; pick another name.")
    old = p.name
    p.name = new
    for r in net.reviews:
        if r.peer == old:
            r.peer = new
    return old, p


def remove_peer(net: Network, ref: str) -> Peer:
    p = resolve(net, ref)
    net.peers.remove(p)
    return p


def log_interaction(net: Network, ref: str, note: str, kind: Kind, when: date,
                    due: date | None = None) -> Peer:
    from peermap.core.books import contact

    p = resolve(net, ref)
    contact(p, LogEntry(when, kind, check_text("note", note, multiline=True).strip(), due=due))
    return p


def plan_step(net: Network, ref: str, step: str, due: date, today: date | None = None) -> Peer:
    return replan(net, ref, step, due, today or due)[0]


def replan(net: Network, ref: str, step: str, due: date,
           today: date) -> tuple[Peer, ReplacedStep | None]:
    """Set the next step; a different step it replaces is kept in the peer's history."""
    p = resolve(net, ref)
    step = " ".join(check_text("step", step).split())
    if not step:
        raise PeermapError("the step cannot be empty; say what you will do.")
    replaced = None
    if p.next is not None and p.next.step != step:
        replaced = ReplacedStep(today, p.next.step, p.next.due)
        p.replaced.append(replaced)
    p.next = NextStep(step, due)
    return p, replaced


def complete_step(net: Network, ref: str, note: str, kind: Kind, when: date) -> tuple[Peer, str]:
    p = resolve(net, ref)
    if p.next is None:
        raise PeermapError(
            f"{p.name} has no next step. Plan one with `{command('plan', p.name, 'STEP')}`, "
            f"or record a contact with `{command('log', p.name)}`."
        )
    step = p.next.step
    note = check_text("note", note, multiline=True).strip()
    # The entry records which step it completed, so the weekly review can count it.
    from peermap.core.books import contact

    contact(p, LogEntry(when, kind, note, completed=step))
    p.next = None
    return p, step


def complete_with(net: Network, ref: str, entry: LogEntry) -> tuple[Peer, str]:
    """Record that an interaction already logged completed the peer's next step.

    The entry is the peer's latest one with `entry`'s date, kind and note that completed
    nothing yet; it gains `completed` and the next step is cleared (as `done` would).
    """
    p = resolve(net, ref)
    if p.next is None:
        raise PeermapError(f"{p.name} has no next step any more (changed elsewhere?).")
    for e in reversed(p.log):
        if (e.date, e.kind, e.note) == (entry.date, entry.kind, entry.note) and not e.completed:
            step = p.next.step
            e.completed = step
            p.next = None
            return p, step
    raise PeermapError(f"The interaction with {p.name} is no longer in the log.")


def add_context(net: Network, ref: str, field_name: str, text: str) -> Peer:
    """Add one goal or pressure (in the user's words) to a peer; a repeat is a no-op."""
    if field_name not in ("goals", "pressures"):
        raise ValueError(field_name)
    p = resolve(net, ref)
    item = " ".join(check_text(field_name.rstrip("s"), text).split())
    if not item:
        raise PeermapError(f"the {field_name.rstrip('s')} cannot be empty.")
    items: list[str] = getattr(p, field_name)
    if item.casefold() not in {x.casefold() for x in items}:
        setattr(p, field_name, sorted([*items, item], key=str.casefold))
    return p
