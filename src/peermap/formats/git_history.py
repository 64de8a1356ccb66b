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
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from peermap.core.discover import MAX_FILES, TRAILERS, Commit, identity, is_bot
from peermap.core.errors import PeermapError

_FORMAT = ("%x1e%aN%x1f%aE%x1f%ae%x1f%at%x1f"
           "%(trailers:key=Reviewed-by,key=Co-authored-by,key=Acked-by,separator=%x1d)")


def log_command(repo: str, since: date) -> list[str]:
    return ["git", "-C", repo, "log", "--use-mailmap", "--no-merges",
            f"--since={since.isoformat()}T00:00:00", "--name-only", f"--format={_FORMAT}"]


def _git(args: list[str]) -> bytes:
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        done = subprocess.run(args, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise PeermapError("git is not installed (or not on PATH); `discover git` runs it."
                           ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PeermapError(f"git log failed in {args[2]}: "
                           f"{said[-1] if said else 'exit ' + str(done.returncode)}")
    return done.stdout


def my_email(repo: str) -> list[str]:
    """`git config user.email` in the repository (or globally): the default identity."""
    try:
        done = subprocess.run(["git", "-C", repo, "config", "user.email"], capture_output=True,
                              text=True, check=False)
    except FileNotFoundError:
        return []
    value = done.stdout.strip().lower()
    return [value] if value else []


def check(repo: str) -> None:
    if not Path(repo).is_dir():
        raise PeermapError(f"{repo} is not a folder; give the path of a git repository.")


def read(repo: str, since: date, index: int = 0) -> tuple[list[Commit], Counter[str]]:
    """The commits of `repo` since `since`; mass changes and bots are dropped here already
    (counted), so the ranking never holds their file lists."""
    check(repo)
    return parse(_git(log_command(repo, since)), index)


def parse(out: bytes, index: int = 0) -> tuple[list[Commit], Counter[str]]:
    commits: list[Commit] = []
    skipped: Counter[str] = Counter()
    prefix = f"{index}:"
    for record in out.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
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
        day = datetime.fromtimestamp(int(stamp or 0), UTC).date()
        commits.append(Commit(name, email, day, tuple(prefix + f for f in files),
                              tuple(found), raw.lower()))
    return commits, skipped
