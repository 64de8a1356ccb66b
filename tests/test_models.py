"""The schema-1 model: names, refused characters, validation messages, documents.

These are unit tests of peermap.core.model; no runner, no files.
"""

from __future__ import annotations

from datetime import date

import pytest

from peermap.core.model import (
    ASKING,
    GIVING,
    Affects,
    InvalidData,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    NextStep,
    Peer,
    Review,
    Settings,
    Tie,
    TieChange,
    WhyNone,
    bad_char,
    check_network,
    clean_name,
    from_trusted_doc,
    name_key,
    peer_to_doc,
    to_doc,
    validate_document,
)

D = date(2026, 11, 1)


def doc(**top) -> dict:
    """A parsed document with schema 1 and whatever else is given."""
    return {"schema": 1, **top}


def peer_doc(**fields) -> dict:
    return doc(peers=[{"name": "Grace Example", **fields}])


def problems_of(raw: dict) -> str:
    with pytest.raises(InvalidData) as info:
        validate_document(raw)
    return str(info.value)


# --- the words of docs/data-file.md are spelled exactly ----------------------------------


def test_enum_spellings_are_the_contract():
    assert [t.value for t in Tie] == ["strong", "weak", "nonexistent"]
    assert [w.value for w in WhyNone] == ["not-tried", "clash"]
    assert [a.value for a in Affects] == ["helps-me", "relies-on-me", "shared-goals"]
    assert [m.value for m in Matters] == ["current-work", "future-work", "big-picture"]
    assert {k.value for k in Kind} == {
        "chat", "shared", "helped", "asked", "feedback-asked", "feedback-given", "met",
        "they-helped", "they-asked", "promised"}


def test_giving_and_asking_kinds_follow_the_spec():
    assert {k.value for k in GIVING} == {"shared", "helped", "feedback-given"}
    assert {k.value for k in ASKING} == {"asked", "feedback-asked"}


# --- names ---------------------------------------------------------------------------


def test_clean_name_folds_whitespace_and_normalises_to_nfc():
    assert clean_name("  Grace \t  Example \n") == "Grace Example"
    assert clean_name("Zoe\u0308") == "Zo\u00eb"


def test_name_key_is_case_insensitive_after_folding():
    assert name_key("GRACE  example") == name_key("grace Example")
    assert name_key("Zoe\u0308 X") == name_key("ZO\u00cb x")
    assert name_key("Stra\u00dfe") == name_key("STRASSE")
    assert name_key("Grace") != name_key("Grace Example")


def test_network_find_uses_the_name_key():
    net = Network(peers=[Peer(name="Zo\u00eb Example")])
    assert net.find("  zoe\u0308   EXAMPLE") is net.peers[0]
    assert net.find("Zoe Example") is None


# --- characters refused in user text -------------------------------------------------


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\x9b",
                                "\u202a", "\u202e", "\u2066", "\u2069"])
def test_bad_char_finds_controls_and_direction_overrides(ch):
    assert bad_char(f"ab{ch}cd") == ch
    assert bad_char(f"ab{ch}cd", multiline=True) == ch


def test_bad_char_allows_tab_and_newline_only_in_multiline_text():
    assert bad_char("a\tb") == "\t"
    assert bad_char("a\nb") == "\n"
    assert bad_char("a\tb\nc", multiline=True) is None


def test_bad_char_accepts_ordinary_unicode():
    assert bad_char("Zo\u00eb \u674e \u05e9\u05dc\u05d5\u05dd \U0001f600 [red]x[/red]") is None


# --- validation: what is accepted -----------------------------------------------------


def test_a_peer_with_only_a_name_is_valid_and_unrated():
    net = validate_document(doc(peers=[{"name": "Grace"}]))
    assert net.peers[0].name == "Grace"
    assert net.peers[0].tie is None
    assert net.settings == Settings()
    assert net.me == Me()


def test_full_sample_validates():
    raw = doc(
        me={"name": "Ada", "team": "Payments", "location": "London", "strengths": ["SQL"]},
        settings={"cadence_days": 14, "review_every_days": 7, "focus_min": 3,
                  "focus_max": 5, "backups": 5, "git_commit": False},
        peers=[{
            "name": "Grace Example", "team": "Compilers", "role": "Staff", "location": "Remote",
            "affects": ["helps-me", "shared-goals"], "matters": ["current-work"],
            "tie": "weak", "tags": ["compilers"], "focus": True, "focus_since": D,
            "cadence_days": 7, "added": D, "notes": "Met at the offsite.\n\tTab ok.",
            "next": {"step": "Ask", "due": D},
            "ties": [{"date": D, "tie": "nonexistent"}, {"date": D, "tie": "weak"}],
            "log": [{"date": D, "kind": "shared", "note": "Sent it."}],
        }],
        reviews=[{"date": D, "peer": "Grace Example", "step": "Ask"}],
    )
    net = validate_document(raw)
    p = net.peers[0]
    assert p.tie is Tie.WEAK and p.focus and p.next == NextStep("Ask", D)
    assert p.log == [LogEntry(D, Kind.SHARED, "Sent it.")]
    assert net.reviews == [Review(D, "Grace Example", "Ask")]


# --- validation: what is refused, and how it is explained ----------------------------


def test_missing_schema_says_how_to_fix():
    assert "schema = 1" in problems_of({"peers": []})


def test_newer_schema_says_upgrade():
    msg = problems_of({"schema": 2})
    assert "schema 2" in msg and "upgrade" in msg


@pytest.mark.parametrize("schema", [0, -1, "1", True, 1.0])
def test_schema_must_be_a_positive_whole_number(schema):
    assert "schema" in problems_of({"schema": schema})


@pytest.mark.parametrize("raw, key", [
    (doc(shema=1), "shema"),
    (doc(me={"nmae": "Ada"}), "nmae"),
    (doc(settings={"cadence": 3}), "cadence"),
    (peer_doc(teem="x"), "teem"),
    (peer_doc(next={"step": "x", "when": D}), "when"),
    (peer_doc(ties=[{"date": D, "tie": "weak", "why": "x"}]), "why"),
    (peer_doc(log=[{"date": D, "kind": "chat", "notes": "x"}]), "notes"),
    (doc(reviews=[{"date": D, "person": "x"}]), "person"),
])
def test_unknown_keys_are_named(raw, key):
    msg = problems_of(raw)
    assert f"unknown key {key!r}" in msg


def test_unknown_key_on_a_peer_names_the_peer():
    assert "Grace Example" in problems_of(peer_doc(teem="x"))


@pytest.mark.parametrize("fields, field_name, allowed", [
    ({"tie": "wek"}, "tie", "strong, weak or nonexistent"),
    ({"tie": "nonexistent", "why_none": "busy"}, "why_none", "not-tried or clash"),
    ({"affects": ["helps-me", "helps-you"]}, "affects", "helps-me"),
    ({"matters": ["now"]}, "matters", "current-work"),
    ({"log": [{"date": D, "kind": "lunch"}]}, "kind", "chat"),
    ({"ties": [{"date": D, "tie": "great"}]}, "tie", "strong"),
    ({"goal_checks": [{"date": D, "text": "x", "held": "maybe"}]}, "held",
     "added, kept or dropped"),
])
def test_bad_enum_values_name_the_peer_field_and_allowed_values(fields, field_name, allowed):
    msg = problems_of(peer_doc(**fields))
    assert "peer 'Grace Example'" in msg
    assert field_name in msg
    assert allowed in msg


@pytest.mark.parametrize("fields", [
    {"name": 5}, {"team": 3}, {"focus": "yes"}, {"focus": 1}, {"tags": "x"},
    {"cadence_days": "7"}, {"cadence_days": True}, {"added": 20261101},
    {"next": "call her"}, {"ties": {"date": D}},
])
def test_wrong_types_are_refused_without_coercion(fields):
    problems_of(peer_doc(**fields))


def test_bool_is_not_taken_for_a_number_in_settings():
    msg = problems_of(doc(settings={"backups": True}))
    assert "settings.backups" in msg


def test_missing_name_is_named():
    assert "required" in problems_of(doc(peers=[{"team": "x"}]))


def test_datetime_where_a_date_belongs_is_refused():
    from datetime import datetime, time

    assert "date-time" in problems_of(peer_doc(added=datetime(2026, 11, 1, 10, 0)))
    assert "date-time" in problems_of(peer_doc(log=[{"date": time(10, 0), "kind": "chat"}]))


def test_datetime_message_names_the_peer():
    from datetime import datetime

    raw = doc(peers=[{"name": "Ann"}, {"name": "Grace Example",
                                        "added": datetime(2026, 11, 1, 10, 0)}])
    assert "Grace Example" in problems_of(raw)


@pytest.mark.parametrize("a, b", [
    ("Grace Example", "grace example"),
    ("Grace Example", "Grace  Example"),
    ("Zo\u00eb", "Zoe\u0308"),
])
def test_duplicate_names_are_refused(a, b):
    msg = problems_of(doc(peers=[{"name": a}, {"name": b}]))
    assert "twice" in msg


def test_empty_name_is_refused():
    assert "empty name" in problems_of(doc(peers=[{"name": "  "}]))


@pytest.mark.parametrize("name", ["a\x1b[31mb", "evil\u202etxt.exe", "a\tb", "a\nb"])
def test_control_and_bidi_characters_in_a_name_are_refused(name):
    msg = problems_of(doc(peers=[{"name": name}]))
    assert "control or direction-override" in msg


def test_notes_may_hold_tabs_and_newlines_but_not_escapes():
    validate_document(peer_doc(notes="line one\n\tline two",
                               log=[{"date": D, "kind": "chat", "note": "a\nb"}]))
    assert "U+001B" in problems_of(peer_doc(notes="a\x1b[2Jb"))
    assert "log note" in problems_of(peer_doc(log=[{"date": D, "kind": "chat",
                                                     "note": "\x07"}]))


def test_a_next_step_is_one_non_empty_line():
    assert "next.step" in problems_of(peer_doc(next={"step": "a\nb"}))
    assert "next.step is empty" in problems_of(peer_doc(next={"step": "  "}))


@pytest.mark.parametrize("field", ["team", "role", "location", "tags"])
def test_control_characters_refused_in_other_peer_text(field):
    value = ["x\x1b"] if field == "tags" else "x\x1b"
    msg = problems_of(peer_doc(**{field: value}))
    assert field in msg


def test_control_characters_refused_in_me_and_reviews():
    assert "me.team" in problems_of(doc(me={"team": "a\u202eb"}))
    assert "review" in problems_of(doc(reviews=[{"date": D, "step": "a\x1bb"}]))


def test_why_none_only_with_a_nonexistent_tie():
    assert "why_none" in problems_of(peer_doc(tie="weak", why_none="clash"))
    assert "why_none" in problems_of(peer_doc(why_none="clash"))
    assert validate_document(peer_doc(tie="nonexistent", why_none="clash")).peers[0]\
        .why_none is WhyNone.CLASH


@pytest.mark.parametrize("settings, words", [
    ({"focus_min": 6, "focus_max": 5}, "focus_min"),
    ({"cadence_days": 0}, "cadence_days"),
    ({"review_every_days": -1}, "review_every_days"),
    ({"backups": -1}, "backups"),
])
def test_settings_ranges(settings, words):
    assert words in problems_of(doc(settings=settings))


def test_peer_cadence_must_be_positive():
    assert "cadence_days" in problems_of(peer_doc(cadence_days=0))


def test_check_network_is_empty_for_a_good_network():
    assert check_network(Network(peers=[Peer(name="A"), Peer(name="B")])) == []


# --- documents -----------------------------------------------------------------------


def test_peer_doc_omits_empty_optional_keys():
    assert peer_to_doc(Peer(name="Grace")) == {"name": "Grace"}


def test_peer_doc_keys_follow_the_file_order():
    p = Peer(name="G", team="T", role="R", location="L", affects=[Affects.HELPS_ME],
             matters=[Matters.BIG_PICTURE], tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH,
             tags=["t"], focus=True, focus_since=D, cadence_days=7, added=D, notes="n",
             next=NextStep("s", D), ties=[TieChange(D, Tie.NONEXISTENT)],
             log=[LogEntry(D, Kind.MET, "")])
    d = peer_to_doc(p, dates_as_text=True)
    assert list(d) == ["name", "team", "role", "location", "affects", "matters", "tie",
                       "why_none", "tags", "focus", "focus_since", "cadence_days", "added",
                       "notes", "next", "ties", "log"]
    assert d["log"] == [{"date": "2026-11-01", "kind": "met"}]  # empty note omitted
    assert d["next"] == {"step": "s", "due": "2026-11-01"}


def test_to_doc_sorts_peers_by_folded_name_and_history_by_date():
    net = Network(peers=[
        Peer(name="bob", log=[LogEntry(date(2026, 3, 1)), LogEntry(date(2026, 1, 1))]),
        Peer(name="Carol"), Peer(name="alice"),
        Peer(name="Dave", affects=[Affects.SHARED_GOALS, Affects.HELPS_ME],
             ties=[TieChange(date(2026, 5, 1), Tie.WEAK), TieChange(D, Tie.STRONG)]),
    ])
    d = to_doc(net)
    assert [p["name"] for p in d["peers"]] == ["alice", "bob", "Carol", "Dave"]
    assert [e["date"] for e in d["peers"][1]["log"]] == [date(2026, 1, 1), date(2026, 3, 1)]
    assert [t["date"] for t in d["peers"][3]["ties"]] == [date(2026, 5, 1), D]
    assert d["peers"][3]["affects"] == ["helps-me", "shared-goals"]


def test_to_doc_omits_empty_me_and_keeps_settings():
    d = to_doc(Network())
    assert d == {"schema": 1, "settings": {"cadence_days": 14, "review_every_days": 7,
                                           "focus_min": 3, "focus_max": 5, "backups": 5,
                                           "git_commit": False}}


def test_trusted_doc_round_trip():
    net = Network(
        me=Me("Ada", "Payments", "London", ["SQL"]),
        settings=Settings(cadence_days=10, git_commit=True),
        peers=[Peer(name="Grace", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED,
                    focus=True, focus_since=D, next=NextStep("Ask", None),
                    log=[LogEntry(D, Kind.HELPED, "x\ny")], tags=["a"], cadence_days=3)],
        reviews=[Review(D, "Grace", "Ask")],
    )
    net.sort()
    assert from_trusted_doc(to_doc(net, dates_as_text=True)) == net


def test_last_contact_is_the_latest_log_date():
    p = Peer(name="G", log=[LogEntry(date(2026, 5, 1)), LogEntry(date(2026, 2, 1))])
    assert p.last_contact() == date(2026, 5, 1)
    assert Peer(name="H").last_contact() is None
