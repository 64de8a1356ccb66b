"""`peermap debrief`: after a 1:1, save what you learned, what you promised, and whether
the tie changed, one answer at a time.

It runs over the ask/say part of the flows' UI protocol (plain text; the front end
escapes) and a store: each answer that changes something is its own short transaction,
so the lock is never held while waiting and the end of input keeps every answer given.
"""

from __future__ import annotations

from datetime import date

from peermap.core.errors import EndOfInput
from peermap.core.model import Affects, Kind, Tie, WhyNone
from peermap.core.text import shell_quote
from peermap.flows import followup
from peermap.flows.followup import Saves, Talk, _with


class Debrief:
    def __init__(self, store: Saves, ui: Talk, today: date):
        self.store, self.ui, self.today = store, ui, today

    def run(self, ref: str) -> None:
        """The whole debrief; EndOfInput stops it cleanly (answers so far are saved)."""
        from peermap.core.refs import resolve

        p = resolve(self.store.load(), ref)
        name = p.name
        self.ui.say("heading", f"Debrief: {name}")
        try:
            self.logged(name)
            followup.learned(self.store, self.ui, name, "goals",
                             "What did you learn about their goals?", "goal")
            followup.learned(self.store, self.ui, name, "pressures",
                             "What are they under pressure to deliver?", "pressure")
            followup.promised(self.store, self.ui, name, self.today)
            followup.close_loops(self.store, self.ui, name, self.today)
            if Affects.RELIES_ON_ME in p.affects:
                followup.at_risk(self.store, self.ui, name, self.today)
            self.tie(name)
        except EndOfInput:
            self.ui.say("info", "End of input: stopping here. Your answers so far are saved.")
            return
        self.ui.say("ok", f"Debrief saved. Before the next 1:1: peermap brief "
                          f"{shell_quote(name)}")

    def logged(self, name: str) -> None:
        from peermap.core.peers import check_text, log_interaction

        if not self.yes(f"Log the 1:1 with {name} as met today?", True):
            return
        note = self.ui.ask("A note on how it went (optional)").strip()
        check_text("note", note)
        self.store.update(_with(log_interaction, name, note, Kind.MET, self.today),
                          f"peermap: log {name} (met)")
        self.ui.say("ok", f"Logged met with {name}.")

    def tie(self, name: str) -> None:
        from peermap.core.peers import rate_peer
        from peermap.core.vocab import parse_tie

        p = self.store.load().find(name)
        if p is None:
            return
        now = p.tie.value if p.tie else "unrated"
        while True:
            answer = self.ui.ask(f"Has the tie with {name} changed?",
                                 f"Enter = no ({now}), or strong / weak / nonexistent")
            if not answer.strip():
                return
            tie = parse_tie(answer)
            if tie is not None:
                break
            self.ui.say("warn", "Please answer strong, weak or nonexistent, or press Enter.")
        why = None
        if tie == Tie.NONEXISTENT:
            why = WhyNone.CLASH if self.yes("Is it a clash?", False) else WhyNone.NOT_TRIED
        if tie == p.tie and why == p.why_none:
            return
        self.store.update(_with(rate_peer, name, tie, why, self.today),
                          f"peermap: rate {name} {tie.value}")
        self.ui.say("ok", f"{name} is now {tie.value}.")

    def yes(self, prompt: str, default: bool) -> bool:
        from peermap.core.vocab import parse_yes

        while True:
            answer = parse_yes(self.ui.ask(prompt, "Y/n" if default else "y/N"), default)
            if answer is not None:
                return answer
            self.ui.say("warn", "Please answer y or n.")
