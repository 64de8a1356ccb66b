"""The guided walkthrough (docs/walkthrough.md) as four steps over an injected conversation.

The wizard never touches a terminal: it asks through `UI.ask` and speaks through
`UI.say` (flows/ui.py), so tests feed it a list of answers and the terminal front end
lives in render/wizard.py. Every answer is its own short store transaction (the lock is
never held while waiting for the user), so an interrupted walkthrough keeps everything answered, and
`peermap map` resumes at the first step with work left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from peermap.core.books import action, is_filler
from peermap.core.duplicates import near_duplicates, similar  # noqa: F401 (moved to core)
from peermap.core.errors import EndOfInput, PeermapError
from peermap.core.model import (
    WALKTHROUGH_STEPS,
    Affects,
    Matters,
    Network,
    Peer,
    Progress,
    Tie,
    WhyNone,
    name_key,
)
from peermap.core.peers import Details, add_peer, edit_peer, plan_step, set_tie, valid_name
from peermap.core.ranking import focus_set, is_candidate, left_out, rank
from peermap.core.reminders import next_review
from peermap.core.suggestions import suggest
from peermap.core.vocab import AFFECTS_WORDS, MATTERS_WORDS, TIE_DEFINITIONS
from peermap.flows.answers import (
    parse_matters,
    parse_numbers,
    parse_tie,
    parse_why,
    parse_yes,
    same_step,
)
from peermap.flows.followup import light_goal
from peermap.flows.ui import UI, StoreLike
from peermap.flows.ui import and_ as _and
from peermap.flows.ui import plural as _plural

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


class Wizard:
    def __init__(self, store: StoreLike, ui: UI, today: date):
        self.store = store
        self.ui = ui
        self.today = today
        self.picked: list[str] = []  # focus peers in the order picked in this run

    # the whole run

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

    def header(self, step: str) -> None:
        n = STEPS.index(step) + 1
        self.ui.say("step", TITLES[step], f"Step {n} of {len(STEPS)}")
        self.ui.say("intro", INTRO[step])

    def progress(self, step: str, text: str) -> None:
        self.ui.say("progress", f"step {STEPS.index(step) + 1} of {len(STEPS)} · {text}")

    def save(self, change: Callable[[Network], T], summary: str) -> T:
        """One answer, one transaction: the lock is held only while writing it."""
        return self.store.update(change, f"peermap: map: {summary}")

    def stopped(self) -> None:
        net = self.store.load()
        step = first_step(net)
        question = resume_question(net) if step == "brainstorm" else None
        at = f", question {question}" if question else ""
        where = (f"it picks up at step {STEPS.index(step) + 1} ({TITLES[step].lower()}{at})"
                 if step else "there is nothing left to do")
        self.ui.say("info", f"End of input. Your answers so far are saved; run `peermap map` "
                            f"again and {where}.")

    # step 1

    def brainstorm(self, redo: bool = False) -> None:
        self.header("brainstorm")
        net = self.store.load()
        if _profile_empty(net) and (redo or net.walkthrough is None):
            self.about_me()
            net = self.store.load()
        start = 1 if redo else resume_question(net) or 1
        if start > 1:
            self.ui.say("info", f"Picking up at question {start} of {len(PROMPTS)}.")
        for i, prompt in enumerate(PROMPTS, 1):
            if i < start:
                continue
            self.save(_progress(i), f"brainstorm question {i}")
            self.progress("brainstorm", f"question {i} of {len(PROMPTS)} · "
                          f"{_plural(len(net.peers), 'peer')} on your map")
            self.ui.say("question", _question(prompt, net),
                        "One name per line; an empty line goes on." if i == start else "")
            while True:
                name = self.ui.ask("name").strip()
                if not name:
                    break
                self.one_name(name, prompt)
            net = self.store.load()
        self.save(_progress(None), "brainstorm done")

    def about_me(self) -> None:
        self.progress("brainstorm", "about you")
        self.ui.say("question", "First, about you:", "your team and location show which ties "
                                "reach beyond them, your strengths what you can offer "
                                "(Enter skips).")
        for field, label in (("name", "your name"), ("team", "your team"),
                             ("location", "your location")):
            answer = " ".join(self.ui.ask(label).split())
            if answer:
                self.save_me(field, answer)
        answer = self.ui.ask("two or three strengths", "comma between them, e.g. SQL tuning, "
                                                        "incident reviews")
        strengths = [" ".join(x.split()) for x in answer.replace(";", ",").split(",")]
        if any(strengths):
            self.save_me("strengths", [x for x in strengths if x])

    def save_me(self, field: str, value: str | list[str]) -> None:
        try:
            self.save(_me_setter(field, value), f"me {field}")
        except PeermapError as e:
            self.ui.say("warn", e.message)

    def one_name(self, name: str, prompt: Prompt) -> None:
        try:
            name = valid_name(name)
        except PeermapError as e:
            self.ui.say("warn", e.message)
            return
        net = self.store.load()
        same = net.find(name)
        if same is None:
            for p in near_duplicates(net, name):
                answer = None
                while answer is None:
                    answer = parse_yes(self.ui.ask(f"same as {p.name}?", "Y/n"))
                if answer:
                    same = p
                    break
        if same is not None:
            self.gain(same.name, prompt)
            return
        details = Details(affects=[prompt.affects] if prompt.affects else None,
                          matters=[prompt.matters] if prompt.matters else None)
        try:
            p = self.save(lambda net: add_peer(net, name, details, self.today), f"add {name}")
        except PeermapError as e:  # added elsewhere meanwhile, say
            self.ui.say("warn", e.message)
            return
        self.where(p.name, own_team=self.store.load().me.team if prompt.own_team else "")

    def gain(self, name: str, prompt: Prompt) -> None:
        """An existing peer gains this question's category instead of a duplicate."""
        def change(net: Network) -> bool:
            p = _peer(net, name)
            if prompt.affects and prompt.affects not in p.affects:
                p.affects.append(prompt.affects)
                return True
            if prompt.matters and prompt.matters not in p.matters:
                p.matters.append(prompt.matters)
                return True
            return False

        gained = self.save(change, f"note {name}")
        if gained:
            self.ui.say("ok", f"{name} is already on your map; noted: {prompt.noted}.")
        else:
            self.ui.say("ok", f"{name} is already on your map.")

    def where(self, name: str, own_team: str = "") -> None:
        """Team and location, each asked on its own (Enter skips either one).

        A name given for your own team joins it without asking.
        """
        team = own_team
        if team:
            self.edit(name, Details(team=team), "team")
        else:
            team = " ".join(self.ui.ask("  team", "Enter skips").split())
            if team:
                self.edit(name, Details(team=team), "team")
        location = " ".join(self.ui.ask("  location", "Enter skips").split())
        if location:
            self.edit(name, Details(location=location), "location")
        self.ui.say("ok", f"Added {name}" + (f" ({', '.join(x for x in (team, location) if x)})"
                                             if team or location else ""))

    def edit(self, name: str, details: Details, what: str) -> None:
        try:
            self.save(lambda net: edit_peer(net, _peer(net, name).name, details, self.today),
                      f"{what} of {name}")
        except PeermapError as e:
            self.ui.say("warn", e.message)

    # step 2

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

    # step 3

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

    # step 4

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
                light_goal(self.store, self.ui, name)

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
                return
            if answer.isascii() and answer.isdigit():
                if len(answer) > 3 or not 1 <= int(answer) <= len(tips):
                    self.ui.say("warn", f"There is no suggestion {answer[:12]}.")
                    continue
                answer = tips[int(answer) - 1]
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

    STEP_FUNCTIONS = {"brainstorm": brainstorm, "rate": rate, "focus": focus,
                      "follow-up": follow_up}

    # the end

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
        from peermap.core.peers import check_text

        if isinstance(value, list):
            setattr(net.me, field, [check_text(field.rstrip("s"), x) for x in value])
        else:
            setattr(net.me, field, check_text(field, value))

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
