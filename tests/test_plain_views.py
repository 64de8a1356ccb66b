"""Piped output of the daily views (`render.plain`): the same lines as the Rich views,
without Rich, without wrapping and without trailing spaces."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ok
from factories import TODAY, candidate, focus_peer, log, me, network, peer, ranked_networks
from peermap.core.model import Kind, NextStep, Tie, WhyNone
from peermap.core.ranking import rank
from peermap.core.reminders import due_items, last_review
from peermap.core.suggestions import suggest
from peermap.render import plain, views
from peermap.render.console import Screen
from peermap.storage.store import Store

LONG = ("Send the whole incident timeline with every graph and the follow-up list, "
        "then ask which part of it would help their own migration plan the most")


def hostile_network():
    return network(
        focus_peer("[bold]Grace[/] Example", log=("2026-11-01",), team="Payments",
                   location="London", next=NextStep(LONG, date(2026, 11, 30))),
        focus_peer("林美玲 Lin", since=None, tie=Tie.STRONG, team="Risk",
                   log=("2026-10-01",)),
        candidate("Zoë Achterberg", tags=["a [b]"], notes="two\nlines", team="Compilers",
                  log=[log("2026-09-01", Kind.ASKED, "asked [x]")]),
        candidate("Dara Whitfield", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED,
                  team="Finance Operations", location="Edinburgh"),
        peer("Unrated Person"),
        peer("Weak [Without] Matters", tie=Tie.WEAK, team="Legal"),
        me=me(name="Ada [i]Example[/i]", strengths=["SQL"]),
        reviews=["2026-11-01"],
    )


def rich_and_plain(cli, monkeypatch, *args: str) -> tuple[str, str]:
    monkeypatch.setenv("PEERMAP_WIDTH", "3000")  # Rich, wide enough never to wrap
    rich = ok(cli(*args)).stdout
    monkeypatch.delenv("PEERMAP_WIDTH")  # CliRunner's stdout is not a terminal: plain
    piped = ok(cli(*args)).stdout
    return "".join(line.rstrip() + "\n" for line in rich.splitlines()), piped


@pytest.mark.parametrize("args", [("list",), ("show", "example"), ("show", "zoë"), ("focus",),
                                  ("suggest",), ()],
                         ids=["list", "show", "show-notes", "focus", "suggest", "dashboard"])
def test_piped_views_print_what_the_terminal_shows(cli, monkeypatch, data_file, args):
    assert Store(data_file).create(hostile_network())
    rich, piped = rich_and_plain(cli, monkeypatch, *args)
    assert piped == rich
    assert all(line == line.rstrip() for line in piped.splitlines())


def test_piped_lines_are_not_wrapped_and_markup_shows_literally(cli, monkeypatch, data_file):
    assert Store(data_file).create(hostile_network())
    monkeypatch.delenv("PEERMAP_WIDTH")
    out = ok(cli("list")).stdout
    assert f"{LONG} (due 2026-11-30)" in out  # one line, however long
    assert "★ [bold]Grace[/] Example" in out
    assert ok(cli()).stdout.startswith("peermap · 6 peers · Ada [i]Example[/i] · ")


def test_an_empty_filter_says_so_when_piped(cli, monkeypatch, data_file):
    assert Store(data_file).create(hostile_network())
    rich, piped = rich_and_plain(cli, monkeypatch, "list", "--tag", "nothing")
    assert piped == rich and piped.endswith("No peers match.\n")


def _render(module, view: str, *args) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        if module is views:  # Rich, on a screen wide enough never to wrap
            getattr(module, view)(Screen(width=3000), *args)
        else:
            getattr(module, view)(*args)
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                              HealthCheck.function_scoped_fixture])
@given(net=ranked_networks(), pick=st.integers(0, 11))
def test_plain_and_rich_views_agree_on_any_map(net, pick):
    shown = [("peer_table", net.peers, TODAY),
             ("focus_view", net, rank(net, TODAY), TODAY),
             ("suggestions_view", [(p, suggest(net, p, TODAY)) for p in net.focus_peers()]),
             ("dashboard", net, TODAY, due_items(net, TODAY), last_review(net), "peers.toml")]
    if net.peers:
        p = net.peers[pick % len(net.peers)]
        shown.append(("peer_detail", p, TODAY, suggest(net, p, TODAY)))
    for view, *args in shown:
        assert _render(plain, view, *args) == _render(views, view, *args), view


def test_the_plain_path_is_chosen_only_for_a_pipe_without_a_width():
    assert not plain.wanted(100)  # a width asked for: Rich's layout
    assert plain.wanted(None)  # pytest's stdout is not a terminal
