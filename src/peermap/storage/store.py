"""Every byte of the data file: where it is, locking, loading, writing, backups, undo.

A change is one transaction: take the lock beside the file, re-read the file, apply the
change, validate the result, keep a backup of the old bytes, write a temporary file,
fsync, `os.replace`, fsync the directory. A file that fails to load is never written.
Parsed files are cached as JSON keyed by a hash of their bytes so that read-only
commands (the cron reminder above all) skip TOML parsing and validation.

The Store composes the parts: the text of the file (peermap.storage.codec), where a
broken file went wrong (peermap.storage.locate), backups and undo
(peermap.storage.backups) and atomic file I/O (peermap.storage.atomic).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from peermap import __version__
from peermap.core.errors import BusyError, DataFileError, WriteError
from peermap.core.model import SCHEMA, Network, from_trusted_doc, to_doc
from peermap.storage import backups
from peermap.storage.atomic import (
    InTheWay,
    atomic_write,
    file_lock,
    kind_of,
    make_private_dir,
    private_mode,
    same_file,
    sweep_temp_files,
)
from peermap.storage.backups import Undone, Version
from peermap.storage.codec import dump_doc, dumps, parse
from peermap.storage.rewrite import Before, new_text

__all__ = ["CACHE_KEY", "ENV_FILE", "LOCK_TIMEOUT", "Store", "Undone", "atomic_write",
           "default_path", "dumps", "parse", "resolve_path"]

T = TypeVar("T")
ENV_FILE = "PEERMAP_FILE"
LOCK_TIMEOUT = 5.0  # seconds; a run passes $PEERMAP_LOCK_TIMEOUT, read once by peermap.run
CACHE_KEY = f"peermap {__version__} schema {SCHEMA}"


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("peermap") / "peers.toml"


def resolve_path(option: str | os.PathLike[str] | None = None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """The data file in use: `--file` wins over $PEERMAP_FILE over the platform default."""
    if option:
        return Path(option).expanduser()
    env = (os.environ if environ is None else environ).get(ENV_FILE)
    if env:
        return Path(env).expanduser()
    return default_path()


class Store:
    """One data file and the files peermap keeps beside it."""

    def __init__(self, path: str | os.PathLike[str],
                 warn: Callable[[str], None] | None = None,
                 lock_timeout: float | None = None):
        self.path = Path(path)
        # Things the user should hear about that are not errors (a failed git commit after
        # a safe write). The app passes a function that prints them; by default they are
        # kept in `warnings`.
        self.warnings: list[str] = []
        self._warn = warn if warn is not None else self.warnings.append
        self.lock_timeout = lock_timeout

    # A symlinked data file stays a link: every path below is the link's target's.
    @property
    def real(self) -> Path:
        return Path(os.path.realpath(self.path))

    @property
    def lock_path(self) -> Path:
        return self.real.with_name(f".{self.real.name}.lock")

    @property
    def side_dir(self) -> Path:
        """Backups and the parse cache, private like the file: `.peers.toml.peermap/`."""
        return self.real.with_name(f".{self.real.name}.peermap")

    @property
    def backup_dir(self) -> Path:
        return self.side_dir / "backups"

    def exists(self) -> bool:
        return self.path.exists()

    def read_bytes(self, *, private: bool = True) -> bytes | None:
        """The file's bytes, None when there is none; anything but a regular file is refused.
        A file of the user's own that others can read is made private (not with
        `private=False`: `check` only reports).

        The file is opened without blocking and checked before a byte is read, so a FIFO
        or a device planted at the path is an error instead of a hang (with the lock held).
        """
        try:
            fd = os.open(self.real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return None
        except PermissionError:
            raise DataFileError(
                f"{self.path} cannot be read (permission denied). Check its owner and mode."
            ) from None
        except OSError as e:
            raise DataFileError(f"{self.path} cannot be read: {e.strerror}.") from None
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise DataFileError(f"{self.path} is a directory, not a peermap file.")
            if not stat.S_ISREG(st.st_mode):
                raise DataFileError(
                    f"{self.path} is {kind_of(st.st_mode)}, not a regular file; peermap keeps "
                    "its data in a regular file. Move it away or point --file at another path."
                )
            if private:
                self._make_private(fd, st)
            chunks = []
            while True:
                chunk = os.read(fd, max(st.st_size + 1, 65536))
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)
        except OSError as e:
            raise DataFileError(f"{self.path} cannot be read: {e.strerror}.") from None
        finally:
            os.close(fd)

    def _make_private(self, fd: int, st: os.stat_result) -> None:
        """Put a group- or world-readable file of the user's own back to private (0644 to
        0600, keeping the owner's bits): git writes files with the umask's mode on clone,
        pull and checkout. Said once, on stderr; a file of someone else's is left alone."""
        new = private_mode(st)
        if new is None:
            return
        try:
            os.fchmod(fd, new)
        except OSError:
            return  # a read-only file system, say: nothing peermap can do here
        self._warn(f"{self.path} was readable by others (mode {stat.S_IMODE(st.st_mode):04o}, "
                   f"as git or a copy can leave it); peermap made it private again (mode "
                   f"{new:04o}).")

    # --- reading -------------------------------------------------------------------

    def load(self) -> Network:
        """The network in the file, or an empty one when there is no file yet."""
        data = self.read_bytes()
        if data is None:
            return Network()
        return self._read_doc(data)[0]

    def _read_doc(self, data: bytes, *, write_cache: bool = True) -> tuple[Network, Before]:
        """The network in `data` and its document, from the cache when it holds them. A
        miss writes the cache unless `write_cache` is False (a writer that is about to write
        it for the new bytes anyway); `Before.missed` says it was one."""
        digest = hashlib.sha256(data).hexdigest()
        cache = self.side_dir / "cache.json"
        try:
            with open(cache, encoding="utf-8") as fh:
                cached = json.load(fh)
            if cached.get("key") == CACHE_KEY and cached.get("sha256") == digest:
                doc = cached["doc"]
                canonical = cached.get("canonical") is True
                return from_trusted_doc(_detached(doc)), Before(doc, canonical)
        except Exception:  # a damaged cache is only a miss; the file decides
            pass
        net = parse(data, self.path)
        doc = _detached(to_doc(net, dates_as_text=True))
        if write_cache:
            self._write_cache(doc, digest)
        return net, Before(doc, canonical=False, missed=digest)

    def _write_cache(self, doc: dict[str, Any], digest: str, canonical: bool = False) -> None:
        """Best effort: a cache that cannot be written only costs time. `canonical` says
        the file's bytes are exactly `dump_doc` of `doc` (peermap wrote them)."""
        try:
            self._ensure_side_dir()
            body = json.dumps(
                {"key": CACHE_KEY, "sha256": digest, "canonical": canonical, "doc": doc},
                ensure_ascii=False, separators=(",", ":"), default=_iso_date,
            ).encode("utf-8")
            atomic_write(self.side_dir / "cache.json", body, 0o600)
        except OSError:
            pass

    # --- changing ------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[Callable[[], bool]]:
        """Hold the lock beside the file; yields `still_held()`.

        A lock is only as good as the file it is taken on: when someone deletes or
        replaces the lock file, a second writer takes a lock on the new file while the
        first still holds the old one. So after taking the lock, it is checked to be the
        file at the lock path (same device and inode), and taken again if not; and a
        writer checks `still_held()` once more just before it replaces the data file.
        """
        import time

        from filelock import Timeout

        self._ensure_parent()
        timeout = LOCK_TIMEOUT if self.lock_timeout is None else self.lock_timeout
        deadline = time.monotonic() + timeout
        while True:
            held: list[os.stat_result] = []
            lock = file_lock(self.lock_path, max(0.0, deadline - time.monotonic()), held)
            try:
                lock.acquire()
            except Timeout:
                raise BusyError(
                    f"{self.path} is busy: another peermap is changing it. Try again in a "
                    "moment."
                ) from None
            except OSError as e:
                if self.lock_path.is_symlink():
                    raise BusyError(
                        f"the lock file {self.lock_path} is a symbolic link, which peermap "
                        "refuses to follow; remove it and try again. Nothing was changed."
                    ) from None
                raise BusyError(
                    f"cannot lock {self.path} ({e.strerror}); nothing was changed."
                ) from None

            still_held = functools.partial(same_file, self.lock_path, held)

            if still_held():
                break
            lock.release()
            if time.monotonic() > deadline:
                raise BusyError(
                    f"{self.path} is busy: its lock file keeps being replaced. Try again in a "
                    "moment."
                )
        try:
            yield still_held
        finally:
            lock.release()

    def update(self, change: Callable[[Network], T], summary: str | Callable[[T], str]) -> T:
        """Apply `change` to the freshly read network under the lock and save the result.

        `change` raises PeermapError to abort; nothing is written then. A change that
        leaves the data as it was writes nothing (no backup, hand-written comments kept).
        `summary` names the change for the git commit message and for `undo`. When the
        lock file was replaced while the change was made, the change is made again under
        the new lock, on the file as it is then.
        """
        for _attempt in range(20):
            with self.locked() as still_held:
                self._sweep_temp_files()
                old = self.read_bytes()
                net, before = ((Network(), None) if old is None
                               else self._read_doc(old, write_cache=False))
                result = change(net)
                self._check(net)
                # The change is compared in the cache's form, which the file's is already.
                doc = to_doc(net, dates_as_text=True)
                new = None if before is not None and doc == before.doc else \
                    new_text(net, doc, old, before)
                if new is None or new == old:
                    if before is not None and before.missed:  # nothing to write: the
                        self._write_cache(before.doc, before.missed)  # cache, as load would
                    return result
                if not still_held():
                    continue
                message = summary(result) if callable(summary) else summary
                self._replace(old, new, net, doc, message)
                self._git_commit(net, message)
                return result
        raise BusyError(f"{self.path} is busy: its lock file keeps being replaced. "
                        "Try again in a moment; nothing was changed.")

    def _sweep_temp_files(self) -> None:
        """Remove temporary files a killed writer left behind (we hold the lock now).

        Cache temp files are written without the lock by readers, so only old ones go.
        """
        sweep_temp_files([(self.real.parent, f".{self.real.name}.", False),
                          (self.backup_dir, ".", False),
                          (self.side_dir / "redo", ".", False),
                          (self.side_dir / "changes", ".", False),
                          (self.side_dir, ".cache.json.", True)])

    def _check(self, net: Network) -> None:
        """The rules a later load would apply, before anything is written.

        Types are right by construction (commands build enums and dates, and the writer
        refuses anything else); `check_network` applies the rules types cannot express.
        The property tests show that what `dumps` writes, `parse` reads back equal.
        """
        from peermap.core.errors import PeermapError
        from peermap.core.model import check_network

        problems = check_network(net)
        if problems:
            raise PeermapError(f"{'; '.join(problems)}. Nothing was changed.")

    def refuse_read_only(self) -> int:
        """The data file's mode; a file the user cannot (or chose not to) write is refused.

        `os.replace` would happily swap a 0400 file for a new one, since it needs only
        the folder to be writable; a read-only file says "do not change me", so peermap
        does not. Root can write anything, so the owner's write bit is checked too.
        """
        try:
            st = os.stat(self.real)
        except FileNotFoundError:
            return 0o600
        mode = stat.S_IMODE(st.st_mode)
        owner_no_write = st.st_uid == os.geteuid() and not mode & stat.S_IWUSR
        if owner_no_write or not os.access(self.real, os.W_OK):
            from peermap.core.text import shell_quote

            raise WriteError(
                f"{self.path} is read-only (mode {mode:04o}); nothing was changed. To let "
                f"peermap change it: chmod u+w {shell_quote(str(self.real))}"
            )
        return mode

    def _replace(self, old: bytes | None, new: bytes, net: Network, doc: dict[str, Any],
                 message: str) -> None:
        self._ensure_parent()
        mode = self.refuse_read_only()
        keep = net.settings.backups
        backup = None
        if old is not None and keep > 0:
            backup = backups.keep(self, old, backups.change_name(message))
        try:
            atomic_write(self.real, new, mode)
        except BaseException as e:
            if backup is not None:  # a backup of an unchanged file would make undo a no-op
                backups.remove(backup)
            if isinstance(e, OSError):
                raise WriteError(
                    f"could not write {self.path} ({e.strerror or e}); nothing was changed."
                ) from None
            raise
        backups.prune(self.backup_dir, keep)
        backups.forget_redo(self)
        self._write_cache(doc, hashlib.sha256(new).hexdigest(), canonical=True)

    def backups(self) -> list[Path]:
        """Backups, oldest first (see peermap.storage.backups)."""
        return backups.listing(self.backup_dir)

    def undo(self, to: int | None = None) -> Undone:
        """Go back one version, or to kept version `to` (see peermap.storage.backups)."""
        return backups.undo(self, to)

    def redo(self) -> Undone:
        """Make again the change the last undo undid."""
        return backups.redo(self)

    def versions(self) -> list[Version]:
        """The kept versions, newest first."""
        return backups.versions(self)

    def redo_names(self) -> list[str | None]:
        """The changes `redo` would make again, next first."""
        return backups.redo_names(self)

    def create(self, net: Network) -> bool:
        """Write a new file; False (and nothing touched) when one exists already."""
        with self.locked() as still_held:
            if self.read_bytes() is not None:
                return False
            self._check(net)
            doc = to_doc(net)
            backups.check_held(self, still_held)
            self._replace(None, dump_doc(doc), net, doc, "peermap: init")
            self._git_commit(net, "peermap: init")
            return True

    # --- helpers -------------------------------------------------------------------

    def _ensure_parent(self) -> None:
        parent = self.real.parent
        if not parent.is_dir():
            try:
                make_private_dir(parent, parents=True)
            except InTheWay as e:
                raise WriteError(f"cannot create {parent}: {e}.") from None
            except OSError as e:
                raise WriteError(f"cannot create {parent} ({e.strerror}).") from None

    def _ensure_side_dir(self) -> None:
        backups.ensure_side_dir(self.side_dir)

    def after_write(self, net: Network, data: bytes, message: str) -> None:
        """What follows writing `data` outside a change (undo): the cache, the commit."""
        self._write_cache(to_doc(net), hashlib.sha256(data).hexdigest())
        self._git_commit(net, message)

    def _git_commit(self, net: Network, message: str) -> None:
        if not net.settings.git_commit:
            return
        from peermap.storage.git import commit

        warning = commit(self.real, message)
        if warning is not None:
            self._warn(warning)


def _detached(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` sharing no list or table with a network built from it or that built it, so a
    change made to the network in place cannot change the document it is compared with.
    (Peers' documents share nothing already: `peer_to_doc` and `from_trusted_doc` copy.)"""
    import copy

    return {k: v if k == "peers" else copy.deepcopy(v) for k, v in doc.items()}


def _iso_date(value: object) -> str:
    """Dates in the cache are text, as `from_trusted_doc` reads them."""
    from datetime import date

    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot cache a {type(value).__name__}")
