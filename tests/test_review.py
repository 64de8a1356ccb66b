"""The weekly review (docs/review.md): the pure summary, and the ritual with scripted answers."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from factories import write
from peermap.core.errors import EndOfInput
from peermap.core.model import (
    Kind,
    LogEntry,
    Matters,
    Network,
    NextStep,
    Outcome,
    Peer,
    Review,
    Settings,
    Tie,
    TieChange,
)
from peermap.core.review import default_peer, record_review, streak, summary
from peermap.storage.store import Store

D = date.fromisoformat


def log(d: str, kind: Kind = Kind.CHAT, note: str = "") -> LogEntry:
    return LogEntry(D(d), kind, note)


def reviews(*dates: str, peer: str = "", step: str = "") -> list[Review]:
    return [Review(D(d), peer, step) for d in dates]


# --- summary: since the last review ---------------------------------------------------


def test_look_back_is_strictly_after_the_last_review():
    """the last review's own day was shown by that review already."""
    p = Peer(name="Grace", log=[log("2026-11-14"), log("2026-11-15", Kind.SHARED),
                                log("2026-11-20", Kind.SHARED), log("2026-11-21", Kind.ASKED)],
             tie=Tie.WEAK, ties=[TieChange(D("2026-11-01"), Tie.NONEXISTENT),
                                 TieChange(D("2026-11-15"), Tie.WEAK)])
    new = Peer(name="Newly", tie=Tie.WEAK, ties=[TieChange(D("2026-11-15"), Tie.WEAK)])
    done = Peer(name="Al", log=[LogEntry(D("2026-11-15"), Kind.CHAT, "", completed="Say hi")])
    net = Network(peers=[p, new, done], reviews=reviews("2026-11-15"))
    s = summary(net, D("2026-11-22"))
    assert s.last_review == D("2026-11-15") and s.start == D("2026-11-15")
    assert s.interactions == {"shared": 1, "asked": 1}  # Kind order, zero counts left out
    assert s.interaction_count == 2
    assert s.tie_moves == [] and s.newly_rated == 0 and s.steps_done == []


def test_first_review_looks_back_review_every_days():
    p = Peer(name="Grace", log=[log("2026-12-24"), log("2026-12-26")])
    net = Network(peers=[p], settings=Settings(review_every_days=7))
    s = summary(net, D("2027-01-01"))
    assert s.last_review is None and s.start == D("2026-12-25")
    assert s.interactions == {"chat": 1}


def test_ties_that_changed_from_history():
    grace = Peer(name="Grace", tie=Tie.STRONG, ties=[
        TieChange(D("2026-10-01"), Tie.NONEXISTENT), TieChange(D("2026-11-01"), Tie.WEAK),
        TieChange(D("2026-11-20"), Tie.STRONG)])
    new = Peer(name="Newly", tie=Tie.WEAK, ties=[TieChange(D("2026-11-19"), Tie.WEAK)])
    old = Peer(name="Old", tie=Tie.WEAK, ties=[TieChange(D("2026-01-01"), Tie.WEAK)])
    s = summary(Network(peers=[grace, new, old], reviews=reviews("2026-11-15")), D("2026-11-22"))
    assert [(m.peer, m.old, m.new) for m in s.tie_moves] == [("Grace", Tie.WEAK, Tie.STRONG)]
    assert s.newly_rated == 1


def test_steps_done_by_the_completed_marker_and_by_the_last_reviews_step():
    by_note = Peer(name="Al", log=[LogEntry(D("2026-11-18"), completed="Send the doc")])
    by_review = Peer(name="Bo", log=[log("2026-11-19", Kind.MET, "She loved it")])
    still_open = Peer(name="Cy", next=NextStep("Ask about goals", D("2026-11-20")))
    net = Network(peers=[by_note, by_review, still_open],
                  reviews=[Review(D("2026-11-15"), "Bo", "Show Bo the profiler")])
    s = summary(net, D("2026-11-22"))
    assert [(x.peer, x.step) for x in s.steps_done] == [
        ("Al", "Send the doc"), ("Bo", "Show Bo the profiler")]
    assert [(x.peer, x.step, x.date) for x in s.steps_past] == [
        ("Cy", "Ask about goals", D("2026-11-20"))]

def test_regression_a_note_of_the_users_own_starting_done_is_not_a_step_done():
    own = Peer(name="Al", log=[log("2026-11-18", note="Done: with the migration, she says")])
    s = summary(Network(peers=[own]), D("2026-11-22"))
    assert s.steps_done == []


def test_last_reviews_step_still_planned_is_not_done():
    p = Peer(name="Bo", log=[log("2026-11-19")], next=NextStep("Show Bo the profiler",
                                                                D("2026-11-22")))
    net = Network(peers=[p], reviews=[Review(D("2026-11-15"), "Bo", "Show Bo the profiler")])
    s = summary(net, D("2026-11-22"))
    assert s.steps_done == [] and s.steps_past == []  # due today: not past yet


# --- streak --------------------------------------------------------------------------


def test_streak_across_a_year_boundary_by_iso_week():
    # 2026 has 53 ISO weeks: Mon 2026-12-21 is W52, Mon 2026-12-28 W53, Mon 2027-01-04 W1.
    net = Network(reviews=reviews("2026-12-14", "2026-12-23", "2026-12-31", "2027-01-04"))
    assert streak(net, D("2027-01-05")) == 4


def test_streak_counts_from_last_week_while_this_week_has_none_yet():
    net = Network(reviews=reviews("2026-11-09", "2026-11-16"))  # two Mondays
    assert streak(net, D("2026-11-22")) == 2  # Sunday: this week has one
    assert streak(net, D("2026-11-23")) == 2  # Monday, none yet this week: still alive
    assert streak(net, D("2026-11-29")) == 2
    assert streak(net, D("2026-11-30")) == 0  # a whole week without a review has ended


def test_streak_gap_breaks_it_and_two_in_one_week_count_once():
    net = Network(reviews=reviews("2026-10-26", "2026-11-09", "2026-11-10", "2026-11-16"))
    assert streak(net, D("2026-11-17")) == 2
    assert streak(Network(), D("2026-11-17")) == 0


# --- focus status and the choices the review offers -------------------------------------


def test_focus_status_uses_cadence_and_focus_since():
    quick = Peer(name="Quick", tie=Tie.WEAK, focus=True, focus_since=D("2026-10-01"),
                 cadence_days=7, log=[log("2026-11-14")])
    fresh = Peer(name="Fresh", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-20"),
                 log=[log("2026-08-01")])
    grad = Peer(name="Grad", tie=Tie.STRONG, focus=True, focus_since=D("2026-11-01"))
    s = summary(Network(peers=[quick, fresh, grad]), D("2026-11-22"))
    by = {f.peer: f for f in s.focus}
    assert (by["Quick"].days_since, by["Quick"].cadence, by["Quick"].reconnect) == (8, 7, True)
    assert (by["Fresh"].days_since, by["Fresh"].reconnect) == (2, False)
    assert by["Fresh"].last_contact == D("2026-08-01")
    assert by["Grad"].graduated and not by["Quick"].graduated


def test_default_peer_is_focus_peer_longest_without_contact():
    a = Peer(name="A", tie=Tie.WEAK, focus=True, focus_since=D("2026-10-01"),
             log=[log("2026-11-20")])
    b = Peer(name="B", tie=Tie.WEAK, focus=True, focus_since=D("2026-10-01"),
             log=[log("2026-11-02")])
    c = Peer(name="C", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-10"),
             log=[log("2026-11-03")])
    assert default_peer(Network(peers=[a, b, c]), D("2026-11-22")).name == "B"
    # never contacted is longest; among those, the earliest in focus
    d = Peer(name="D", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-21"))
    e = Peer(name="E", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-01"))
    assert default_peer(Network(peers=[a, b, c, d, e]), D("2026-11-22")).name == "E"


def test_default_peer_without_focus_is_best_candidate():
    weak = Peer(name="Weak", tie=Tie.WEAK, matters=[Matters.CURRENT_WORK])
    strong = Peer(name="Strong", tie=Tie.STRONG)
    assert default_peer(Network(peers=[strong, weak]), D("2026-11-22")).name == "Weak"


def test_record_review_sets_the_step_due_at_next_review_and_one_per_day():
    p = Peer(name="Grace Example")
    net = Network(peers=[p], reviews=reviews("2026-11-10"),
                  settings=Settings(review_every_days=7))
    who, due = record_review(net, "grace", "  Ask what   she is excited about ", D("2026-12-29"))
    assert who is p and due == D("2027-01-05")
    assert p.next == NextStep("Ask what she is excited about", D("2027-01-05"))
    record_review(net, "grace", "Another step", D("2026-12-29"))
    assert [(r.date, r.peer, r.step) for r in net.reviews] == [
        (D("2026-11-10"), "", ""), (D("2026-12-29"), "Grace Example", "Another step")]


# --- the ritual with scripted answers (CliRunner) ----------------------------------------


def team() -> Network:
    """Three focus peers (one rated strong already), two more candidates."""
    # Goals noted and last week's outcome recorded, so the memory questions
    # (tests/test_review_memory.py) stay out of these scripts.
    def peer(name, tie, matters, **kw):
        return Peer(name=name, tie=tie, matters=[matters], team=name.split()[1],
                    added=D("2026-10-01"), ties=[TieChange(D("2026-10-01"), tie)],
                    goals=[f"{name.split()[1]} roadmap"], **kw)

    return Network(
        peers=[
            peer("Grace Compilers", Tie.WEAK, Matters.CURRENT_WORK, focus=True,
                 focus_since=D("2026-10-01"), log=[log("2026-11-01", Kind.SHARED)]),
            peer("Bob Infra", Tie.NONEXISTENT, Matters.FUTURE_WORK, focus=True,
                 focus_since=D("2026-10-01")),
            peer("Carol Payments", Tie.STRONG, Matters.BIG_PICTURE, focus=True,
                 focus_since=D("2026-10-01")),
            peer("Dan Search", Tie.WEAK, Matters.CURRENT_WORK),
            peer("Eve Storage", Tie.NONEXISTENT, Matters.BIG_PICTURE),
        ],
        reviews=[Review(D("2026-11-15"), "Grace Compilers", "Send the write-up",
                        Outcome.DONE)],
    )


def load(path) -> Network:
    return Store(path).load()


def test_scripted_review_saves_every_answer(cli, data_file):
    write(data_file, team())
    answers = [
        # Bob Infra (focus peers in name order): connected, met, a note; tie now weak
        "y", "met", "Coffee after the demo", "weak",
        # Carol Payments: no contact, tie unchanged
        "", "",
        # Grace Compilers: connected (default kind chat, no note), tie unchanged
        "yes", "", "", "",
        # Carol graduated: take the second candidate instead of the default
        "2",
        # this week: default peer, suggestion number 1
        "", "1",
    ]
    r = cli("review", input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.stderr
    net = load(data_file)
    bob = net.find("Bob Infra")
    assert [(e.date, e.kind, e.note) for e in bob.log] == [
        (D("2026-11-22"), Kind.MET, "Coffee after the demo")]
    assert bob.tie == Tie.WEAK and bob.ties[-1] == TieChange(D("2026-11-22"), Tie.WEAK)
    grace = net.find("Grace Compilers")
    assert grace.log[-1] == LogEntry(D("2026-11-22"), Kind.CHAT, "")
    assert net.find("Carol Payments").tie == Tie.STRONG
    focus = sorted(p.name for p in net.focus_peers())
    assert "Carol Payments" not in focus and len(focus) == 3
    assert net.find("Carol Payments").focus_since is None
    newcomer = next(n for n in focus if n not in ("Bob Infra", "Grace Compilers"))
    assert net.find(newcomer).focus_since == D("2026-11-22")
    # this week's step: Bob (never contacted... until today) vs Grace (today) vs newcomer
    last = net.reviews[-1]
    assert last.date == D("2026-11-22") and last.step
    chosen = net.find(last.peer)
    assert chosen.focus and chosen.next.step == last.step
    assert chosen.next.due == D("2026-11-29")
    # one stream policy for every flow: the whole conversation on stderr, stdout for data
    assert "Did you connect with Bob Infra since 2026-11-15? [y/N]" in r.stderr
    assert r.stdout == ""
    assert "Weekly review" in r.stderr and "Review recorded" in r.stderr
    assert "Streak: 2 weeks in a row" in r.stderr


def test_file_text_after_a_review_is_valid_toml_with_a_reviews_entry(cli, data_file):
    write(data_file, team())
    r = cli("review", input="\n" * 30)  # Enter to everything: the defaults
    assert r.exit_code == 0, r.stderr
    doc = tomllib.loads(data_file.read_text())
    assert doc["reviews"][-1]["date"] == D("2026-11-22")
    assert {"date", "peer", "step"} <= set(doc["reviews"][-1])


def test_end_of_input_mid_review_keeps_earlier_answers(cli, data_file):
    write(data_file, team())
    r = cli("review", input="y\nshared\nSent the roadmap\n")
    assert r.exit_code == 0
    assert "Your answers so far are saved." in r.stderr
    net = load(data_file)
    assert net.find("Bob Infra").log[-1].note == "Sent the roadmap"
    assert [rv.date for rv in net.reviews] == [D("2026-11-15")]  # not recorded: unfinished


def test_fill_focus_offers_candidates_one_by_one(cli, data_file):
    net = team()
    for p in net.peers:
        if p.name != "Grace Compilers":
            p.focus, p.focus_since = False, None
    write(data_file, net)
    # Grace: no, no change; then focus holds 1 of 3: decline the first offer, accept two
    r = cli("review", input="n\n\nn\ny\ny\n\n\n")
    assert r.exit_code == 0, r.stderr
    after = load(data_file)
    assert len(after.focus_peers()) == 3
    assert r.stderr.count("to focus? [Y/n]") == 3


def test_invalid_answers_are_asked_again(cli, data_file):
    write(data_file, team())
    r = cli("review", input="maybe\ny\ngossip\nhelped\n\nsuperb\nstrong\n")
    assert "Please answer y or n." in r.stderr
    assert "Please answer one of" in r.stderr
    assert "Please answer strong, weak or nonexistent" in r.stderr
    bob = load(data_file).find("Bob Infra")
    assert bob.log[-1].kind == Kind.HELPED and bob.tie == Tie.STRONG


def test_summary_asks_nothing_and_writes_nothing(cli, data_file):
    write(data_file, team())
    before, mtime = data_file.read_bytes(), data_file.stat().st_mtime_ns
    r = cli("review", "--summary")
    assert r.exit_code == 0
    assert r.stderr == ""
    for text in ("Weekly review", "since your last review on 2026-11-15", "Review streak 1 week",
                 "Focus", "Grace Compilers", "graduated", "time to reconnect"):
        assert text in r.stdout
    assert data_file.read_bytes() == before and data_file.stat().st_mtime_ns == mtime
    assert not Store(data_file).backup_dir.exists()


@pytest.mark.parametrize("args", [("review",), ("review", "--summary")])
def test_no_file_points_to_map(cli, data_file, args):
    r = cli(*args, input="")
    assert r.exit_code == 0
    said = r.stdout if "--summary" in args else r.stderr  # a report vs a conversation
    assert "peermap map" in said and "no data file" in said
    assert not data_file.exists()


def test_no_peers_points_to_map(cli, data_file):
    write(data_file, Network())
    r = cli("review", input="")
    assert r.exit_code == 0 and "no peers" in r.stderr and "peermap map" in r.stderr


class Script:
    """A scripted UI for the review flow; `then` is raised when the answers run out."""

    def __init__(self, answers, then: type[BaseException] = EndOfInput, on_ask=None):
        self.answers, self.then, self.on_ask = list(answers), then, on_ask
        self.said: list[tuple[str, str, str]] = []
        self.shown: list[object] = []

    def ask(self, prompt: str, hint: str = "") -> str:
        if self.on_ask:
            self.on_ask(prompt)
        if not self.answers:
            raise self.then
        return self.answers.pop(0)

    def say(self, kind: str, text: str = "", detail: str = "") -> None:
        self.said.append((kind, text, detail))

    def show(self, data) -> None:
        self.shown.append(data)


def test_ctrl_c_propagates_and_keeps_answers(data_file):
    from peermap.flows.review import Review

    write(data_file, team())
    ui = Script(["y", "chat", "Hallway chat"], then=KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        Review(Store(data_file), ui, D("2026-11-22")).run()
    assert load(data_file).find("Bob Infra").log[-1].note == "Hallway chat"


def test_lock_is_not_held_while_waiting_for_an_answer(data_file):
    from peermap.flows.review import Review

    write(data_file, team())
    s = Store(data_file)
    seen = []

    def take_lock(prompt: str) -> None:
        # Another process could change the file now: take the lock ourselves, briefly.
        with s.locked():
            seen.append(prompt)

    ui = Script(["y", "chat", "note", ""], on_ask=take_lock)
    Review(s, ui, D("2026-11-22")).run()  # the end of input stops it cleanly
    assert len(seen) == 5
    assert ("info", "End of input: stopping here. Your answers so far are saved.", "") in ui.said


# --- the review as a person lives it -------------------------------------------


def _team_with(**changes) -> Network:
    net = team()
    for name, change in changes.items():
        change(net.find(name.replace("_", " ")))
    return net


def test_enter_keeps_the_step_the_user_wrote(cli, data_file):
    """Item 7: Enter at 'One small step' keeps the current next step."""
    def own_step(p):
        p.next = NextStep("Ask Bob about the migration", D("2026-11-20"))

    write(data_file, _team_with(Bob_Infra=own_step))
    r = cli("review", input="\n" * 30)
    assert r.exit_code == 0, r.stderr
    bob = load(data_file).find("Bob Infra")
    assert bob.next == NextStep("Ask Bob about the migration", D("2026-11-29"))
    assert load(data_file).reviews[-1].step == "Ask Bob about the migration"
    assert "Enter keeps the current step" in r.stderr


def test_no_did_you_connect_after_a_contact_logged_today(cli, data_file):
    """Item 9: 'last contact today' is not followed by 'Did you connect…?'."""
    def today_chat(p):
        p.log.append(log("2026-11-22", Kind.CHAT, "Lunch"))

    write(data_file, _team_with(Grace_Compilers=today_chat))
    r = cli("review", input="\n" * 30)
    assert r.exit_code == 0, r.stderr
    assert "Did you connect with Grace Compilers" not in r.stderr
    assert "Your contact with Grace Compilers today is already logged." in r.stderr
    assert "Did you connect with Bob Infra since 2026-11-15?" in r.stderr
    assert [e.note for e in load(data_file).find("Grace Compilers").log] == ["", "Lunch"]


def test_contact_since_the_last_review_is_asked_about_as_again(cli, data_file):
    def chat(p):
        p.log.append(log("2026-11-20"))

    write(data_file, _team_with(Grace_Compilers=chat))
    r = cli("review", input="\n" * 30)
    assert "Did you connect with Grace Compilers again since 2026-11-20? [y/N]" in r.stderr


def test_review_asks_whether_a_logged_contact_completed_the_next_step(cli, data_file):
    """Item 9: logging in the review asks about the planned step; yes records it done."""
    def planned(p):
        p.next = NextStep("Ask Bob about the migration", D("2026-11-20"))

    write(data_file, _team_with(Bob_Infra=planned))
    r = cli("review", input="y\nmet\nCoffee\ny\n" + "\n" * 30)
    assert r.exit_code == 0, r.stderr
    assert "Did that complete the next step (Ask Bob about the migration)? [y/N]" in r.stderr
    bob = load(data_file).find("Bob Infra")
    assert [(e.kind, e.note, e.completed) for e in bob.log] == [
        (Kind.MET, "Coffee", "Ask Bob about the migration")]  # one entry, no duplicate
    assert "next step done: Ask Bob about the migration" in r.stderr


def test_review_logging_without_a_planned_step_asks_nothing_more(cli, data_file):
    write(data_file, team())
    r = cli("review", input="y\nmet\nCoffee\n" + "\n" * 30)
    assert "Did that complete" not in r.stderr
    assert load(data_file).find("Bob Infra").log[-1].completed == ""


def test_planned_step_is_not_repeated_among_the_ideas(data_file):
    """Item 10: the step already planned is listed once, as the current step."""
    from peermap.core.suggestions import suggest
    from peermap.flows.answers import step_text
    from peermap.flows.review import Review

    net = team()
    bob = net.find("Bob Infra")
    planned = step_text(suggest(net, bob, D("2026-11-22"))[0].text)
    bob.next = NextStep(planned, D("2026-11-20"))
    write(data_file, net)
    net = load(data_file)
    r = Review(Store(data_file), Script([""]), D("2026-11-22"))
    assert r.choose_step(net, net.find("Bob Infra")) == planned
    tips = [t for k, t, _ in r.ui.said if k == "tip"]
    assert sum(planned in t for t in tips) == 1 and planned in tips[-1]


def test_ideas_after_the_step_are_not_the_ones_just_turned_down(data_file):
    """Item 10: after typing an own step, 'Ideas for it' does not repeat the offered ideas."""
    from peermap.flows.review import Review

    write(data_file, team())
    ui = Script(["n", "", "n", "", "n", "", "k", "bob", "Invite Bob to the perf guild"])
    Review(Store(data_file), ui, D("2026-11-22")).run()
    assert load(data_file).find("Bob Infra").next.step == "Invite Bob to the perf guild"
    kinds = [(k, t) for k, t, _ in ui.said]
    offered = {t.split(". ", 1)[1] for k, t in kinds if k == "tip" and t[0].isdigit()}
    after = [t for k, t in kinds[kinds.index(("info", "Ideas for Bob Infra:")) + 1:]
             if k == "tip" and t.startswith("• ")]
    assert offered and not any(t[2:].rstrip(".") in offered for t in after)


def test_summary_does_not_say_the_streak_starts_when_it_records_nothing(cli, data_file):
    """Item 11."""
    net = team()
    net.reviews = []
    write(data_file, net)
    r = cli("review", "--summary")
    assert r.exit_code == 0
    assert "starts with this one" not in r.stdout
    assert "Review streak none running: peermap review starts one" in r.stdout
    r = cli("review", input="\n" * 30)
    assert "Review streak starts with this one" in r.stderr


def test_an_ask_their_help_answered_says_so_in_the_review():
    from peermap.core.review import open_loops

    p = Peer("Tomás Ferreira", log=[
        LogEntry(date(2026, 10, 8), Kind.FEEDBACK_ASKED, "Asked him to review our export job."),
        LogEntry(date(2026, 11, 16), Kind.ASKED, "Asked when the schema change lands."),
        LogEntry(date(2026, 12, 9), Kind.THEY_HELPED, "Reviewed our export job overnight")])
    lines = [d.detail for d in open_loops(Network(peers=[p]), date(2026, 12, 14))]
    assert lines[0].endswith("export job; their help of 2026-12-09 looks like the answer")
    assert "looks like the answer" not in lines[1]
