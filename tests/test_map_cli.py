"""`peermap map` end to end through CliRunner: answers come from stdin, line by line."""

from __future__ import annotations

import json
from datetime import date

from peermap.storage.store import Store


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


FULL_RUN = answers(
    "Ada Lovelace", "Payments", "London", "SQL tuning, incident reviews",  # about you
    "Joan Clarke", "", "",                                   # your own team
    "Grace Example", "Compilers", "Remote", "Bob Builder", "", "", "",  # helps me
    "Alan Turing", "Data", "", "",                           # relies on me
    "grace", "y", "",                                        # shared goals: same as Grace
    "Priya Patel", "", "Dublin", "",                         # outside
    "Ken Thompson", "", "", "",                              # future work
    "w", "1",                                                # Alan Turing
    "s", "",                                                 # Bob Builder
    "n", "", "1 2",                                          # Grace Example: not tried
    "s", "",                                                 # Joan Clarke
    "w", "1 3",                                              # Ken Thompson
    "nonexistent", "clash", "big",                           # Priya Patel
    "1 2 3",                                                 # focus
    "", "", "Ask about the roadmap",                         # next steps
)


def flat(text: str) -> str:
    """Output with its line wrapping undone."""
    return " ".join(text.split())


def listed(cli) -> dict[str, dict]:
    return {p["name"]: p for p in json.loads(cli("list", "--format", "json").stdout)}


def test_full_walkthrough_from_an_empty_file(cli, data_file):
    r = cli("map", input=FULL_RUN)
    assert r.exit_code == 0, r.output
    assert r.stdout == ""  # the conversation is on stderr, never mixed into stdout
    assert "Step 1 of 4 · Brainstorm" in r.stderr
    assert "step 2 of 4 · 0 of 6 peers rated" in r.stderr
    assert "Your map" in r.stderr and "peermap review" in r.stderr
    assert "who on your own team (Payments)" in r.stderr

    me = Store(data_file).load().me
    assert (me.name, me.team, me.location, me.strengths) == (
        "Ada Lovelace", "Payments", "London", ["SQL tuning", "incident reviews"])
    peers = listed(cli)
    assert set(peers) == {"Alan Turing", "Bob Builder", "Grace Example", "Joan Clarke",
                          "Ken Thompson", "Priya Patel"}
    assert peers["Joan Clarke"]["team"] == "Payments"  # named for your own team
    grace = peers["Grace Example"]
    assert grace["affects"] == ["helps-me", "shared-goals"]
    assert (grace["team"], grace["location"]) == ("Compilers", "Remote")
    assert (grace["tie"], grace["why_none"]) == ("nonexistent", "not-tried")
    assert grace["matters"] == ["current-work", "future-work"]
    assert grace["ties"] == [{"date": "2026-11-22", "tie": "nonexistent"}]
    assert (peers["Priya Patel"]["tie"], peers["Priya Patel"]["why_none"]) == \
        ("nonexistent", "clash")
    assert peers["Priya Patel"]["location"] == "Dublin"
    assert peers["Bob Builder"]["tie"] == "strong" and "matters" not in peers["Bob Builder"]
    assert peers["Ken Thompson"]["matters"] == ["current-work", "big-picture"]

    focus = [p for p in peers.values() if p.get("focus")]
    ranked = [c["peer"] for c in json.loads(cli("focus", "--format", "json").stdout)
              ["candidates"]]
    assert len(focus) == 3 and "Bob Builder" not in {p["name"] for p in focus}
    assert all(p["focus_since"] == "2026-11-22" for p in focus)
    assert all(p["next"]["due"] == "2026-11-29" for p in focus)
    assert ranked == ["Priya Patel"]  # the one candidate not picked
    steps = [p["next"]["step"] for p in sorted(focus, key=lambda p: p["name"])]
    assert "Ask about the roadmap" in steps

    again = cli("map", input="")
    assert again.exit_code == 0
    assert "Your map is complete" in again.stderr


NO_PROFILE = ("", "", "", "")  # name, team, location, strengths: all skipped


def test_end_of_input_midway_keeps_answers_and_resumes_at_that_question(cli, data_file):
    r = cli("map", input=answers(*NO_PROFILE, "", "Grace Example", "Compilers"))
    assert r.exit_code == 0
    assert "End of input. Your answers so far are saved" in r.stderr
    assert "step 1 (brainstorm, question 2)" in flat(r.stderr)
    peers = listed(cli)
    assert peers["Grace Example"]["team"] == "Compilers"
    assert peers["Grace Example"]["affects"] == ["helps-me"]
    assert "[walkthrough]\nstep = \"brainstorm\"\nquestion = 2\n" in data_file.read_text()

    # the next run picks up at that very question (Grace's location first), then goes on
    # to rating
    r = cli("map", input=answers("", "Alan Turing", "", "", "", "", "", "", "", "w", "1 2",
                                 "s", ""))
    assert r.exit_code == 0, r.output
    assert "Picking up at question 2 of 6." in r.stderr
    assert "Who helps you get your work done?" in r.stderr
    assert "First, about you" not in r.stderr
    assert "Who might you need in six to twelve months?" in r.stderr
    assert "Step 2 of 4 · Rate each tie" in r.stderr
    assert listed(cli)["Alan Turing"]["affects"] == ["helps-me"]
    assert listed(cli)["Grace Example"]["tie"] == "strong"
    assert "[walkthrough]" not in data_file.read_text()  # the brainstorm is over


def test_input_without_final_newline_is_still_read(cli, data_file):
    r = cli("map", input="\n\n\n\n\nGrace Example")
    assert r.exit_code == 0
    assert "Grace Example" in listed(cli)


def test_step_option_jumps_to_focus(cli, data_file):
    for name in ("Ann", "Ben", "Cat", "Dov"):
        cli("add", name, "--tie", "weak", "--matters", "current-work")
    cli("add", "Eve")  # unrated: the plain resume would start at rating
    r = cli("map", "--step", "focus", input=answers("1 2", "2 3 4", "-", "-", "-"))
    assert r.exit_code == 0, r.output
    assert "Step 2 of 4" not in r.stderr
    assert "Pick at least 3 (you picked 2)" in r.stderr
    assert "(you picked 2); follow-through" not in flat(r.stderr)  # the too-many reason
    focus = sorted(n for n, p in listed(cli).items() if p.get("focus"))
    assert len(focus) == 3
    assert "Still to do: step 2 (rate each tie)" in flat(r.stderr)


def test_step_follow_up_on_a_complete_map_changes_one_step(cli, data_file):
    for name in ("Ann", "Ben", "Cat"):
        cli("add", name, "--tie", "weak", "--matters", "current-work")
        cli("plan", name, "Say hello")
    cli("focus", "set", "Ann", "Ben", "Cat")
    r = cli("map", "--step", "follow-up", input=answers("", "Share the design doc", ""))
    assert r.exit_code == 0, r.output
    steps = {n: p["next"]["step"] for n, p in listed(cli).items()}
    assert steps == {"Ann": "Say hello", "Ben": "Share the design doc", "Cat": "Say hello"}


def test_names_are_shown_literally(cli, data_file):
    r = cli("map", input=answers(*NO_PROFILE, "[red]Ada[/red]", "", ""))
    assert r.exit_code == 0
    assert "Added [red]Ada[/red]" in r.stderr
    assert "[red]Ada[/red]" in listed(cli)


def test_unreadable_file_is_one_line_error(cli, data_file):
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_text("schema = 1\n[[peers]]\nnmae = 'x'\n")
    r = cli("map", input="")
    assert r.exit_code == 1
    assert r.stderr.startswith("peermap: ") and r.stderr.count("\n") == 1
    assert "Traceback" not in r.output


def test_answers_saved_as_given_survive_an_interrupt(cli, data_file, monkeypatch):
    """Ctrl-C (KeyboardInterrupt) mid-way: exit 130, one line, every answer kept."""
    from peermap.render.wizard import TerminalUI

    real_ask = TerminalUI.ask
    calls = {"n": 0}

    def ask(self, prompt, hint=""):
        calls["n"] += 1
        if calls["n"] == 8:
            raise KeyboardInterrupt
        return real_ask(self, prompt, hint)

    monkeypatch.setattr(TerminalUI, "ask", ask)
    r = cli("map", input=answers(*NO_PROFILE, "", "Grace Example", "Compilers", "Remote"))
    assert r.exit_code == 130
    assert r.stderr.splitlines()[-1] == (
        "Your answers so far are saved. Run `peermap map` to pick up where you left off.")
    p = Store(data_file).load().peers[0]
    assert (p.name, p.team, p.location, p.added) == ("Grace Example", "Compilers", "",
                                                     date(2026, 11, 22))
