"""The weekly review (docs/review.md) as pure functions: the summary and the changes.

No I/O, no Rich, no Typer: `summary` reads a Network as of `today`; the change functions
are run by the CLI inside a store transaction, one per answer.

Choices made here (docs/review.md tells users the same):
- "Since the last review" is the days strictly after the last review's date, through
  today: what the last review already showed (its day's ties, ratings, steps and
  interactions) is not counted again. With no review yet, the window is the last
  `review_every_days` days, today included.
- A step counts as *done* when a log entry in the window carries `completed` (what
  `peermap done` records), or when the last review's chosen step is no
  longer that peer's next step and the peer has an interaction logged after that review
  (which catches `done` with a note of its own). A step is *past its date* when a current
  next step's due date is before today.
- The streak counts ISO weeks (Monday to Sunday) in a row with at least one review,
  counting back from this week; a week without a review yet that is still running does
  not break it, so the streak is counted back from last week then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from peermap.core.dates import week_start
from peermap.core.model import Kind, Network, Peer, Review, Tie
from peermap.core.outcomes import counts as outcome_counts
from peermap.core.reminders import (
    Due,
    cadence,
    contact_anchor,
    going_quiet,
    last_review,
    next_review,
)


@dataclass(frozen=True)
class TieMove:
    peer: str
    old: Tie | None  # None: the first rating
    new: Tie
    date: date


@dataclass(frozen=True)
class StepOutcome:
    peer: str
    step: str
    date: date | None  # when it was done, or the due date it passed


@dataclass(frozen=True)
class FocusStatus:
    peer: str
    tie: Tie | None
    last_contact: date | None
    days_since: int | None  # since the later of the last contact and focus_since
    cadence: int
    next_step: str | None
    next_due: date | None
    today: date  # the day the status is as of

    @property
    def reconnect(self) -> bool:
        """Time to reconnect: the cadence has run out (as in `peermap remind`)."""
        return self.days_since is not None and self.days_since >= self.cadence

    @property
    def graduated(self) -> bool:
        return self.tie == Tie.STRONG


@dataclass(frozen=True)
class ReviewSummary:
    today: date
    last_review: date | None
    start: date  # the summary covers the days after this one, through today
    interactions: dict[str, int] = field(default_factory=dict)  # kind -> count, Kind order
    tie_moves: list[TieMove] = field(default_factory=list)  # changes of an existing rating
    newly_rated: int = 0
    steps_done: list[StepOutcome] = field(default_factory=list)
    steps_past: list[StepOutcome] = field(default_factory=list)
    streak: int = 0
    focus: list[FocusStatus] = field(default_factory=list)
    # Memory and the whole map: every open loop each way, strong ties outside focus
    # going quiet, and how past steps went.
    loops: list[Due] = field(default_factory=list)
    quiet: list[Due] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def interaction_count(self) -> int:
        return sum(self.interactions.values())


def _away_week(net: Network, monday: date) -> bool:
    """A week with time away in it (`peermap away`): it neither counts nor breaks a streak."""
    sunday = monday + timedelta(days=6)
    return any((a.start or a.until) <= sunday and monday <= a.until for a in net.away)


def streak(net: Network, today: date) -> int:
    """Weeks in a row with a review, counting back from this week (or from last week
    while this week has none yet); weeks with time away in them are stepped over."""
    weeks = {week_start(r.date) for r in net.reviews if r.date <= today}
    first = min(weeks, default=None)
    week = week_start(today)
    if week not in weeks:
        week -= timedelta(days=7)
    n = 0
    while first is not None and week >= first:
        if week in weeks:
            n += 1
        elif not _away_week(net, week):
            break
        week -= timedelta(days=7)
    return n


def focus_status(net: Network, p: Peer, today: date) -> FocusStatus:
    anchor = contact_anchor(p)
    return FocusStatus(
        peer=p.name, tie=p.tie, last_contact=p.last_contact(),
        days_since=None if anchor is None else (today - anchor).days,
        cadence=cadence(net, p),
        next_step=p.next.step if p.next else None,
        next_due=p.next.due if p.next else None,
        today=today,
    )


def summary(net: Network, today: date) -> ReviewSummary:
    """What happened since the last review, the streak, and where each focus tie stands."""
    from peermap.core.state import states

    last = last_review(net)
    start = _window_start(net, today, last)
    every = states(net, today)
    counts, moves, rated, done = _window_activity(net, start, today)
    done += _last_step_done(net, done)
    past = [StepOutcome(p.name, p.next.step, p.next.due) for p in net.peers
            if p.next is not None and p.next.due is not None and p.next.due < today]
    return ReviewSummary(
        today=today, last_review=last, start=start,
        interactions={k: n for k, n in counts.items() if n},
        tie_moves=sorted(moves, key=lambda m: (m.date, m.peer.casefold())),
        newly_rated=rated,
        steps_done=sorted(done, key=lambda s: (s.date or today, s.peer.casefold())),
        steps_past=sorted(past, key=lambda s: (s.date or today, s.peer.casefold())),
        streak=streak(net, today),
        focus=[focus_status(net, p, today) for p in net.focus_peers()],
        loops=open_loops(net, today), quiet=going_quiet(net, today, every),
        outcomes={k: n for k, n in outcome_counts(net).items() if n},
    )


def _window_start(net: Network, today: date, last: date | None) -> date:
    """The day before the window a review looks back over: the last review, or the
    review cadence ago; the first review after time away looks over the whole absence."""
    from peermap.core.state import last_away

    start = last if last is not None else today - timedelta(days=net.settings.review_every_days)
    away = last_away(net, today)
    if away is not None and (last is None or away.until > last):
        start = min(start, (away.start or away.until) - timedelta(days=1))
    return start


def _window_activity(net: Network, start: date, today: date
                     ) -> tuple[dict[str, int], list[TieMove], int, list[StepOutcome]]:
    """In (start, today]: entries by kind, tie moves, first ratings and completed steps."""
    def inside(d: date) -> bool:
        return start < d <= today

    counts = {k.value: 0 for k in Kind}
    moves: list[TieMove] = []
    rated = 0
    done: list[StepOutcome] = []
    for p in net.peers:
        for e in p.log:
            if inside(e.date):
                counts[e.kind.value] += 1
                if e.completed:
                    done.append(StepOutcome(p.name, e.completed, e.date))
        previous: Tie | None = None
        for t in p.ties:
            if inside(t.date):
                if previous is None:
                    rated += 1
                elif t.tie != previous:
                    moves.append(TieMove(p.name, previous, t.tie, t.date))
            previous = t.tie
    return counts, moves, rated, done


def open_loops(net: Network, today: date) -> list[Due]:
    """Every open loop, each way, young or old: oldest first (`days`: open for so long)."""
    from peermap.core.reminders import loop_items
    from peermap.core.state import states

    every = states(net, today)
    return loop_items([(lp, p) for p in net.peers for lp in every[p].loops], today)


def _last_step_done(net: Network, already: list[StepOutcome]) -> list[StepOutcome]:
    """The last review's step, when it has left the peer's plan after a logged contact."""
    if not net.reviews:
        return []
    r = max(net.reviews, key=lambda r: r.date)
    p = net.find(r.peer) if r.peer else None
    if p is None or not r.step:
        return []
    if p.next is not None and p.next.step == r.step:
        return []
    after = [e.date for e in p.log if e.date > r.date]
    if not after:
        return []
    if any(s.peer == p.name and s.step == r.step for s in already):
        return []
    return [StepOutcome(p.name, r.step, min(after))]


# --- choices the review offers -------------------------------------------------------


def longest_without_contact(peers: list[Peer]) -> Peer | None:
    """The peer with the oldest last contact, never-contacted peers first; ties go to the
    one whose reconnect clock (`contact_anchor`) started earliest, then by name."""
    if not peers:
        return None
    return min(peers, key=lambda p: (p.last_contact() or date.min,
                                     contact_anchor(p) or date.min, p.key, p.name))


def urgency(net: Network, p: Peer, today: date) -> tuple[int, int]:
    """How pressing this week is for a peer, most pressing lowest: something at risk,
    then a promise due (from the week it falls due), then an overdue step, then the
    rest; within a rank, the longer waiting first."""
    from peermap.core.state import state_of

    s = state_of(p, net, today)
    if p.at_risk.strip():
        return (0, 0)
    week_end = week_start(today) + timedelta(days=6)
    due = [lp.due for lp in s.promises if lp.due is not None and lp.due <= week_end]
    if due:
        return (1, (min(due) - today).days)
    if s.step is not None and s.step.overdue is not None:
        return (2, -s.step.overdue)
    return (3, 0)


def default_peer(net: Network, today: date) -> Peer | None:
    """This week's relationship by default, among the focus peers: the most urgent
    (something at risk, a promise due, an overdue step), else the one longest without
    contact; with no focus, the best candidate; with neither, any peer longest without
    contact."""
    from peermap.core.ranking import rank

    focus = net.focus_peers()
    if focus:
        pressing = {p.name: urgency(net, p, today) for p in focus}  # once per peer
        top = min(focus, key=lambda p: pressing[p.name])  # the first of the most urgent
        if pressing[top.name][0] < 3:
            return top
        return longest_without_contact(focus)
    ranked_c = rank(net, today)
    if ranked_c:
        return ranked_c[0].peer
    return longest_without_contact(net.peers)


def record_review(net: Network, peer_ref: str, step: str, today: date) -> tuple[Peer, date]:
    """Record today's review and make `step` the peer's next step, due at the next review
    (computed after recording, so: today + review_every_days).

    A second review on the same day replaces the first one's record (one per day).
    """
    from peermap.core.peers import plan_step
    from peermap.core.refs import Chosen, resolve

    p = resolve(net, peer_ref)
    review = Review(today, p.name, step)
    net.reviews = [r for r in net.reviews if r.date != today] + [review]
    due = next_review(net, today)
    plan_step(net, Chosen(p.name), step, due)
    review.step = p.next.step if p.next else step  # as cleaned by plan_step
    return p, due


def swap_focus(net: Network, old_ref: str, new_ref: str, today: date) -> Peer:
    """Give a graduated tie's focus slot to a candidate (focus rules of docs/ranking.md)."""
    from peermap.core.ranking import focus_add, focus_drop

    focus_drop(net, old_ref)
    return focus_add(net, new_ref, today)
