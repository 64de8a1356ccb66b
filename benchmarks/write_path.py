"""The write path side by side: `peermap log PEER note` against a bare read-modify-write.

The yardstick is the least a program can do to add one log entry to the same file: read
it, parse it with tomllib, append the entry, serialise with tomli_w, write a temporary
file, fsync, rename. Goals (docs/safety.md, "Write speed"): `log` at most 0.8x that at
1,000 peers (20 log entries each) and at most 0.6x at 10,000 peers (5 each).

Run:  python benchmarks/write_path.py [--rounds N] [--rounds-big N]

Whole processes are timed from outside (`time.perf_counter` around a real subprocess),
A and B in turn (A B A B ...), the ratio taken pair by pair, and the median of those
ratios reported: pairing keeps a ratio fair when the machine's speed drifts. Each
command runs on its own copy of the file; both files grow by one entry a run. Before
timing, one untimed `log` brings peermap's file to its everyday state: written by
peermap, with its parse cache. Needs tomli_w (`pip install tomli-w`). Exit status 1 when
a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import networks as nw

GOALS = nw.WRITE_GOALS
timed = nw.timed


def measure(root: Path, peers: int, logs: int, rounds: int,
            env: dict[str, str]) -> tuple[float, float, float]:
    """Median seconds of A (peermap log) and B (bare), and the median of A/B pairs."""
    mine, bare = root / f"pm{peers}" / "peers.toml", root / f"rmw{peers}" / "peers.toml"
    nw.write_network(mine, peers, date.today(), logs)
    shutil.copytree(mine.parent, bare.parent)
    script = root / "bare_rmw.py"
    a = [sys.executable, "-m", "peermap", "-f", str(mine), "log", nw.TARGET, "benchmark note"]
    b = [sys.executable, str(script), str(bare)]
    timed(a, env)  # untimed: the file as peermap keeps it (written by it, cache warm)
    timed(b, env)
    ta, tb, ratios = [], [], []
    for _ in range(rounds):
        ta.append(timed(a, env))
        tb.append(timed(b, env))
        ratios.append(ta[-1] / tb[-1])
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7, help="pairs at 1,000 peers (7)")
    ap.add_argument("--rounds-big", type=int, default=3, help="pairs at 10,000 peers (3)")
    args = ap.parse_args(argv)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as after a pip install
    env.pop("PEERMAP_FILE", None)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{when}; load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")
    print(f"{'peers':>7}  {'peermap log':>12}  {'bare r-m-w':>11}  {'ratio':>6}  goal")
    missed = False
    with tempfile.TemporaryDirectory(prefix="peermap-write-") as tmp:
        root = Path(tmp)
        nw.bare_rmw_script(root / "bare_rmw.py")
        for peers, logs, limit in GOALS:
            rounds = args.rounds if peers <= 1000 else args.rounds_big
            a, b, ratio = measure(root, peers, logs, rounds, env)
            ok = ratio <= limit
            missed |= not ok
            print(f"{peers:>7,}  {a * 1000:>9.0f} ms  {b * 1000:>8.0f} ms  {ratio:>5.2f}x  "
                  f"≤ {limit}x {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
