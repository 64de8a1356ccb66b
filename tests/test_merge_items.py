"""The merge driver on groups, the to-meet list, reviews and time away (docs/sync.md): each
list merges item by item, as peers do, and the merged file always loads."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import networks, write
from peermap.core.model import (
    Away,
    Group,
    MergeConflict,
    Network,
    Outcome,
    Peer,
    Review,
    ToMeet,
    check_network,
    name_key,
)
from peermap.core.threeway import merge_networks, settle
from peermap.storage.store import dumps, parse
from test_sync import Repo, three

D = date(2026, 11, 20)


def driver(cli, base: Path, ours: Path, theirs: Path, code: int):
    """Run the driver as git does (`merge-driver %O %A %B`); the merged file must load."""
    r = cli("merge-driver", str(base), str(ours), str(theirs))
    assert r.exit_code == code, r.stderr
    assert "line merge" not in r.stderr
    net = parse(ours.read_bytes(), "the merged version")  # the real parser
    assert check_network(net) == []
    assert dumps(net) == ours.read_bytes()  # written in the file's canonical order
    return r, net


def with_group(cli):
    def setup(p: Path) -> None:
        for name in ("Ana", "Bo", "Cy", "Di"):
            cli("-f", str(p), "add", name)
        cli("-f", str(p), "group", "add", "Platform", "--member", "Ana", "--member", "Bo",
            "--cadence", "14", "--purpose", "on-call")
        cli("-f", str(p), "meet", "Kai Lund", "--via", "Ana", "--why", "capacity model")
    return setup


def group(net: Network, name: str) -> Group:
    return next(g for g in net.groups if name_key(g.name) == name_key(name))


# --- groups ---------------------------------------------------------------------------


def test_both_sides_editing_one_group_merge_its_members_and_fields(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, with_group(cli))
    cli("-f", str(ours), "group", "edit", "platform", "--add", "Cy", "--drop", "Bo")
    cli("-f", str(theirs), "group", "edit", "platform", "--add", "Di", "--purpose", "rota")
    again = tmp_path / "again.toml"
    again.write_bytes(ours.read_bytes())
    r, net = driver(cli, base, ours, theirs, 0)
    assert r.stderr == ""
    assert [(g.name, g.members, g.cadence_days, g.purpose) for g in net.groups] == [
        ("Platform", ["Ana", "Cy", "Di"], 14, "rota")]
    driver(cli, base, again, theirs, 0)
    assert again.read_bytes() == ours.read_bytes()  # deterministic
    shown = json.loads(cli("-f", str(ours), "group", "show", "platform", "--format",
                           "json").stdout)
    assert shown["members"] == ["Ana", "Cy", "Di"]


def test_a_group_value_both_sides_changed_keeps_ours_and_both_values_until_settled(cli,
                                                                                   tmp_path):
    base, ours, theirs = three(tmp_path, cli, with_group(cli))
    cli("-f", str(ours), "group", "edit", "platform", "--cadence", "7", "--add", "Cy")
    cli("-f", str(theirs), "group", "edit", "platform", "--cadence", "28", "--add", "Di")
    r, net = driver(cli, base, ours, theirs, 1)
    assert ("peermap: conflict in group 'Platform', cadence_days: ours '7', theirs '28'; the "
            "file has ours for now.") in r.stderr
    g = group(net, "Platform")
    assert (g.members, g.cadence_days) == (["Ana", "Bo", "Cy", "Di"], 7)
    assert net.conflicts == [MergeConflict(field='groups["Platform"].cadence_days', ours=7,
                                           theirs=28)]
    rows = json.loads(cli("-f", str(ours), "conflicts", "--format", "json").stdout)
    assert rows == [{"n": 1, "peer": None, "field": 'groups["Platform"].cadence_days',
                     "removed": None, "ours": 7, "theirs": 28,
                     "text": "group 'Platform', cadence_days: ours '7', theirs '28'"}]
    r = cli("-f", str(ours), "conflicts", "take", "theirs", "1")
    assert r.stdout == "Took theirs for group 'Platform', cadence_days: 28.\n"
    net = parse(ours.read_bytes(), "x")
    assert (group(net, "Platform").cadence_days, net.conflicts) == (28, [])


def test_a_group_renamed_on_one_side_and_joined_on_the_other_is_one_group(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, with_group(cli))
    cli("-f", str(ours), "group", "edit", "platform", "--add", "Cy")
    cli("-f", str(theirs), "group", "edit", "platform", "--name", "Infra circle")
    _, net = driver(cli, base, ours, theirs, 0)
    assert [(g.name, g.members) for g in net.groups] == [("Infra circle", ["Ana", "Bo", "Cy"])]


def test_a_group_added_removed_or_removed_and_changed_on_one_side(cli, tmp_path):
    def setup(p: Path) -> None:
        with_group(cli)(p)
        cli("-f", str(p), "group", "add", "Guild", "--member", "Cy")
        cli("-f", str(p), "group", "add", "Lunch", "--member", "Di")
    base, ours, theirs = three(tmp_path, cli, setup)
    cli("-f", str(ours), "group", "remove", "guild")  # untouched on theirs: removed
    cli("-f", str(ours), "group", "remove", "platform")  # changed on theirs: kept
    cli("-f", str(theirs), "group", "edit", "platform", "--add", "Di")
    cli("-f", str(theirs), "group", "edit", "lunch", "--purpose", "Fridays")
    cli("-f", str(theirs), "group", "add", "Book club", "--member", "Ana")
    r, net = driver(cli, base, ours, theirs, 1)
    assert [g.name for g in net.groups] == ["Book club", "Lunch", "Platform"]
    assert group(net, "Lunch").purpose == "Fridays"
    assert group(net, "Platform").members == ["Ana", "Bo", "Di"]
    assert ("peermap: conflict in group 'Platform': removed on ours, changed on theirs (the "
            "changed group is kept; take ours to remove it).") in r.stderr
    assert cli("-f", str(ours), "conflicts", "take", "ours", "1").stdout == \
        "Removed group 'Platform' (removed on ours).\n"
    net = parse(ours.read_bytes(), "x")
    assert [g.name for g in net.groups] == ["Book club", "Lunch"] and net.conflicts == []


# --- the to-meet list -----------------------------------------------------------------


def test_a_to_meet_entry_edited_on_both_sides_merges_field_by_field(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, with_group(cli))
    cli("-f", str(ours), "meet", "Kai Lund", "--via", "Bo")
    cli("-f", str(theirs), "meet", "Kai Lund", "--why", "runs the on-call rota")
    cli("-f", str(theirs), "meet", "Lea Moss", "--via", "Cy")
    _, net = driver(cli, base, ours, theirs, 0)
    assert [(m.name, m.via, m.why) for m in net.to_meet] == [
        ("Kai Lund", "Bo", "runs the on-call rota"), ("Lea Moss", "Cy", "")]
    cli("-f", str(ours), "meet", "Kai Lund", "--why", "ours")
    cli("-f", str(theirs), "meet", "Kai Lund", "--why", "theirs")
    base.write_bytes(dumps(net))
    r, net = driver(cli, base, ours, theirs, 1)
    assert "conflict in to-meet entry 'Kai Lund', why: ours 'ours', theirs 'theirs'" in r.stderr
    cli("-f", str(ours), "conflicts", "take", "theirs", "1")
    assert parse(ours.read_bytes(), "x").to_meet[0].why == "theirs"


def test_a_group_renamed_differently_on_both_sides_settles_with_its_other_conflicts():
    base = Network(groups=[Group("Platform", ["Ana"], purpose="x")])
    r = merge_networks(base, Network(groups=[Group("Infra", ["Ana"], purpose="x")]),
                       Network(groups=[Group("Guild", ["Ana"], purpose="x")]))
    assert [g.name for g in r.network.groups] == ["Infra"]
    assert r.conflicts == [MergeConflict(field='groups["Infra"].name', ours="Infra",
                                         theirs="Guild")]
    net = r.network
    net.conflicts.append(MergeConflict(field='groups["Infra"].purpose', ours="x", theirs="y"))
    assert settle(net, 1, "theirs").text == "took theirs for group 'Infra', name: Guild."
    assert net.conflicts == [MergeConflict(field='groups["Guild"].purpose', ours="x",
                                           theirs="y")]
    settle(net, 1, "theirs")
    assert [(g.name, g.purpose) for g in net.groups] == [("Guild", "y")]


def test_conflicts_to_settle_follow_a_renamed_group_and_go_with_a_removed_one(cli, tmp_path):
    base, ours, theirs = three(tmp_path, cli, with_group(cli))
    cli("-f", str(ours), "group", "edit", "platform", "--cadence", "7")
    cli("-f", str(theirs), "group", "edit", "platform", "--cadence", "28")
    cli("-f", str(ours), "meet", "Kai Lund", "--why", "ours")
    cli("-f", str(theirs), "meet", "Kai Lund", "--why", "theirs")
    driver(cli, base, ours, theirs, 1)
    spare = tmp_path / "spare.toml"
    spare.write_bytes(ours.read_bytes())
    cli("-f", str(spare), "group", "remove", "platform")  # its conflict goes with it
    listed = cli("-f", str(spare), "conflicts").stdout
    assert "1. to-meet entry 'Kai Lund', why" in listed and "group" not in listed
    cli("-f", str(ours), "group", "edit", "platform", "--name", "Infra")
    cli("-f", str(ours), "add", "Kai Lund")  # off the to-meet list: its conflict goes
    listed = cli("-f", str(ours), "conflicts").stdout
    assert "1. group 'Infra', cadence_days: ours '7', theirs '28'" in listed
    assert "Kai Lund" not in listed and "2." not in listed
    assert cli("-f", str(ours), "conflicts", "take", "theirs", "1").stdout == \
        "Took theirs for group 'Infra', cadence_days: 28.\n"
    assert group(parse(ours.read_bytes(), "x"), "Infra").cadence_days == 28


# --- reviews and time away ------------------------------------------------------------


def test_reviews_from_both_sides_are_kept_once_and_one_reviews_outcomes_conflict(cli,
                                                                                 tmp_path):
    grace = Peer("Grace")
    first = Review(D, "Grace", "Ask about the rota")
    base = write(tmp_path / "base", Network(peers=[grace], reviews=[first]))
    both = Review(D + timedelta(days=21), "Grace", "Share the doc")
    ours = write(tmp_path / "ours", Network(peers=[grace], reviews=[
        Review(D, "Grace", "Ask about the rota", Outcome.DONE),
        Review(D + timedelta(days=7), "Grace", "Lunch"), both]))
    theirs = write(tmp_path / "theirs", Network(peers=[grace], reviews=[
        Review(D, "Grace", "Ask about the rota", Outcome.TOO_BIG),
        Review(D + timedelta(days=14), "Grace", "Demo"), both]))
    r, net = driver(cli, base, ours, theirs, 1)
    assert [(str(x.date), x.step, x.outcome) for x in net.reviews] == [
        ("2026-11-20", "Ask about the rota", Outcome.DONE), ("2026-11-27", "Lunch", None),
        ("2026-12-04", "Demo", None), ("2026-12-11", "Share the doc", None)]
    assert ("conflict in review of 2026-11-20, outcome: ours 'done', theirs 'too-big'"
            in r.stderr)
    assert cli("-f", str(ours), "conflicts", "take", "theirs", "1").stdout == \
        "Took theirs for review of 2026-11-20, outcome: too-big.\n"
    assert parse(ours.read_bytes(), "x").reviews[0].outcome is Outcome.TOO_BIG


def test_time_away_ended_on_one_side_and_extended_on_the_other_is_one_conflict(cli,
                                                                               tmp_path):
    base, ours, theirs = three(tmp_path, cli, lambda p: (
        cli("-f", str(p), "away", "2026-12-10", "--from", "2026-11-20"),
        cli("-f", str(p), "away", "2027-01-10", "--from", "2027-01-02")))
    cli("-f", str(ours), "away", "--off")  # today is 2026-11-22: ends yesterday
    cli("-f", str(theirs), "away", "2026-12-20")
    cli("-f", str(theirs), "away", "2027-02-10", "--from", "2027-02-01")
    r, net = driver(cli, base, ours, theirs, 1)
    assert [(str(a.start), str(a.until)) for a in net.away] == [
        ("2026-11-20", "2026-11-21"), ("2027-01-02", "2027-01-10"),
        ("2027-02-01", "2027-02-10")]
    assert ("conflict in time away from 2026-11-20, until: ours '2026-11-21', theirs "
            "'2026-12-20'") in r.stderr
    cli("-f", str(ours), "conflicts", "take", "theirs", "1")
    assert str(parse(ours.read_bytes(), "x").away[0].until) == "2026-12-20"


# --- real git -------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Repo:
    r = Repo(tmp_path)
    r.pm("init", "--name", "Ada")
    r.pm("config", "git_commit", "true")
    for name in ("Ana Lima", "Bo Chen", "Cy Park"):
        r.pm("add", name)
    r.pm("group", "add", "Platform circle", "--member", "Ana Lima", "--cadence", "14")
    r.pm("git-setup")
    r.git("add", ".gitattributes", ".gitignore")
    r.git("commit", "-qm", "merge driver")
    return r


@pytest.mark.slow
def test_git_merge_of_one_group_edited_on_both_branches_is_clean(repo):
    repo.git("checkout", "-qb", "laptop")
    repo.pm("group", "edit", "platform", "--add", "Bo Chen")
    repo.git("checkout", "-q", "main")
    repo.pm("group", "edit", "platform", "--add", "Cy Park", "--purpose", "on-call")
    merged = repo.git("merge", "--no-edit", "laptop", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert repo.git("status", "--porcelain", "--untracked-files=no").stdout == ""
    shown = json.loads(repo.pm("group", "show", "platform", "--format", "json").stdout)
    assert (shown["members"], shown["purpose"], shown["cadence_days"]) == (
        ["Ana Lima", "Cy Park", "Bo Chen"], "on-call", 14)
    assert "<<<<<<<" not in repo.file.read_text()
    assert repo.pm("check").returncode == 0


# --- any edits on both sides: the merge loads, and so does every settling of it ----------

POOL = ["Platform", "platform", "Infra", "Kai Lund", "Guild", "GUILD"]
DAYS = [date(2026, 11, 1) + timedelta(days=n) for n in range(0, 40, 7)]


def _unique(items: list, key) -> list:
    seen: set[str] = set()
    return [x for x in items if not (key(x) in seen or seen.add(key(x)))]


@st.composite
def edited(draw: st.DrawFn, base: Network) -> Network:
    """`base` with its groups, to-meet list, reviews and time away edited at random."""
    net = copy.deepcopy(base)
    word = st.sampled_from(["", "a", "b"])
    groups = []
    for g in net.groups:
        how = draw(st.sampled_from(["keep", "drop", "edit", "rename"]))
        if how == "edit":
            g.members = draw(st.lists(st.sampled_from([*g.members, "Ana", "Bo"]),
                                      unique=True))
            g.cadence_days = draw(st.none() | st.integers(1, 30))
            g.purpose = draw(word)
        elif how == "rename":
            g.name = draw(st.sampled_from(POOL))
        if how != "drop":
            groups.append(g)
    groups += [Group(n, draw(st.lists(st.sampled_from(["Ana", "Bo"]), unique=True)),
                     draw(st.none() | st.integers(1, 30)), draw(word),
                     draw(st.none() | st.sampled_from(DAYS)))
               for n in draw(st.lists(st.sampled_from(POOL), max_size=2))]
    net.groups = _unique(groups, lambda g: name_key(g.name))
    to_meet = [replace_via(m, draw(word)) for m in net.to_meet if draw(st.booleans())]
    to_meet += [ToMeet(n, draw(word), draw(word), draw(st.none() | st.sampled_from(DAYS)))
                for n in draw(st.lists(st.sampled_from(POOL), max_size=2))]
    net.to_meet = _unique(to_meet, lambda m: name_key(m.name))
    outcomes = st.none() | st.sampled_from(list(Outcome))
    net.reviews = [Review(r.date, r.peer, r.step, draw(outcomes)) for r in net.reviews
                   if draw(st.booleans())]
    net.reviews += [Review(d, draw(word), draw(word), draw(outcomes))
                    for d in draw(st.lists(st.sampled_from(DAYS), max_size=2))]
    net.away = [Away(a.until + timedelta(days=draw(st.integers(0, 3))), a.start)
                for a in net.away if draw(st.booleans()) and a.until.year < 9999]
    net.away += [Away(d + timedelta(days=draw(st.integers(0, 3))), d)
                 for d in draw(st.lists(st.sampled_from(DAYS), max_size=2))]
    assert check_network(net) == []
    return net


def replace_via(m: ToMeet, via: str) -> ToMeet:
    return ToMeet(m.name, via, m.why, m.added)


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[Network, Network, Network]:
    base = draw(networks())
    base.conflicts = []
    base.groups += [Group(n, ["Ana"], 14, "x", DAYS[0]) for n in ("Platform", "Infra")
                    if all(name_key(g.name) != name_key(n) for g in base.groups)]
    if all(name_key(m.name) != name_key("Kai Lund") for m in base.to_meet):
        base.to_meet.append(ToMeet("Kai Lund", "Ana", "x"))
    base.reviews.append(Review(DAYS[0], "Ana", "x"))
    base.away.append(Away(DAYS[1], DAYS[0]))
    base.sort()
    return base, draw(edited(base)), draw(edited(base))


@settings(max_examples=150, deadline=None)
@given(three_versions(), st.lists(st.sampled_from(["ours", "theirs"]), min_size=12,
                                  max_size=12))
def test_any_edits_on_both_sides_merge_into_a_file_that_loads(versions, sides):
    base, ours, theirs = versions
    r = merge_networks(base, ours, theirs)
    text = dumps(r.network)
    net = parse(text, "the merged version")
    assert dumps(net) == text
    for c in r.conflicts:
        assert c.field.split("[", 1)[0] in ("groups", "to_meet", "reviews", "away")
    while net.conflicts:
        done = settle(net, 1, sides[len(net.conflicts) % len(sides)])
        assert "no longer" not in done.text  # every conflict finds what it names
        assert check_network(net) == []
    assert dumps(parse(dumps(net), "settled")) == dumps(net)
