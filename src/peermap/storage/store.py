"""Every byte of the data file: where it is, locking, loading, writing, backups, undo.

A change is one transaction: take the lock beside the file, re-read the file, apply the
change, validate the result, keep a backup of the old bytes, write a temporary file,
fsync, `os.replace`, fsync the directory. A file that fails to load is never written.
Parsed files are cached as JSON keyed by a hash of their bytes so that read-only
commands (the cron reminder above all) skip TOML parsing and validation.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from peermap import __version__
from peermap.core.errors import BusyError, DataFileError, WriteError
from peermap.core.model import SCHEMA, InvalidData, Network, from_trusted_doc, to_doc

T = TypeVar("T")
ENV_FILE = "PEERMAP_FILE"
LOCK_TIMEOUT = 5.0  # seconds; a run passes $PEERMAP_LOCK_TIMEOUT, read once by peermap.run
CACHE_KEY = f"peermap {__version__} schema {SCHEMA}"


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("peermap") / "peers.toml"


def resolve_path(option: str | os.PathLike | None = None,
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
    faster: 0.76x tomli_w's time on the benchmark's 1,000-peer network (benchmarks/
    bench.py, 2026-12-01, 2-CPU AMD EPYC VM, Python 3.11.7; see the README's table).
    tomli_w is its test oracle: a property test checks on arbitrary networks that its
    output parses to what tomli_w's does.
    """
    return _dump(to_doc(net))


def _dump(doc: dict) -> bytes:
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


def _value(v, *, multiline: bool = True) -> str:
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


def _inline(entry: dict) -> str:
    """One history or log entry on one line (a note's newlines written as \\n)."""
    return "{ " + ", ".join(f"{k} = {_value(v, multiline=False)}" for k, v in entry.items()) \
        + " }"


def parse(data: bytes, where: Path | str) -> Network:
    """Parse and validate file bytes, or raise DataFileError naming the file and the fix."""
    import tomllib

    fix = "Fix it in an editor, or run `peermap undo` to go back to the last good version."
    if data.startswith(b"\xef\xbb\xbf"):
        raise DataFileError(
            f"{where} starts with a byte-order mark. Save it as UTF-8 without BOM. {fix}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DataFileError(
            f"{where} is not valid UTF-8 (line {line}, byte {e.start}). {fix}"
        ) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(f"{where} is not valid TOML: {e}. {fix}") from None
    except RecursionError:
        raise DataFileError(f"{where} is nested too deeply to be a peermap file. {fix}") from None
    try:
        return _validate(raw)
    except InvalidData as e:
        raise DataFileError(f"{where}: {'; '.join(e.problems)}. {fix}") from None
    except RecursionError:
        raise DataFileError(f"{where} is nested too deeply to be a peermap file. {fix}") from None


def _validate(raw: dict) -> Network:
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
        try:
            return self.real.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise DataFileError(f"{self.path} is a directory, not a peermap file.") from None
        except PermissionError:
            raise DataFileError(
                f"{self.path} cannot be read (permission denied). Check its owner and mode."
            ) from None
        except OSError as e:
            raise DataFileError(f"{self.path} cannot be read: {e.strerror}.") from None

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

    def _write_cache(self, doc: dict, digest: str) -> None:
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
    def locked(self):
        from filelock import FileLock, Timeout

        self._ensure_parent()
        lock = FileLock(str(self.lock_path), mode=0o600,
                        timeout=LOCK_TIMEOUT if self.lock_timeout is None else self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise BusyError(
                f"{self.path} is busy: another peermap is changing it. Try again in a moment."
            ) from None
        except OSError as e:
            if self.lock_path.is_symlink():
                raise BusyError(
                    f"the lock file {self.lock_path} is a symbolic link, which peermap refuses "
                    "to follow; remove it and try again. Nothing was changed."
                ) from None
            raise BusyError(f"cannot lock {self.path} ({e.strerror}); nothing was changed.") \
                from None
        try:
            yield
        finally:
            lock.release()

    def update(self, change: Callable[[Network], T], summary: str | Callable[[T], str]) -> T:
        """Apply `change` to the freshly read network under the lock and save the result.

        `change` raises PeermapError to abort; nothing is written then. `summary` names
        the change for the git commit message.
        """
        with self.locked():
            self._sweep_temp_files()
            old = self.read_bytes()
            net = Network() if old is None else self._parse_cached(old)
            result = change(net)
            doc = self._checked_doc(net)
            new = _dump(doc)
            if new != old:
                message = summary(result) if callable(summary) else summary
                self._replace(old, new, net, doc)
                self._git_commit(net, message)
        return result

    def _sweep_temp_files(self) -> None:
        """Remove temporary files a killed writer left behind (we hold the lock now).

        Cache temp files are written without the lock by readers, so only old ones go.
        """
        import time

        now = time.time()
        spots = [(self.real.parent, f".{self.real.name}.", False),
                 (self.backup_dir, ".", False),
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

    def _checked_doc(self, net: Network) -> dict:
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

    def _replace(self, old: bytes | None, new: bytes, net: Network, doc: dict) -> None:
        self._ensure_parent()
        mode = 0o600
        try:
            mode = os.stat(self.real).st_mode & 0o7777
        except FileNotFoundError:
            pass
        keep = net.settings.backups
        backup = self._backup(old) if old is not None and keep > 0 else None
        try:
            _atomic_write(self.real, new, mode)
        except BaseException as e:
            if backup is not None:  # a backup of an unchanged file would make undo a no-op
                backup.unlink(missing_ok=True)
            if isinstance(e, OSError):
                raise WriteError(
                    f"could not write {self.path} ({e.strerror or e}); nothing was changed."
                ) from None
            raise
        # Keep the newest `keep` backups; with 0, none, so undo never reaches an old one.
        backups = self.backups()
        for stale in backups[:max(0, len(backups) - keep)]:
            stale.unlink(missing_ok=True)
        self._write_cache(doc, hashlib.sha256(new).hexdigest())

    def _backup(self, data: bytes) -> Path:
        try:
            self._ensure_side_dir()
            self.backup_dir.mkdir(mode=0o700, exist_ok=True)
            existing = self.backups()
            number = int(existing[-1].stem) + 1 if existing else 1
            path = self.backup_dir / f"{number:06d}.toml"
            _atomic_write(path, data, 0o600)
            return path
        except OSError as e:
            raise WriteError(
                f"could not keep a backup of {self.path} ({e.strerror or e}); nothing was changed."
            ) from None

    def backups(self) -> list[Path]:
        """Backups, oldest first."""
        try:
            files = [p for p in self.backup_dir.iterdir()
                     if p.suffix == ".toml" and p.stem.isdigit()]
        except OSError:
            return []
        return sorted(files, key=lambda p: int(p.stem))

    def undo(self) -> Path:
        """Swap the file with its newest backup: undo, and undo again to redo."""
        with self.locked():
            backups = self.backups()
            if not backups:
                raise DataFileError(f"nothing to undo: there is no backup of {self.path}.")
            newest = backups[-1]
            previous = newest.read_bytes()
            try:
                net = parse(previous, newest)  # never restore something unreadable
            except DataFileError:
                raise DataFileError(
                    f"the newest backup ({newest}) is not a valid peermap file, so undo "
                    f"would restore a broken file; nothing was changed."
                ) from None
            current = self.read_bytes()
            mode = os.stat(self.real).st_mode & 0o7777 if current is not None else 0o600
            try:
                if current is not None:
                    _atomic_write(newest, current, 0o600)
                _atomic_write(self.real, previous, mode)
            except OSError as e:
                raise WriteError(
                    f"could not write {self.path} ({e.strerror or e}); nothing was changed."
                ) from None
            self._write_cache(to_doc(net), hashlib.sha256(previous).hexdigest())
            self._git_commit(net, "peermap: undo")
        return newest

    def create(self, net: Network) -> bool:
        """Write a new file; False (and nothing touched) when one exists already."""
        with self.locked():
            if self.read_bytes() is not None:
                return False
            doc = self._checked_doc(net)
            self._replace(None, _dump(doc), net, doc)
            self._git_commit(net, "peermap: init")
            return True

    # --- helpers -------------------------------------------------------------------

    def _ensure_parent(self) -> None:
        parent = self.real.parent
        if not parent.exists():
            try:
                parent.mkdir(mode=0o700, parents=True)
            except OSError as e:
                raise WriteError(f"cannot create {parent} ({e.strerror}).") from None

    def _ensure_side_dir(self) -> None:
        if not self.side_dir.is_dir():
            self.side_dir.mkdir(mode=0o700, exist_ok=True)
            # Backups and the cache never belong in the user's git repository.
            (self.side_dir / ".gitignore").write_text("*\n", encoding="utf-8")

    def _git_commit(self, net: Network, message: str) -> None:
        if not net.settings.git_commit:
            return
        from peermap.storage.git import commit

        warning = commit(self.real, message)
        if warning is not None:
            self._warn(warning)


def _iso_date(value):
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
