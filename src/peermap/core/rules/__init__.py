"""The advice as parts (docs/advice.md): every situation is a `Unit` (a condition over the
peer's facts, its texts, its principle and a stable situation key), registered here in
one table. `core.suggestions` turns the units that fit into one plan per peer."""

from __future__ import annotations

from peermap.core.rules import clash, ideas, urgent
from peermap.core.rules.base import Fields
from peermap.core.rules.facts import Facts
from peermap.core.rules.unit import Unit

UNITS: tuple[Unit, ...] = (*urgent.UNITS, *clash.UNITS, *ideas.UNITS)
BY_SLOT: dict[str, Unit] = {u.slot: u for u in UNITS}
SITUATIONS: tuple[str, ...] = tuple(dict.fromkeys(u.situation for u in UNITS))

# Situations that must not stand next to each other in one plan: bad news beside "it is
# easier before anything is at stake", a new ask beside a promise still owed...
CONFLICTS: dict[str, frozenset[str]] = {
    "bad-news-early": frozenset({"first-contact", "ask-feedback", "meet-someone",
                                 "big-picture", "newcomer", "bridge", "learn"}),
    # ...and while your own promise to them is owed, neither chasing them for something
    # nor offering something new: deliver what you promised first.
    "keep-promise": frozenset({"ask-feedback", "meet-someone", "close-loop", "give-first"}),
    "close-loop": frozenset({"ask-feedback"}),
    "answer-ask": frozenset({"ask-feedback"}),
    "clash-repair": frozenset({"first-contact", "bridge", "learn", "meet-someone"}),
    "rethink-focus": frozenset({"reconnect"}),
}


def conflict(a: str, b: str) -> bool:
    return b in CONFLICTS.get(a, frozenset()) or a in CONFLICTS.get(b, frozenset())


def all_texts() -> list[tuple[str, str, str]]:
    """(slot, principle key, template) for every text of every unit."""
    return [(u.slot, k, t) for u in UNITS for k, t in u.texts]


def fitting(x: Facts) -> list[tuple[Unit, Fields]]:
    """Every unit whose condition holds for this peer, in table order."""
    out = []
    for u in UNITS:
        fields = u.when(x)
        if fields is not None:
            out.append((u, fields))
    return out


__all__ = ["BY_SLOT", "all_texts", "CONFLICTS", "SITUATIONS", "UNITS", "Facts", "Fields", "Unit",
           "conflict", "fitting"]
