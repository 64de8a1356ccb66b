"""Duplicate peers: spotting a name that probably means someone already on the map, and
folding one peer into another (`peermap merge KEEP OTHER`)."""

from __future__ import annotations

import copy
import difflib
import functools
from dataclasses import dataclass, field
from dataclasses import fields as dc_fields
from enum import StrEnum
from typing import Any

from peermap.core.errors import PeermapError
from peermap.core.model import (
    PEER_FIELDS,
    Field,
    Kindof,
    Merge,
    Network,
    NextStep,
    Peer,
    Tie,
    name_key,
)
from peermap.core.refs import fold, resolve


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> list[str]:
    return [w.strip(".") for w in fold(name).split() if w.strip(".")]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _close(a: str, b: str) -> bool:
    """difflib ratio at least 0.8, its cheap upper bounds tried first."""
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= 0.8 and m.quick_ratio() >= 0.8 and m.ratio() >= 0.8


def similar(a: str, b: str) -> bool:
    """Whether two different names probably mean the same person.

    Close spellings, word by word (difflib ratio at least 0.8: "Grace Exmaple", "Lena
    Fisher" and "Lena Fischer", but not "Greg Example" and "Grace Example"), the same
    letters without accents ("Jose Nunez" and "José Núñez"),
    or one name's words starting the other's ("Grace" and "Grace E." both match
    "Grace Example").
    """
    if name_key(a) == name_key(b):
        return False
    ka, kb = fold(a), fold(b)
    wa, wb = _words(a), _words(b)
    if _close(ka, kb):
        # Word by word when the words line up, so "Greg Example" is not "Grace Example".
        if len(wa) != len(wb) or all(x == y or _close(x, y) or x.startswith(y)
                                     or y.startswith(x) for x, y in zip(wa, wb, strict=True)):
            return True
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and all(x and y.startswith(x) for x, y in zip(short, long, strict=False))


def near_duplicates(net: Network, name: str) -> list[Peer]:
    """Peers a new name may be a variant of, closest first."""
    found = [p for p in net.peers if similar(name, p.name)]
    key = fold(name)
    found.sort(key=lambda p: -difflib.SequenceMatcher(None, key, fold(p.name)).ratio())
    return found


def refuse_near_duplicate(net: Network, name: str) -> None:
    """The check `add` makes before a new name (skipped with --force)."""
    close = near_duplicates(net, name)
    if not close:
        return
    listed = " or ".join(repr(p.name) for p in close[:3])
    raise PeermapError(
        f"{name.strip()!r} looks like {listed}, already on your map. If it is someone "
        f"else, add it with --force; if it is the same person, use the existing name "
        f"(or fold a duplicate in with `peermap merge`)."
    )


class NameIndex:
    """Names that new ones are checked against (an import's rows against the map and
    against each other), without comparing every pair: a name is compared only with the
    names whose words start with the same letters (all of them, or the first ones when
    one name has fewer words). It finds what `similar` finds, bar a slip in the first
    letter of a word or an extra word in front."""

    def __init__(self, names: list[str] | None = None) -> None:
        self._full: dict[tuple[str, ...], list[str]] = {}  # by the first letter of each word
        self._longer: dict[tuple[str, ...], list[str]] = {}  # by the first letters of fewer
        self._ends: dict[tuple[str, str, int], list[str]] = {}  # first, last letter, words
        for name in names or ():
            self.add(name)

    def add(self, name: str) -> None:
        letters = tuple(w[:1] for w in _words(name))
        if not letters:
            return
        self._full.setdefault(letters, []).append(name)
        for end in range(1, len(letters)):
            self._longer.setdefault(letters[:end], []).append(name)
        self._ends.setdefault((letters[0], letters[-1], len(letters)), []).append(name)

    def close_to(self, name: str) -> list[str]:
        """Names in the index that `name` probably means, closest first."""
        letters = tuple(w[:1] for w in _words(name))
        if not letters:
            return []
        found = [*self._full.get(letters, ()), *self._longer.get(letters, ())]
        for end in range(1, len(letters)):
            found += self._full.get(letters[:end], ())
        for count in (len(letters) - 1, len(letters) + 1):  # a middle word more or less
            found += self._ends.get((letters[0], letters[-1], count), ())
        key = fold(name)
        close = [n for n in dict.fromkeys(found) if similar(name, n)]
        close.sort(key=lambda n: -_ratio(key, fold(n)))
        return close


def same_spelling(a: str, b: str) -> str:
    """How two spellings of a team or place relate: "same" when only accents, case or
    spacing differ ("lisbon", "Lisbon"); "close" for a slip in each word ("Lisboa",
    "Lisbon"); "" otherwise."""
    if a == b:
        return ""
    if fold(a) == fold(b):
        return "same"
    wa, wb = _words(a), _words(b)
    if wa and len(wa) == len(wb) and all(_close(x, y) for x, y in zip(wa, wb, strict=True)):
        return "close"
    return ""


# --- folding one peer into another --------------------------------------------------


@dataclass
class Merged:
    """What `merge_peers` did, for the command to report."""

    keep: Peer
    other: str
    added: dict[str, int] = field(default_factory=dict)  # list field -> entries brought over
    filled: list[str] = field(default_factory=list)  # fields KEEP lacked, taken from OTHER
    kept_aside: list[str] = field(default_factory=list)  # OTHER's differing values, in notes


def merge_peers(net: Network, keep_ref: str, other_ref: str) -> Merged:
    """Fold OTHER into KEEP and remove OTHER: nothing OTHER held is lost.

    Each field follows its row of the field table (docs/fields.md): lists are unions; a
    single value KEEP leaves empty takes OTHER's, and where both differ KEEP's stays and
    OTHER's is written into KEEP's notes, to be read and decided later; of two dates the
    earlier stays. Tie ratings and replaced steps join KEEP's history; the log is joined
    as a multiset (every entry of OTHER is kept, even one equal to an entry of KEEP), and
    a different next step of OTHER goes in the notes. Reviews that named OTHER name KEEP.
    """
    keep = resolve(net, keep_ref)
    other = resolve(net, other_ref)
    if keep is other:
        raise PeermapError(f"{keep_ref!r} and {other_ref!r} are the same peer; "
                           "name two different peers.")
    result = Merged(keep, other.name)
    aside: list[str] = []
    for f in PEER_FIELDS:
        if f.merge is not Merge.APPEND:
            _fold_field(f, keep, other, result, aside)
    _fold_records(keep, other, result, aside)
    if keep.why_none is not None and keep.tie != Tie.NONEXISTENT:
        # OTHER's reason went with a nonexistent tie that KEEP does not have: kept aside.
        if "why_none" in result.filled:
            result.filled.remove("why_none")
        aside.append(f"why_none: {keep.why_none.value}")
        result.kept_aside.append("why_none")
        keep.why_none = None
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        aside.append(other.notes.strip())
        (result.kept_aside if keep.notes.strip() else result.filled).append("notes")
    if aside:
        header = f"From {other.name} (merged):"
        block = "\n".join([header, *aside])
        keep.notes = f"{keep.notes.strip()}\n\n{block}" if keep.notes.strip() else block
    for r in net.reviews:
        if r.peer == other.name:
            r.peer = keep.name
    # OTHER's merge conflicts still to settle become KEEP's (taking a side then sets KEEP's
    # field); one about a side having removed OTHER is moot once it is merged.
    net.conflicts = [c for c in net.conflicts if not (c.peer == other.name and c.removed)]
    for c in net.conflicts:
        if c.peer == other.name:
            c.peer = keep.name
    net.peers.remove(other)
    net.sort()
    return result


def _aside_text(f: Field, value: Any) -> str:
    if f.kind is Kindof.DATE:
        return str(value.isoformat())
    return str(value.value if isinstance(value, StrEnum) else value)


def _fold_field(f: Field, keep: Peer, other: Peer, result: Merged, aside: list[str]) -> None:
    k = f.key
    mine, theirs = getattr(keep, k), getattr(other, k)
    if f.merge is Merge.NAME or theirs is None or theirs == f.empty:
        return
    if f.merge is Merge.UNION:
        new = [copy.deepcopy(x) for x in theirs if x not in mine]
        if new:
            joined = mine + new
            setattr(keep, k, sorted(joined, key=str.casefold) if k == "tags" else joined)
            result.added[k] = len(new)
    elif mine is None or mine == f.empty:
        setattr(keep, k, copy.deepcopy(theirs))
        result.filled.append(k)
    elif f.merge is Merge.EARLIEST:
        setattr(keep, k, min(mine, theirs))
    elif f.merge is Merge.EITHER:
        setattr(keep, k, mine or theirs)
    elif mine != theirs and k != "tie":  # OTHER's ratings join the history (below)
        aside.append(f"{k}: {_aside_text(f, theirs)}")
        result.kept_aside.append(k)


def _fold_records(keep: Peer, other: Peer, result: Merged, aside: list[str]) -> None:
    """The histories: next step, tie ratings, log (a multiset), replaced steps; any
    other list of records a peer gains later is joined without repeats."""
    if other.next is not None:
        _fold_next(keep, other, result, aside)
    simple = {f.key for f in PEER_FIELDS}
    for f in dc_fields(Peer):
        k = f.name
        mine, theirs = getattr(keep, k), getattr(other, k)
        if k in simple or not isinstance(theirs, list) or not theirs:
            continue
        new = [copy.deepcopy(x) for x in theirs if k == "log" or x not in mine]
        if new:
            setattr(keep, k, mine + new)
            result.added[k] = len(new)


def _fold_next(keep: Peer, other: Peer, result: Merged, aside: list[str]) -> None:
    theirs = other.next
    assert theirs is not None
    if keep.next is None:
        keep.next = NextStep(theirs.step, theirs.due)
        result.filled.append("next")
    elif (keep.next.step, keep.next.due) != (theirs.step, theirs.due):
        due = f" (due {theirs.due.isoformat()})" if theirs.due else ""
        aside.append(f"next step: {theirs.step}{due}")
        result.kept_aside.append("next")

