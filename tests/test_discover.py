"""`discover git` (docs/groups.md): a real repository with several authors, trailers, a
.mailmap, a bot and a mass rename, built with `git fast-import`."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from conftest import error, ok

MIRA = "Mira Example <mira@example.com>"


def fast_import(repo: Path, commits: list[dict]) -> None:
    """Commits as dicts: who ("Name <mail>"), day, message, files (path -> content),
    renames ((old, new), ...)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "user.email", "mira@example.com"],
                   check=True)
    out: list[bytes] = []
    for i, c in enumerate(commits, 1):
        stamp = int(datetime.combine(date.fromisoformat(c["day"]), datetime.min.time(),
                                     UTC).timestamp()) + 12 * 3600
        msg = c.get("message", f"change {i}").encode()
        out.append(f"commit refs/heads/main\nmark :{i}\nauthor {c['who']} {stamp} +0000\n"
                   f"committer {c['who']} {stamp} +0000\ndata {len(msg)}\n".encode()
                   + msg + b"\n")
        for path, text in c.get("files", {}).items():
            data = text.encode()
            out.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        for old, new in c.get("renames", ()):
            out.append(f"R {old} {new}\n".encode())
        out.append(b"\n")
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(out),
                   check=True)
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True)


def history(repo: Path) -> None:
    many = {f"lib/m{i}.py": "x" for i in range(60)}
    fast_import(repo, [
        {"who": "Fay Old <fay@example.com>", "day": "2025-01-10", "files": {"src/a.py": "0"}},
        {"who": "Eve Mover <eve@example.com>", "day": "2026-06-01", "files": many},
        {"who": MIRA, "day": "2026-07-01", "files": {"src/a.py": "1", "src/b.py": "1",
                                                     ".mailmap": "Ana Lima <ana@example.com> "
                                                     "<ana.lima@old.example.com>\n"}},
        {"who": "Ana Lima <ana@example.com>", "day": "2026-10-01",
         "files": {"src/a.py": "2"}},
        {"who": "Ana L <ana.lima@old.example.com>", "day": "2026-10-05",
         "files": {"src/b.py": "2"}},
        {"who": MIRA, "day": "2026-10-10", "files": {"src/a.py": "3"},
         "message": "Fix it\n\nReviewed-by: Bo Chen <bo@example.com>\n"
                    "Co-authored-by: Cy Dorn <cy@example.com>\n"},
        {"who": MIRA, "day": "2026-10-12", "files": {"src/b.py": "3"},
         "message": "More\n\nReviewed-by: Bo Chen <bo@example.com>\n"
                    "Acked-by: Ana L <ana.lima@old.example.com>\n"},
        {"who": "Di Park <di@example.com>", "day": "2026-10-20", "files": {"guide/x.md": "1"},
         "message": "Docs\n\nReviewed-by: Mira Example <mira@example.com>\n"},
        {"who": "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
         "day": "2026-11-01", "files": {"src/a.py": "4"}},
        {"who": "Eve Mover <eve@example.com>", "day": "2026-11-02",
         "renames": [(f"lib/m{i}.py", f"pkg/m{i}.py") for i in range(60)]},
    ])


def test_discover_ranks_people_with_evidence(cli, tmp_path):
    repo = tmp_path / "repo"
    history(repo)
    ok(cli("add", "Bo Chen"))
    doc = json.loads(ok(cli("discover", "git", str(repo), "--format", "json")).stdout)
    assert doc["me"] == ["mira@example.com"] and doc["since"] == "2026-05-26"
    assert doc["skipped"] == {"bot": 1, "large": 2}
    people = {p["name"]: p for p in doc["people"]}
    assert list(people) == ["Ana Lima", "Cy Dorn", "Di Park"]  # one Ana: the .mailmap
    ana = people["Ana Lima"]
    assert ana["emails"] == ["ana@example.com"] and ana["shared_files"] == 2
    assert ana["acked_yours"] == 1
    assert ana["evidence"] == ("changed 2 files you changed since 26 May; acked 1 commit "
                               "of yours")
    assert ana["command"] == "peermap add 'Ana Lima'"
    assert people["Cy Dorn"]["evidence"] == "co-authored 1 commit with you"
    assert people["Di Park"]["evidence"] == "you reviewed 1 commit of theirs"
    (bo,) = doc["known"]
    assert (bo["peer"], bo["reviewed_yours"], bo["last_contact"]) == ("Bo Chen", 2, None)
    names = json.dumps(doc)
    assert "dependabot" not in names and "Eve" not in names and "Fay" not in names


def test_discover_text_shows_evidence_command_and_known_apart(cli, tmp_path):
    repo = tmp_path / "repo"
    history(repo)
    ok(cli("add", "Bo Chen"))
    out = ok(cli("discover", "git", str(repo), "--since", "2026-09-01")).stdout
    assert "  2. Ana Lima <ana@example.com>: changed 2 files you changed since 1 September" \
        in out
    assert "     peermap add 'Ana Lima'" in out
    assert "Already on your map:\n  - Bo Chen: on your map, but no contact logged; " \
        "reviewed 2 commits of yours" in out
    assert "Left out: 1 by bots, 1 touching more than 50 files." in out


def test_discover_errors(cli, tmp_path, monkeypatch):
    for k, v in (("COUNT", "1"), ("KEY_0", "user.email"), ("VALUE_0", "mira@example.com")):
        monkeypatch.setenv(f"GIT_CONFIG_{k}", v)
    assert "not a folder" in error(cli("discover", "git", str(tmp_path / "nope")))
    (tmp_path / "plain").mkdir()
    assert "git log failed" in error(cli("discover", "git", str(tmp_path / "plain")))
    assert "not a period or a date" in error(cli("discover", "git", ".", "--since", "soon"))


def test_discover_json_keys(cli, tmp_path):
    repo = tmp_path / "repo"
    history(repo)
    ok(cli("add", "Bo Chen"))
    doc = json.loads(ok(cli("discover", "git", str(repo), "--format", "json")).stdout)
    assert sorted(doc) == ["as_of", "commits", "known", "me", "people", "repos", "since",
                           "skipped", "your_commits", "your_files"]
    common = ["acked_yours", "co_authored", "emails", "evidence", "last_commit", "name",
              "reviewed_yours", "score", "shared_files", "you_acked", "you_reviewed"]
    assert sorted(doc["people"][0]) == sorted([*common, "command"])
    assert sorted(doc["known"][0]) == sorted([*common, "last_contact", "peer"])


def test_discover_without_an_identity_says_how_to_set_one(cli, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    history(repo)
    subprocess.run(["git", "-C", str(repo), "config", "--unset", "user.email"], check=True)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    ok(cli("init"))
    assert "peermap does not know your e-mail" in error(cli("discover", "git", str(repo)))


def test_split_windows_read_every_commit_once(tmp_path):
    """git runs in several processes over back-to-back windows: together they read
    exactly the commits one process reads."""
    from collections import Counter

    from peermap.formats.git_history import read, windows

    assert windows(0, 100, 3) == [(0, 32), (33, 65), (66, None)]
    assert windows(100, 50, 4) == [(100, None)]
    repo = tmp_path / "repo"
    history(repo)
    one: Counter[str] = Counter()
    many: Counter[str] = Counter()
    whole = sorted(read(str(repo), date(2026, 1, 1), 0, one, parts=1))
    split = sorted(read(str(repo), date(2026, 1, 1), 0, many, parts=4))
    assert whole == split and len(whole) == 6 and one == many == {"bot": 1, "large": 2}


def test_an_author_name_with_a_terminal_escape_is_printed_harmless(cli, tmp_path):
    repo = tmp_path / "repo"
    fast_import(repo, [
        {"who": MIRA, "day": "2026-10-01", "files": {"src/a.py": "1"}},
        {"who": "Evil\x1b]0;pwned\x07 Name <evil@example.com>", "day": "2026-10-02",
         "files": {"src/a.py": "2"}}])
    out = ok(cli("discover", "git", str(repo), "--since", "2026-09-01")).stdout
    assert "Evil" in out and "\x1b" not in out and "\x07" not in out
