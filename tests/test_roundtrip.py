"""Properties of the file format (CONTRIBUTING.md): any valid network survives a write.

parse(dumps(x)) == x, dumping twice is byte-identical, and the JSON parse cache gives
back the same network, for networks with names in any printable Unicode.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import networks
from peermap.core.model import from_trusted_doc, to_doc
from peermap.storage.store import dumps, parse

EXAMPLES = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


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
