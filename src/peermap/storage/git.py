"""Committing each change to git when `settings.git_commit` is on (SPEC section 11).

A failed commit is a warning on stderr; the data is already safely written.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=30,
    )


def commit(path: Path, message: str) -> bool:
    """Commit `path` alone with `message`; True when a commit was made."""
    where = path.parent
    try:
        inside = _git(where, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return False
        added = _git(where, "add", "--", path.name)
        if added.returncode != 0:
            lines = added.stderr.strip().splitlines()
            raise RuntimeError(lines[0] if lines else "git add failed")
        done = _git(where, "commit", "--quiet", "--no-verify", "-m", message, "--", path.name)
        if done.returncode != 0:
            out = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(out[-1] if out else "git commit failed")
    except (OSError, RuntimeError, subprocess.SubprocessError) as e:
        print(
            f"peermap: warning: the change is saved, but the git commit failed ({e}).",
            file=sys.stderr,
        )
        return False
    return True
