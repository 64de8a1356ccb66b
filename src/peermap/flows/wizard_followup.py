"""Step 4 of the walkthrough: one small next step with each focus peer."""

from __future__ import annotations

from datetime import date

from peermap.core.books import action, is_filler
from peermap.core.errors import PeermapError
from peermap.core.model import (
    Network,
    Peer,
    name_key,
)
from peermap.core.ranking import rank
from peermap.core.reminders import next_review
from peermap.core.suggestions import suggest
from peermap.core.vocab import shown
from peermap.flows.answers import parse_number, same_step
from peermap.flows.followup import light_goal
from peermap.flows.wizard_base import (
    WizardBase,
    _peer_line,
    _planner,
    _tie_words,
)


class FollowingUp(WizardBase):
    def follow_up(self, redo: bool = False) -> None:
        self.header("follow-up")
        net = self.store.load()
        names = [p.name for p in self.in_order(net) if redo or p.next is None]
        if not net.focus_peers():
            self.ui.say("info", "No focus peers yet: pick three to five with "
                                "`peermap map --step focus`.")
        for i, name in enumerate(names, 1):
            net = self.store.load()
            p = net.find(name)
            if p is None or not p.focus:
                continue
            self.progress("follow-up", f"focus peer {i} of {len(names)}")
            self.ui.say("peer", name, f"{_tie_words(p)}" + (f" · {_peer_line(p)}"
                                                            if _peer_line(p) else ""))
            planned = p.next.step if p.next else ""
            tips = [t for t in suggest(net, p, self.today)
                    if not is_filler(t) and not same_step(action(t), planned)]
            for n, tip in enumerate(tips, 1):
                self.ui.say("tip", f"{n}. {tip.text}", tip.name)
            default = planned or (action(tips[0]) if tips else "")
            label = "suggested:"
            if p.next:
                label = (f"next step now (due {p.next.due.isoformat()}):" if p.next.due
                         else "next step now:")
            if default:
                self.ui.say("default", default, label)
            self.plan_one(p, default, [action(t) for t in tips], next_review(net, self.today))
            # One light question for the advice (docs/data-file.md, goals), only at a terminal:
            # a script of answers keeps the questions it was written for.
            if getattr(self.ui, "interactive", False):
                light_goal(self.store, self.ui, name, self.today)

    def in_order(self, net: Network) -> list[Peer]:
        """Focus peers in the order picked in this run, else in the ranking's order."""
        order = self.picked or [c.peer.name for c in rank(net, self.today,
                                                           include_focus=True)]
        place = {name_key(n): i for i, n in enumerate(order)}
        return sorted(net.focus_peers(), key=lambda p: (place.get(p.key, len(place)), p.key))

    def plan_one(self, p: Peer, default: str, tips: list[str], due: date) -> None:
        name = p.name
        pick = f"1-{len(tips)} picks a suggestion, " if len(tips) > 1 else ""
        verb = "keeps it" if p.next else "accepts"
        enter = f"Enter {verb}, " if default else ""
        while True:
            answer = " ".join(self.ui.ask(
                "next step", f"{enter}{pick}- skips, or type your own").split())
            if answer == "-" or not (answer or default):
                self.ui.say("info", f"No step planned for {name} now.")
                self.skipped.add(p.key)
                return
            if answer.isascii() and answer.isdigit():  # a number picks a suggestion
                n = parse_number(answer, len(tips))
                if n is None:
                    self.ui.say("warn", f"There is no suggestion {shown(answer)}.")
                    continue
                answer = tips[n - 1]
            step = answer or default
            if p.next and step == p.next.step:
                return
            try:
                self.save(_planner(name, step, due), f"plan {name}")
            except PeermapError as e:
                self.ui.say("warn", e.message)
                continue
            self.ui.say("ok", f"Next step with {name}, due {due.isoformat()}: {step}")
            return
