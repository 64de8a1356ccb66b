"""Safety of the data file (docs/data-file.md and docs/safety.md): bad files, modes, links, backups.

Every refusal is checked from the outside: the exit code, a one-line message that names
the file and the fix, and the file's bytes unchanged afterwards.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import stat
import tomllib
from pathlib import Path

import pytest

from peermap.storage.store import Store, dumps, parse

FIX = "peermap undo"


from conftest import error, ok  # noqa: E402


def flat(text: str) -> str:
    return " ".join(text.split())


def names(path: Path) -> list[str]:
    return [p["name"] for p in tomllib.loads(path.read_text("utf-8")).get("peers", [])]


def side(data_file: Path) -> Path:
    return data_file.parent / f".{data_file.name}.peermap"


def backups(data_file: Path) -> list[Path]:
    d = side(data_file) / "backups"
    return sorted(d.iterdir()) if d.exists() else []


def temp_files(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.name.endswith(".tmp")]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- files peermap refuses to use (docs/safety.md) -----------------------------------------

GOOD_HEAD = 'schema = 1\n\n[[peers]]\nname = "Grace"\n'

BAD_FILES = {
    "invalid-toml": (GOOD_HEAD + "tie = weak\n", ["not valid TOML", "line 5, column 7"]),
    "not-utf8": (b'schema = 1\n[[peers]]\nname = "Gr\xe9ce"\n', ["not valid UTF-8", "line 3"]),
    "bom": (b"\xef\xbb\xbf" + GOOD_HEAD.encode(), ["byte-order mark", "without BOM"]),
    "nested-arrays": ("schema = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n",
                      ["nested too deeply"]),
    "nested-tables": ("schema = 1\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
                      ["nested too deeply"]),
    "datetime": (GOOD_HEAD + "added = 2026-11-01T10:00:00\n", ["date-time", "added"]),
    "datetime-offset": (GOOD_HEAD + "[[peers.log]]\ndate = 2026-11-01T10:00:00Z\n",
                        ["date-time", "date"]),
    "time": ("schema = 1\n[[reviews]]\ndate = 10:00:00\n", ["date-time or time"]),
    "unknown-key": (GOOD_HEAD + 'nmae = "x"\n', ["unknown key 'nmae'", "peer 'Grace'"]),
    "unknown-top-key": ("peers_ = 1\n" + GOOD_HEAD, ["unknown key 'peers_'"]),
    "bad-enum": (GOOD_HEAD + 'tie = "wek"\n', ["peer 'Grace'", "tie", "strong, weak"]),
    "bad-kind": (GOOD_HEAD + '[[peers.log]]\ndate = 2026-11-01\nkind = "lunch"\n',
                 ["peer 'Grace'", "kind", "lunch"]),
    "schema-2": ("schema = 2\n", ["schema 2", "upgrade peermap"]),
    "no-schema": ('[[peers]]\nname = "Grace"\n', ["schema = 1"]),
    "empty": ("", ["schema"]),
    "duplicates": (GOOD_HEAD + '\n[[peers]]\nname = "GRACE"\n', ["appears twice"]),
    "escape-in-name": ('schema = 1\n[[peers]]\nname = "Gr\\u001b[31mace"\n', ["U+001B"]),
    "bidi-in-name": ('schema = 1\n[[peers]]\nname = "Gr\\u202eace"\n', ["U+202E"]),
    "c1-in-note": (GOOD_HEAD + 'notes = "a\\u009bb"\n', ["U+009B", "notes"]),
    "bool-for-int": ("schema = 1\n[settings]\nbackups = true\n", ["settings.backups"]),
    "focus-range": ("schema = 1\n[settings]\nfocus_min = 6\nfocus_max = 2\n", ["focus_min"]),
}

# Readers and writers of every kind: none may use or overwrite a bad file.
COMMANDS = [
    ("list", "--format", "json"), ("show", "grace"), ("add", "Zed"), ("log", "grace", "hi"),
    ("remove", "grace", "--yes"), ("config", "cadence_days", "3"), (),
]


def _write(path: Path, content: str | bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(raw)
    return raw


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_by_every_command_and_never_written(pm, data_file, case):
    content, words = BAD_FILES[case]
    raw = _write(data_file, content)
    for args in COMMANDS:
        msg = error(pm(*args))
        assert str(data_file) in msg, (args, msg)
        # A file from a newer peermap needs an upgrade, not an edit or an undo.
        assert (FIX in msg) != (case == "schema-2"), (args, msg)
        for w in words:
            assert w in msg, (args, msg)
        assert "\x1b" not in msg and "\u202e" not in msg and "\x9b" not in msg
    assert data_file.read_bytes() == raw
    assert backups(data_file) == []
    assert temp_files(data_file.parent) == []


@pytest.mark.parametrize("case", ["invalid-toml", "datetime", "schema-2", "bidi-in-name"])
def test_check_reports_a_bad_file_and_exits_1(pm, data_file, case):
    content, words = BAD_FILES[case]
    raw = _write(data_file, content)
    r = pm("check")
    assert r.exit_code == 1
    out = flat(r.stdout)
    assert out.startswith("error: ") and all(w in out for w in words)
    assert "\u202e" not in r.stdout
    assert data_file.read_bytes() == raw


def test_a_directory_in_place_of_the_file_is_a_clear_error(pm, data_file):
    data_file.mkdir(parents=True)
    assert "is a directory" in error(pm("list"))
    assert "is a directory" in error(pm("add", "Grace"))


def test_a_hand_written_file_with_just_names_works(pm, data_file):
    _write(data_file, 'schema = 1\n[[peers]]\nname = "Grace"\n[[peers]]\nname = "Bob"\n')
    assert "Bob\tunrated" in ok(pm("list", "--format", "plain")).stdout


def test_markup_and_controls_in_names_are_shown_literally(pm, data_file):
    ok(pm("add", "[red]x[/red]"))
    ok(pm("add", "[bold]"))
    ok(pm("add", "[link=http://evil]click[/link]"))
    out = ok(pm("list")).stdout
    assert "[red]x[/red]" in out and "[bold]" in out
    assert "[link=http://evil]click[/link]" in out
    assert "\x1b" not in out
    assert "[red]x[/red]" in ok(pm("show", "[red]x")).stdout


# --- modes --------------------------------------------------------------------------


def test_new_file_and_side_files_are_private_whatever_the_umask(pm, data_file):
    old = os.umask(0)
    try:
        ok(pm("add", "Grace"))
        ok(pm("add", "Bob"))
        ok(pm("list"))
    finally:
        os.umask(old)
    assert mode(data_file) == 0o600
    assert mode(data_file.parent) == 0o700
    assert mode(side(data_file)) == 0o700
    assert mode(side(data_file) / "backups") == 0o700
    assert [mode(b) for b in backups(data_file)] == [0o600]
    assert mode(side(data_file) / "cache.json") == 0o600
    assert mode(data_file.parent / ".peers.toml.lock") == 0o600


@pytest.mark.parametrize("existing", [0o600, 0o700])
def test_an_existing_mode_is_kept_after_a_write_and_an_undo(pm, data_file, existing):
    ok(pm("add", "Grace"))
    os.chmod(data_file, existing)
    ok(pm("add", "Bob"))
    assert mode(data_file) == existing
    ok(pm("undo"))
    assert mode(data_file) == existing
    assert names(data_file) == ["Grace"]


def test_a_symlinked_data_file_stays_a_link_and_its_target_changes(pm, data_file, tmp_path):
    target = tmp_path / "dotfiles" / "peers.toml"
    target.parent.mkdir()
    data_file.parent.mkdir()
    os.symlink(os.path.relpath(target, data_file.parent), data_file)
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    assert data_file.is_symlink() and os.readlink(data_file) == "../dotfiles/peers.toml"
    assert names(target) == ["Bob", "Grace"]
    assert mode(target) == 0o600
    # the lock, backups and cache live beside the target, not beside the link
    assert (target.parent / ".peers.toml.lock").exists()
    assert len(backups(target)) == 1
    assert not side(data_file).exists()
    ok(pm("undo"))
    assert data_file.is_symlink() and names(target) == ["Grace"]
    assert "link" in flat(ok(pm("check")).stdout)


def test_a_link_to_a_file_not_there_yet_gets_its_target_created(pm, data_file, tmp_path):
    target = tmp_path / "synced" / "peers.toml"
    target.parent.mkdir()
    data_file.parent.mkdir()
    os.symlink(target, data_file)
    ok(pm("add", "Grace"))
    assert data_file.is_symlink() and names(target) == ["Grace"]
    assert mode(target) == 0o600


def test_file_option_wins_over_the_environment(pm, data_file, tmp_path):
    other = tmp_path / "other.toml"
    ok(pm("--file", str(other), "add", "Grace"))
    assert names(other) == ["Grace"] and not data_file.exists()
    assert ok(pm("-f", str(other), "list", "--format", "plain")).stdout.startswith("Grace\t")


# --- backups, undo, comments ---------------------------------------------------------


def test_backups_are_kept_up_to_the_setting(pm, data_file):
    ok(pm("config", "backups", "3"))
    versions = []
    for n in range(6):
        versions.append(data_file.read_bytes())
        ok(pm("add", f"Peer {n}"))
    kept = backups(data_file)
    assert len(kept) == 3
    assert [b.read_bytes() for b in kept] == versions[-3:]
    for b in kept:
        parse(b.read_bytes(), b)


def test_no_backups_when_the_setting_is_zero(pm, data_file):
    ok(pm("config", "backups", "0"))
    before = backups(data_file)
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    assert backups(data_file) == before


def test_a_change_that_changes_nothing_writes_nothing(pm, data_file):
    ok(pm("add", "Grace", "--team", "Compilers"))
    stamp = data_file.stat().st_mtime_ns
    n = len(backups(data_file))
    ok(pm("edit", "grace", "--team", "Compilers"))
    ok(pm("config", "cadence_days", "14"))
    assert data_file.stat().st_mtime_ns == stamp
    assert len(backups(data_file)) == n


def test_comments_are_dropped_by_a_write_but_the_backup_keeps_them(pm, data_file):
    hand = _write(data_file, "# my peer map\nschema = 1\n\n[[peers]]\n"
                  "name = \"Grace\"  # met at the offsite\n")
    ok(pm("log", "grace", "coffee"))
    assert b"#" not in data_file.read_bytes()
    assert backups(data_file)[-1].read_bytes() == hand
    ok(pm("undo"))
    assert data_file.read_bytes() == hand


def test_undo_restores_the_exact_bytes_and_redo_too(pm, data_file):
    ok(pm("add", "Grace"))
    one = data_file.read_bytes()
    ok(pm("rate", "grace", "weak"))
    two = data_file.read_bytes()
    ok(pm("undo"))
    assert data_file.read_bytes() == one
    ok(pm("redo"))
    assert data_file.read_bytes() == two


def test_a_change_after_undo_can_itself_be_undone(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    ok(pm("undo"))
    ok(pm("add", "Carol"))
    assert names(data_file) == ["Carol", "Grace"]
    ok(pm("undo"))
    assert names(data_file) == ["Grace"]


# --- the bytes of the file (docs/data-file.md) ------------------------------------------------


def test_the_same_data_gives_the_same_bytes_whatever_the_order(pm, data_file, tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    steps = [
        ("add", "Grace Example", "--team", "Compilers", "--tag", "b", "--tag", "a"),
        ("add", "bob", "--affects", "shared-goals", "--affects", "helps-me"),
        ("add", "Zoë"),
        ("log", "grace", "second", "--date", "2026-11-20"),
        ("log", "grace", "first", "--date", "2026-11-10"),
        ("rate", "bob", "weak", "--date", "2026-11-15"),
        ("me", "--team", "Payments"),
    ]
    for args in steps:
        ok(pm("-f", str(a), *args))
    for args in [steps[6], steps[2], steps[1], steps[0], steps[4], steps[3], steps[5]]:
        ok(pm("-f", str(b), *args))
    assert a.read_bytes() == b.read_bytes()
    assert names(a) == ["bob", "Grace Example", "Zoë"]


def test_rewriting_a_written_file_is_byte_identical(pm, data_file):
    ok(pm("init", "--name", "Ada"))
    ok(pm("add", "Grace", "--note", 'quote " backslash \\ newline\nend', "--tie", "weak"))
    ok(pm("plan", "grace", "Ask"))
    ok(pm("log", "grace", "a\tb"))
    raw = data_file.read_bytes()
    assert dumps(parse(raw, data_file)) == raw
    assert Store(data_file).load() == parse(raw, data_file)


def test_a_hand_written_file_is_put_in_canonical_order_on_the_next_write(pm, data_file):
    _write(data_file, 'schema = 1\n[[peers]]\nname = "carol"\n[[peers]]\nname = "Alice"\n'
           '[[peers.log]]\ndate = 2026-11-20\n[[peers.log]]\ndate = 2026-11-01\n')
    ok(pm("add", "Bob"))
    assert names(data_file) == ["Alice", "Bob", "carol"]
    dates = [str(e["date"]) for e in
             tomllib.loads(data_file.read_text())["peers"][0]["log"]]
    assert dates == ["2026-11-01", "2026-11-20"]


def _changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.decode().splitlines(),
                                     after.decode().splitlines(), lineterm="", n=0))
    added = [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")]
    removed = [d[1:] for d in diff if d.startswith("-") and not d.startswith("---")]
    return added, removed


def _block_of(text: str, name: str) -> range:
    """The line numbers of one peer's block in the file."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line == "[[peers]]"] + [len(lines)]
    for a, b in zip(starts, starts[1:], strict=False):
        if f'name = "{name}"' in lines[a:b]:
            return range(a, b)
    raise AssertionError(name)


def test_a_write_touches_only_the_lines_it_must(pm, data_file):
    for n in ("Ann", "Bob", "Cy", "Dee", "Eve"):
        ok(pm("add", n, "--team", "T", "--tie", "weak", "--note", "line 1\nline 2"))
        ok(pm("log", n, "first", "--date", "2026-11-01"))
        ok(pm("plan", n, "step"))
    before = data_file.read_bytes()
    ok(pm("log", "cy", "a new entry", "--kind", "shared"))
    after = data_file.read_bytes()
    added, removed = _changed_lines(before, after)
    assert removed == []
    assert len(added) == 1 and "a new entry" in added[0]
    block = _block_of(after.decode(), "Cy")
    line_no = after.decode().splitlines().index(added[0])
    assert line_no in block
    # a setting is one line, a rating two (the tie and its history)
    ok(pm("config", "cadence_days", "10"))
    added, removed = _changed_lines(after, data_file.read_bytes())
    assert (added, removed) == (["cadence_days = 10"], ["cadence_days = 14"])
    before = data_file.read_bytes()
    ok(pm("rate", "dee", "strong"))
    added, removed = _changed_lines(before, data_file.read_bytes())
    assert removed == ['tie = "weak"'] and len(added) == 2
    assert all(i in _block_of(data_file.read_text(), "Dee")
               for i, line in enumerate(data_file.read_text().splitlines()) if line in added)


# --- failed writes -------------------------------------------------------------------


def test_a_failed_replace_leaves_the_old_file_and_no_temp_file(pm, data_file, monkeypatch):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    real_replace = os.replace

    def failing(src, dst, *a, **kw):
        if Path(dst) == data_file:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", failing)
    msg = error(pm("add", "Bob"))
    assert "nothing was changed" in msg and str(data_file) in msg
    assert "No space left" in msg
    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []
    monkeypatch.setattr(os, "replace", real_replace)
    assert names(data_file) == ["Grace"]
    assert [p["name"] for p in json.loads(ok(pm("list", "--format", "json")).stdout)] == \
        ["Grace"]


def test_a_failed_write_of_the_bytes_leaves_no_temp_file(pm, data_file, monkeypatch):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    msg = error(pm("add", "Bob"))
    assert "nothing was changed" in msg
    monkeypatch.undo()
    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []


# --- the parse cache -----------------------------------------------------------------


def test_a_hand_edit_is_seen_despite_the_cache(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("list"))
    assert (side(data_file) / "cache.json").exists()
    data_file.write_text(data_file.read_text().replace('"Grace"', '"Gracy"'))
    assert ok(pm("list", "--format", "plain")).stdout.startswith("Gracy\t")


def test_a_corrupt_cache_is_ignored_and_rebuilt(pm, data_file):
    ok(pm("add", "Grace"))
    cache = side(data_file) / "cache.json"
    for junk in ("{not json", '{"key": 1}', "\x00\xff", "", '{"key": "x", "doc": 1}'):
        cache.write_text(junk, encoding="latin-1")
        assert ok(pm("list", "--format", "plain")).stdout.startswith("Grace\t")
        ok(pm("log", "grace", "x"))
    assert json.loads(cache.read_text())["doc"]["peers"][0]["name"] == "Grace"


@pytest.mark.parametrize("junk", ["[]", "matching-hash-bad-doc"])
def test_a_cache_of_the_wrong_shape_is_ignored(pm, data_file, junk):
    import hashlib

    from peermap.storage.store import CACHE_KEY

    ok(pm("add", "Grace"))
    cache = side(data_file) / "cache.json"
    if junk != "[]":
        digest = hashlib.sha256(data_file.read_bytes()).hexdigest()
        junk = json.dumps({"key": CACHE_KEY, "sha256": digest,
                           "doc": {"schema": 1, "settings": {}, "peers": [1]}})
    cache.write_text(junk)
    assert ok(pm("list", "--format", "plain")).stdout.startswith("Grace\t")


def test_an_invalid_file_is_not_served_from_the_cache(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("list"))
    data_file.write_text(data_file.read_text() + 'bogus = 1\n')
    assert "'bogus'" in error(pm("list"))


# --- the lock ------------------------------------------------------------------------


def lock_path(data_file: Path) -> Path:
    return data_file.parent / f".{data_file.name}.lock"


def test_a_held_lock_is_a_clear_busy_error(pm, data_file, monkeypatch):
    from filelock import FileLock

    from peermap.storage import store

    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    with FileLock(str(lock_path(data_file))):
        msg = error(pm("add", "Bob"))
        assert "busy" in msg and str(data_file) in msg
        # reading needs no lock: cron's reminder and `list` work while a change runs
        assert ok(pm("list", "--format", "plain")).stdout.startswith("Grace\t")
    assert data_file.read_bytes() == before
    ok(pm("add", "Bob"))


def test_the_lock_is_beside_the_file_not_the_file_itself(pm, data_file):
    ok(pm("add", "Grace"))
    assert lock_path(data_file).exists()
    assert lock_path(data_file).stat().st_ino != data_file.stat().st_ino


def test_a_planted_symlink_lock_is_not_followed(pm, data_file, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.chmod(victim, 0o644)
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    lock_path(data_file).unlink()
    os.symlink(victim, lock_path(data_file))
    r = pm("add", "Bob")
    assert victim.read_text() == "precious" and mode(victim) == 0o644
    if r.exit_code != 0:
        error(r)
        assert data_file.read_bytes() == before


def test_the_first_write_after_a_hand_edit_writes_the_cache_once(data_file, monkeypatch):
    """The parse cache is written for the new bytes only, not also for the old ones."""
    from peermap.core.model import Network, Peer
    from peermap.storage import store as store_module

    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_text('schema = 1\n\n[[peers]]\nname = "Grace"  # by hand\n')
    written: list[str] = []
    real = store_module.atomic_write

    def spy(target, data, mode=0o600):
        written.append(Path(target).name)
        real(target, data, mode)

    monkeypatch.setattr(store_module, "atomic_write", spy)
    s = Store(data_file)
    s.update(lambda net: net.peers.append(Peer("Ada")), "add Ada")
    assert written.count("cache.json") == 1 and written[-1] == "cache.json"
    assert [p.name for p in s.load().peers] == ["Ada", "Grace"]
    written.clear()
    s.update(lambda net: None, "nothing")  # no change: no write of any kind
    assert written == []
    data_file.write_text('schema = 1\n\n[[peers]]\nname = "Bo"\n')  # by hand again
    s.update(lambda net: None, "nothing")
    assert written == ["cache.json"]  # a miss with nothing to write caches, as load does
    assert isinstance(s.load(), Network)


def test_undo_and_redo_change_nothing_when_their_lock_file_was_replaced(data_file,
                                                                       monkeypatch):
    """As a change does, undo and redo check just before writing that the lock is still
    the file at the lock path (docs/safety.md)."""
    from peermap.core.errors import BusyError
    from peermap.core.model import Peer
    from peermap.storage import backups

    s = Store(data_file)
    s.update(lambda net: net.peers.append(Peer("Ada")), "add Ada")
    s.update(lambda net: net.peers.append(Peer("Bo")), "add Bo")
    before = data_file.read_bytes()
    real = backups.listing

    def replaced_lock(folder):
        s.lock_path.unlink()
        s.lock_path.write_bytes(b"")  # another process's lock file now
        return real(folder)

    monkeypatch.setattr(backups, "listing", replaced_lock)
    with pytest.raises(BusyError, match="lock file was replaced"):
        s.undo()
    assert data_file.read_bytes() == before
    monkeypatch.setattr(backups, "listing", real)
    s.undo()
    monkeypatch.setattr(backups, "listing", replaced_lock)
    undone = data_file.read_bytes()
    with pytest.raises(BusyError, match="lock file was replaced"):
        s.redo()
    assert data_file.read_bytes() == undone
