"""`import FILE.ics --meetings` (docs/groups.md): real calendar files, real imports."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from conftest import error, ok
from factories import network, peer
from peermap.formats.meetings import plan, read

ME = "mira@example.com"


def _attendee(name: str, mail: str, partstat: str = "ACCEPTED") -> str:
    return f"ATTENDEE;CN={name};PARTSTAT={partstat}:mailto:{mail}"


def _event(uid: str, start: str, summary: str, *lines: str, end: str = "") -> str:
    end_line = end or f"DTEND;TZID=Europe/London:{start[:9]}{int(start[9:11]) + 1:02d}{start[11:]}"
    return "\n".join(["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261101T000000Z",
                      f"DTSTART;TZID=Europe/London:{start}", end_line, f"SUMMARY:{summary}",
                      *lines, "END:VEVENT"])


def _calendar(*events: str, header: tuple[str, ...] = ()) -> str:
    body = "\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *header,
                      *events, "END:VCALENDAR"])
    return body.replace("\n", "\r\n") + "\r\n"


def work_calendar() -> str:
    """A weekly 1:1 with Ana, a meeting Mira declined, an all-day offsite, an all-hands,
    a meeting with Bo and someone not on the map, and one in the future."""
    me = _attendee("Mira", ME)
    all_hands = [_attendee(f"Person {i}", f"p{i}@example.com") for i in range(14)]
    return _calendar(
        _event("one-to-one@x", "20261005T100000", "Ana / Mira 1:1",
               "ORGANIZER;CN=Ana Lima:mailto:ana@example.com", me,
               "RRULE:FREQ=WEEKLY;BYDAY=MO"),
        _event("declined@x", "20261111T150000", "Roadmap sync",
               _attendee("Bo Chen", "bo@example.com"), _attendee("Mira", ME, "DECLINED")),
        "\n".join(["BEGIN:VEVENT", "UID:offsite@x", "DTSTAMP:20261101T000000Z",
                   "DTSTART;VALUE=DATE:20261112", "DTEND;VALUE=DATE:20261113",
                   "SUMMARY:Offsite", _attendee("Ana Lima", "ana@example.com"), me,
                   "END:VEVENT"]),
        _event("allhands@x", "20261113T160000", "All hands",
               _attendee("Ana Lima", "ana@example.com"), me, *all_hands),
        _event("design@x", "20261118T110000", "Design review",
               _attendee("Bo Chen", "bo@example.com"), _attendee("Kai Lund", "kai@example.com"),
               me),
        _event("future@x", "20261125T110000", "Next week",
               _attendee("Bo Chen", "bo@example.com"), me),
        header=(f"X-WR-CALNAME:{ME}",),
    )


def _setup(cli, tmp_path, text: str, name: str = "work.ics"):
    ok(cli("add", "Ana Lima"))
    ok(cli("add", "Bo Chen"))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _log(cli, who: str) -> list[dict]:
    return json.loads(ok(cli("show", who, "--format", "json")).stdout).get("log", [])


def test_meetings_become_met_entries_once(cli, tmp_path):
    path = _setup(cli, tmp_path, work_calendar())
    out = ok(cli("import", path, "--meetings")).stdout
    # Today is 2026-11-22: the window is 2026-10-23 .. today. Mondays in it: Oct 26, Nov 2,
    # 9, 16; the design review on Nov 18; the future meeting is left out.
    assert "Logged 5 meetings with peers since 2026-10-23:" in out
    assert "Skipped: 1 declined or cancelled, 1 all-day, 1 with more than 12 people." in out
    assert "Kai Lund <kai@example.com>" in out and "peermap meet 'Kai Lund'" in out
    ana = _log(cli, "ana")
    assert [e["date"] for e in ana] == ["2026-10-26", "2026-11-02", "2026-11-09",
                                        "2026-11-16"]
    assert {e["kind"] for e in ana} == {"met"} and ana[0]["note"] == "Ana / Mira 1:1"
    assert [e["date"] for e in _log(cli, "bo")] == ["2026-11-18"]
    again = ok(cli("import", path, "--meetings")).stdout
    assert "Logged 0 meetings" in again and "Already logged by an earlier import: 5" in again
    assert len(_log(cli, "ana")) == 4 and len(_log(cli, "bo")) == 1


def test_overlapping_export_next_week_logs_only_the_new_meetings(cli, tmp_path):
    path = _setup(cli, tmp_path, work_calendar())
    ok(cli("import", path, "--meetings"))
    out = ok(cli("--today", "2026-11-30", "import", path, "--meetings")).stdout
    # A week on: the Monday 1:1 of Nov 23 and 30, and the Nov 25 meeting, now past.
    assert "Logged 3 meetings" in out
    assert [e["date"] for e in _log(cli, "bo")] == ["2026-11-18", "2026-11-25"]


def test_dry_run_writes_nothing_and_names_the_unknown(cli, tmp_path, data_file):
    path = _setup(cli, tmp_path, work_calendar())
    before = data_file.read_bytes()
    out = ok(cli("import", path, "--meetings", "--dry-run", "--since", "2026-11-15")).stdout
    assert "Would log 2 meetings with peers since 2026-11-15:" in out
    assert "2026-11-18  Bo Chen  (Design review)" in out
    assert "Not on your map (1): Kai Lund <kai@example.com>." in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert data_file.read_bytes() == before


def test_google_export_with_x_wr_timezone(cli, tmp_path):
    """Google writes times in UTC and the calendar's zone in X-WR-TIMEZONE: 02:00 UTC on
    the 20th is the evening of the 19th in Los Angeles, and that is the day logged."""
    text = _calendar(
        "\n".join(["BEGIN:VEVENT", "UID:late@google.com", "DTSTAMP:20261101T000000Z",
                   "DTSTART:20261120T020000Z", "DTEND:20261120T030000Z",
                   "SUMMARY:Late call", "ORGANIZER;CN=Bo Chen:mailto:bo@example.com",
                   _attendee("Mira", ME), "END:VEVENT"]),
        header=("CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ME}",
                "X-WR-TIMEZONE:America/Los_Angeles"),
    )
    path = _setup(cli, tmp_path, text, "basic.ics")
    ok(cli("import", path, "--meetings"))
    assert [e["date"] for e in _log(cli, "bo")] == ["2026-11-19"]


def test_not_a_calendar_is_refused_and_nothing_written(cli, tmp_path, data_file):
    path = _setup(cli, tmp_path, "this is not a calendar\n", "broken.ics")
    before = data_file.read_bytes()
    assert "not a calendar" in error(cli("import", path, "--meetings"))
    assert data_file.read_bytes() == before
    assert "--since goes with --meetings" in error(
        cli("import", str(tmp_path / "x.csv"), "--since", "7d"))
    assert "in the future" in error(cli("import", path, "--meetings", "--since", "2027-01-01"))


def test_match_by_email_before_name():
    """A peer with the attendee's address is matched even under another display name."""
    ana = peer("Ana Lima")
    ana.email = ["ana@example.com"]  # the contact-details field, where it exists
    net = network(ana, peer("Bo Chen"))
    text = _calendar(_event("x@x", "20261118T110000", "Chat",
                            _attendee("A. Lima", "ANA@example.com"),
                            _attendee("Bo Chen", "other@example.com")))
    found, skipped = read(text.encode(), date(2026, 11, 1), date(2026, 11, 22), {ME})
    p = plan(net, found, skipped)
    assert sorted(q.name for q, _ in p.entries) == ["Ana Lima", "Bo Chen"]
    assert p.skipped == Counter()


def test_rooms_and_yourself_are_not_people_to_meet(cli, tmp_path):
    room = "ATTENDEE;CUTYPE=ROOM;CN=Room 4.01:mailto:room401@resource.example.com"
    text = _calendar(_event("x@x", "20261118T110000", "Chat", room,
                            _attendee("Mira Example", "mira@home.example.com"),
                            _attendee("Bo Chen", "bo@example.com")))
    ok(cli("me", "--name", "Mira Example"))
    path = _setup(cli, tmp_path, text)
    out = ok(cli("import", path, "--meetings")).stdout
    assert "Logged 1 meeting with peers" in out
    assert "Not on your map" not in out
