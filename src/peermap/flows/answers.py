"""Reading a person's answers in a flow: the vocabulary parsers of core/vocab.py, plus
choice numbers, log kinds and suggestions taken as steps.

Every interactive flow parses answers here, so "s", "W" or "Strong" mean the same in
the walkthrough and the review. A parser returns None (or raises ValueError naming the
bad word) when it cannot read the answer; the flow then asks again.
"""

from __future__ import annotations

from peermap.core.model import Kind
from peermap.core.vocab import parse_matters, parse_numbers, parse_tie, parse_why, parse_yes

__all__ = ["parse_kind", "parse_matters", "parse_number", "parse_numbers", "parse_tie",
           "parse_why", "parse_yes", "same_step", "step_text", "word"]


def word(text: str) -> str:
    """An answer folded for comparison: trimmed, case-folded, inner spaces collapsed."""
    return " ".join(text.strip().casefold().split())


def parse_number(text: str, count: int) -> int | None:
    """One choice number 1..count, or None."""
    from peermap.core.vocab import is_number

    t = text.strip()
    return int(t) if is_number(t) and 1 <= int(t) <= count else None


def parse_kind(text: str, default: Kind = Kind.CHAT) -> Kind | None:
    """A log kind by its name or a unique prefix; an empty answer is `default`."""
    t = word(text)
    if not t:
        return default
    found = [k for k in Kind if k.value == t] or [k for k in Kind if k.value.startswith(t)]
    return found[0] if len(found) == 1 else None


def step_text(advice: str) -> str:
    """A suggestion as a next step, whole: spaces folded, the closing full stop dropped.

    Never shortened: a step cut mid-sentence is advice lost.
    """
    return " ".join(advice.split()).rstrip(".")


def same_step(advice: str, step: str) -> bool:
    """Whether a suggestion says the step already planned (so it is not offered again)."""
    return bool(step) and word(step_text(advice)) == word(step_text(step))
