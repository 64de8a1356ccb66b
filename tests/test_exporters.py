"""Export formats (docs/formats.md): parse what is produced, with hostile names."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from peermap.core.errors import PeermapError
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
    Tie,
    TieChange,
    WhyNone,
    validate_document,
)
from peermap.formats.exporters import EXPORTERS, FORMATS, export, to_svg
from peermap.formats.exporters.to_csv import COLUMNS, safe_cell
from peermap.formats.importer import apply_import, plan_import, read_rows

TODAY = date(2026, 11, 27)
SVG = "{http://www.w3.org/2000/svg}"

NASTY = [
    'Ann "Quote" O\'Neil',
    "<script>alert(1)</script> & Co",
    "[Brackets] {braces} (parens)",
    "Pipe | Name",
    "=SUM(A1:A2)",
    "+44 Caller",
    "-minus",
    "@handle",
    "Back\\slash \\N \\n",
    "Zoë # ; % 100% `tick` *star* _under_",
    "#quot; &amp; literal",
]


def nasty_network() -> Network:
    teams = ["Payments", 'Team "Q" <&>', "Data | Platform", "Payments", ""]
    peers = []
    for i, name in enumerate(NASTY):
        tie = [Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT, None][i % 4]
        peers.append(Peer(
            name=name, team=teams[i % len(teams)], role="Role <b>", location="Zürich",
            tie=tie, why_none=WhyNone.CLASH if tie == Tie.NONEXISTENT else None,
            affects=[Affects.HELPS_ME, Affects.SHARED_GOALS] if i % 2 else [],
            matters=[Matters.CURRENT_WORK] if i % 3 else [],
            tags=["=cmd", "a;b"[:1], "x|y"] if i == 4 else ["ok"],
            focus=i in (1, 4), focus_since=date(2026, 11, 1) if i in (1, 4) else None,
            added=date(2026, 10, 1),
            notes="=HYPERLINK(\"x\")\nsecond line" if i == 0 else ("\tindented" if i == 1
                                                                  else ""),
            next=NextStep('Ask "what next" | <now>', date(2026, 12, 1)) if i == 1 else None,
            ties=[TieChange(date(2026, 10, 1), tie)] if tie else [],
            log=[LogEntry(date(2026, 11, 20), Kind.SHARED, "sent <doc> & notes")] if i == 1
            else [],
        ))
    return Network(me=Me(name='Ada "Me" <Example> & co', team="Payments", location="London",
                         strengths=["SQL | tuning"]),
                   peers=peers, reviews=[Review(date(2026, 11, 21), NASTY[1], "step")])


# --- registry --------------------------------------------------------------------------


def test_registry_has_every_format():
    assert FORMATS == ("json", "csv", "markdown", "dot", "mermaid", "svg", "ics", "vcard")
    assert set(EXPORTERS) == set(FORMATS)
    for fmt in FORMATS:
        out = export(fmt, nasty_network(), TODAY)
        assert out.endswith("\n")
        assert out == export(fmt, nasty_network(), TODAY), f"{fmt} is not deterministic"


def test_unknown_format_is_a_clear_error():
    with pytest.raises(PeermapError, match="unknown export format 'pdf'"):
        export("pdf", Network(), TODAY)


def test_importing_the_package_loads_no_exporter():
    code = ("import sys, peermap.formats.exporters; "
            "print(sorted(m for m in sys.modules if m.startswith('peermap.formats.exporters.')))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stdout.strip() == "[]"


# --- json ------------------------------------------------------------------------------


def test_json_is_lossless_through_validate_document():
    net = nasty_network()
    text = export("json", net, TODAY)
    back = validate_document(json.loads(text))
    net.sort()
    assert back == net


def importable(net: Network) -> Network:
    """The nasty network as an import takes it: a name cannot start with `-` (as with
    `add`), so the dash moves to a role, where the formula guard still meets it."""
    for p in net.peers:
        if p.name.startswith("-"):
            p.name, p.role = p.name.lstrip("-"), p.name
    return net


def test_json_reads_back_through_the_importer():
    net = importable(nasty_network())
    rows = read_rows(export("json", net, TODAY).encode("utf-8"))
    target = Network()
    plan = plan_import(target, rows, update=False, today=TODAY)
    assert plan.problems == []
    apply_import(target, plan)
    net.sort()
    assert target.peers == net.peers


# --- csv -------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == COLUMNS
    return list(reader)


def test_csv_parses_with_one_row_per_peer_and_lists_joined():
    net = nasty_network()
    rows = _csv_rows(export("csv", net, TODAY))
    assert len(rows) == len(NASTY)
    by_name = {r["name"].removeprefix("'"): r for r in rows}
    assert set(by_name) == set(NASTY)
    quote = by_name['Ann "Quote" O\'Neil']
    assert quote["notes"] == "'=HYPERLINK(\"x\")\nsecond line"
    pipe = by_name["<script>alert(1)</script> & Co"]
    assert pipe["affects"] == "helps-me;shared-goals"
    assert pipe["focus"] == "true"
    assert pipe["next_step"] == 'Ask "what next" | <now>'
    assert pipe["next_due"] == "2026-12-01"
    assert pipe["last_contact"] == "2026-11-20"
    assert pipe["notes"] == "'\tindented"


@pytest.mark.parametrize("name", ["=SUM(A1:A2)", "+44 Caller", "-minus", "@handle"])
def test_csv_defuses_formula_cells(name):
    rows = _csv_rows(export("csv", nasty_network(), TODAY))
    assert any(r["name"] == "'" + name for r in rows)
    assert not any(r["name"] == name for r in rows)


def test_csv_formula_guard_in_every_column():
    rows = _csv_rows(export("csv", nasty_network(), TODAY))
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert safe_cell("\rx") == "'\rx"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell("") == ""


def test_csv_round_trips_through_the_importer():
    net = importable(nasty_network())
    rows = read_rows(export("csv", net, TODAY).encode("utf-8"))
    target = Network()
    plan = plan_import(target, rows, update=False, today=TODAY)
    assert plan.problems == []
    apply_import(target, plan)
    got = {p.name: p for p in target.peers}
    for p in net.peers:
        q = got[p.name]
        assert (q.team, q.role, q.location, q.tie, q.why_none, q.affects, q.matters,
                q.tags, q.notes) == (p.team, p.role, p.location, p.tie, p.why_none,
                                     p.affects, p.matters, sorted(p.tags, key=str.casefold),
                                     p.notes.strip())


# --- markdown --------------------------------------------------------------------------

_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_report_has_focus_steps_and_an_intact_table():
    text = export("markdown", nasty_network(), TODAY)
    assert text.startswith("# Peer map of Ada \"Me\" \\<Example\\> \\& co\n")
    focus = text.split("## Focus", 1)[1].split("## All peers", 1)[0]
    assert "Ask \"what next\" \\| \\<now\\>" in focus
    assert "2026-11-20 (7 days ago)" in focus
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    header = [line for line in table_rows if line.startswith("| name |")]
    assert len(header) == 4  # strong, weak, nonexistent and unrated
    for line in table_rows:
        cells = _PIPE.split(line)[1:-1]
        assert len(cells) in (5, 8), line
    # No raw markup survives in names: every special character is backslash-escaped.
    assert "\\<script\\>alert(1)\\</script\\> \\& Co" in text
    assert "\\[Brackets\\] \\{braces\\} (parens)" in text
    assert "Pipe \\| Name" in text
    assert "\\`tick\\` \\*star\\* \\_under\\_" in text


def test_markdown_without_focus_says_what_to_do():
    net = Network(peers=[Peer(name="A", tie=Tie.WEAK)])
    assert "peermap map --step focus" in export("markdown", net, TODAY)


# --- dot -------------------------------------------------------------------------------

_DOT_STRING = re.compile(r'label="((?:[^"\\]|\\.)*)"')


def _dot_unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s).replace("&amp;", "&")


def test_dot_quotes_and_escapes_every_name():
    net = nasty_network()
    text = export("dot", net, TODAY)
    labels = [_dot_unescape(m) for m in _DOT_STRING.findall(text)]
    for p in net.peers:
        assert (("★ " if p.focus else "") + p.name) in labels
    assert 'Team "Q" <&>' in labels  # the cluster label
    # Node ids are generated; names appear only inside quotes.
    node_ids = re.findall(r"^\s*(\w+) \[label=", text, flags=re.M)
    assert sorted(node_ids) == sorted(["me"] + [f"p{i}" for i in range(len(NASTY))])
    assert text.count(" -- ") == len(NASTY)
    assert "subgraph cluster_0" in text
    assert "peripheries=2" in text


def test_dot_edges_are_styled_by_tie():
    net = Network(peers=[Peer(name="S", tie=Tie.STRONG), Peer(name="W", tie=Tie.WEAK),
                         Peer(name="N", tie=Tie.NONEXISTENT), Peer(name="U")])
    text = export("dot", net, TODAY)
    ids = {name: f"p{i}" for i, name in enumerate(sorted(["S", "W", "N", "U"]))}
    assert re.search(rf"me -- {ids['S']} \[style=bold", text)
    assert re.search(rf"me -- {ids['W']} \[style=dashed", text)
    assert re.search(rf"me -- {ids['N']} \[style=dotted\]", text)
    assert re.search(rf"me -- {ids['U']} \[style=dotted, color=", text)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_dot_renders_with_graphviz():
    net = nasty_network()
    out = subprocess.run(["dot", "-Tsvg"], input=export("dot", net, TODAY).encode("utf-8"),
                         capture_output=True, check=False, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    root = ET.fromstring(out.stdout)
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    for p in net.peers:
        assert (("★ " if p.focus else "") + p.name) in texts
    assert not list(root.iter(f"{SVG}script"))


# --- mermaid ---------------------------------------------------------------------------


def _mermaid_decode(s: str) -> str:
    s = s.replace("#quot;", '"')
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), s)


def test_mermaid_is_structurally_sound_with_hostile_names():
    net = nasty_network()
    text = export("mermaid", net, TODAY)
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes = {}
    for line in lines:
        m = re.fullmatch(r"\s*(p\d+)\[\"([^\"]*)\"\]", line)
        if m:
            nodes[m.group(1)] = m.group(2)
    assert len(nodes) == len(NASTY)
    for raw in nodes.values():
        bare = re.sub(r"#\w+;", "", raw)  # what is left besides entity codes
        assert not set(bare) & set('"<>&|[]{}()`\\;#'), raw
    decoded = {_mermaid_decode(v) for v in nodes.values()}
    assert decoded == {("★ " if p.focus else "") + p.name for p in net.peers}
    subgraphs = [line for line in lines if line.strip().startswith("subgraph ")]
    assert len(subgraphs) == sum(1 for line in lines if line.strip() == "end")
    assert any(_mermaid_decode(s).endswith('["Team "Q" <&>"]') for s in subgraphs)
    links = [line.strip() for line in lines
             if re.fullmatch(r"\s*(me|p\d+) (===|---|-\.-) (me|p\d+)", line)]
    assert len(links) == len(NASTY)
    assert all("me" in link.split() for link in links)
    # You sit in the middle: some peers link in from the left, some out to the right.
    assert any(link.startswith("me ") for link in links)
    assert any(link.endswith(" me") for link in links)
    for line in lines:
        m = re.fullmatch(r"\s*linkStyle (\d+) .*", line)
        if m:
            assert int(m.group(1)) < len(links)
    focus_ids = [i for i, v in nodes.items() if _mermaid_decode(v).startswith("★ ")]
    assert f"  class {','.join(sorted(focus_ids, key=lambda x: int(x[1:])))} focus" in lines


# --- svg -------------------------------------------------------------------------------


def _labels(root) -> list:
    return [t for t in root.iter(f"{SVG}text") if t.get("class") == "label"]


def test_svg_is_valid_xml_with_every_name_escaped():
    net = nasty_network()
    text = export("svg", net, TODAY)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == 'Peer map of Ada "Me" <Example> & co'
    assert not [e for e in root.iter() if not e.tag.startswith(SVG)]  # no foreign elements
    assert not list(root.iter(f"{SVG}script"))
    labels = _labels(root)
    rated = [p for p in net.peers if p.tie is not None]
    assert sorted(t.get("data-peer") for t in labels) == sorted(p.name for p in rated)
    for t in labels:
        assert t.text == to_svg.short(t.get("data-peer"))
    legend = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Not rated yet (2)" in legend
    unrated = [p.name for p in net.peers if p.tie is None]
    assert all(to_svg.short(n) in legend for n in unrated)
    assert 'Team "Q" <&> (2)' in legend


def test_svg_draws_three_rings_and_marks_focus_peers():
    net = nasty_network()
    root = ET.fromstring(export("svg", net, TODAY).encode("utf-8"))
    lay = to_svg.layout(net)
    rings = [c for c in root.iter(f"{SVG}circle") if c.get("fill") is None
             and float(c.get("r")) > 50]
    assert [float(c.get("r")) for c in rings] == sorted(lay.radii.values())
    halos = [c for c in root.iter(f"{SVG}circle") if c.get("r") == str(to_svg.HALO)]
    focus_rated = [p for p in net.peers if p.focus and p.tie is not None]
    assert len(halos) == len(focus_rated) + 1  # + the legend's sample
    bold = {t.get("data-peer") for t in _labels(root) if t.get("font-weight") == "bold"}
    assert bold == {p.name for p in focus_rated}


def test_svg_puts_each_tie_on_its_ring():
    net = nasty_network()
    lay = to_svg.layout(net)
    for d in lay.placed:
        r = ((d.x - lay.cx) ** 2 + (d.y - lay.cy) ** 2) ** 0.5
        assert r == pytest.approx(lay.radii[d.peer.tie], abs=0.01)


def _forty(seed: int, weights) -> Network:
    rnd = random.Random(seed)
    first = ["Ada", "Grace", "Zoë", "José", "Łukasz", "Mei", "Aino", "François", "Ngozi",
             "Priya", "Tomás", "Kofi", "Hana", "Olu", "Rafael", "Ingrid", "Dmitri"]
    last = ["Okonkwo", "Álvarez", "Wiśniewski", "Lin", "Mäkinen", "Dubois", "Adeyemi",
            "Sharma", "O'Brien", "Nakamura", "Schmidt-Rottluff", "García", "林美玲"]
    teams = ["Payments", "Compilers", "Search", "Infra", "Data Platform", "Mobile",
             "Security", "Design", "Finance", "Legal", "Sales", ""]
    peers: dict[str, Peer] = {}
    while len(peers) < 40:
        name = f"{rnd.choice(first)} {rnd.choice(last)}"
        tie = rnd.choices([Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT], weights=weights)[0]
        peers.setdefault(name.casefold(), Peer(name=name, team=rnd.choice(teams), tie=tie,
                                               focus=rnd.random() < 0.12))
    return Network(me=Me(name="Ada Example"), peers=list(peers.values()))


def label_box(x: float, y: float, anchor: str, text: str, bold: bool) -> to_svg.Box:
    """The box a label drawn at baseline (x, y) with `text-anchor` covers."""
    return to_svg._box_at(x, y, anchor, to_svg.text_width(text, to_svg.LABEL_SIZE, bold))


def overlaps(a: to_svg.Box, b: to_svg.Box, pad: float = 1.0) -> bool:
    """Whether two boxes come nearer than `pad` (the layout's own test, spelled out)."""
    return not (a.x1 + pad <= b.x0 or b.x1 + pad <= a.x0
                or a.y1 + pad <= b.y0 or b.y1 + pad <= a.y0)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weights", [(1, 1, 1), (1, 0, 0), (0, 0, 1), (3, 1, 0)],
                         ids=["mixed", "all-strong", "all-nonexistent", "mostly-strong"])
def test_svg_labels_do_not_collide_for_40_peers(seed, weights):
    net = _forty(seed, weights)
    text = export("svg", net, TODAY)
    root = ET.fromstring(text.encode("utf-8"))
    w, h = float(root.get("width")), float(root.get("height"))
    # Readable at about 900 x 900; the rings move apart a little when a label needs room
    # to sit nearer its own dot than any other.
    assert w <= 1100 and h <= 1100
    labels = _labels(root)
    assert len(labels) == 40
    boxes = [label_box(float(t.get("x")), float(t.get("y")), t.get("text-anchor"),
                              t.text, t.get("font-weight") == "bold") for t in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b, pad=0), (a, b)
    for box in boxes:
        assert 0 <= box.x0 and box.x1 <= w and 0 <= box.y0 and box.y1 <= h
    # Nor does a label cover a dot, you, the title or the legend band.
    lay = to_svg.layout(net)
    for box in boxes:
        for obstacle in lay.obstacles:
            assert not overlaps(box, obstacle, pad=0)
        assert box.y1 <= lay.legend_top


def test_label_box_depends_on_anchor_and_text():
    a = label_box(100, 100, "start", "Grace", False)
    b = label_box(100, 100, "end", "Grace", False)
    m = label_box(100, 100, "middle", "Grace", False)
    assert a.x0 == 100 and b.x1 == 100 and m.x0 < 100 < m.x1
    assert to_svg.text_width("林美玲") > to_svg.text_width("Lin")
    assert to_svg.text_width("Grace", bold=True) > to_svg.text_width("Grace")
    assert overlaps(a, m) and not overlaps(a, label_box(100, 130, "start", "G", False))


def test_svg_of_an_empty_map_is_valid():
    root = ET.fromstring(export("svg", Network(), TODAY).encode("utf-8"))
    assert root.find(f"{SVG}title").text == "Your peer map"
    assert _labels(root) == []


def _dark_pixels(png: bytes, boxes: list) -> list[int]:
    """How many nearly black pixels (the label ink is #222222) lie in each box."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    counts = []
    for box in boxes:
        crop = img.crop((int(box.x0), int(box.y0), int(box.x1) + 1, int(box.y1) + 1))
        counts.append(sum(1 for v in crop.tobytes() if v < 90))
    return counts


def test_svg_labels_are_drawn_by_cairosvg():
    """cairosvg ignores `paint-order`, so a label drawn with a white stroke "under" its
    fill came out white on white; every label must show dark ink where it is placed."""
    cairosvg = pytest.importorskip("cairosvg")
    net = _forty(1, (1, 1, 1))
    text = export("svg", net, TODAY)
    png = cairosvg.svg2png(bytestring=text.encode("utf-8"))
    lay = to_svg.layout(net)
    boxes = [d.box for d in lay.placed]
    counts = _dark_pixels(png, boxes)
    assert len(counts) == 40
    for d, n in zip(lay.placed, counts, strict=True):
        # A dozen-pixel name has well over 25 pixels of ink; white on white has none
        # (rings are mid-grey, dots are coloured, neither is this dark).
        assert n >= 25, (d.text, n)
