"""Short questions after an interaction is logged, shared by the review, `log` and `done`.

Logging and planning talk to each other here: an interaction may have completed the next
step (asked, never guessed), and a step done may have changed the tie. Each answer that
changes something is its own short store transaction.
"""

from __future__ import annotations

from datetime import date

from peermap.core.errors import PeermapError
from peermap.core.model import LogEntry, Tie, WhyNone
from peermap.core.peers import complete_with, rate_peer
from peermap.core.refs import chosen
from peermap.core.text import command
from peermap.flows.answers import parse_tie, parse_why, parse_yes, word
from peermap.flows.ui import UI, StoreLike, Talk, ask_numbers, ask_until


def tie_words(tie: Tie | None, why: WhyNone | None = None) -> str:
    """"weak", "nonexistent, not tried", "unrated"."""
    if tie is None:
        return "unrated"
    return tie.value + (f", {why.value.replace('-', ' ')}" if why else "")


def ask_tie_change(ui: UI, name: str, current: Tie | None, why_now: WhyNone | None = None,
                   ) -> tuple[Tie | None, WhyNone | None]:
    """Whether the tie changed: (None, None) for no change, else the new tie and why."""
    now = tie_words(current, why_now)

    def read(answer: str) -> Tie | bool | None:
        return False if word(answer) in ("", "n", "no", "-") else parse_tie(answer)

    tie = ask_until(ui, f"Has the tie with {name} changed? Enter = no ({now}), "
                    "or strong / weak / nonexistent:", "", read,
                    "Please answer strong, weak or nonexistent, or press Enter for no change.")
    if not isinstance(tie, Tie):
        return None, None
    if tie != Tie.NONEXISTENT or current == Tie.NONEXISTENT:
        return tie, None
    why = ask_until(ui, "Why none: not-tried or clash? [not-tried]", "",
                    lambda a: parse_why(a) if a.strip() else WhyNone.NOT_TRIED,
                    "Please answer not-tried or clash.")
    return tie, why


def rate_if_changed(store: StoreLike, ui: UI, today: date, name: str) -> None:
    """Ask whether the tie with `name` changed and record the new rating if so."""
    net = store.load()
    p = net.find(name)
    if p is None:
        return
    tie, why = ask_tie_change(ui, p.name, p.tie, p.why_none)
    if tie is None or tie == p.tie:
        return
    exact = chosen(p.name)  # this peer, never another one a prefix finds now
    store.update(lambda net: rate_peer(net, exact, tie, why, today),
                 f"peermap: rate {name} {tie.value}")
    extra = " It has graduated." if tie == Tie.STRONG and p.focus else ""
    ui.say("ok", f"{p.name} is now {tie.value}.{extra}")


def ask_completed(ui: UI, step: str) -> bool:
    """Whether the interaction just described carried out the planned next step."""
    return ask_until(ui, f"Did that complete the next step ({step})? [y/N]", "",
                     lambda a: parse_yes(a, False), "Please answer y or n.")


def after_log(store: StoreLike, ui: UI, name: str, entry: LogEntry) -> None:
    """After `peermap log`: ask whether the interaction completed the next step."""
    p = store.load().find(name)
    if p is None or p.next is None:
        return
    if not ask_completed(ui, p.next.step):
        return
    try:
        _, step = store.update(lambda net: complete_with(net, chosen(name), entry),
                               f"peermap: done {name}")
    except PeermapError as e:
        ui.say("warn", e.message)
        return
    ui.say("ok", f"Done: {step}. Plan the next one: {command('plan', name, 'STEP')}")


def ask_acted(store: StoreLike, ui: Talk, name: str, entry: LogEntry,
              tips: list[object]) -> None:
    """After a contact: did it carry out one of this week's suggestions? The answer is
    kept on the entry (`acted`, the suggestion's situation key)."""
    from peermap.core.books import action, is_filler, mark_acted, situation_key

    tips = [t for t in tips if not is_filler(t)]
    if not tips:
        return
    ui.say("question", "Did this carry out one of these?")
    for i, t in enumerate(tips, 1):
        ui.say("item", f"{i}. {action(t)}")
    picks = ask_numbers(ui, "numbers, Enter for none", "", len(tips),
                        "{bad} is not one of the numbers; try again.") or []
    if not picks:
        return
    t = tips[picks[0] - 1]
    key = situation_key(t)
    ident = (entry.date, entry.kind.value, entry.note)
    try:
        store.update(lambda net: mark_acted(net, chosen(name), ident, key),
                     f"peermap: acted {name}")
    except PeermapError as e:
        ui.say("warn", e.message)
        return
    ui.say("ok", "Noted: that suggestion is carried out.")
