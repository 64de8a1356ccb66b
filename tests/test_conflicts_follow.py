"""Merge conflicts still to settle follow their peer through rename, merge and remove
(docs/sync.md)."""

from __future__ import annotations

import json

from conftest import ok
from factories import write
from peermap.core.model import MergeConflict, Network, Peer
from peermap.storage.store import Store, dumps


def waiting(cli) -> list[dict]:
    return json.loads(ok(cli("conflicts", "--format", "json")).stdout)


def two_with_conflicts() -> Network:
    return Network(peers=[Peer("Grace Example", team="Compilers"), Peer("Grace E")],
                   conflicts=[MergeConflict(peer="Grace E", field="team", ours="Compilers",
                                            theirs="Runtime"),
                              MergeConflict(peer="Grace E", removed="ours")])


def test_a_renamed_peer_keeps_its_conflicts_and_one_can_still_be_settled(cli, data_file):
    write(data_file, two_with_conflicts())
    ok(cli("rename", "Grace E", "Grace Hopper"))
    assert {c["peer"] for c in waiting(cli)} == {"Grace Hopper"}
    r = ok(cli("conflicts", "take", "theirs", "1"))
    assert "Runtime" in r.stdout
    assert Store(data_file).load().find("Grace Hopper").team == "Runtime"


def test_merge_moves_the_others_conflicts_to_keep_and_drops_its_removal(cli, data_file):
    write(data_file, two_with_conflicts())
    ok(cli("merge", "Grace Example", "Grace E"))
    rows = waiting(cli)
    assert [(c["peer"], c["field"], c["theirs"]) for c in rows] == [
        ("Grace Example", "team", "Runtime")]


def test_remove_takes_the_peers_conflicts_with_it(cli, data_file):
    write(data_file, two_with_conflicts())
    ok(cli("remove", "Grace E", "--yes"))
    assert waiting(cli) == []
    ok(cli("undo"))
    assert len(waiting(cli)) == 2  # all of it comes back with undo


def test_a_conflict_kept_as_true_is_not_the_same_as_one_kept_as_1():
    """Python says True == 1; the file does not. A side that changed nothing takes the
    other side's conflicts exactly as written."""
    from peermap.core.threeway import merge_networks

    base = Network(conflicts=[MergeConflict(peer="x", field="tie", ours="a", theirs=True)])
    other = Network(conflicts=[MergeConflict(peer="x", field="tie", ours="a", theirs=1)])
    assert dumps(merge_networks(base, base, other).network) == dumps(other)
    assert dumps(merge_networks(base, other, base).network) == dumps(other)
