"""`export --format ics`: read back by icalendar and by an independent parser (vobject)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

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
