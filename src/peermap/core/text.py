"""Text rules shared by every layer: names and their identity, refused characters, and
the small wordings (lists, ages, shell commands, spreadsheet cells) that must read the
same wherever they are printed."""

from __future__ import annotations

import functools
import re
import shlex
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import TypeVar

T = TypeVar("T")


@functools.lru_cache(maxsize=1 << 16)  # names repeat: every lookup, sort and check
def clean_name(name: str) -> str:
    """A name as stored: NFC, invisible format characters dropped, surrounding
    whitespace dropped, inner runs folded to one.

    Format characters (zero-width space U+200B, word joiner U+2060, direction marks
    U+200E/U+200F, soft hyphen U+00AD, ...) are invisible, so two names differing only by
    them would be look-alike duplicates. Zero-width (non-)joiners U+200C/U+200D are kept:
    they change how Persian, Indic and emoji text is written.
    """
    name = unicodedata.normalize("NFC", name)
    if not name.isascii():
        name = "".join(ch for ch in name
                       if ch in "\u200c\u200d" or unicodedata.category(ch) != "Cf")
    return " ".join(name.split())


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The identity of a name: two names with the same key are the same peer."""
    return clean_name(name).casefold()


_REFUSED = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_bad_patterns: dict[bool, re.Pattern[str]] = {}


def bad_char(text: str, *, multiline: bool = False) -> str | None:
    """The first character peermap refuses in user text, or None.

    Control characters (C0, DEL, C1) would let a name rewrite the terminal; bidirectional
    overrides would let it display as something it is not. Notes may hold tabs and
    newlines.
    """
    pattern = _bad_patterns.get(multiline)
    if pattern is None:
        chars = _REFUSED.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f") if multiline else _REFUSED
        pattern = _bad_patterns[multiline] = re.compile(f"[{chars}]")
    m = pattern.search(text)
    return m.group() if m else None


def neutral(text: object, *, multiline: bool = False) -> str:
    """Text with refused characters made visible as \\x/\\u codes (safe for a terminal)."""
    text = str(text)
    if bad_char(text, multiline=multiline) is None:
        return text
    pattern = _bad_patterns[multiline]

    def code(m: re.Match[str]) -> str:
        o = ord(m.group())
        return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"

    return pattern.sub(code, text)


def describe_char(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def bad_char_problem(label: str, text: str, *, multiline: bool = False) -> str | None:
    """The one wording of a refused character in user text, or None when there is none:
    "the team contains a control or direction-override character (U+001B)"."""
    ch = bad_char(text, multiline=multiline)
    if ch is None:
        return None
    return f"{label} contains a control or direction-override character ({describe_char(ch)})"



@functools.lru_cache(maxsize=1 << 16)  # an import compares each name with several
def fold(text: str) -> str:
    """A name key without accents, so `zoe` finds Zoë."""
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def join_and(words: list[str]) -> str:
    """Words joined as a sentence lists them: `a`, `a and b`, `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plural(word: str) -> str:
    """The regular English plural: goals, replies, passes (days, not dayies)."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def count(n: int, word: str, plural_form: str | None = None) -> str:
    """A number and its noun, agreeing: `1 goal`, `2 goals`, `0 peers`."""
    return f"{n} {word if n == 1 else plural_form or plural(word)}"


def article(word: str) -> str:
    """`a` or `an` before a word, by its sound in the usual cases: an ask, a promise."""
    first = word.lstrip()[:1].lower()
    return f"an {word}" if first and first in "aeiou" else f"a {word}"


def sentence(text: str) -> str:
    """Text ending a sentence: one full stop, even after "Mei T." or the user's own "!"."""
    return text if text.endswith((".", "!", "?")) else text + "."


def interaction(kind: str) -> str:
    """A log kind as a sentence names it: `an asked interaction`, `a chat interaction`."""
    return article(kind) + " interaction"


# An open loop by its kind, as a noun: "Closed the promise of 2026-12-04".
LOOP_NOUNS = {"asked": "ask", "feedback-asked": "feedback request", "promised": "promise",
              "they-asked": "ask of theirs"}


def loop_noun(kind: str) -> str:
    return LOOP_NOUNS.get(kind, kind)


def days_ago(days: int) -> str:
    """A day count in words: today, yesterday, 5 days ago, tomorrow, in 3 days."""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return "tomorrow" if days == -1 else f"in {-days} days"
    return f"{days} days ago"


def ago(d: date | None, today: date) -> str:
    """How long ago a date was, in words; "never" for no date."""
    return "never" if d is None else days_ago((today - d).days)


def shell_quote(word: str) -> str:
    """A word quoted so that a printed command runs as printed in a POSIX shell."""
    return shlex.quote(word)


def command(*words: str) -> str:
    """A printable `peermap ...` command line, each argument quoted as needed."""
    return " ".join(["peermap", *(shell_quote(w) for w in words)])


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: str) -> str:
    """Prefix `'` to a cell a spreadsheet would take as a formula (`unguard_cell` undoes it).

    A cell that already starts with `'` is guarded too, so the round trip is exact.
    """
    return "'" + value if value.startswith((*FORMULA_START, "'")) else value


def unguard_cell(cell: str) -> str:
    """The value `guard_cell` was given."""
    return cell[1:] if cell.startswith("'") and cell[1:2] and (
        cell[1:].startswith((*FORMULA_START, "'"))) else cell


# Words that say nothing of what a text is about: two texts share a subject when they
# share a word outside these (the advice, and how old a goal is: docs/books.md).
COMMON = frozenset({
    "and", "or", "the", "of", "for", "a", "an", "to", "in", "on", "with", "at", "by", "what",
    "her", "his", "their", "they", "them", "about", "after", "before", "you", "your", "is",
    "it", "that", "this", "one", "i", "me", "my", "we", "our"})


@functools.lru_cache(maxsize=1 << 12)  # the same notes are read for every loop and week
def words(text: str) -> frozenset[str]:
    """A text's words, case-folded (a word may hold + and #, as C++ and C# do)."""
    return frozenset(re.findall(r"[\w+#]+", text.casefold()))


def same_subject(a: str, b: str, skip: frozenset[str] = frozenset()) -> bool:
    """`b` is about `a`: it holds two of `a`'s meaningful words (all of them when `a` has
    fewer), words in `skip` (a name, say) aside. A text of no meaningful word matches
    nothing."""
    want = words(a) - COMMON - skip
    return bool(want) and len(want & words(b)) >= min(2, len(want))


def named(items: list[T], ref: str, name: Callable[[T], str]) -> list[T]:
    """The items `ref` names: those whose name is it (case and spacing aside), else those
    whose name starts with it. One is an answer; several or none, the caller's error."""
    want = name_key(ref)
    exact = [x for x in items if name_key(name(x)) == want]
    return exact or [x for x in items if want and name_key(name(x)).startswith(want)]


def check_line(label: str, value: str) -> str:
    """One line of the user's words, checked (`check_text`) and its spacing folded."""
    return " ".join(check_text(label, value).split())


def check_text(label: str, value: str, *, multiline: bool = False) -> str:
    """`value` as typed, or a PeermapError naming the refused character."""
    from peermap.core.errors import PeermapError

    found = bad_char_problem(f"the {label}", value, multiline=multiline)
    if found:
        raise PeermapError(f"{found}; remove it and try again.")
    return value
