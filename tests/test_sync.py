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

from conftest import subprocess_env
from factories import networks
from peermap.core.model import LogEntry, Network, NextStep, Peer, Tie, TieChange
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


def test_a_real_conflict_keeps_ours_and_marks_the_notes():
    base = net_with(Peer("Grace", next=NextStep("Ask", D)))
    ours = net_with(Peer("Grace", next=NextStep("Share the doc", D)))
    theirs = net_with(Peer("Grace", next=NextStep("Invite to the demo", D)))
    r = merge_networks(base, ours, theirs)
    assert [c.where for c in r.conflicts] == ["peer 'Grace', next"]
    g = r.network.peers[0]
    assert g.next == NextStep("Share the doc", D)
    assert g.notes == ("<<<<<<< ours (next, peermap merge)\nShare the doc (due 2026-11-20)\n"
                       "=======\nInvite to the demo (due 2026-11-20)\n>>>>>>> theirs")
    assert parse(dumps(r.network), "merged") == r.network  # still a valid file


def test_removed_on_one_side_changed_on_the_other_is_kept_with_a_conflict():
    base = net_with(Peer("Grace"))
    ours = net_with()
    theirs = net_with(Peer("Grace", role="Staff"))
    r = merge_networks(base, ours, theirs)
    assert len(r.conflicts) == 1
    assert r.network.peers[0].role == "Staff" and "<<<<<<<" in r.network.peers[0].notes


# --- real git: two branches, `git merge` calls the driver ----------------------------------


def git_env(tmp_path: Path) -> dict[str, str]:
    return {"GIT_CONFIG_GLOBAL": str(tmp_path / "no-global-gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CEILING_DIRECTORIES": str(tmp_path),
            "HOME": str(tmp_path), "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}


class Repo:
    """A git work tree holding peers.toml with git_commit on, driven by real processes."""

    def __init__(self, tmp_path: Path):
        self.dir = tmp_path / "repo"
        self.dir.mkdir()
        self.file = self.dir / "peers.toml"
        self.env = subprocess_env(self.file, **git_env(tmp_path))
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.dir, env=self.env, capture_output=True,
                              text=True, check=check, stdin=subprocess.DEVNULL, timeout=120)

    def pm(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        r = subprocess.run([sys.executable, "-m", "peermap", *args], cwd=self.dir,
                           env=self.env, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        assert r.returncode == code, r.stderr
        assert "Traceback" not in r.stderr
        return r

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
def test_git_merge_with_one_field_edited_on_both_sides_is_a_conflict_in_the_notes(repo):
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
            "theirs 'Runtime'") in out
    assert "CONFLICT (content): Merge conflict in peers.toml" in out
    grace = repo.peer("Grace Example")  # the conflicted file still loads
    assert grace["team"] == "Compiler Infra" and grace["tie"] == "weak"
    assert [e["note"] for e in grace["log"]] == ["coffee", "design review"]
    assert grace["notes"] == ("<<<<<<< ours (team, peermap merge)\nCompiler Infra\n=======\n"
                              "Runtime\n>>>>>>> theirs")
    # Settle it the way git says: edit, add, commit.
    repo.pm("edit", "Grace Example", "--team", "Runtime", "--note", "")
    repo.git("add", "peers.toml")
    repo.git("commit", "-qm", "merged", "--no-edit")
    assert repo.peer("Grace Example")["team"] == "Runtime"


def test_merge_driver_falls_back_to_a_line_merge_for_a_broken_version(cli, tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    good = dumps(net_with(Peer("Grace")))
    base.write_bytes(good)
    ours.write_bytes(good + b"[oops\n")
    theirs.write_bytes(good)
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == 0
    assert "is not a valid peermap file" in r.stderr and "line merge" in r.stderr
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
