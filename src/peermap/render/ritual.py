"""Terminal rendering for the weekly review: the look-back and each focus peer's status.

The conversation itself is drawn by render/wizard.py; every piece of user text goes
through `safe()` first.
"""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.padding import Padding

from peermap.core.review import FocusStatus, ReviewSummary
from peermap.render.console import ago, console, safe, tie_text


def _line(c: Console, markup: str = "") -> None:
    """Print lines whose wrapped parts stay under their own indent, not at column 0."""
    for line in markup.split("\n"):
        text = line.lstrip(" ")
        c.print(Padding(text, (0, 0, 0, len(line) - len(text))) if text != line else line)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def summary(s: ReviewSummary, c: Console | None = None, *, recording: bool = True) -> None:
    """The look-back: on stdout for `review --summary`, on the conversation's console else."""
    c = c or console()
    if s.last_review is not None:
        _line(c, f"[bold]Weekly review[/] · since your last review on "
                f"{s.last_review.isoformat()} ({ago(s.last_review, s.today)})")
    else:
        _line(c, f"[bold]Weekly review[/] · your first one; looking back "
                f"{_days((s.today - s.start).days)}")
    if s.interactions:
        kinds = ", ".join(f"{n} {k}" for k, n in s.interactions.items())
        _line(c, f"  Interactions  {s.interaction_count} ({kinds})")
    else:
        _line(c, "  Interactions  none logged — this week is a good one to start")
    if s.tie_moves:
        moves = "; ".join(f"{safe(m.peer)} {m.old.value if m.old else 'unrated'} → "
                          f"{tie_text(m.new)}" for m in s.tie_moves)
        _line(c, f"  Ties changed  {moves}")
    else:
        _line(c, "  Ties changed  none")
    if s.newly_rated:
        _line(c, f"  Newly rated   {s.newly_rated}")
    for st in s.steps_done:
        _line(c, f"  Step done     {safe(st.peer)}: {safe(st.step)}")
    for st in s.steps_past:
        due = st.date.isoformat() if st.date else ""
        _line(c, f"  Still open    {safe(st.peer)}: {safe(st.step)} [dim](due {due})[/]")
    for item in s.loops:
        _line(c, f"  Open loop     {safe(item.peer)}: {safe(item.detail)} "
                 f"[dim]({item.days} days)[/]")
    for item in s.quiet:
        _line(c, f"  Going quiet   {safe(item.peer)} [dim](strong tie, {safe(item.detail)})[/]")
    if s.outcomes:
        words = ", ".join(f"{n} {k.replace('-', ' ')}" for k, n in s.outcomes.items())
        _line(c, f"  Past steps    {words}")
    if s.streak:
        _line(c, f"  Review streak {_weeks(s.streak)} in a row")
    elif recording:
        _line(c, "  Review streak starts with this one")
    else:  # `review --summary` records nothing, so it cannot start a streak
        _line(c, "  Review streak none running: [bold]peermap review[/] starts one")
    focus(s.focus, s.today, c)


def focus(statuses: list[FocusStatus], today: date, c: Console | None = None) -> None:
    c = c or console()
    if not statuses:
        _line(c, "\n[bold]Focus[/]  none yet: pick three to five with [bold]peermap focus[/].")
        return
    _line(c, "\n[bold]Focus[/]")
    for st in statuses:
        _line(c, "  " + focus_line(st, today))


def focus_line(st: FocusStatus, today: date) -> str:
    contact = f"last contact {ago(st.last_contact, today)}"
    clock = (f"[yellow]time to reconnect[/] (every {_days(st.cadence)})" if st.reconnect
             else f"[dim]every {_days(st.cadence)}[/]")
    line = f"★ [bold]{safe(st.peer)}[/]  {tie_text(st.tie)}  {contact}, {clock}"
    if st.graduated:
        line += "  [green]graduated[/]"
    if st.next_step:
        due = f" [dim](due {st.next_due.isoformat()})[/]" if st.next_due else ""
        line += f"\n      next step: {safe(st.next_step)}{due}"
    else:
        line += "\n      [dim]no next step planned[/]"
    return line
