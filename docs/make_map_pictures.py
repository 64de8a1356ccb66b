"""Draw docs/map-12.png, map-60.png and map-300.png: the SVG export of made-up maps of
12, 60 and 300 peers, rendered by cairosvg (the `test` extra). Run from the repository
root: `python docs/make_map_pictures.py`. The names are invented; the maps are the same
on every run (a fixed seed), so the pictures change only when the drawing does.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

FIRST = ["Ada", "Grace", "Zoë", "José", "Łukasz", "Mei", "Aino", "François", "Ngozi",
         "Priya", "Tomás", "Kofi", "Hana", "Olu", "Rafael", "Ingrid", "Dmitri", "Sam"]
LAST = ["Okonkwo", "Álvarez", "Wiśniewski", "Lin", "Mäkinen", "Dubois", "Adeyemi",
        "Sharma", "O'Brien", "Nakamura", "Schmidt", "García", "Park", "Berg", "Costa"]
TEAMS = ["Payments", "Compilers", "Search Infra", "Data Platform", "Mobile", "Security",
         "Design", "Finance", "Legal", "Growth", "Support", ""]


def made_up(n: int, seed: int = 7) -> object:
    from peermap.core.model import Me, Network, Peer, Tie

    rnd = random.Random(seed)
    peers: dict[str, Peer] = {}
    while len(peers) < n:
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        if name.casefold() in peers:
            name += f" {rnd.choice('ABCDEFGHJKLMNPRSTW')}."
        tie = rnd.choices([Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT, None], (2, 3, 2, 1))[0]
        peers.setdefault(name.casefold(), Peer(name=name, team=rnd.choice(TEAMS[:3 + n // 10]),
                                               tie=tie))
    chosen = [p for p in peers.values() if p.tie in (Tie.WEAK, Tie.NONEXISTENT)][:4]
    for p in chosen:
        p.focus = True
    return Network(me=Me(name="Ada Example"), peers=list(peers.values()))


def main() -> None:
    import cairosvg

    from peermap.formats.exporters import export

    out = Path(__file__).resolve().parent
    for n in (12, 60, 300):
        svg = export("svg", made_up(n), date(2026, 11, 22))  # type: ignore[arg-type]
        target = out / f"map-{n}.png"
        cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(target))
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
