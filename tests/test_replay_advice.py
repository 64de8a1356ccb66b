"""The advice replay (benchmarks/replay_advice.py, docs/advice.md): a junior engineer's
map and the project's example map (examples/network.toml), twelve weeks each, with no
repeats, no filler and no situation suggested again right after it was carried out;
their outputs kept in tests/data are what the script prints today."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "replay_advice.py"
KEPT = {"junior": "replay_advice.txt", "example": "replay_example.txt"}
REGEN = "python benchmarks/replay_advice.py --kept"


def load():
    """The script as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("replay_advice", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["replay_advice"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def example() -> str:
    """The example map's twelve weeks, rendered once for the tests that read them."""
    return load().render(12, "example")[0]


def week(text: str, n: int) -> str:
    return text.split(f"== week {n}:")[1].split("== week")[0]


def peer(block: str, name: str) -> str:
    return block.split(f"-- {name}")[1].split("\n-- ")[0] if f"-- {name}" in block else ""


def test_quick_replay_keeps_its_goals():
    mod = load()
    out: list[str] = []
    fig = mod.replay(5, out)
    assert fig.repeats == 0 and fig.reacted == 0 and fig.filler == 0
    assert fig.own / fig.lines >= 0.25
    assert min(fig.distinct) >= 8
    text = "\n".join(out)
    # the clash moved on after the listening coffee of week 3
    assert "[clash-repair] Own your part with Derek" in text or "got wrong" in text
    # thanks came first after Elena's overnight review, not a re-rate prompt
    week3 = text.split("== week 3")[1].split("== week 4")[0]
    elena = week3.split("-- Elena Sokolova")[1].split("-- ")[0]
    assert elena.lstrip().startswith("NOW [thank] ") and "PR overnight" in elena


@pytest.mark.parametrize("network", sorted(KEPT))
def test_the_kept_output_is_what_the_script_prints_today(network):
    mod = load()
    text, fig = mod.render(12, network)
    kept = (Path(__file__).parent / "data" / KEPT[network]).read_text(encoding="utf-8")
    assert kept == text, f"tests/data/{KEPT[network]} is out of date: run `{REGEN}`"
    assert (fig.repeats, fig.reacted, fig.filler) == (0, 0, 0)


def test_the_example_replay_reads_the_example_file_and_never_writes_it():
    mod = load()
    path = ROOT / "examples" / "network.toml"
    before = path.stat()
    text, _ = mod.render(12, "example")
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size, after.st_mode) == (
        before.st_mtime_ns, before.st_size, before.st_mode)
    assert text.startswith("== week 1: 2026-11-22\n-- Aoife Brennan\n")
    # the map's own words come back: Dara's pressure, Zoë's goal
    assert '"slow SQL reports at month-end close"' in week(text, 1)
    assert '"fewer allocations on the hot path"' in week(text, 1)


def test_the_example_story_moves_the_advice_week_by_week(example):
    text = example
    # Kwame's tie is strong: at the review of week 3 his focus slot goes to Søren, the clash
    assert "-- Kwame Mensah" in week(text, 3) and "-- Kwame Mensah" not in week(text, 4)
    soren = peer(week(text, 4), "Søren Halvorsen")
    assert soren.lstrip().startswith("NOW [clash-repair] ")
    # the promise to Dara (due Dec 11) is owed in week 4 and, kept late, gone in week 5
    assert peer(week(text, 4), "Dara Whitfield").lstrip().startswith("NOW [keep-promise] ")
    assert "keep-promise" not in peer(week(text, 5), "Dara Whitfield")
    # the promise to Aoife is never kept: it stays her first item to the last week
    for n in (3, 8, 12):
        aoife = peer(week(text, n), "Aoife Brennan")
        assert aoife.lstrip().startswith("NOW [keep-promise] ")
        assert "post-incident action tracker" in aoife
    # feedback received (Zoë's read of the batching doc): thanks come first the next week
    zoe = peer(week(text, 2), "Zoë Achterberg")
    assert zoe.lstrip().startswith("NOW [thank] ") and "cache line" in zoe
    # a debrief added a goal, which the advice quotes
    assert '"close the month-end books in three days instead of five"' in week(text, 3)


def test_the_script_writes_out_and_kept(tmp_path, monkeypatch, capsys):
    mod = load()
    out = tmp_path / "example.txt"
    assert mod.main(["--network", "example", "--weeks", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("weeks 2, lines ") and "filler lines: 0" in printed
    assert out.read_text(encoding="utf-8").startswith("== week 1: 2026-11-22\n")
    kept = {name: tmp_path / f"kept-{name}.txt" for name in KEPT}
    monkeypatch.setattr(mod, "KEPT", kept)
    assert mod.main(["--kept"]) == 0
    for name, path in kept.items():  # the test above keeps the files in data/ current
        data = Path(__file__).parent / "data" / KEPT[name]
        assert path.read_text(encoding="utf-8") == data.read_text(encoding="utf-8")
