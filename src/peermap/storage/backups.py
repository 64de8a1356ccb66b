"""Backups and undo: the versions of the data file kept beside it.

Backups live in `.peers.toml.peermap/backups/000012.toml`; the name of the change that
came after a backup in `changes/000012.txt`. Numbers only grow, so no name is reused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from peermap.core.errors import DataFileError, WriteError
from peermap.core.model import Network
from peermap.storage.atomic import InTheWay, atomic_write, make_private_dir

UNDO = "undo: "


@dataclass(frozen=True)
class Undone:
    """What `undo` did: the backup it restored and the change that backup came before."""

    backup: Path
    change: str | None  # e.g. "log Grace Hopper (chat)"; None for an unnamed change
    redo: bool  # True when this undo put back a change an earlier undo had undone
    kept: Path | None  # where the version just left is kept


class Store(Protocol):
    """What backups and undo need of peermap.storage.store.Store."""

    @property
    def path(self) -> Path: ...
    @property
    def real(self) -> Path: ...
    @property
    def side_dir(self) -> Path: ...
    @property
    def backup_dir(self) -> Path: ...
    def locked(self) -> AbstractContextManager[Callable[[], bool]]: ...
    def read_bytes(self) -> bytes | None: ...
    def refuse_read_only(self) -> int: ...
    def after_write(self, net: Network, data: bytes, message: str) -> None: ...


def ensure_side_dir(side_dir: Path) -> None:
    """The private folder beside the data file (backups, the parse cache)."""
    if not side_dir.is_dir():
        make_private_dir(side_dir)
        # Backups and the cache never belong in the user's git repository.
        atomic_write(side_dir / ".gitignore", b"*\n", 0o600)


def keep(s: Store, data: bytes, change: str | None) -> Path:
    """Keep `data` as a new, numbered backup; `change` names what comes after it."""
    try:
        ensure_side_dir(s.side_dir)
        make_private_dir(s.backup_dir)
        path = s.backup_dir / f"{next_number(s.backup_dir):06d}.toml"
        atomic_write(path, data, 0o600)
        if change:
            try:
                make_private_dir(why_path(path).parent)
                atomic_write(why_path(path), change.encode("utf-8"), 0o600)
            except OSError:
                pass  # only the wording of a later undo depends on it
        return path
    except InTheWay as e:
        raise WriteError(f"could not keep a backup of {s.path}: {e}. Nothing was "
                         "changed.") from None
    except OSError as e:
        raise WriteError(
            f"could not keep a backup of {s.path} in {s.backup_dir} "
            f"({e.strerror or e}); nothing was changed."
        ) from None


def next_number(backup_dir: Path) -> int:
    """One more than any backup-like name, files or not, so no name is ever reused."""
    try:
        names = os.listdir(backup_dir)
    except OSError:
        return 1
    numbers = [int(n[:-5]) for n in names if n.endswith(".toml") and n[:-5].isdigit()]
    return max(numbers, default=0) + 1


def listing(backup_dir: Path) -> list[Path]:
    """Backups, oldest first: regular files named like `000012.toml` (a stray folder
    or link with such a name is not one)."""
    try:
        names = os.listdir(backup_dir)
    except OSError:
        return []
    files = []
    for n in names:
        if not (n.endswith(".toml") and n[:-5].isdigit()):
            continue
        try:
            if stat.S_ISREG(os.lstat(backup_dir / n).st_mode):
                files.append(backup_dir / n)
        except OSError:
            continue
    return sorted(files, key=lambda p: int(p.stem))


def prune(backup_dir: Path, keep_newest: int) -> None:
    """Keep the newest `keep_newest` backups; with 0, none, so undo never reaches an old one."""
    found = listing(backup_dir)
    for stale in found[:max(0, len(found) - keep_newest)]:
        remove(stale)


def undo(s: Store) -> Undone:
    """Go back to the newest backup that differs from the file; undo again to redo.

    Nothing is overwritten or deleted before the data file is replaced: the current
    version is first kept as a new backup (so a second undo redoes), then the data
    file is replaced, and only then are the restored backup and any copies of the
    old current version removed. A crash at any point leaves every version on disk.
    """
    from peermap.storage.codec import parse

    with s.locked():
        current = s.read_bytes()
        candidates = [b for b in reversed(listing(s.backup_dir)) if read(b) != current]
        if not candidates:
            raise DataFileError(
                f"nothing to undo: there is no backup of {s.path} that differs from it."
            )
        chosen = candidates[0]
        previous = read(chosen)
        if previous is None:
            raise DataFileError(f"cannot read the backup {chosen}; nothing was changed.")
        try:
            net = parse(previous, chosen)  # never restore something unreadable
        except DataFileError:
            raise DataFileError(
                f"the newest backup ({chosen}) is not a valid peermap file, so undo "
                f"would restore a broken file; nothing was changed."
            ) from None
        change = read_why(chosen)
        redo = change is not None and change.startswith(UNDO)
        what = change[len(UNDO):] if change is not None and redo else change
        mode = s.refuse_read_only()
        kept = None
        if current is not None:
            # The version being left: the backup a second undo (a redo) goes back to.
            kept = keep(s, current, what if redo else UNDO + (what or ""))
        try:
            atomic_write(s.real, previous, mode)
        except OSError as e:
            if kept is not None:
                remove(kept)
            raise WriteError(
                f"could not write {s.path} ({e.strerror or e}); nothing was changed."
            ) from None
        # Only now may backups go: the restored one (it is the file now) and any
        # that only repeat the version just left (a crash between backup and write).
        for b in listing(s.backup_dir):
            if b != kept and (b == chosen or read(b) == current):
                remove(b)
        s.after_write(net, previous, "peermap: undo")
    return Undone(chosen, what or None, redo, kept)


def change_name(message: str) -> str:
    """A commit message as a change's name: "peermap: log X (chat)" -> "log X (chat)"."""
    return message.removeprefix("peermap: ").strip()


def why_path(backup: Path) -> Path:
    """Where the name of the change that followed a backup is kept: `changes/000012.txt`
    beside `backups/` (the backups folder holds nothing but backups)."""
    return backup.parent.parent / "changes" / f"{backup.stem}.txt"


def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def read_why(path: Path) -> str | None:
    try:
        text = why_path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def remove(path: Path) -> None:
    """Best effort: a backup that cannot be removed costs only space."""
    for p in (path, why_path(path)):
        try:
            p.unlink()
        except OSError:
            pass
