"""The benchmark's inputs: realistic peermap networks, import CSVs and equivalent vCards.

Everything is generated from fixed seeds, so two runs on two machines time the same
bytes. Names are built from first and last names (with a number past 1,600 peers);
`TARGET` is the peer that `show`, `log`, `plan` and `rate` address by full name.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

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
TARGET = "Grace Example Target"
# The write path's goals (docs/safety.md): `log` against a bare tomllib + tomli_w
# read-modify-write of the same file, as (peers, log entries each, at most this ratio).
WRITE_GOALS = ((1000, 20, 0.8), (10_000, 5, 0.6))


def timed(argv: list[str], env: dict[str, str]) -> float:
    """Seconds one whole process takes (no stdin, its output thrown away)."""
    import subprocess
    import time

    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def peer_name(i: int, n: int) -> str:
    if i == n // 2:
        return TARGET
    base = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    block = len(FIRST) * len(LAST)
    return base + (f" {i // block + 1}" if i >= block else "")


def build_network(n: int, today: date, logs: int = 20) -> Any:
    """A realistic network: every field in use, `logs` log entries per peer, four in focus."""
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
        tie = rng.choice([Tie.STRONG, Tie.WEAK, Tie.WEAK, Tie.NONEXISTENT, None])
        added = today - timedelta(days=rng.randint(60, 700))
        focus = i % max(n // 4, 1) == 1
        peers.append(Peer(
            name=peer_name(i, n), team=rng.choice(TEAMS), role=rng.choice(ROLES),
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
                          rng.choice(NOTES)) for _ in range(logs)],
        ))
    return Network(
        me=Me("Ada Example", "Payments", "London", ["SQL tuning", "incident reviews"]),
        settings=Settings(), peers=peers,
        reviews=[Review(today - timedelta(days=7 * k), TARGET, "Share the design doc")
                 for k in range(1, 5)],
    )


def write_network(path: Path, n: int, today: date, logs: int = 20) -> int:
    """Write the network as peermap writes it (0600 in a 0700 folder); its size in bytes."""
    from peermap.storage.store import dumps

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = dumps(build_network(n, today, logs))
    path.write_bytes(data)
    path.chmod(0o600)
    return len(data)


def lookalike(name: str, k: int) -> str:
    """A name a person would take for `name` at a glance: one accent, one doubled or one
    dropped letter in the first word."""
    first, _, rest = name.partition(" ")
    if k % 3 == 0:
        for j, ch in enumerate(first):
            if ch in ACCENTS:
                first = first[:j] + ACCENTS[ch] + first[j + 1:]
                break
        else:
            first += "h"
    elif k % 3 == 1 or len(first) <= 3:
        first += first[-1]
    else:
        first = first[:-1]
    return f"{first} {rest}"


def write_import_csv(path: Path, n: int, variant: str) -> None:
    """An import file of `n` rows. `new`: names not on the map; `update`: the names of the
    `n`-peer network with new details (for `--update`); `lookalike`: near-duplicates of
    those names (an accent, a letter), distinct from each other and from the map."""
    rng = random.Random(f"{variant}{n}")
    names: list[str] = []
    seen: set[str] = set()
    for i in range(n):
        base = peer_name(i, n)
        name = (f"New {base}" if variant == "new" else base if variant == "update"
                else lookalike(base, i))
        while name.casefold() in seen or (variant == "lookalike" and name == base):
            name += " Jr"
        seen.add(name.casefold())
        names.append(name)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "team", "role", "location", "tie", "why_none", "affects",
                    "matters", "tags", "notes"])
        for name in names:
            tie = rng.choice(["strong", "weak", "nonexistent", ""])
            w.writerow([name, rng.choice(TEAMS), rng.choice(ROLES), rng.choice(PLACES), tie,
                        rng.choice(["not-tried", "clash"]) if tie == "nonexistent" else "",
                        "helps-me;shared-goals", "current-work" if tie else "",
                        ";".join(rng.sample(TAGS, 2)), rng.choice(NOTES)])


def _vtext(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def write_vcards(folder: Path, net: Any) -> None:
    """One vCard 3.0 file per peer with what peermap's `list` shows: name, team, role,
    location, tags and notes (the equivalent address book for `khard list`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(net.peers):
        first, _, last = p.name.partition(" ")
        lines = [
            "BEGIN:VCARD", "VERSION:3.0", f"UID:peermap-bench-{i}",
            f"FN:{_vtext(p.name)}", f"N:{_vtext(last)};{_vtext(first)};;;",
            f"ORG:{_vtext(p.team)}", f"TITLE:{_vtext(p.role)}",
            f"ADR;TYPE=WORK:;;;{_vtext(p.location)};;;",
            f"EMAIL;TYPE=WORK:peer{i}@example.com",
        ]
        if p.tags:
            lines.append("CATEGORIES:" + ",".join(_vtext(t) for t in p.tags))
        if p.notes:
            lines.append(f"NOTE:{_vtext(p.notes)}")
        lines.append("END:VCARD")
        (folder / f"peer{i}.vcf").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def bare_rmw_script(path: Path) -> None:
    """A Python script that does what `log` must at least do: read and parse the file,
    add one log entry, serialise it with tomli_w and replace the file atomically."""
    path.write_text(f'''import os, sys, tomllib, datetime
import tomli_w
target = sys.argv[1]
with open(target, "rb") as f:
    doc = tomllib.load(f)
for peer in doc["peers"]:
    if peer["name"] == {TARGET!r}:
        peer.setdefault("log", []).append(
            {{"date": datetime.date.today(), "kind": "chat", "note": "benchmark note"}})
data = tomli_w.dumps(doc).encode()
tmp = target + ".tmp"
with open(tmp, "wb") as f:
    f.write(data)
    f.flush()
    os.fsync(f.fileno())
os.replace(tmp, target)
''')
