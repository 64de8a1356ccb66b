"""Committing each change to git when `settings.git_commit` is on (docs/safety.md).

A failed commit is a warning for the user (the caller shows it); the data is already
safely written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def run_git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `cwd`: output captured as text, no stdin, at most 30 s. The one way
    storage runs git (commits, git-setup, the encryption filters)."""
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=30,
    )


def commit(path: Path, message: str) -> str | None:
    """Commit `path` alone with `message`; a warning sentence when the commit failed."""
    where = path.parent
    try:
        inside = run_git(where, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return None
        added = run_git(where, "add", "--", path.name)
        if added.returncode != 0:
            lines = added.stderr.strip().splitlines()
            raise RuntimeError(lines[0] if lines else "git add failed")
        done = run_git(where, "commit", "--quiet", "--no-verify", "-m", message, "--", path.name)
        if done.returncode != 0:
            out = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(out[-1] if out else "git commit failed")
    except (OSError, RuntimeError, subprocess.SubprocessError) as e:
        return f"warning: the change is saved, but the git commit failed ({e})."
    return None
