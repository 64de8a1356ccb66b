"""The write path reuses the text of unchanged peers (docs/safety.md, "Write speed").

Whatever the change, the file afterwards is byte for byte what the writer makes of the
network: the same bytes as writing every peer again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import log, networks, peer
from peermap.core.model import Kind, Network
from peermap.storage.store import Store, dumps, parse


def _change(net: Network, rnd, extra: Network) -> None:
    """Some of what commands do: log, edit a note, close a loop, remove, add, rename."""
    for p in net.peers:
        what = rnd.randrange(6)
        if what == 0:
            p.log.append(log("2026-11-22", Kind.HELPED, "new entry"))
        elif what == 1:
            p.notes = p.notes + " more"
        elif what == 2 and p.log:
            p.log[0].note = p.log[0].note + "!"
    if net.peers and rnd.random() < 0.3:
        net.peers.pop(rnd.randrange(len(net.peers)))
    for p in extra.peers:
        if net.find(p.name) is None and rnd.random() < 0.5:
            net.peers.append(p)
    if net.peers and rnd.random() < 0.2:
        victim = net.peers[rnd.randrange(len(net.peers))]
        if net.find(victim.name + " Renamed") is None:
            victim.name = victim.name + " Renamed"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), networks(), st.randoms(use_true_random=False))
def test_after_any_change_the_file_is_what_the_writer_makes_of_it(net, extra, rnd):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "peers.toml")
        assert store.create(net)
        for _ in range(2):  # the second change starts from a file the store wrote

            def change(n: Network) -> Network:
                _change(n, rnd, extra)
                return n

            expected = store.update(change, "test")
            data = store.path.read_bytes()
            assert data == dumps(parse(data, "t")), "not what the writer makes of it"
            assert parse(data, "t") == expected


def test_a_note_holding_a_peer_header_is_written_right(tmp_path):
    """A note with a `[[peers]]` line cannot be told from a peer's start: written anew."""
    store = Store(tmp_path / "peers.toml")
    tricky = peer("Ada Example", notes="first\n[[peers]]\nname = \"Fake\"\n")
    assert store.create(Network(peers=[tricky, peer("Bob Example"), peer("Cy Example")]))
    store.update(lambda n: n.peers[2].log.append(log("2026-11-22")), "log")
    store.update(lambda n: n.peers[1].log.append(log("2026-11-22")), "log")
    data = store.path.read_bytes()
    net = parse(data, "t")
    assert [p.name for p in net.peers] == ["Ada Example", "Bob Example", "Cy Example"]
    assert net.peers[0].notes == "first\n[[peers]]\nname = \"Fake\"\n"
    assert data == dumps(net)


def test_a_hand_edited_file_is_written_whole_and_keeps_every_peer(tmp_path):
    store = Store(tmp_path / "peers.toml")
    assert store.create(Network(peers=[peer("Ada Example"), peer("Bob Example"),
                                       peer("Cy Example")]))
    text = store.path.read_text().replace('name = "Bob Example"',
                                          'name = "Bob Example"  # hand edit\nteam = "X"')
    store.path.write_text(text)
    store.update(lambda n: n.peers[0].log.append(log("2026-11-22")), "log")
    net = parse(store.path.read_bytes(), "t")
    assert net.peers[1].team == "X" and len(net.peers[0].log) == 1
    assert store.path.read_bytes() == dumps(net)
