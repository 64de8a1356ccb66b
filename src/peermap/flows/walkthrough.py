"""The guided walkthrough (docs/walkthrough.md) as four steps over an injected conversation.

The wizard never touches a terminal: it asks through `UI.ask` and speaks through
`UI.say` (flows/ui.py), so tests feed it a list of answers and the terminal front end
lives in render/wizard.py. Every answer is its own short store transaction (the lock is
never held while waiting for the user), so an interrupted walkthrough keeps everything
answered, and `peermap map` resumes at the first step with work left.

Each step is its own module (flows/wizard_brainstorm.py, wizard_rate.py, wizard_focus.py,
wizard_followup.py, over the shared flows/wizard_base.py); the Wizard here joins them.
"""

from __future__ import annotations

from collections.abc import Callable

from peermap.core.errors import EndOfInput
from peermap.core.model import (
    Network,
    Tie,
)
from peermap.flows.ui import plural as _plural
from peermap.flows.wizard_base import (
    STEPS,
    TITLES,
    _tie_words,
    first_step,
    resume_question,
)
from peermap.flows.wizard_brainstorm import Brainstorm
from peermap.flows.wizard_focus import Focusing
from peermap.flows.wizard_followup import FollowingUp
from peermap.flows.wizard_rate import Rating


class Wizard(Brainstorm, Rating, Focusing, FollowingUp):
    """The whole walkthrough: the four steps in order, then the summary."""

    def run(self, start: str | None = None) -> None:
        """Run from `start` (or the first step with work left) to the end, then sum up.

        An explicit `start` redoes that step in full; the steps after it run only when
        they have work left. End of input stops cleanly: everything answered is saved.
        """
        net = self.store.load()
        step = start or first_step(net)
        if step is None:
            self.ui.say("info", "Your map is complete: every peer is rated, the focus set "
                                "is chosen and each focus peer has a next step.")
            self.summary(net, redo_hint=True)
            return
        try:
            while step is not None:
                self.STEP_FUNCTIONS[step](self, redo=step == start)
                step = first_step(self.store.load(), after=step)
        except EndOfInput:
            self.stopped()
            return
        self.summary(self.store.load())

    def stopped(self) -> None:
        net = self.store.load()
        step = first_step(net)
        question = resume_question(net) if step == "brainstorm" else None
        at = f", question {question}" if question else ""
        where = (f"it picks up at step {STEPS.index(step) + 1} ({TITLES[step].lower()}{at})"
                 if step else "there is nothing left to do")
        self.ui.say("info", f"End of input. Your answers so far are saved; run `peermap map` "
                            f"again and {where}.")

    STEP_FUNCTIONS: dict[str, Callable[..., None]] = {
        "brainstorm": Brainstorm.brainstorm, "rate": Rating.rate,
        "focus": Focusing.focus, "follow-up": FollowingUp.follow_up}

    def summary(self, net: Network, redo_hint: bool = False) -> None:
        if not net.peers:
            self.ui.say("info", "Your map is empty. Run `peermap map` when you have fifteen "
                                "minutes to brainstorm.")
            return
        counts = {t: sum(p.tie == t for p in net.peers) for t in (*Tie, None)}
        parts = [f"{counts[t]} {t.value}" for t in Tie if counts[t]]
        if counts[None]:
            parts.append(f"{counts[None]} unrated")
        self.ui.say("step", "Your map")
        self.ui.say("info", f"{_plural(len(net.peers), 'peer')}: {', '.join(parts)}.")
        focus = net.focus_peers()
        for p in focus:
            step = (f"{p.next.step} (due {p.next.due.isoformat()})" if p.next and p.next.due
                    else p.next.step if p.next else "no next step yet")
            self.ui.say("item", f"★ {p.name} · {_tie_words(p)}", "→ " + step)
        left = first_step(net)
        if left == "follow-up" and all(p.key in self.skipped for p in net.focus_peers()
                                       if p.next is None):
            left = None  # skipped on purpose: not "still to do"
        if left is not None:
            self.ui.say("info", f"Still to do: step {STEPS.index(left) + 1} "
                                f"({TITLES[left].lower()}); `peermap map` picks it up.")
        self.ui.say("heading", "What next")
        self.ui.say("command", "peermap", "your dashboard: focus peers and what is due")
        self.ui.say("command", "peermap log NAME NOTE", "after you connect with someone")
        self.ui.say("command", "peermap done NAME", "when a next step is done")
        self.ui.say("command", "peermap review", "once a week: one relationship, one step")
        if redo_hint or left is None:
            self.ui.say("command", "peermap map --step STEP",
                        "redo a step: brainstorm, rate, focus or follow-up")
