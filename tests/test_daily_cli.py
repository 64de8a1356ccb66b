"""The daily commands as a person lives them."""

from __future__ import annotations

import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import error, ok, peermap_cmd, subprocess_env

NAMES = ("Grace Example", "Samantha O'Brien", "Sven Krüger", "Ines Ferreira")


@pytest.fixture
def people(cli, data_file) -> Path:
    ok(cli("me", "--name", "Ada", "--team", "Payments", "--location", "Berlin"))
    for name, team in zip(NAMES, ("Compilers", "Compliance", "Risk", "Compliance"),
                          strict=True):
        ok(cli("add", name, "--team", team, "--tie", "weak", "--matters", "current-work",
               "--location", "Lisbon"))
    return data_file


def peer(path: Path, name: str) -> dict:
    return next(p for p in tomllib.loads(path.read_text())["peers"] if p["name"] == name)


# --- --today on every command (item 12) --------------------------------------------------


def test_today_option_applies_to_every_command(cli, people):
    ok(cli("--today", "2026-12-01", "log", "grace", "coffee"))
    assert str(peer(people, "Grace Example")["log"][-1]["date"]) == "2026-12-01"
    ok(cli("--today", "2027-01-04", "plan", "grace", "Ask about the allocator", "--due", "+3d"))
    assert str(peer(people, "Grace Example")["next"]["due"]) == "2027-01-07"
    out = ok(cli("--today", "2027-01-04", "show", "grace")).stdout
    assert "34 days ago" in out  # the log entry of 2026-12-01, seen from 2027-01-04
    doc = ok(cli("--today", "2027-01-04", "remind", "--as-of", "today", "--format", "json"))
    assert '"as_of": "2027-01-04"' in doc.stdout


def test_today_option_is_documented_and_checked(cli, people):
    assert "--today DATE" in ok(cli("--help")).stdout
    assert "--today" in error(cli("--today", "someday", "list"))


# --- hints that run as printed (item 14) ------------------------------------------------

HINT = re.compile(r"(peermap [a-z-]+(?: (?:'[^']*'|\"[^\"]*\"|[^\s'\"`).,:;])+)*)")
PROSE = re.compile(r" (?:or|to|for|and|so|first|then|in|with|from)(?: .*)?$")


def hints(text: str) -> set[str]:
    """Every `peermap ...` command in some output, placeholders filled in."""
    found = set()
    for m in HINT.finditer(text.replace("\n", " ")):
        cmd = PROSE.sub("", m.group(1)).rstrip(".")
        cmd = cmd.replace("STEP", "'Coffee next week'")
        for name in ("grace", "samantha", "sven"):
            cmd = cmd.replace(" NAME", f" {name}", 1)
        cmd = cmd.replace("TEAM", "Payments").replace("PLACE", "Berlin")
        found.add(cmd)
    return found


def test_every_printed_hint_runs_as_printed(cli, people, tmp_path):
    """Collect the commands peermap suggests across a session and paste each into a shell."""
    outputs = [
        cli("add", "Nina Nova"), cli("focus", "add", "samantha"), cli("focus", "add", "sven"),
        cli("plan", "samantha", "Coffee"), cli("done", "samantha", "went well"),
        cli("focus"), cli("suggest"), cli(), cli("show", "sven"), cli("stats"),
        cli("focus", "set", "grace", "samantha", "sven"), cli("remove", "ines", "--yes"),
        cli("init"), cli("show", "nobody"), cli("done", "sven"),
    ]
    found = set()
    for r in outputs:
        found |= hints(r.stdout + r.stderr)
    assert any("'Samantha O'\"'\"'Brien'" in h for h in found), found
    assert any("'Sven Krüger'" in h for h in found), found
    pm = " ".join(peermap_cmd())
    for cmd in sorted(found):
        if cmd.split()[1] in ("map", "review", "undo", "remove", "init"):
            continue  # interactive, or would undo the session the others need
        copy = tmp_path / "copy.toml"
        copy.write_bytes(people.read_bytes())
        p = subprocess.run(["bash", "-c", pm + cmd[len("peermap"):]], capture_output=True,
                           text=True, env=subprocess_env(copy), stdin=subprocess.DEVNULL,
                           timeout=60)
        assert p.returncode == 0, (cmd, p.stderr)


def test_one_shell_quoting_function():
    from peermap.core.text import command

    assert command("suggest", "Ines Ferreira") == "peermap suggest 'Ines Ferreira'"
    assert shlex.split(command("plan", "Samantha O'Brien", "STEP"))[2] == "Samantha O'Brien"
    src = Path(__file__).parent.parent / "src" / "peermap"
    quoting = [str(p.relative_to(src)) for p in src.rglob("*.py")
               if "shlex" in p.read_text() and p.name != "text.py"]
    assert quoting == [], quoting


# --- shell completion through Typer's protocol (item 15) --------------------------------


def complete(path: Path, shell: str, line: str) -> str:
    env = subprocess_env(path, _PEERMAP_COMPLETE=f"complete_{shell}")
    words = line.split(" ")
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env.update(_TYPER_COMPLETE_ARGS=line)
    return subprocess.run(peermap_cmd(), env=env, capture_output=True, text=True,
                          timeout=60).stdout


@pytest.mark.parametrize(("typed", "expected"), [
    ("Sv", ["Sven Krüger"]), ("sam", ["Samantha O'Brien"]), ("krug", ["Sven Krüger"]),
    ("GRACE", ["Grace Example"]), ("'Sv", ["Sven Krüger"]), ("o'b", []),
])
def test_bash_completion_gives_shell_quoted_names(people, typed, expected):
    out = complete(people, "bash", f"peermap show {typed}")
    # bash puts each line in COMPREPLY as it is: the shell must read back the name.
    assert [shlex.split(line)[0] for line in out.splitlines() if line] == expected


def test_bash_completion_runs_in_bash(people):
    """The line bash would insert, read back by bash itself."""
    out = complete(people, "bash", "peermap show sam")
    p = subprocess.run(["bash", "-c", f"printf '%s\\n' {out.strip()}"], capture_output=True,
                       text=True)
    assert p.stdout == "Samantha O'Brien\n"


def test_zsh_completion_keeps_apostrophes_and_matches_like_references(people):
    out = complete(people, "zsh", "peermap show s")
    assert out.startswith("_arguments '*: :((") and "Samantha O'\\''Brien" in out
    assert "Sven Krüger" in out and "Grace" not in out
    assert complete(people, "zsh", "peermap show zzz").strip() == "_files"


@pytest.mark.skipif(subprocess.run(["which", "zsh"], capture_output=True).returncode != 0,
                    reason="zsh is not installed")
def test_zsh_reads_the_completion_back(people):
    out = complete(people, "zsh", "peermap show s")
    script = '_arguments() { printf "%s\\n" "$@"; }; eval "$1"'
    p = subprocess.run(["zsh", "-c", script, "zsh", out], capture_output=True, text=True)
    assert p.stdout.strip() == "*: :((\"Samantha O'Brien\"\n\"Sven Krüger\"))"


# --- plan keeps what it replaces (item 17) ----------------------------------------------


def test_plan_names_the_step_it_replaces_and_keeps_it(cli, people):
    ok(cli("plan", "grace", "Ask about the allocator", "--due", "2026-11-27"))
    r = ok(cli("plan", "grace", "Share the profiling notes"))
    assert "This replaces the step 'Ask about the allocator'" in r.stdout
    p = peer(people, "Grace Example")
    assert p["next"]["step"] == "Share the profiling notes"
    assert [(r["step"], str(r["due"]), str(r["date"])) for r in p["replaced"]] == [
        ("Ask about the allocator", "2026-11-27", "2026-11-22")]
    r = ok(cli("plan", "grace", "Share the profiling notes", "--due", "friday"))
    assert "replaces" not in r.stdout  # the same step, a new date
    assert len(peer(people, "Grace Example")["replaced"]) == 1
    assert "replaced" in ok(cli("show", "grace", "--format", "json")).stdout
    shown = ok(cli("show", "grace")).stdout
    assert "Replaced steps" in shown and "2026-11-22  Ask about the allocator" in shown


# --- tie words (item 18) ------------------------------------------------------------------


@pytest.mark.parametrize(("word", "tie"), [("s", "strong"), ("W", "weak"),
                                           ("Strong", "strong"), ("NON", "nonexistent")])
def test_tie_words_are_accepted_everywhere(cli, people, word, tie):
    ok(cli("rate", "grace", word))
    assert peer(people, "Grace Example")["tie"] == tie
    ok(cli("add", "Nina", "--tie", word))
    assert peer(people, "Nina")["tie"] == tie
    listed = ok(cli("list", "--tie", word, "--format", "plain")).stdout
    assert "Grace Example" in listed


def test_a_word_that_is_no_tie_is_a_clear_error(cli, people):
    before = people.read_bytes()
    assert "'x' is not a tie" in error(cli("rate", "grace", "x"))
    assert "'x' is not a tie" in error(cli("list", "--tie", "x"))
    assert people.read_bytes() == before
    ok(cli("add", "Nina"))
    assert ok(cli("list", "--tie", "u", "--format", "plain")).stdout.startswith("Nina\t")


# --- wording (item 20) ---------------------------------------------------------------------


def test_edit_without_options_says_there_is_nothing_to_change(cli, people):
    before = people.read_bytes()
    assert "nothing to change" in error(cli("edit", "grace"))
    assert people.read_bytes() == before


def test_rating_the_same_tie_says_it_stays(cli, people):
    assert "Grace Example stays weak; nothing changed." in ok(cli("rate", "grace", "weak")).stdout


def test_config_beyond_five_mentions_the_method(cli, people):
    assert "three to five" in ok(cli("config", "focus_max", "7")).stdout
    assert "three to five" not in ok(cli("config", "focus_max", "5")).stdout


def test_log_names_the_kind_of_interaction(cli, people):
    out = ok(cli("log", "grace", "--kind", "shared")).stdout
    assert "Logged a shared interaction with Grace Example" in out


# --- any width; pipes (items 21, 22) -----------------------------------------------------


LONG = ("Ines Ferreira-Vasconcelos", "Compliance and Regulatory Affairs")


@pytest.mark.parametrize("width", ["40", "60", "80", "100", "120"])
def test_list_never_splits_a_word(cli, people, monkeypatch, width):
    ok(cli("add", LONG[0], "--team", LONG[1], "--tie", "nonexistent", "--matters",
           "future-work"))
    ok(cli("plan", "ines ferreira-", "Ask what keeps her team up at night"))
    monkeypatch.setenv("PEERMAP_WIDTH", width)
    out = ok(cli("list")).stdout
    doc = tomllib.loads(people.read_text())["peers"]
    whole = {w for p in doc for v in p.values() if isinstance(v, str) for w in v.split()}
    whole |= {w for p in doc for v in p.get("matters", []) for w in v.split()} | {"current-work,"}
    whole |= {w for p in doc for w in p.get("next", {}).get("step", "").split()}
    whole |= {"name", "tie", "team", "location", "matters", "last", "contact", "next", "step",
              "never", "unrated", "★", "·", "(due", "2026-11-29)", "matters:", "next:"}
    assert max(len(line) for line in out.splitlines()) <= int(width)
    assert set(out.split()) <= whole, set(out.split()) - whole
    assert "Ferreira-Vasconcelos" in out and "Grace Example" in out.replace("\n", " ")


def test_stats_wraps_to_the_width_with_a_hanging_indent(cli, people, monkeypatch):
    monkeypatch.setenv("PEERMAP_WIDTH", "50")
    out = ok(cli("stats")).stdout
    assert max(len(line) for line in out.splitlines()) <= 50
    assert "\n    build up with `peermap map --step focus`" in out


def test_piped_output_is_neither_wrapped_nor_padded(cli, people, monkeypatch):
    monkeypatch.delenv("PEERMAP_WIDTH")
    ok(cli("plan", "samantha", "Ask about " + "the audit plan and " * 8 + "its deadline"))
    for args in (("list",), ("show", "samantha"), ("suggest", "samantha"), ()):
        out = ok(cli(*args)).stdout
        assert all(line == line.rstrip() for line in out.splitlines()), args
    assert "its deadline" in next(line for line in ok(cli("list")).stdout.splitlines()
                                  if "Samantha" in line)


# --- help (item 23) -------------------------------------------------------------------------


def test_help_groups_commands_and_cuts_nothing(cli):
    out = ok(cli("--help")).stdout
    sections = [line for line in out.splitlines() if line and not line.startswith(" ")]
    for title in ("Map and review:", "Peers:", "Advice:", "Network:", "The data file:"):
        assert title in sections
    assert "..." not in out.replace("COMMAND [ARGS]...", "")
    assert out.index("Map and review:") < out.index("  review") < out.index("Peers:")


@pytest.mark.parametrize("command", ["rate", "log", "plan", "focus", "list", "suggest",
                                     "show", "me", "map", "review", "remind", "stats",
                                     "export", "import", "init", "edit", "done"])
def test_each_example_is_on_its_own_line_and_usage_shows_plain_names(cli, command):
    out = ok(cli(command, "--help")).stdout
    examples = [line.strip() for line in out.splitlines() if line.strip().startswith("peermap ")]
    assert examples, out
    for line in examples:
        assert line.count("peermap ") == 1, line
    assert "{" not in out.splitlines()[0]


def test_tie_words_complete_in_bash(people):
    assert complete(people, "bash", "peermap rate grace w").split() == ["weak"]
    assert complete(people, "bash", "peermap add Nina --tie n").split() == ["nonexistent"]


def test_remind_as_of_takes_the_forms_of_today(cli, people):
    from conftest import peermap_cmd, subprocess_env

    for args in (("remind", "--as-of", "+7d", "--format", "json"),
                 ("--today", "+7d", "remind", "--format", "json")):
        assert '"as_of": "2026-11-29"' in ok(cli(*args)).stdout
        p = subprocess.run([*peermap_cmd(), *args], env=subprocess_env(people),
                           capture_output=True, text=True, timeout=60)
        assert '"as_of": "2026-11-29"' in p.stdout


def test_review_summary_wraps_under_its_own_indent(cli, people, monkeypatch):
    ok(cli("focus", "set", "grace", "samantha", "sven"))
    ok(cli("plan", "grace", "Ask what her biggest challenge is this quarter and how the "
           "allocator work affects her team"))
    monkeypatch.setenv("PEERMAP_WIDTH", "50")
    out = ok(cli("review", "--summary")).stdout
    focus = out[out.index("\nFocus\n") + len("\nFocus\n"):]
    assert all(line.startswith("  ") for line in focus.splitlines() if line), focus
    assert max(len(line) for line in out.splitlines()) <= 50


def test_regression_a_name_starting_with_a_dash_is_refused_so_every_hint_can_name_it(
        cli, data_file):
    ok(cli("add", "Grace"))
    before = data_file.read_bytes()
    assert "cannot start with '-'" in error(cli("add", "--", "-dash"))
    assert "cannot start with '-'" in error(cli("rename", "Grace", "--", "-x y"))
    assert data_file.read_bytes() == before


def test_regression_show_wraps_the_next_step_under_itself_not_at_column_0(
        cli, monkeypatch):
    monkeypatch.setenv("PEERMAP_WIDTH", "60")
    ok(cli("add", "Tomás Ferreira", "--tie", "weak"))
    ok(cli("plan", "tomas", "Send Tomás the backfill checklist before asking about the "
           "schema change", "--due", "+3d"))
    lines = ok(cli("show", "tomas")).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Next step"))
    assert lines[at + 1].startswith(" " * 11) and lines[at + 1].strip(), lines[at:at + 2]


def test_regression_review_check_in_wraps_the_next_step_under_itself(cli, monkeypatch):
    monkeypatch.setenv("PEERMAP_WIDTH", "60")
    for name in ("Aoife Brennan", "Bo Lind", "Cy Ng"):
        ok(cli("add", name, "--tie", "weak", "--matters", "current-work"))
    ok(cli("focus", "set", "Aoife", "Bo", "Cy"))
    ok(cli("plan", "aoife", "Ask Aoife what she is most excited about right now, and "
           "listen", "--due", "+3d"))
    r = cli("review", input="\n" * 12)
    lines = r.stderr.splitlines()
    start = lines.index("Checking in")  # the look-back above has its own layout
    at = next(i for i, line in enumerate(lines)
              if i > start and "next step: Ask Aoife" in line)
    assert lines[at + 1].startswith("      ") and lines[at + 1].strip(), lines[at:at + 2]
