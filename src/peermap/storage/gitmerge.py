"""git's side of keeping the file on several machines: the merge driver's files and the
git configuration that calls it (`peermap merge-driver`, `peermap git-setup`)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from peermap.core.errors import DataFileError, PeermapError
from peermap.core.model import Network, check_network
from peermap.core.text import shell_quote
from peermap.core.threeway import Conflict, merge_networks
from peermap.storage.store import atomic_write, dumps, parse

DRIVER = "peermap"


@dataclass
class DriverOutcome:
    conflicts: list[Conflict]
    fallback: str = ""  # why a plain text merge was made instead, when it was


def _read(path: Path, label: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise PeermapError(f"cannot read the {label} version {path} ({e.strerror or e}).") \
            from None


def merge_files(base: Path, ours: Path, theirs: Path) -> DriverOutcome:
    """Merge THEIRS and BASE into OURS (git's %A), written atomically in place.

    An empty BASE (the two histories share no version) counts as an empty map. When a
    side is not a valid peermap file, git's own line merge (`git merge-file`) is made
    instead, so conflict markers show where to look.
    """
    data = {label: _read(p, label) for label, p in
            (("base", base), ("ours", ours), ("theirs", theirs))}
    try:
        nets = {label: (Network() if label == "base" and not raw.strip() else
                        parse(raw, f"the {label} version"))
                for label, raw in data.items()}
    except DataFileError as e:
        return _text_merge(base, ours, theirs, e.message)
    result = merge_networks(nets["base"], nets["ours"], nets["theirs"])
    problems = check_network(result.network)
    if problems:
        return _text_merge(base, ours, theirs, "; ".join(problems))
    out = dumps(result.network)
    parse(out, "the merged version")  # what is written must load
    mode = os.stat(ours).st_mode & 0o777
    atomic_write(Path(ours), out, mode)
    return DriverOutcome(result.conflicts)


def _text_merge(base: Path, ours: Path, theirs: Path, why: str) -> DriverOutcome:
    done = subprocess.run(
        ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
         str(ours), str(base), str(theirs)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
    )
    if done.returncode == 0:
        return DriverOutcome([], why)
    return DriverOutcome([Conflict("the file", "(text)", "(text)")], why)


# --- git-setup -----------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=30)
    except FileNotFoundError:
        raise PeermapError("git is not installed (or not on PATH).") from None


def driver_command() -> str:
    """The command git runs: this same installation of peermap, whatever PATH holds."""
    return f"{shell_quote(sys.executable)} -m peermap merge-driver %O %A %B"


def _pattern(rel: str) -> str:
    """A .gitattributes pattern for exactly this path (C-quoted when it needs quoting)."""
    pattern = "/" + rel
    if any(c in pattern for c in ' \t"\\*?[') or not pattern.isprintable():
        escaped = pattern.replace("\\", "\\\\").replace('"', '\\"')
        for ch in "*?[":
            escaped = escaped.replace(ch, "\\" + ch)
        pattern = f'"{escaped}"'
    return pattern


@dataclass
class Setup:
    root: Path
    attributes: Path
    line: str
    added_line: bool
    command: str
    ignore: Path | None = None  # the .gitignore that now names the lock file, if changed


def git_setup(data_file: Path) -> Setup:
    """Write the .gitattributes line and this clone's git config for the merge driver."""
    real = Path(os.path.realpath(data_file))
    where = real.parent
    if not where.is_dir():
        raise PeermapError(f"{where} does not exist; create the data file first "
                           "(`peermap init`).")
    top = _git(where, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise PeermapError(f"{where} is not in a git work tree; run `git init` there first "
                           "(and set `peermap config git_commit true`).")
    root = Path(top.stdout.strip())
    rel = real.relative_to(Path(os.path.realpath(root))).as_posix()
    line = f"{_pattern(rel)} merge={DRIVER}"
    attributes = root / ".gitattributes"
    try:
        old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot read {attributes} ({e}).") from None
    added = line not in old.splitlines()
    if added:
        text = old + ("" if not old or old.endswith("\n") else "\n") + line + "\n"
        try:
            mode = attributes.stat().st_mode & 0o777 if old else 0o644
            atomic_write(attributes, text.encode("utf-8"), mode)
        except OSError as e:
            raise PeermapError(f"cannot write {attributes} ({e.strerror or e}); "
                               "nothing was changed.") from None
    ignored = _ignore_lock(root, real)
    command = driver_command()
    for key, value in (("name", "peermap semantic merge of the peer map"),
                       ("driver", command)):
        done = _git(root, "config", "--local", f"merge.{DRIVER}.{key}", value)
        if done.returncode != 0:
            raise PeermapError(f"git config failed: {done.stderr.strip() or done.returncode}.")
    return Setup(root, attributes, line, added, command, ignored)


def _ignore_lock(root: Path, real: Path) -> Path | None:
    """Name the lock file in the repository's .gitignore (it is peermap's, never data);
    the .gitignore when a line was added, None when it was there already."""
    lock = real.with_name(f".{real.name}.lock")
    rel = lock.relative_to(Path(os.path.realpath(root))).as_posix()
    line = "/" + "".join("\\" + c if c in "*?[\\ " else c for c in rel)
    ignore = root / ".gitignore"
    try:
        old = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
        if line in old.splitlines():
            return None
        text = old + ("" if not old or old.endswith("\n") else "\n") + line + "\n"
        atomic_write(ignore, text.encode("utf-8"), ignore.stat().st_mode & 0o777 if old
                     else 0o644)
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot update {ignore} ({e}); nothing else was changed.") \
            from None
    return ignore
