"""Step 3 of the walkthrough: choose three to five focus ties by relevance."""

from __future__ import annotations

from peermap.core.model import (
    Network,
)
from peermap.core.ranking import focus_set, left_out, rank
from peermap.flows.answers import (
    parse_numbers,
    parse_yes,
)
from peermap.flows.ui import and_ as _and
from peermap.flows.ui import plural as _plural
from peermap.flows.wizard_base import (
    WizardBase,
    _tie_words,
)


class Focusing(WizardBase):
    def focus(self, redo: bool = False) -> None:
        self.header("focus")
        net = self.store.load()
        s = net.settings
        candidates = rank(net, self.today, include_focus=True)
        self.left_out(net)
        if not candidates:
            self.ui.say("info", "No candidates yet. A candidate is a weak or nonexistent tie "
                                "that matters for your current work, future work or the big "
                                "picture; rate ties and say what they matter for with "
                                "`peermap map --step rate`.")
            return
        focus = len(net.focus_peers())
        self.progress("focus", f"{_plural(len(candidates), 'candidate')} · "
                      f"{focus} in focus now, aim for {s.focus_min} to {s.focus_max}")
        for i, c in enumerate(candidates, 1):
            mark = "★ " if c.peer.focus else ""
            self.ui.say("item", f"{i:>2}. {mark}{c.peer.name} · {_tie_words(c.peer)}", c.why)
        if len(candidates) < s.focus_min:
            names = [c.peer.name for c in candidates]
            self.ui.say("info", f"There {'is' if len(names) == 1 else 'are'} only "
                                f"{_plural(len(names), 'candidate')}, fewer than the "
                                f"{s.focus_min} you aim for; focus takes what there is.")
            yes = None
            while yes is None:
                yes = parse_yes(self.ui.ask(f"focus on {_and(names)}?", "Y/n"))
            if yes:
                self.set_focus(names)
            return
        current = net.focus_peers()
        if current:
            self.ui.say("info", "In focus now (★): "
                        + _and([f"{p.name} ({_tie_words(p)})" for p in current]) + ".")
        keep = s.focus_min <= len(current) <= s.focus_max
        take_all = not keep and len(candidates) == s.focus_min  # no real choice to make
        hint = "numbers, e.g. 1 3 4" + ("; Enter keeps the focus as it is" if keep else
                                        f"; Enter takes all {len(candidates)}" if take_all
                                        else "")
        while True:
            answer = self.ui.ask(f"pick {s.focus_min} to {s.focus_max}", hint)
            if not answer.strip():
                if keep:
                    return
                if take_all:
                    picked = list(range(1, len(candidates) + 1))
                    break
                self.ui.say("warn", f"Type the numbers of {s.focus_min} to {s.focus_max} "
                                    "candidates, e.g. 1 3 4.")
                continue
            try:
                picked = parse_numbers(answer, len(candidates))
            except ValueError as e:
                self.ui.say("warn", f"{e} is not a number from 1 to {len(candidates)}.")
                continue
            if s.focus_min <= len(picked) <= s.focus_max:
                break
            if len(picked) > s.focus_max:
                self.ui.say("warn", f"Pick {s.focus_min} to {s.focus_max} (you picked "
                                    f"{len(picked)}); follow-through beats breadth.")
            else:
                self.ui.say("warn", f"Pick at least {s.focus_min} (you picked {len(picked)}); "
                                    "with a few ties in focus there is always one worth a "
                                    "small step this week.")
        self.set_focus([candidates[i - 1].peer.name for i in picked])

    def set_focus(self, names: list[str]) -> None:
        self.save(lambda net: focus_set(net, names, self.today), "focus " + ", ".join(names))
        self.picked = list(names)
        self.ui.say("ok", f"Focus: {_and(names)}.")

    def left_out(self, net: Network) -> None:
        """Weak and nonexistent ties that cannot be candidates, and why."""
        for p, why in left_out(net):
            self.ui.say("note", f"Left out: {p.name} ({_tie_words(p)}): {why}")
