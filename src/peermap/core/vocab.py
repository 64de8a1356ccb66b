"""The words for each value of the vocabulary (docs/data-file.md): one table per enum for
how peermap says it, and the parsers for how a person types it (`s`, `Weak`, `not tried`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peermap.core.model import Affects, Matters, Tie, WhyNone

TIE_DEFINITIONS = (
    ("strong", "already allies: you openly share information and help each other succeed"),
    ("weak", "there is room for improvement"),
    ("nonexistent", "you have not tried to connect, or a clash keeps you apart"),
)


@dataclass(frozen=True)
class Words:
    listed: str  # in a list of what you know about someone: "current work"
    why: str  # in the ranking's one-line reason: "matters for your current work"


MATTERS = {
    Matters.CURRENT_WORK: Words("current work", "your current work"),
    Matters.FUTURE_WORK: Words("future work", "your future work"),
    Matters.BIG_PICTURE: Words("big picture", "the big picture"),
}
AFFECTS = {
    Affects.HELPS_ME: Words("helps you get your work done", "helps your work"),
    Affects.RELIES_ON_ME: Words("depends on your work", "relies on your work"),
    Affects.SHARED_GOALS: Words("has goals like yours", "shares your goals"),
}
MATTERS_WORDS = {k: w.listed for k, w in MATTERS.items()}
AFFECTS_WORDS = {k: w.listed for k, w in AFFECTS.items()}
MATTERS_WHY = {k: w.why for k, w in MATTERS.items()}
AFFECTS_WHY = {k: w.why for k, w in AFFECTS.items()}


# --- reading answers ------------------------------------------------------------------

_TIE_WORDS = {"s": Tie.STRONG, "w": Tie.WEAK, "n": Tie.NONEXISTENT, "none": Tie.NONEXISTENT,
              "non-existent": Tie.NONEXISTENT}
_WHY_WORDS = {"t": WhyNone.NOT_TRIED, "nt": WhyNone.NOT_TRIED, "not tried": WhyNone.NOT_TRIED,
              "c": WhyNone.CLASH}
_MATTERS_WORDS = {"1": Matters.CURRENT_WORK, "2": Matters.FUTURE_WORK, "3": Matters.BIG_PICTURE,
                  "current": Matters.CURRENT_WORK, "future": Matters.FUTURE_WORK,
                  "big": Matters.BIG_PICTURE, "bigpicture": Matters.BIG_PICTURE}
_SEPARATORS = re.compile(r"[\s,;]+")


def _word(text: str) -> str:
    return " ".join(text.strip().casefold().split())


def parse_tie(text: str) -> Tie | None:
    """s / w / n or the full word (any unambiguous prefix); None when it is neither."""
    t = _word(text)
    if t in _TIE_WORDS:
        return _TIE_WORDS[t]
    found = [tie for tie in Tie if tie.value.startswith(t)] if t else []
    return found[0] if len(found) == 1 else None


def parse_why(text: str) -> WhyNone | None:
    t = _word(text)
    if t in _WHY_WORDS:
        return _WHY_WORDS[t]
    found = [w for w in WhyNone if w.value.startswith(t.replace(" ", "-"))] if t else []
    return found[0] if len(found) == 1 else None


def parse_matters(text: str) -> list[Matters]:
    """Numbers or names ("1 3", "current, big-picture"); ValueError names a bad word."""
    out: list[Matters] = []
    for token in _SEPARATORS.split(text.casefold().replace("-", " ").strip()):
        if not token or token in ("work", "picture", "and"):
            continue
        m = _MATTERS_WORDS.get(token)
        if m is None:
            raise ValueError(token)
        if m not in out:
            out.append(m)
    return out


def is_number(text: str) -> bool:
    """ASCII digits only, at most 9 of them: "²" and "٣" are digits to Python, not here."""
    return text.isascii() and text.isdigit() and len(text) <= 9


def shown(text: str, width: int = 12) -> str:
    """A word echoed back in an error, cut when long (5,000 digits are not repeated)."""
    return text if len(text) <= width else text[:width] + "…"


def parse_count(text: str, what: str) -> int:
    """A whole number typed by the user (ASCII digits), or PeermapError naming it."""
    from peermap.core.errors import PeermapError

    t = text.strip()
    if not is_number(t):
        raise PeermapError(f"the {what} must be a whole number like 1 or 2, not "
                           f"{shown(t)!r}.")
    return int(t)


def parse_numbers(text: str, count: int) -> list[int]:
    """Choice numbers 1..count in the order given, each once; ValueError names a bad one."""
    out: list[int] = []
    for token in _SEPARATORS.split(text.strip()):
        if not token:
            continue
        if not is_number(token) or not 1 <= int(token) <= count:
            raise ValueError(shown(token))
        if int(token) not in out:
            out.append(int(token))
    return out


def parse_yes(text: str, default: bool = True) -> bool | None:
    t = _word(text)
    if not t:
        return default
    if t in ("y", "yes"):
        return True
    if t in ("n", "no"):
        return False
    return None
