"""The weekly review (docs/review.md) as a conversation over the shared UI protocol.

Five parts: the look-back, a check-in with each focus peer, replacements for graduated
ties and an under-full focus, one relationship and one small step, then the record.
Each answer that changes something is its own short store transaction, so the lock is
never held while waiting, and Ctrl-C or the end of input keeps every answer given.

The review and the log talk to each other: a contact already logged today is not asked
about again, a contact logged here may complete the planned step (asked, never guessed),
Enter keeps a step the user planned, and ideas already offered are not offered twice.
The advice's memory is kept here too (flows/followup.py): how last week's step went,
their goals while a contact is fresh, open loops that closed, and whether anything a
peer relies on from you is at risk.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from peermap.core.books import action, is_filler
from peermap.core.errors import EndOfInput, PeermapError
from peermap.core.model import Affects, Kind, Network, Peer, Tie
from peermap.core.peers import complete_step, log_interaction
from peermap.core.ranking import focus_add, graduated, rank
from peermap.core.refs import chosen as exact
from peermap.core.refs import resolve
from peermap.core.review import (
    FocusStatus,
    default_peer,
    record_review,
    streak,
    summary,
    swap_focus,
)
from peermap.core.suggestions import suggest
from peermap.core.text import ago, check_text, count, interaction
from peermap.flows import followup
from peermap.flows.answers import parse_kind, parse_number, parse_yes, same_step, word
from peermap.flows.checkin import ask_completed, rate_if_changed
from peermap.flows.ui import UI, StoreLike, ask_until

SAVED = "Your answers so far are saved."


def no_peers_text(path: object, exists: bool) -> str:
    """Why there is nothing to review, and where to start."""
    if exists:
        return (f"There are no peers on your map yet ({path}), so there is nothing to "
                "review. Start with peermap map.")
    return (f"There is no data file yet ({path}), so there is nothing to review. "
            "Start with peermap map.")


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


class Review:
    """One review: each answer saved as it is given."""

    def __init__(self, store: StoreLike, ui: UI, today: date, *, where: str = "",
                 exists: bool = True):
        self.store, self.ui, self.today = store, ui, today
        self.where, self.exists = where, exists
        self.shown: set[str] = set()  # the ideas offered for this week's step

    def run(self) -> None:
        """The whole review; the end of input stops it cleanly (nothing is recorded)."""
        try:
            self._run()
        except EndOfInput:
            self.ui.say("info", f"End of input: stopping here. {SAVED}")

    def _run(self) -> None:
        net = self.store.load()
        if not net.peers:
            self.ui.say("info", no_peers_text(self.where, self.exists))
            return
        look_back = summary(net, self.today)
        self.ui.show(look_back)
        followup.last_step(self.store, self.ui, self.today)  # did last week's step work?
        if look_back.focus:
            self.ui.say("heading", "Checking in")
        rp = net.review_progress
        done = set(rp.checked) if rp is not None and rp.date == self.today else set()
        for st in look_back.focus:
            if st.peer in done:  # answered before the review stopped: not asked again
                self.ui.say("note", f"Already checked in with {st.peer} in this review.")
                continue
            self.check_in(st, look_back.last_review, net.settings.review_every_days)
            self.store.update(partial(_checked, name=st.peer, today=self.today),
                              f"peermap: review check-in ({st.peer})")
        self.replace_graduated()
        self.fill_focus()
        self.this_week()

    # --- asking ------------------------------------------------------------------

    def yes(self, prompt: str, default: bool) -> bool:
        return ask_until(self.ui, prompt, "", lambda a: parse_yes(a, default),
                         "Please answer y or n.")

    # --- part 2: each focus peer -------------------------------------------------

    def check_in(self, st: FocusStatus, since: date | None, every: int) -> None:
        from peermap.core.review import focus_status

        net = self.store.load()
        now = net.find(st.peer)  # a contact logged earlier in this review (a step done)
        if now is not None:
            st = focus_status(net, now, self.today)
        self.ui.show(st)
        name, last = exact(st.peer), st.last_contact  # as the file has it now
        if last is not None and last >= self.today:
            # Logged today already (before the review, or with `peermap log`): asking
            # again would only invite a duplicate entry.
            self.ui.say("note", f"Your contact with {name} today is already logged.")
        else:
            start = since or self.today - timedelta(days=every)
            if last is not None and last > start:
                question = f"Did you connect with {name} again since {last.isoformat()}?"
            elif since is not None:
                question = f"Did you connect with {name} since {since.isoformat()}?"
            else:
                question = f"Did you connect with {name} in the last {count(every, 'day')}?"
            if self.yes(f"{question} [y/N]", False):
                self.log_contact(name)
                followup.light_goal(self.store, self.ui, name, self.today)  # while fresh
        rate_if_changed(self.store, self.ui, self.today, name)
        followup.close_loops(self.store, self.ui, name, self.today)
        p = self.store.load().find(name)
        if p is not None and Affects.RELIES_ON_ME in p.affects:
            followup.at_risk(self.store, self.ui, name, self.today)

    def log_contact(self, name: str) -> None:
        """Log a contact; when a next step is planned, ask whether this completed it."""
        kind = self.choose_kind()
        while True:
            note = self.ui.ask("A note (optional):").strip()
            try:
                check_text("note", note)
                break
            except PeermapError as e:
                self.ui.say("warn", e.message)
        p = self.store.load().find(name)
        step = p.next.step if p is not None and p.next is not None else ""
        d = self.today
        if step and ask_completed(self.ui, step):
            self.store.update(lambda net: complete_step(net, name, note, kind, d),
                              f"peermap: done {name} ({kind.value})")
            self.ui.say("ok", f"Logged {interaction(kind.value)} with {name}; next step done: "
                                  f"{step}.")
            return
        self.store.update(lambda net: log_interaction(net, name, note, kind, d),
                          f"peermap: log {name} ({kind.value})")
        self.ui.say("ok", f"Logged {interaction(kind.value)} with {name}.")

    def choose_kind(self) -> Kind:
        kinds = ", ".join(k.value for k in Kind)
        return ask_until(self.ui, f"What kind? ({kinds}) [chat]", "", parse_kind,
                         f"Please answer one of: {kinds}.")

    # --- part 3: graduated ties and an under-full focus ---------------------------

    def replace_graduated(self) -> None:
        for done in graduated(self.store.load()):
            cands = rank(self.store.load(), self.today)[:5]
            self.ui.say("heading", f"{done.name} is a strong tie now: it has graduated")
            if not cands:
                self.ui.say("info", "There is no candidate to take its focus slot, so it "
                                    "stays for now.")
                continue
            for i, c in enumerate(cands, 1):
                self.ui.say("item", f"{i}. {c.peer.name} · {_tie(c.peer.tie)}", c.why)
            others = f"1-{len(cands)} = another, " if len(cands) > 1 else ""
            pick = self.pick(f"Give its focus slot to {cands[0].peer.name}? "
                             f"Enter = yes, {others}k = keep it:",
                             len(cands), keep=("k", "keep", "n", "no"))
            if pick is None:
                self.ui.say("info", f"{done.name} stays in focus.")
                continue
            new, old = exact(cands[pick].peer.name), exact(done.name)
            d = self.today
            self.store.update(partial(swap_focus, old_ref=old, new_ref=new, today=d),
                              f"peermap: focus {new} instead of {old}")
            self.ui.say("ok", f"{new} takes the focus slot of {old}.")

    def pick(self, prompt: str, n: int, keep: tuple[str, ...]) -> int | None:
        """Enter: the first (0); a number: that one; a `keep` word: None."""
        while True:
            answer = word(self.ui.ask(prompt))
            if not answer:
                return 0
            if answer in keep:
                return None
            number = parse_number(answer, n)
            if number is not None:
                return number - 1
            self.ui.say("warn", f"Please press Enter, give a number from 1 to {n}, or "
                                f"{keep[0]}.")

    def fill_focus(self) -> None:
        declined: set[str] = set()
        announced = False
        while True:
            net = self.store.load()
            have, low = len(net.focus_peers()), net.settings.focus_min
            if have >= low:
                return
            cands = [c for c in rank(net, self.today) if c.peer.key not in declined]
            if not announced:
                self.ui.say("heading", f"Focus holds {have}; you aim for at least {low}")
                announced = True
            if not cands:
                self.ui.say("info", "There are no more candidates: rate more ties or add "
                                    "peers (peermap map).")
                return
            c = cands[0]
            self.ui.say("item", c.peer.name, c.why)
            if self.yes(f"Add {c.peer.name} to focus? [Y/n]", True):
                name, d = exact(c.peer.name), self.today
                self.store.update(partial(focus_add, ref=name, today=d),
                                  f"peermap: focus add {name}")
                self.ui.say("ok", f"{name} is in focus.")
            else:
                declined.add(c.peer.key)

    # --- parts 4 and 5: one relationship, one small step; record the review -------

    def this_week(self) -> None:
        net = self.store.load()
        from peermap.core.groups import remap_due

        for *_, what, _ in remap_due(net, self.today):  # once a quarter (docs/groups.md)
            self.ui.say("info", f"Time for a short re-map ({what}; {len(net.to_meet)} on "
                                "your to-meet list: peermap meet list).")
        self.ui.say("heading", "This week: one relationship, one small step")
        peer = self.choose_peer(net)
        step = self.choose_step(net, peer)
        name, d = exact(peer.name), self.today
        def change(net: Network) -> tuple[Peer, date]:
            net.review_progress = None  # the review is recorded: nothing left to resume
            return record_review(net, name, step, d)

        p, due = self.store.update(change, lambda r: f"peermap: review ({r[0].name})")
        net = self.store.load()
        p = net.find(p.name) or p
        chosen = p.next.step if p.next else step
        self.ui.say("heading", f"Your step this week: {p.name} — {chosen} "
                               f"(due {due.isoformat()})")
        # Only ideas not just offered (and so turned down), and never the step itself.
        tips = [t for t in suggest(net, p, self.today)
                if action(t) not in self.shown and not same_step(action(t), chosen)]
        if tips:
            self.ui.say("info", "Ideas for it:")
            for t in tips:
                self.ui.say("tip", f"• {t.text}", t.name)
        self.ui.say("info", f"Review recorded. Streak: {_weeks(streak(net, self.today))} in "
                            f"a row. Next review {due.isoformat()}.")

    def choose_peer(self, net: Network) -> Peer:
        default = default_peer(net, self.today)
        focus = net.focus_peers()
        for i, p in enumerate(focus, 1):
            self.ui.say("item", f"{i}. {p.name}",
                        f"last contact {ago(p.last_contact(), self.today)}")
        hint = f"Enter = {default.name}, " if default else ""
        numbers = f"1-{len(focus)} or " if focus else ""
        while True:
            answer = self.ui.ask(f"Which relationship? {hint}{numbers}a name:").strip()
            if not answer and default is not None:
                return default
            number = parse_number(answer, len(focus))
            if number is not None:
                return focus[number - 1]
            if answer:
                try:
                    return resolve(net, answer)
                except PeermapError as e:
                    self.ui.say("warn", e.message)

    def choose_step(self, net: Network, peer: Peer) -> str:
        """The step: Enter keeps the one planned (else takes the first idea), a number
        picks an idea, anything else is the user's own words."""
        current = peer.next.step if peer.next is not None else ""
        tips = [action(t) for t in suggest(net, peer, self.today)
                if not is_filler(t) and not same_step(action(t), current)]
        choices = tips + ([current] if current else [])
        self.shown = set(tips)
        self.ui.say("info", f"Ideas for {peer.name}:")
        for i, text in enumerate(choices, 1):
            self.ui.say("tip", f"{i}. {text}")
        if current:
            self.ui.say("note", f"({len(choices)} is the current next step)")
        default = current or (tips[0] if tips else "")
        if current:
            hint = f"Enter keeps the current step ({len(choices)}), "
        else:
            hint = "Enter = 1, " if default else ""
        if len(choices) > 1 or (choices and not default):
            hint += f"1-{len(choices)} = one of these, or "
        while True:
            answer = self.ui.ask(f"One small step with {peer.name}? {hint}your own words:")
            answer = answer.strip()
            if not answer and default:
                return default
            number = parse_number(answer, len(choices))
            if number is not None:
                return choices[number - 1]
            if answer:
                try:
                    return check_text("step", answer)
                except PeermapError as e:
                    self.ui.say("warn", e.message)


def _checked(net: Network, name: str, today: date) -> None:
    """Keep that the check-in with `name` is done in today's review."""
    from peermap.core.model import ReviewProgress

    rp = net.review_progress
    if rp is None or rp.date != today:
        rp = net.review_progress = ReviewProgress(today)
    if name not in rp.checked:
        rp.checked.append(name)


def _tie(tie: Tie | None) -> str:
    return tie.value if tie is not None else "unrated"
