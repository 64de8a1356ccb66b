"""One unit of the advice: a situation's condition, texts, principle and key
(docs/advice.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peermap.core.rules.base import Fields, Texts
from peermap.core.rules.facts import Facts


@dataclass(frozen=True)
class Unit:
    """One situation of the advice: when it fits, what it says, why (its principle)."""

    situation: str  # stable key (docs/advice.md)
    slot: str  # this unit's own name; a situation may have several units
    texts: Texts
    when: Callable[[Facts], Fields | None]
    # 0: an idea only; 1.. : may be the `now` item, the lower the more urgent.
    urgency: int = 0
    # Texts in order of directness: the now item takes the text of its stage (weeks the
    # situation has lasted) instead of the week's turn, so it escalates.
    escalates: bool = False
    # Quotes something only this peer has (their goal, a log note, a remembered fact).
    personal: bool = False
    # The field holding the step itself, for units about the planned step (else the step
    # is read from the text).
    step_field: str = ""
