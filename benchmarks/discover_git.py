"""`discover git` against `git log --name-only` over the same range (docs/groups.md).

Builds a repository of COMMITS commits with `git fast-import` (fixed seed: 60 authors
of whom one is you, 3,000 files, 1-6 files per commit, review and co-author trailers,
a bot, a .mailmap and a few mass changes), then times whole processes round-robin:
the yardstick `git log --name-only --since=D` (output read and thrown away, as a pipe
would) and `peermap discover git REPO --since D --format json`. The goal: the median
of peermap's time at most 1.5 times git's.

Run:  python benchmarks/discover_git.py [--commits 20000] [--rounds 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from networks import timed  # beside this script

GOAL = 1.5
START = date(2025, 1, 1)


def build(repo: Path, commits: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    authors = [f"Person {i} <p{i}@example.com>" for i in range(59)]
    me = "Mira Example <mira@example.com>"
    bot = "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>"
    files = [f"src/m{i // 100}/f{i}.py" for i in range(3000)]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "user.email", "mira@example.com"],
                   check=True)
    chunks: list[bytes] = []
    base = int(datetime.combine(START, datetime.min.time(), UTC).timestamp())
    span = (date(2026, 11, 22) - START).days * 86400
    for i in range(1, commits + 1):
        stamp = base + span * i // commits
        r = rnd.random()
        who = me if r < 0.08 else bot if r < 0.1 else rnd.choice(authors)
        n = 60 if i % 2000 == 0 else rnd.randint(1, 6)  # now and then a mass change
        touched = rnd.sample(files, n)
        msg = f"change {i}\n"
        if rnd.random() < 0.3:
            msg += f"\nReviewed-by: {rnd.choice([me, *authors])}\n"
        if rnd.random() < 0.05:
            msg += f"Co-authored-by: {rnd.choice(authors)}\n"
        data = msg.encode()
        chunks.append(f"commit refs/heads/main\nmark :{i}\nauthor {who} {stamp} +0000\n"
                      f"committer {who} {stamp} +0000\ndata {len(data)}\n".encode() + data)
        for path in touched:
            body = f"{i}\n".encode()
            chunks.append(f"M 100644 inline {path}\ndata {len(body)}\n".encode() + body + b"\n")
        if i == 1:
            mailmap = b"Person 1 <p1@example.com> <p1-old@example.com>\n"
            chunks.append(f"M 100644 inline .mailmap\ndata {len(mailmap)}\n".encode() + mailmap
                          + b"\n")
        chunks.append(b"\n")
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"],
                   input=b"".join(chunks), check=True)
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True)




def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commits", type=int, default=20_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--since", default="2025-06-01")
    ap.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="peermap-discover-"))
    repo = args.keep or work / "repo"
    try:
        if not (repo / ".git").exists():
            t0 = time.perf_counter()
            build(repo, args.commits)
            print(f"built {args.commits} commits in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "PEERMAP_FILE": str(work / "peers.toml"), "GIT_PAGER": "cat",
               "PEERMAP_TODAY": "2026-11-22"}
        git = ["git", "-C", str(repo), "log", "--name-only", f"--since={args.since}"]
        peermap = [sys.executable, "-m", "peermap", "discover", "git", str(repo),
                   "--since", args.since, "--format", "json"]
        subprocess.run([sys.executable, "-m", "peermap", "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times: dict[str, list[float]] = {"git": [], "peermap": []}
        for r in range(args.rounds):
            order = [("git", git), ("peermap", peermap)]
            for name, cmd in order[r % 2:] + order[:r % 2]:
                times[name].append(timed(cmd, env))
        g, p = statistics.median(times["git"]), statistics.median(times["peermap"])
        ratio = p / g
        print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.commits} commits, "
              f"--since {args.since}, {args.rounds} rounds")
        print(f"git log --name-only  {g:.2f} s (median)")
        print(f"peermap discover git {p:.2f} s (median)  = {ratio:.2f}x  "
              f"(goal <= {GOAL}x: {'pass' if ratio <= GOAL else 'FAIL'})")
        return 0 if ratio <= GOAL else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
