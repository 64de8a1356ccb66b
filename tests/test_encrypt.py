"""Encrypted history (docs/sync.md): `git-setup --encrypt` stores the file in git
encrypted with age while the working file stays plain; real git, real clones."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import subprocess_env
from test_sync import GitDir, git_env

pytest.importorskip("pyrage")
pytestmark = pytest.mark.slow

SECRETS = ("Grace Example", "Bob Stone", "knows the JIT", "pressure from the CFO")


class Clone(GitDir):
    """A git work tree with peers.toml; `key` is the config folder holding the age key."""

    def __init__(self, tmp_path: Path, name: str, key: str):
        self.dir = tmp_path / name
        self.file = self.dir / "peers.toml"
        env = git_env(tmp_path)
        env["XDG_CONFIG_HOME"] = str(tmp_path / key)
        self.env = subprocess_env(self.file, **env)

    def all_blobs(self) -> list[bytes]:
        out = []
        for commit in self.git("rev-list", "--all").stdout.split():
            for row in self.git("ls-tree", "-r", commit).stdout.splitlines():
                blob = row.split()[2]
                out.append(subprocess.run(["git", "cat-file", "-p", blob], cwd=self.dir,
                                          capture_output=True, check=True).stdout)
        return out


@pytest.fixture
def laptop(tmp_path) -> Clone:
    c = Clone(tmp_path, "laptop", "keys")
    c.dir.mkdir()
    c.git("init", "-q", "-b", "main")
    c.pm("init", "--name", "Ada")
    out = c.pm("git-setup", "--encrypt").stdout
    assert "Made this machine's encryption key" in out
    key = tmp_path / "keys" / "peermap" / "age-identity.txt"
    assert key.stat().st_mode & 0o777 == 0o600
    assert not str(key).startswith(str(c.dir))
    c.pm("config", "git_commit", "true")
    c.pm("add", "Grace Example", "--team", "Compilers", "--note", "knows the JIT")
    c.pm("add", "Bob Stone")
    c.git("add", ".gitattributes", ".gitignore")
    c.git("commit", "-qm", "setup")
    return c


def assert_sealed(c: Clone) -> None:
    blobs = c.all_blobs()
    assert blobs
    for blob in blobs:
        for secret in SECRETS:
            assert secret.encode() not in blob, (secret, blob[:200])


def test_no_blob_of_any_commit_holds_a_name_or_a_note(laptop):
    laptop.pm("edit", "Bob Stone", "--pressure", "pressure from the CFO")
    laptop.git("checkout", "-qb", "side")
    laptop.pm("log", "Grace Example", "coffee", "--date", "2026-11-20")
    laptop.git("checkout", "-q", "main")
    laptop.pm("log", "Bob Stone", "lunch", "--date", "2026-11-21")
    merged = laptop.git("merge", "--no-edit", "side", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert len(laptop.git("rev-list", "--all").stdout.split()) >= 6
    assert_sealed(laptop)
    # Locally the file is plain, private, and git's diff and log read it.
    assert b"knows the JIT" in laptop.file.read_bytes()
    assert laptop.file.stat().st_mode & 0o777 == 0o600
    assert "+notes = \"knows the JIT\"" in laptop.git("log", "-p", "--", "peers.toml").stdout
    assert laptop.git("status", "--porcelain", "--untracked-files=no").stdout == ""
    laptop.file.chmod(0o644)  # a changed mode alone is not a change of the file
    laptop.file.chmod(0o600)
    assert laptop.git("status", "--porcelain", "--untracked-files=no").stdout == ""


def test_a_merge_across_two_clones_with_the_same_key(laptop, tmp_path):
    work = Clone(tmp_path, "work", "keys")
    subprocess.run(["git", "clone", "-q", str(laptop.dir), str(work.dir)], env=work.env,
                   check=True, capture_output=True)
    assert work.file.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    work.pm("git-setup", "--encrypt")
    assert work.file.read_bytes().startswith(b"schema = 1")  # decrypted in place
    assert work.file.stat().st_mode & 0o777 == 0o600
    work.pm("log", "Grace Example", "met at work", "--date", "2026-11-21")
    laptop.pm("log", "Bob Stone", "coffee on the laptop", "--date", "2026-11-20")
    laptop.pm("rate", "Grace Example", "weak", "--date", "2026-11-21")
    pulled = work.git("pull", "-q", "--no-rebase", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    import json

    peers = {p["name"]: p for p in json.loads(work.pm("list", "--format", "json").stdout)}
    assert [e["note"] for e in peers["Grace Example"]["log"]] == ["met at work"]
    assert peers["Grace Example"]["tie"] == "weak"
    assert [e["note"] for e in peers["Bob Stone"]["log"]] == ["coffee on the laptop"]
    assert work.file.stat().st_mode & 0o777 == 0o600
    assert_sealed(work)


def test_a_clone_without_the_key_is_one_clear_line_and_writes_nothing(laptop, tmp_path):
    other = Clone(tmp_path, "other", "no-keys")
    subprocess.run(["git", "clone", "-q", str(laptop.dir), str(other.dir)], env=other.env,
                   check=True, capture_output=True)
    before = other.file.read_bytes()
    r = other.pm("git-setup", "--encrypt", code=1)
    key = tmp_path / "no-keys" / "peermap" / "age-identity.txt"
    assert r.stderr == (f"peermap: no encryption key at {key}: copy the key file there from "
                        "your other machine (keep it secret); `peermap git-setup --encrypt` "
                        "makes a new key for a new repository.\n")
    assert not key.exists() and other.file.read_bytes() == before
    assert other.git("config", "filter.peermap-age.smudge", check=False).returncode == 1


def test_a_wrong_key_is_one_clear_line_and_no_output(laptop, tmp_path):
    stranger = Clone(tmp_path, "stranger", "other-keys")
    stranger.dir.mkdir()
    stranger.git("init", "-q")
    stranger.pm("init")
    stranger.pm("git-setup", "--encrypt")  # makes a different key
    sealed = laptop.git("cat-file", "-p", "HEAD:peers.toml").stdout
    r = subprocess.run([sys.executable, "-m", "peermap", "filter", "smudge", "peers.toml"],
                       input=sealed.encode(), capture_output=True, env=stranger.env,
                       cwd=stranger.dir, timeout=60)
    assert r.returncode == 1 and r.stdout == b""
    line = r.stderr.decode()
    assert line.startswith("peermap: cannot decrypt peers.toml with the key in ")
    assert "(it was encrypted for another key)" in line and line.count("\n") == 1


def _kill_at_random(cmd: list[str], env: dict[str, str], cwd: Path, stdin: bytes | None,
                    rnd: random.Random) -> None:
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if stdin is not None:
            p.stdin.write(stdin)  # type: ignore[union-attr]
        p.stdin.close()  # type: ignore[union-attr]
    except BrokenPipeError:
        pass
    time.sleep(rnd.uniform(0, 0.6))
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait()


def test_kill_9_during_the_filters_and_the_merge_driver_leaves_a_valid_file(laptop, tmp_path):
    from peermap.storage.store import parse

    rnd = random.Random(7)
    # The merge driver on the stored (encrypted) versions: ours is replaced whole or not.
    base = laptop.git("cat-file", "-p", "HEAD~1:peers.toml").stdout.encode()
    laptop.pm("log", "Grace Example", "coffee", "--date", "2026-11-20")
    theirs = laptop.git("cat-file", "-p", "HEAD:peers.toml").stdout.encode()
    laptop.git("checkout", "-q", "HEAD~1")
    laptop.pm("log", "Bob Stone", "lunch", "--date", "2026-11-21")
    ours_v = laptop.git("cat-file", "-p", "HEAD:peers.toml").stdout.encode()
    files = tmp_path / "driver"
    files.mkdir()
    for name, data in (("base", base), ("theirs", theirs)):
        (files / name).write_bytes(data)
    ours = files / "ours"
    plain = laptop.file.read_bytes()
    for _ in range(12):
        ours.write_bytes(ours_v)
        _kill_at_random([sys.executable, "-m", "peermap", "merge-driver", str(files / "base"),
                         str(ours), str(files / "theirs")], laptop.env, laptop.dir, None, rnd)
        smudged = subprocess.run([sys.executable, "-m", "peermap", "filter", "smudge", "x"],
                                 input=ours.read_bytes(), capture_output=True, env=laptop.env,
                                 cwd=laptop.dir, timeout=60)
        assert smudged.returncode == 0, smudged.stderr
        net = parse(smudged.stdout, "ours")  # the old version or the merged one, whole
        assert len(net.find("Bob Stone").log) == 1
        assert [f for f in os.listdir(files) if f not in ("base", "ours", "theirs")] == []
    # clean and smudge write only to git: the working file stays whole through any kill.
    for step, data in (("clean", plain), ("smudge", theirs)) * 6:
        _kill_at_random([sys.executable, "-m", "peermap", "filter", step, "peers.toml"],
                        laptop.env, laptop.dir, data, rnd)
        assert laptop.file.read_bytes() == plain
    # And git's own add runs the clean filter: the index never takes plain text.
    laptop.file.write_bytes(plain.replace(b"knows the JIT", b"knows the JIT well"))
    laptop.git("add", "peers.toml")
    assert b"knows the JIT" not in subprocess.run(
        ["git", "cat-file", "-p", ":peers.toml"], cwd=laptop.dir, capture_output=True).stdout


def test_a_second_machine_with_its_own_key_reads_the_file_once_it_is_added(laptop, tmp_path):
    work = Clone(tmp_path, "work", "work-keys")
    subprocess.run(["git", "clone", "-q", str(laptop.dir), str(work.dir)], env=work.env,
                   check=True, capture_output=True)
    # work has no key yet: `key show` makes one and prints its recipient
    shown = work.pm("key", "show")
    assert "made a new key: the secret key is in " in shown.stderr
    assert (tmp_path / "work-keys" / "peermap" / "age-identity.txt").stat().st_mode & 0o777 \
        == 0o600
    recipient = work.pm("key", "show").stdout.strip()
    assert recipient.startswith("age1")
    bad = laptop.pm("key", "add", "age1nope", code=1)
    assert bad.stderr.startswith("peermap: 'age1nope' is not an age recipient")
    out = laptop.pm("key", "add", recipient).stdout
    assert "Added it to" in out and ".peermap-recipients" in out
    laptop.git("add", "--renormalize", "peers.toml")
    laptop.git("add", ".peermap-recipients")
    laptop.git("commit", "-qm", "add work's key")
    work.git("pull", "-q", "--no-rebase", "origin", "main")
    work.pm("git-setup", "--encrypt")
    assert b"knows the JIT" in work.file.read_bytes()
    assert_sealed(work)


def test_turning_encryption_on_later_says_earlier_commits_stay_in_clear(tmp_path):
    c = Clone(tmp_path, "late", "keys")
    c.dir.mkdir()
    c.git("init", "-q", "-b", "main")
    c.pm("init")
    c.pm("config", "git_commit", "true")
    c.pm("add", "Grace Example", "--note", "knows the JIT")
    c.pm("git-setup")
    out = c.pm("git-setup", "--encrypt").stdout
    assert "Staged the file encrypted; commit it. Earlier commits still hold it in clear" in out
    lines = (c.dir / ".gitattributes").read_text().splitlines()
    assert lines == ["/peers.toml merge=peermap filter=peermap-age diff=peermap-age"]
    c.git("commit", "-qm", "encrypt")
    assert b"Grace" not in subprocess.run(["git", "cat-file", "-p", "HEAD:peers.toml"],
                                          cwd=c.dir, capture_output=True).stdout
    again = c.pm("git-setup").stdout  # a plain git-setup keeps the encryption
    assert again.startswith("Kept `/peers.toml merge=peermap filter=peermap-age")


def test_git_with_its_filter_or_driver_killed_stores_nothing_in_clear(laptop):
    from peermap.storage.store import parse

    killed = 'sh -c "kill -9 \\$\\$"'
    before = laptop.file.read_bytes()
    changed = before.replace(b"knows the JIT", b"knows the JIT well")
    laptop.file.write_bytes(changed)
    add = laptop.git("-c", f"filter.peermap-age.clean={killed}", "add", "peers.toml",
                     check=False)
    assert add.returncode != 0  # the filter is required: git stops
    assert laptop.file.read_bytes() == changed
    assert_sealed(laptop)
    staged = subprocess.run(["git", "cat-file", "-p", ":peers.toml"], cwd=laptop.dir,
                            capture_output=True).stdout
    assert b"knows the JIT" not in staged
    # the merge driver killed in the middle of a merge: git stops, the file still loads
    laptop.git("commit", "-qam", "well")
    laptop.git("checkout", "-qb", "side", "HEAD~1")
    laptop.pm("log", "Bob Stone", "lunch", "--date", "2026-11-21")
    laptop.git("checkout", "-q", "main")
    laptop.pm("log", "Grace Example", "coffee", "--date", "2026-11-20")
    merged = laptop.git("-c", f"merge.peermap.driver={killed}", "merge", "--no-edit", "side",
                        check=False)
    assert merged.returncode != 0
    parse(laptop.file.read_bytes(), "the working file")
    laptop.git("merge", "--abort")
    assert_sealed(laptop)
    # the smudge filter killed during a checkout: the file is never half-written, and a
    # checkout with the filter working brings it back
    laptop.git("-c", f"filter.peermap-age.smudge={killed}", "checkout", "-q", "side",
               check=False)
    if laptop.file.exists():
        parse(laptop.file.read_bytes(), "the working file")
    laptop.git("checkout", "-q", "-f", "main")
    assert b"knows the JIT well" in laptop.file.read_bytes()
