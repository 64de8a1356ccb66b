"""Backups, undo and redo: the versions of the data file kept beside it.

Every change keeps the version it replaces in `.peers.toml.peermap/backups/000012.toml`,
with the name of the change that followed it in `changes/000012.txt`. `undo` goes back
one version each time (or to a chosen one) and moves the versions it leaves onto the
redo stack (`redo/`), which `redo` takes from and the next ordinary change clears.
Numbers only grow, shared by both folders, so no name is ever reused. Nothing is
deleted or overwritten before the data file is replaced; a version that is left is
first kept (copied or moved) where undo or redo can find it (docs/safety.md).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from peermap.core.errors import BusyError, DataFileError, WriteError
from peermap.core.model import Network
from peermap.storage.atomic import InTheWay, atomic_write, make_private_dir

UNDO = "undo: "  # how older peermaps named the version an undo left


@dataclass(frozen=True)
class Undone:
    """What `undo` or `redo` did: the version it restored and the changes it undid (or
    the one it redid), newest first; None for a change without a name."""

    backup: Path
    changes: list[str | None]
    redo: bool  # True for `redo`
    kept: Path | None  # where the version just left is kept

    @property
    def change(self) -> str | None:
        return self.changes[0] if self.changes else None


@dataclass(frozen=True)
class Version:
    """A kept version, for `undo --list`: restoring it undoes `change` and what followed."""

    number: int
    saved: float  # when the change after it was made (seconds since the epoch)
    change: str | None


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


def keep(s: Store, data: bytes, change: str | None, *, redo: bool = False) -> Path:
    """Keep `data` as a new, numbered backup (or redo entry); `change` names the change
    that follows it (for a redo entry: the change that going to it makes again)."""
    folder = s.side_dir / "redo" if redo else s.backup_dir
    try:
        ensure_side_dir(s.side_dir)
        make_private_dir(folder)
        path = folder / f"{next_number(s.side_dir):06d}.toml"
        name_change(path, change)
        atomic_write(path, data, 0o600)
        return path
    except InTheWay as e:
        raise WriteError(f"could not keep a backup of {s.path}: {e}. Nothing was "
                         "changed.") from None
    except OSError as e:
        raise WriteError(
            f"could not keep a backup of {s.path} in {folder} "
            f"({e.strerror or e}); nothing was changed."
        ) from None


def name_change(path: Path, change: str | None) -> None:
    """Record the name of the change that follows the version at `path`."""
    if change:
        try:
            make_private_dir(why_path(path).parent)
            atomic_write(why_path(path), change.encode("utf-8"), 0o600)
        except OSError:
            pass  # only the wording of a later undo depends on it


def next_number(side_dir: Path) -> int:
    """One more than any backup-like name in either folder, files or not, so no name is
    ever reused."""
    numbers = [0]
    for folder in ("backups", "redo"):
        try:
            names = os.listdir(side_dir / folder)
        except OSError:
            continue
        numbers += [int(n[:-5]) for n in names if n.endswith(".toml") and n[:-5].isdigit()]
    return max(numbers) + 1


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


def versions(s: Store) -> list[Version]:
    """The kept versions, newest first."""
    out = []
    for b in reversed(listing(s.backup_dir)):
        try:
            saved = os.lstat(b).st_mtime
        except OSError:
            continue
        out.append(Version(int(b.stem), saved, _shown(read_why(b))))
    return out


def redo_names(s: Store) -> list[str | None]:
    """What `redo` would make again, next first."""
    return [_shown(read_why(r)) for r in reversed(listing(s.side_dir / "redo"))]


def undo(s: Store, to: int | None = None) -> Undone:
    """Go back one version (the newest kept one that differs from the file), or to
    version `to`; the versions left go onto the redo stack.

    The file as it is is copied onto the redo stack and any versions stepped over are
    moved there before the data file is replaced; only then does the restored version
    leave the backups. A crash at any point leaves every version on disk, and a kept
    copy of what the file is already is skipped by the next undo or redo.
    """
    with s.locked() as still_held:
        current = s.read_bytes()
        kept = listing(s.backup_dir)
        data = _Reads()  # each backup is read once
        chosen = _chosen(s, kept, current, to, data)
        previous, net = _restorable(chosen, data(chosen))
        # Versions after the chosen one, oldest first; copies of the file as it is are
        # what a writer killed between its backup and its write left.
        after = [b for b in kept if int(b.stem) > int(chosen.stem)]
        stepped = [b for b in after if data(b) != current]
        chain = [chosen, *stepped]
        whys = [read_why(b) for b in chain]
        changes = [_shown(w) for w in reversed(whys)]
        check_held(s, still_held)
        mode = s.refuse_read_only()
        copy = keep(s, current, whys[-1], redo=True) if current is not None else None
        moved: list[tuple[Path, Path]] = []
        try:
            for i in range(len(chain) - 1, 0, -1):
                moved.append((chain[i], _move_to_redo(s, chain[i], whys[i - 1])))
            _write(s, previous, mode)
        except WriteError:
            for back, there in moved:  # put the stepped-over versions back as they were
                try:
                    os.rename(there, back)
                except OSError:
                    pass  # still kept, on the redo stack
            if copy is not None:
                remove(copy)  # the file still holds it
            raise
        for b in [chosen, *after]:
            remove(b)
        s.after_write(net, previous, "peermap: undo")
    return Undone(chosen, changes, False, copy)


def redo(s: Store) -> Undone:
    """Make the change the last undo undid again: the newest redo entry that differs
    from the file. The file as it is becomes a backup first."""
    redo_dir = s.side_dir / "redo"
    with s.locked() as still_held:
        current = s.read_bytes()
        entries = listing(redo_dir)
        reads = _Reads()  # each redo entry is read once
        chosen = next((r for r in reversed(entries) if reads(r) != current), None)
        if chosen is None:
            raise DataFileError("nothing to redo: no undo since the last change.")
        data, net = _restorable(chosen, reads(chosen))
        change = read_why(chosen)
        check_held(s, still_held)
        mode = s.refuse_read_only()
        kept = keep(s, current, change) if current is not None else None
        try:
            _write(s, data, mode)
        except WriteError:
            if kept is not None:
                remove(kept)  # the file still holds it
            raise
        for r in entries:
            if r == chosen or (int(r.stem) > int(chosen.stem) and reads(r) == current):
                remove(r)
        s.after_write(net, data, "peermap: redo")
    return Undone(chosen, [_shown(change)], True, kept)


def forget_redo(s: Store) -> None:
    """After a new change the undone versions are no longer a redo (as in an editor)."""
    for r in listing(s.side_dir / "redo"):
        remove(r)


class _Reads:
    """A backup's bytes, read from disk once per undo or redo (None: unreadable)."""

    def __init__(self) -> None:
        self.seen: dict[Path, bytes | None] = {}

    def __call__(self, path: Path) -> bytes | None:
        if path not in self.seen:
            self.seen[path] = read(path)
        return self.seen[path]


def _chosen(s: Store, kept: list[Path], current: bytes | None, to: int | None,
            data: Callable[[Path], bytes | None]) -> Path:
    if to is not None:
        found = next((b for b in kept if int(b.stem) == to), None)
        if found is None:
            raise DataFileError(f"there is no kept version {to} of {s.path}; "
                                "`peermap undo --list` shows them. Nothing was changed.")
        if data(found) == current:
            raise DataFileError(f"version {to} is the file as it is now; nothing was changed.")
        return found
    chosen = next((b for b in reversed(kept) if data(b) != current), None)
    if chosen is None:
        raise DataFileError(
            f"nothing to undo: there is no backup of {s.path} that differs from it."
        )
    return chosen


def _restorable(path: Path, data: bytes | None) -> tuple[bytes, Network]:
    if data is None:
        raise DataFileError(f"cannot read the backup {path}; nothing was changed.")
    return data, parse_backup(data, path)


def parse_backup(data: bytes, path: Path) -> Network:
    """A kept version's network; never restore something unreadable."""
    from peermap.storage.codec import parse

    try:
        return parse(data, path)
    except DataFileError:
        raise DataFileError(
            f"the backup {path} is not a valid peermap file, so restoring it would put a "
            f"broken file back; nothing was changed."
        ) from None


def _move_to_redo(s: Store, backup: Path, change: str | None) -> Path:
    """Move a backup onto the redo stack (a rename: it is never absent from disk)."""
    redo_dir = s.side_dir / "redo"
    try:
        make_private_dir(redo_dir)
        path = redo_dir / f"{next_number(s.side_dir):06d}.toml"
        name_change(path, change)
        os.rename(backup, path)
    except OSError as e:
        raise WriteError(f"could not keep a version of {s.path} in {redo_dir} "
                         f"({e.strerror or e}); nothing was changed.") from None
    return path


def check_held(s: Store, still_held: Callable[[], bool]) -> None:
    """Just before anything moves: the lock is still ours (as `Store.update` checks)."""
    if not still_held():
        raise BusyError(f"{s.path} is busy: its lock file was replaced while peermap "
                        "worked. Try again; nothing was changed.")


def _write(s: Store, data: bytes, mode: int) -> None:
    try:
        atomic_write(s.real, data, mode)
    except OSError as e:
        raise WriteError(
            f"could not write {s.path} ({e.strerror or e}); nothing was changed."
        ) from None


def _shown(change: str | None) -> str | None:
    """A change's name as shown; an older peermap's undo entries read "undo of ..."."""
    if change is not None and change.startswith(UNDO):
        return f"undo of {change[len(UNDO):]}" if change[len(UNDO):] else "an undo"
    return change


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
