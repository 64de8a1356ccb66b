"""iCalendar: one to-do per next step and the recurring weekly review, for a calendar app.

Built with the `icalendar` library (escaping, folding at 75 octets, CRLF and the
RRULE/DATE value types are its job, not ours). UIDs are derived from what each entry
stands for (the peer's name key; "the review"), so importing a newer export into the
same calendar updates the entries instead of adding copies. DTSTAMP is the export day,
which keeps the output a pure function of the map and `today`. Notes about people stay
out unless `with_notes` (principle 13).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from peermap import __version__
from peermap.core.model import Network, Peer
from peermap.core.text import command

# A fixed namespace: the same peer gets the same UID on every machine and every export.
_NAMESPACE = uuid.UUID("6f1d1a52-0f5e-4c3e-9a7c-3d2b8c1e5a90")


def uid(what: str) -> str:
    return f"{uuid.uuid5(_NAMESPACE, what)}@peermap"


def step_uid(p: Peer) -> str:
    return uid(f"next step {p.key}")


REVIEW_UID = uid("weekly review")


def export(net: Network, today: date, *, with_notes: bool = False) -> str:
    from icalendar import Calendar, Event, Todo, vRecur

    stamp = datetime.combine(today, time(0), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", f"-//peermap//peermap {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "peermap")

    every = net.settings.review_every_days
    last = max((r.date for r in net.reviews), default=None)
    review = Event()
    review.add("uid", REVIEW_UID)
    review.add("dtstamp", stamp)
    review.add("summary", "peermap: weekly review" if every == 7
               else f"peermap: review (every {every} days)")
    try:
        review.add("dtstart", last + timedelta(days=every) if last else today)
    except OverflowError:
        from peermap.core.errors import PeermapError

        raise PeermapError("the next review would fall after 9999-12-31; fix the review "
                           "dates in the file.") from None
    rule = {"freq": "weekly", "interval": every // 7} if every % 7 == 0 \
        else {"freq": "daily", "interval": every}
    review.add("rrule", vRecur(rule))
    review.add("description", "Run `peermap review`: look back, then one relationship "
                              "and one small step for the week.")
    review.add("categories", ["peermap"])
    cal.add_component(review)

    for p in sorted(net.peers, key=lambda p: (p.key, p.name)):
        if p.next is None:
            continue
        todo = Todo()
        todo.add("uid", step_uid(p))
        todo.add("dtstamp", stamp)
        todo.add("summary", f"{p.name}: {p.next.step}")
        if p.next.due is not None:
            todo.add("due", p.next.due)
        todo.add("status", "NEEDS-ACTION")
        text = (f"Next step with {p.name}. When it is done: "
                f"{command('done', p.name)}")
        if with_notes and p.notes.strip():
            text += f"\n\nNotes:\n{p.notes.strip()}"
        todo.add("description", text)
        todo.add("categories", ["peermap"])
        cal.add_component(todo)
    return str(cal.to_ical().decode("utf-8"))
