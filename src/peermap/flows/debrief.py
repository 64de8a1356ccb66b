"""`peermap debrief`: after a 1:1, save what you learned, what you promised, and whether
the tie changed, one answer at a time.

It runs over the walkthrough's `UI` protocol (ask/say, plain text; the front end
escapes) and a store: each answer that changes something is its own short transaction,
so the lock is never held while waiting and the end of input keeps every answer given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from peermap.core.errors import EndOfInput, PeermapError
from peermap.core.loops import peer_loops
from peermap.core.model import Kind, Network, Peer, Tie, WhyNone
from peermap.flows.walkthrough import UI, StoreLike, parse_tie, parse_yes


class Debrief:
    def __init__(self, store: StoreLike, ui: UI, today: date):
        self.store, self.ui, self.today = store, ui, today

    def run(self, ref: str) -> None:
        """The whole debrief; EndOfInput stops it cleanly (answers so far are saved)."""
        from peermap.core.refs import resolve

        p = resolve(self.store.load(), ref)
        name = p.name
        self.ui.say("heading", f"Debrief: {name}")
        try:
            self.logged(name)
            self.learned(name, "goals", "What did you learn about their goals?")
            self.learned(name, "pressures", "What are they under pressure to deliver?")
            self.promised(name)
            self.close_loops(name)
            self.tie(name)
        except EndOfInput:
            self.ui.say("info", "End of input: stopping here. Your answers so far are saved.")
            return
        self.ui.say("ok", f"Debrief saved. See it before the next 1:1: peermap brief "
                          f"{_quote(name)}")

    def _save(self, change: Callable[[Network], object], summary: str) -> object:
        return self.store.update(change, summary)

    def logged(self, name: str) -> None:
        from peermap.core.peers import check_text, log_interaction

        if not self.yes(f"Log the 1:1 with {name} as met today?", True):
            return
        note = self.text("A note on how it went (optional)")
        check_text("note", note)
        d = self.today
        self._save(lambda net: log_interaction(net, name, note, Kind.MET, d),
                   f"peermap: log {name} (met)")
        self.ui.say("ok", f"Logged met with {name}.")

    def learned(self, name: str, field_name: str, question: str) -> None:
        from peermap.core.peers import add_context

        self.ui.say("question", question, "one per line in your words; blank line to go on")
        while True:
            answer = self.ui.ask(f"  {field_name[:-1]}").strip()
            if not answer:
                return
            try:
                self._save(_with(add_context, name, field_name, answer),
                           f"peermap: debrief {name} ({field_name})")
                self.ui.say("ok", f"Saved to {field_name}.")
            except PeermapError as e:
                self.ui.say("warn", e.message)

    def promised(self, name: str) -> None:
        from peermap.core.peers import log_interaction

        self.ui.say("question", "What did you promise?",
                    "one per line; each stays an open loop until `peermap close`")
        d = self.today
        while True:
            answer = self.ui.ask("  promise").strip()
            if not answer:
                return
            try:
                self._save(_with(log_interaction, name, answer, Kind.PROMISED, d),
                           f"peermap: log {name} (promised)")
                self.ui.say("ok", "Saved as an open loop.")
            except PeermapError as e:
                self.ui.say("warn", e.message)

    def close_loops(self, name: str) -> None:
        from peermap.core.loops import close_loop

        loops = [lp for lp in peer_loops(self.store.load().find(name) or _missing(name),
                                         self.today) if lp.date < self.today]
        if not loops:
            return
        self.ui.say("question", "Did the 1:1 close any of these?")
        for lp in loops:
            self.ui.say("item", f"{lp.number}. {lp.date.isoformat()} {lp.what}"
                                + (f": {lp.note}" if lp.note else ""))
        while True:
            answer = self.ui.ask("Numbers to close", "e.g. 1 3; Enter = none").strip()
            if not answer:
                return
            picks = answer.replace(",", " ").split()
            if all(x.isdigit() and any(lp.number == int(x) for lp in loops) for x in picks):
                break
            self.ui.say("warn", "Please give numbers from the list, or press Enter.")
        # Close from the highest number down, so the numbers of the rest stay put.
        d = self.today
        for n in sorted({int(x) for x in picks}, reverse=True):
            self._save(_with(close_loop, name, n, d),
                       f"peermap: close {name}")
        self.ui.say("ok", f"Closed {len(set(picks))}.")

    def tie(self, name: str) -> None:
        from peermap.core.peers import rate_peer

        p = self.store.load().find(name) or _missing(name)
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
            why = WhyNone.CLASH if parse_yes(self.ui.ask("Is it a clash?", "y/N"),
                                             False) else WhyNone.NOT_TRIED
        if tie == p.tie and why == p.why_none:
            return
        d = self.today
        self._save(lambda net: rate_peer(net, name, tie, why, d),
                   f"peermap: rate {name} {tie.value}")
        self.ui.say("ok", f"{name} is now {tie.value}.")

    def yes(self, prompt: str, default: bool) -> bool:
        while True:
            answer = parse_yes(self.ui.ask(prompt, "Y/n" if default else "y/N"), default)
            if answer is not None:
                return answer
            self.ui.say("warn", "Please answer y or n.")

    def text(self, prompt: str) -> str:
        return self.ui.ask(prompt).strip()


def _with(fn: Callable[..., object], *args: object) -> Callable[[Network], object]:
    """A change for the store: `fn(net, *args)` with the arguments bound now."""

    def change(net: Network) -> object:
        return fn(net, *args)

    return change


def _missing(name: str) -> Peer:
    raise PeermapError(f"{name} is no longer on your map (removed meanwhile?).")


def _quote(name: str) -> str:
    import shlex

    return shlex.quote(name)
