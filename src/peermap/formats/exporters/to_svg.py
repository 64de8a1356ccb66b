"""SVG: a self-contained picture of the map, drawn by peermap itself.

You sit in the middle; strong ties on the inner ring, weak on the middle ring,
nonexistent on the outer ring; unrated peers are listed under the picture. Dots are
coloured and shaped by team: colour and shape come from a hash of the team's name (a
colour-blind-safe palette, four shapes), so a team keeps its mark from map to map; when
two teams on one map would share a mark, the smaller takes the next free one
(docs/output.md). Peers of one team sit next to each other, so a team reads as a sector.
Focus peers get a halo and a bold label, and are labelled first. Labels are horizontal,
placed outward from their dot and nudged until no two labels (nor a label and a dot, the
title or the legend) overlap, and each label is nearer its own dot than any other; a
label moved far from its dot gets a thin leader line. A peer whose label finds no such
spot (a crowded map) is named in a list under the picture instead.

Sizes are estimated without font metrics (see `text_width`), on the generous side.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from peermap.core.model import Network, Peer, Tie, name_key
from peermap.core.text import count
from peermap.formats.exporters.common import (
    PALETTE,
    SHAPES,
    by_tie,
    team_colour,
    team_shape,
    title,
)

FONT = "Helvetica, Arial, sans-serif"
LABEL_SIZE = 12
LABEL_HEIGHT = 15  # box height of one label line, ascent + descent with a little air
MAX_LABEL = 24  # longer names are shortened with an ellipsis (the tooltip has all)
DOT = 6
HALO = 10
ME = 28
MIN_SIZE = 900
TOP = 76  # the title band
MARGIN = 16

NO_TEAM = "#c7c7c7"
RINGS = (Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT)
RING_STYLE = {
    Tie.STRONG: 'stroke="#777777" stroke-width="1.6"',
    Tie.WEAK: 'stroke="#999999" stroke-width="1.2" stroke-dasharray="7 5"',
    Tie.NONEXISTENT: 'stroke="#aaaaaa" stroke-width="1.2" stroke-dasharray="1.5 4"',
}


# --- text ----------------------------------------------------------------------------


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold at all (data validation rejects them anyway)."""
    return "".join(
        ch for ch in text
        if ch in "\t\n" or (0x20 <= ord(ch) < 0xD800) or (0xE000 <= ord(ch) < 0xFFFE)
        or ord(ch) >= 0x10000
    )


def esc(text: str) -> str:
    """Element text."""
    return escape(clean(text))


def attr(text: str) -> str:
    """An attribute value for use inside double quotes."""
    return escape(" ".join(clean(text).split()), {'"': "&quot;"})


# Helvetica/Arial advance widths in thousandths of an em (from the Adobe metrics), by
# groups; other characters count as 620 and East Asian wide ones as a full em.
_WIDTHS: dict[str, int] = {}
for _chars, _w in (
    ("'", 191), ("ijl|", 222), (" !,./:;I[]ft\\", 278), ('"', 355), ("()-`r{}", 333),
    ("*", 389), ("Jckxsvyz", 500), ("0123456789#$?L_abdeghnopqu~", 556), ("+<=>", 584),
    ("FTZ", 611), ("&ABEKPSVXY", 667), ("CDHNRUw", 722), ("GOQ", 778), ("Mm", 833),
    ("%", 889), ("W", 944), ("@", 1015),
):
    for _ch in _chars:
        _WIDTHS[_ch] = _w
SLACK = 1.15  # fallback fonts (DejaVu Sans) run wider than Helvetica


def text_width(text: str, size: float = LABEL_SIZE, bold: bool = False) -> float:
    """A generous estimate of the rendered width of `text` in a sans-serif font."""
    return _units(text) / 1000 * size * SLACK * (1.1 if bold else 1.0)


def _units(text: str) -> int:
    """Advance width of `text` in thousandths of an em (integers: they add up exactly)."""
    units = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        if ch in _WIDTHS:
            units += _WIDTHS[ch]
        else:
            units += 1000 if unicodedata.east_asian_width(ch) in ("W", "F") else 620
    return units


def short(name: str) -> str:
    flat = " ".join(name.split())
    return flat if len(flat) <= MAX_LABEL else flat[: MAX_LABEL - 1].rstrip() + "…"


# --- geometry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def inside(self, outer: Box) -> bool:
        return (self.x0 >= outer.x0 and self.y0 >= outer.y0 and self.x1 <= outer.x1
                and self.y1 <= outer.y1)


def _box_at(x: float, y: float, anchor: str, w: float) -> Box:
    x0 = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
    top = y - LABEL_SIZE * 0.95
    return Box(x0, top, x0 + w, top + LABEL_HEIGHT)


def _dot_box(x: float, y: float, r: float) -> Box:
    return Box(x - r, y - r, x + r, y + r)


@dataclass
class Placed:
    peer: Peer
    x: float
    y: float
    color: str
    text: str = ""
    lx: float = 0.0
    ly: float = 0.0
    anchor: str = "start"
    box: Box | None = None
    leader: bool = False
    crowded: bool = False  # a focus label that found no spot nearer its dot than others


@dataclass
class Layout:
    width: int
    height: int
    cx: float
    cy: float
    radii: dict[Tie, float]
    placed: list[Placed]
    legend: list[tuple[str, str, int]]  # (team label, colour and shape, peers)
    unrated: list[str]
    legend_top: float
    obstacles: list[Box] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)  # no unambiguous spot: listed


def _palette(net: Network) -> tuple[dict[str, str], list[tuple[str, str, int]]]:
    """Colour per team key, and the legend rows in order (larger teams first)."""
    labels: dict[str, str] = {}  # team key -> the first spelling seen
    counts: dict[str, int] = {}
    for p in net.peers:
        label = " ".join(p.team.split())
        if label:
            key = name_key(label)
            labels.setdefault(key, label)
            counts[key] = counts.get(key, 0) + 1
    order = sorted(counts, key=lambda k: (-counts[k], k))
    colours: dict[str, str] = {}
    for key in order:  # larger teams first keep their own mark
        colours[key] = _free_mark(labels[key], set(colours.values()))
    legend = [(labels[key], colours[key], counts[key]) for key in order]
    loose = sum(1 for p in net.peers if not p.team.strip())
    if loose:
        legend.append(("no team", f"{NO_TEAM} circle", loose))
    return colours, legend


def _free_mark(team: str, taken: set[str]) -> str:
    """The team's own "colour shape", or when another team on this map has it, the next
    free shape of its colour, then of the next colour: every team on a map is told apart
    while one of the 36 marks is free (docs/output.md)."""
    colour, shape = PALETTE.index(team_colour(team)), SHAPES.index(team_shape(team))
    for i in range(len(PALETTE) * len(SHAPES)):
        c, sh = (colour + i // len(SHAPES)) % len(PALETTE), (shape + i) % len(SHAPES)
        if f"{PALETTE[c]} {SHAPES[sh]}" not in taken:
            return f"{PALETTE[c]} {SHAPES[sh]}"
    return f"{PALETTE[colour]} {SHAPES[shape]}"


def _radii(n_slots: int, step: float = 90.0) -> dict[Tie, float]:
    """Ring radii: fixed for a normal map; with many peers the inner ring grows so that
    neighbouring dots (one angle slot each, about 15 px apart) do not touch. `step` is
    the room between the strong and the weak ring, where inner labels go."""
    first = max(115.0, n_slots * 2.4)
    return {Tie.STRONG: first, Tie.WEAK: first + step, Tie.NONEXISTENT: first + step + 90.0}


def _ring(p: Peer) -> Tie:
    """The ring of a rated peer (only rated peers are drawn on a ring)."""
    assert p.tie is not None
    return p.tie


# Room between the rings, tried in turn until every label finds an unambiguous spot.
RING_STEPS = (90.0, 110.0, 130.0, 150.0, 180.0)
RETRY_UP_TO = 150  # peers
AMBIGUOUS_TRIES = 60  # free spots tried for one label before it is listed instead


def layout(net: Network) -> Layout:
    """The picture's geometry; the rings move apart while that gives more labels room."""
    best = _layout(net, RING_STEPS[0])
    if len(net.peers) > RETRY_UP_TO:  # a big map is read by zooming; once is enough
        return best
    for step in RING_STEPS[1:]:
        if not _crowding(best):
            break
        lay = _layout(net, step)
        if _crowding(lay) < _crowding(best):
            best = lay
    return best


def _crowding(lay: Layout) -> int:
    """Labels that found no unambiguous spot: the fewer, the better the picture."""
    return len(lay.unlabelled) + sum(d.crowded for d in lay.placed)


def _layout(net: Network, step: float) -> Layout:
    groups = by_tie(net)
    colours, legend = _palette(net)
    rated = [p for t in ("strong", "weak", "nonexistent") for p in groups[t]]
    unrated = [p.name for p in groups["unrated"]]
    team_rank = {key: i for i, key in enumerate(colours)}
    # One angle slot per peer, team by team: a team is a sector across the rings.
    rated.sort(key=lambda p: (team_rank.get(name_key(p.team), len(team_rank)) if p.team.strip()
                              else len(team_rank) + 1,
                              RINGS.index(p.tie), p.key, p.name))
    radii = _radii(len(rated), step)
    # Wide enough for the longest label beside its ring, in the worst (horizontal) case.
    reach = max((radii[_ring(p)] + HALO + 8 + text_width(short(p.name), bold=p.focus)
                 for p in rated), default=radii[Tie.NONEXISTENT])
    width = max(MIN_SIZE, math.ceil(2 * (reach + MARGIN)))
    cx = width / 2
    cy = TOP + radii[Tie.NONEXISTENT] + HALO + LABEL_HEIGHT * 3
    legend_top = cy + radii[Tie.NONEXISTENT] + HALO + LABEL_HEIGHT * 3

    placed = []
    n = len(rated)
    for i, p in enumerate(rated):
        angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / max(n, 1)
        r = radii[_ring(p)]
        placed.append(Placed(p, cx + r * math.cos(angle), cy + r * math.sin(angle),
                             colours.get(name_key(p.team), f"{NO_TEAM} circle")
                             if p.team.strip() else f"{NO_TEAM} circle"))
    title_box = Box(0, 0, width, TOP - 8)
    obstacles = [title_box, _dot_box(cx, cy, ME + 2)]
    obstacles += [_dot_box(d.x, d.y, HALO if d.peer.focus else DOT + 1) for d in placed]
    area = Box(MARGIN / 2, TOP - 8, width - MARGIN / 2, legend_top - 4)
    taken = BoxIndex(obstacles)
    dots = DotIndex(placed)
    unlabelled = []
    # Focus peers first: they always get a label, and the nearest spots.
    for d in sorted(placed, key=lambda d: (not d.peer.focus, RINGS.index(d.peer.tie),
                                           d.peer.key)):
        if not _place_label(d, cx, cy, area, taken, dots):
            unlabelled.append(d.peer.name)
    unlabelled.sort(key=name_key)
    height = math.ceil(legend_top + _legend_height(legend, unrated, width, unlabelled))
    return Layout(width, height, cx, cy, radii, placed, legend, unrated, legend_top,
                  obstacles, unlabelled)


def _place_label(d: Placed, cx: float, cy: float, area: Box, taken: BoxIndex,
                 dots: DotIndex) -> bool:
    """Try spots along the ray from the centre through the dot, then beside it, then
    inward; take the first whose box is free and nearer this dot than any other. Without
    one, a focus peer's label takes the first free spot (then the nearest, whatever it
    covers); any other peer gets no label (False) and is listed under the picture."""
    d.text = short(d.peer.name)
    bold = d.peer.focus
    dx, dy = d.x - cx, d.y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    # Above or below a dot near the top or bottom, the label starts at the dot's edge and
    # runs away from its neighbour on the other side (centred, it would sit as near the
    # neighbour as its own dot).
    vertical = abs(ux) <= 0.3
    anchor = "start" if ux >= 0 else "end"
    own = HALO if bold else DOT
    base = own + 2
    width = text_width(d.text, LABEL_SIZE, bold)

    def candidate(dist: float, side: float) -> tuple[float, float, Box]:
        px = d.x + ux * dist - uy * side
        py = d.y + uy * dist + ux * side
        if vertical:
            # Above a dot in the upper half, below it in the lower half.
            baseline = py - 3 if uy < 0 else py + LABEL_SIZE
            px += -own if anchor == "start" else own
        else:
            baseline = py + LABEL_SIZE * 0.35
        return px, baseline, _box_at(px, baseline, anchor, width)

    best = None
    free = None  # the first free spot, ambiguous or not (for a focus peer)
    ambiguous = 0
    for dist, side in _tries(base):
        x, y, box = candidate(dist, side)
        if not box.inside(area) or taken.hits(box):
            continue
        free = free or (dist, side, x, y, box)
        if dots.nearest_is(d, box):
            best = (dist, side, x, y, box)
            break
        ambiguous += 1
        if ambiguous > AMBIGUOUS_TRIES and not d.peer.focus:
            break  # farther spots are only farther from this dot
    if best is None and not d.peer.focus:
        d.text = ""
        return False
    if best is None:  # a focus peer on a very crowded map: labelled all the same
        best = free or (base, 0.0, *candidate(base, 0.0))
        d.crowded = True
    dist, side, d.lx, d.ly, d.box = best
    d.anchor = anchor
    d.leader = abs(dist) > base + 14 or abs(side) > 0
    taken.add(d.box)
    return True


@functools.cache
def _tries(base: float) -> tuple[tuple[float, float], ...]:
    """Offsets (along the ray, to the side) in the order they are tried. Nearest free spot
    wins: outward along the ray is cheapest, then to the side, then inward (the middle of
    the picture is often empty)."""
    tries = [(base + 5 * k, 7.0 * j * sgn) for k in range(0, 30) for j in range(0, 6)
             for sgn in ((1,) if j == 0 else (1, -1))]
    tries += [(-(base + 5 * k), 7.0 * j * sgn) for k in range(0, 12) for j in range(0, 4)
              for sgn in ((1,) if j == 0 else (1, -1))]
    tries.sort(key=lambda t: (abs(t[0]) - base) * (1.0 if t[0] > 0 else 1.6) + abs(t[1]) * 1.4)
    return tuple(tries)


def box_distance(box: Box, x: float, y: float) -> float:
    """Distance from the point (x, y) to the nearest point of `box` (0 inside it)."""
    return math.hypot(max(box.x0 - x, 0.0, x - box.x1), max(box.y0 - y, 0.0, y - box.y1))


class DotIndex:
    """The peers' dots in a grid of cells, to ask whether a label box is nearer its own
    dot than any other (so no label can be read as naming a neighbour)."""

    CELL = 64.0

    def __init__(self, placed: Iterable[Placed]) -> None:
        self.cells: dict[tuple[int, int], list[Placed]] = {}
        for d in placed:
            key = (math.floor(d.x / self.CELL), math.floor(d.y / self.CELL))
            self.cells.setdefault(key, []).append(d)

    def nearest_is(self, own: Placed, box: Box, margin: float = 0.0) -> bool:
        reach = box_distance(box, own.x, own.y) + margin
        c = self.CELL
        for i in range(math.floor((box.x0 - reach) / c), math.floor((box.x1 + reach) / c) + 1):
            for j in range(math.floor((box.y0 - reach) / c),
                           math.floor((box.y1 + reach) / c) + 1):
                for d in self.cells.get((i, j), ()):
                    if d is not own and box_distance(box, d.x, d.y) < reach:
                        return False
        return True


class BoxIndex:
    """The boxes already taken (dots, labels, title), bucketed in a grid of square cells so
    that a candidate label is checked against its neighbours only, not every box on the
    map: placing n labels stays about linear instead of quadratic."""

    CELL = 64.0

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box, pad: float) -> list[tuple[int, int]]:
        c = self.CELL
        return [(i, j)
                for i in range(math.floor((box.x0 - pad) / c), math.floor((box.x1 + pad) / c) + 1)
                for j in range(math.floor((box.y0 - pad) / c), math.floor((box.y1 + pad) / c) + 1)]

    def add(self, box: Box) -> None:
        for key in self._keys(box, 0.0):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: Box, pad: float = 1.0) -> bool:
        """Whether `box` comes nearer than `pad` to any box taken so far."""
        c, cells = self.CELL, self.cells
        x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
        j0, j1 = math.floor((y0 - pad) / c), math.floor((y1 + pad) / c) + 1
        for i in range(math.floor((x0 - pad) / c), math.floor((x1 + pad) / c) + 1):
            for j in range(j0, j1):
                for o in cells.get((i, j), ()):
                    # The overlap test, inlined: this is the inner loop of the layout.
                    if not (x1 + pad <= o.x0 or o.x1 + pad <= x0
                            or y1 + pad <= o.y0 or o.y1 + pad <= y0):
                        return True
        return False


# --- the legend band -------------------------------------------------------------------

_ROW = 22


def _legend_rows(legend: list[tuple[str, str, int]], width: float,
                 ) -> list[list[tuple[float, str, str]]]:
    """Team swatches flowed into rows that fit the width."""
    rows: list[list[tuple[float, str, str]]] = [[]]
    x: float = MARGIN
    for label, colour, n in legend:
        text = f"{short(label)} ({n})"
        w = 18 + text_width(text, 12) + 18
        if rows[-1] and x + w > width - MARGIN:
            rows.append([])
            x = MARGIN
        rows[-1].append((x, text, colour))
        x += w
    return [r for r in rows if r]


def _unrated_lines(unrated: list[str], width: float,
                   heading: str = "Not rated yet") -> list[str]:
    if not unrated:
        return []
    lines = [f"{heading} ({len(unrated)}):"]
    current = ""
    units = 0  # of `current`, kept as it grows (measuring it anew is quadratic)
    shown = 0
    for name in unrated:
        piece = (", " if current else "") + short(name)
        piece_units = _units(piece)
        if (units + piece_units) / 1000 * 12 * SLACK > width - 2 * MARGIN:
            if len(lines) == 3:
                break
            lines.append(current + ",")
            current = short(name)
            units = _units(current)
        else:
            current += piece
            units += piece_units
        shown += 1
    lines.append(current + (f" … and {len(unrated) - shown} more" if shown < len(unrated)
                            else ""))
    return lines


UNLABELLED = "No room for a label here"


def _legend_height(legend: list[tuple[str, str, int]], unrated: list[str], width: float,
                   unlabelled: list[str]) -> float:
    rows = len(_legend_rows(legend, width)) if legend else 0
    return _ROW * (1 + rows + len(_unrated_lines(unrated, width))
                   + len(_unrated_lines(unlabelled, width, UNLABELLED))) + MARGIN


# --- drawing ----------------------------------------------------------------------------


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def export(net: Network, today: date) -> str:
    lay = layout(net)
    w, h = lay.width, lay.height
    groups = by_tie(net)
    counts = ", ".join(f"{len(groups[t])} {t}" for t in ("strong", "weak", "nonexistent",
                                                         "unrated") if groups[t])
    heading = title(net)
    peers = count(len(net.peers), "peer")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family="{FONT}" role="img">',
        f"<title>{esc(heading)}</title>",
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="34" font-size="22" font-weight="bold" fill="#222222">'
        f"{esc(heading)}</text>",
        f'<text x="{MARGIN}" y="56" font-size="13" fill="#555555">'
        f"{esc(f'As of {today.isoformat()}: {peers}')}"
        f"{esc(f' ({counts})' if counts else '')}</text>",
        '<g fill="none">',
    ]
    for tie in RINGS:
        out.append(f'<circle cx="{_f(lay.cx)}" cy="{_f(lay.cy)}" r="{_f(lay.radii[tie])}" '
                   f'{RING_STYLE[tie]}><title>{tie.value} ties</title></circle>')
    out.append("</g>")
    out.append(f'<circle cx="{_f(lay.cx)}" cy="{_f(lay.cy)}" r="{ME}" fill="#333333"/>')
    out.append(f'<text x="{_f(lay.cx)}" y="{_f(lay.cy + 5)}" font-size="14" '
               f'text-anchor="middle" fill="#ffffff" font-weight="bold">you</text>')
    for d in lay.placed:
        out.extend(_peer(d))
    out.extend(_legend(lay))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def mark(x: float, y: float, style: str, extra: str = "") -> str:
    """A team's mark at (x, y): `style` is "colour shape" (circle, square, diamond,
    triangle), each about the size of a dot of radius DOT."""
    colour, _, shape = style.partition(" ")
    tail = f' fill="{colour}"' + (f" {extra}" if extra else "") + "/>"
    r = DOT
    if shape == "square":
        s = r * 0.9
        side = _f(2 * s)
        return f'<rect x="{_f(x - s)}" y="{_f(y - s)}" width="{side}" height="{side}"{tail}'
    if shape == "diamond":
        s = r * 1.25
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    elif shape == "triangle":
        s = r * 1.25
        points = [(x, y - s), (x + s * 0.9, y + s * 0.7), (x - s * 0.9, y + s * 0.7)]
    else:
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{r}"{tail}'
    return f'<polygon points="{" ".join(f"{_f(a)},{_f(b)}" for a, b in points)}"{tail}'


def _peer(d: Placed) -> list[str]:
    p = d.peer
    about = ", ".join(x for x in (" ".join(p.team.split()), p.tie.value if p.tie else "",
                                  "focus" if p.focus else "") if x)
    lines = [f'<g class="peer"><title>{esc(f"{p.name} ({about})")}</title>']
    if d.leader and d.box is not None:
        # End the leader at the box edge nearest the dot.
        ex = min(max(d.x, d.box.x0), d.box.x1)
        ey = min(max(d.y, d.box.y0), d.box.y1)
        lines.append(f'<line x1="{_f(d.x)}" y1="{_f(d.y)}" x2="{_f(ex)}" y2="{_f(ey)}" '
                     'stroke="#bbbbbb" stroke-width="0.8"/>')
    if p.focus:
        lines.append(f'<circle cx="{_f(d.x)}" cy="{_f(d.y)}" r="{HALO}" fill="none" '
                     'stroke="#222222" stroke-width="2"/>')
    lines.append(mark(d.x, d.y, d.color, 'stroke="#ffffff" stroke-width="1"'))
    # The white halo that keeps a label readable across rings and leader lines is a copy
    # of the text drawn first, not `paint-order="stroke"`: cairosvg ignores paint-order
    # and would paint the white stroke over the letters.
    if not d.text:  # no unambiguous spot: named under the picture, and in the tooltip
        return [*lines, "</g>"]
    weight = ' font-weight="bold"' if p.focus else ""
    at = (f'x="{_f(d.lx)}" y="{_f(d.ly)}" text-anchor="{d.anchor}" '
          f'font-size="{LABEL_SIZE}"{weight}')
    lines.append(f'<text class="halo" {at} fill="#ffffff" stroke="#ffffff" '
                 f'stroke-width="3" stroke-linejoin="round" aria-hidden="true">'
                 f'{esc(d.text)}</text>')
    lines.append(f'<text class="label" {at} fill="#222222" '
                 f'data-peer="{attr(p.name)}">{esc(d.text)}</text>')
    lines.append("</g>")
    return lines


def _legend(lay: Layout) -> list[str]:
    y = lay.legend_top
    out = [f'<line x1="{MARGIN}" y1="{_f(y - 10)}" x2="{lay.width - MARGIN}" '
           f'y2="{_f(y - 10)}" stroke="#dddddd"/>', '<g class="legend" font-size="12" '
           'fill="#333333">']
    # The rings and the focus mark.
    x: float = MARGIN
    for tie, name in ((Tie.STRONG, "strong (inner ring)"), (Tie.WEAK, "weak (middle ring)"),
                      (Tie.NONEXISTENT, "nonexistent (outer ring)")):
        out.append(f'<line x1="{x}" y1="{_f(y + 6)}" x2="{x + 26}" y2="{_f(y + 6)}" '
                   f'{RING_STYLE[tie]}/>')
        out.append(f'<text x="{x + 32}" y="{_f(y + 10)}">{esc(name)}</text>')
        x += 32 + text_width(name, 12) + 22
    out.append(f'<circle cx="{_f(x + 10)}" cy="{_f(y + 6)}" r="{HALO}" fill="none" '
               'stroke="#222222" stroke-width="2"/>')
    out.append(f'<circle cx="{_f(x + 10)}" cy="{_f(y + 6)}" r="{DOT}" fill="{NO_TEAM}"/>')
    out.append(f'<text x="{_f(x + 26)}" y="{_f(y + 10)}" font-weight="bold">focus peer</text>')
    y += _ROW
    for row in _legend_rows(lay.legend, lay.width):
        for sx, text, colour in row:
            out.append(mark(sx + 7, y + 6, colour))
            out.append(f'<text x="{_f(sx + 18)}" y="{_f(y + 10)}">{esc(text)}</text>')
        y += _ROW
    for line in (_unrated_lines(lay.unrated, lay.width)
                 + _unrated_lines(lay.unlabelled, lay.width, UNLABELLED)):
        out.append(f'<text x="{MARGIN}" y="{_f(y + 10)}">{esc(line)}</text>')
        y += _ROW
    out.append("</g>")
    return out
