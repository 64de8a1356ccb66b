"""What a person sees (docs/output.md): one layout piped and at a terminal, widths right
on joined emoji, no word split at 60, 80 or 120 columns, text shown as typed, help within
80 columns, words that read right, and output errors as one line."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from conftest import error, ok, peermap_cmd, subprocess_env
from factories import candidate, focus_peer, log, network, peer
from peermap.app.root import app
from peermap.core.model import Kind, NextStep, Tie
from peermap.render.layout import width
from peermap.storage.store import Store

LONG = ("Send the whole incident timeline with every graph and the follow-up list, "
        "then ask which part of it would help their own migration plan the most")


def wide_network():
    hannah = focus_peer("Hannah Schulz", team="Search Infrastructure", location="Berlin",
                        next=NextStep(LONG, date(2026, 11, 30)))
    hannah.log.append(log("2026-11-01", Kind.ASKED, "asked about the rollout plan and what "
                          "would make the migration less painful for them"))
    return network(
        hannah,
        focus_peer("Ana 👩‍💻 Dev", team="Payments", log=("2026-10-01",)),
        focus_peer("Maximilian Oberhausen-Schmidt", team="Finance Operations",
                   location="Edinburgh", tie=Tie.NONEXISTENT, log=("2026-09-01",),
                   notes="A long note about how the quarter went and what they need "
                         "from us before the planning cycle starts in January"),
        candidate("Zoë Achterberg", team="Compilers", log=[log("2026-09-01", Kind.ASKED)]),
        peer("林美玲 Lin", tie=Tie.STRONG, team="Risk"),
        reviews=["2026-11-01"],
    )


# --- one width, one layout ------------------------------------------------------------


def test_width_is_right_on_joined_emoji_and_wide_characters():
    assert width("👩‍💻") == 2  # woman, zero-width joiner, laptop: one picture
    assert width("Ana 👩‍💻 Dev") == 10
    assert width("林美玲") == 6
    assert width("Zoe\u0301") == 3  # a combining accent takes no cell
    assert width("plain") == 5


def _tie_column(out: str, who: str) -> int:
    line = next(line for line in out.splitlines() if who in line)
    return width(line[:line.index("weak")])


def test_regression_a_joined_emoji_name_is_padded_the_same_piped_and_at_a_terminal(
        cli, monkeypatch, data_file):
    assert Store(data_file).create(network(peer("Ana 👩‍💻 Dev", tie=Tie.WEAK),
                                           peer("Bob Example Long", tie=Tie.WEAK)))
    monkeypatch.setenv("PEERMAP_WIDTH", "200")
    terminal = ok(cli("list")).stdout
    monkeypatch.delenv("PEERMAP_WIDTH")
    piped = ok(cli("list")).stdout
    assert piped == terminal
    for out in (piped, terminal):  # the tie column starts at one cell for both rows
        assert _tie_column(out, "Ana") == _tie_column(out, "Bob") == width("Bob Example Long  ")


# --- 60, 80 and 120 columns -----------------------------------------------------------


def _tokens(line: str) -> list[str]:
    return [w.strip("()[],;") for w in line.split()]


def check_layout(narrow: str, wide: str, columns: int) -> None:
    """No word split, no line wider than `columns` (unless one word is), and every
    continuation line indented further than the line it continues."""
    stacked = {"·", "next:", "matters:"}  # the words of a stacked table row
    known = {t for line in wide.splitlines() for t in _tokens(line)} | stacked
    starts = {(len(line) - len(line.lstrip(" ")), _tokens(line)[0])
              for line in wide.splitlines() if line.strip()}
    start_indent = 0
    for line in narrow.splitlines():
        words = _tokens(line)
        if not words:
            continue
        split = [w for w in words if w not in known]
        assert not split, (split, line, narrow)
        assert width(line) <= columns or len(words) == 1 or width(
            line) - width(words[-1]) < columns, (line, narrow)
        indent = len(line) - len(line.lstrip(" "))
        if (indent, words[0]) in starts:
            start_indent = indent  # the first line of a line of the wide output
        else:  # under the text it continues, never at column 0
            assert indent >= start_indent and indent > 0, (line, narrow)


SCREENS = [("list",), ("show", "hannah"), ("show", "maxim"), ("focus",), ("stats",),
           ("review", "--summary"), ()]


@pytest.mark.parametrize("args", SCREENS, ids=lambda a: " ".join(a) or "dashboard")
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_screens_fit_the_width_without_splitting_a_word(cli, monkeypatch, data_file, args,
                                                        columns):
    assert Store(data_file).create(wide_network())
    monkeypatch.delenv("PEERMAP_WIDTH")
    wide = ok(cli(*args)).stdout  # a pipe: never wrapped
    monkeypatch.setenv("PEERMAP_WIDTH", str(columns))
    check_layout(ok(cli(*args)).stdout, wide, columns)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_reviews_prompts_wrap_under_their_text(cli, monkeypatch, data_file, columns):
    def review(at: int) -> str:
        data_file.unlink(missing_ok=True)  # each review starts from the same map
        assert Store(data_file).create(wide_network())
        monkeypatch.setenv("PEERMAP_WIDTH", str(at))
        return cli("review", input="\n" * 40).stderr

    wide = review(10000)  # the conversation is at most 100 columns wide
    narrow = review(columns)
    assert "Did you connect with Maximilian Oberhausen-Schmidt" in " ".join(narrow.split())
    check_layout(narrow, wide, columns)


def test_list_at_80_columns_keeps_names_whole_and_the_next_step_wide(cli, monkeypatch,
                                                                      data_file):
    assert Store(data_file).create(wide_network())
    monkeypatch.setenv("PEERMAP_WIDTH", "80")
    out = ok(cli("list")).stdout
    assert "★ Maximilian Oberhausen-Schmidt" in out and "★ Hannah Schulz" in out
    step = next(line for line in out.splitlines() if "Send the" in line)
    assert width(step) - step.index("Send the") >= 24  # not a thin strip
    monkeypatch.setenv("PEERMAP_WIDTH", "60")  # too narrow for a table: each peer stacks
    out = ok(cli("list")).stdout
    assert out.startswith("★ Hannah Schulz  weak\n") or "\n★ Hannah Schulz  weak\n" in out


# --- text is text ---------------------------------------------------------------------


@pytest.mark.parametrize("width_", ["100", None], ids=["terminal", "piped"])
def test_emoji_codes_and_markup_in_a_name_print_literally_and_the_hint_works(
        cli, monkeypatch, width_):
    if width_ is None:
        monkeypatch.delenv("PEERMAP_WIDTH")
    ok(cli("init"))
    out = ok(cli("add", "Bob :smile: Jones")).stdout
    assert "Bob :smile: Jones" in out and "😄" not in out
    hint = re.search(r"peermap (rate .*)$", out.strip(), re.M)
    assert hint is not None
    import shlex

    ok(cli(*shlex.split(hint.group(1))))
    ok(cli("add", "[bold]Ann[/bold] :+1:"))
    for args in (("list",), ("show", "bob")):
        shown = ok(cli(*args)).stdout
        assert "Bob :smile: Jones" in shown and "😄" not in shown and "👍" not in shown
    assert "[bold]Ann[/bold] :+1:" in ok(cli("list")).stdout


@pytest.mark.slow
@pytest.mark.parametrize("args", [("list",), ("export", "--format", "json"),
                                  ("brief", "grace"), ("show", "grace"), ("remind",)])
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(data_file, args):
    assert Store(data_file).create(network(focus_peer("Grace Example",
                                                      next=NextStep("x", date(2026, 1, 1)))))
    with open("/dev/full", "w") as full:
        r = subprocess.run([*peermap_cmd(), *args], stdout=full, stderr=subprocess.PIPE,
                           text=True, env=subprocess_env(data_file), timeout=60)
    assert r.returncode == 1, r.stderr
    assert r.stderr.strip() == "peermap: could not write the output: No space left on device."


# --- global options after the command -------------------------------------------------


@pytest.mark.parametrize("args, fixed", [
    (("list", "--today", "2027-01-11"), "peermap --today 2027-01-11 list"),
    (("focus", "set", "a", "b", "--today=+7d"), "peermap --today=+7d focus set a b"),
    (("show", "Bob Jones", "--file", "x.toml"), "peermap --file x.toml show 'Bob Jones'"),
])
def test_a_global_option_after_the_command_says_where_it_goes(cli, args, fixed):
    line = error(cli(*args), 2)
    name = fixed.split()[1].partition("=")[0]
    assert line == f"peermap: {name} goes before the command: {fixed}"


def test_an_unknown_option_is_still_typers_usage_error(cli):
    r = cli("list", "--nope")
    assert r.exit_code == 2 and "No such option: --nope" in r.stderr


# --- help -----------------------------------------------------------------------------


def _commands(cmd, path=()):
    yield path
    for name, sub in getattr(cmd, "commands", {}).items():
        if not sub.hidden:
            yield from _commands(sub, (*path, name))


HELP = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", HELP, ids=lambda p: " ".join(p) or "peermap")
def test_help_lines_fit_80_columns_and_each_example_is_on_its_own_line(path):
    out = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"},
                             prog_name="peermap").stdout
    assert out.startswith("Usage: peermap")
    assert "{" not in out.splitlines()[0]  # PEER, not Typer's {PEER}
    for line in out.splitlines():
        assert width(line) <= 80, line
        assert not re.search(r"peermap \S.*\S {3,}peermap ", line), line  # two examples


@pytest.mark.parametrize("command", ["log", "done"])
def test_the_kinds_in_help_are_the_codes_kinds(command):
    out = CliRunner().invoke(app, [command, "--help"]).stdout
    listed = out.split("Kinds (--kind):")[1].split("Arguments:")[0]
    assert [w.strip(",") for w in listed.split()] == [k.value for k in Kind]


# --- words ----------------------------------------------------------------------------


def test_words_read_right(cli):
    ok(cli("init"))
    ok(cli("add", "Kim Park"))
    assert "Logged an asked interaction with Kim Park" in ok(
        cli("log", "kim", "the report", "-k", "asked")).stdout
    ok(cli("log", "kim", "send the deck", "-k", "promised", "--date", "2026-11-20"))
    assert "Closed the promise of 2026-11-20 with Kim Park" in ok(cli("close", "kim", "1")).stdout
    assert "Closed the ask of 2026-11-22 with Kim Park" in ok(cli("close", "kim")).stdout
    ok(cli("add", "Kim P", "--force"))
    ok(cli("edit", "kim p", "--goal", "ship it"))
    out = ok(cli("merge", "Kim Park", "Kim P")).stdout
    assert "1 goal" in out and "1 goals" not in out
    assert ok(cli()).stdout.startswith("peermap · 1 peer · ")


def test_a_focus_hint_is_a_full_command_for_the_peer_in_question(cli, data_file):
    assert Store(data_file).create(network(peer("Ana Lima")))
    out = ok(cli("focus")).stdout
    assert "peermap rate 'Ana Lima' weak" in out
    assert "(peermap rate, peermap edit --matters)" not in out


def test_adding_a_name_twice_names_the_edit_command_for_that_peer(cli):
    ok(cli("add", "Ana Lima"))
    line = error(cli("add", "ana lima"))
    assert "peermap edit 'Ana Lima'" in line


def test_latin_text_and_peermaps_own_symbols_are_measured_without_loading_wcwidth():
    code = ("import sys; from peermap.render.layout import width; "
            "assert width('★ Zoë → ship · it – now…') == 24; print('wcwidth' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert run.stdout.strip() == "False", run.stderr


def test_a_long_note_in_show_continues_under_its_first_word(cli, monkeypatch, data_file):
    assert Store(data_file).create(wide_network())
    monkeypatch.setenv("PEERMAP_WIDTH", "60")
    lines = ok(cli("show", "maxim")).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  notes"))
    start = lines[at].index("A long note")
    assert start == 16 and lines[at + 1].startswith(" " * start)
    assert lines[at + 1][start] != " "
