"""Step 2 of the walkthrough: rate each tie honestly, and say what it matters for."""

from __future__ import annotations

from peermap.core.model import (
    Matters,
    Network,
    Peer,
    Tie,
    WhyNone,
)
from peermap.core.peers import set_tie
from peermap.core.vocab import MATTERS_WORDS, TIE_DEFINITIONS
from peermap.flows.answers import (
    parse_matters,
    parse_tie,
    parse_why,
)
from peermap.flows.ui import and_ as _and
from peermap.flows.ui import plural as _plural
from peermap.flows.wizard_base import (
    WizardBase,
    _peer,
    _peer_line,
    _spell,
    _tie_words,
    missing_matters,
)


class Rating(WizardBase):
    def rate(self, redo: bool = False) -> None:
        self.header("rate")
        for word, meaning in TIE_DEFINITIONS:
            self.ui.say("define", word, meaning)
        net = self.store.load()
        names = [p.name for p in net.peers if redo or p.tie is None or missing_matters(p)]
        if not names:
            self.ui.say("info", "No peers to rate yet: start with `peermap map --step "
                                "brainstorm`.")
        for i, name in enumerate(names, 1):
            net = self.store.load()
            p = net.find(name)
            if p is None:
                continue
            rated = sum(q.tie is not None for q in net.peers)
            self.progress("rate", f"peer {i} of {len(names)}" if redo else
                          f"{rated} of {_plural(len(net.peers), 'peer')} rated")
            if redo or p.tie is None:
                self.rate_one(p)
                continue
            # Rated before, but what the tie matters for was never said (an interrupted
            # run): without it the peer cannot be a candidate, so ask for just that.
            self.ui.say("peer", name, f"{_tie_words(p)} · not yet said what this tie "
                                      "matters for")
            self.matters(name, p.matters)

    def rate_one(self, p: Peer) -> None:
        name = p.name
        self.ui.say("peer", name, _peer_line(p))
        hint = "s/w/n, " + (f"Enter keeps {_tie_words(p)}" if p.tie else "Enter skips")
        tie: Tie | None = None
        while tie is None:
            answer = self.ui.ask(f"tie with {name}", hint)
            if not answer.strip():
                if p.tie is None:
                    self.ui.say("info", f"Skipped {name}; `peermap map` comes back to them.")
                    return
                tie = p.tie
                break
            tie = parse_tie(answer)
            if tie is None:
                self.ui.say("warn", "Type s (strong), w (weak) or n (nonexistent).")
        if tie != p.tie:
            self.save(lambda net: set_tie(_peer(net, name), tie, None, self.today),
                      f"rate {name} {tie.value}")
        if tie == Tie.NONEXISTENT:
            self.why_none(name, p.why_none)
        self.matters(name, p.matters)

    def why_none(self, name: str, current: WhyNone | None) -> None:
        default = current or WhyNone.NOT_TRIED
        while True:
            answer = self.ui.ask("why", f"t not tried, c clash; Enter: {_spell(default)}")
            why = parse_why(answer) if answer.strip() else default
            if why is not None:
                break
            self.ui.say("warn", "Type t (not tried yet) or c (a clash keeps you apart).")
        self.save(lambda net: set_tie(_peer(net, name), Tie.NONEXISTENT, why, self.today),
                  f"why {name} {why.value}")

    def matters(self, name: str, current: list[Matters]) -> None:
        keeps = (f"Enter keeps {_and([MATTERS_WORDS[m] for m in current])}" if current
                 else "Enter for none")
        net = self.store.load()
        p = net.find(name)
        if not current and p is not None and p.tie in (Tie.WEAK, Tie.NONEXISTENT):
            keeps = "Enter for none, which leaves it out of the focus candidates"
        while True:
            answer = self.ui.ask(
                "matters for", f"1 current work, 2 future work, 3 big picture, e.g. 1 3; {keeps}")
            if not answer.strip():
                return
            try:
                chosen = [] if answer.strip() == "-" else parse_matters(answer)
                break
            except ValueError as e:
                self.ui.say("warn", f"{e} is not one of 1, 2, 3 (or current, future, big); "
                                    "- clears.")

        def change(net: Network) -> None:
            _peer(net, name).matters = chosen

        if set(chosen) != set(current):
            self.save(change, f"matters of {name}")
