"""A stable picture (docs/output.md): a team keeps its colour across maps, focus peers are
always labelled and never grey, each label sits nearer its own dot than any other, and
DOT clusters do not overlap."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factories import TODAY
from peermap.core.model import Me, Network, Peer, Tie
from peermap.formats.exporters import export, to_svg
from peermap.formats.exporters.common import PALETTE, team_colour, team_shape

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))
from make_map_pictures import made_up  # noqa: E402 (the pictures' own maps)

TEAMS = ["Payments", "Compilers", "Search Infra", "Data Platform", "Mobile", "Security",
         "Design", "Finance", "Legal", "Growth", "Support", "Risk", "Tax", "Ads"]


def crowd(n: int, teams: list[str], seed: int) -> Network:
    rnd = random.Random(seed)
    peers = [Peer(name=f"Peer {i} {rnd.choice('ABCDEFGH')}", team=rnd.choice(teams),
                  tie=rnd.choice([Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT])) for i in range(n)]
    return Network(me=Me(name="Ada"), peers=peers)


def colours(net: Network) -> dict[str, str]:
    return {d.peer.team: d.color.split()[0] for d in to_svg.layout(net).placed}


def test_a_team_keeps_its_colour_across_two_different_networks():
    small = crowd(12, ["Search Infra", "Payments", "Risk"], seed=1)
    big = crowd(60, TEAMS, seed=2)  # Search Infra among many teams, far from the largest
    a, b = colours(small), colours(big)
    assert a["Search Infra"] == b["Search Infra"] == team_colour("Search Infra")
    assert all(a[t] == b[t] for t in a if t in b)
    assert team_colour("search  infra") == team_colour("Search Infra")  # case, spacing
    assert set(b.values()) <= set(PALETTE)


def test_two_teams_of_one_colour_on_one_map_get_different_shapes():
    """Payments and Legal hash to the same colour and shape; on one map the smaller team
    takes the next free shape, and alone each keeps its own (docs/output.md)."""
    assert (team_colour("Payments"), team_shape("Payments")) == (team_colour("Legal"),
                                                                 team_shape("Legal"))
    net = Network(me=Me(name="Ada"), peers=[
        Peer("Ana", team="Payments", tie=Tie.WEAK), Peer("Bo", team="Payments", tie=Tie.WEAK),
        Peer("Cy", team="Legal", tie=Tie.STRONG)])
    marks = {label: mark for label, mark, _ in to_svg.layout(net).legend}
    assert marks["Payments"] == f"{team_colour('Payments')} {team_shape('Payments')}"
    assert marks["Legal"].split()[0] == team_colour("Legal")
    assert marks["Legal"] != marks["Payments"]
    alone = Network(me=Me(name="Ada"), peers=[Peer("Cy", team="Legal", tie=Tie.STRONG)])
    assert to_svg.layout(alone).legend[0][1] == f"{team_colour('Legal')} {team_shape('Legal')}"
    big = {label: mark for label, mark, _ in to_svg.layout(made_up(300)).legend}
    assert len(set(big.values())) == len(big)  # every team its own mark


def test_focus_peers_are_labelled_and_in_their_teams_colour_on_a_crowded_map():
    net = made_up(300)
    focus = [p for p in net.peers if p.focus and p.tie is not None]
    for p in net.peers[-6:]:  # focus peers in small teams, past the first few colours
        p.team, p.tie, p.focus = f"Tiny team {p.name}", Tie.WEAK, True
        focus.append(p)
    lay = to_svg.layout(net)
    drawn = {d.peer.name: d for d in lay.placed}
    for p in focus:
        d = drawn[p.name]
        assert d.text, p.name  # labelled
        assert d.color.split()[0] == team_colour(p.team) != to_svg.NO_TEAM
        assert p.name not in lay.unlabelled
    legend = " ".join(label for label, _, _ in lay.legend)
    assert "other team" not in legend


@pytest.mark.parametrize("n", [12, 60, 300])
def test_each_label_is_nearer_its_own_dot_than_any_other(n):
    lay = to_svg.layout(made_up(n))
    labelled = [d for d in lay.placed if d.text]
    assert len(labelled) + len(lay.unlabelled) == len(lay.placed)
    assert len(labelled) >= 0.8 * len(lay.placed)
    for d in labelled:
        assert d.box is not None
        own = to_svg.box_distance(d.box, d.x, d.y)
        for other in lay.placed:
            if other is not d:
                assert own < to_svg.box_distance(d.box, other.x, other.y), (d.peer.name,
                                                                            other.peer.name)


def test_a_peer_without_a_label_is_named_under_the_picture():
    net = made_up(300)
    lay = to_svg.layout(net)
    assert lay.unlabelled
    svg = export("svg", net, TODAY)
    assert f"No room for a label here ({len(lay.unlabelled)}):" in svg
    assert to_svg.short(lay.unlabelled[0]) in svg


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("n", [60, 100])  # fdp takes a minute at 300
def test_dot_clusters_do_not_overlap(n):
    src = export("dot", made_up(n), TODAY)
    run = subprocess.run(["dot", "-Tjson"], input=src, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    objects = json.loads(run.stdout)["objects"]
    boxes = [[float(v) for v in o["bb"].split(",")] for o in objects
             if o["name"].startswith("cluster")]
    assert len(boxes) >= 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_dot_outlines_each_team_in_its_colour():
    src = export("dot", made_up(12), TODAY)
    assert f'label="Payments"; style="rounded,dashed"; penwidth=2; ' \
           f'color="{team_colour("Payments")}";' in src
