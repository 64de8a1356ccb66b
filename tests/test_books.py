"""The books are right (docs/books.md): steps, promises, loops both ways, feedback, contacts,
time away, snoozes and the review's default peer, through the CLI over several dates."""

from __future__ import annotations

import json
from datetime import date

from conftest import error, ok
from factories import write
from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Network,
    NextStep,
    Peer,
    Review,
    Tie,
    WhyNone,
)
from peermap.storage.store import Store

D = date.fromisoformat


def load(path) -> Network:
    return Store(path).load()


def ana_with_step(**kw) -> Network:
    """Ana Lima in focus with the step chosen at the review of 2027-01-04."""
    ana = Peer(name="Ana Lima", tie=Tie.WEAK, matters=[Matters.CURRENT_WORK], focus=True,
               focus_since=D("2026-12-01"), log=[LogEntry(D("2027-01-02"), Kind.CHAT, "hi")],
               next=NextStep("Ask Ana about the billing cluster", D("2027-01-11")), **kw)
    return Network(peers=[ana],
                   reviews=[Review(D("2027-01-04"), "Ana Lima", "Ask Ana about the billing "
                                   "cluster")])


# --- steps ------------------------------------------------------------------------------


def test_done_in_the_review_completes_the_step_as_done_does(cli, data_file):
    write(data_file, ana_with_step())
    r = ok(cli("--today", "2027-01-11", "review", input="done\n"))
    assert "Noted: done" in r.stderr + r.stdout
    ana = load(data_file).peers[0]
    assert ana.next is None
    assert ana.log[-1].completed == "Ask Ana about the billing cluster"
    assert ana.log[-1].date == D("2027-01-11")
    out = ok(cli("--today", "2027-01-11", "remind")).stdout
    assert "next step with Ana" not in out
    assert "Build on last week's step" not in ok(cli("--today", "2027-01-11", "suggest",
                                                     "ana")).stdout or ana.next is None


def test_too_big_asks_for_a_smaller_step_and_wrong_moment_for_a_date(cli, data_file):
    write(data_file, ana_with_step())
    ok(cli("--today", "2027-01-11", "review", input="too big\nSend Ana one question\n"))
    ana = load(data_file).peers[0]
    assert ana.next is not None and ana.next.step == "Send Ana one question"
    assert [r.step for r in ana.replaced] == ["Ask Ana about the billing cluster"]
    write(data_file, ana_with_step())
    ok(cli("--today", "2027-01-11", "review", input="wrong moment\n2027-01-20\n"))
    ana = load(data_file).peers[0]
    assert ana.next == NextStep("Ask Ana about the billing cluster", D("2027-01-20"))
    write(data_file, ana_with_step())
    ok(cli("--today", "2027-01-11", "review", input="not yet\n"))
    assert load(data_file).peers[0].next == ana_with_step().peers[0].next


def test_a_suggestion_taken_as_a_step_keeps_only_its_action(cli, data_file):
    ana = Peer(name="Ana Lima", tie=Tie.WEAK, matters=[Matters.CURRENT_WORK], focus=True,
               focus_since=D("2026-12-01"), pressures=["the PCI audit"],
               log=[LogEntry(D("2026-12-20"), Kind.PROMISED, "send the audit checklist")])
    write(data_file, Network(peers=[ana]))
    # Enter at "Which relationship?" takes Ana, "1" the first idea.
    ok(cli("--today", "2027-01-11", "review", input="\n\n\n\n1\n"))
    step = load(data_file).peers[0].next.step
    assert step and ";" not in step and "peermap" not in step
    assert "your words" not in step and "your log" not in step
    assert not step.startswith("Pick one small step")


# --- promises with dates ------------------------------------------------------------


def test_a_promise_is_due_from_its_week_and_late_after(cli, data_file):
    ok(cli("add", "Chen"))
    ok(cli("--today", "2027-01-10", "log", "chen", "Shorten cursor tokens", "--kind",
           "promised", "--due", "2027-01-20"))
    assert "due = 2027-01-20" in data_file.read_text()
    assert "promise" not in ok(cli("--today", "2027-01-15", "remind")).stdout
    assert "promise to Chen, due in 2 days" in ok(cli("--today", "2027-01-18",
                                                      "remind")).stdout
    assert "promise to Chen, due today" in ok(cli("--today", "2027-01-20", "remind")).stdout
    doc = json.loads(ok(cli("--today", "2027-01-24", "remind", "--format", "json")).stdout)
    promise = [d for d in doc["due"] if d["type"] == "promise"]
    assert promise == [{"type": "promise", "peer": "Chen", "days": 4,
                        "detail": "Shorten cursor tokens (due 2027-01-20)"}]
    assert "late by 4 days" in ok(cli("--today", "2027-01-24", "remind")).stdout
    ok(cli("--today", "2027-01-24", "close", "chen"))
    assert "promise" not in ok(cli("--today", "2027-01-25", "remind")).stdout


def test_due_takes_the_plan_forms_and_only_goes_with_loops(cli, data_file):
    ok(cli("add", "Chen"))
    ok(cli("log", "chen", "the deck", "--kind", "promised", "--due", "friday"))
    assert "due = 2026-11-27" in data_file.read_text()
    before = data_file.read_bytes()
    assert "--due goes with a promise" in error(cli("log", "chen", "x", "--due", "friday"))
    assert "is not a date" in error(cli("log", "chen", "x", "-k", "promised", "--due", "soon"))
    assert data_file.read_bytes() == before


def test_one_meeting_logged_on_several_peers(cli, data_file):
    for n in ("Ana", "Bob", "Chen"):
        ok(cli("add", n))
    r = ok(cli("log", "ana", "bob", "chen", "--note", "Design review", "--kind", "met"))
    assert "Ana, Bob, Chen" in r.stdout
    net = load(data_file)
    assert all([(e.kind, e.note) for e in p.log] == [(Kind.MET, "Design review")]
               for p in net.peers)
    before = data_file.read_bytes()
    assert "--note" in error(cli("log", "ana", "bob", "chen"))
    assert "named twice" in error(cli("log", "ana", "ana", "--note", "x"))
    assert "no peer called" in error(cli("log", "ana", "zed", "--note", "x"))
    assert data_file.read_bytes() == before


# --- loops both ways, feedback ----------------------------------------------------------


def test_close_note_records_what_they_said(cli, data_file):
    ok(cli("add", "Aisha"))
    ok(cli("log", "aisha", "my design doc", "--kind", "feedback-asked", "--date", "10d"))
    r = ok(cli("close", "aisha", "--note", "cut the intro"))
    assert "cut the intro" in r.stdout
    assert 'answer = "cut the intro"' in data_file.read_text()


def test_they_asked_is_a_loop_you_owe_and_the_look_back_lists_young_loops(cli, data_file):
    ok(cli("add", "Kim", "--tie", "weak", "--matters", "current-work"))
    ok(cli("log", "kim", "review my RFC", "--kind", "they-asked", "--date", "2d"))
    ok(cli("log", "kim", "intro to Sam", "--kind", "asked", "--date", "yesterday"))
    out = ok(cli("review", "--summary")).stdout
    assert "they asked you, 2026-11-20: review my RFC" in out
    assert "you asked, 2026-11-21: intro to Sam" in out
    # remind waits for the cadence (14 days) when a loop has no due date.
    assert "open loop" not in ok(cli("remind")).stdout
    assert "open loop with Kim (they asked you" in ok(cli("--today", "+15d", "remind")).stdout


def test_close_number_is_ascii_and_long_numbers_are_not_echoed(cli, data_file):
    ok(cli("add", "Kim"))
    ok(cli("log", "kim", "a", "--kind", "asked"))
    assert "'²'" in error(cli("close", "kim", "²"))
    msg = error(cli("close", "kim", "9" * 5000))
    assert len(msg) < 200


# --- a contact ends "not tried" -----------------------------------------------------------


def test_a_logged_contact_ends_not_tried(cli, data_file):
    ok(cli("add", "Hannah", "--tie", "nonexistent", "--why-none", "not-tried",
           "--matters", "current-work", "--location", "London"))
    ok(cli("me", "--location", "London"))
    def situations(*args: str) -> set[str]:
        out = json.loads(ok(cli(*args, "suggest", "hannah", "--format", "json")).stdout)
        return {s["situation"] for s in out[0]["suggestions"]}

    assert "first-contact" in situations()
    ok(cli("log", "hannah", "15-minute call", "--kind", "met"))
    assert "why_none" not in data_file.read_text()
    for day in ("2026-11-22", "2026-11-29", "2026-12-06"):
        assert "first-contact" not in situations("--today", day), day
        out = ok(cli("--today", day, "suggest", "hannah")).stdout
        assert "in person" not in out and "before you need anything" not in out


# --- time away and snooze ---------------------------------------------------------------


def away_net() -> Network:
    chen = Peer(name="Chen", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-01"),
                log=[LogEntry(D("2026-12-01")),
                     LogEntry(D("2026-12-05"), Kind.PROMISED, "the deck", due=D("2026-12-23"))])
    sofia = Peer(name="Sofia", tie=Tie.STRONG, log=[LogEntry(D("2026-10-01"))])
    return Network(peers=[chen, sofia],
                   reviews=[Review(D(d)) for d in ("2026-11-30", "2026-12-07", "2026-12-14")])


def test_away_silences_remind_except_promises_and_keeps_the_streak(cli, data_file):
    write(data_file, away_net())
    noisy = ok(cli("--today", "2026-12-22", "remind")).stdout
    assert "reconnect" in noisy and "going quiet" in noisy and "weekly review" in noisy
    ok(cli("--today", "2026-12-15", "away", "2027-01-03"))
    assert "[[away]]" in data_file.read_text()
    quiet = ok(cli("--today", "2026-12-22", "remind")).stdout
    assert quiet.splitlines() == ["promise to Chen, due in 1 day: the deck (due 2026-12-23)"]
    r = ok(cli("--today", "2027-01-04", "review", input="\n\n\n\n\n\n\n\n"))
    assert "4 weeks in a row" in r.stdout + r.stderr


def test_the_first_review_after_time_away_looks_back_over_the_whole_absence(cli, data_file):
    net = away_net()
    net.reviews.append(Review(D("2026-12-28")))  # one review during the time away
    net.peers[1].log.append(LogEntry(D("2026-12-20"), Kind.HELPED, "sent the notes"))
    write(data_file, net)
    ok(cli("--today", "2026-12-15", "away", "2027-01-03"))
    out = ok(cli("--today", "2027-01-04", "review", "--summary")).stdout
    assert "Interactions  1 (1 helped)" in out


def test_away_off_and_snooze(cli, data_file):
    write(data_file, away_net())
    ok(cli("--today", "2026-12-20", "away", "2027-01-03", "--from", "2026-12-19"))
    ok(cli("--today", "2026-12-22", "away", "--off"))
    assert "until = 2026-12-21" in data_file.read_text()
    assert "reconnect" in ok(cli("--today", "2026-12-22", "remind")).stdout
    ok(cli("--today", "2026-12-22", "snooze", "sofia", "2027-01-10"))
    ok(cli("--today", "2026-12-22", "snooze", "chen", "2027-01-10"))
    out = ok(cli("--today", "2026-12-22", "remind")).stdout
    assert "Sofia" not in out and "reconnect" not in out
    assert "going quiet" in ok(cli("--today", "2027-01-11", "remind")).stdout
    assert "you are not away" in error(cli("--today", "2027-02-01", "away", "--off"))


# --- the review's default peer ----------------------------------------------------------


def test_default_peer_is_the_most_urgent(cli, data_file):
    def focus(name: str, last: str, **kw) -> Peer:
        return Peer(name=name, tie=Tie.WEAK, focus=True, focus_since=D("2026-10-01"),
                    log=[LogEntry(D(last)), *kw.pop("log", [])], **kw)

    old = focus("Olga", "2026-09-01")
    late = focus("Lars", "2026-11-20", next=NextStep("coffee", D("2026-11-10")))
    promise = focus("Pia", "2026-11-20", log=[LogEntry(D("2026-11-19"), Kind.PROMISED, "deck",
                                                       due=D("2026-11-22"))])
    risk = focus("Rita", "2026-11-21", at_risk="the export may slip",
                 affects=[Affects.RELIES_ON_ME])
    for peers, who in (([old, late, promise, risk], "Rita"), ([old, late, promise], "Pia"),
                       ([old, late], "Lars"), ([old], "Olga")):
        write(data_file, Network(peers=list(peers)))
        r = ok(cli("review", "--summary"))
        from peermap.core.review import default_peer

        assert default_peer(load(data_file), D("2026-11-22")).name == who, r.stdout


# --- --acted ------------------------------------------------------------------------------


def test_log_acted_keeps_the_situation_of_todays_suggestion(cli, data_file):
    ok(cli("add", "Grace", "--tie", "weak", "--matters", "current-work", "--goal",
           "ship the allocator"))
    doc = json.loads(ok(cli("suggest", "grace", "--format", "json")).stdout)
    assert doc[0]["suggestions"]
    ok(cli("log", "grace", "Sent a link", "--kind", "shared", "--acted", "1"))
    net = load(data_file)
    assert net.peers[0].log[-1].acted
    ok(cli("log", "grace", "Thanked her", "--acted", "thank"))
    assert 'acted = "thank"' in data_file.read_text()
    before = data_file.read_bytes()
    assert "situation key" in error(cli("log", "grace", "x", "--acted", "nonsense"))
    assert "numbered 1 to" in error(cli("log", "grace", "x", "--acted", "99"))
    assert data_file.read_bytes() == before


def test_skipped_follow_up_is_not_still_to_do(cli, data_file):
    write(data_file, Network(peers=[
        Peer(name=n, tie=Tie.WEAK, matters=[Matters.CURRENT_WORK], focus=True)
        for n in ("Ann", "Ben", "Cat")]))
    out = ok(cli("map", "--step", "follow-up", input="-\n-\n-\n"))
    assert "Still to do" not in out.stdout + out.stderr


def test_why_none_kept_for_a_clash(cli, data_file):
    ok(cli("add", "Derek", "--tie", "nonexistent", "--why-none", "clash"))
    ok(cli("log", "derek", "listened"))
    assert 'why_none = "clash"' in data_file.read_text()


def test_due_on_log_entry_validates(cli, data_file):
    write(data_file, Network(peers=[Peer(name="Kim", log=[
        LogEntry(D("2026-11-01"), Kind.PROMISED, "x", due=D("2026-11-05"),
                 closed=D("2026-11-06"), answer="ok")])]))
    assert load(data_file).peers[0].log[0].due == D("2026-11-05")
    assert WhyNone.CLASH.value == "clash"


# --- debrief ------------------------------------------------------------------------------


def chen_relies() -> Network:
    return Network(peers=[Peer(name="Chen", tie=Tie.WEAK, affects=[Affects.RELIES_ON_ME],
                               log=[LogEntry(D("2026-11-10"), Kind.ASKED, "the key")])])


# The fixed order: met, note, goals..., pressures..., promises..., they asked..., feedback,
# what you will do, loops to close, said in confidence, at risk, tie, next step, its date.
PIPED = "y\nnote\ngoal\n\n\npromise due 2026-11-27\n\n\n\n\n\n1\n\n\nw\n\n\n"


def test_piped_debrief_answers_land_in_their_fields_for_any_peer(cli, data_file):
    for net in (chen_relies(), Network(peers=[Peer(name="Chen", tie=Tie.STRONG, log=[
            LogEntry(D("2026-11-10"), Kind.ASKED, "the key")])])):
        write(data_file, net)
        r = ok(cli("debrief", "chen", input=PIPED))
        assert "Debrief saved" in r.stderr
        chen = load(data_file).peers[0]
        assert chen.tie == Tie.WEAK and chen.at_risk == "" and chen.goals == ["goal"]
        promise = next(e for e in chen.log if e.kind == Kind.PROMISED)
        assert (promise.note, promise.due) == ("promise", D("2026-11-27"))
        assert next(e for e in chen.log if e.kind == Kind.ASKED).closed == D("2026-11-22")


def test_debrief_options_save_everything_at_once(cli, data_file):
    write(data_file, chen_relies())
    ok(cli("debrief", "chen", "--note", "good talk", "--goal", "ship it", "--goal", "hire",
           "--pressure", "Q1 audit", "--promise", "send the deck", "--promise-due", "friday",
           "--close", "1", "--tie", "s", "--at-risk", "the export", "--they-asked",
           "review my RFC", "--feedback", "too long", "--will-do", "cut it", "--private",
           "leaving in March", "--next", "send the deck", "--due", "monday"))
    chen = load(data_file).peers[0]
    assert chen.goals == ["hire", "ship it"] and chen.pressures == ["Q1 audit"]
    assert chen.tie == Tie.STRONG and chen.at_risk == "the export"
    assert chen.notes == "[private] leaving in March"
    assert chen.next == NextStep("send the deck", D("2026-11-23"))
    kinds = {e.kind: e for e in chen.log}
    assert kinds[Kind.MET].note == "good talk"
    assert kinds[Kind.PROMISED].due == D("2026-11-27")
    assert kinds[Kind.THEY_ASKED].closed is None
    assert kinds[Kind.ASKED].closed == D("2026-11-22")
    assert "too long" in kinds[Kind.THEY_HELPED].note


def test_debrief_feedback_answers_the_open_request(cli, data_file):
    write(data_file, Network(peers=[Peer(name="Aisha", log=[
        LogEntry(D("2026-11-08"), Kind.FEEDBACK_ASKED, "my design doc")])]))
    ok(cli("debrief", "aisha", "--feedback", "cut the intro", "--will-do", "rewrite it"))
    e = load(data_file).peers[0].log[0]
    assert e.closed == D("2026-11-22") and e.answer == "cut the intro (you will: rewrite it)"


def test_debrief_bad_numbers_are_clear_errors(cli, data_file):
    write(data_file, chen_relies())
    before = data_file.read_bytes()
    assert "'²'" in error(cli("debrief", "chen", "--close", "²"))
    assert "from 1 to 1" in error(cli("debrief", "chen", "--close", "3"))
    assert "…" in error(cli("debrief", "chen", "--close", "7" * 5000))
    assert data_file.read_bytes() == before
    r = ok(cli("debrief", "chen", input="n\n\n\n\n\n\n\n\n\n²\n\n"))
    assert "² is not a number from the list" in r.stderr
    assert load(data_file).peers[0].log[0].closed is None


# --- dates stay inside the calendar -------------------------------------------------------


def test_dates_that_would_leave_the_calendar_are_clear_errors(cli, data_file):
    ok(cli("add", "Kim"))
    ok(cli("log", "kim", "a", "--kind", "asked"))
    before = data_file.read_bytes()
    for args in (("--today", "0001-01-01", "stats"), ("--today", "0001-01-01", "review",
                                                      "--summary"),
                 ("--today", "9999-12-31", "plan", "Kim", "x"),
                 ("--today", "9999-12-31", "review"), ("plan", "Kim", "x", "--due",
                                                       "9999-12-31"),
                 ("remind", "--as-of", "0001-01-01")):
        assert "too far from now" in error(cli(*args, input="\n")), args
    assert data_file.read_bytes() == before
    write(data_file, Network(peers=[Peer(name="Kim")], reviews=[Review(D("9999-12-30"))]))
    assert "after 9999-12-31" in error(cli("plan", "kim", "x"))
    assert "after 9999-12-31" in error(cli("export", "--format", "ics"))


def test_show_json_carries_the_state_record(cli, data_file):
    write(data_file, Network(peers=[Peer(name="Kim", next=NextStep("coffee", D("2026-11-20")),
                                         log=[LogEntry(D("2026-11-10"), Kind.THEY_ASKED, "RFC"),
                                              LogEntry(D("2026-11-12"), Kind.PROMISED, "deck",
                                                       due=D("2026-11-30"))])]))
    st = json.loads(ok(cli("show", "kim", "--format", "json")).stdout)["state"]
    assert st["step"]["overdue_days"] == 2
    assert [(lp["direction"], lp["kind"], lp["due"]) for lp in st["loops"]] == [
        ("theirs", "they-asked", None), ("yours", "promised", "2026-11-30")]
    assert st["last_by_kind"] == {"they-asked": "2026-11-10", "promised": "2026-11-12"}
    doc = json.loads(ok(cli("loops", "--format", "json")).stdout)
    assert [lp["due"] for lp in doc] == [None, "2026-11-30"]


# --- exact resume -------------------------------------------------------------------------


def test_walkthrough_resumes_at_the_profile_question_and_a_new_peers_location(cli, data_file):
    # Stopped at "your team": the next run asks team, location and strengths.
    r = ok(cli("map", input="Mira\n"))
    assert "End of input" in r.stderr
    r = ok(cli("map", input="Payments\nLondon\nSQL tuning\n\nGrace\nCompilers\n"))
    assert "your team" in r.stderr and "your location" in r.stderr
    assert "who on your own team (Payments)" in " ".join(r.stderr.split())
    text = data_file.read_text()
    assert 'team = "Payments"' in text and 'strengths = ["SQL tuning"]' in text
    # Stopped at Grace's location: asked first on the next run.
    r = ok(cli("map", input="Berlin\n"))
    assert load(data_file).find("Grace").location == "Berlin"


def test_the_review_resumes_after_the_check_ins_already_answered(cli, data_file):
    write(data_file, Network(peers=[
        Peer(name=n, tie=Tie.WEAK, matters=[Matters.CURRENT_WORK], focus=True,
             focus_since=D("2026-11-01")) for n in ("Ann", "Ben")]))
    r = ok(cli("review", input="n\n\n"))  # Ann: no contact, tie unchanged; then stopped
    assert "Did you connect with Ann" in r.stderr and "Did you connect with Ben" in r.stderr
    assert "[review_progress]" in data_file.read_text()
    r = ok(cli("review", input="n\n\n"))
    assert "Did you connect with Ann" not in r.stderr
    assert "Already checked in with Ann" in r.stderr and "Did you connect with Ben" in r.stderr
    ok(cli("review", input="\n\n"))  # the default peer and its first idea: recorded
    assert "[review_progress]" not in data_file.read_text()
    assert "Did you connect with Ann" in ok(cli("--today", "+7d", "review", input="\n")).stderr


def test_done_acted_keeps_the_situation(cli, data_file):
    ok(cli("add", "Grace", "--tie", "weak", "--matters", "current-work"))
    ok(cli("plan", "grace", "coffee"))
    ok(cli("done", "grace", "had coffee", "--acted", "learn"))
    e = load(data_file).peers[0].log[-1]
    assert (e.completed, e.acted) == ("coffee", "learn")


# --- the advice reads the books (docs/advice.md) -----------------------------------------


def _texts(cli, day: str, who: str) -> list[dict]:
    out = json.loads(ok(cli("--today", day, "suggest", who, "--format", "json")).stdout)
    return out[0]["suggestions"]


def test_regression_feedback_is_not_thanked_before_it_arrives(cli, data_file):
    """An open feedback request is chased, never thanked; once closed with what they said,
    thanks come first and quote it."""
    write(data_file, Network(peers=[Peer(
        name="Aisha", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-01"),
        log=[LogEntry(D("2026-11-20"), Kind.FEEDBACK_ASKED, "Review my RFC")])]))
    for day in ("2026-12-01", "2026-12-08"):
        texts = " ".join(s["text"] for s in _texts(cli, day, "aisha"))
        assert "did with the feedback" not in texts and "feedback you used" not in texts
        assert "Thank" not in texts
    ok(cli("--today", "2026-12-08", "close", "aisha", "--note", "cut the intro"))
    first = _texts(cli, "2026-12-09", "aisha")[0]
    assert first["situation"] == "thank" and first["now"]
    assert "cut the intro" in first["text"]


def test_regression_an_undated_promise_is_never_given_a_date(cli, data_file):
    write(data_file, Network(peers=[Peer(
        name="Kwame", tie=Tie.STRONG, focus=True, focus_since=D("2026-11-01"),
        log=[LogEntry(D("2026-11-14"), Kind.PROMISED, "Send the demo outline by Nov 28")])]))
    promise = [s for s in _texts(cli, "2026-12-02", "kwame")
               if s["situation"] == "keep-promise"]
    assert promise and "due Nov" not in promise[0]["text"]
    assert "open 2 weeks" in promise[0]["text"] or "from Nov 14" in promise[0]["text"]


def test_debrief_meet_puts_whom_they_suggested_on_the_to_meet_list(cli, data_file):
    write(data_file, chen_relies())
    ok(cli("debrief", "chen", "--meet", "Priya Nair", "--meet", "Sam Roe"))
    net = load(data_file)
    assert sorted((m.name, m.via) for m in net.to_meet) == [("Priya Nair", "Chen"),
                                                            ("Sam Roe", "Chen")]
    before = data_file.read_bytes()
    assert "already on your map" in error(cli("debrief", "chen", "--meet", "Chen"))
    assert data_file.read_bytes() == before


def test_a_first_contact_brings_one_rerate_prompt_and_no_same_day_follow_up(cli, data_file):
    ok(cli("add", "Hannah", "--tie", "nonexistent", "--why-none", "not-tried",
           "--matters", "current-work"))
    ok(cli("log", "hannah", "15-minute call", "--kind", "met"))  # today: 2026-11-22

    def plan(day: str) -> list[dict]:
        return _texts(cli, day, "hannah")

    today = plan("2026-11-22")
    assert any(s["situation"] == "rerate" and "peermap rate Hannah weak" in s["text"]
               for s in today)
    assert not any("what happened next" in s["text"] or "one step further" in s["text"]
                   for s in today)
    assert not any(s["situation"] == "rerate" for s in plan("2026-12-06"))


def test_a_step_done_in_the_review_is_not_asked_about_again_at_check_in(cli, data_file):
    """'done' logs today's contact; the check-in that follows says so instead of asking
    "Did you connect with Ana again since …?" (which would invite a duplicate entry)."""
    write(data_file, ana_with_step())
    r = ok(cli("--today", "2027-01-11", "review", input="done\n\n\n\n\n\n"))
    out = r.stdout + r.stderr
    assert "Your contact with Ana Lima today is already logged." in out
    assert "Did you connect with Ana Lima again" not in out
    header = [line for line in out.splitlines() if "★ Ana Lima" in line][-1]  # check-in
    assert "last contact today" in header, header  # not the stale date of the look-back
    assert "no next step planned" in out
    assert sum(e.date == D("2027-01-11") for e in load(data_file).peers[0].log) == 1


def test_regression_the_brief_does_not_assume_requested_feedback_arrived(cli, data_file):
    write(data_file, Network(peers=[Peer(
        name="Aisha", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-01"),
        log=[LogEntry(D("2026-11-10"), Kind.HELPED, "Paired on the flaky test"),
             LogEntry(D("2026-11-12"), Kind.SHARED, "Sent the profiling notes"),
             LogEntry(D("2026-11-20"), Kind.FEEDBACK_ASKED, "Review my RFC")])]))
    b = json.loads(ok(cli("--today", "2026-12-01", "brief", "aisha", "--format", "json")).stdout)
    assert "what you did with" not in b["dont"]
    assert "still open" in b["dont"]
