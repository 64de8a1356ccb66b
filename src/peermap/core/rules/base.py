"""What every advice unit shares: the unit itself, the words helpers and the quoting rule
(docs/advice.md). Pure; imports only core."""

from __future__ import annotations

import re
import zlib
from datetime import date

from peermap.core.model import Network, Peer
from peermap.core.text import COMMON as COMMON  # the units import the words helpers here
from peermap.core.text import words as words

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
QUOTE_WIDTH = 70

# A text: (principle key, template). Fields: {n} the peer's short name, {arg} the name
# quoted for a shell, and whatever the unit's condition returns.
Texts = tuple[tuple[str, str], ...]
Fields = dict[str, str]


def key(text: str) -> str:
    return " ".join(text.split()).casefold()


def crc(text: str) -> int:
    # crc32, not hash(): str hashes change between runs, the advice must not.
    return zlib.crc32(text.encode("utf-8"))


def week_seed(today: date) -> int:
    """The week's number, one more each week (Monday to Sunday read the same)."""
    return (today.toordinal() - 1) // 7


def day(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.day}"


def span(days: int) -> str:
    if days < 14:
        return "1 day" if days == 1 else f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    return f"{days // 30} months"


def times(n: int) -> str:
    """A count in words: nothing, once, twice, 3 times."""
    return {0: "nothing", 1: "once", 2: "twice"}.get(n, f"{n} times")


def quote(text: str, width: int = QUOTE_WIDTH) -> str:
    """The user's words in double quotes, on one line, cut at a word when long; a full
    stop (or other end mark but ? and !) of their own is left out."""
    t = " ".join(text.split()).rstrip(".;,: ")
    if len(t) > width:
        t = t[: width - 1].rsplit(" ", 1)[0].rstrip(".;,: ") + "…"
    return f"\"{t}\""


def short_name_of(net: Network, p: Peer) -> str:
    """First name, or the full name when another peer shares that first name."""
    first_words = p.name.split()
    if not first_words:
        return p.name
    first = first_words[0].casefold()
    clash = any(q is not p and q.name.split()[:1] and q.name.split()[0].casefold() == first
                for q in net.peers)
    return p.name if clash else first_words[0]


_YOUR_WORDS = re.compile(r" ?\((?:[^()]*, )?your (?:words|log|note)(?: of [A-Z][a-z]{2} \d+)?\)")
_ASIDE = re.compile(r" \([^()\"]*\)")
_COMMAND = re.compile(r"(?:[:;,.]? *(?:Then: )?peermap [^.;]*)$")


def _pieces(text: str) -> list[str]:
    """Sentences and clauses (split at "; " and ". X", never inside the user's quotes)."""
    out: list[str] = []
    inside = False
    start = 0
    for i, ch in enumerate(text):
        if ch == '"':
            inside = not inside
        elif inside:
            continue
        elif ch == ";" or (ch in ".?!" and text[i + 1:i + 2] == " "
                            and text[i + 2:i + 3].isupper()):
            out.append(text[start:i + (ch in "?!")])
            start = i + 1
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]


def step_of(text: str, name: str) -> str:
    """The action alone: the first sentence or clause that names the peer, without the
    "your words" marks, a command or the rationale."""
    t = _ASIDE.sub("", _COMMAND.sub("", _YOUR_WORDS.sub("", text))).strip()
    pieces = _pieces(t)
    chosen = next((p for p in pieces if name in p), pieces[0] if pieces else t)
    chosen = _COMMAND.sub("", chosen).strip().rstrip(".:,; ")
    return chosen[:1].upper() + chosen[1:]
