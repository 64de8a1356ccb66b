"""The weekly ritual and cron commands: `review` (SPEC section 7) and `remind` (section 8).

`remind` computes with the same core functions as the fast path in entry.py. The
interactive review runs over an injected `ask(prompt) -> answer` so tests
can script it; each answer that changes something is its own store transaction, so the
lock is never held while waiting, and Ctrl-C or the end of input keeps every answer given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated

import typer

from peermap.app.common import FormatOpt, TextJson, store, today
from peermap.core.errors import INTERRUPTED, PeermapError
from peermap.core.model import Kind, Tie, WhyNone
from peermap.storage.store import Store

Ask = Callable[[str], str]


def register(app: typer.Typer) -> None:
    app.command()(review)
    app.command()(remind)


def review(
    summary: Annotated[bool, typer.Option(
        "--summary", help="Print the look-back and focus status; ask nothing, change nothing.")]
    = False,
) -> None:
    """The weekly ritual: look back, check in on each focus tie, pick one small step.

    Each answer is saved the moment it is given; the end of piped input stops cleanly.

    Example: peermap review      peermap review --summary
    """
    s = store()
    if summary:
        show_summary(s, today())
        return
    code = interactive(s, terminal_ask, today())
    if code:
        raise typer.Exit(code)


def remind(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE", help="YYYY-MM-DD, today, yesterday or Nd (N days ago).",
        show_default="today")] = None,
    format: FormatOpt = TextJson.text,
) -> None:
    """What is due, for cron: one plain line each, and nothing at all when nothing is due.

    Never prompts and never changes the data file. Exit 0 unless the file is unusable.

    Example crontab line: 30 8 * * * /usr/local/bin/peermap --file ~/peers.toml remind
    """
    from peermap.core.dates import parse_date
    from peermap.core.reminders import due_items, report

    now = today()
    day = now if as_of is None else parse_date(as_of, now)
    sys.stdout.write(report(due_items(store().load(), day), day, format.value))


# --- the interactive review ------------------------------------------------------------


def terminal_ask(prompt: str) -> str:
    """Prompt on stderr (stdout stays for what the review reports); one line of stdin.

    Piped answers are echoed after the prompt so a transcript reads like a session.
    """
    sys.stderr.write(prompt + " ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:
        sys.stderr.write("\n")
        raise EOFError
    if not sys.stdin.isatty():
        sys.stderr.write(answer.rstrip("\n") + "\n")
    return answer.strip()


def show_summary(s: Store, day: date) -> None:
    from peermap.core.review import summary
    from peermap.render import ritual as R

    net = s.load()
    if not net.peers:
        R.no_peers(s.path, s.exists())
        return
    R.summary(summary(net, day))


def interactive(s: Store, ask: Ask, day: date) -> int:
    """Run the review; the exit code: 0 (also at the end of input) or 130 on Ctrl-C."""
    try:
        Session(s, ask, day).run()
    except EOFError:
        print("End of input: stopping here. Your answers so far are saved.", file=sys.stderr)
    except KeyboardInterrupt:
        print("\nYour answers so far are saved.", file=sys.stderr)
        return INTERRUPTED
    return 0


class Session:
    """One review: five parts, each answer saved as it is given."""

    def __init__(self, s: Store, ask: Ask, day: date):
        self.s, self.ask, self.today = s, ask, day

    def run(self) -> None:
        from peermap.core.review import summary
        from peermap.render import ritual as R

        net = self.s.load()
        if not net.peers:
            R.no_peers(self.s.path, self.s.exists())
            return
        look_back = summary(net, self.today)
        R.summary(look_back)
        if look_back.focus:
            R.heading("Checking in")
        for st in look_back.focus:
            self.check_in(st, look_back.last_review, net.settings.review_every_days)
        self.replace_graduated()
        self.fill_focus()
        self.this_week()

    # --- asking ------------------------------------------------------------------

    def yes(self, prompt: str, default: bool) -> bool:
        from peermap.core.vocab import parse_yes

        while True:
            answer = parse_yes(self.ask(prompt), default)
            if answer is not None:
                return answer
            self.say("Please answer y or n.")

    def say(self, markup: str) -> None:
        from peermap.render import ritual as R

        R.line(markup)

    def save(self, change, summary: str):
        return self.s.update(change, summary)

    # --- part 2: each focus peer -------------------------------------------------

    def check_in(self, st, since: date | None, every: int) -> None:
        from peermap.core.peers import check_text, log_interaction, rate_peer
        from peermap.render import ritual as R
        from peermap.render.console import safe

        R.line("\n" + R.focus_line(st, self.today))
        name = st.peer
        window = f"since {since.isoformat()}" if since else f"in the last {every} days"
        if self.yes(f"Did you connect with {_plain(name)} {window}? [y/N]", False):
            kind = self.choose_kind()
            while True:
                note = self.ask("A note (optional):")
                try:
                    check_text("note", note)
                    break
                except PeermapError as e:
                    self.say(safe(e.message))
            d = self.today
            self.save(lambda net: log_interaction(net, name, note, kind, d),
                      f"peermap: log {name} ({kind.value})")
            self.say(f"Logged {kind.value} with {safe(name)}.")
        tie, why = self.choose_tie(name, st.tie)
        if tie is not None and tie != st.tie:
            d = self.today
            self.save(lambda net: rate_peer(net, name, tie, why, d),
                      f"peermap: rate {name} {tie.value}")
            extra = " It has graduated." if tie == Tie.STRONG else ""
            self.say(f"{safe(name)} is now {tie.value}.{extra}")

    def choose_kind(self) -> Kind:
        kinds = ", ".join(k.value for k in Kind)
        while True:
            answer = self.ask(f"What kind? ({kinds}) [chat]").lower()
            if not answer:
                return Kind.CHAT
            found = [k for k in Kind if k.value == answer] or \
                [k for k in Kind if k.value.startswith(answer)]
            if len(found) == 1:
                return found[0]
            self.say(f"Please answer one of: {kinds}.")

    def choose_tie(self, name: str, current: Tie | None) -> tuple[Tie | None, WhyNone | None]:
        now = current.value if current else "unrated"
        while True:
            answer = self.ask(f"Has the tie with {_plain(name)} changed? Enter = no ({now}), "
                              "or strong / weak / nonexistent:").lower()
            if answer in ("", "n", "no", "-"):
                return None, None
            found = [t for t in Tie if t.value.startswith(answer)]
            if len(found) == 1:
                break
            self.say("Please answer strong, weak or nonexistent, or press Enter for no change.")
        tie = found[0]
        if tie != Tie.NONEXISTENT or current == Tie.NONEXISTENT:
            return tie, None
        while True:
            answer = self.ask("Why none: not-tried or clash? [not-tried]").lower()
            if not answer:
                return tie, WhyNone.NOT_TRIED
            why = [w for w in WhyNone if w.value.startswith(answer)]
            if len(why) == 1:
                return tie, why[0]
            self.say("Please answer not-tried or clash.")

    # --- part 3: graduated ties and an under-full focus ---------------------------

    def replace_graduated(self) -> None:
        from peermap.core.ranking import graduated, rank
        from peermap.core.review import swap_focus
        from peermap.render import ritual as R
        from peermap.render.console import safe

        for done in graduated(self.s.load()):
            cands = rank(self.s.load(), self.today)[:5]
            R.heading(f"{safe(done.name)} is a strong tie now: it has graduated")
            if not cands:
                self.say("There is no candidate to take its focus slot, so it stays for now.")
                continue
            R.candidates(cands)
            others = f"1-{len(cands)} = another, " if len(cands) > 1 else ""
            pick = self.pick(f"Give its focus slot to {_plain(cands[0].peer.name)}? "
                             f"Enter = yes, {others}k = keep it:",
                             len(cands), keep=("k", "keep", "n", "no"))
            if pick is None:
                self.say(f"{safe(done.name)} stays in focus.")
                continue
            new, old = cands[pick].peer.name, done.name
            self.save(lambda net, o=old, n=new: swap_focus(net, o, n, self.today),
                      f"peermap: focus {new} instead of {old}")
            self.say(f"{safe(new)} takes the focus slot of {safe(old)}.")

    def pick(self, prompt: str, n: int, keep: tuple[str, ...]) -> int | None:
        while True:
            answer = self.ask(prompt).lower()
            if not answer:
                return 0
            if answer in keep:
                return None
            if answer.isdigit() and 1 <= int(answer) <= n:
                return int(answer) - 1
            self.say(f"Please press Enter, give a number from 1 to {n}, or {keep[0]}.")

    def fill_focus(self) -> None:
        from peermap.core.ranking import focus_add, rank
        from peermap.render import ritual as R
        from peermap.render.console import safe

        declined: set[str] = set()
        announced = False
        while True:
            net = self.s.load()
            have, low = len(net.focus_peers()), net.settings.focus_min
            if have >= low:
                return
            cands = [c for c in rank(net, self.today) if c.peer.key not in declined]
            if not cands:
                if not announced:
                    R.heading(f"Focus holds {have}; you aim for at least {low}")
                self.say("There are no more candidates: rate more ties or add peers "
                         "(peermap map).")
                return
            if not announced:
                R.heading(f"Focus holds {have}; you aim for at least {low}")
                announced = True
            c = cands[0]
            self.say(f"  {safe(c.peer.name)}  [dim]{safe(c.why)}[/]")
            if self.yes(f"Add {_plain(c.peer.name)} to focus? [Y/n]", True):
                name = c.peer.name
                self.save(lambda net, n=name: focus_add(net, n, self.today),
                          f"peermap: focus add {name}")
                self.say(f"{safe(name)} is in focus.")
            else:
                declined.add(c.peer.key)

    # --- parts 4 and 5: one relationship, one small step; record the review -------

    def this_week(self) -> None:
        from peermap.core.review import record_review, streak
        from peermap.core.suggestions import suggest
        from peermap.render import ritual as R

        net = self.s.load()
        R.heading("This week: one relationship, one small step")
        peer = self.choose_peer(net)
        step = self.choose_step(net, peer)
        name, d = peer.name, self.today
        p, due = self.save(lambda net: record_review(net, name, step, d),
                           lambda r: f"peermap: review ({r[0].name})")
        net = self.s.load()
        p = net.find(p.name) or p
        R.chosen(p.name, p.next.step if p.next else step, due, suggest(net, p, self.today),
                 streak(net, self.today))

    def choose_peer(self, net):
        from peermap.core.refs import resolve
        from peermap.core.review import default_peer
        from peermap.render import ritual as R
        from peermap.render.console import ago, safe

        default = default_peer(net, self.today)
        focus = net.focus_peers()
        for i, p in enumerate(focus, 1):
            R.line(f"  {i}. {safe(p.name)}  [dim]last contact "
                   f"{ago(p.last_contact(), self.today)}[/]")
        hint = f"Enter = {_plain(default.name)}, " if default else ""
        numbers = f"1-{len(focus)} or " if focus else ""
        while True:
            answer = self.ask(f"Which relationship? {hint}{numbers}a name:")
            if not answer and default is not None:
                return default
            if answer.isdigit() and 1 <= int(answer) <= len(focus):
                return focus[int(answer) - 1]
            if answer:
                try:
                    return resolve(net, answer)
                except PeermapError as e:
                    self.say(safe(e.message))

    def choose_step(self, net, peer) -> str:
        from peermap.core.peers import check_text
        from peermap.core.suggestions import shorten, suggest, top_step
        from peermap.render import ritual as R
        from peermap.render.console import safe

        tips = [shorten(t.text) for t in suggest(net, peer, self.today)]
        top = top_step(net, peer, self.today)
        choices = list(tips)
        if peer.next is not None and peer.next.step not in choices:
            choices.append(peer.next.step)  # keeping the current step is one choice too
        R.line(f"Ideas for {safe(peer.name)}:")
        R.numbered(choices)
        if peer.next is not None and peer.next.step not in tips:
            R.line(f"  [dim]({len(choices)} is the current next step)[/]")
        hint = f"Enter = 1, 1-{len(choices)} = one of these, or " if tips and top else ""
        while True:
            answer = self.ask(f"One small step with {_plain(peer.name)}? {hint}your own words:")
            if not answer and top:
                return top
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                return choices[int(answer) - 1]
            if answer:
                try:
                    return check_text("step", answer)
                except PeermapError as e:
                    self.say(safe(e.message))


def _plain(text: str) -> str:
    """User text inside a plain prompt: control characters shown as codes."""
    from peermap.render.console import neutral

    return neutral(text)
