"""`export --format ics`: read back by icalendar and by an independent parser (vobject)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import icalendar
import pytest
import vobject

from conftest import subprocess_env
from peermap.core.model import Network, NextStep, Peer, Review, Settings
from peermap.formats.exporters import export

TODAY = date(2026, 11, 27)
NOTE = "Private: prefers mornings; two kids, \"Q\" <&>"


def network(step: str = "Ask what she is most excited about") -> Network:
    return Network(
        settings=Settings(review_every_days=7),
        peers=[
            Peer("Grace Example", notes=NOTE, next=NextStep(step, date(2026, 12, 1))),
            Peer("Zoë Ünal; Lee, \"Jr\"", next=NextStep("Share the profiling write-up")),
            Peer("Bob Stone", notes="no step, so no to-do"),
        ],
        reviews=[Review(date(2026, 11, 21), "Grace Example", step)],
    )


def components(text: str, name: str) -> list:
    return [c for c in icalendar.Calendar.from_ical(text).walk() if c.name == name]


def test_one_todo_per_next_step_with_due_date_and_peer_name():
    todos = components(export("ics", network(), TODAY), "VTODO")
    assert [str(t["summary"]) for t in todos] == [
        "Grace Example: Ask what she is most excited about",
        'Zoë Ünal; Lee, "Jr": Share the profiling write-up',
    ]
    assert todos[0].decoded("due") == date(2026, 12, 1)
    assert "due" not in todos[1]
    assert "peermap done 'Grace Example'" in str(todos[0]["description"])


def test_the_review_recurs_weekly_from_the_last_review():
    ev = components(export("ics", network(), TODAY), "VEVENT")
    assert len(ev) == 1
    assert str(ev[0]["summary"]) == "peermap: weekly review"
    assert ev[0].decoded("dtstart") == date(2026, 11, 28)
    assert ev[0]["rrule"] == {"FREQ": ["WEEKLY"], "INTERVAL": [1]}
    net = network()
    net.settings.review_every_days = 10
    ev = components(export("ics", net, TODAY), "VEVENT")[0]
    assert ev["rrule"] == {"FREQ": ["DAILY"], "INTERVAL": [10]}
    assert str(ev["summary"]) == "peermap: review (every 10 days)"


def test_uids_are_stable_across_exports_and_changed_steps():
    def uids(text: str) -> list[str]:
        cal = icalendar.Calendar.from_ical(text)
        return [str(c["uid"]) for c in cal.walk() if c.name in ("VTODO", "VEVENT")]

    first = uids(export("ics", network(), TODAY))
    later = uids(export("ics", network("Invite her to the demo"), date(2027, 1, 5)))
    assert first == later and len(set(first)) == 3


def test_notes_only_with_with_notes():
    plain = export("ics", network(), TODAY)
    assert "mornings" not in plain and "no step" not in plain
    todo = components(export("ics", network(), TODAY, with_notes=True), "VTODO")[0]
    assert str(todo["description"]).endswith("Notes:\n" + NOTE)


def test_a_second_parser_reads_the_same_calendar():
    cal = vobject.readOne(export("ics", network(), TODAY, with_notes=True))
    todos = cal.contents["vtodo"]
    assert [t.summary.value for t in todos] == [
        "Grace Example: Ask what she is most excited about",
        'Zoë Ünal; Lee, "Jr": Share the profiling write-up',
    ]
    assert todos[0].due.value == date(2026, 12, 1)
    assert todos[0].description.value.endswith(NOTE)
    review = cal.vevent
    assert review.rrule.value == "FREQ=WEEKLY;INTERVAL=1"
    assert review.dtstart.value == date(2026, 11, 28)
    assert len({t.uid.value for t in todos} | {review.uid.value}) == 3


def test_cli_writes_the_file_privately_and_it_parses(cli, tmp_path):
    cli("add", "Grace Example")
    cli("plan", "Grace Example", "Ask about the rollout", "--due", "2026-12-01")
    cli("edit", "Grace Example", "--note", "secret")
    out = tmp_path / "peermap.ics"
    r = cli("export", "--format", "ics", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == f"Wrote {out} (ics).\n"
    assert out.stat().st_mode & 0o777 == 0o600
    text = out.read_text()
    assert "secret" not in text
    assert [str(t["summary"]) for t in components(text, "VTODO")] == [
        "Grace Example: Ask about the rollout"]
    r = cli("export", "--format", "ics", "--with-notes")
    assert "Notes:\\nsecret" in r.stdout
    r = cli("export", "--format", "csv", "--with-notes")
    assert r.exit_code == 1 and "the csv export always holds notes" in r.stderr


@pytest.mark.slow
def test_export_in_a_real_process_parses(tmp_path):
    data = tmp_path / "peers.toml"
    env = subprocess_env(data)
    for args in (["add", "Grace Example"], ["plan", "grace", "Ask about the rollout", "--due",
                                            "2026-12-01"], ["export", "--format", "ics"]):
        r = subprocess.run([sys.executable, "-m", "peermap", *args], env=env, text=True,
                           capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        assert r.returncode == 0, r.stderr
    (todo,) = components(r.stdout, "VTODO")
    assert str(todo["summary"]) == "Grace Example: Ask about the rollout"


# --- entries that update (docs/output.md) ---------------------------------------------


def _by_summary(text: str) -> dict[str, object]:
    cal = icalendar.Calendar.from_ical(text)
    return {str(c["summary"]): c for c in cal.walk() if c.name in ("VTODO", "VEVENT")}


def test_dtstamp_is_the_exports_real_time_in_utc():
    from datetime import UTC, datetime

    before = datetime.now(UTC).replace(microsecond=0)
    text = export("ics", network(), TODAY)
    after = datetime.now(UTC)
    for c in _by_summary(text).values():
        stamp = c.decoded("dtstamp")
        assert stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0
        assert before <= stamp <= after


def _sequence(net: Network, summary_start: str) -> int:
    parts = _by_summary(export("ics", net, TODAY))
    return next(int(c["sequence"]) for s, c in parts.items() if s.startswith(summary_start))


def test_sequence_grows_when_a_step_changes_and_is_the_same_for_the_same_map():
    from peermap.core.peers import replan

    net = network()
    first = _sequence(net, "Grace Example:")
    assert _sequence(network(), "Grace Example:") == first  # same map, same value
    replan(net, "Grace Example", "Ask what she is most excited about", date(2026, 12, 8),
           TODAY)  # the same step, a later date
    later = _sequence(net, "Grace Example:")
    assert later > first
    replan(net, "Grace Example", "Invite her to the demo", date(2026, 12, 1), TODAY)
    assert _sequence(net, "Grace Example:") > later  # a new text, even with an earlier date


def test_a_step_done_is_exported_completed_so_the_calendar_ticks_it_off():
    from peermap.core.model import Kind
    from peermap.core.peers import complete_step

    net = network()
    planned = _sequence(net, "Grace Example:")
    complete_step(net, "Grace Example", "went well", Kind.MET, TODAY)
    todo = _by_summary(export("ics", net, TODAY))[
        "Grace Example: Ask what she is most excited about"]
    assert str(todo["status"]) == "COMPLETED" and int(todo["sequence"]) > planned


def test_promises_and_reconnects_are_in_the_export():
    from peermap.core.model import Kind, LogEntry

    net = network()
    grace = net.peers[0]
    grace.focus, grace.focus_since = True, date(2026, 11, 1)
    promise = LogEntry(date(2026, 11, 20), Kind.PROMISED, "send the deck")
    object.__setattr__(promise, "due", date(2026, 11, 30))  # the `due` key, read if set
    grace.log += [promise, LogEntry(date(2026, 11, 10), Kind.PROMISED, "kept one",
                                    closed=date(2026, 11, 12))]
    parts = _by_summary(export("ics", net, TODAY))
    todo = parts["Promise to Grace Example: send the deck"]
    assert str(todo["status"]) == "NEEDS-ACTION" and todo.decoded("due") == date(2026, 11, 30)
    assert str(parts["Promise to Grace Example: kept one"]["status"]) == "COMPLETED"
    reconnect = parts["Reconnect with Grace Example"]
    assert reconnect.decoded("due") == date(2026, 11, 20) + timedelta(
        days=net.settings.cadence_days)
    before = int(reconnect["sequence"])
    grace.log.append(LogEntry(date(2026, 11, 26)))
    assert _sequence(net, "Reconnect with Grace Example") > before


def test_alarm_adds_a_valarm_before_each_entry(cli):
    text = export("ics", network(), TODAY, alarm="1h")
    parts = _by_summary(text)
    todo = parts["Grace Example: Ask what she is most excited about"]
    (alarm,) = [c for c in todo.subcomponents if c.name == "VALARM"]
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == -timedelta(hours=1)
    assert alarm["trigger"].params["RELATED"] == "END"
    assert "VALARM" not in export("ics", network(), TODAY)
    ok_run = cli("export", "--format", "ics", "--alarm", "30m")
    assert ok_run.exit_code == 0 and "TRIGGER:-PT30M" in ok_run.stdout
    bad = cli("export", "--format", "ics", "--alarm", "soon")
    assert bad.exit_code == 1 and bad.stderr.startswith("peermap: --alarm 'soon' is not")
    other = cli("export", "--format", "svg", "--alarm", "1h")
    assert other.exit_code == 1 and "--alarm is for ics" in other.stderr
