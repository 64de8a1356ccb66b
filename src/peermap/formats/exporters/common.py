"""Small helpers the exporters share: peer order, tie labels, team grouping."""

from __future__ import annotations

import hashlib

from peermap.core.model import Network, Peer, name_key

TIE_ORDER = ("strong", "weak", "nonexistent", "unrated")


def tie_name(p: Peer) -> str:
    return p.tie.value if p.tie is not None else "unrated"


def by_name(peers: list[Peer]) -> list[Peer]:
    return sorted(peers, key=lambda p: (p.key, p.name))


def by_tie(net: Network) -> dict[str, list[Peer]]:
    """Peers grouped by tie in TIE_ORDER, each group by name; every tie is a key."""
    groups: dict[str, list[Peer]] = {t: [] for t in TIE_ORDER}
    for p in by_name(net.peers):
        groups[tie_name(p)].append(p)
    return groups


def teams(net: Network) -> list[tuple[str, list[Peer]]]:
    """(team, peers) for every named team, ordered by name; peers without a team are
    left out. Different case or spacing is the same team (the first spelling wins)."""
    groups: dict[str, tuple[str, list[Peer]]] = {}
    for p in by_name(net.peers):
        label = " ".join(p.team.split())
        if label:
            groups.setdefault(name_key(label), (label, []))[1].append(p)
    return [groups[k] for k in sorted(groups)]


def title(net: Network) -> str:
    return f"Peer map of {net.me.name}" if net.me.name.strip() else "Your peer map"


# Paul Tol's "muted" scheme: nine colours told apart with every common colour-vision
# deficiency (docs/output.md).
PALETTE = ("#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99",
           "#999933", "#aa4499")


# With the colour, a mark shape: teams that share a colour rarely share both, and a shape
# is told apart without colour vision at all.
SHAPES = ("circle", "square", "diamond", "triangle")


def _team_hash(team: str) -> int:
    key = name_key(" ".join(team.split()))
    return int.from_bytes(hashlib.blake2s(key.encode("utf-8"), digest_size=4).digest(), "big")


def team_colour(team: str) -> str:
    """A team's own colour: a hash of its name (case and spacing aside) into the palette,
    the same in every export. Two teams can hash to one colour; the DOT export names
    them, and the SVG picture gives the second a free mark of its own (docs/output.md)."""
    return PALETTE[_team_hash(team) % len(PALETTE)]


def team_shape(team: str) -> str:
    """A team's mark shape in the SVG picture, from the same hash as its colour."""
    return SHAPES[_team_hash(team) // len(PALETTE) % len(SHAPES)]
