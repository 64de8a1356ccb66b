"""Duplicate peers: spotting a name that probably means someone already on the map, and
folding one peer into another (`peermap merge KEEP OTHER`)."""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field, fields

from peermap.core.errors import PeermapError
from peermap.core.model import Network, NextStep, Peer, Tie, name_key
from peermap.core.refs import fold, resolve


def _words(name: str) -> list[str]:
    return [w.strip(".") for w in fold(name).split() if w.strip(".")]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


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
    if _ratio(ka, kb) >= 0.8:
        # Word by word when the words line up, so "Greg Example" is not "Grace Example".
        if len(wa) != len(wb) or all(x == y or _ratio(x, y) >= 0.8 or x.startswith(y)
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


# --- folding one peer into another --------------------------------------------------


@dataclass
class Merged:
    """What `merge_peers` did, for the command to report."""

    keep: Peer
    other: str
    added: dict[str, int] = field(default_factory=dict)  # list field -> entries brought over
    filled: list[str] = field(default_factory=list)  # fields KEEP lacked, taken from OTHER
    kept_aside: list[str] = field(default_factory=list)  # OTHER's differing values, in notes


_TEXT_ASIDE = ("team", "role", "location")


def merge_peers(net: Network, keep_ref: str, other_ref: str) -> Merged:
    """Fold OTHER into KEEP and remove OTHER: nothing OTHER held is lost.

    History-like lists (tie ratings, log, and any other list of records) and lists of
    words (tags, affects, matters) are unions; a field KEEP leaves empty takes OTHER's
    value; where both hold different text (team, role, location, next step) KEEP's stays
    and OTHER's is written into KEEP's notes, so it can be read and decided later.
    Reviews that named OTHER name KEEP.
    """
    keep = resolve(net, keep_ref)
    other = resolve(net, other_ref)
    if keep is other:
        raise PeermapError(f"{keep_ref!r} and {other_ref!r} are the same peer; "
                           "name two different peers.")
    result = Merged(keep, other.name)
    aside: list[str] = []
    for f in fields(Peer):
        k = f.name
        mine, theirs = getattr(keep, k), getattr(other, k)
        if k in ("name", "notes", "why_none") or theirs in (None, "", [], False):
            continue
        if k == "tie":
            _fold_tie(keep, other, result)
        elif k == "next":
            _fold_next(keep, other, result, aside)
        elif isinstance(mine, list):
            new = [copy.deepcopy(x) for x in theirs if x not in mine]
            if new:
                setattr(keep, k, mine + new)
                result.added[k] = len(new)
        elif mine in (None, "", False):
            setattr(keep, k, copy.deepcopy(theirs))
            result.filled.append(k)
        elif k == "added" or k == "focus_since":
            setattr(keep, k, min(mine, theirs))
        elif mine != theirs and k in _TEXT_ASIDE:
            aside.append(f"{k}: {theirs}")
            result.kept_aside.append(k)
    if keep.tags:
        keep.tags = sorted(set(keep.tags), key=str.casefold)
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
    net.peers.remove(other)
    net.sort()
    return result


def _fold_tie(keep: Peer, other: Peer, result: Merged) -> None:
    if keep.tie is None and other.tie is not None:
        keep.tie, keep.why_none = other.tie, other.why_none
        result.filled.append("tie")
    if keep.tie != Tie.NONEXISTENT:
        keep.why_none = None


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

