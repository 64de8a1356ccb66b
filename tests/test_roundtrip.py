"""Properties of the file format (STYLE habit 7): any valid network survives a write.

parse(dumps(x)) == x, dumping twice is byte-identical, and the JSON parse cache gives
back the same network, for networks with names in any printable Unicode.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    NextStep,
    Peer,
    Review,
    Settings,
    Tie,
    TieChange,
    WhyNone,
    bad_char,
    check_network,
    clean_name,
    from_trusted_doc,
    name_key,
    to_doc,
)
from peermap.storage.store import dumps, parse

EXAMPLES = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Printable Unicode: every character but surrogates, C0/C1 controls and direction
# overrides (the alphabet leaves them out so the bad_char filter below rarely rejects).
_BIDI = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_chars = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=_BIDI)
_punct = st.sampled_from(['"', "'", "\\", '"""', "'''", "#", "=", "[", "]", "{", "}", " ",
                          "\u00a0", "\u2028", "\ufeff", "\U0001f600", "\u0301"])


def _text(multiline: bool = False, min_size: int = 0):
    pieces = st.lists(st.one_of(st.text(_chars, max_size=6), _punct,
                                st.just("\n\t") if multiline else st.just("x")),
                      min_size=min_size, max_size=6)
    return pieces.map("".join).filter(lambda s: bad_char(s, multiline=multiline) is None)


line = _text()
note = _text(multiline=True)
name = _text(min_size=1).filter(lambda s: clean_name(s) != "")
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
small = st.integers(min_value=1, max_value=10**6)


def _subset(enum):
    return st.lists(st.sampled_from(list(enum)), unique=True)


@st.composite
def peers(draw, peer_name):
    tie = draw(st.none() | st.sampled_from(list(Tie)))
    return Peer(
        name=peer_name,
        team=draw(line), role=draw(line), location=draw(line),
        affects=draw(_subset(Affects)), matters=draw(_subset(Matters)),
        tie=tie,
        why_none=draw(st.none() | st.sampled_from(list(WhyNone)))
        if tie == Tie.NONEXISTENT else None,
        tags=draw(st.lists(line, max_size=3)),
        focus=draw(st.booleans()),
        focus_since=draw(st.none() | dates),
        cadence_days=draw(st.none() | small),
        added=draw(st.none() | dates),
        notes=draw(note),
        next=draw(st.none() | st.builds(
            NextStep, step=line.filter(lambda s: s.strip() != ""), due=st.none() | dates)),
        ties=draw(st.lists(st.builds(TieChange, date=dates, tie=st.sampled_from(list(Tie))),
                           max_size=3)),
        log=draw(st.lists(st.builds(LogEntry, date=dates, kind=st.sampled_from(list(Kind)),
                                    note=note), max_size=3)),
    )


@st.composite
def networks(draw):
    raw_names = draw(st.lists(name, max_size=5, unique_by=name_key))
    focus_min = draw(st.integers(1, 20))
    net = Network(
        me=Me(name=draw(line), team=draw(line), location=draw(line),
              strengths=draw(st.lists(line, max_size=3))),
        settings=Settings(
            cadence_days=draw(small), review_every_days=draw(small), focus_min=focus_min,
            focus_max=draw(st.integers(focus_min, 40)),
            backups=draw(st.integers(0, 100)), git_commit=draw(st.booleans())),
        peers=[draw(peers(n)) for n in raw_names],
        reviews=draw(st.lists(st.builds(Review, date=dates, peer=line, step=line),
                              max_size=3)),
    )
    assert check_network(net) == [], check_network(net)
    net.sort()
    return net


@EXAMPLES
@given(networks())
def test_a_network_survives_the_file_and_the_cache(net):
    import json

    data = dumps(net)
    # load(dump(x)) == x
    assert parse(data, "test.toml") == net
    # dumping again, from the parsed network or the original, gives the same bytes
    assert dumps(parse(data, "test.toml")) == data
    assert dumps(net) == data
    # the parse cache (JSON of to_doc with dates as text) gives back the same network
    doc = json.loads(json.dumps(to_doc(net, dates_as_text=True), ensure_ascii=False))
    assert from_trusted_doc(doc) == net


@settings(max_examples=30, deadline=None)
@given(networks(), st.randoms(use_true_random=False))
def test_the_order_of_peers_and_history_does_not_change_the_bytes(net, rnd):
    data = dumps(net)
    rnd.shuffle(net.peers)

    def shuffle_if_dates_differ(items):
        # entries of the same date keep their order (a stable sort), so only shuffle
        # lists whose dates all differ
        if len({x.date for x in items}) == len(items):
            rnd.shuffle(items)

    shuffle_if_dates_differ(net.reviews)
    for p in net.peers:
        shuffle_if_dates_differ(p.ties)
        shuffle_if_dates_differ(p.log)
        rnd.shuffle(p.affects)
        rnd.shuffle(p.matters)
    assert dumps(net) == data


@EXAMPLES
@given(networks())
def test_the_schema_1_writer_agrees_with_tomllib_and_tomli_w(net):
    """peermap's own TOML writer means exactly what tomli_w would write for the same data."""
    import tomllib

    import tomli_w

    from peermap.core.model import to_doc

    ours = tomllib.loads(dumps(net).decode("utf-8"))
    reference = tomllib.loads(tomli_w.dumps(to_doc(net)))
    assert ours == reference
