"""The semantic three-way merge of two versions of a network (git's merge driver).

Peers are matched by name key. For every field the side that changed it wins; lists
(tie history, log, reviews, tags and other word lists) merge as sets of entries, so
both sides' additions and removals survive. When both sides changed one field to
different values, the file keeps our value and both values go to the network's
`conflicts` table (docs/sync.md), never into the user's notes, until the user settles
them (`settle`). Ratings are an exception: when both sides rated a tie, the later rating
wins. A loop closed on both sides on different days is one loop, closed on the earlier.
Groups, the to-meet list, reviews and time away merge item by item the same way
(`_ITEMS`).
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields, is_dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from peermap.core.model import (
    LogEntry,
    MergeConflict,
    Network,
    NextStep,
    Peer,
    Progress,
    Tie,
    name_key,
)

# Values merged whole: a next step's text and due date belong together, and so do the
# walkthrough's step and question.
_ATOMIC: tuple[type, ...] = (NextStep, Progress)
_EARLIEST = ("added", "focus_since")


@dataclass
class MergeResult:
    network: Network
    conflicts: list[MergeConflict] = field(default_factory=list)  # the new ones

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_networks(base: Network, ours: Network, theirs: Network) -> MergeResult:
    """Merge `ours` and `theirs`, both descended from `base`; the inputs are not changed."""
    conflicts: list[MergeConflict] = []
    out = copy.deepcopy(ours)
    for f in fields(Network):
        k = f.name
        b, o, t = getattr(base, k), getattr(ours, k), getattr(theirs, k)
        if k == "peers":
            out.peers = _merge_peers(b, o, t, conflicts)
        elif k in _ITEMS:
            setattr(out, k, _merge_items(k, b, o, t, conflicts))
        elif k == "schema":
            out.schema = max(o, t)
        else:
            setattr(out, k, _merge(b, o, t, k, "", conflicts))
    out.conflicts = out.conflicts + conflicts
    out.sort()
    return MergeResult(out, conflicts)


# --- generic values ---------------------------------------------------------------------


def _merge(b: Any, o: Any, t: Any, where: str, peer: str,
           conflicts: list[MergeConflict]) -> Any:
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
                       f"{where}.{f.name}", peer, conflicts)
            setattr(merged, f.name, v)
        return merged
    conflicts.append(MergeConflict(peer=peer, field=where, ours=as_doc(o), theirs=as_doc(t)))
    return copy.deepcopy(o)


def as_doc(value: Any) -> Any:
    """A value in the file's document form, dates as text: how a conflict keeps it."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [as_doc(x) for x in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_doc(getattr(value, f.name)) for f in fields(value)
                if getattr(value, f.name) not in (None, "", [])}
    return str(value)


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


def _same_loop(e: LogEntry) -> str:
    """An entry's identity apart from when it was closed."""
    return _key(replace(e, closed=None))


def _one_close(ours: list[LogEntry], theirs: list[LogEntry]) -> tuple[list[LogEntry],
                                                                       list[LogEntry]]:
    """A loop both sides closed on different days is closed once, on the earlier day."""
    def closed(log: list[LogEntry]) -> dict[str, list[LogEntry]]:
        found: dict[str, list[LogEntry]] = {}
        for e in log:
            if e.closed is not None:
                found.setdefault(_same_loop(e), []).append(e)
        return found

    o, t = closed(ours), closed(theirs)
    earliest: dict[str, date] = {}
    for k in o.keys() & t.keys():
        a, b = o[k][0].closed, t[k][0].closed
        if len(o[k]) == 1 and len(t[k]) == 1 and a is not None and b is not None and a != b:
            earliest[k] = min(a, b)
    if not earliest:
        return ours, theirs

    def fix(log: list[LogEntry]) -> list[LogEntry]:
        return [replace(e, closed=earliest[_same_loop(e)])
                if e.closed is not None and _same_loop(e) in earliest else e for e in log]

    return fix(ours), fix(theirs)


def show(value: Any) -> str:
    """A value as the user wrote it, for a conflict line (typed or in document form)."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, NextStep):
        value = as_doc(value)
    if isinstance(value, dict) and "step" in value:
        due = value.get("due")
        return str(value["step"]) + (f" (due {due})" if due else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {show(v)}" for k, v in value.items())
    return str(value)


def describe(c: MergeConflict) -> str:
    """Where a conflict is, in the user's words: "peer 'Grace', team", "group 'Platform',
    purpose" or "settings.x"."""
    item = item_of(c)
    if item is not None:
        k, key, attr = item
        return _ITEMS[k].words(key) + (f", {attr}" if attr else "")
    if c.removed:
        return f"peer {c.peer!r}"
    return f"peer {c.peer!r}, {c.field}" if c.peer else c.field


# --- peers ------------------------------------------------------------------------------


def _merge_peers(base: list[Peer], ours: list[Peer], theirs: list[Peer],
                 conflicts: list[MergeConflict]) -> list[Peer]:
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
        elif side != bp:  # removed on one side, changed on the other: keep it, and say so
            out.append(copy.deepcopy(side))
            conflicts.append(MergeConflict(peer=side.name, removed=gone))
        # else: removed on one side, untouched on the other: removed
    return out


def merge_peer(base: Peer, ours: Peer, theirs: Peer,
               conflicts: list[MergeConflict]) -> Peer:
    """One peer present on both sides (an empty `base` when both added it)."""
    merged = copy.deepcopy(ours)
    who = ours.name
    for f in fields(Peer):
        k = f.name
        b, o, t = getattr(base, k), getattr(ours, k), getattr(theirs, k)
        if k in ("tie", "why_none"):
            continue
        if k in _EARLIEST and None not in (o, t) and b not in (o, t):  # both set it
            setattr(merged, k, min(o, t))
            continue
        if k == "log":
            o, t = _one_close(o, t)
        setattr(merged, k, _merge(b, o, t, k, who, conflicts))
    _merge_tie(base, ours, theirs, merged, who, conflicts)
    if ours.tags != theirs.tags and base.tags not in (ours.tags, theirs.tags):
        merged.tags = sorted(merged.tags, key=str.casefold)  # joined: in peermap's order
    return merged


def _merge_tie(base: Peer, ours: Peer, theirs: Peer, merged: Peer, who: str,
               conflicts: list[MergeConflict]) -> None:
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
        conflicts.append(MergeConflict(peer=who, field="tie", ours=as_doc(ours.tie),
                                       theirs=as_doc(theirs.tie)))
        source = ours
    merged.tie = source.tie
    if ours.tie == theirs.tie:
        merged.why_none = _merge(base.why_none, ours.why_none, theirs.why_none,
                                 "why_none", who, conflicts)
    else:
        merged.why_none = source.why_none
    if merged.tie != Tie.NONEXISTENT:
        merged.why_none = None


# --- groups, the to-meet list, reviews and time away: item by item ----------------------


@dataclass(frozen=True)
class _Items:
    """A top-level list of tables merged item by item, as peers are."""

    noun: str  # how a conflict names an item: "group", "review"
    shown: Callable[[Any], str]  # an item's identity as text, as a conflict's field holds it
    norm: Callable[[str], str] = str  # that text compared across versions
    renames: bool = False  # named items: a rename on one side is followed
    of: str = ""  # for an item known by a day: "review of 2026-11-20"

    def key(self, item: Any) -> str:
        return self.norm(self.shown(item))

    def words(self, shown: str) -> str:
        return f"{self.noun} {shown!r}" if self.renames else f"{self.noun} {self.of} {shown}"


def _named(item: Any) -> str:
    return str(item.name)


_ITEMS: dict[str, _Items] = {
    "groups": _Items("group", _named, name_key, renames=True),
    "to_meet": _Items("to-meet entry", _named, name_key, renames=True),
    # One review a day (core/review.py record_review): the day is its identity.
    "reviews": _Items("review", lambda r: r.date.isoformat(), of="of"),
    # Periods of time away never overlap (core/books.py set_away): the first day is one's.
    "away": _Items("time away", lambda a: (a.start or a.until).isoformat(), of="from"),
}
# A conflict about one of these items names it in its field: groups["Platform"].purpose
# (the whole item when `removed` is set); the identity is JSON-quoted, so any name fits.
_ITEM_FIELD = re.compile(r'(groups|to_meet|reviews|away)\[(".*")\](?:\.(\w+))?', re.DOTALL)
_NOTHING = object()  # the base of a value both sides added: equal to neither


def _item_field(k: str, shown: str, attr: str = "") -> str:
    return f"{k}[{json.dumps(shown, ensure_ascii=False)}]" + (f".{attr}" if attr else "")


def item_of(c: MergeConflict) -> tuple[str, str, str] | None:
    """(list, identity, field) of a conflict about a group, a to-meet entry, a review or
    time away; None for any other conflict."""
    m = _ITEM_FIELD.fullmatch(c.field) if not c.peer else None
    if m is None:
        return None
    try:
        shown = json.loads(m.group(2))
    except ValueError:
        return None
    return (m.group(1), shown, m.group(3) or "") if isinstance(shown, str) else None


def _by_key(spec: _Items, items: list[Any]) -> dict[str, Any] | None:
    """The items by identity, or None when one identity is there twice (an older file's
    two reviews of one day): such a list merges as a plain list."""
    found = {spec.key(x): x for x in items}
    return found if len(found) == len(items) else None


def _follow_renames(spec: _Items, base: dict[str, Any], side: dict[str, Any],
                    other: dict[str, Any]) -> dict[str, Any]:
    """A side that renamed an item and changed nothing else in it keeps it under the old
    identity, so the other side's edits of that item apply to it."""
    if not spec.renames:
        return side
    pairs = [(old, new) for old, was in base.items() if old not in side
             for new, item in side.items() if new not in base and new not in other
             and replace(item, name=was.name) == was]
    olds, news = Counter(o for o, _ in pairs), Counter(n for _, n in pairs)
    out = dict(side)
    for old, new in pairs:
        if olds[old] == 1 and news[new] == 1:  # only a rename that is the one match
            out[old] = out.pop(new)
    return out


def _merge_items(k: str, base: list[Any], ours: list[Any], theirs: list[Any],
                 conflicts: list[MergeConflict]) -> list[Any]:
    """Items matched by identity: added on one side, in; removed on one side and untouched
    on the other, out; removed on one side and changed on the other, kept with a conflict;
    on both sides, merged field by field as a peer is."""
    if ours == theirs or theirs == base:
        return copy.deepcopy(ours)
    if ours == base:
        return copy.deepcopy(theirs)
    spec = _ITEMS[k]
    b, o, t = (_by_key(spec, x) for x in (base, ours, theirs))
    if b is None or o is None or t is None:
        return merge_lists(base, ours, theirs)
    o, t = _follow_renames(spec, b, o, t), _follow_renames(spec, b, t, o)
    out: list[Any] = []
    for key in list(o) + [x for x in t if x not in o]:
        bi, oi, ti = b.get(key), o.get(key), t.get(key)
        if oi is not None and ti is not None:
            out.append(_merge_item(spec, k, bi, oi, ti, conflicts))
            continue
        side, gone = (oi, "theirs") if oi is not None else (ti, "ours")
        if bi is None:  # added on one side only
            out.append(copy.deepcopy(side))
        elif side != bi:  # removed on one side, changed on the other: kept, and said so
            out.append(copy.deepcopy(side))
            conflicts.append(MergeConflict(field=_item_field(k, spec.shown(side)),
                                           removed=gone))
        # else: removed on one side, untouched on the other: removed
    return out


def _unset(f: Any) -> Any:
    """A field's value before anyone set it: its default, or nothing when it has none."""
    if f.default is not MISSING:
        return f.default
    return f.default_factory() if f.default_factory is not MISSING else _NOTHING


def _merge_item(spec: _Items, k: str, base: Any, ours: Any, theirs: Any,
                conflicts: list[MergeConflict]) -> Any:
    """One item on both sides (`base` None when both added it), field by field."""
    merged = copy.deepcopy(ours)
    for f in fields(ours):
        b = getattr(base, f.name) if base is not None else _unset(f)
        o, t = getattr(ours, f.name), getattr(theirs, f.name)
        if f.name == "added" and None not in (o, t) and b not in (o, t):  # both set it
            setattr(merged, f.name, min(o, t))
            continue
        where = _item_field(k, spec.shown(merged), f.name)  # as merged so far (a rename)
        setattr(merged, f.name, _merge(b, o, t, where, "", conflicts))
    return merged


def follow_item(net: Network, k: str, old: str, new: str | None) -> None:
    """A group or to-meet entry a command renamed (to `new`) or removed (None): its merge
    conflicts still to settle follow it, or go with it."""
    spec = _ITEMS[k]
    kept = []
    for c in net.conflicts:
        i = item_of(c)
        if i is not None and i[0] == k and spec.norm(i[1]) == spec.norm(old):
            if new is None:
                continue
            c = replace(c, field=_item_field(k, new, i[2]))
        kept.append(c)
    net.conflicts = kept


# --- settling a conflict ----------------------------------------------------------------


@dataclass
class Settled:
    conflict: MergeConflict
    side: str  # "ours" or "theirs"
    text: str  # what was done, one sentence
    also: int = 0  # other conflicts about a peer that taking this one removed


def settle(net: Network, number: int, side: str) -> Settled:
    """Take one side's value of conflict `number` (counting from 1) and drop the conflict;
    nothing else in the network changes (but for a removed peer's other conflicts)."""
    from peermap.core.errors import PeermapError

    if side not in ("ours", "theirs"):
        raise PeermapError(f"take ours or theirs, not {side!r}.")
    if not net.conflicts:
        raise PeermapError("there are no merge conflicts to settle.")
    if not 1 <= number <= len(net.conflicts):
        raise PeermapError(f"there is no conflict {number}; `peermap conflicts` lists "
                           f"{len(net.conflicts)}.")
    c = net.conflicts.pop(number - 1)
    where = describe(c)
    item = item_of(c)
    if item is not None:
        return _settle_item(net, c, side, item)
    p = net.find(c.peer) if c.peer else None
    if c.peer and p is None:
        return Settled(c, side, f"{where} is no longer on the map; the conflict is dropped.")
    if c.removed:
        if side != c.removed:
            return Settled(c, side, f"kept {where} (changed on {_other(c.removed)}).")
        assert p is not None
        net.peers.remove(p)
        before = len(net.conflicts)
        net.conflicts = [x for x in net.conflicts if x.peer != c.peer]
        return Settled(c, side, f"removed {where} (removed on {c.removed}).",
                       before - len(net.conflicts))
    value = c.ours if side == "ours" else c.theirs
    target: Any
    if p is not None:
        target, name = p, c.field
    elif "." in c.field:
        head, name = c.field.split(".", 1)
        target = getattr(net, head, None)
    else:
        target, name = net, c.field
    if not is_dataclass(target) or name not in {f.name for f in fields(target)}:
        raise PeermapError(f"conflict {number} names {where}, which peermap does not know; "
                           "edit the file by hand and remove that [[conflicts]] table.")
    setattr(target, name, _typed(target, name, value, where))
    if isinstance(target, Peer) and name == "tie" and target.tie != Tie.NONEXISTENT:
        target.why_none = None
    return Settled(c, side, f"took {side} for {where}: {show(value)}.")


def _settle_item(net: Network, c: MergeConflict, side: str,
                 item: tuple[str, str, str]) -> Settled:
    """Settle a conflict about a group, a to-meet entry, a review or time away."""
    from peermap.core.errors import PeermapError

    k, key, attr = item
    spec, where = _ITEMS[k], describe(c)
    items: list[Any] = getattr(net, k)
    target = next((x for x in items if spec.key(x) == spec.norm(key)), None)
    if target is None:
        return Settled(c, side, f"{where} is no longer in the file; the conflict is dropped.")
    if c.removed:
        if side != c.removed:
            return Settled(c, side, f"kept {where} (changed on {_other(c.removed)}).")
        items.remove(target)
        before = len(net.conflicts)
        net.conflicts = [x for x in net.conflicts
                         if (i := item_of(x)) is None or i[0] != k
                         or spec.norm(i[1]) != spec.norm(key)]
        return Settled(c, side, f"removed {where} (removed on {c.removed}).",
                       before - len(net.conflicts))
    if attr not in {f.name for f in fields(target)}:
        raise PeermapError(f"a conflict names {where}, which peermap does not know; "
                           "edit the file by hand and remove that [[conflicts]] table.")
    value = c.ours if side == "ours" else c.theirs
    setattr(target, attr, _typed(target, attr, value, where))
    if spec.key(target) != spec.norm(key):  # renamed: its other conflicts follow it
        net.conflicts = [replace(x, field=_item_field(k, spec.shown(target), i[2]))
                         if (i := item_of(x)) is not None and i[0] == k
                         and spec.norm(i[1]) == spec.norm(key) else x for x in net.conflicts]
    return Settled(c, side, f"took {side} for {where}: {show(value)}.")


def _other(side: str) -> str:
    return "theirs" if side == "ours" else "ours"


def _typed(target: Any, name: str, value: Any, where: str) -> Any:
    """A value from the conflicts table as the field's own type (its default when None)."""
    import typing

    from pydantic import TypeAdapter, ValidationError

    from peermap.core.errors import PeermapError

    f = next(f for f in fields(target) if f.name == name)
    if value is None and f.default is not MISSING:
        return f.default
    if value is None and f.default_factory is not MISSING:
        return f.default_factory()
    hint = typing.get_type_hints(type(target))[name]
    try:
        return TypeAdapter(hint).validate_python(value)
    except ValidationError:
        raise PeermapError(f"the kept value for {where} ({show(value)}) does not fit it; "
                           "edit the file by hand.") from None


def conflict_rows(net: Network) -> list[dict[str, Any]]:
    """The conflicts as `peermap conflicts --format json` gives them (docs/sync.md)."""
    return [{"n": n, "peer": c.peer or None, "field": c.field or None,
             "removed": c.removed or None, "ours": c.ours, "theirs": c.theirs,
             "text": conflict_text(c)} for n, c in enumerate(net.conflicts, 1)]


def conflict_text(c: MergeConflict) -> str:
    """One conflict in words, as `peermap conflicts` and the merge driver say it."""
    if c.removed:
        item = item_of(c)
        what = _ITEMS[item[0]].noun if item is not None else "peer"
        return (f"{describe(c)}: removed on {c.removed}, changed on {_other(c.removed)} (the "
                f"changed {what} is kept; take {c.removed} to remove it)")
    return f"{describe(c)}: ours {show(c.ours)!r}, theirs {show(c.theirs)!r}"


def waiting(n: int) -> str:
    """The dashboard's line when the merge driver left conflicts in the file."""
    return (f"{n} merge conflict{' waits' if n == 1 else 's wait'} to be settled: "
            "peermap conflicts")
