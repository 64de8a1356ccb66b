"""Calendar meetings into the log (`import FILE.ics --meetings`, docs/groups.md).

Every meeting in the window whose attendees or organizer match peers (by e-mail, then by
exact name) becomes a `met` entry on each matched peer. The entry keeps the event's UID
(`uid`) and its date, so the same file imported twice, or an overlapping export next
week, logs nothing twice. `recurring-ical-events` expands repeats (RRULE, RDATE,
EXDATE, moved occurrences) and applies a Google export's X-WR-TIMEZONE. Declined and
cancelled meetings, all-day events and meetings of more than 12 people are skipped and
counted. Nothing here writes: `plan` builds the change, `apply` makes it in the store's
transaction, so the import is all or nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from peermap.core.errors import PeermapError
from peermap.core.model import Kind, LogEntry, Network, Peer
from peermap.core.text import bad_char, name_key

MAX_ATTENDEES = 12  # beyond this an event is an all-hands, not a conversation
WINDOW_DAYS = 30


@dataclass(frozen=True)
class Person:
    email: str  # lower case, no mailto:
    name: str
    declined: bool


@dataclass(frozen=True)
class Meeting:
    uid: str
    day: date
    summary: str
    people: tuple[Person, ...]  # attendees and the organizer, once each


@dataclass
class MeetingsPlan:
    entries: list[tuple[Peer, LogEntry]] = field(default_factory=list)
    meetings: int = 0  # meetings with at least one peer, not logged before
    already: int = 0  # meetings with peers already logged by an earlier import
    skipped: Counter[str] = field(default_factory=Counter)  # declined, all-day, large
    not_on_map: Counter[str] = field(default_factory=Counter)  # "Name <mail>" -> meetings

    def as_json(self) -> dict[str, Any]:
        return {"logged": [{"peer": p.name, "date": e.date.isoformat(), "note": e.note,
                            "uid": e.uid} for p, e in self.entries],
                "meetings": self.meetings, "already": self.already,
                "skipped": dict(sorted(self.skipped.items())),
                "not_on_map": [n for n, _ in self.not_on_map.most_common()]}


def _email(value: object) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _clean(text: str) -> str:
    """One line of text without control or direction characters (they never reach a file)."""
    return " ".join("".join(c for c in text if bad_char(c) is None).split())


def _person(prop: Any) -> Person:
    params = getattr(prop, "params", {})
    return Person(_email(prop), _clean(str(params.get("CN", ""))),
                  str(params.get("PARTSTAT", "")).upper() == "DECLINED")


def read(data: bytes, start: date, end: date, me: set[str]) -> tuple[list[Meeting],
                                                                     Counter[str]]:
    """The meetings in [start, end] and the count of events skipped, by reason."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]

    try:
        cal = icalendar.Calendar.from_ical(data)
    except ValueError as e:
        raise PeermapError(f"the file is not a calendar (.ics) file ({e}); nothing was "
                           "imported.") from None
    name = str(cal.get("X-WR-CALNAME", ""))
    if "@" in name:  # a Google export names the primary calendar after its owner's address
        me = me | {_email(name)}
    skipped: Counter[str] = Counter()
    out: list[Meeting] = []
    try:
        events = recurring_ical_events.of(cal).between(start, end + timedelta(days=1))
    except Exception as e:  # noqa: BLE001 (the library raises many kinds on a bad RRULE)
        raise PeermapError(f"the calendar's repeats cannot be read ({e}); nothing was "
                           "imported.") from None
    for ev in events:
        meeting = _meeting(ev, start, end, me, skipped)
        if meeting is not None:
            out.append(meeting)
    return out, skipped


def _meeting(ev: Any, start: date, end: date, me: set[str],
             skipped: Counter[str]) -> Meeting | None:
    """One event as a meeting, or None (counted in `skipped` when it is left out)."""
    begin = ev.get("DTSTART")
    if begin is None:
        return None
    when = begin.dt
    if not isinstance(when, datetime):
        skipped["all-day"] += 1
        return None
    day = when.date()
    if not start <= day <= end:
        return None
    attendees = _attendees(ev)
    people = _people(ev, attendees)
    you = [p for p in people.values() if p.email in me]
    if str(ev.get("STATUS", "")).upper() == "CANCELLED" or any(p.declined for p in you):
        skipped["declined"] += 1
        return None
    if len(attendees) > MAX_ATTENDEES:
        skipped["large"] += 1
        return None
    others = tuple(p for p in people.values() if p.email not in me and not p.declined)
    return Meeting(str(ev.get("UID", "")) or f"{day}:{ev.get('SUMMARY', '')}", day,
                   _clean(str(ev.get("SUMMARY", ""))), others)


def _attendees(ev: Any) -> list[Any]:
    """The event's attendees that are people: rooms and projectors are attendees too."""
    raw = ev.get("ATTENDEE", [])
    return [a for a in (raw if isinstance(raw, list) else [raw])
            if str(getattr(a, "params", {}).get("CUTYPE", "")).upper()
            not in ("ROOM", "RESOURCE")]


def _people(ev: Any, attendees: list[Any]) -> dict[str, Person]:
    """The attendees and the organizer, once each, by e-mail (or folded name)."""
    people: dict[str, Person] = {}
    for prop in [*attendees, *([ev["ORGANIZER"]] if "ORGANIZER" in ev else [])]:
        p = _person(prop)
        key = p.email or name_key(p.name)
        if key and key not in people:
            people[key] = p
    return people


def plan(net: Network, meetings: list[Meeting], skipped: Counter[str]) -> MeetingsPlan:
    """What importing `meetings` adds: one `met` entry per matched peer, once."""
    from peermap.core.refs import index

    by_email, by_name = index(net)
    out = MeetingsPlan(skipped=skipped)
    seen = {(e.uid, e.date, p.key) for p in net.peers for e in p.log if e.uid}
    myself = name_key(net.me.name) if net.me.name else None
    for m in sorted(meetings, key=lambda m: (m.day, m.uid)):
        matched: list[Peer] = []
        for person in m.people:
            if myself is not None and name_key(person.name) == myself:
                continue  # you, under an address peermap was not told
            peer = by_email.get(person.email) or (by_name.get(name_key(person.name))
                                                  if person.name else None)
            if peer is None:
                label = f"{person.name} <{person.email}>" if person.name and person.email \
                    else person.name or person.email
                out.not_on_map[label] += 1
            elif all(peer is not q for q in matched):
                matched.append(peer)
        new = [p for p in matched if (m.uid, m.day, p.key) not in seen]
        if matched and not new:
            out.already += 1
        if new:
            out.meetings += 1
        for p in new:
            seen.add((m.uid, m.day, p.key))
            out.entries.append((p, LogEntry(m.day, Kind.MET, m.summary, uid=m.uid)))
    return out


def apply(plan_: MeetingsPlan) -> None:
    for p, entry in plan_.entries:
        p.log.append(entry)


def window(since: date | None, today: date) -> tuple[date, date]:
    start = since if since is not None else today - timedelta(days=WINDOW_DAYS)
    if start > today:
        raise PeermapError(f"--since {start.isoformat()} is in the future; meetings are "
                           "imported up to today.")
    return start, today
