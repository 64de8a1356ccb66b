"""git's side of keeping the file on several machines: the merge driver's files and the
git configuration that calls it (`peermap merge-driver`, `peermap git-setup`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from peermap.core.errors import DataFileError, PeermapError
from peermap.core.model import MergeConflict, Network, check_network
from peermap.core.text import shell_quote
from peermap.core.threeway import merge_networks
from peermap.storage import crypt
from peermap.storage.atomic import add_line, atomic_write, private_mode, replace_keeping_mode
from peermap.storage.backups import check_held
from peermap.storage.codec import dumps, parse

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
        replace_keeping_mode(Path(path), data)
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
    sealed = any(crypt.is_encrypted(raw) for raw in data.values())
    ident = crypt.load_identity() if sealed else None  # read once for the three and the result
    if sealed:  # git-setup --encrypt: git hands the driver the stored, encrypted versions
        data = {label: crypt.decrypt(raw, f"the {label} version", ident) for label, raw in
                data.items()}
    nets: dict[str, Network] = {}
    broken: dict[str, str] = {}
    for label, raw in data.items():
        try:
            nets[label] = (Network() if label == "base" and not raw.strip() else
                           parse(raw, f"the {label} version"))
        except DataFileError as e:
            broken[label] = _problem(e)
    if broken:
        return _text_merge(data, ours, "; ".join(broken.values()),
                           sides_ok=set(broken) == {"base"}, sealed=sealed)
    result = merge_networks(nets["base"], nets["ours"], nets["theirs"])
    problems = check_network(result.network)
    if problems:
        return _text_merge(data, ours, "; ".join(problems), sides_ok=True, sealed=sealed)
    out = dumps(result.network)
    parse(out, "the merged version")  # what is written must load
    _write(ours, crypt.encrypt(out, crypt.repo_root(crypt.cwd()), ident) if sealed else out)
    return DriverOutcome(result.conflicts)


def _problem(e: DataFileError) -> str:
    """What is wrong with a version, without the repair advice meant for a data file."""
    return e.message.split(" Fix ", 1)[0].rstrip(".")


def _text_merge(data: dict[str, bytes], ours: Path, why: str, *,
                sides_ok: bool, sealed: bool) -> DriverOutcome:
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
    _write(ours, crypt.encrypt(done.stdout, crypt.repo_root(crypt.cwd())) if sealed
           else done.stdout)
    unsure = ""
    if done.returncode != 0:
        unsure = "git's line merge left conflict markers (<<<<<<<) in it"
    else:
        try:
            parse(done.stdout, "the merged version")
        except DataFileError as e:
            unsure = f"the merged text does not load ({_problem(e)})"
        else:
            if not sides_ok:
                unsure = "a side did not load, so check that nothing of it was lost"
    return DriverOutcome([], why, unsure)


# --- git-setup -----------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    from peermap.storage.git import run_git

    try:
        return run_git(cwd, *args)
    except FileNotFoundError:
        raise PeermapError("git is not installed (or not on PATH).") from None


def driver_command() -> str:
    """The command git runs: this same installation of peermap, whatever PATH holds."""
    return f"{shell_quote(sys.executable)} -m peermap merge-driver %O %A %B"


def _pattern(rel: str) -> str:
    """A .gitattributes pattern for exactly this path.

    Glob characters are escaped for git's pattern matcher first (`\\[` matches a
    literal `[`); a pattern that then holds a space, a quote or an unprintable
    character is written C-quoted as gitattributes reads it, which doubles those
    backslashes (the earlier single-escaped quoting was refused by git).
    """
    pattern = "/" + "".join("\\" + c if c in "*?[\\" else c for c in rel)
    if any(c in pattern for c in ' "') or not pattern.isprintable():
        pattern = '"' + "".join(_c_quoted(c) for c in pattern) + '"'
    return pattern


def _legacy_pattern(rel: str) -> str:
    """The pattern earlier versions wrote for names that need quoting, which git refused
    (glob escapes inside C quotes); replaced when git-setup runs again."""
    pattern = "/" + rel
    if any(c in pattern for c in ' \t"\\*?[') or not pattern.isprintable():
        escaped = pattern.replace("\\", "\\\\").replace('"', '\\"')
        for ch in "*?[":
            escaped = escaped.replace(ch, "\\" + ch)
        pattern = f'"{escaped}"'
    return pattern


def _c_quoted(c: str) -> str:
    if c in '"\\':
        return "\\" + c
    if c.isprintable():
        return c
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    return named.get(c) or "".join(f"\\{b:03o}" for b in c.encode("utf-8"))


@dataclass
class Setup:
    root: Path
    attributes: Path
    line: str
    added_line: bool
    command: str
    ignore: Path | None = None  # the .gitignore that now names the lock file, if changed
    hooks: Path | None = None  # the hooks folder
    chained: list[str] = field(default_factory=list)  # existing hooks that now run first
    private: bool = False  # the data file was readable by others and is 0600 now
    key: Path | None = None  # with --encrypt: this machine's identity file
    new_key: bool = False
    renormalized: bool = False  # the tracked file was staged again, encrypted


HOOKS = ("post-merge", "post-checkout", "post-rewrite")
_MARK = "# peermap git-setup: put mode 600 back on the data file after git writes it"
_CHAINED = ".before-peermap"
_FILE_MARK = "# peermap keeps this file private: "


def git_setup(data_file: Path, *, encrypt: bool = False) -> Setup:
    """Write the .gitattributes line, this clone's git config for the merge driver, and
    the hooks that keep the file private (docs/sync.md)."""
    real = Path(os.path.realpath(data_file))
    root, rel = _work_tree(real)
    pattern = _pattern(rel)
    line = f"{pattern} merge={DRIVER}"
    if encrypt:
        line += f" filter={crypt.FILTER} diff={crypt.FILTER}"
        _check_key(real, rel)
    attributes = root / ".gitattributes"
    old, line, added = _add_attribute_line(attributes, pattern, rel, line, encrypt)
    _check_attributes(root, rel, attributes, old, added, encrypt)
    new_key = _configure_filter(root, attributes, old, added) if encrypt else False
    ignored = _ignore_lock(root, real)
    command = _configure_driver(root)
    hooks, chained = _install_hooks(root, rel)
    private = _make_private(real)
    setup = Setup(root, attributes, line, added, command, ignored, hooks, chained, private)
    if encrypt:
        _finish_encryption(setup, real, root, rel, new_key)
    return setup


def _work_tree(real: Path) -> tuple[Path, str]:
    """The git work tree holding the data file, and the file's path within it."""
    where = real.parent
    if not where.is_dir():
        raise PeermapError(f"{where} does not exist; create the data file first "
                           "(`peermap init`).")
    top = _git(where, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise PeermapError(f"{where} is not in a git work tree; run `git init` there first "
                           "(and set `peermap config git_commit true`).")
    root = Path(top.stdout.strip())
    return root, real.relative_to(Path(os.path.realpath(root))).as_posix()


def _check_key(real: Path, rel: str) -> None:
    """A clone of an encrypted history needs the key that sealed it: fail early without."""
    from peermap.storage.store import Store

    data = Store(real).read_bytes(private=False)  # a FIFO there is an error, not a hang
    if data is not None and crypt.is_encrypted(data):
        crypt.decrypt(data, rel)


def _add_attribute_line(attributes: Path, pattern: str, rel: str, line: str,
                        encrypt: bool) -> tuple[str, str, bool]:
    """Put the line for this file in .gitattributes: (old text, the line, whether added)."""
    try:
        old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot read {attributes} ({e}).") from None
    if not encrypt:  # a line that also encrypts (git-setup --encrypt) stays as it is
        line = next((ln for ln in old.splitlines() if ln.split(" ", 1)[0] == pattern
                     and f" merge={DRIVER}" in ln), line)
    added = line not in old.splitlines()
    if added:  # the line for this file, replaced when it is there with other attributes
        legacy = f"{_legacy_pattern(rel)} merge={DRIVER}"  # one git never matched
        kept = [ln for ln in old.splitlines() if ln != legacy and (
            ln.split(" ", 1)[0] != pattern or not ln.endswith(f" merge={DRIVER}")
            or encrypt is False)]
        text = "".join(f"{ln}\n" for ln in kept) + line + "\n"
        _write_text(attributes, text)
    return old, line, added


def _check_attributes(root: Path, rel: str, attributes: Path, old: str, added: bool,
                      encrypt: bool) -> None:
    """Ask git whether the line applies; take it back when it does not."""
    if _attribute(root, rel, "merge") != DRIVER or (
            encrypt and _attribute(root, rel, "filter") != crypt.FILTER):
        if added:
            _write_text(attributes, old)  # take the line back: it does not work
        raise PeermapError(f"git does not apply the merge driver to {rel!r} "
                           "(`git check-attr merge` says so; another .gitattributes line may "
                           "override it, or git cannot match this name); rename the file or "
                           "fix .gitattributes. Nothing was set up.")


def _configure_filter(root: Path, attributes: Path, old: str, added: bool) -> bool:
    """The key and the encryption filter's git config; whether the key is new."""
    try:
        new_key = crypt.make_identity()[1]
        for key, value in _filter_config().items():
            done = _git(root, "config", "--local", key, value)
            if done.returncode != 0:
                raise PeermapError(f"git config failed: {done.stderr.strip()}.")
    except PeermapError:
        if added:  # without its filter the line would let git store the file in clear
            _write_text(attributes, old)
        raise
    return new_key


def _configure_driver(root: Path) -> str:
    """The merge driver's git config; its command."""
    command = driver_command()
    for key, value in (("name", "peermap semantic merge of the peer map"),
                       ("driver", command)):
        done = _git(root, "config", "--local", f"merge.{DRIVER}.{key}", value)
        if done.returncode != 0:
            raise PeermapError(f"git config failed: {done.stderr.strip() or done.returncode}.")
    return command


def _finish_encryption(setup: Setup, real: Path, root: Path, rel: str, new_key: bool) -> None:
    """Decrypt a checked-out sealed file and let git store the tracked one through the filter."""
    from peermap.storage.store import Store

    setup.key, setup.new_key = crypt.key_path(), new_key
    store = Store(real)
    with store.locked() as still_held:  # the data file changes only under its lock
        data = store.read_bytes(private=False) or b""
        if crypt.is_encrypted(data):  # a clone checked out before this setup
            plain = crypt.decrypt(data, rel)
            check_held(store, still_held)
            store.refuse_read_only()
            crypt.write_private(real, plain)
    tracked = _git(root, "ls-files", "--error-unmatch", "--", rel).returncode == 0
    if tracked and _git(root, "add", "--renormalize", "--", rel).returncode == 0:
        staged = _git(root, "diff", "--cached", "--quiet", "--", rel)
        setup.renormalized = staged.returncode == 1


def _filter_config() -> dict[str, str]:
    from peermap.storage.crypt import FILTER

    me = f"{shell_quote(sys.executable)} -m peermap filter"
    return {f"filter.{FILTER}.clean": f"{me} clean %f",
            f"filter.{FILTER}.smudge": f"{me} smudge %f",
            f"filter.{FILTER}.required": "true",
            f"diff.{FILTER}.textconv": f"{me} textconv"}


def _write_text(path: Path, text: str) -> None:
    try:
        replace_keeping_mode(path, text.encode("utf-8"))
    except OSError as e:
        raise PeermapError(f"cannot write {path} ({e.strerror or e}); nothing was changed.") \
            from None


def _attribute(root: Path, rel: str, name: str) -> str:
    """What git itself says the attribute `name` of the path is ("" when unset)."""
    done = _git(root, "check-attr", "-z", name, "--", rel)
    parts = done.stdout.split("\0")
    return parts[2] if done.returncode == 0 and len(parts) >= 3 else ""


def _hook_text(name: str, paths: list[str]) -> str:
    lines = ["#!/bin/sh", _MARK, "# (docs/sync.md). A hook that was here before runs first, "
             "unchanged.", "status=0",
             f'before="$(dirname "$0")/{name}{_CHAINED}"',
             'if [ -x "$before" ]; then "$before" "$@" || status=$?; fi',
             'cd "$(git rev-parse --show-toplevel)" 2>/dev/null || exit "$status"']
    for p in paths:
        lines += [f"{_FILE_MARK}{json.dumps(p)}",
                  f"[ -f {shell_quote(p)} ] && chmod 600 -- {shell_quote(p)}"]
    lines += ['exit "$status"', ""]
    return "\n".join(lines)


def _install_hooks(root: Path, rel: str) -> tuple[Path, list[str]]:
    """post-merge, post-checkout and post-rewrite hooks that chmod the file back to 600
    (git writes files 0644); a hook that is there already is kept and runs first."""
    done = _git(root, "rev-parse", "--git-path", "hooks")
    if done.returncode != 0:
        raise PeermapError(f"cannot find the git hooks folder ({done.stderr.strip()}).")
    hooks = root / done.stdout.strip()
    chained = []
    try:
        hooks.mkdir(parents=True, exist_ok=True)
        for name in HOOKS:
            hook = hooks / name
            old = hook.read_text(encoding="utf-8", errors="replace") if hook.exists() else ""
            paths = [rel]
            if _MARK in old:
                paths = [*_hooked_paths(old), rel] if rel not in _hooked_paths(old) \
                    else _hooked_paths(old)
            elif hook.exists() or hook.is_symlink():
                kept = hooks / f"{name}{_CHAINED}"
                if kept.exists() or kept.is_symlink():
                    raise PeermapError(f"{hook} and {kept} both exist; merge them by hand, "
                                       "then run `peermap git-setup` again.")
                os.rename(hook, kept)
                chained.append(name)
            atomic_write(hook, _hook_text(name, paths).encode("utf-8"), 0o755)
    except OSError as e:
        raise PeermapError(f"cannot install the git hooks in {hooks} ({e.strerror or e}).") \
            from None
    return hooks, chained


def _hooked_paths(text: str) -> list[str]:
    return [json.loads(line[len(_FILE_MARK):]) for line in text.splitlines()
            if line.startswith(_FILE_MARK)]


def _make_private(real: Path) -> bool:
    """The same rule as every read of the file (storage.atomic.private_mode)."""

    try:
        new = private_mode(os.stat(real))
        if new is not None:
            os.chmod(real, new)
            return True
    except OSError:
        pass
    return False


def _ignore_lock(root: Path, real: Path) -> Path | None:
    """Name the lock file in the repository's .gitignore (it is peermap's, never data);
    the .gitignore when a line was added, None when it was there already."""
    lock = real.with_name(f".{real.name}.lock")
    rel = lock.relative_to(Path(os.path.realpath(root))).as_posix()
    line = "/" + "".join("\\" + c if c in "*?[\\ " else c for c in rel)
    ignore = root / ".gitignore"
    try:
        added = add_line(ignore, line)
    except (OSError, UnicodeDecodeError) as e:
        raise PeermapError(f"cannot update {ignore} ({e}); nothing else was changed.") \
            from None
    return ignore if added else None
