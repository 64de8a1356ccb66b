"""iCalendar: the weekly review, each next step, each promise and each reconnect, for a
calendar app that updates them when a newer export is imported (docs/output.md).

Built with the `icalendar` library (escaping, folding at 75 octets, CRLF and the
RRULE/DATE value types are its job, not ours). UIDs are derived from what each entry
stands for (the peer's name key; "the review"; a promise's day and text), so importing a
newer export into the same calendar updates the entries instead of adding copies.
DTSTAMP is the export's real time in UTC, and SEQUENCE is computed from the map itself
(how many earlier versions the history shows, and the date), so a changed step outranks
the copy a calendar holds while the same map always gives the same value. A step done or
a promise kept stays in the export for a while as COMPLETED, so the calendar ticks it
off. Notes about people stay out unless `with_notes` (principle 13).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from peermap import __version__
from peermap.core.errors import PeermapError
from peermap.core.model import Kind, LogEntry, Network, Peer
from peermap.core.text import command, count

# A fixed namespace: the same peer gets the same UID on every machine and every export.
_NAMESPACE = uuid.UUID("6f1d1a52-0f5e-4c3e-9a7c-3d2b8c1e5a90")
# Steps done and promises kept stay this long, as COMPLETED, so a calendar ticks them off.
KEEP_DONE_DAYS = 90
# SEQUENCE = earlier versions x VERSION + days from EPOCH to the date: a new text always
# outranks the old one, and a later date outranks an earlier one.
VERSION = 100_000
EPOCH = date(2000, 1, 1)


def uid(what: str) -> str:
    return f"{uuid.uuid5(_NAMESPACE, what)}@peermap"


def step_uid(p: Peer) -> str:
    return uid(f"next step {p.key}")


def promise_uid(p: Peer, e: LogEntry) -> str:
    return uid(f"promise {p.key} {e.date.isoformat()} {' '.join(e.note.split())}")


def reconnect_uid(p: Peer) -> str:
    return uid(f"reconnect {p.key}")


REVIEW_UID = uid("weekly review")


def sequence(versions: int, when: date | None) -> int:
    """SEQUENCE from the map alone: grows with each earlier version in the history (a
    replaced or completed step, a contact, a promise kept) and as the date moves later."""
    days = (when - EPOCH).days if when is not None and when > EPOCH else 0
    return versions * VERSION + min(days, VERSION - 1)


def _plus(d: date, days: int) -> date | None:
    try:
        return d + timedelta(days=days)
    except OverflowError:  # a date at the end of the calendar: nothing to schedule
        return None


_ALARM = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?")


def alarm_before(text: str) -> timedelta:
    """`--alarm` as a time before: 1h, 30m, 2d, 1d12h."""
    m = _ALARM.fullmatch(text.strip().lower())
    if not text.strip() or m is None or not any(m.groups()):
        raise PeermapError(f"--alarm {text!r} is not a time before: give minutes, hours or "
                           "days, such as 30m, 1h, 2d or 1d12h.")
    d, h, mins = (int(x) if x and x.isascii() else 0 for x in m.groups())
    if d > 365:
        raise PeermapError(f"--alarm {text!r} is more than a year before; give at most 365d.")
    return timedelta(days=d, hours=h, minutes=mins)


def export(net: Network, today: date, *, with_notes: bool = False,
           now: datetime | None = None, alarm: str | None = None) -> str:
    from icalendar import Calendar

    before = alarm_before(alarm) if alarm is not None else None
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//peermap//peermap {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "peermap")
    parts = [_review(net, today)]
    for p in sorted(net.peers, key=lambda p: (p.key, p.name)):
        parts += [_step(p, today, with_notes), *_promises(p, today),
                  _reconnect(net, p)]
    for part in parts:
        if part is None:
            continue
        part.add("dtstamp", stamp)
        part.add("categories", ["peermap"])
        # An alarm needs a time to count back from: a to-do without a due date has none.
        if before is not None and part.get("status") != "COMPLETED" and (
                part.name == "VEVENT" or part.get("due") is not None):
            _alarm(part, before)
        cal.add_component(part)
    return str(cal.to_ical().decode("utf-8"))


def _alarm(part: Any, before: timedelta) -> None:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", str(part.get("summary")))
    # A to-do is due at its end; an event starts at its start.
    related = {"related": "END"} if part.name == "VTODO" else {}
    alarm.add("trigger", -before, parameters=related)
    part.add_component(alarm)


def _review(net: Network, today: date) -> Any:
    from icalendar import Event, vRecur

    every = net.settings.review_every_days
    last = max((r.date for r in net.reviews), default=None)
    start = _plus(last, every) if last else today
    if start is None:  # the review dates are hand-edited beyond the calendar

        raise PeermapError("the next review would fall after 9999-12-31; fix the review "
                           "dates in the file.")
    review = Event()
    review.add("uid", REVIEW_UID)
    review.add("sequence", sequence(len(net.reviews), start))
    review.add("summary", "peermap: weekly review" if every == 7
               else f"peermap: review (every {count(every, 'day')})")
    review.add("dtstart", start)
    rule = {"freq": "weekly", "interval": every // 7} if every % 7 == 0 \
        else {"freq": "daily", "interval": every}
    review.add("rrule", vRecur(rule))
    review.add("description", "Run `peermap review`: look back, then one relationship "
                              "and one small step for the week.")
    return review


def _step(p: Peer, today: date, with_notes: bool) -> Any:
    """The next step; without one, the step done last (for a while) as COMPLETED."""
    from icalendar import Todo

    done = [e for e in p.log if e.completed]
    versions = len(p.replaced) + len(done)
    todo = Todo()
    todo.add("uid", step_uid(p))
    if p.next is not None:
        todo.add("sequence", sequence(versions, p.next.due))
        todo.add("summary", f"{p.name}: {p.next.step}")
        if p.next.due is not None:
            todo.add("due", p.next.due)
        todo.add("status", "NEEDS-ACTION")
        text = f"Next step with {p.name}. When it is done: {command('done', p.name)}"
    else:
        last = max(done, key=lambda e: e.date, default=None)
        if last is None or (today - last.date).days > KEEP_DONE_DAYS:
            return None
        todo.add("sequence", sequence(versions, last.date))
        todo.add("summary", f"{p.name}: {last.completed}")
        todo.add("status", "COMPLETED")
        todo.add("completed", _midday(last.date))
        text = f"Done on {last.date.isoformat()}. Plan the next one: " \
               f"{command('plan', p.name, 'STEP')}"
    if with_notes and p.notes.strip():
        text += f"\n\nNotes:\n{p.notes.strip()}"
    todo.add("description", text)
    return todo


def _promises(p: Peer, today: date) -> list[Any]:
    """Each promise: open ones with their due date (if the log has one); kept ones, for a
    while, as COMPLETED."""
    from icalendar import Todo

    out = []
    for e in p.log:
        if e.kind is not Kind.PROMISED:
            continue
        if e.closed is not None and (today - e.closed).days > KEEP_DONE_DAYS:
            continue
        due = e.due
        todo = Todo()
        todo.add("uid", promise_uid(p, e))
        todo.add("sequence", sequence(int(e.closed is not None), due))
        what = " ".join(e.note.split()) or f"what you promised on {e.date.isoformat()}"
        todo.add("summary", f"Promise to {p.name}: {what}")
        if due is not None:
            todo.add("due", due)
        if e.closed is not None:
            todo.add("status", "COMPLETED")
            todo.add("completed", _midday(e.closed))
        else:
            todo.add("status", "NEEDS-ACTION")
        todo.add("description", f"Promised on {e.date.isoformat()}. When it is kept: "
                                f"{command('close', p.name, 'N')} (N from "
                                f"{command('loops')})")
        out.append(todo)
    return out


def _reconnect(net: Network, p: Peer) -> Any:
    """A focus peer's (or one with its own cadence) next contact, due when the cadence
    runs out; each contact moves it later."""
    from icalendar import Todo

    from peermap.core.reminders import cadence, contact_anchor

    if not (p.focus or p.cadence_days):
        return None
    anchor = contact_anchor(p)
    due = _plus(anchor, cadence(net, p)) if anchor is not None else None
    snoozed = p.snoozed
    if due is not None and snoozed is not None and snoozed >= due:
        due = _plus(snoozed, 1)
    if due is None:
        return None
    todo = Todo()
    todo.add("uid", reconnect_uid(p))
    todo.add("sequence", sequence(len(p.log), due))
    todo.add("summary", f"Reconnect with {p.name}")
    todo.add("due", due)
    todo.add("status", "NEEDS-ACTION")
    todo.add("description", f"Every {count(cadence(net, p), 'day')} with {p.name}. After you talk: "
                            f"{command('log', p.name)}")
    return todo


def _midday(d: date) -> datetime:
    """COMPLETED must be a date-time (RFC 5545); the log keeps days."""
    return datetime(d.year, d.month, d.day, 12, tzinfo=UTC)
