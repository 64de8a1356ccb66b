"""Terminal rendering for the weekly review: the summary, focus status, offers, the step.

Part of the render*.py family: Rich is reached only through peermap.render.console, and every
piece of user text goes through `safe()` first.
"""

from __future__ import annotations

from datetime import date

from peermap.core.review import FocusStatus, ReviewSummary
from peermap.render.console import ago, console, safe, tie_text


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def no_peers(path, exists: bool) -> None:
    where = safe(path)
    if exists:
        console().print(f"There are no peers on your map yet ({where}), so there is nothing "
                        "to review. Start with [bold]peermap map[/].")
    else:
        console().print(f"There is no data file yet ({where}), so there is nothing to review. "
                        "Start with [bold]peermap map[/].")


def summary(s: ReviewSummary) -> None:
    c = console()
    if s.last_review is not None:
        c.print(f"[bold]Weekly review[/] · since your last review on "
                f"{s.last_review.isoformat()} ({ago(s.last_review, s.today)})")
    else:
        c.print(f"[bold]Weekly review[/] · your first one; looking back "
                f"{_days((s.today - s.start).days)}")
    if s.interactions:
        kinds = ", ".join(f"{n} {k}" for k, n in s.interactions.items())
        c.print(f"  Interactions  {s.interaction_count} ({kinds})")
    else:
        c.print("  Interactions  none logged — this week is a good one to start")
    if s.tie_moves:
        moves = "; ".join(f"{safe(m.peer)} {m.old.value if m.old else 'unrated'} → "
                          f"{tie_text(m.new)}" for m in s.tie_moves)
        c.print(f"  Ties changed  {moves}")
    else:
        c.print("  Ties changed  none")
    if s.newly_rated:
        c.print(f"  Newly rated   {s.newly_rated}")
    for st in s.steps_done:
        c.print(f"  Step done     {safe(st.peer)}: {safe(st.step)}")
    for st in s.steps_past:
        due = st.date.isoformat() if st.date else ""
        c.print(f"  Still open    {safe(st.peer)}: {safe(st.step)} [dim](due {due})[/]")
    if s.streak:
        c.print(f"  Review streak {_weeks(s.streak)} in a row")
    else:
        c.print("  Review streak starts with this one")
    focus(s.focus, s.today)


def focus(statuses: list[FocusStatus], today: date) -> None:
    c = console()
    if not statuses:
        c.print("\n[bold]Focus[/]  none yet: pick three to five with [bold]peermap focus[/].")
        return
    c.print("\n[bold]Focus[/]")
    for st in statuses:
        c.print("  " + focus_line(st, today))


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


def heading(text: str) -> None:
    console().print(f"\n[bold]{text}[/]")


def line(markup: str) -> None:
    console().print(markup)


def candidates(cands: list) -> None:
    for i, cand in enumerate(cands, 1):
        console().print(f"  {i}. {safe(cand.peer.name)}  {tie_text(cand.peer.tie)}  "
                        f"[dim]{safe(cand.why)}[/]")


def numbered(texts: list[str]) -> None:
    for i, text in enumerate(texts, 1):
        console().print(f"  {i}. {safe(text)}")


def chosen(peer: str, step: str, due: date, tips: list, streak: int) -> None:
    c = console()
    c.print(f"\n[bold]Your step this week[/]: {safe(peer)} — {safe(step)} "
            f"[dim](due {due.isoformat()})[/]")
    if tips:
        c.print("Ideas for it:")
        for t in tips:
            c.print(f"  • {safe(t.text)} [dim](principle {t.principle})[/]")
    c.print(f"Review recorded. Streak: {_weeks(streak)} in a row. "
            f"[dim]Next review {due.isoformat()}.[/]")
