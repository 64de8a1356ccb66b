"""A clash, repaired in stages the log drives (docs/advice.md): listen, own your part,
one small joint task, credit, re-rate. Each contact logged with `acted = "clash-repair"`
since the clash was rated completes one stage; a stage done is not suggested again."""

from __future__ import annotations

from collections.abc import Callable

from peermap.core.rules.base import Fields, quote
from peermap.core.rules.facts import Facts
from peermap.core.rules.unit import Unit

STAGES = ("listen", "own", "joint", "credit", "rerate")


def stage(x: Facts) -> int | None:
    """The clash stage reached (0 listen .. 4 re-rate), or None when there is no clash."""
    if not x.clash:
        return None
    return min(len(x.acted_since("clash-repair", x.rated)), len(STAGES) - 1)


def _at(n: int) -> Callable[[Facts], Fields | None]:
    def when(x: Facts) -> Fields | None:
        if stage(x) != n:
            return None
        goal = f": perhaps {quote(x.goals[0])} (their goal, your words)" if x.goals else ""
        return {"goal_hint": goal, "tie": "nonexistent"}
    when.__name__ = f"clash_{STAGES[n]}"
    return when


UNITS = (
    Unit("clash-repair", "clash_listen", (
        ("know-them", "Ask {n} for twenty minutes to hear how things look from their side, "
                      "and spend it listening rather than re-arguing."),
        ("know-them", "Ask {n} what they are under pressure to deliver this quarter, and "
                      "listen; understanding comes before agreement."),
        ("know-them", "Ask {n} one genuine question about their view of the disagreement, "
                      "and let them finish."),
    ), _at(0), urgency=8),
    Unit("clash-repair", "clash_own", (
        ("real-feedback", "Own your part with {n}: name one thing you would do differently "
                          "next time, and ask what they would change."),
        ("real-feedback", "Tell {n} plainly which part of the disagreement you got wrong, "
                          "without a \"but\"; it makes room for them to do the same."),
    ), _at(1), urgency=8),
    Unit("clash-repair", "clash_joint", (
        ("relevance", "Propose to {n} one small thing you could get done together that "
                      "helps you both{goal_hint}."),
        ("relevance", "Pick one small shared task with {n} this month{goal_hint}; repair "
                      "grows from joint work."),
    ), _at(2), urgency=8),
    Unit("clash-repair", "clash_credit", (
        ("know-them", "Credit {n} by name, where others can see it, for their part in the "
                      "work you did together."),
        ("know-them", "Mention {n}'s contribution in your next update; people notice who "
                      "credits them after a disagreement."),
    ), _at(3), urgency=8),
    Unit("rerate", "clash_rerate", (
        ("rate-honestly", "After the repair with {n}, rate the tie as it is now: is it still "
                          "a clash? peermap rate {arg} weak"),
        ("rate-honestly", "Check whether {n} is still a clash after the work you did "
                          "together, and rate what is true: peermap rate {arg} weak"),
    ), _at(4), urgency=8),
)
