"""The advice replay in its quick form (benchmarks/replay_advice.py, docs/advice.md):
four weeks of a junior engineer's map, with no repeats, no filler and no situation
suggested again right after it was carried out."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "replay_advice.py"


def load():
    spec = importlib.util.spec_from_file_location("replay_advice", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["replay_advice"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


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


def test_the_kept_output_is_what_the_script_prints_today():
    mod = load()
    out: list[str] = []
    mod.replay(12, out)
    kept = (Path(__file__).parent / "data" / "replay_advice.txt").read_text(encoding="utf-8")
    assert kept.startswith("\n".join(out))
