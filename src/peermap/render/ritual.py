"""The weekly review's look-back and each focus peer's status, as blocks.

Built once (render.layout blocks) and printed on stdout for `review --summary` or on the
conversation's console: each long line wraps under its own text, never at column 0
(docs/output.md). User text is shown as it is.
"""

from __future__ import annotations

from datetime import date

from rich.console import Console

from peermap.core.review import FocusStatus, ReviewSummary
from peermap.core.text import ago, count
from peermap.render.console import console, print_blocks
from peermap.render.layout import Block, Para, Span
from peermap.render.screens import cmd, name, tie, user

LABEL = 16  # "  Interactions  ": the look-back's values start here


def _row(label: str, *value: Span) -> Para:
    """A look-back line: the label, then a value whose later lines stay under it."""
    return Para([Span(f"  {label:<{LABEL - 3}} "), *value], hang=LABEL)


def summary_blocks(s: ReviewSummary, *, recording: bool = True) -> list[Block]:
    out: list[Block] = []
    if s.last_review is not None:
        out.append(Para([Span("Weekly review", "bold"),
                         Span(f" · since your last review on {s.last_review.isoformat()} "
                              f"({ago(s.last_review, s.today)})")], hang=2))
    else:
        out.append(Para([Span("Weekly review", "bold"),
                         Span(" · your first one; looking back "
                              f"{count((s.today - s.start).days, 'day')}")], hang=2))
    if s.interactions:
        kinds = ", ".join(f"{n} {k}" for k, n in s.interactions.items())
        out.append(_row("Interactions", Span(f"{s.interaction_count} ({kinds})")))
    else:
        out.append(_row("Interactions",
                        Span("none logged — this week is a good one to start")))
    if s.tie_moves:
        moves: list[Span] = []
        for i, m in enumerate(s.tie_moves):
            moves += [Span("; " if i else ""), name(m.peer),
                      Span(f" {m.old.value if m.old else 'unrated'} → "), tie(m.new)]
        out.append(_row("Ties changed", *moves))
    else:
        out.append(_row("Ties changed", Span("none")))
    if s.newly_rated:
        out.append(_row("Newly rated", Span(str(s.newly_rated))))
    for st in s.steps_done:
        out.append(_row("Step done", name(st.peer), Span(": "), user(st.step)))
    for st in s.steps_past:
        due = st.date.isoformat() if st.date else ""
        out.append(_row("Still open", name(st.peer), Span(": "), user(st.step),
                        Span(f" (due {due})", "dim")))
    for item in s.loops:
        out.append(_row("Open loop", name(item.peer), Span(": "), user(item.detail),
                        Span(f" ({count(item.days or 0, 'day')})", "dim")))
    for item in s.quiet:
        out.append(_row("Going quiet", name(item.peer),
                        Span(" (strong tie, ", "dim"), user(item.detail, "dim"),
                        Span(")", "dim")))
    if s.outcomes:
        words = ", ".join(f"{n} {k.replace('-', ' ')}" for k, n in s.outcomes.items())
        out.append(_row("Past steps", Span(words)))
    if s.streak:
        out.append(_row("Review streak", Span(f"{count(s.streak, 'week')} in a row")))
    elif recording:
        out.append(_row("Review streak", Span("starts with this one")))
    else:  # `review --summary` records nothing, so it cannot start a streak
        out.append(_row("Review streak", Span("none running: "), cmd("review"),
                        Span(" starts one")))
    return out + focus_blocks(s.focus, s.today)


def focus_blocks(statuses: list[FocusStatus], today: date) -> list[Block]:
    if not statuses:
        return [Para([]), Para([Span("Focus", "bold"),
                                Span("  none yet: pick three to five with "),
                                cmd("focus"), Span(".")], hang=2)]
    out: list[Block] = [Para([]), Para([Span("Focus", "bold")])]
    for st in statuses:
        out += focus_line(st, today, indent=2)
    return out


def focus_line(st: FocusStatus, today: date, indent: int = 0) -> list[Block]:
    """One focus peer: name, tie, contact and cadence; the next step on a line below."""
    every = f"every {count(st.cadence, 'day')}"
    due = "time to reconnect" if st.last_contact is not None else "time for a first contact"
    clock = ([Span(due, "yellow"), Span(f" ({every})")] if st.reconnect
             else [Span(every, "dim")])
    pad = " " * indent
    head = Para([Span(f"{pad}★ "), name(st.peer, "bold"), Span("  "), tie(st.tie),
                 Span(f"  last contact {ago(st.last_contact, today)}, "), *clock,
                 Span("  graduated" if st.graduated else "", "green")], hang=indent + 2)
    if st.next_step:
        due = f" (due {st.next_due.isoformat()})" if st.next_due else ""
        step = Para([Span("      next step: "), user(st.next_step), Span(due, "dim")],
                    hang=17)
    else:
        step = Para([Span("      "), Span("no next step planned", "dim")], hang=6)
    return [head, step]


def summary(s: ReviewSummary, c: Console | None = None, *, recording: bool = True,
            width: int | None = None) -> None:
    """The look-back: on stdout for `review --summary`, on the conversation's console else."""
    print_blocks(c or console(), summary_blocks(s, recording=recording), width)


def focus(statuses: list[FocusStatus], today: date, c: Console | None = None) -> None:
    print_blocks(c or console(), focus_blocks(statuses, today))
