"""The semantic three-way merge of two versions of a network (git's merge driver).

Peers are matched by name key. For every field the side that changed it wins; lists
(tie history, log, reviews, tags and other word lists) merge as sets of entries, so
both sides' additions and removals survive. When both sides changed one field to
different values the result keeps our value, and the peer's notes get a conflict block
in git's style naming the field and both values, for the user to settle by hand.
Ratings are an exception: when both sides rated a tie, the later rating wins.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

from peermap.core.model import Network, NextStep, Peer, Tie

# Values merged whole: a next step's text and due date belong together.
_ATOMIC: tuple[type, ...] = (NextStep,)
_EARLIEST = ("added", "focus_since")


@dataclass
class Conflict:
    where: str  # "peer 'Grace Example', team" or "settings.cadence_days"
    ours: str
    theirs: str


@dataclass
class MergeResult:
    network: Network
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_networks(base: Network, ours: Network, theirs: Network) -> MergeResult:
    """Merge `ours` and `theirs`, both descended from `base`; the inputs are not changed."""
    conflicts: list[Conflict] = []
    out = copy.deepcopy(ours)
    for f in fields(Network):
        k = f.name
        b, o, t = getattr(base, k), getattr(ours, k), getattr(theirs, k)
        if k == "peers":
            out.peers = _merge_peers(b, o, t, conflicts)
        elif k == "schema":
            out.schema = max(o, t)
        else:
            setattr(out, k, _merge(b, o, t, k, conflicts))
    out.sort()
    return MergeResult(out, conflicts)


# --- generic values ---------------------------------------------------------------------


def _merge(b: Any, o: Any, t: Any, where: str, conflicts: list[Conflict]) -> Any:
    if o == t:
        return copy.deepcopy(o)
    if o == b:
        return copy.deepcopy(t)
    if t == b:
        return copy.deepcopy(o)
    if isinstance(o, list) and isinstance(t, list):
        return merge_lists(b if isinstance(b, list) else [], o, t)
    if (is_dataclass(o) and type(o) is type(t) and type(b) is type(o)
            and not isinstance(o, _ATOMIC)):
        merged = copy.deepcopy(o)
        for f in fields(o):
            v = _merge(getattr(b, f.name), getattr(o, f.name), getattr(t, f.name),
                       f"{where}.{f.name}", conflicts)
            setattr(merged, f.name, v)
        return merged
    conflicts.append(Conflict(where, show(o), show(t)))
    return copy.deepcopy(o)


def _key(item: Any) -> str:
    value = asdict(item) if is_dataclass(item) and not isinstance(item, type) else item
    return json.dumps(value, default=str, sort_keys=True)


def merge_lists(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Three-way merge of lists as multisets: an entry either side added is in, an entry
    either side removed is out; our order first, their new entries after."""
    b = Counter(_key(x) for x in base)
    o = Counter(_key(x) for x in ours)
    t = Counter(_key(x) for x in theirs)
    want: dict[str, int] = {}
    for k in o.keys() | t.keys():
        if o[k] == b[k]:
            want[k] = t[k]
        elif t[k] == b[k]:
            want[k] = o[k]
        else:
            want[k] = max(o[k], t[k])  # both added the same entry: once
    out = []
    for item in ours + theirs:
        k = _key(item)
        if want.get(k, 0) > 0:
            want[k] -= 1
            out.append(copy.deepcopy(item))
    return out


def show(value: Any) -> str:
    """A value as the user wrote it, for a conflict note."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, NextStep):
        return value.step + (f" (due {value.due.isoformat()})" if value.due else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    return str(value)


# --- peers ------------------------------------------------------------------------------


def _merge_peers(base: list[Peer], ours: list[Peer], theirs: list[Peer],
                 conflicts: list[Conflict]) -> list[Peer]:
    b = {p.key: p for p in base}
    o = {p.key: p for p in ours}
    t = {p.key: p for p in theirs}
    out: list[Peer] = []
    for key in list(o) + [k for k in t if k not in o]:
        bp, op, tp = b.get(key), o.get(key), t.get(key)
        if op is not None and tp is not None:
            out.append(merge_peer(bp or Peer(name=op.name), op, tp, conflicts))
            continue
        side, gone = (op, "theirs") if op is not None else (tp, "ours")
        assert side is not None
        if bp is None:  # added on one side only
            out.append(copy.deepcopy(side))
        elif side != bp:  # removed on one side, changed on the other: keep, and say so
            kept = copy.deepcopy(side)
            c = Conflict(f"peer {kept.name!r}", "removed" if gone == "ours" else "changed",
                         "removed" if gone == "theirs" else "changed")
            conflicts.append(c)
            _mark(kept, "the whole peer", c.ours, c.theirs)
            out.append(kept)
        # else: removed on one side, untouched on the other: removed
    return out


def merge_peer(base: Peer, ours: Peer, theirs: Peer, conflicts: list[Conflict]) -> Peer:
    """One peer present on both sides (an empty `base` when both added it)."""
    merged = copy.deepcopy(ours)
    found: list[Conflict] = []
    who = f"peer {ours.name!r}"
    for f in fields(Peer):
        k = f.name
        b, o, t = getattr(base, k), getattr(ours, k), getattr(theirs, k)
        if k in ("tie", "why_none", "notes"):
            continue
        if k in _EARLIEST and None not in (o, t) and b not in (o, t):  # both set it
            setattr(merged, k, min(o, t))
            continue
        setattr(merged, k, _merge(b, o, t, f"{who}, {k}", found))
    _merge_tie(base, ours, theirs, merged, who, found)
    if ours.tags != theirs.tags and base.tags not in (ours.tags, theirs.tags):
        merged.tags = sorted(merged.tags, key=str.casefold)  # joined: in peermap's order
    if ours.notes == theirs.notes or base.notes in (ours.notes, theirs.notes):
        merged.notes = theirs.notes if ours.notes == base.notes else ours.notes
    else:
        merged.notes = _block("notes", ours.notes, theirs.notes)
        found.append(Conflict(f"{who}, notes", "(both versions are in the notes)",
                              "(both versions are in the notes)"))
    for c in found:
        if not c.where.endswith(", notes"):
            _mark(merged, c.where.removeprefix(f"{who}, "), c.ours, c.theirs)
    conflicts.extend(found)
    return merged


def _merge_tie(base: Peer, ours: Peer, theirs: Peer, merged: Peer, who: str,
               found: list[Conflict]) -> None:
    """Both sides rated: the later rating in the merged history is the tie now."""
    source = None
    if ours.tie == theirs.tie or theirs.tie == base.tie:
        source = ours
    elif ours.tie == base.tie:
        source = theirs
    else:
        latest = max((c.date for c in merged.ties), default=None)
        at_latest = {c.tie for c in merged.ties if c.date == latest}
        if len(at_latest) == 1:
            winner = next(iter(at_latest))
            source = ours if winner == ours.tie else theirs if winner == theirs.tie else None
    if source is None:
        found.append(Conflict(f"{who}, tie", show(ours.tie), show(theirs.tie)))
        source = ours
    merged.tie = source.tie
    if ours.tie == theirs.tie:
        merged.why_none = _merge(base.why_none, ours.why_none, theirs.why_none,
                                 f"{who}, why_none", found)
    else:
        merged.why_none = source.why_none
    if merged.tie != Tie.NONEXISTENT:
        merged.why_none = None


def _block(label: str, ours: str, theirs: str) -> str:
    return "\n".join([f"<<<<<<< ours ({label}, peermap merge)", ours.strip() or "(empty)",
                      "=======", theirs.strip() or "(empty)", ">>>>>>> theirs"])


def _mark(p: Peer, label: str, ours: str, theirs: str) -> None:
    block = _block(label, ours, theirs)
    p.notes = f"{p.notes.rstrip()}\n\n{block}" if p.notes.strip() else block

