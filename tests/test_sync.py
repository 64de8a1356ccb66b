"""Duplicates (`add` refuses near-duplicates, `merge`) and git on several machines
(`merge-driver`, `git-setup`): pure merges, the commands, and real `git merge` runs."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings

from conftest import error, subprocess_env
from factories import networks
from peermap.core.model import (
    Kind,
    LogEntry,
    MergeConflict,
    Network,
    NextStep,
    Peer,
    Tie,
    TieChange,
)
from peermap.core.threeway import merge_networks
from peermap.storage.store import dumps, parse

D = date(2026, 11, 20)


def net_with(*peers: Peer) -> Network:
    return Network(peers=list(peers))


# --- add and merge --------------------------------------------------------------------


@pytest.mark.parametrize(("have", "new"), [("José Núñez", "Jose Nunez"),
                                           ("Lena Fischer", "Lena Fisher")])
def test_add_refuses_a_near_duplicate_naming_it(cli, data_file, have, new):
    cli("add", have)
    before = data_file.read_bytes()
    r = cli("add", new, "--team", "Payments")
    assert r.exit_code == 1
    assert f"{new!r} looks like {have!r}" in r.stderr and "--force" in r.stderr
    assert data_file.read_bytes() == before
    r = cli("add", new, "--force")
    assert r.exit_code == 0, r.stderr
    assert {p["name"] for p in __import__("json").loads(cli("list", "--format", "json")
                                                        .stdout)} == {have, new}


def test_add_a_different_name_needs_no_force(cli):
    cli("add", "Grace Example")
    assert cli("add", "Bob Stone").exit_code == 0


def test_merge_folds_history_log_tags_notes_and_next_step(cli, data_file):
    import json

    cli("add", "José Núñez", "--team", "Payments", "--tag", "rollout", "--tie", "weak")
    cli("add", "Jose Nunez", "--force", "--team", "Billing", "--tag", "sql",
        "--note", "Knows the ledger.")
    cli("rate", "Jose Nunez", "strong", "--date", "2026-11-21")
    cli("log", "José Núñez", "coffee", "--date", "2026-11-10")
    cli("log", "Jose Nunez", "sent the doc", "--kind", "shared", "--date", "2026-11-12")
    cli("plan", "Jose Nunez", "Ask about the ledger", "--due", "2026-12-01")
    r = cli("merge", "José Núñez", "Jose Nunez")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Merged Jose Nunez into José Núñez: brought over 1 tag, "
                               "1 tie rating, 1 log entry; took its next step and notes.")
    assert "Jose Nunez's differing team is kept in the notes of José Núñez." in r.stdout
    peers = json.loads(cli("list", "--format", "json").stdout)
    assert [p["name"] for p in peers] == ["José Núñez"]
    p = peers[0]
    assert p["team"] == "Payments" and p["tie"] == "weak"
    assert p["tags"] == ["rollout", "sql"]
    assert [e["note"] for e in p["log"]] == ["coffee", "sent the doc"]
    assert [(t["date"], t["tie"]) for t in p["ties"]] == [("2026-11-21", "strong"),
                                                          ("2026-11-22", "weak")]
    assert p["next"] == {"step": "Ask about the ledger", "due": "2026-12-01"}
    assert p["notes"] == "From Jose Nunez (merged):\nteam: Billing\nKnows the ledger."


def test_merge_refuses_one_peer_twice_and_unknown_peers(cli, data_file):
    cli("add", "Grace Example")
    before = data_file.read_bytes()
    r = cli("merge", "grace", "Grace Example")
    assert r.exit_code == 1 and "are the same peer" in r.stderr
    r = cli("merge", "grace", "nobody")
    assert r.exit_code == 1 and "no peer called 'nobody'" in r.stderr
    assert data_file.read_bytes() == before


# --- the three-way merge, pure ------------------------------------------------------------


def test_each_side_keeps_its_change_and_logs_unite():
    base = net_with(Peer("Grace", team="Compilers", log=[LogEntry(D, note="a")]))
    ours = net_with(Peer("Grace", team="Compilers", role="Staff",
                         log=[LogEntry(D, note="a"), LogEntry(date(2026, 11, 21), note="b")]))
    theirs = net_with(Peer("Grace", team="Runtime",
                           log=[LogEntry(D, note="a"), LogEntry(date(2026, 11, 22), note="c")]))
    r = merge_networks(base, ours, theirs)
    assert r.clean
    g = r.network.peers[0]
    assert (g.team, g.role) == ("Runtime", "Staff")
    assert [e.note for e in g.log] == ["a", "b", "c"]


def test_removals_survive_and_a_peer_added_on_one_side_arrives():
    base = net_with(Peer("Grace", tags=["x", "y"]), Peer("Bob"))
    ours = net_with(Peer("Grace", tags=["x"]), Peer("Bob"))
    theirs = net_with(Peer("Grace", tags=["x", "y", "z"]), Peer("Ann"))
    r = merge_networks(base, ours, theirs)
    assert r.clean
    assert [p.name for p in r.network.peers] == ["Ann", "Grace"]
    assert r.network.peers[1].tags == ["x", "z"]


def test_the_later_rating_wins_without_a_conflict():
    base = net_with(Peer("Grace"))
    ours = net_with(Peer("Grace", tie=Tie.WEAK, ties=[TieChange(D, Tie.WEAK)]))
    theirs = net_with(Peer("Grace", tie=Tie.STRONG,
                           ties=[TieChange(date(2026, 11, 25), Tie.STRONG)]))
    r = merge_networks(base, ours, theirs)
    assert r.clean
    g = r.network.peers[0]
    assert g.tie == Tie.STRONG and [t.tie for t in g.ties] == [Tie.WEAK, Tie.STRONG]


def test_a_real_conflict_keeps_ours_and_both_values_in_the_conflicts_table():
    base = net_with(Peer("Grace", notes="Met at the offsite.", next=NextStep("Ask", D)))
    ours = net_with(Peer("Grace", notes="Met at the offsite.",
                         next=NextStep("Share the doc", D)))
    theirs = net_with(Peer("Grace", notes="Met at the offsite.",
                           next=NextStep("Invite to the demo", D)))
    r = merge_networks(base, ours, theirs)
    assert r.conflicts == [MergeConflict(peer="Grace", field="next",
                                         ours={"step": "Share the doc", "due": "2026-11-20"},
                                         theirs={"step": "Invite to the demo",
                                                 "due": "2026-11-20"})]
    g = r.network.peers[0]
    assert g.next == NextStep("Share the doc", D)
    assert g.notes == "Met at the offsite."  # the user's notes are never touched
    assert r.network.conflicts == r.conflicts
    assert parse(dumps(r.network), "merged") == r.network  # still a valid file


def test_removed_on_one_side_changed_on_the_other_is_kept_naming_the_side_that_removed():
    base = net_with(Peer("Grace"))
    r = merge_networks(base, net_with(), net_with(Peer("Grace", role="Staff")))
    assert r.conflicts == [MergeConflict(peer="Grace", removed="ours")]
    assert r.network.peers[0].role == "Staff" and r.network.peers[0].notes == ""
    r = merge_networks(base, net_with(Peer("Grace", role="Staff")), net_with())
    assert r.conflicts == [MergeConflict(peer="Grace", removed="theirs")]


# --- real git: two branches, `git merge` calls the driver ----------------------------------


def git_env(tmp_path: Path) -> dict[str, str]:
    return {"GIT_CONFIG_GLOBAL": str(tmp_path / "no-global-gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CEILING_DIRECTORIES": str(tmp_path),
            "HOME": str(tmp_path), "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}


class GitDir:
    """A git work tree holding peers.toml (`dir`, `file`, `env`), driven by real git and
    real peermap processes; the git and clone tests build on it."""

    dir: Path
    env: dict[str, str]

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.dir, env=self.env, capture_output=True,
                              text=True, check=check, stdin=subprocess.DEVNULL, timeout=120)

    def pm(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        r = subprocess.run([sys.executable, "-m", "peermap", *args], cwd=self.dir,
                           env=self.env, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        assert r.returncode == code, r.stdout + r.stderr
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr
        return r


class Repo(GitDir):
    """A git work tree holding peers.toml with git_commit on."""

    def __init__(self, tmp_path: Path):
        self.dir = tmp_path / "repo"
        self.dir.mkdir()
        self.file = self.dir / "peers.toml"
        self.env = subprocess_env(self.file, **git_env(tmp_path))
        self.git("init", "-q", "-b", "main")

    def peer(self, name: str) -> dict:
        import json

        return next(p for p in json.loads(self.pm("list", "--format", "json").stdout)
                    if p["name"] == name)


@pytest.fixture
def repo(tmp_path) -> Repo:
    r = Repo(tmp_path)
    r.pm("init", "--name", "Ada")
    r.pm("config", "git_commit", "true")  # commits the file: each change is a commit now
    r.pm("add", "Grace Example", "--team", "Compilers")
    r.pm("add", "Bob Stone")
    setup = r.pm("git-setup")
    assert "Added `/peers.toml merge=peermap` in" in setup.stdout
    assert r.git("log", "--format=%s").stdout.splitlines()[0] == "peermap: add Bob Stone"
    assert r.git("config", "merge.peermap.driver").stdout.strip().endswith(
        "-m peermap merge-driver %O %A %B")
    assert "/.peers.toml.lock" in (r.dir / ".gitignore").read_text().splitlines()
    r.git("add", ".gitattributes", ".gitignore")
    r.git("commit", "-qm", "merge driver")
    assert r.git("status", "--porcelain").stdout == ""  # the lock file stays out of git
    return r


@pytest.mark.slow
def test_git_merge_of_two_branches_is_clean_and_keeps_both_sides(repo):
    repo.git("checkout", "-qb", "laptop")
    repo.pm("log", "Grace Example", "coffee on the laptop", "--date", "2026-11-20")
    repo.git("checkout", "-q", "main")
    repo.pm("rate", "Grace Example", "weak", "--date", "2026-11-21")
    repo.pm("log", "Bob Stone", "lunch at work", "--kind", "met", "--date", "2026-11-21")
    merged = repo.git("merge", "--no-edit", "laptop", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert repo.git("status", "--porcelain", "--untracked-files=no").stdout == ""
    grace = repo.peer("Grace Example")
    assert grace["tie"] == "weak"
    assert [e["note"] for e in grace["log"]] == ["coffee on the laptop"]
    assert [e["note"] for e in repo.peer("Bob Stone")["log"]] == ["lunch at work"]
    assert "<<<<<<<" not in repo.file.read_text()
    assert repo.pm("check").returncode == 0


@pytest.mark.slow
def test_git_merge_with_one_field_edited_on_both_sides_keeps_both_values_apart(repo):
    repo.pm("edit", "Grace Example", "--note", "Knows the JIT.")
    repo.git("checkout", "-qb", "laptop")
    repo.pm("log", "Grace Example", "coffee", "--date", "2026-11-20")
    repo.pm("edit", "Grace Example", "--team", "Runtime")
    repo.git("checkout", "-q", "main")
    repo.pm("rate", "Grace Example", "weak", "--date", "2026-11-21")
    repo.pm("log", "Grace Example", "design review", "--kind", "feedback-asked",
            "--date", "2026-11-21")
    repo.pm("edit", "Grace Example", "--team", "Compiler Infra")
    merged = repo.git("merge", "--no-edit", "laptop", check=False)
    assert merged.returncode == 1
    out = merged.stdout + merged.stderr
    assert ("peermap: conflict in peer 'Grace Example', team: ours 'Compiler Infra', "
            "theirs 'Runtime'; the file has ours for now.") in out
    assert "`peermap conflicts take ours|theirs N`" in out
    assert "CONFLICT (content): Merge conflict in peers.toml" in out
    grace = repo.peer("Grace Example")  # the conflicted file still loads
    assert grace["team"] == "Compiler Infra" and grace["tie"] == "weak"
    assert [e["note"] for e in grace["log"]] == ["coffee", "design review"]
    assert grace["notes"] == "Knows the JIT."
    listed = repo.pm("conflicts").stdout
    assert "1. peer 'Grace Example', team: ours 'Compiler Infra', theirs 'Runtime'" in listed
    # Settle it the way the driver says: take a side, add, commit. The notes survive.
    before = repo.file.read_text()
    settled = repo.pm("conflicts", "take", "theirs", "1")
    assert "Took theirs for peer 'Grace Example', team: Runtime." in settled.stdout
    after = repo.file.read_text()
    assert [ln for ln in after.splitlines() if ln not in before.splitlines()] == \
        ['team = "Runtime"']
    repo.git("add", "peers.toml")
    repo.git("commit", "-qm", "merged", "--no-edit")
    grace = repo.peer("Grace Example")
    assert grace["team"] == "Runtime" and grace["notes"] == "Knows the JIT."
    assert repo.pm("conflicts").stdout == "No merge conflicts.\n"


def test_merge_driver_falls_back_to_a_line_merge_for_a_broken_version(cli, tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    good = dumps(net_with(Peer("Grace")))
    base.write_bytes(good)
    ours.write_bytes(good + b"[oops\n")
    theirs.write_bytes(good)
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 1  # git must not commit a file peermap cannot load
    assert "is not a valid peermap file" in r.stderr and "line merge" in r.stderr
    assert "the merged text does not load" in r.stderr
    assert ours.read_bytes() == good + b"[oops\n"


def test_merge_driver_with_an_empty_base_merges_two_new_files(cli, tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_bytes(b"")
    ours.write_bytes(dumps(net_with(Peer("Grace", log=[LogEntry(D, note="a")]))))
    theirs.write_bytes(dumps(net_with(Peer("Bob"))))
    os.chmod(ours, 0o600)
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in parse(ours.read_bytes(), "x").peers] == ["Bob", "Grace"]
    assert ours.stat().st_mode & 0o777 == 0o600


def test_git_setup_outside_a_repository_says_so(cli, tmp_path, data_file, monkeypatch):
    for k, v in git_env(tmp_path).items():
        monkeypatch.setenv(k, v)
    cli("init")
    r = cli("git-setup")
    assert r.exit_code == 1 and "is not in a git work tree" in r.stderr


def test_similar_names_word_by_word():
    from peermap.core.duplicates import similar

    assert similar("Jose Nunez", "José Núñez")
    assert similar("Lena Fisher", "Lena Fischer")
    assert similar("Jon Smith", "John Smith")
    assert similar("Grace E.", "Grace Example")
    assert not similar("Greg Example", "Grace Example")
    assert not similar("Mark Jones", "Mary Jones")


# --- properties of the three-way merge ----------------------------------------------------

def canonical(net: Network) -> bytes:
    return dumps(net)


@settings(max_examples=60, deadline=None)
@given(networks(), networks())
def test_a_side_that_changed_nothing_takes_the_other_side_whole(base, other):
    assert canonical(merge_networks(base, base, other).network) == canonical(other)
    assert canonical(merge_networks(base, other, base).network) == canonical(other)


@settings(max_examples=60, deadline=None)
@given(networks(), networks())
def test_the_same_change_on_both_sides_merges_cleanly_to_it(base, both):
    r = merge_networks(base, both, both)
    assert r.clean and canonical(r.network) == canonical(both)


# --- the merge driver never drops a side (docs/sync.md) -----------------------------------


def three(tmp_path: Path, cli, setup) -> tuple[Path, Path, Path]:
    """base, ours, theirs: `setup(path)` runs on base, then each side is changed by hand."""
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    cli("-f", str(base), "init")
    setup(base)
    ours.write_bytes(base.read_bytes())
    theirs.write_bytes(base.read_bytes())
    return base, ours, theirs


def test_settings_and_profile_conflicts_keep_both_sides_and_settle_one_at_a_time(cli,
                                                                                 tmp_path):
    base, ours, theirs = three(tmp_path, cli, lambda p: None)
    cli("-f", str(ours), "config", "cadence_days", "10")
    cli("-f", str(theirs), "config", "cadence_days", "20")
    cli("-f", str(ours), "me", "--name", "Ada")
    cli("-f", str(theirs), "me", "--name", "Ada Lovelace")
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 1
    assert ("peermap: conflict in settings.cadence_days: ours '10', theirs '20'; the file "
            "has ours for now.") in r.stderr
    assert "our value is kept and both are in the notes" not in r.stderr
    text = ours.read_text()
    assert "Lovelace" in text and "= 20" in text  # their side is in the file
    rows = __import__("json").loads(cli("-f", str(ours), "conflicts", "--format", "json").stdout)
    assert rows == [
        {"n": 1, "peer": None, "field": "me.name", "removed": None, "ours": "Ada",
         "theirs": "Ada Lovelace", "text": "me.name: ours 'Ada', theirs 'Ada Lovelace'"},
        {"n": 2, "peer": None, "field": "settings.cadence_days", "removed": None, "ours": 10,
         "theirs": 20, "text": "settings.cadence_days: ours '10', theirs '20'"}]
    r = cli("-f", str(ours), "conflicts", "take", "theirs", "2")
    assert r.exit_code == 0 and r.stdout == "Took theirs for settings.cadence_days: 20.\n"
    r = cli("-f", str(ours), "conflicts", "take", "ours", "1")
    assert r.stdout == "Took ours for me.name: Ada.\n"
    net = parse(ours.read_bytes(), "x")
    assert (net.settings.cadence_days, net.me.name, net.conflicts) == (20, "Ada", [])
    assert "[[conflicts]]" not in ours.read_text()


def test_conflicts_take_refuses_a_number_it_does_not_list(cli, tmp_path, data_file):
    cli("init")
    before = data_file.read_bytes()
    line = error(cli("conflicts", "take", "ours", "1"))
    assert line == "peermap: there are no merge conflicts to settle."
    assert data_file.read_bytes() == before
    assert cli("conflicts").stdout == "No merge conflicts.\n"


def test_a_peer_removed_on_one_side_says_which_side_and_keeps_the_changed_peer(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli,
                               lambda p: (cli("-f", str(p), "add", "Grace Example"),
                                          cli("-f", str(p), "add", "Bob Stone")))
    cli("-f", str(ours), "remove", "Grace Example", "--yes")
    cli("-f", str(theirs), "edit", "Grace Example", "--team", "Runtime")
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 1
    assert ("peermap: conflict in peer 'Grace Example': removed on ours, changed on theirs "
            "(the changed peer is kept; take ours to remove it).") in r.stderr
    assert "our value is kept" not in r.stderr
    net = parse(ours.read_bytes(), "x")
    assert net.find("Grace Example").team == "Runtime"
    r = cli("-f", str(ours), "conflicts")
    assert ("1. peer 'Grace Example': removed on ours, changed on theirs (the changed peer is "
            "kept; take ours to remove it)") in r.stdout
    assert cli("-f", str(ours), "conflicts", "take", "ours", "1").stdout == \
        "Removed peer 'Grace Example' (removed on ours).\n"
    net = parse(ours.read_bytes(), "x")
    assert [p.name for p in net.peers] == ["Bob Stone"] and net.conflicts == []


def test_the_same_loop_closed_on_both_sides_on_different_days_is_one_loop(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, lambda p: (
        cli("-f", str(p), "add", "Kim"),
        cli("-f", str(p), "log", "Kim", "rep", "-k", "asked", "--date", "2026-11-01")))
    cli("-f", str(ours), "--today", "2026-12-02", "close", "Kim")
    cli("-f", str(theirs), "--today", "2026-12-01", "close", "Kim")
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 0, r.stderr
    log = parse(ours.read_bytes(), "x").find("Kim").log
    assert [(e.kind, e.note, e.closed) for e in log] == [(Kind.ASKED, "rep", date(2026, 12, 1))]


def test_peer_conflicts_never_touch_the_notes_and_both_notes_are_kept(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, lambda p: cli("-f", str(p), "add", "Grace",
                                                            "--note", "Old."))
    cli("-f", str(ours), "edit", "Grace", "--note", "Ours.")
    cli("-f", str(theirs), "edit", "Grace", "--note", "Theirs.")
    assert cli("merge-driver", str(base), str(ours), str(theirs)).exit_code == 1
    net = parse(ours.read_bytes(), "x")
    assert net.find("Grace").notes == "Ours."
    assert [(c.field, c.ours, c.theirs) for c in net.conflicts] == [("notes", "Ours.",
                                                                     "Theirs.")]
    cli("-f", str(ours), "conflicts", "take", "theirs", "1")
    assert parse(ours.read_bytes(), "x").find("Grace").notes == "Theirs."


def test_check_and_the_dashboard_say_conflicts_are_waiting(cli, tmp_path, data_file):
    base, ours, theirs = three(tmp_path, cli, lambda p: None)
    cli("-f", str(ours), "config", "focus_max", "6")
    cli("-f", str(theirs), "config", "focus_max", "7")
    cli("merge-driver", str(base), str(ours), str(theirs))
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_bytes(ours.read_bytes())
    r = cli("check")
    assert ("warning: 1 merge conflict waits to be settled; `peermap conflicts` lists it."
            in r.stdout)
    assert "1 merge conflict waits to be settled: peermap conflicts" in cli().stdout


@pytest.mark.slow
def test_a_hand_typed_key_on_one_branch_makes_git_merge_stop_not_commit(repo):
    repo.git("checkout", "-qb", "laptop")
    text = repo.file.read_text().replace('team = "Compilers"', 'tem = "Infra"')
    repo.file.write_text(text)
    repo.git("commit", "-qam", "hand edit")
    repo.git("checkout", "-q", "main")
    repo.pm("log", "Bob Stone", "lunch", "--date", "2026-11-21")
    merged = repo.git("merge", "--no-edit", "laptop", check=False)
    assert merged.returncode != 0  # git stops: nothing broken is committed
    assert "is not a valid peermap file" in merged.stdout + merged.stderr
    assert repo.git("log", "-1", "--format=%s").stdout.strip() == "peermap: log Bob Stone (chat)"


def test_a_truncated_side_is_never_a_clean_merge(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, lambda p: (cli("-f", str(p), "add", "Ann"),
                                                         cli("-f", str(p), "add", "Bob")))
    data = theirs.read_bytes()
    theirs.write_bytes(data[: data.index(b'name = "Bob"')] + b'name = "Bo')
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 1
    assert "line merge" in r.stderr


def test_a_full_disk_is_one_clear_line_and_leaves_our_version(cli, tmp_path, monkeypatch):
    import errno

    from peermap.storage import atomic

    base, ours, theirs = three(tmp_path, cli, lambda p: None)
    cli("-f", str(theirs), "add", "Grace")
    before = ours.read_bytes()

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "atomic_write", full)  # every atomic replace, the merge's too
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert error(r) == (f"peermap: cannot write the merged version to {ours} (No space left "
                        "on device); nothing was changed.")
    assert ours.read_bytes() == before


# --- git-setup: patterns for every legal name, hooks that keep the file private ------------


@pytest.mark.parametrize("name", ["peers[work].toml", "my peers.toml", "a*b?.toml",
                                  "back\\slash.toml", 'quo"te [x].toml', "Grüße.toml",
                                  "tab\there.toml"])
def test_git_setup_pattern_is_one_git_applies_to_the_file(tmp_path, name):
    r = Repo(tmp_path)
    r.file = r.dir / name
    r.env["PEERMAP_FILE"] = str(r.file)
    r.pm("init")
    out = r.pm("git-setup").stdout
    attr = r.git("check-attr", "-z", "merge", "--", name).stdout.split("\0")
    assert attr[2] == "peermap", attr
    assert "git check-attr confirms it applies to the file" in out
    (r.dir / "other.toml").write_text("x")  # and nothing else
    assert r.git("check-attr", "merge", "--", "other.toml").stdout.endswith(": unspecified\n")
    lock = r.git("check-ignore", "-q", "--", f".{name}.lock", check=False)
    assert lock.returncode == 0  # the lock file stays out of git too


def test_git_setup_says_so_when_git_would_not_use_the_driver(tmp_path):
    r = Repo(tmp_path)
    r.pm("init")
    (r.dir / ".gitattributes").write_text("/peers.toml merge=peermap\n*.toml -merge\n")
    before = (r.dir / ".gitattributes").read_text()
    res = r.pm("git-setup", code=1)
    assert res.stderr.startswith("peermap: git does not apply the merge driver to "
                                 "'peers.toml'")
    assert "Nothing was set up." in res.stderr and res.stdout == ""
    assert (r.dir / ".gitattributes").read_text() == before
    assert r.git("config", "merge.peermap.driver", check=False).returncode == 1


def umask_git(r: Repo, *args: str, where: Path | None = None) -> None:
    """git as a user with the common umask 022 runs it (files it writes are 0644)."""
    import shlex

    cmd = "umask 022; git " + " ".join(shlex.quote(a) for a in args)
    subprocess.run(["sh", "-c", cmd], cwd=where or r.dir, env=r.env, check=True,
                   capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.slow
def test_after_clone_pull_and_checkout_the_file_is_private_again(repo, tmp_path):
    other = tmp_path / "laptop"
    umask_git(repo, "clone", "-q", str(repo.dir), str(other))
    laptop = Repo.__new__(Repo)
    laptop.dir, laptop.file = other, other / "peers.toml"
    laptop.env = subprocess_env(laptop.file, **git_env(tmp_path))
    assert mode(laptop.file) == 0o644  # what git makes of it
    hook = other / ".git" / "hooks" / "post-merge"
    hook.write_text("#!/bin/sh\necho \"$@\" >> mine.log\nexit 3\n")
    hook.chmod(0o755)
    out = laptop.pm("git-setup").stdout
    assert "Your existing post-merge hook is kept as post-merge.before-peermap" in out
    assert mode(laptop.file) == 0o600
    repo.pm("log", "Grace Example", "coffee", "--date", "2026-11-20")
    umask_git(laptop, "pull", "-q", "--no-rebase", "origin", "main")
    assert [e["note"] for e in laptop.peer("Grace Example")["log"]] == ["coffee"]
    assert mode(laptop.file) == 0o600  # the post-merge hook put it back
    assert (other / "mine.log").read_text() == "0\n"  # the user's hook ran too
    umask_git(laptop, "checkout", "-q", "HEAD~1", "--", "peers.toml")
    umask_git(laptop, "checkout", "-q", "-b", "old", "HEAD~1")
    assert mode(laptop.file) == 0o600  # post-checkout
    assert "peermap" in (other / ".git" / "hooks" / "post-checkout").read_text()


def test_taking_a_side_gives_the_value_its_own_type():
    from peermap.core.threeway import settle

    base = net_with(Peer("Grace", next=NextStep("Ask", D)))
    ours = net_with(Peer("Grace", tie=Tie.WEAK, next=NextStep("Share the doc", D)))
    theirs = net_with(Peer("Grace", tie=Tie.STRONG,
                           next=NextStep("Invite to the demo", date(2026, 12, 1))))
    net = merge_networks(base, ours, theirs).network
    assert [(c.field, c.theirs) for c in net.conflicts] == [
        ("next", {"step": "Invite to the demo", "due": "2026-12-01"}), ("tie", "strong")]
    settle(net, 1, "theirs")
    assert net.peers[0].next == NextStep("Invite to the demo", date(2026, 12, 1))
    settle(net, 1, "theirs")
    assert net.peers[0].tie is Tie.STRONG and net.conflicts == []
    assert parse(dumps(net), "x") == net


@pytest.mark.slow
def test_git_merge_closes_a_loop_closed_on_both_branches_once_and_keeps_both_settings(repo):
    repo.pm("log", "Bob Stone", "the report", "-k", "asked", "--date", "2026-11-01")
    repo.git("checkout", "-qb", "laptop")
    repo.pm("--today", "2026-12-02", "close", "Bob Stone")
    repo.pm("config", "cadence_days", "20")
    repo.git("checkout", "-q", "main")
    repo.pm("--today", "2026-12-01", "close", "Bob Stone")
    repo.pm("config", "cadence_days", "10")
    merged = repo.git("merge", "--no-edit", "laptop", check=False)
    assert merged.returncode == 1
    assert "conflict in settings.cadence_days: ours '10', theirs '20'" in merged.stderr
    log = repo.peer("Bob Stone")["log"]
    assert [(e["note"], e.get("closed")) for e in log] == [("the report", "2026-12-01")]
    repo.pm("conflicts", "take", "theirs", "1")
    repo.git("commit", "-qam", "merged")
    assert "cadence_days = 20" in repo.file.read_text()
    assert repo.pm("check").returncode == 0


def test_a_broken_base_and_a_broken_side_is_never_a_clean_merge(cli, tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    broken = dumps(net_with(Peer("Grace"))) + b"[oops\n"
    base.write_bytes(broken)
    theirs.write_bytes(broken)  # unchanged from base, and broken
    ours.write_bytes(dumps(net_with(Peer("Grace"), Peer("Bob"))))  # loads
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 1, r.stderr
    assert "a side did not load, so check that nothing of it was lost" in r.stderr


def test_git_setup_replaces_the_quoted_pattern_git_never_matched(tmp_path):
    r = Repo(tmp_path)
    r.file = r.dir / "peers[work].toml"
    r.env["PEERMAP_FILE"] = str(r.file)
    r.pm("init")
    (r.dir / ".gitattributes").write_text('*.png binary\n"/peers\\[work].toml" merge=peermap\n')
    r.pm("git-setup")
    assert (r.dir / ".gitattributes").read_text() == ("*.png binary\n"
                                                      "/peers\\[work].toml merge=peermap\n")
    assert r.git("check-attr", "merge", "--", "peers[work].toml").stdout.endswith(": peermap\n")


@pytest.mark.slow
def test_a_clone_without_git_setup_recovers_by_abort_setup_and_merge_again(tmp_path):
    r = Repo(tmp_path)
    r.pm("init")
    r.pm("config", "git_commit", "true")
    r.pm("add", "Grace Example")
    r.git("checkout", "-qb", "laptop")
    r.pm("log", "Grace Example", "coffee", "--date", "2026-11-20")
    r.git("checkout", "-q", "main")
    r.pm("log", "Grace Example", "lunch", "--date", "2026-11-21")
    assert r.git("merge", "--no-edit", "laptop", check=False).returncode == 1
    assert "<<<<<<<" in r.file.read_text()  # git's line merge, without the driver
    r.git("merge", "--abort")
    out = r.pm("git-setup").stdout
    assert "without it git merges the file line by line, and conflict markers" in out
    merged = r.git("merge", "--no-edit", "laptop", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert [e["note"] for e in r.peer("Grace Example")["log"]] == ["coffee", "lunch"]
