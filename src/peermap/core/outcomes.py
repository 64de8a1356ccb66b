"""Memory of last week's step: did it happen, and did it work? (docs/advice.md, the review)

The weekly review asks about the step chosen at the previous review: done, too big, the
wrong moment, or not yet. The answer is kept on that review (`outcome`), and the advice
uses it: a step that was too big comes back smaller, one at the wrong moment waits for
a better one. Pure functions, `today` passed in.
"""

from __future__ import annotations

from datetime import date

from peermap.core.model import Network, Outcome, Peer, Review, name_key

QUESTION = "Did last week's step happen, and did it work?"
CHOICES: dict[str, Outcome] = {
    "d": Outcome.DONE, "done": Outcome.DONE, "y": Outcome.DONE, "yes": Outcome.DONE,
    "b": Outcome.TOO_BIG, "big": Outcome.TOO_BIG, "too big": Outcome.TOO_BIG,
    "too-big": Outcome.TOO_BIG,
    "w": Outcome.WRONG_MOMENT, "wrong": Outcome.WRONG_MOMENT,
    "wrong moment": Outcome.WRONG_MOMENT, "wrong-moment": Outcome.WRONG_MOMENT,
    "n": Outcome.NOT_YET, "not yet": Outcome.NOT_YET, "not-yet": Outcome.NOT_YET,
    "no": Outcome.NOT_YET,
}
WORDS = {Outcome.DONE: "done", Outcome.TOO_BIG: "too big",
         Outcome.WRONG_MOMENT: "the wrong moment", Outcome.NOT_YET: "not yet"}


def parse_outcome(text: str) -> Outcome | None:
    return CHOICES.get(" ".join(text.strip().casefold().split()))


def pending(net: Network, today: date) -> Review | None:
    """The latest review before today whose step has no outcome yet, or None."""
    earlier = [r for r in net.reviews if r.date < today and r.step and r.peer]
    if not earlier:
        return None
    last = max(earlier, key=lambda r: r.date)
    return last if last.outcome is None else None


def record(net: Network, review_date: date, outcome: Outcome) -> Review:
    """Keep the outcome on the review of `review_date`."""
    from peermap.core.errors import PeermapError

    for r in net.reviews:
        if r.date == review_date:
            r.outcome = outcome
            return r
    raise PeermapError(f"there is no review of {review_date.isoformat()} any more.")


def last_outcome(net: Network, p: Peer) -> Review | None:
    """The latest review about this peer that has an outcome recorded."""
    mine = [r for r in net.reviews if r.outcome is not None and name_key(r.peer) == p.key]
    return max(mine, key=lambda r: r.date) if mine else None


def counts(net: Network) -> dict[str, int]:
    """How past steps went, by outcome (for the review summary and stats)."""
    out = {o.value: 0 for o in Outcome}
    for r in net.reviews:
        if r.outcome is not None:
            out[r.outcome.value] += 1
    return out
