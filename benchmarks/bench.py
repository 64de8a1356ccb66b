"""Whole-process start-up and scale benchmark for peermap (SPEC section 12).

Builds networks of 200, 1,000 and 10,000 peers (20 log entries each) in a temp dir,
then times real subprocesses with `time.perf_counter`, round-robin: every round runs
each command once (rotating the starting point) so a slow patch of the machine hurts
all commands alike. Reports medians and the ratio to the bare interpreter
(`python -c pass`) measured in the same run, as a markdown table.

Run:  python benchmarks/bench.py [--quick] [--rounds N] [--rounds-10k N]

peermap is run through its console script (`peermap` next to sys.executable), which is
what users run; `--module` uses `python -m peermap` instead. The children run with
bytecode caching on (as after a pip install), even if this shell sets
PYTHONDONTWRITEBYTECODE. Exit status 1 when a SPEC target is missed. About two minutes
on a 2-CPU machine; `--quick` takes about one.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

FIRST = ("Grace Ada Alan Barbara Edsger Frances Donald Margaret Ken Radia Linus Sophie "
         "Tim Anita Guido Katherine John Lynn Dennis Shafi Leslie Niklaus Jean Hedy Fran "
         "Yukihiro Bjarne Evelyn Kristen Mary Zoë Chidi Priya Mateo Aiko Olu Ines Tomasz "
         "Nadia Rafael").split()
LAST = ("Hopper Lovelace Turing Liskov Dijkstra Allen Knuth Hamilton Thompson Perlman "
        "Torvalds Wilson Berners-Lee Borg Rossum Johnson Backus Conway Ritchie Goldwasser "
        "Lamport Wirth Sammet Lamarr Bilas Matsumoto Stroustrup Boyd Nygaard Shaw Müller "
        "Okafor Raman García Tanaka Adeyemi Sousa Nowak Haddad Costa").split()
TEAMS = ("Payments Compilers Platform Search Mobile Data Security SRE Billing Identity "
         "Growth Design Research Infra Storage Networking Ads Maps Support Legal").split()
ROLES = ("Staff engineer", "Engineering manager", "Product manager", "Designer",
         "Senior engineer", "Data scientist", "Technical writer", "SRE", "Director")
PLACES = ("London", "Remote", "Berlin", "New York", "Lagos", "Bangalore", "Tokyo", "Lisbon")
TAGS = ("mentoring", "compilers", "oncall", "hiring", "perf", "security", "ml", "design")
NOTES = (
    "Sent her the profiling write-up and the flame graphs from last week's incident.",
    "Quick chat at the coffee machine about the migration plan and its risks.",
    "Asked for a review of the storage design doc; she had good questions on retention.",
    "Helped debug a flaky integration test in their CI pipeline.",
    "Met at the offsite; we talked about what each of our teams is excited about.",
    "Gave feedback on the onboarding guide draft, mostly about the first-day checklist.",
    "Shared the quarterly roadmap early so they could plan around the freeze.",
    "Asked what their biggest challenge is right now: hiring for the platform team.",
    "Coffee chat.", "1:1 about the reorg.", "Lunch.", "Reviewed my PR.", "",
    "Sent the incident timeline.", "Paired on the flaky test.", "", "Intro to Priya.",
)
BASE_ENV: dict[str, str] = {}  # the children's environment, filled in main()
TARGET = "Grace Example Target"  # the peer `show` and `log` address, by full name


@dataclass
class Cmd:
    label: str
    peers: int | str
    argv: list[str]
    env: dict[str, str] | None = None
    before: object = None  # called before each timed run (not timed)
    target: str = ""
    check: object = None  # (median_ms, floor_ms) -> bool
    times: list[float] = field(default_factory=list)
    small: bool = True  # False: runs only in the first rounds_10k rounds
    error: str = ""


def build_network(n: int, today: date):
    """A realistic network: every field in use, 20 log entries per peer, a few focus."""
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
        Settings,
        Tie,
        TieChange,
        WhyNone,
    )

    rng = random.Random(n)
    kinds = list(Kind)
    peers = []
    for i in range(n):
        name = TARGET if i == n // 2 else (
            f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
            + (f" {i // (len(FIRST) * len(LAST)) + 1}" if i >= len(FIRST) * len(LAST) else ""))
        tie = rng.choice([Tie.STRONG, Tie.WEAK, Tie.WEAK, Tie.NONEXISTENT, None])
        added = today - timedelta(days=rng.randint(60, 700))
        focus = i % (n // 4) == 1  # four focus peers
        p = Peer(
            name=name, team=rng.choice(TEAMS), role=rng.choice(ROLES),
            location=rng.choice(PLACES),
            affects=rng.sample(list(Affects), rng.randint(1, 2)),
            matters=rng.sample(list(Matters), rng.randint(0, 2)) if tie else [],
            tie=tie,
            why_none=rng.choice(list(WhyNone)) if tie == Tie.NONEXISTENT else None,
            tags=rng.sample(TAGS, rng.randint(0, 2)),
            focus=focus and tie in (Tie.WEAK, Tie.NONEXISTENT),
            focus_since=today - timedelta(days=30) if focus else None,
            added=added,
            notes=rng.choice(NOTES) if rng.random() < 0.5 else "",
            next=(NextStep("Ask what they are most excited about right now",
                           today + timedelta(days=rng.randint(-10, 10)))
                  if rng.random() < 0.05 else None),
            ties=[TieChange(added, tie)] if tie else [],
            log=[LogEntry(added + timedelta(days=rng.randint(0, 59)), rng.choice(kinds),
                          rng.choice(NOTES)) for _ in range(20)],
        )
        peers.append(p)
    return Network(
        me=Me("Ada Example", "Payments", "London", ["SQL tuning", "incident reviews"]),
        settings=Settings(), peers=peers,
        reviews=[Review(today - timedelta(days=7 * k), TARGET, "Share the design doc")
                 for k in range(1, 5)],
    )


def write_network(path: Path, n: int, today: date) -> int:
    from peermap.storage.store import dumps

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = dumps(build_network(n, today))
    path.write_bytes(data)
    path.chmod(0o600)
    return len(data)


def peermap_argv(use_module: bool) -> tuple[list[str], str]:
    script = Path(sys.executable).with_name("peermap")
    if not use_module and script.exists():
        return [str(script)], f"console script {script}"
    return [sys.executable, "-m", "peermap"], f"{sys.executable} -m peermap"


def run(cmd: Cmd) -> None:
    """Time one run; a failing command is reported once and not run again."""
    if cmd.error:
        return
    if cmd.before:
        cmd.before()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd.argv, env=cmd.env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        last = (proc.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
        cmd.error = f"exit {proc.returncode}: {last[:60]}"
        print(f"bench: `{cmd.label}` ({cmd.peers} peers) failed, {cmd.error}", file=sys.stderr)
        return
    cmd.times.append(elapsed)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5 rounds, 1 at 10,000 peers")
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 15)")
    ap.add_argument("--rounds-10k", type=int, default=None,
                    help="rounds that include the 10,000-peer commands (default 3)")
    ap.add_argument("--module", action="store_true", help="run `python -m peermap`")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and print it")
    args = ap.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 15)
    rounds_10k = min(rounds, args.rounds_10k or (1 if args.quick else 3))

    started = time.perf_counter()
    today = date.today()
    tmp = Path(tempfile.mkdtemp(prefix="peermap-bench-"))
    try:
        sizes = {}
        files = {}
        for n in (200, 1000, 10000):
            files[n] = tmp / f"n{n}" / "peers.toml"
            sizes[n] = write_network(files[n], n, today)

        typer_app = tmp / "typer_min.py"
        typer_app.write_text(
            "import typer\n\napp = typer.Typer()\n\n\n@app.command()\n"
            "def main() -> None:\n    print('hello')\n\n\napp()\n")

        pm, how = peermap_argv(args.module)
        # A pip install compiles bytecode; a shell with PYTHONDONTWRITEBYTECODE (common in
        # containers) would make every run recompile peermap's changed modules instead.
        no_pyc = "PYTHONDONTWRITEBYTECODE" in os.environ
        BASE_ENV.update(os.environ)
        BASE_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        py = sys.executable

        def env(key) -> dict[str, str]:
            e = dict(BASE_ENV)
            e.pop("PEERMAP_TODAY", None)
            e["PEERMAP_FILE"] = str(files[key])
            return e

        def side_dir(key) -> Path:
            return files[key].with_name(f".{files[key].name}.peermap")

        def uncache(key):
            return lambda: (side_dir(key) / "cache.json").unlink(missing_ok=True)

        # The first load of a file peermap did not write itself is a cache miss: do it once
        # per size (timed: the 10,000-peer one is the cold figure for that size), then give
        # `log` its own copy, with the warm cache, so the read-only commands always see an
        # unchanging file. The cold row's copy loses its cache before every run.
        first_load = {}
        for n in (200, 1000, 10000):
            c = Cmd("first load", n, [*pm, "list", "--format", "json"], env(n))
            run(c)
            first_load[n] = c
        for n in (200, 1000, 10000):
            for copy in (f"log{n}",) + (("cold",) if n == 1000 else ()):
                files[copy] = tmp / copy / "peers.toml"
                files[copy].parent.mkdir(mode=0o700)
                shutil.copy2(files[n], files[copy])
                shutil.copytree(side_dir(n), side_dir(copy))

        def ratio_at_most(x):
            return lambda ms, floor: ms <= x * floor

        def under(limit):
            return lambda ms, floor: ms < limit

        cmds = [
            Cmd("python -c pass", "-", [py, "-c", "pass"], BASE_ENV, target="(floor)"),
            Cmd("minimal Typer app", "-", [py, str(typer_app)], BASE_ENV,
                target="(reference)"),
            Cmd("peermap --version", "-", [*pm, "--version"], env(200),
                target="≤ 6x", check=ratio_at_most(6)),
            Cmd("peermap --help", "-", [*pm, "--help"], env(200),
                target="≤ 14x", check=ratio_at_most(14)),
            Cmd("peermap remind", 200, [*pm, "remind"], env(200),
                target="≤ 7x", check=ratio_at_most(7)),
            Cmd("peermap list --format json", 1000, [*pm, "list", "--format", "json"],
                env(1000), target="< 500 ms", check=under(500)),
            Cmd("peermap log PEER note", 1000, [*pm, "log", TARGET, "benchmark note"],
                env("log1000"), target="< 700 ms", check=under(700)),
            Cmd("peermap show PEER", 1000, [*pm, "show", TARGET], env(1000)),
            Cmd("peermap list --format json (cold cache)", 1000,
                [*pm, "list", "--format", "json"], env("cold"), before=uncache("cold"),
                target="(cache miss)"),
        ]
        for label, argv_tail, key in (
            ("peermap remind", ["remind"], 10000),
            ("peermap list --format json", ["list", "--format", "json"], 10000),
            ("peermap log PEER note", ["log", TARGET, "benchmark note"], "log10000"),
            ("peermap show PEER", ["show", TARGET], 10000),
        ):
            cmds.append(Cmd(label, 10000, [*pm, *argv_tail], env(key), small=False,
                            target="works (< 60 s)", check=under(60_000)))

        # Warm up: byte-compile and fill the OS cache (the parse caches are warm already).
        warm_t0 = time.perf_counter()
        for c in cmds:
            if c.small:
                run(c)
                c.times.clear()
        warm_s = time.perf_counter() - warm_t0

        for r in range(rounds):
            todo = [c for c in cmds if c.small or r < rounds_10k]
            shift = r % len(todo)
            for c in todo[shift:] + todo[:shift]:
                run(c)

        cold10k = first_load[10000]
        cmds.append(Cmd("peermap list --format json (cold cache, first load)", 10000,
                        cold10k.argv, target="works (< 60 s)", check=under(60_000),
                        times=cold10k.times, error=cold10k.error))
        floor = statistics.median(cmds[0].times)
        total_s = time.perf_counter() - started
        rows = []
        for c in cmds:
            if c.error:
                rows.append((c.label, str(c.peers), "-", "-", c.target,
                             f"FAIL ({c.error})", "0"))
                continue
            med = statistics.median(c.times)
            verdict = "" if c.check is None else ("pass" if c.check(med, floor) else "FAIL")
            rows.append((c.label, str(c.peers), f"{med:.0f}", f"{med / floor:.1f}x",
                         c.target, verdict, str(len(c.times))))

        print(f"# peermap benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n")
        print(f"- machine: {platform.system()} {platform.release()} {platform.machine()}, "
              f"{os.cpu_count()} CPUs ({cpu_model()})")
        print(f"- python {platform.python_version()} ({sys.executable}); peermap via {how}; "
              f"load average {os.getloadavg()[0]:.2f} at the end"
              + ("; PYTHONDONTWRITEBYTECODE dropped for the runs" if no_pyc else ""))
        print("- files: " + ", ".join(
            f"{n:,} peers = {sizes[n] / 1e6:.2f} MB" for n in (200, 1000, 10000)))
        print(f"- {rounds} interleaved rounds ({rounds_10k} with the 10,000-peer commands); "
              f"warm-up {warm_s:.1f} s, total {total_s:.0f} s")
        print("- each file's parse cache is filled by one first load before timing (a file "
              "peermap wrote itself is always warm); the cold rows show a cache miss: at "
              "1,000 peers `cache.json` is deleted before each run (untimed), at 10,000 it "
              "is the single first load")
        print("- `log` runs on its own copy of the file, which grows by one entry per run "
              f"(at most {rounds + 1} of {1000 * 20:,} log entries at 1,000 peers)\n")
        head = ("command", "peers", "median ms", "vs floor", "target", "result", "runs")
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join(" --- " for _ in head) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        failed = any(r[5].startswith("FAIL") for r in rows)
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"\n(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
