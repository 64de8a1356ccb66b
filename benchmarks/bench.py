"""The benchmark of every performance goal (docs/performance.md), as ratios.

Whole processes are timed from outside (`time.perf_counter` around a real subprocess,
peak RSS from GNU time's `%M`), round-robin: every round runs each
command once, starting at a rotating point, so a slow patch of the machine hurts all
commands alike. Each goal is a ratio to a reference measured in the same run (the bare
interpreter, `list --format json` on the same file, the 1,000-row import, khard, a bare
tomllib + tomli_w read-modify-write) and gets a pass/fail verdict.

Run:  python benchmarks/bench.py [--quick] [--khard] [--readme docs/performance.md]

`--quick` takes under a minute on a quiet 2-CPU machine; the full run a few
minutes (the table's first lines say how long this run took). `--khard` installs khard
into its own venv (once, in ~/.cache/peermap-bench) and compares `list` with `khard
list` on the same 150 peers as vCards. `--readme FILE` rewrites the part of FILE between
the `<!-- bench:start -->` and `<!-- bench:end -->` lines with this run's table. Exit status
1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import networks as nw

BASE_ENV: dict[str, str] = {}  # the children's environment, filled in main()
# Peak RSS comes from GNU time (`%M`, the kernel's accounting of its child): a child of
# this process would inherit this process's own peak, because the kernel carries the
# high-water mark of the memory a process had before `exec` (and the benchmark holds
# a 10,000-peer network). time(1) is a small C program, so its child starts near zero.
GNU_TIME = next((t for t in ("/usr/bin/time", "/bin/time") if os.path.exists(t)), "")
RSS_FILE = Path(tempfile.gettempdir()) / f"peermap-bench-rss-{os.getpid()}"
KHARD_HOME = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "peermap-bench"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DAILY = 150  # peers in the start-up network (10 log entries each)
BIG = 10_000  # peers in the scale network (5 log entries each)
LOG_1000, LOG_10K = (limit for _, _, limit in nw.WRITE_GOALS)  # `log` / bare r-m-w


@dataclass
class Cmd:
    key: str
    goal: str  # the goal this row belongs to (the table's first column)
    label: str
    peers: str
    argv: list[str]
    env: dict[str, str] | None = None
    before: Callable[[], None] | None = None  # untimed, before each run
    ref: str = ""  # key of the row the ratio is taken to ("" = the interpreter)
    limit: float | None = None  # the ratio must be at most this
    under_ms: float | None = None  # or the median under this
    rss_ref: str = ""  # peak RSS must be at most 4x this row's
    target: str = ""
    tty: bool = False  # stdout is a pseudo-terminal (120 x 40), as at a prompt
    big: bool = False  # only in the first rounds_big rounds
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    error: str = ""


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass  # EIO: the child closed the terminal


def run(cmd: Cmd) -> None:
    """Time one run; a failing command is reported once and not run again."""
    if cmd.error:
        return
    if cmd.before:
        cmd.before()
    master = slave = -1
    reader = None
    if cmd.tty:
        import fcntl
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
    argv = cmd.argv
    if GNU_TIME:
        argv = [GNU_TIME, "-f", "%M", "-o", str(RSS_FILE), *argv]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=cmd.env, stdin=subprocess.DEVNULL,
                            stdout=slave if cmd.tty else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if cmd.tty:
        os.close(slave)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.wait()
    elapsed = (time.perf_counter() - t0) * 1000
    proc.stderr.close()
    if reader is not None:
        reader.join(5)
        os.close(master)
    if proc.returncode != 0:
        last = (err.decode(errors="replace").strip().splitlines() or [""])[-1]
        cmd.error = f"exit {proc.returncode}: {last[:70]}"
        print(f"bench: `{cmd.label}` ({cmd.peers} peers) failed, {cmd.error}", file=sys.stderr)
        return
    cmd.times.append(elapsed)
    if GNU_TIME:
        cmd.rss_kb.append(int(RSS_FILE.read_text().split()[-1]))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def peermap_argv(use_module: bool) -> tuple[list[str], str]:
    script = Path(sys.executable).with_name("peermap")
    if not use_module and script.exists():
        return [str(script)], "its console script"
    return [sys.executable, "-m", "peermap"], "python -m peermap"


def khard_argv(install: bool) -> list[str] | None:
    """khard in its own venv under ~/.cache/peermap-bench, installed when asked."""
    venv = KHARD_HOME / "khard-venv"
    exe = venv / "bin" / "khard"
    if not exe.exists() and install:
        print(f"bench: installing khard into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "khard"], check=True)
    return [str(exe)] if exe.exists() else None


class Workspace:
    """The temp dir with every input, and helpers to give a command its own copy."""

    def __init__(self, root: Path, today: date) -> None:
        self.root, self.today = root, today
        self.files: dict[str, Path] = {}
        self.sizes: dict[str, int] = {}

    def network(self, key: str, n: int, logs: int) -> Path:
        path = self.root / key / "peers.toml"
        self.sizes[key] = nw.write_network(path, n, self.today, logs)
        self.files[key] = path
        return path

    def side(self, key: str) -> Path:
        f = self.files[key]
        return f.with_name(f".{f.name}.peermap")

    def copy(self, src: str, dst: str) -> Path:
        path = self.root / dst / "peers.toml"
        path.parent.mkdir(mode=0o700)
        shutil.copy2(self.files[src], path)
        if self.side(src).exists():
            shutil.copytree(self.side(src), path.with_name(f".{path.name}.peermap"))
        self.files[dst] = path
        return path

    def reset(self, src: str, dst: str) -> Callable[[], None]:
        """Before each run: `dst` becomes a fresh copy of `src` (file and warm cache)."""
        def again() -> None:
            shutil.rmtree(self.root / dst, ignore_errors=True)
            self.copy(src, dst)
        return again

    def env(self, key: str) -> dict[str, str]:
        e = dict(BASE_ENV)
        e.pop("PEERMAP_TODAY", None)
        e["PEERMAP_FILE"] = str(self.files[key])
        return e


def build(ws: Workspace, pm: list[str], khard: list[str] | None, quick: bool) -> list[Cmd]:
    py = sys.executable
    ws.network("d150", DAILY, 10)
    ws.network("n200", 200, 20)
    ws.network("n1000", 1000, 20)
    ws.network("n10k", BIG, 5)
    typer_app = ws.root / "typer_min.py"
    typer_app.write_text("import typer\n\napp = typer.Typer()\n\n\n@app.command()\n"
                         "def main() -> None:\n    print('hello')\n\n\napp()\n")
    rmw = ws.root / "bare_rmw.py"
    nw.bare_rmw_script(rmw)
    for n in (1000, 3000):
        for variant in ("new", "update", "lookalike"):
            nw.write_import_csv(ws.root / f"{variant}{n}.csv", n, variant)
        ws.network(f"map{n}", n, 5)
    ws.files["empty"] = ws.root / "empty" / "peers.toml"
    ws.files["empty"].parent.mkdir(mode=0o700)
    ws.files["empty"].write_text('schema = 1\n\n[me]\nname = "Ada Example"\n')
    ws.files["empty"].chmod(0o600)
    # A file peermap did not write misses the parse cache once: load each before timing
    # (the 10,000-peer first load is timed below as the cold figure).
    cold = Cmd("cold10k", "scale", "list --format json, cold cache (first load)", f"{BIG:,}",
               [*pm, "list", "--format", "json"], ws.env("n10k"), target="works",
               big=True)
    for key in ("d150", "n200", "n1000", "map1000", "map3000", "empty"):
        subprocess.run([*pm, "list", "--format", "json"], env=ws.env(key), check=True,
                       stdout=subprocess.DEVNULL)
    run(cold)
    for src, dst in (("n1000", "log1000"), ("n1000", "cold1000"), ("n10k", "w10k"),
                     ("n10k", "rmw10k"), ("n1000", "w1000"), ("n1000", "rmw1000")):
        ws.copy(src, dst)
    # The write path's steady state: the file's last write was peermap's, as in daily use
    # (the first write after a hand or git edit rewrites every peer; docs/safety.md).
    for key in ("log1000", "w1000", "w10k"):
        subprocess.run([*pm, "log", nw.TARGET, "warm-up"], env=ws.env(key), check=True,
                       stdout=subprocess.DEVNULL)

    def pmc(key: str, goal: str, label: str, peers: str, argv: list[str], env: str,
            **kw: object) -> Cmd:
        return Cmd(key, goal, label, peers, [*pm, *argv], ws.env(env), **kw)  # type: ignore[arg-type]

    d = f"{DAILY}"
    cmds = [
        Cmd("floor", "reference", "python -c pass", "-", [py, "-c", "pass"], BASE_ENV,
            target="(the interpreter)"),
        Cmd("typer", "reference", "minimal Typer app", "-", [py, str(typer_app)], BASE_ENV,
            target="(Typer's own cost)"),
    ]
    if khard:
        conf = ws.root / "khard.conf"
        nw.write_vcards(ws.root / "vcards", nw.build_network(DAILY, ws.today, 10))
        conf.write_text(f"[addressbooks]\n[[bench]]\npath = {ws.root / 'vcards'}\n\n"
                        "[general]\ndefault_action = list\n")
        cmds.append(Cmd("khard", "reference", "khard list", f"{d} vCards",
                        [*khard, "-c", str(conf), "list"], BASE_ENV, target="(yardstick)"))
    daily = [("list", ["list"]), ("show", ["show", nw.TARGET]), ("focus", ["focus"]),
             ("suggest", ["suggest"]), ("stats", ["stats"]), ("dashboard", [])]
    for key, argv in daily:
        label = f"peermap {' '.join(argv[:1]) + (' PEER' if key == 'show' else '')}".strip()
        cmds.append(pmc(key, "daily commands", label or "peermap", d, argv, "d150",
                        limit=10, target="≤ 10x interpreter"))
    for key, argv in daily:
        label = f"peermap {argv[0] if argv else ''}{' PEER' if key == 'show' else ''}".strip()
        cmds.append(pmc(f"{key}-tty", "daily, at a terminal", label + " (terminal)", d, argv,
                        "d150", tty=True, target="(as seen at a prompt)"))
    if khard:
        cmds.append(pmc("list-vs-khard", "daily commands", "peermap list", d, ["list"],
                        "d150", ref="khard", limit=1.0, target="≤ 1.0x khard list"))
    cmds += [
        pmc("version", "goal", "peermap --version", "-", ["--version"], "n200", limit=6,
            target="≤ 6x interpreter"),
        pmc("help", "goal", "peermap --help", "-", ["--help"], "n200", limit=14,
            target="≤ 14x interpreter"),
        pmc("remind", "goal", "peermap remind", "200", ["remind"], "n200", limit=7,
            target="≤ 7x interpreter"),
        pmc("json1000", "goal", "peermap list --format json", "1,000",
            ["list", "--format", "json"], "n1000", under_ms=500, target="< 500 ms"),
        pmc("log1000", "goal", "peermap log PEER note", "1,000",
            ["log", nw.TARGET, "benchmark note"], "log1000", under_ms=700, target="< 700 ms"),
        pmc("cold1000", "goal", "list --format json, cold cache", "1,000",
            ["list", "--format", "json"], "cold1000", target="(cache miss)",
            before=lambda: (ws.side("cold1000") / "cache.json").unlink(missing_ok=True)),
        pmc("svg1000", "svg export", "peermap export --format svg", "1,000",
            ["export", "--format", "svg"], "n1000", ref="json1000", limit=3,
            target="≤ 3x list --format json"),
    ]
    # The generated names include look-alikes by the rules of `add` ("Leslie Lovelace 2"),
    # which an import refuses without --force.
    for variant, flags, what in (("new", ["--force"], "new names"),
                                 ("update", ["--update"], "--update"),
                                 ("lookalike", ["--force"], "look-alike names")):
        for n in (1000, 3000):
            base = "empty" if variant == "new" else f"map{n}"
            dst = f"imp-{variant}{n}"
            ws.copy(base, dst)
            cmds.append(pmc(
                dst, "import", f"peermap import ({what})", f"{n:,} rows",
                ["import", str(ws.root / f"{variant}{n}.csv"), *flags], dst,
                before=ws.reset(base, dst),
                **({"ref": f"imp-{variant}1000", "limit": 3.6, "target": "≤ 3.6x 1,000 rows"}
                   if n == 3000 else {"target": "(reference)"})))
    big = f"{BIG:,}"
    reads = [("list", ["list"]), ("list json", ["list", "--format", "json"]),
             ("show PEER", ["show", nw.TARGET]), ("focus", ["focus"]), ("suggest", ["suggest"]),
             ("stats", ["stats"]), ("(dashboard)", []), ("remind", ["remind"]),
             ("review --summary", ["review", "--summary"]), ("check", ["check"]),
             ("export svg", ["export", "--format", "svg"]),
             ("export json", ["export", "--format", "json"]),
             ("export csv", ["export", "--format", "csv"]),
             ("export markdown", ["export", "--format", "markdown"]),
             ("export dot", ["export", "--format", "dot"]),
             ("export mermaid", ["export", "--format", "mermaid"])]
    if quick:  # the full run has every exporter and `check`
        reads = [r for r in reads if r[0] == "export svg" or not r[0].startswith(("export",
                                                                                  "check"))]
    for label, argv in reads:
        key = "json10k" if label == "list json" else f"big-{label}"
        cmds.append(pmc(key, "scale", f"peermap {label}", big, argv, "n10k", big=True,
                        rss_ref="json10k", target="works; RSS ≤ 4x list json"))
    cmds.append(Cmd("rmw10k", "scale", "bare read-modify-write (tomllib + tomli_w)", big,
                    [py, str(rmw), str(ws.files["rmw10k"])], BASE_ENV, big=True,
                    target="(yardstick)"))
    cmds.append(pmc("log10k", "scale", "peermap log PEER note", big,
                    ["log", nw.TARGET, "benchmark note"], "w10k", big=True, ref="rmw10k",
                    limit=LOG_10K, rss_ref="json10k",
                    target=f"≤ {LOG_10K}x bare read-modify-write"))
    # The write path at the daily size, against the same yardstick (docs/safety.md).
    cmds.append(Cmd("rmw1000", "scale", "bare read-modify-write (tomllib + tomli_w)",
                    "1,000", [py, str(rmw), str(ws.files["rmw1000"])], BASE_ENV,
                    target="(yardstick)"))
    cmds.append(pmc("logw1000", "scale", "peermap log PEER note", "1,000",
                    ["log", nw.TARGET, "benchmark note"], "w1000", ref="rmw1000",
                    limit=LOG_1000, target=f"≤ {LOG_1000}x bare read-modify-write"))
    writes = [("plan PEER STEP", ["plan", nw.TARGET, "Share the notes"]),
              ("rate PEER weak", ["rate", nw.TARGET, "weak"])]
    for label, argv in [] if quick else writes:  # `log` stands for them in a quick run
        cmds.append(pmc(f"big-{label}", "scale", f"peermap {label}", big, argv, "w10k",
                        big=True, rss_ref="json10k", target="works; RSS ≤ 4x list json"))
    cmds.append(cold)
    return cmds


def writer_rows(today: date, rounds: int) -> list[Cmd]:
    """peermap's own schema-1 TOML writer against tomli_w (its test oracle), in this
    process on the 1,000-peer network: serialising (both from the same document), and
    parsing each one's output with tomllib. Interleaved like the commands."""
    import tomllib

    from peermap.core.model import to_doc
    from peermap.storage.store import dumps

    try:
        import tomli_w
    except ImportError:
        return []
    net = nw.build_network(1000, today, 20)
    ours, theirs = dumps(net), tomli_w.dumps(to_doc(net)).encode()
    rows = [
        Cmd("w-own", "TOML writer", "store.dumps (peermap's writer)", "1,000", [],
            ref="w-tomli", target="(fact)"),
        Cmd("w-tomli", "TOML writer", "tomli_w.dumps", "1,000", [], target="(oracle)"),
        Cmd("r-own", "TOML writer", "tomllib.loads of peermap's output", "1,000", [],
            ref="r-tomli", target="(fact)"),
        Cmd("r-tomli", "TOML writer", "tomllib.loads of tomli_w's output", "1,000", [],
            target="(reference)"),
    ]
    work: list[Callable[[], object]] = [lambda: dumps(net), lambda: tomli_w.dumps(to_doc(net)),
            lambda: tomllib.loads(ours.decode()), lambda: tomllib.loads(theirs.decode())]
    for _ in range(rounds):
        for row, job in zip(rows, work, strict=True):
            t0 = time.perf_counter()
            job()
            row.times.append((time.perf_counter() - t0) * 1000)
    return rows


def verdicts(cmds: list[Cmd]) -> list[tuple[str, ...]]:
    by = {c.key: c for c in cmds}

    def med(key: str) -> float | None:
        c = by.get(key)
        return statistics.median(c.times) if c and c.times else None

    typer_ms = med("typer")
    rows: list[tuple[str, ...]] = []
    for c in cmds:
        m = med(c.key)
        peak = max(c.rss_kb) / 1024 if c.rss_kb else None
        ref_ms = med(c.ref or "floor")
        ratio = m / ref_ms if m is not None and ref_ms else None
        result = ""
        if c.error:
            result = f"FAIL ({c.error})"
        elif c.limit is not None and ratio is not None:
            result = "pass" if ratio <= c.limit else "FAIL"
        elif c.under_ms is not None and m is not None:
            result = "pass" if m < c.under_ms else "FAIL"
        elif c.target.startswith("works"):
            result = "pass"
        if c.rss_ref and peak is not None and not c.error:
            ref = by[c.rss_ref]
            ref_peak = max(ref.rss_kb) / 1024 if ref.rss_kb else None
            if ref_peak and peak > 4 * ref_peak:
                result = f"FAIL (RSS {peak / ref_peak:.1f}x)"
        own = (f"{m - typer_ms:+.0f}" if m is not None and typer_ms
               and c.goal.startswith("daily") else "")
        to = {"": "interpreter", "khard": "khard list", "json1000": "list json",
              "rmw10k": "bare r-m-w", "rmw1000": "bare r-m-w", "w-tomli": "tomli_w",
              "r-tomli": "tomli_w's file"}.get(c.ref, "1,000 rows")
        rows.append((c.goal, c.label, c.peers, f"{m:.0f}" if m is not None else "-",
                     f"{ratio:.2f}x {to}" if ratio is not None and c.key != "floor"
                     and (c.argv or c.ref) else "",
                     own, c.target, result, f"{peak:.0f}" if peak else "-", str(len(c.times))))
    return rows


HEAD = ("goal", "command", "peers", "median ms", "ratio", "vs Typer app ms", "target",
        "result", "peak RSS MB", "runs")


def report(rows: list[tuple[str, ...]], facts: list[str]) -> str:
    out = [f"- {fact}" for fact in facts]
    out += ["", "| " + " | ".join(HEAD) + " |", "|" + "|".join(" --- " for _ in HEAD) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def write_readme(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    if START not in old or END not in old:
        raise SystemExit(f"bench: {path} has no {START} ... {END} section")
    head, rest = old.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="3 rounds (2 for imports, 1 at 10,000 peers)")
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 11)")
    ap.add_argument("--rounds-big", type=int, default=None,
                    help="rounds that include the 10,000-peer commands (default 3)")
    ap.add_argument("--khard", action="store_true",
                    help="compare with khard (installed into its own venv when missing)")
    ap.add_argument("--module", action="store_true", help="run `python -m peermap`")
    ap.add_argument("--readme", type=Path, help="rewrite this file's benchmark section")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir and print it")
    args = ap.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 11)
    rounds_big = min(rounds, args.rounds_big or (1 if args.quick else 3))

    started = time.perf_counter()
    # A pip install compiles bytecode; a shell with PYTHONDONTWRITEBYTECODE (common in
    # containers) would make every run recompile peermap's changed modules instead.
    no_pyc = "PYTHONDONTWRITEBYTECODE" in os.environ
    BASE_ENV.update(os.environ)
    BASE_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    pm, how = peermap_argv(args.module)
    khard = khard_argv(install=True) if args.khard else None
    tmp = Path(tempfile.mkdtemp(prefix="peermap-bench-"))
    try:
        ws = Workspace(tmp, date.today())
        cmds = build(ws, pm, khard, args.quick)
        warm_t0 = time.perf_counter()
        for c in cmds:  # byte-compile and fill the OS cache (imports are slow, skip them)
            if not c.big and c.goal != "import":
                run(c)
                c.times.clear()
                c.rss_kb.clear()
        warm_s = time.perf_counter() - warm_t0
        for r in range(rounds):
            todo = [c for c in cmds if (not c.big or r < rounds_big) and c.key != "cold10k"
                    and not (args.quick and c.goal == "import" and r >= 2)]
            shift = r % len(todo)
            for c in todo[shift:] + todo[:shift]:
                run(c)
        cmds += writer_rows(ws.today, rounds)
        rows = verdicts(cmds)
        facts = [
            f"Measured {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on "
            f"{platform.system()} {platform.release()} {platform.machine()}, "
            f"{os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}; "
            f"peermap run through {how}"
            + ("; PYTHONDONTWRITEBYTECODE dropped for the runs" if no_pyc else "") + ".",
            f"`python benchmarks/bench.py{' --quick' if args.quick else ''}"
            f"{' --khard' if khard else ''}`: {rounds} interleaved rounds ({rounds_big} with the "
            f"10,000-peer commands), {time.perf_counter() - started:.0f} s in all (warm-up "
            f"{warm_s:.0f} s); load average {os.getloadavg()[0]:.2f} at the end.",
            f"Files: {DAILY} peers x 10 log entries = {ws.sizes['d150'] / 1e3:.0f} kB; "
            f"200 x 20 = {ws.sizes['n200'] / 1e3:.0f} kB; 1,000 x 20 = "
            f"{ws.sizes['n1000'] / 1e6:.1f} MB; 10,000 x 5 = {ws.sizes['n10k'] / 1e6:.1f} MB. "
            "Each file's parse cache is filled once before timing, except in the cold rows.",
            "Ratios are medians over medians from the same run; `vs Typer app` is the "
            "command's median minus a minimal Typer app's (what is peermap's own); peak RSS "
            + ("is the largest of the runs (GNU time)." if GNU_TIME else
               "is not measured (no GNU time found).") + ("" if khard else
                                             " khard not compared (run with --khard)."),
        ]
        text = report(rows, facts)
        print(text, end="")
        if args.readme:
            write_readme(args.readme, text)
        return 1 if any(r[7].startswith("FAIL") for r in rows) else 0
    finally:
        if args.keep:
            print(f"\n(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        RSS_FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
