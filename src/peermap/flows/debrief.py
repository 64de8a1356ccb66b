"""`peermap debrief`: after a 1:1, save what you learned, what you promised, what they asked
of you, the feedback they gave, which loops closed, what was said in confidence, whether
anything is at risk, whether the tie changed, and the next step.

The questions come in one fixed order that never depends on the peer (docs/books.md), so
a script of answers always lands in the right fields. Every save addresses what the user
saw: the peer by its exact name (never a prefix that may find another peer after a
concurrent merge or remove) and each loop by its date, kind and note (never by a number
that shifts when another peermap closes one). When it is gone or changed, the debrief
says so and saves nothing for it. Each answer is its own short store transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from peermap.core import debrief as D
from peermap.core.errors import EndOfInput, PeermapError
from peermap.core.model import LogEntry, Network, Peer, Tie, WhyNone
from peermap.core.refs import Chosen, chosen, resolve
from peermap.core.text import shell_quote
from peermap.flows.ui import StoreLike, Talk, ask_numbers


def _on(name: Chosen, fn: Callable[..., object], *args: object) -> Callable[[Network], object]:
    """A change applied to the peer with exactly this name (an error when it is gone)."""

    def change(net: Network) -> object:
        return fn(resolve(net, name), *args)

    return change


class Debrief:
    def __init__(self, store: StoreLike, ui: Talk, today: date):
        self.store, self.ui, self.today = store, ui, today
        self.name = chosen("")

    def run(self, ref: str) -> None:
        """The whole debrief; EndOfInput stops it cleanly (answers so far are saved)."""
        net = self.store.load()
        p = resolve(net, ref)
        self.name = chosen(p.name)
        self.ui.say("heading", f"Debrief: {p.name}")
        try:
            self.questions(net, p)
        except EndOfInput:
            self.ui.say("info", "End of input: stopping here. Your answers so far are saved.")
            return
        self.ui.say("ok", f"Debrief saved. Before the next 1:1: peermap brief "
                          f"{shell_quote(self.name)}")

    def questions(self, net: Network, p: Peer) -> None:
        """Every question, always, in this order (`net`, `p`: as the debrief began)."""
        tips = self.suggestions(net, p)
        self.met(tips)
        self.still_holds()
        self.items("goals", "What did you learn about their goals?", "goal")
        self.items("pressures", "What are they under pressure to deliver?", "pressure")
        self.promises()
        self.asked_of_you()
        self.to_meet()
        self.feedback()
        self.close()
        self.private()
        self.at_risk()
        self.tie()
        self.next_step()

    # --- saving ------------------------------------------------------------------

    def save(self, fn: Callable[..., object], *args: object, what: str = "debrief") -> bool:
        """Save one answer on this peer; False (and a warning) when it could not be."""
        try:
            self.store.update(_on(self.name, fn, *args), f"peermap: {what} {self.name}")
        except PeermapError as e:
            self.ui.say("warn", e.message)
            return False
        return True

    def peer(self) -> Peer | None:
        return self.store.load().find(self.name)

    # --- the questions -----------------------------------------------------------

    def suggestions(self, net: Network, p: Peer) -> list[object]:
        """This week's suggestions, asked about after the contact (at a terminal only)."""
        if not getattr(self.ui, "interactive", False):
            return []
        from peermap.core.books import is_filler
        from peermap.core.suggestions import suggest_all

        return [t for t in suggest_all(net, [p], self.today)[0][1] if not is_filler(t)]

    def met(self, tips: list[object]) -> None:
        from peermap.flows.checkin import ask_acted

        logged = self.yes(f"Log the 1:1 with {self.name} as met today?", True)
        note = self.text("A note on how it went", "optional; Enter = none")
        if not logged:
            return
        try:
            entry = self.store.update(_on(self.name, D.log_met, note, self.today),
                                      f"peermap: log {self.name}")
        except PeermapError as e:
            self.ui.say("warn", e.message)
            return
        self.ui.say("ok", f"Logged met with {self.name}.")
        if isinstance(entry, LogEntry):
            ask_acted(self.store, self.ui, self.name, entry, tips)

    def still_holds(self) -> None:
        """Goals and pressures not confirmed in twelve weeks: which still hold? Asked at a
        terminal only, so a script of answers keeps the questions it was written for
        (a script uses --kept and --dropped)."""
        from peermap.core.goals import to_check
        p = self.peer()
        old = to_check(p, self.today) if p is not None else []
        if not old or not getattr(self.ui, "interactive", False):
            return
        self.ui.say("question", "Do these still hold? (not confirmed in twelve weeks)")
        for i, (f, text, since) in enumerate(old, 1):
            self.ui.say("item", f"{i}. {f.removesuffix('s')}: {text} (last confirmed "
                                f"{since.isoformat()})")
        picks = ask_numbers(self.ui, "Numbers that no longer hold",
                            "e.g. 2; Enter = all still hold; '-' = did not come up", len(old),
                            "{bad} is not a number from the list; try again.", skip="-")
        if picks is None:
            return
        kept = [t for i, (_, t, _) in enumerate(old, 1) if i not in picks]
        dropped = [old[n - 1][1] for n in picks]
        if self.save(D.still_holds, kept, dropped, self.today, what="goals"):
            parts = [f"{len(kept)} still holding (confirmed today)"] if kept else []
            parts += [f"{len(dropped)} dropped (a changed one goes in the next question)"
                      ] if dropped else []
            self.ui.say("ok", "Noted: " + "; ".join(parts) + ".")

    def items(self, field_name: str, question: str, prompt: str) -> None:
        self.ui.say("question", question, "one per line in your words; blank line to go on")
        while answer := self.ui.ask(prompt).strip():
            if self.save(D.add_item, field_name, answer, self.today, what=field_name):
                self.ui.say("ok", f"Saved to {field_name}.")

    def promises(self) -> None:
        from peermap.core.dates import parse_due

        self.ui.say("question", "What did you promise?",
                    "one per line; end a line with 'due DATE' to give its date; blank line "
                    "to go on")
        while answer := self.ui.ask("promise").strip():
            text, _, tail = answer.rpartition(" due ")
            due = None
            if text.strip() and tail.strip():
                try:
                    due = parse_due(tail, self.today)
                except PeermapError:
                    text, due = answer, None
            else:
                text = answer
            if self.save(D.promise, text, due, self.today, what="promise"):
                when = f", due {due.isoformat()}" if due else ""
                self.ui.say("ok", f"Saved as an open loop{when} (peermap close "
                                  f"{shell_quote(self.name)} closes it).")

    def asked_of_you(self) -> None:
        self.ui.say("question", "What did they ask of you?",
                    "one per line; each is a loop you owe until closed; blank line to go on")
        while answer := self.ui.ask("they asked").strip():
            if self.save(D.they_asked, answer, self.today, what="they-asked"):
                self.ui.say("ok", "Saved as a loop you owe.")

    def to_meet(self) -> None:
        self.ui.say("question", "Whom did they suggest you meet?",
                    "one name per line; blank line to go on")
        while answer := self.ui.ask("meet").strip():
            def change(net: Network, name: str = answer) -> str:
                return D.meet(net, resolve(net, self.name), name, self.today)[0].name

            try:
                added = self.store.update(change, f"peermap: meet via {self.name}")
            except PeermapError as e:
                self.ui.say("warn", e.message)
                continue
            self.ui.say("ok", f"Added {added} to your to-meet list (via {self.name}).")

    def feedback(self) -> None:
        said = self.text("Feedback they gave you", "in their words; Enter = none")
        will = self.text("What will you do with it?", "Enter = nothing yet")
        if said.strip() and self.save(D.feedback, said, will, self.today, what="feedback"):
            self.ui.say("ok", "Saved the feedback.")

    def close(self) -> None:
        """Offer the peer's open loops (as they stand now) and close the ones picked,
        each by its identity (asked even when there are none: the fixed order)."""
        from peermap.flows.followup import close_loops

        close_loops(self.store, self.ui, self.name, self.today, in_order=True)

    def private(self) -> None:
        said = self.text("Anything said in confidence?",
                         "kept in your notes marked private; Enter = none")
        if said.strip() and self.save(D.add_private, said, what="private note"):
            self.ui.say("ok", "Kept in your notes, marked private.")

    def at_risk(self) -> None:
        p = self.peer()
        now = f" (now: {p.at_risk}; '-' clears it)" if p is not None and p.at_risk else ""
        answer = self.text(f"Is anything {self.name} relies on from you at risk?{now}",
                           "say what, in a few words; Enter = no")
        if answer.strip() and self.save(D.set_at_risk, answer, what="at risk"):
            self.ui.say("ok", "Cleared." if answer.strip() == "-" else
                        "Noted: the advice will say to tell them early.")

    def tie(self) -> None:
        from peermap.core.vocab import parse_tie

        p = self.peer()
        now = (p.tie.value if p.tie else "unrated") if p is not None else "unrated"
        while True:
            answer = self.ui.ask(f"Has the tie with {self.name} changed?",
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
        if p is not None and tie == p.tie and (tie != Tie.NONEXISTENT or why == p.why_none):
            return
        if self.save(D.set_tie, tie, why, self.today, what=f"rate {tie.value}"):
            self.ui.say("ok", f"{self.name} is now {tie.value}.")

    def next_step(self) -> None:
        from peermap.core.dates import DUE_FORMS, parse_due
        from peermap.core.peers import replan
        from peermap.core.reminders import next_review

        step = self.text("Your next step with them?", "Enter = none")
        while True:
            answer = self.ui.ask("Due", f"{DUE_FORMS}; Enter = your next review").strip()
            try:
                due = parse_due(answer, self.today) if answer else None
                break
            except PeermapError as e:
                self.ui.say("warn", e.message)
        if not step.strip():
            return
        day = due or next_review(self.store.load(), self.today)
        try:
            self.store.update(lambda net: replan(net, self.name, step, day, self.today),
                              f"peermap: plan {self.name}")
        except PeermapError as e:
            self.ui.say("warn", e.message)
            return
        self.ui.say("ok", f"Next step with {self.name}, due {day.isoformat()}.")

    # --- answers ----------------------------------------------------------------

    def text(self, prompt: str, hint: str) -> str:
        """One line of the user's words, asked until it has no control characters."""
        from peermap.core.text import check_text

        while True:
            answer = self.ui.ask(prompt, hint).strip()
            try:
                return check_text("answer", answer)
            except PeermapError as e:
                self.ui.say("warn", e.message)

    def yes(self, prompt: str, default: bool) -> bool:
        from peermap.core.vocab import parse_yes

        while True:
            answer = parse_yes(self.ui.ask(prompt, "Y/n" if default else "y/N"), default)
            if answer is not None:
                return answer
            self.ui.say("warn", "Please answer y or n.")
