"""The walkthrough's shared parts (docs/walkthrough.md): its steps and prompts, where
an unfinished one stands, and the state and helpers every step uses. The steps
themselves live in flows/wizard_brainstorm.py, wizard_rate.py, wizard_focus.py and
wizard_followup.py; flows/walkthrough.py joins them into the Wizard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from peermap.core.errors import PeermapError
from peermap.core.model import (
    WALKTHROUGH_STEPS,
    Affects,
    Matters,
    Network,
    Peer,
    Progress,
    Tie,
    WhyNone,
)
from peermap.core.peers import plan_step
from peermap.core.ranking import is_candidate
from peermap.core.vocab import AFFECTS_WORDS, MATTERS_WORDS
from peermap.flows.ui import UI, StoreLike
from peermap.flows.ui import and_ as _and

T = TypeVar("T")

STEPS = WALKTHROUGH_STEPS
TITLES = {
    "brainstorm": "Brainstorm",
    "rate": "Rate each tie",
    "focus": "Pick three to five",
    "follow-up": "Follow up",
}




# --- where the walkthrough stands ----------------------------------------------------


def resume_question(net: Network) -> int | None:
    """The brainstorm question an interrupted walkthrough stopped at (1-based), if any."""
    w = net.walkthrough
    if w is None or w.step != "brainstorm":
        return None
    return min(max(w.question, 1), len(PROMPTS))


def missing_matters(p: Peer) -> bool:
    """A weak or nonexistent tie that does not say what it matters for: not a candidate."""
    return p.tie in (Tie.WEAK, Tie.NONEXISTENT) and not p.matters


def has_work(net: Network, step: str) -> bool:
    """Whether `step` has something left to do for this network."""
    if step == "brainstorm":
        return not net.peers or resume_question(net) is not None
    if step == "rate":
        return any(p.tie is None or missing_matters(p) for p in net.peers)
    if step == "focus":
        return (len(net.focus_peers()) < net.settings.focus_min
                and any(is_candidate(p) and not p.focus for p in net.peers))
    return any(p.next is None for p in net.focus_peers())


def first_step(net: Network, after: str | None = None) -> str | None:
    """The first step (after `after`, when given) with work left; None when all done."""
    later = STEPS[STEPS.index(after) + 1:] if after else STEPS
    return next((s for s in later if has_work(net, s)), None)


# --- the text of the steps ---------------------------------------------------------------

INTRO = {
    "brainstorm": (
        "Map broadly. List the peers whose work affects yours: people who help you get your "
        "work done, who depend on your work, who have goals like yours. Reach beyond your "
        "own team, floor and location, and think about what you will need six to twelve "
        "months from now. About fifteen minutes is the right size; every answer is saved "
        "as you go, so you can stop at any time and pick up later with `peermap map`."
    ),
    "rate": (
        "Rate honestly. Say how each working relationship stands today, not how you would "
        "like it to be."
    ),
    "focus": (
        "Choose by relevance, not liking: the ties worth building are weak or nonexistent "
        "ones that matter to your current work, could help future work, or would show you "
        "the bigger picture. Pick only three to five; follow-through beats breadth. Start "
        "now, before you need something: a relationship built now is there when you do."
    ),
    "follow-up": (
        "One small step with each focus peer. Here is what fits each one; take the "
        "suggested step, pick another, or write your own. Each step is due at your next "
        "weekly review."
    ),
}

@dataclass(frozen=True)
class Prompt:
    question: str
    affects: Affects | None = None
    matters: Matters | None = None
    noted: str = ""  # what an existing peer gains, in words
    outside: bool = False  # about reach: names your own team and location
    own_team: bool = False  # new names join your own team


PROMPTS = (
    Prompt("Start at home: who on your own team do you work with most?", own_team=True),
    Prompt("Who helps you get your work done?", affects=Affects.HELPS_ME,
           noted=AFFECTS_WORDS[Affects.HELPS_ME]),
    Prompt("Who depends on your work?", affects=Affects.RELIES_ON_ME,
           noted=AFFECTS_WORDS[Affects.RELIES_ON_ME]),
    Prompt("Who has goals like yours?", affects=Affects.SHARED_GOALS,
           noted=AFFECTS_WORDS[Affects.SHARED_GOALS]),
    Prompt("Who outside your team or location touches your work?", outside=True),
    Prompt("Who might you need in six to twelve months?", matters=Matters.FUTURE_WORK,
           noted="matters for your future work"),
)


def _peer_line(p: Peer) -> str:
    """What we know about a peer, in one short line."""
    bits = [x for x in (p.team, p.location) if x]
    bits += [AFFECTS_WORDS[a] for a in p.affects]
    if p.matters:
        bits.append("matters for " + _and([MATTERS_WORDS[m] for m in p.matters]))
    return " · ".join(bits)


def _tie_words(p: Peer) -> str:
    if p.tie is None:
        return "unrated"
    if p.tie == Tie.STRONG and p.focus:
        return "strong, graduated"
    return p.tie.value + (f", {_spell(p.why_none)}" if p.why_none else "")


def _spell(value: WhyNone) -> str:
    return value.value.replace("-", " ")


# --- the walkthrough -------------------------------------------------------------------


class WizardBase:
    """What every step of the walkthrough shares: the store, the UI, today."""

    def __init__(self, store: StoreLike, ui: UI, today: date):
        self.store = store
        self.ui = ui
        self.today = today
        self.picked: list[str] = []  # focus peers in the order picked in this run
        self.skipped: set[str] = set()  # focus peers whose step was skipped with "-"

    def header(self, step: str) -> None:
        n = STEPS.index(step) + 1
        self.ui.say("step", TITLES[step], f"Step {n} of {len(STEPS)}")
        self.ui.say("intro", INTRO[step])

    def progress(self, step: str, text: str) -> None:
        self.ui.say("progress", f"step {STEPS.index(step) + 1} of {len(STEPS)} · {text}")

    def save(self, change: Callable[[Network], T], summary: str) -> T:
        """One answer, one transaction: the lock is held only while writing it."""
        return self.store.update(change, f"peermap: map: {summary}")


def _peer(net: Network, name: str) -> Peer:
    p = net.find(name)
    if p is None:
        raise PeermapError(f"{name!r} is no longer on your map (changed elsewhere?).")
    return p


def _planner(name: str, step: str, due: date) -> Callable[[Network], Peer]:
    def change(net: Network) -> Peer:
        return plan_step(net, _peer(net, name).name, step, due)

    return change


def _me_setter(field: str, value: str | list[str]) -> Callable[[Network], None]:
    def change(net: Network) -> None:
        from peermap.core.text import check_text

        if isinstance(value, list):
            setattr(net.me, field, [check_text(field.rstrip("s"), x) for x in value])
        else:
            setattr(net.me, field, check_text(field, value))

    return change


def _mark(*, profile: str | None = None, adding: str | None = None,
          detail: str | None = None) -> Callable[[Network], None]:
    """Keep where the brainstorm stands inside a question (about you, a new peer)."""
    def change(net: Network) -> None:
        w = net.walkthrough or Progress("brainstorm", 1)
        net.walkthrough = Progress(w.step, w.question,
                                   w.profile if profile is None else profile,
                                   w.adding if adding is None else adding,
                                   w.detail if detail is None else detail)

    return change


def _progress(question: int | None) -> Callable[[Network], None]:
    """Keep (or, with None, clear) the brainstorm question reached in the data file."""
    def change(net: Network) -> None:
        net.walkthrough = None if question is None else Progress("brainstorm", question)

    return change


def _profile_empty(net: Network) -> bool:
    me = net.me
    return not (me.name or me.team or me.location or me.strengths)


def _question(prompt: Prompt, net: Network) -> str:
    """A brainstorm question in words that name your own team and location."""
    if prompt.own_team and net.me.team:
        return f"Start at home: who on your own team ({net.me.team}) do you work with most?"
    if prompt.outside and (net.me.team or net.me.location):
        places = " or ".join(x for x in (net.me.team, net.me.location) if x)
        return f"Who outside {places} touches your work?"
    return prompt.question
