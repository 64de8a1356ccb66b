"""A peer's goals and pressures and how old each is (docs/books.md).

The advice quotes a goal or pressure for twelve weeks after it was learned or last
confirmed, then asks (in `debrief`) whether it still holds. Each of those days is a
`GoalCheck` in the peer's `goal_checks`: `added` when you learned it, `kept` when you
confirmed it, `dropped` when it no longer held and left the list. For goals older than
the record (files written before it, or typed into the file by hand), a log note that
names the goal, the day the peer was added and the day it joined focus stand in.
Pure functions over the data model.
"""

from __future__ import annotations

from datetime import date, timedelta

from peermap.core.errors import PeermapError
from peermap.core.model import GoalCheck, Held, Peer
from peermap.core.text import check_line, name_key, named, same_subject

QUOTE_WEEKS = 12  # goals and pressures are quoted this long after learned or confirmed
FIELDS = ("goals", "pressures")


def _same(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)  # the same text, case and spacing aside


def confirmed(p: Peer, text: str, today: date) -> date | None:
    """The last day up to `today` a goal or pressure was learned or confirmed (None: no
    day known)."""
    dates = [c.date for c in p.goal_checks if c.held is not Held.DROPPED and _same(c.text, text)]
    dates += [e.date for e in p.log if same_subject(text, e.note)]
    dates += [d for d in (p.added, p.focus_since) if d is not None]
    return max((d for d in dates if d <= today), default=None)


def learned_later(p: Peer, text: str, today: date) -> bool:
    """Learned after `today`: unknown on that day (an earlier week's advice, recomputed)."""
    first = min((c for c in p.goal_checks if _same(c.text, text)), key=lambda c: c.date,
                default=None)
    return first is not None and first.held is Held.ADDED and first.date > today


def learned_on_or_after(p: Peer, day: date) -> list[str]:
    """What was learned on `day` or later: a brief of that day (it comes before the 1:1)
    could not have asked about it."""
    return [c.text for c in p.goal_checks if c.held is Held.ADDED and c.date >= day]


def is_fresh(p: Peer, text: str, today: date) -> bool:
    """Known on `today`, and learned or confirmed in the twelve weeks before (or of no
    known day)."""
    if learned_later(p, text, today):
        return False
    d = confirmed(p, text, today)
    return d is None or d >= today - timedelta(weeks=QUOTE_WEEKS)


def to_check(p: Peer, today: date) -> list[tuple[str, str, date]]:
    """The goals and pressures not confirmed in twelve weeks, as (field, text, since)."""
    limit = today - timedelta(weeks=QUOTE_WEEKS)
    out = []
    for f in FIELDS:
        for text in getattr(p, f):
            if learned_later(p, text, today):
                continue  # unknown on that day
            d = confirmed(p, text, today)
            if d is not None and d < limit:
                out.append((f, text, d))
    return out


def add(p: Peer, field_name: str, text: str, today: date) -> bool:
    """One goal or pressure in the user's words, dated today; False when it was there
    already (it counts as confirmed today, then)."""
    if field_name not in FIELDS:
        raise ValueError(field_name)
    one = field_name.removesuffix("s")
    item = check_line(one, text)
    if not item:
        raise PeermapError(f"the {one} cannot be empty.")
    items: list[str] = getattr(p, field_name)
    have = [x for x in items if _same(x, item)]
    if have:
        _stamp(p, have[0], Held.KEPT, today)
        return False
    setattr(p, field_name, sorted([*items, item], key=str.casefold))
    _stamp(p, item, Held.ADDED, today)
    return True


def replaced(p: Peer, field_name: str, before: list[str], today: date) -> None:
    """After `edit` set the whole list: what is new is dated today as learned."""
    for text in getattr(p, field_name):
        if not any(_same(text, old) for old in before):
            _stamp(p, text, Held.ADDED, today)


def find(p: Peer, ref: str) -> tuple[str, str]:
    """A goal or pressure by its text or the start of it (case aside): (field, text)."""
    from peermap.core.vocab import shown

    typed = " ".join(ref.split())
    items = [(f, t) for f in FIELDS for t in getattr(p, f)]
    hits = named(items, typed, lambda item: item[1])
    if len(hits) == 1:
        return hits[0]
    said = repr(shown(typed, 60))
    if not hits:
        known = "; ".join(t for _, t in items)
        raise PeermapError(f"{p.name} has no goal or pressure starting {said}"
                           + (f" (they have: {known})." if known else " (none noted)."))
    raise PeermapError(f"{said} starts more than one goal or pressure of {p.name}: "
                       + "; ".join(t for _, t in hits) + ". Give more of it.")


def keep(p: Peer, text: str, today: date) -> None:
    """It still holds: confirmed today, quoted for another twelve weeks."""
    _stamp(p, text, Held.KEPT, today)


def drop(p: Peer, field_name: str, text: str, today: date) -> None:
    """It no longer holds: it leaves the list, and the record says when."""
    setattr(p, field_name, [t for t in getattr(p, field_name) if not _same(t, text)])
    _stamp(p, text, Held.DROPPED, today)


def _stamp(p: Peer, text: str, held: Held, today: date) -> None:
    check = GoalCheck(today, text, held)
    if check not in p.goal_checks:
        p.goal_checks.append(check)
