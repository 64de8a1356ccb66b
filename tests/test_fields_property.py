"""Every field of the field table (docs/fields.md) through CSV and JSON round trips,
`import --update`, `merge` and `edit`, for values drawn by the field's kind.

The strategies come from the table itself, so a new row is covered without a new test.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import dates, line, log_entries, note
from peermap.core.duplicates import merge_peers
from peermap.core.model import (
    OPTION_FIELDS,
    PEER_FIELDS,
    Field,
    Kindof,
    LogEntry,
    Merge,
    Network,
    Peer,
    Tie,
)
from peermap.core.peers import Details, clean_items, edit_peer
from peermap.formats.exporters import export
from peermap.formats.importer import apply_import, plan_import, read_rows

TODAY = date(2026, 11, 22)
EXAMPLES = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _value(f: Field) -> st.SearchStrategy[Any]:
    """Values of a field as `add`/`edit` would store them."""
    if f.kind is Kindof.TEXT:
        return line.map(lambda s: " ".join(s.split()))
    if f.kind is Kindof.NOTES:
        return note.map(str.strip)
    if f.kind is Kindof.TEXTS:
        return st.lists(line, max_size=3).map(lambda xs: clean_items(f, xs))
    if f.kind is Kindof.ENUMS:
        assert f.enum is not None
        return st.lists(st.sampled_from(list(f.enum)), unique=True).map(
            lambda xs: [e for e in f.enum if e in xs])  # type: ignore[union-attr]
    if f.kind is Kindof.ENUM:
        assert f.enum is not None
        return st.none() | st.sampled_from(list(f.enum))
    if f.kind is Kindof.INT:
        low, high = f.bounds or (1, 10_000)
        return st.none() | st.integers(low, high)
    if f.kind is Kindof.DATE:
        return st.none() | dates
    return st.booleans()


FIELDS = [f for f in PEER_FIELDS if f.key != "name"]


@st.composite
def peers(draw: st.DrawFn, name: str) -> Peer:
    p = Peer(name=name, **{f.key: draw(_value(f)) for f in FIELDS})
    if p.tie is not Tie.NONEXISTENT:
        p.why_none = None
    p.log = draw(st.lists(log_entries(), max_size=3))
    if p.log and draw(st.booleans()):
        p.log.append(copy.deepcopy(p.log[0]))  # two equal entries: a multiset, not a set
    return p


def _file(net: Network, fmt: str) -> bytes:
    return export(fmt, net, TODAY).encode("utf-8")


def _import(net: Network, data: bytes, update: bool) -> Network:
    plan = plan_import(net, read_rows(data), update, TODAY, force=True)
    assert plan.problems == [], plan.problems
    apply_import(net, plan)
    return net


def _values(p: Peer, fields: list[Field]) -> dict[str, Any]:
    return {f.key: getattr(p, f.key) for f in fields}


CSV = [f for f in FIELDS if f.csv]


@EXAMPLES
@given(peers("Ana Lima"))
def test_every_field_survives_a_json_and_a_csv_round_trip(p):
    net = Network(peers=[p])
    back = _import(Network(), _file(net, "json"), update=False).peers[0]
    assert back == p
    back = _import(Network(), _file(net, "csv"), update=False).peers[0]
    assert _values(back, CSV) == _values(p, CSV)


@EXAMPLES
@given(peers("Ana Lima"), peers("Ana Lima"), st.sampled_from(["csv", "json"]))
def test_import_update_sets_every_field_the_file_gives(mine, theirs, fmt):
    net = _import(Network(peers=[copy.deepcopy(mine)]),
                  _file(Network(peers=[copy.deepcopy(theirs)]), fmt), update=True)
    got = net.peers[0]
    # CSV gives every column (an empty cell clears), JSON the keys it holds (all set ones)
    given = [f for f in (CSV if fmt == "csv" else FIELDS)
             if fmt == "csv" or getattr(theirs, f.key) not in (None, f.empty)]
    for f in given:
        if f.key == "tie" and theirs.tie is None:
            continue  # an empty tie cell leaves the tie: ratings are history
        if f.key == "why_none" and got.tie is not Tie.NONEXISTENT:
            continue
        assert getattr(got, f.key) == getattr(theirs, f.key), f.key
    if fmt == "json":  # logs are joined: every entry, with every key, of both is there
        for e in mine.log + theirs.log:
            assert any(_covers(x, e) for x in got.log), e
        assert len(got.log) >= max(len(mine.log), len(theirs.log))


def _covers(x: LogEntry, e: LogEntry) -> bool:
    """x is e, or e's entry on the map with every key e has (the map's value kept)."""
    from dataclasses import fields

    return (x.date, x.kind, x.note) == (e.date, e.kind, e.note) and all(
        getattr(x, f.name) not in (None, "") for f in fields(LogEntry)
        if getattr(e, f.name) not in (None, ""))


@EXAMPLES
@given(peers("Ana Lima"), peers("Bo Chen"), st.booleans())
def test_merge_loses_nothing_of_other(keep, other, shared):
    if shared and keep.log:
        other.log.append(copy.deepcopy(keep.log[0]))  # the same entry on both
    net = Network(peers=[copy.deepcopy(keep), copy.deepcopy(other)])
    merge_peers(net, "Ana Lima", "Bo Chen")
    (got,) = net.peers
    for f in FIELDS:
        mine, theirs, now = getattr(keep, f.key), getattr(other, f.key), getattr(got, f.key)
        if theirs in (None, f.empty):
            continue
        if f.merge is Merge.UNION:
            assert set(theirs) <= set(now) and set(mine) <= set(now), f.key
        elif f.merge is Merge.EARLIEST:
            assert now == (min(mine, theirs) if mine else theirs), f.key
        elif f.merge is Merge.EITHER:
            assert now, f.key
        elif f.merge is Merge.APPEND:
            assert theirs.strip() in now, f.key
        elif f.key == "tie":
            assert now == (mine or theirs)
            assert any(t.tie == theirs for t in got.ties) or not other.ties
        elif mine in (None, f.empty):
            if not (f.key == "why_none" and got.tie is not Tie.NONEXISTENT):
                assert now == theirs, f.key
            else:
                assert f"why_none: {theirs.value}" in got.notes
        else:
            assert now == mine, f.key
            if mine != theirs:
                text = theirs.value if hasattr(theirs, "value") else str(theirs)
                assert f"{f.key}: {text}" in got.notes, f.key
    assert sorted(map(repr, got.log)) == sorted(map(repr, keep.log + other.log))


@EXAMPLES
@given(peers("Ana Lima"), peers("Ana Lima"))
def test_edit_sets_every_option_field(before, wanted):
    net = Network(peers=[before])
    details = Details({f.key: getattr(wanted, f.key) for f in OPTION_FIELDS})
    if wanted.tie is None:  # `edit` rates; it cannot unrate
        details["tie"] = details["why_none"] = None
    for f in OPTION_FIELDS:
        if f.is_list or f.kind in (Kindof.TEXT, Kindof.NOTES):
            continue
        if details[f.key] is None:
            del details[f.key]
    edit_peer(net, "Ana Lima", details, TODAY)
    got = net.peers[0]
    for key, value in details.items():
        if key == "why_none" and value is None:
            continue
        assert getattr(got, key) == value, key
