"""git's side of keeping the file on several machines: the merge driver's files and the
git configuration that calls it (`peermap merge-driver`, `peermap git-setup`)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from peermap.core.errors import DataFileError, PeermapError
from peermap.core.model import MergeConflict, Network, check_network
from peermap.core.text import shell_quote
from peermap.core.threeway import merge_networks
from peermap.storage.store import atomic_write, dumps, parse

DRIVER = "peermap"


@dataclass
class DriverOutcome:
    conflicts: list[MergeConflict]
    fallback: str = ""  # why a plain text merge was made instead, when it was
    unsure: str = ""  # why the result needs the user's look although it was written

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.unsure


def _read(path: Path, label: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise PeermapError(f"cannot read the {label} version {path} ({e.strerror or e}); "
                           "nothing was changed.") from None


def _write(path: Path, data: bytes) -> None:
    """Replace our version (git's %A) atomically, keeping its mode; one clear line when the
    disk is full or the folder unwritable (the old version is then still in place)."""
    try:
        mode = os.stat(path).st_mode & 0o777
        atomic_write(Path(path), data, mode)
    except OSError as e:
        raise PeermapError(f"cannot write the merged version to {path} "
                           f"({e.strerror or e}); nothing was changed.") from None


def merge_files(base: Path, ours: Path, theirs: Path) -> DriverOutcome:
    """Merge THEIRS and BASE into OURS (git's %A), written atomically in place.

    An empty BASE (the two histories share no version) counts as an empty map. When a
    side is not a valid peermap file, git's own line merge (`git merge-file`) is made
    instead, so conflict markers show where to look; that result is never called clean
    unless both sides loaded and the merged text loads too.
    """
    data = {label: _read(p, label) for label, p in
            (("base", base), ("ours", ours), ("theirs", theirs))}
    nets: dict[str, Network] = {}
    for label, raw in data.items():
        try:
            nets[label] = (Network() if label == "base" and not raw.strip() else
                           parse(raw, f"the {label} version"))
        except DataFileError as e:
            return _text_merge(data, ours, e.message, sides_ok=label == "base")
    result = merge_networks(nets["base"], nets["ours"], nets["theirs"])
    problems = check_network(result.network)
    if problems:
        return _text_merge(data, ours, "; ".join(problems), sides_ok=True)
    out = dumps(result.network)
    parse(out, "the merged version")  # what is written must load
    _write(ours, out)
    return DriverOutcome(result.conflicts)


def _text_merge(data: dict[str, bytes], ours: Path, why: str, *,
                sides_ok: bool) -> DriverOutcome:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="peermap-merge-") as tmp:
        paths = []
        for label in ("ours", "base", "theirs"):
            p = Path(tmp) / label
            p.write_bytes(data[label])
            paths.append(str(p))
        try:
            done = subprocess.run(
                ["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs",
                 *paths], capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
        except (OSError, subprocess.SubprocessError) as e:
            raise PeermapError(f"git merge-file could not run ({e}); nothing was changed.") \
                from None
    if done.returncode < 0 or done.returncode > 127:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PeermapError(f"git merge-file failed ({err[-1] if err else done.returncode}); "
                           "nothing was changed.")
    _write(ours, done.stdout)
    unsure = ""
    if done.returncode != 0:
        unsure = "git's line merge left conflict markers (<<<<<<<) in it"
    else:
        try:
            parse(done.stdout, "the merged version")
        except DataFileError as e:
            unsure = f"the merged text does not load ({e.message})"
        else:
            if not sides_ok:
                unsure = "a side did not load, so check that nothing of it was lost"
    return DriverOutcome([], why, unsure)


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
