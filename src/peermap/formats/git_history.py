"""Reading a repository's history for `discover git` (docs/groups.md): one `git log` per
repository, through the git command line (no network, nothing written).

`--use-mailmap` with %aN/%aE applies the repository's .mailmap to authors; the raw
address (%ae) comes too, so trailers written with an old address map to the same
person. The review and co-author trailers come from %(trailers:key=...), one record
per commit separated by control characters no path or name can hold.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path

from peermap.core.discover import MAX_FILES, TRAILERS, Commit, identity, is_bot
from peermap.core.errors import PeermapError

_FORMAT = ("%x1e%aN%x1f%aE%x1f%ae%x1f%at%x1f"
           "%(trailers:key=Reviewed-by,key=Co-authored-by,key=Acked-by,separator=%x1d)")


def log_command(repo: str, since: int, until: int | None = None) -> list[str]:
    """git log of the commits dated from `since` to `until` (Unix seconds, both in)."""
    window = [f"--since=@{since}"] + ([f"--until=@{until}"] if until is not None else [])
    return ["git", "-C", repo, "log", "--use-mailmap", "--no-merges", "--no-renames",
            *window, "--name-only", f"--format={_FORMAT}"]


def windows(since: int, now: int, parts: int) -> list[tuple[int, int | None]]:
    """`parts` back-to-back windows of equal length from `since` on, the last open-ended:
    git computes the file lists of each in its own process, in parallel."""
    step = max(1, (now - since) // parts)
    cuts = [since + i * step for i in range(parts)] if now > since else [since]
    return [(lo, hi - 1) for lo, hi in zip(cuts, cuts[1:], strict=False)] + [(cuts[-1], None)]


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except FileNotFoundError:
        raise PeermapError("git is not installed (or not on PATH); `discover git` runs it."
                           ) from None
    if sys.platform == "linux":  # a 1 MiB pipe: git runs ahead instead of waiting on us
        import fcntl

        with suppress(OSError):
            fcntl.fcntl(proc.stdout.fileno(), 1031, 1 << 20)  # type: ignore[union-attr]
    return proc


def _streams(procs: list[subprocess.Popen[bytes]], repo: str) -> Iterator[bytes]:
    """The records of every process, as whole records, whichever writes first; then
    each process's exit is checked. The processes end (killed if need be) in any case."""
    import selectors

    sel = selectors.DefaultSelector()
    rest: dict[int, bytes] = {}
    try:
        for proc in procs:
            assert proc.stdout is not None
            sel.register(proc.stdout.fileno(), selectors.EVENT_READ)
            rest[proc.stdout.fileno()] = b""
        while sel.get_map():
            for key, _ in sel.select():
                fd = key.fd
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    sel.unregister(fd)
                    yield rest.pop(fd)
                    continue
                data = rest[fd] + chunk
                cut = data.rfind(b"\x1e")
                if cut <= 0:
                    rest[fd] = data
                    continue
                rest[fd] = data[cut:]
                yield data[:cut]
        for proc in procs:
            assert proc.stderr is not None
            said = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
            if proc.wait() != 0:
                raise PeermapError(f"git log failed in {repo}: "
                                   f"{said[-1] if said else 'exit ' + str(proc.returncode)}")
    finally:
        sel.close()
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for f in (proc.stdout, proc.stderr):
                if f is not None:
                    f.close()


def my_email(repo: str) -> list[str]:
    """`git config user.email` in the repository (or globally): the default identity."""
    try:
        done = subprocess.run(["git", "-C", repo, "config", "user.email"], capture_output=True,
                              text=True, check=False, stdin=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.SubprocessError):  # no git, or a git that hangs
        return []
    value = done.stdout.strip().lower()
    return [value] if value else []


def check(repo: str) -> None:
    if not Path(repo).is_dir():
        raise PeermapError(f"{repo} is not a folder; give the path of a git repository.")


def read(repo: str, since: date, index: int, skipped: Counter[str],
         parts: int | None = None) -> Iterator[Commit]:
    """The commits of `repo` since `since`, as git writes them; mass changes and bots are
    dropped here already (counted in `skipped`), so nothing holds their file lists.

    git starts at once (the caller can load the map meanwhile), split over as many
    processes as there are CPUs (at most 4); the output is read as it is iterated."""
    check(repo)
    start = int(datetime.combine(since, time()).timestamp())
    n = parts or max(1, min(4, os.cpu_count() or 1))
    procs = [_start(log_command(repo, lo, hi)) for lo, hi in windows(start, int(_now()), n)]
    return parse(_streams(procs, repo), index, skipped)


def _now() -> float:
    import time as clock

    return clock.time()


def parse(blocks: Iterable[bytes], index: int, skipped: Counter[str]) -> Iterator[Commit]:
    """Blocks of whole records (as `_streams` yields them) -> commits."""
    for block in blocks:
        yield from _records(block, index, skipped)


@lru_cache(maxsize=8192)
def _day(days: int) -> date:
    return datetime.fromtimestamp(days * 86400, UTC).date()


def _records(data: bytes, index: int, skipped: Counter[str]) -> Iterator[Commit]:
    prefix = f"{index}:"
    for record in data.decode("utf-8", "surrogateescape").split("\x1e"):
        if not record:
            continue
        head, _, body = record.partition("\n")
        fields = head.split("\x1f")
        if len(fields) < 5:
            continue
        name, email, raw, stamp, trailers = fields[:5]
        email = email.lower()
        if is_bot(name, email):
            skipped["bot"] += 1
            continue
        files = [f for f in body.split("\n") if f]
        if len(files) > MAX_FILES:
            skipped["large"] += 1
            continue
        found = []
        for t in trailers.split("\x1d") if trailers else ():
            key, _, value = t.partition(":")
            kind = TRAILERS.get(key.strip().lower())
            if kind is not None:
                who, mail = identity(value)
                found.append((kind, who, mail))
        day = _day(int(stamp or 0) // 86400)
        yield Commit(name, email, day,
                     tuple(files) if not index else tuple(prefix + f for f in files),
                     tuple(found), raw.lower())
