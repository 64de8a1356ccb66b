"""Peer references (docs/data-file.md) and command-line dates (docs/commands.md)."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from peermap.core.dates import parse_date
from peermap.core.errors import PeermapError, PeerNotFound
from peermap.core.model import Network
from peermap.core.refs import close_names, matches, resolve

TODAY = date(2026, 11, 22)


def net_of(*names: str) -> Network:
    return factories.network(*map(factories.peer, names))


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("2026-11-01", date(2026, 11, 1)),
    ("today", TODAY),
    ("TODAY", TODAY),
    (" yesterday ", date(2026, 11, 21)),
    ("Yesterday", date(2026, 11, 21)),
    ("0d", TODAY),
    ("3d", date(2026, 11, 19)),
    ("30d", date(2026, 10, 23)),
    ("365d", date(2025, 11, 22)),
    ("2024-02-29", date(2024, 2, 29)),
])
def test_parse_date_accepts_the_documented_forms(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", [
    "", "tomorrow", "2026-13-01", "2025-02-29", "2026-1-1", "3 d", "-3d", "3days",
    "d", "26-11-01", "2026/11/01", "2026-11-01T10:00", "999999d",
])
def test_parse_date_refuses_anything_else_with_the_forms_in_the_message(text):
    with pytest.raises(PeermapError) as info:
        parse_date(text, TODAY)
    msg = info.value.message
    assert "YYYY-MM-DD" in msg and "yesterday" in msg and "Nd" in msg
    assert info.value.exit_code == 1


def test_today_can_be_pinned():
    from peermap.run import Run

    assert Run.build(environ={"PEERMAP_TODAY": "2030-01-02"}).today == date(2030, 1, 2)
    assert Run.build(environ={}).today == date.today()
    assert Run.build(today="2031-05-06", environ={"PEERMAP_TODAY": "2030-01-02"}).today \
        == date(2031, 5, 6)


# --- references ----------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["Grace Example", "grace example", "GRACE EXAMPLE",
                                 "  grace   example ", "gr", "Grace Ex", "exa", "EXAMPLE"])
def test_full_name_any_case_or_unique_prefix_of_name_or_word(ref):
    net = net_of("Grace Example", "Bob Builder")
    assert resolve(net, ref).name == "Grace Example"


def test_an_exact_name_wins_over_a_longer_name_it_prefixes():
    net = net_of("Ann", "Anna", "Annabel")
    assert resolve(net, "ann").name == "Ann"
    with pytest.raises(PeerNotFound):
        resolve(net, "anna b")  # no such name or prefix


def test_prefix_in_the_middle_of_a_word_does_not_match():
    with pytest.raises(PeerNotFound):
        resolve(net_of("Grace Example"), "ample")


def test_accents_are_ignored_when_the_reference_has_none():
    net = net_of("Zo\u00eb Example", "Bob")
    assert resolve(net, "zoe").name == "Zo\u00eb Example"
    assert resolve(net, "Zoe Example").name == "Zo\u00eb Example"
    assert resolve(net, "zo\u00eb").name == "Zo\u00eb Example"


def test_ambiguous_reference_lists_the_matches():
    net = net_of("Grace Example", "Greg Example", "Bob")
    with pytest.raises(PeerNotFound) as info:
        resolve(net, "gr")
    msg = info.value.message
    assert "matches 2 peers" in msg
    assert "Grace Example" in msg and "Greg Example" in msg and "Bob" not in msg
    assert info.value.exit_code == 1
    assert {p.name for p in matches(net, "example")} == {"Grace Example", "Greg Example"}


def test_unknown_reference_suggests_close_names():
    net = net_of("Grace Example", "Bob Builder")
    with pytest.raises(PeerNotFound) as info:
        resolve(net, "grase")
    assert "no peer called 'grase'" in info.value.message
    assert "Did you mean 'Grace Example'" in info.value.message
    assert close_names(net, "bilder") == ["Bob Builder"]


def test_unknown_reference_without_close_names_points_somewhere():
    with pytest.raises(PeerNotFound) as info:
        resolve(net_of("Grace"), "zzzz")
    assert "peermap list" in info.value.message
    with pytest.raises(PeerNotFound) as info:
        resolve(Network(), "zzzz")
    assert "peermap add" in info.value.message


@pytest.mark.parametrize("ref", ["", "   "])
def test_empty_reference_matches_nobody(ref):
    assert matches(net_of("Grace"), ref) == []
    with pytest.raises(PeerNotFound):
        resolve(net_of("Grace"), ref)


def test_reference_with_a_control_character_is_quoted_safely():
    with pytest.raises(PeerNotFound) as info:
        resolve(net_of("Grace"), "g\x1b[2J")
    assert "\x1b" not in info.value.message


# --- references on the command line -------------------------------------------------


def _no_traceback(r):
    assert "Traceback" not in r.stderr
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception


@pytest.fixture
def three(cli, data_file):
    for name in ("Grace Example", "Greg Example", "Bob Builder"):
        assert cli("add", name).exit_code == 0
    return data_file


@pytest.mark.parametrize("ref", ["grace example", "GRACE", "gra", "Grace Ex"])
def test_cli_resolves_references(cli, three, ref):
    r = cli("log", ref, "hello")
    _no_traceback(r)
    assert r.exit_code == 0, r.stderr
    assert "Grace Example" in r.stdout


def test_cli_ambiguous_reference_is_exit_1_listing_matches_and_writes_nothing(cli, three):
    before = three.read_bytes()
    r = cli("log", "example", "hello")
    _no_traceback(r)
    assert r.exit_code == 1
    line = r.stderr.strip()
    assert "\n" not in line
    assert "Grace Example" in line and "Greg Example" in line and "Bob" not in line
    assert three.read_bytes() == before


def test_cli_unknown_reference_is_exit_1_with_a_close_name(cli, three):
    before = three.read_bytes()
    r = cli("rate", "bob biulder", "weak")
    _no_traceback(r)
    assert r.exit_code == 1
    assert "no peer called 'bob biulder'" in r.stderr
    assert "Bob Builder" in r.stderr
    assert three.read_bytes() == before


@pytest.mark.parametrize("args", [
    ("log", "--date", "tomorrow", "grace"),
    ("rate", "grace", "weak", "--date", "2026-02-30"),
    ("plan", "grace", "step", "--due", "next week"),
])
def test_cli_bad_date_is_exit_1_and_writes_nothing(cli, three, args):
    before = three.read_bytes()
    r = cli(*args)
    _no_traceback(r)
    assert r.exit_code == 1
    assert "is not a date" in r.stderr
    assert three.read_bytes() == before
