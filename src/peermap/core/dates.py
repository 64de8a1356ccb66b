"""Dates on the command line: YYYY-MM-DD, today, yesterday, or Nd (N days ago)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from peermap.core.errors import PeermapError

_AGO = re.compile(r"(\d{1,5})d")


def parse_date(text: str, today: date) -> date:
    t = text.strip().lower()
    if t == "today":
        return today
    if t == "yesterday":
        return today - timedelta(days=1)
    m = _AGO.fullmatch(t)
    if m:
        return today - timedelta(days=int(m.group(1)))
    try:
        return date.fromisoformat(t) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) else _bad(text)
    except ValueError:
        return _bad(text)


def _bad(text: str) -> date:
    raise PeermapError(
        f"{text!r} is not a date. Use YYYY-MM-DD, today, yesterday, or Nd for N days ago."
    )


def today() -> date:
    """Today, or $PEERMAP_TODAY (YYYY-MM-DD) so tests and demos can pin the clock."""
    import os

    pinned = os.environ.get("PEERMAP_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()


def ago(d: date | None, today: date) -> str:
    """A past day in words: never, today, yesterday, N days ago (in N days if ahead)."""
    if d is None:
        return "never"
    days = (today - d).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} days"
    return f"{days} days ago"
