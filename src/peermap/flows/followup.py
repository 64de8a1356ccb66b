"""Short questions that keep the advice's memory, shared by the review and `debrief`:
how last week's step went, something a peer relies on that is at risk, and which open
loops closed.

Each function speaks over the small ask/say protocol every flow's UI offers and saves
each answer as its own short store transaction. End of input (EndOfInput from `ask`)
propagates to the flow, which stops cleanly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from peermap.core.errors import PeermapError
from peermap.core.model import Network
from peermap.flows.ui import StoreLike, Talk, ask_numbers


def _with(fn: Callable[..., object], *args: object) -> Callable[[Network], object]:
    """A change for the store: `fn(net, *args)` with the arguments bound now."""

    def change(net: Network) -> object:
        return fn(net, *args)

    return change


def last_step(store: StoreLike, ui: Talk, today: date) -> None:
    """Ask how the step chosen at the last review went, and act on the answer: "done"
    completes it as `peermap done` does, "too big" asks for a smaller step, "wrong moment"
    for a new date, "not yet" keeps it."""
    from peermap.core.books import step_outcome
    from peermap.core.model import Outcome
    from peermap.core.outcomes import QUESTION, WORDS, parse_outcome, pending
    from peermap.core.refs import chosen

    r = pending(store.load(), today)
    if r is None:
        return
    ui.say("question", QUESTION, f"{r.peer}: {r.step}")
    while True:
        answer = ui.ask("How did it go?", "done / too big / wrong moment / not yet; "
                                          "Enter = skip")
        if not answer.strip():
            return
        outcome = parse_outcome(answer)
        if outcome is not None:
            break
        ui.say("warn", "Please answer done, too big, wrong moment or not yet "
                       "(or d, b, w, n), or press Enter to skip.")
    name = chosen(r.peer)
    done_with = store.update(_with(step_outcome, name, r.date, outcome, today),
                             f"peermap: review outcome ({outcome.value})")
    if outcome == Outcome.DONE:
        assert isinstance(done_with, tuple)
        done = f" Logged as done with {done_with[0]}." if done_with[0] else ""
        ui.say("ok", f"Noted: done.{done}")
        return
    ui.say("ok", f"Noted: {WORDS[outcome]}.")
    now = store.load().find(name)
    if now is None or now.next is None or now.next.step != r.step:
        return  # replaced or done meanwhile: nothing to change
    if outcome == Outcome.TOO_BIG:
        smaller(store, ui, name, r.step, today)
    elif outcome == Outcome.WRONG_MOMENT:
        new_date(store, ui, name, today)
    else:
        ui.say("info", f"The step stays planned: {r.step}.")


def smaller(store: StoreLike, ui: Talk, name: str, step: str, today: date) -> None:
    """After "too big": a smaller step in its place (Enter keeps it as it is)."""
    from peermap.core.peers import replan
    from peermap.core.reminders import next_review

    while True:
        answer = ui.ask(f"A smaller step with {name}?", "in your words; Enter = keep it")
        if not answer.strip():
            return
        due = next_review(store.load(), today)
        try:
            store.update(_with(replan, name, answer, due, today), f"peermap: plan {name}")
        except PeermapError as e:
            ui.say("warn", e.message)
            continue
        ui.say("ok", f"Next step with {name}, due {due.isoformat()}: "
                     f"{' '.join(answer.split())}")
        return


def new_date(store: StoreLike, ui: Talk, name: str, today: date) -> None:
    """After "wrong moment": a better date for the same step (Enter keeps its date)."""
    from peermap.core.dates import DUE_FORMS, parse_due

    while True:
        answer = ui.ask(f"When is a better moment with {name}?", f"{DUE_FORMS}; Enter = keep")
        if not answer.strip():
            return
        try:
            day = parse_due(answer, today)
            store.update(_with(_redate, name, day), f"peermap: plan {name}")
        except PeermapError as e:
            ui.say("warn", e.message)
            continue
        ui.say("ok", f"The step with {name} is now due {day.isoformat()}.")
        return


def _redate(net: Network, name: str, day: date) -> None:
    from peermap.core.model import NextStep
    from peermap.core.refs import resolve

    p = resolve(net, name)
    if p.next is None:
        raise PeermapError(f"{p.name} has no next step any more (changed elsewhere?).")
    p.next = NextStep(p.next.step, day)


def at_risk(store: StoreLike, ui: Talk, name: str, today: date) -> None:
    """For a peer who relies on your work: is anything they rely on at risk? (The only
    way bad-news advice is ever given.)"""
    from peermap.core.peers import edit_peer

    p = store.load().find(name)
    if p is None:
        return
    now = f" (now: {p.at_risk}; '-' clears it)" if p.at_risk else ""
    answer = ui.ask(f"Is anything {name} relies on from you at risk?{now}",
                    "say what, in a few words; Enter = no").strip()
    if not answer:
        return
    from peermap.core.peers import Details

    value = "" if answer == "-" else answer
    try:
        store.update(_with(edit_peer, name, Details(at_risk=value), today),
                     f"peermap: edit {name} (at risk)")
    except PeermapError as e:
        ui.say("warn", e.message)
        return
    ui.say("ok", "Cleared." if not value else
           "Noted: the advice will say to tell them early.")


def close_loops(store: StoreLike, ui: Talk, name: str, today: date, *,
                in_order: bool = False) -> None:
    """Offer to close the peer's open loops opened before today, each closed by its
    identity (date, kind, note), never by a number that may have shifted meanwhile; for
    a feedback request, ask what they said.

    `in_order` (the debrief's fixed order): ask even when there is no loop, and not what
    they said, which the debrief asked already."""
    from peermap.core.books import close_loop_by_id
    from peermap.core.model import Kind
    from peermap.core.state import state_of
    net = store.load()
    p = net.find(name)
    loops = [lp for lp in state_of(p, net, today).loops if lp.date < today] if p else []
    if not loops and not in_order:
        return
    if loops:
        ui.say("question", f"Open loops with {name}: did any close?")
    for i, lp in enumerate(loops, 1):
        ui.say("item", f"{i}. {lp.date.isoformat()} {lp.what}"
                       + (f": {lp.note}" if lp.note else ""))
    picks = ask_numbers(ui, "Numbers to close", "e.g. 1 3; Enter = none" if loops
                        else "no open loops; press Enter", len(loops),
                        "{bad} is not a number from the list; give numbers from the list, "
                        "or press Enter.") or []
    closed = 0
    for n in picks:
        lp = loops[n - 1]
        said = ""
        if lp.kind == Kind.FEEDBACK_ASKED and not in_order:
            said = ui.ask(f"What did {name} say ({lp.note or 'your request'})?",
                          "their feedback in a few words; Enter = skip").strip()
        try:
            store.update(_with(close_loop_by_id, name, lp.ident, today, said),
                         f"peermap: close {name}")
            closed += 1
        except PeermapError as e:
            ui.say("warn", e.message)
    if picks:
        ui.say("ok", f"Closed {closed}.")


def light_goal(store: StoreLike, ui: Talk, name: str, today: date) -> None:
    """One light question for a peer whose goals are not noted yet; Enter skips it."""
    from peermap.core.peers import add_context

    p = store.load().find(name)
    if p is None or p.goals:
        return
    answer = ui.ask(f"What is {name} aiming for right now?", "in your words; Enter = skip")
    if not answer.strip():
        return
    try:
        store.update(_with(add_context, name, "goals", answer, today),
                     f"peermap: goals of {name}")
        ui.say("ok", "Saved to goals; the advice will use it.")
    except PeermapError as e:
        ui.say("warn", e.message)
