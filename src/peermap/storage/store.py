"""Every byte of the data file: where it is, locking, loading, writing, backups, undo.

A change is one transaction: take the lock beside the file, re-read the file, apply the
change, validate the result, keep a backup of the old bytes, write a temporary file,
fsync, `os.replace`, fsync the directory. A file that fails to load is never written.
Parsed files are cached as JSON keyed by a hash of their bytes so that read-only
commands (the cron reminder above all) skip TOML parsing and validation.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from peermap import __version__
from peermap.core.errors import BusyError, DataFileError, WriteError
from peermap.core.model import SCHEMA, InvalidData, Network, from_trusted_doc, to_doc

if TYPE_CHECKING:
    from filelock import BaseFileLock

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


def dumps(net: Network) -> bytes:
    """The file's bytes for a network: deterministic, so the same data is the same bytes.

    A writer made for schema 1 rather than tomli_w: each tie change and log entry is one
    inline table on one line, whatever its length, so a new entry is a one-line diff,
    and keys and peers come in a fixed order, so git merges stay clean. It is also
    faster: 0.78x tomli_w's time on the benchmark's 1,000-peer network (benchmarks/
    bench.py --quick, 2026-12-01 02:25 UTC, 2-CPU AMD EPYC VM; see the README's table).
    tomli_w is its test oracle: a property test checks on arbitrary networks that its
    output parses to what tomli_w's does.
    """
    return _dump(to_doc(net))


def _dump(doc: dict[str, Any]) -> bytes:
    out: list[str] = [f"schema = {_value(doc['schema'])}\n"]
    for table in ("me", "settings", "walkthrough"):
        if table in doc:
            out.append(f"\n[{table}]\n")
            out.extend(f"{k} = {_value(v)}\n" for k, v in doc[table].items())
    for peer in doc.get("peers", ()):
        out.append("\n[[peers]]\n")
        nxt = None
        for k, v in peer.items():
            if k == "next":
                nxt = v
            elif k in ("ties", "log", "replaced"):
                out.append(f"{k} = [\n")
                out.extend(f"    {_inline(entry)},\n" for entry in v)
                out.append("]\n")
            else:
                out.append(f"{k} = {_value(v)}\n")
        if nxt is not None:
            out.append("\n[peers.next]\n")
            out.extend(f"{k} = {_value(v)}\n" for k, v in nxt.items())
    for review in doc.get("reviews", ()):
        out.append("\n[[reviews]]\n")
        out.extend(f"{k} = {_value(v)}\n" for k, v in review.items())
    for away in doc.get("away", ()):
        out.append("\n[[away]]\n")
        out.extend(f"{k} = {_value(v)}\n" for k, v in away.items())
    return "".join(out).encode("utf-8")


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n",
            "\f": "\\f", "\r": "\\r", "\x7f": "\\u007F"}
_ESCAPES.update({chr(c): f"\\u{c:04X}" for c in range(0x20) if chr(c) not in _ESCAPES})
_ONE_LINE = str.maketrans(_ESCAPES)
# In a multi-line string, newlines and tabs stay as they are (notes read naturally).
_MULTI_LINE = str.maketrans({k: v for k, v in _ESCAPES.items() if k not in "\n\t"})


def _string(text: str, *, multiline: bool = True) -> str:
    """A TOML basic string; text with newlines becomes a multi-line string.

    Every quote is escaped, so a multi-line string never ends in four quotes.
    """
    if multiline and "\n" in text:
        return '"""\n' + text.translate(_MULTI_LINE) + '"""'
    return '"' + text.translate(_ONE_LINE) + '"'


def _value(v: object, *, multiline: bool = True) -> str:
    from datetime import date

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return _string(v, multiline=multiline)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"peermap cannot write a {type(v).__name__} to the data file")


def _inline(entry: dict[str, Any]) -> str:
    """One history or log entry on one line (a note's newlines written as \\n)."""
    return "{ " + ", ".join(f"{k} = {_value(v, multiline=False)}" for k, v in entry.items()) \
        + " }"


def parse(data: bytes, where: Path | str) -> Network:
    """Parse and validate file bytes, or raise DataFileError naming the file and the fix."""
    import tomllib

    if data.startswith(b"\xef\xbb\xbf"):
        raise DataFileError(
            f"{where} starts with a byte-order mark. Save it as UTF-8 without BOM. {_fix(1)}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DataFileError(
            f"{where} is not valid UTF-8 (line {line}, byte {e.start}). {_fix(line)}"
        ) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        import re

        m = re.search(r"line (\d+)", str(e))
        raise DataFileError(f"{where} is not valid TOML: {e}. "
                            f"{_fix(int(m.group(1)) if m else None)}") from None
    except RecursionError:
        raise DataFileError(f"{where} is nested too deeply to be a peermap file. {_fix(None)}") \
            from None
    except ValueError:  # an integer of thousands of digits (Python's int-to-text limit)
        at_line = _long_number_line(text)
        raise DataFileError(f"{where} holds a number far too large"
                            f"{f' (line {at_line})' if at_line else ''}; peermap's numbers are "
                            f"at most 10000. {_fix(at_line)}") from None
    try:
        return _validate(raw)
    except InvalidData as e:
        found = _locate(text, e.problems[0])
        at = f" (line {found})" if found else ""
        problems = [e.problems[0] + at, *e.problems[1:]]
        if "newer than this peermap" in e.problems[0]:  # nothing to fix in the file
            raise DataFileError(f"{where}: {e.problems[0]}.") from None
        raise DataFileError(f"{where}: {'; '.join(problems)}. {_fix(found)}") from None
    except RecursionError:
        raise DataFileError(f"{where} is nested too deeply to be a peermap file. {_fix(None)}") \
            from None


def _long_number_line(text: str) -> int | None:
    import re

    m = re.search(r"\d{100,}", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _fix(line: int | None) -> str:
    """How to repair a file that does not load. A hand edit is fixed where it went wrong:
    `undo` would also throw away every other edit made since peermap last wrote it."""
    where = f"line {line}" if line else "it"
    return (f"Fix {where} in an editor and run the command again (`peermap undo` would go "
            "back to the version before peermap's last change, dropping that change and "
            "your edits since).")


def _locate(text: str, problem: str) -> int | None:
    """The line a validation problem most likely points at, found in the file's text.

    Problems name a peer (`peer 'Grace'`) and a field (`field log.#2.kind`, `unknown key
    'tiee'`) or a setting (`settings.cadence_days`); the line is the field's line inside
    that peer's table, or the peer's `name` line.
    """
    import ast
    import re

    lines = text.splitlines()
    start, stop = 0, len(lines)
    peer = re.search(r"peer ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", problem)
    if peer:
        try:
            name = ast.literal_eval(peer.group(1))
        except (ValueError, SyntaxError):
            name = None
        found = None
        for i, line in enumerate(lines):
            m = re.match(r"\s*name\s*=\s*(.+?)\s*(#.*)?$", line)
            if m and name is not None and _toml_text(m.group(1)) == name:
                found = i
                break
        if found is None:
            return None
        start = found
        while start > 0 and not lines[start].lstrip().startswith("[[peers]]"):
            start -= 1
        stop = next((j for j in range(found + 1, len(lines))
                     if lines[j].lstrip().startswith("[[")), len(lines))
    key = re.search(r"unknown key '([^']+)'|field (?:[\w.#]*\.)?(\w+)|settings\.(\w+)", problem)
    if key:
        k = next(g for g in key.groups() if g)
        pattern = re.compile(rf"(^|[{{,]\s*)\s*{re.escape(k)}\s*=")
        for j in range(start, stop):
            if pattern.search(lines[j]):
                return j + 1
    return start + 1 if peer else None


def _toml_text(value: str) -> str | None:
    import tomllib

    try:
        v = tomllib.loads(f"v = {value}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return v if isinstance(v, str) else None


def _validate(raw: dict[str, Any]) -> Network:
    from peermap.core.model import validate_document

    return validate_document(raw)


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

    def read_bytes(self) -> bytes | None:
        """The file's bytes, None when there is none; anything but a regular file is refused.

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
                    f"{self.path} is {_kind_of(st.st_mode)}, not a regular file; peermap keeps "
                    "its data in a regular file. Move it away or point --file at another path."
                )
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

    # --- reading -------------------------------------------------------------------

    def load(self) -> Network:
        """The network in the file, or an empty one when there is no file yet."""
        data = self.read_bytes()
        if data is None:
            return Network()
        return self._parse_cached(data)

    def _parse_cached(self, data: bytes) -> Network:
        digest = hashlib.sha256(data).hexdigest()
        cache = self.side_dir / "cache.json"
        try:
            with open(cache, encoding="utf-8") as fh:
                cached = json.load(fh)
            if cached.get("key") == CACHE_KEY and cached.get("sha256") == digest:
                return from_trusted_doc(cached["doc"])
        except Exception:  # a damaged cache is only a miss; the file decides
            pass
        net = parse(data, self.path)
        self._write_cache(to_doc(net), digest)
        return net

    def _write_cache(self, doc: dict[str, Any], digest: str) -> None:
        """Best effort: a cache that cannot be written only costs time."""
        try:
            self._ensure_side_dir()
            body = json.dumps(
                {"key": CACHE_KEY, "sha256": digest, "doc": doc},
                ensure_ascii=False, separators=(",", ":"), default=_iso_date,
            ).encode("utf-8")
            _atomic_write(self.side_dir / "cache.json", body, 0o600)
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
            lock = _file_lock(self.lock_path, max(0.0, deadline - time.monotonic()), held)
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

            still_held = functools.partial(_same_file, self.lock_path, held)

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
                net = Network() if old is None else self._parse_cached(old)
                before = to_doc(net) if old is not None else None
                result = change(net)
                doc = self._checked_doc(net)
                if doc == before:
                    return result
                new = _dump(doc)
                if new == old:
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
        import time

        now = time.time()
        spots = [(self.real.parent, f".{self.real.name}.", False),
                 (self.backup_dir, ".", False),
                 (self.side_dir / "changes", ".", False),
                 (self.side_dir, ".cache.json.", True)]
        for folder, prefix, shared in spots:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for n in names:
                if not (n.startswith(prefix) and n.endswith(".tmp")):
                    continue
                try:
                    if shared and _writer_alive(n) and now - os.lstat(folder / n).st_mtime < 300:
                        continue
                    os.unlink(folder / n)
                except OSError:
                    pass

    def _checked_doc(self, net: Network) -> dict[str, Any]:
        """The document to write, after the rules a later load would apply.

        Types are right by construction (commands build enums and dates, and the writer
        refuses anything else); `check_network` applies the rules types cannot express.
        The property tests show that what `dumps` writes, `parse` reads back equal.
        """
        from peermap.core.errors import PeermapError
        from peermap.core.model import check_network

        problems = check_network(net)
        if problems:
            raise PeermapError(f"{'; '.join(problems)}. Nothing was changed.")
        return to_doc(net)

    def _refuse_read_only(self) -> int:
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
        mode = self._refuse_read_only()
        keep = net.settings.backups
        backup = self._backup(old, _change_name(message)) if old is not None and keep > 0 \
            else None
        try:
            _atomic_write(self.real, new, mode)
        except BaseException as e:
            if backup is not None:  # a backup of an unchanged file would make undo a no-op
                _remove_backup(backup)
            if isinstance(e, OSError):
                raise WriteError(
                    f"could not write {self.path} ({e.strerror or e}); nothing was changed."
                ) from None
            raise
        # Keep the newest `keep` backups; with 0, none, so undo never reaches an old one.
        backups = self.backups()
        for stale in backups[:max(0, len(backups) - keep)]:
            _remove_backup(stale)
        self._write_cache(doc, hashlib.sha256(new).hexdigest())

    def _backup(self, data: bytes, change: str | None) -> Path:
        """Keep `data` as a new, numbered backup; `change` names what comes after it."""
        try:
            self._ensure_side_dir()
            _make_private_dir(self.backup_dir, self.path)
            path = self.backup_dir / f"{self._next_number():06d}.toml"
            _atomic_write(path, data, 0o600)
            if change:
                try:
                    _make_private_dir(_why_path(path).parent, self.path)
                    _atomic_write(_why_path(path), change.encode("utf-8"), 0o600)
                except OSError:
                    pass  # only the wording of a later undo depends on it
            return path
        except _InTheWay as e:
            raise WriteError(f"could not keep a backup of {self.path}: {e}. Nothing was "
                             "changed.") from None
        except OSError as e:
            raise WriteError(
                f"could not keep a backup of {self.path} in {self.backup_dir} "
                f"({e.strerror or e}); nothing was changed."
            ) from None

    def _next_number(self) -> int:
        """One more than any backup-like name, files or not, so no name is ever reused."""
        try:
            names = os.listdir(self.backup_dir)
        except OSError:
            return 1
        numbers = [int(n[:-5]) for n in names if n.endswith(".toml") and n[:-5].isdigit()]
        return max(numbers, default=0) + 1

    def backups(self) -> list[Path]:
        """Backups, oldest first: regular files named like `000012.toml` (a stray folder
        or link with such a name is not one)."""
        try:
            names = os.listdir(self.backup_dir)
        except OSError:
            return []
        files = []
        for n in names:
            if not (n.endswith(".toml") and n[:-5].isdigit()):
                continue
            try:
                if stat.S_ISREG(os.lstat(self.backup_dir / n).st_mode):
                    files.append(self.backup_dir / n)
            except OSError:
                continue
        return sorted(files, key=lambda p: int(p.stem))

    def undo(self) -> Undone:
        """Go back to the newest backup that differs from the file; undo again to redo.

        Nothing is overwritten or deleted before the data file is replaced: the current
        version is first kept as a new backup (so a second undo redoes), then the data
        file is replaced, and only then are the restored backup and any copies of the
        old current version removed. A crash at any point leaves every version on disk.
        """
        with self.locked():
            current = self.read_bytes()
            candidates = [b for b in reversed(self.backups()) if _read_backup(b) != current]
            if not candidates:
                raise DataFileError(
                    f"nothing to undo: there is no backup of {self.path} that differs from it."
                )
            chosen = candidates[0]
            previous = _read_backup(chosen)
            if previous is None:
                raise DataFileError(f"cannot read the backup {chosen}; nothing was changed.")
            try:
                net = parse(previous, chosen)  # never restore something unreadable
            except DataFileError:
                raise DataFileError(
                    f"the newest backup ({chosen}) is not a valid peermap file, so undo "
                    f"would restore a broken file; nothing was changed."
                ) from None
            change = _read_why(chosen)
            redo = change is not None and change.startswith(_UNDO)
            what = change[len(_UNDO):] if change is not None and redo else change
            mode = self._refuse_read_only()
            kept = None
            if current is not None:
                # The version being left: the backup a second undo (a redo) goes back to.
                kept = self._backup(current, what if redo else _UNDO + (what or ""))
            try:
                _atomic_write(self.real, previous, mode)
            except OSError as e:
                if kept is not None:
                    _remove_backup(kept)
                raise WriteError(
                    f"could not write {self.path} ({e.strerror or e}); nothing was changed."
                ) from None
            # Only now may backups go: the restored one (it is the file now) and any
            # that only repeat the version just left (a crash between backup and write).
            for b in self.backups():
                if b != kept and (b == chosen or _read_backup(b) == current):
                    _remove_backup(b)
            self._write_cache(to_doc(net), hashlib.sha256(previous).hexdigest())
            self._git_commit(net, "peermap: undo")
        return Undone(chosen, what or None, redo, kept)

    def create(self, net: Network) -> bool:
        """Write a new file; False (and nothing touched) when one exists already."""
        with self.locked():
            if self.read_bytes() is not None:
                return False
            doc = self._checked_doc(net)
            self._replace(None, _dump(doc), net, doc, "peermap: init")
            self._git_commit(net, "peermap: init")
            return True

    # --- helpers -------------------------------------------------------------------

    def _ensure_parent(self) -> None:
        parent = self.real.parent
        if not parent.is_dir():
            try:
                _make_private_dir(parent, self.path, parents=True)
            except _InTheWay as e:
                raise WriteError(f"cannot create {parent}: {e}.") from None
            except OSError as e:
                raise WriteError(f"cannot create {parent} ({e.strerror}).") from None

    def _ensure_side_dir(self) -> None:
        if not self.side_dir.is_dir():
            _make_private_dir(self.side_dir, self.path)
            # Backups and the cache never belong in the user's git repository.
            _atomic_write(self.side_dir / ".gitignore", b"*\n", 0o600)

    def _git_commit(self, net: Network, message: str) -> None:
        if not net.settings.git_commit:
            return
        from peermap.storage.git import commit

        warning = commit(self.real, message)
        if warning is not None:
            self._warn(warning)


_UNDO = "undo: "


@dataclass(frozen=True)
class Undone:
    """What `undo` did: the backup it restored and the change that backup came before."""

    backup: Path
    change: str | None  # e.g. "log Grace Hopper (chat)"; None for an unnamed change
    redo: bool  # True when this undo put back a change an earlier undo had undone
    kept: Path | None  # where the version just left is kept


def _change_name(message: str) -> str:
    """A commit message as a change's name: "peermap: log X (chat)" -> "log X (chat)"."""
    return message.removeprefix("peermap: ").strip()


def _why_path(backup: Path) -> Path:
    """Where the name of the change that followed a backup is kept: `changes/000012.txt`
    beside `backups/` (the backups folder holds nothing but backups)."""
    return backup.parent.parent / "changes" / f"{backup.stem}.txt"


def _read_backup(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _read_why(path: Path) -> str | None:
    try:
        text = _why_path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def _remove_backup(path: Path) -> None:
    """Best effort: a backup that cannot be removed costs only space."""
    for p in (path, _why_path(path)):
        try:
            p.unlink()
        except OSError:
            pass


class _InTheWay(OSError):
    """Something other than a folder sits where peermap keeps one."""


def _make_private_dir(path: Path, data_path: Path, *, parents: bool = False) -> None:
    """Create `path` (and, with `parents`, missing folders above it) as 0700, whatever
    the umask; an existing folder is left as it is. Something else in the way is an
    error that names it."""
    missing: list[Path] = []
    p = path
    while not p.is_dir():
        if os.path.lexists(p):
            raise _InTheWay(f"{p} is in the way: it is {_what_is(p)}, where peermap needs a "
                            f"folder; move it away and try again")
        missing.append(p)
        if not parents or p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            if d.is_dir():
                continue  # another peermap made it a moment ago
            raise _InTheWay(f"{d} is in the way: it is {_what_is(d)}, where peermap needs "
                            f"a folder; move it away and try again") from None
        os.chmod(d, 0o700)  # the umask may have taken bits away (or, at 000, added none)


def _what_is(path: Path) -> str:
    try:
        st = os.lstat(path)
    except OSError:
        return "something peermap cannot look at"
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link to a missing place" if not path.exists() else \
            "a symbolic link to something that is not a folder"
    return _kind_of(st.st_mode)


def _kind_of(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _same_file(path: Path, held: list[os.stat_result]) -> bool:
    """Whether the lock file locked (`held[0]`) is still the one at `path`."""
    if not held:  # a lock without a descriptor to compare (filelock's soft fallback)
        return True
    try:
        now = os.lstat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (held[0].st_dev, held[0].st_ino)


def _file_lock(path: Path, timeout: float, held: list[os.stat_result]) -> BaseFileLock:
    """A FileLock that records the identity of the file it locked in `held`."""
    from filelock import FileLock

    def acquired(fd: int) -> None:
        held.append(os.fstat(fd))

    try:
        return FileLock(str(path), timeout=timeout, mode=0o600, on_acquired=acquired)
    except TypeError:  # a filelock without `on_acquired`: no identity check possible
        return FileLock(str(path), timeout=timeout, mode=0o600)


def _iso_date(value: object) -> str:
    """Dates in the cache are text, as `from_trusted_doc` reads them."""
    from datetime import date

    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _writer_alive(temp_name: str) -> bool:
    """Whether the process that named a temp file `.x.PID.rand.tmp` still runs."""
    parts = temp_name.split(".")
    pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else 0
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def atomic_write(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write-then-rename for any file peermap creates (exports use it too)."""
    _atomic_write(target, data, mode)


def _atomic_write(target: Path, data: bytes, mode: int) -> None:
    """Write-then-rename in the target's directory; a crash leaves old or new, never half."""
    import tempfile

    # The writer's pid in the name lets a later write tell a crashed writer's leftovers
    # from a live reader's cache file in progress.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
