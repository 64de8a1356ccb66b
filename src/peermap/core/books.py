"""Keeping the books (docs/books.md): contacts on one or several peers, promises with
dates, loops closed with what they said, the step's outcome, time away and snoozes.

Pure functions over the Network, no I/O; each raises PeermapError with a sentence the
user can act on, and runs inside a store transaction (a refused change writes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from peermap.core.errors import PeermapError
from peermap.core.model import (
    LOOPS,
    Away,
    Kind,
    LogEntry,
    Network,
    Outcome,
    Peer,
    WhyNone,
)
from peermap.core.state import LoopId
from peermap.core.text import check_line, check_text

PRIVATE = "[private] "  # a note said in confidence starts with this mark


def contact(p: Peer, entry: LogEntry) -> LogEntry:
    """Add a contact to a peer's log. Any contact ends "not tried": a tie you have now
    tried no longer says so (it stays unrated or nonexistent until you rate it)."""
    if entry.due is not None and entry.kind not in LOOPS:
        raise PeermapError(f"--due goes with a promise or an ask (promised, asked, "
                           f"feedback-asked, they-asked), not a {entry.kind.value} entry.")
    p.log.append(entry)
    if p.why_none == WhyNone.NOT_TRIED:
        p.why_none = None
    return entry


def log_targets(net: Network, refs: Iterable[str]) -> list[Peer]:
    """The peers one logged meeting goes on, each once, in the order given.

    (A group name would expand here into its members.)"""
    from peermap.core.refs import resolve

    out: list[Peer] = []
    for ref in refs:
        p = resolve(net, ref)
        if any(q is p for q in out):
            raise PeermapError(f"{p.name} is named twice; name each peer once.")
        out.append(p)
    if not out:
        raise PeermapError("name at least one peer.")
    return out


def log_contacts(net: Network, refs: list[str], note: str, kind: Kind, when: date, *,
                 due: date | None = None, acted: str = "") -> list[Peer]:
    """One interaction logged on each peer named (a meeting with several people)."""
    note = check_text("note", note, multiline=True).strip()
    peers = log_targets(net, refs)
    for p in peers:
        contact(p, LogEntry(when, kind, note, due=due, acted=acted))
    return peers


def acted_key(text: str, situations: list[str], keys: Sequence[str]) -> str:
    """`--acted N|KEY`: N picks from today's suggestions for the peer (their situation
    keys, in order); KEY is one of `keys`, the advice's situation keys (docs/advice.md)."""
    t = text.strip()
    if t.isascii() and t.isdigit():
        if len(t) > 4 or not 1 <= int(t) <= len(situations):
            shown = t if len(t) <= 8 else t[:8] + "…"
            raise PeermapError(
                f"--acted {shown}: today's suggestions are numbered 1 to {len(situations)}"
                if situations else f"--acted {shown}: there are no suggestions today; give "
                "a situation key instead.")
        key = situations[int(t) - 1]
        if not key:
            raise PeermapError(f"suggestion {t} has no situation key; give one instead.")
        return key
    k = t.casefold()
    if k in keys or k in situations:
        return k
    raise PeermapError(f"--acted {t[:40]!r} is neither a number from today's suggestions "
                       f"nor a situation key ({', '.join(keys)}).")


def find_entry(p: Peer, ident: tuple[date, str, str]) -> LogEntry | None:
    """The peer's latest log entry with this (date, kind, note), or None."""
    return next((e for e in reversed(p.log) if (e.date, e.kind.value, e.note) == ident), None)


def mark_acted(net: Network, ref: str, ident: tuple[date, str, str], key: str) -> Peer:
    """Keep on a logged entry which suggestion it carried out."""
    from peermap.core.refs import resolve

    p = resolve(net, ref)
    e = find_entry(p, ident)
    if e is None:
        raise PeermapError(f"That entry with {p.name} is no longer in the log (changed "
                           "elsewhere?); nothing was saved.")
    e.acted = key
    return p


def close_loop_by_id(net: Network, ref: str, ident: LoopId, today: date,
                     answer: str = "") -> tuple[Peer, LogEntry]:
    """Close the open loop the user saw (by date, kind and note, never by position); when
    it is closed or gone already, say so and change nothing."""
    from peermap.core.refs import resolve

    p = resolve(net, ref)
    for e in sorted(p.log, key=lambda e: e.date):
        if e.is_open and (e.date, e.kind.value, e.note) == ident:
            close_entry(e, today, answer)
            return p, e
    d, kind, note = ident
    raise PeermapError(f"The {kind} loop of {d.isoformat()} with {p.name}"
                       f"{': ' + note if note else ''} is closed or gone already (changed "
                       "elsewhere?); nothing was saved for it.")


def close_entry(e: LogEntry, today: date, answer: str = "") -> None:
    """Close one loop today (never before it opened), keeping what they said."""
    answer = check_line("answer", answer)
    e.closed = max(today, e.date)
    if answer:
        e.answer = answer


def step_outcome(net: Network, ref: str, review_date: date, outcome: Outcome,
                 today: date) -> tuple[str, str]:
    """Keep how the last review's step went; "done" also completes it exactly as
    `peermap done` does (logged, `completed`), when it is still the peer's step.
    Returns (the peer's name when the step was completed here, else "", the step)."""
    from peermap.core.outcomes import record
    from peermap.core.refs import Chosen, resolve

    r = record(net, review_date, outcome)
    if outcome != Outcome.DONE:
        return "", r.step
    try:
        p = resolve(net, Chosen(ref))
    except PeermapError:
        return "", r.step
    if p.next is None or p.next.step != r.step:
        return "", r.step  # done or replaced meanwhile: nothing more to complete
    contact(p, LogEntry(today, Kind.CHAT, "", completed=r.step))
    p.next = None
    return p.name, r.step


def set_away(net: Network, until: date, start: date | None, today: date) -> Away:
    """Time away from `start` (default today) through `until`; an overlapping period
    is merged into it."""
    start = start or today
    if until < start:
        raise PeermapError(f"time away cannot end ({until.isoformat()}) before it starts "
                           f"({start.isoformat()}).")
    keep, new = [], Away(until, start)
    for a in net.away:
        a_start = a.start or a.until
        if a_start <= until and start <= a.until:
            new = Away(max(new.until, a.until), min(new.start or start, a_start))
        else:
            keep.append(a)
    net.away = [*keep, new]
    return new


def away_off(net: Network, today: date) -> Away:
    """End the time away today falls in (or one still to come): it ends yesterday, or is
    dropped when it had not begun."""
    from datetime import timedelta

    from peermap.core.state import away_on

    a = away_on(net, today)
    if a is None:
        ahead = [x for x in net.away if (x.start or x.until) > today]
        if not ahead:
            raise PeermapError("you are not away, and no time away is planned.")
        a = min(ahead, key=lambda x: x.start or x.until)
    if a.start is not None and a.start >= today:
        net.away.remove(a)
    else:
        a.until = today - timedelta(days=1)
    return a


def snooze(net: Network, ref: str, until: date | None) -> Peer:
    from peermap.core.refs import resolve

    p = resolve(net, ref)
    p.snoozed = until
    return p


def mark_private(text: str) -> str:
    """A note said in confidence, marked so it is never mistaken for one to share."""
    text = text.strip()
    return text if not text or text.startswith(PRIVATE) else PRIVATE + text


# --- a suggestion taken as a step -----------------------------------------------------

FILLER_SLOTS = frozenset({"small_step", "confidential", "confidential_known"})
_MARK = re.compile(r"\s*\((?:their (?:goal|pressure), )?your (?:words|note|log)\)"
                   r"|,\s*your (?:words|note|log)(?=\))|,?\s*in your words(?=\))")
_COMMAND = re.compile(r"[,:;]?\s*(?:and\s+|then:?\s*)?[`(]?peermap\s.*$", re.DOTALL)


def situation_key(suggestion: object) -> str:
    """The situation a suggestion answers (docs/advice.md), as `--acted` and the
    "did this carry out…" question record it."""
    return str(getattr(suggestion, "situation", "") or getattr(suggestion, "slot", ""))


def action(suggestion: object) -> str:
    """What to do, alone: the suggestion's `step` when it has one; else its text without
    the rationale (after ";" or a second sentence), the "(your words)" marks and any
    command. One sentence, no closing full stop."""
    step = getattr(suggestion, "step", "")
    if isinstance(step, str) and step.strip():
        return " ".join(step.split()).rstrip(".")
    text = " ".join(str(getattr(suggestion, "text", suggestion)).split())
    text = _COMMAND.sub("", text)
    text = _MARK.sub("", text)
    text = text.split("; ", 1)[0]
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
    return first.rstrip(" .,:;")


def is_filler(suggestion: object) -> bool:
    """Advice that is no step of its own ("Pick one small step with…", privacy tips)."""
    where = getattr(suggestion, "situation", None) or getattr(suggestion, "slot", "")
    text = str(getattr(suggestion, "text", ""))
    return where in FILLER_SLOTS or text.startswith("Pick one small step")
