"""Dates on the command line, as of a given today (docs/commands.md).

Days that happened: YYYY-MM-DD, `today`, `yesterday`, `Nd` (N days ago). Due dates:
YYYY-MM-DD, `today`, `tomorrow`, `+Nd`/`+Nw`, `in Nd`/`in N days`/`in N weeks`, or a
weekday name (the next one after today). A due date in the past must be written out.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from peermap.core.errors import PeermapError

_AGO = re.compile(r"(\d{1,5})d")
_AHEAD = re.compile(r"(?:\+|in\s*)(\d{1,5})\s*(d|days?|w|weeks?)")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PAST_FORMS = "YYYY-MM-DD, today, yesterday, or Nd for N days ago"
DUE_FORMS = "YYYY-MM-DD, today, tomorrow, +Nd, in Nd, +Nw or a weekday name"


# Every day peermap computes from stays far enough inside the calendar that the longest
# span it adds or subtracts (a cadence or review period of up to 10,000 days, a year of
# statistics) never leaves it.
EARLIEST = date(100, 1, 1)
LATEST = date(9899, 12, 31)


def bounded(day: date, what: str) -> date:
    """`day` when it lies between EARLIEST and LATEST, else a clear PeermapError."""
    if not EARLIEST <= day <= LATEST:
        raise PeermapError(f"{what} {day.isoformat()} is too far from now: peermap works "
                           f"with days from {EARLIEST.isoformat()} to {LATEST.isoformat()}.")
    return day


def parse_date(text: str, today: date) -> date:
    """A day that happened (or an explicit date): YYYY-MM-DD, today, yesterday, Nd ago."""
    t = _norm(text)
    if t == "today":
        return today
    if t == "yesterday":
        return _shift(text, today, -1)
    m = _AGO.fullmatch(t)
    if m:
        return _shift(text, today, -int(m.group(1)))
    return _iso(text, t, PAST_FORMS, bound=False)  # a day gone by: never computed past


def parse_due(text: str, today: date) -> date:
    """A due date: never silently in the past (`5d` means five days *ago* elsewhere)."""
    t = _norm(text)
    if _ISO.fullmatch(t):
        return _iso(text, t, DUE_FORMS)  # an explicit date may be past: the user said so
    if t == "today":
        return today
    if t == "tomorrow":
        return _shift(text, today, 1)
    m = _AHEAD.fullmatch(t)
    if m:
        n = int(m.group(1))
        return _shift(text, today, n * 7 if m.group(2).startswith("w") else n)
    day = _weekday(t)
    if day is not None:
        return _shift(text, today, (day - today.weekday() - 1) % 7 + 1)
    if _AGO.fullmatch(t) or t == "yesterday":
        days = t[:-1] if _AGO.fullmatch(t) else "1"
        raise PeermapError(f"{text!r} is in the past; a due date lies ahead: write "
                           f"+{days}d or 'in {days}d' for days from now, or the "
                           "date itself (YYYY-MM-DD) if you mean a day gone by.")
    raise PeermapError(f"{text!r} is not a date. Use {DUE_FORMS}.")


ANY_FORMS = "YYYY-MM-DD, today, yesterday, tomorrow, Nd (N days ago) or +Nd (ahead)"


def parse_any(text: str, today: date, what: str | None = None) -> date:
    """Any form above, past or future: the day to compute as of (`--today`, `--as-of`)."""
    t = _norm(text)
    if _ISO.fullmatch(t):
        try:
            day = date.fromisoformat(t)
        except ValueError:
            day = None
        if day is not None:
            return bounded(day, what or "the date")
    try:
        return parse_due(text, today)
    except PeermapError:
        pass
    try:
        return parse_date(text, today)
    except PeermapError:
        said = f"{what} {text!r}" if what else repr(text)
        raise PeermapError(f"{said} is not a date. Use {ANY_FORMS}.") from None


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _weekday(t: str) -> int | None:
    if len(t) < 3:
        return None
    found = [i for i, name in enumerate(WEEKDAYS) if name.startswith(t)]
    return found[0] if len(found) == 1 else None


def _shift(text: str, today: date, days: int) -> date:
    try:
        day = today + timedelta(days=days)
    except OverflowError:
        raise PeermapError(f"{text!r} is too far from today.") from None
    if not EARLIEST <= day <= LATEST:
        raise PeermapError(f"{text!r} is too far from today.")
    return day


def _iso(text: str, t: str, forms: str, *, bound: bool = True) -> date:
    try:
        if _ISO.fullmatch(t):
            day = date.fromisoformat(t)
            return bounded(day, "the date") if bound else day
    except ValueError:
        pass
    raise PeermapError(f"{text!r} is not a date. Use {forms}.")


def week_start(d: date) -> date:
    """The Monday of `d`'s week: promises and steps are raised from the week they fall
    due, and the review streak counts weeks (docs/books.md)."""
    return d - timedelta(days=d.weekday())
