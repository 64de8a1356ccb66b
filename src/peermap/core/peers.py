"""Changes to one peer at a time: pure functions over the Network, no I/O.

Each function raises PeermapError with a sentence the user can act on; the CLI runs it
inside a store transaction, so a refused change writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from peermap.core.errors import PeermapError
from peermap.core.model import (
    OPTION_FIELDS,
    Field,
    Kind,
    Kindof,
    LogEntry,
    Network,
    NextStep,
    Peer,
    ReplacedStep,
    Tie,
    TieChange,
    WhyNone,
    bound_problem,
    clean_name,
)
from peermap.core.refs import resolve
from peermap.core.text import bad_char_problem, check_line, check_text, command


class Details(dict[str, Any]):
    """Optional fields for `add` and `edit`, by field key (the field table's rows with an
    option); a key that is absent or None means "not given"."""

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in self.items() if v is not None}


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


def _label(f: Field) -> str:
    return f.label or ("note" if f.key == "notes" else f.key.replace("_", " "))


def clean_items(f: Field, items: list[str]) -> list[str]:
    """A list field's items as stored: whitespace folded, empty items and repeats
    dropped; tags are a set, kept sorted; other lists keep the order given."""
    found = list(dict.fromkeys(item for x in items if (item := " ".join(x.split()))))
    return sorted(found, key=str.casefold) if f.key == "tags" else found


def parse_field(f: Field, value: Any) -> tuple[Any, str | None]:
    """A value given for a field (an option, a cell) as stored, or a problem naming it."""
    label = _label(f)
    one = label.removesuffix("s") if f.kind is Kindof.TEXTS else label
    if f.kind in (Kindof.TEXT, Kindof.NOTES, Kindof.TEXTS):
        multiline = f.kind is Kindof.NOTES
        for text in value if f.kind is Kindof.TEXTS else [value]:
            found = bad_char_problem(f"the {one}", text, multiline=multiline)
            if found:
                return None, found
    if f.kind is Kindof.TEXT:
        return " ".join(value.split()), None
    if f.kind is Kindof.NOTES:
        return value.strip(), None
    if f.kind is Kindof.TEXTS:
        return clean_items(f, value), None
    if f.kind is Kindof.ENUMS:
        return list(dict.fromkeys(value)), None
    if f.kind is Kindof.INT and f.bounds is not None and value is not None:
        return value, bound_problem(f"the {label}", value, f.bounds)
    return value, None


def field_value(f: Field, value: Any) -> Any:
    """`parse_field` for a command: a problem is an error the user can act on."""
    stored, problem = parse_field(f, value)
    if problem:
        hint = "; remove it and try again." if "character" in problem else "."
        raise PeermapError(problem + hint)
    return stored


def _apply(p: Peer, d: Details, today: date) -> None:
    # Every field by the field table; the tie has its history, so it has a rule of its own.
    given = d.given()
    unknown = set(given) - {f.key for f in OPTION_FIELDS}
    if unknown:
        raise ValueError(f"not a field add/edit sets: {sorted(unknown)}")
    for f in OPTION_FIELDS:
        if f.key in given and f.key not in ("tie", "why_none"):
            setattr(p, f.key, field_value(f, given[f.key]))
    tie, why_none = given.get("tie"), given.get("why_none")
    if tie is not None:
        set_tie(p, tie, why_none, today)
    elif why_none is not None:
        if p.tie != Tie.NONEXISTENT:
            raise PeermapError("--why-none only goes with a nonexistent tie; give --tie too.")
        p.why_none = why_none


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
            f"{existing.name!r} is already on your map. Change its details with "
            f"`{command('edit', existing.name)}` and an option (`peermap edit --help`)."
        )
    p = Peer(name=name, added=today)
    _apply(p, details, today)
    net.peers.append(p)
    from peermap.core.groups import introduced

    introduced(net, p)  # off the to-meet list, with who introduced them (docs/groups.md)
    return p


def edit_peer(net: Network, ref: str, details: Details, today: date) -> Peer:
    from peermap.core import goals

    p = resolve(net, ref)
    before = {f: list(getattr(p, f)) for f in goals.FIELDS}
    _apply(p, details, today)
    for f, old in before.items():
        goals.replaced(p, f, old, today)  # what is new is dated: docs/books.md
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
    for c in net.conflicts:  # a merge conflict still to settle follows the peer
        if c.peer == old:
            c.peer = new
    from peermap.core.groups import rename_member

    rename_member(net, old, new)
    return old, p


def remove_peer(net: Network, ref: str) -> Peer:
    p = resolve(net, ref)
    net.peers.remove(p)
    # Its merge conflicts go with it (the peer, conflicts and all, is in `undo`'s backup).
    net.conflicts = [c for c in net.conflicts if c.peer != p.name]
    from peermap.core.groups import drop_member

    drop_member(net, p.name)
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
    step = check_line("step", step)
    if not step:
        raise PeermapError("the step cannot be empty; say what you will do.")
    replaced = None
    if p.next is not None and p.next.step != step:
        replaced = ReplacedStep(today, p.next.step, p.next.due)
        p.replaced.append(replaced)
    p.next = NextStep(step, due)
    return p, replaced


def complete_step(net: Network, ref: str, note: str, kind: Kind, when: date,
                  acted: str = "") -> tuple[Peer, str]:
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

    contact(p, LogEntry(when, kind, note, completed=step, acted=acted))
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


def add_context(net: Network, ref: str, field_name: str, text: str, today: date) -> Peer:
    """Add one goal or pressure (in the user's words) to a peer, dated today; a repeat
    confirms it."""
    from peermap.core.goals import add

    p = resolve(net, ref)
    add(p, field_name, text, today)
    return p
