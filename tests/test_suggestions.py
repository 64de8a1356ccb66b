"""The situation -> suggestion mapping (SPEC section 1), with `today` passed explicitly."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import product

import pytest

import factories
from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    Peer,
    Tie,
    WhyNone,
)
from peermap.core.suggestions import SLOTS, Suggestion, only_asking, shorten, suggest, top_step

TODAY = date(2026, 11, 22)  # a Sunday, ISO week 47
GUILT = re.compile(
    r"neglect|ignor|fail|guilt|should have|overdue|lazy|forgot|behind|too long|shame",
    re.IGNORECASE,
)


def me() -> Me:
    return factories.me(strengths=["SQL tuning", "incident reviews"])


def peer(name: str = "Grace Hollis", **kw) -> Peer:
    kw.setdefault("tie", Tie.WEAK)
    kw.setdefault("matters", [Matters.CURRENT_WORK])
    return factories.peer(name, **kw)


def network(*peers: Peer) -> Network:
    return factories.network(*peers, me=me())


def advice(p: Peer, today: date = TODAY, *others: Peer, limit: int = 4) -> list[Suggestion]:
    return suggest(network(p, *others), p, today, limit=limit)


def log(*entries: tuple[int, Kind]) -> list[LogEntry]:
    """Log entries given as (days before TODAY, kind), oldest first."""
    return sorted((LogEntry(TODAY - timedelta(days=d), k) for d, k in entries),
                  key=lambda e: e.date)


WEEKS = [TODAY + timedelta(weeks=w) for w in range(-8, 9)]


def slots(found: list[Suggestion]) -> list[str]:
    return [s.slot for s in found]


# --- situations ----------------------------------------------------------------------------

CLASH = dict(tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH)
NOT_TRIED = dict(tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED)


def test_clash_and_not_tried_get_different_advice():
    for day in WEEKS:
        clash = advice(peer(**CLASH), day)
        fresh = advice(peer(**NOT_TRIED), day)
        # The situation-specific advice differs; habits that fit anyone may coincide.
        assert {s.text for s in clash[:2]}.isdisjoint({s.text for s in fresh})
        assert fresh[0].text not in {s.text for s in clash}
        assert set(slots(clash)[:2]) == {"clash_listen", "clash_common"}
        assert slots(fresh)[0] == "not_tried"
        assert all(s.principle == 9 for s in clash[:2])
        assert fresh[0].principle == 5


def test_clash_repair_talks_about_listening_credit_or_shared_goals():
    texts = {s.text for day in WEEKS for s in advice(peer(**CLASH), day)[:2]}
    joined = " ".join(texts).lower()
    for word in ("listen", "credit", "goal"):
        assert word in joined


def test_only_asking_gets_give_first_first():
    asked = peer(log=log((40, Kind.ASKED), (20, Kind.FEEDBACK_ASKED), (3, Kind.ASKED)),
                 affects=[Affects.RELIES_ON_ME], **CLASH)
    for day in (TODAY, TODAY + timedelta(days=3)):
        found = advice(asked, day)
        assert found[0].principle == 6
        assert found[0].slot == "give_first"


def test_asking_outweighing_giving_in_90_days_counts_as_only_asking():
    p = peer(log=log((80, Kind.ASKED), (60, Kind.ASKED), (30, Kind.SHARED), (10, Kind.CHAT)))
    assert only_asking(p, TODAY)
    assert advice(p)[0].slot == "give_first"


def test_giving_recently_is_not_only_asking():
    p = peer(log=log((60, Kind.ASKED), (30, Kind.SHARED), (10, Kind.CHAT)))
    assert not only_asking(p, TODAY)
    assert "give_first" not in slots(advice(p))
    assert not only_asking(peer(), TODAY)  # no log at all


def test_no_new_asks_while_only_asking():
    p = peer(tags=["compilers"], role="Staff engineer",
             log=log((20, Kind.ASKED), (5, Kind.ASKED)))
    for day in WEEKS[8:]:  # from TODAY on, when both asks are in the past
        assert {"weak_feedback", "learn_tag", "learn_role"}.isdisjoint(slots(advice(p, day)))


def test_relies_on_me_gets_bad_news_early():
    p = peer(affects=[Affects.RELIES_ON_ME])
    for day in WEEKS:
        found = advice(p, day)
        assert found[0].slot == "relies"
        assert found[0].principle == 6
        assert re.search(r"early|this week", found[0].text)
        assert re.search(r"delay|risk|bad news", found[0].text)


def test_relies_on_me_comes_after_give_first_and_repair():
    p = peer(affects=[Affects.RELIES_ON_ME], log=log((3, Kind.ASKED)), **CLASH)
    found = slots(advice(p))
    assert found[0] == "give_first"
    assert set(found[1:3]) == {"clash_listen", "clash_common"}
    assert found[3] == "relies"


def test_weak_tie_gets_sharing_and_feedback_advice():
    principles: set[int] = set()
    for day in WEEKS:
        found = advice(peer(matters=[Matters.FUTURE_WORK]), day)
        principles |= {s.principle for s in found}
        assert {"weak_share", "weak_feedback"} & set(slots(found))
    assert {6, 8} <= principles


def test_feedback_asked_recently_gets_close_the_loop():
    p = peer(log=log((30, Kind.SHARED), (10, Kind.FEEDBACK_ASKED)))
    found = advice(p)
    loop = [s for s in found if s.slot == "feedback_loop"]
    assert loop and loop[0].principle == 8
    assert "Nov 12" in loop[0].text
    assert "weak_feedback" not in slots(found)  # no second ask on top of an open one


def test_helps_me_gets_thanks_credit_or_give_back():
    texts = " ".join(s.text for day in WEEKS
                     for s in advice(peer(affects=[Affects.HELPS_ME]), day)
                     if s.slot == "helps")
    assert re.search(r"[Tt]hank", texts) and "Credit" in texts and "give back" in texts


def test_shared_goals_gets_problem_solving_together():
    found = [s for day in WEEKS for s in advice(peer(affects=[Affects.SHARED_GOALS]), day)
             if s.slot == "shared_goals"]
    assert found and all(s.principle == 9 for s in found)


def test_another_team_gets_a_bridge_that_names_both_teams():
    p = peer(team="Compilers")
    found = [s for day in WEEKS for s in advice(p, day) if s.slot == "bridge_team"]
    assert found
    assert all("Compilers" in s.text and s.principle == 10 for s in found)
    assert any("Payments" in s.text for s in found)


def test_another_location_gets_a_bridge_that_names_it():
    p = peer(team="Payments", location="Dublin")
    found = [s for day in WEEKS for s in advice(p, day) if s.slot == "bridge_loc"]
    assert found and all("Dublin" in s.text for s in found)
    assert "bridge_team" not in {s.slot for day in WEEKS for s in advice(p, day)}


def test_same_team_and_location_gets_no_bridge():
    p = peer(team="payments", location="London")
    assert not {"bridge_team", "bridge_loc"} & {s.slot for d in WEEKS for s in advice(p, d)}


def test_shared_tags_suggest_a_small_group_naming_the_tag_and_the_others():
    grace = peer("Grace Hollis", tags=["Rust"], tie=Tie.WEAK)
    others = [peer("Zoë Achterberg", tags=["rust"]), peer("Kwame Mensah", tags=["rust", "x"]),
              peer("Lina Haddad", tags=["go"])]
    found = [s for day in WEEKS for s in advice(grace, day, *others)
             if s.slot == "group"]
    assert found
    for s in found:
        assert "Rust" in s.text and "Zoë" in s.text and "Kwame" in s.text
        assert "Lina" not in s.text
        assert s.principle == 10


def test_expertise_and_strengths_name_what_is_learned_or_taught():
    p = peer(tags=["compilers"])
    found = [s for day in WEEKS for s in advice(p, day)]
    learn = [s for s in found if s.slot == "learn_tag"]
    teach = [s for s in found if s.slot == "teach"]
    assert learn and all("compilers" in s.text and s.principle == 11 for s in learn)
    assert teach and all(("SQL tuning" in s.text or "incident reviews" in s.text)
                         for s in teach)


def test_the_strength_that_fits_their_work_is_offered():
    p = peer(team="SRE", notes="Runs the incident rota; reviews every postmortem.")
    teach = [s for day in WEEKS for s in advice(p, day) if s.slot == "teach"]
    assert teach and all("incident reviews" in s.text for s in teach)


def test_role_is_used_when_there_are_no_tags():
    p = peer(role="Staff engineer")
    learn = [s for d in WEEKS for s in advice(p, d) if s.slot == "learn_role"]
    assert learn and all("Staff engineer" in s.text for s in learn)


def test_chance_encounters_use_the_three_questions():
    p = peer(tie=None)
    texts = {s.text for d in WEEKS for s in suggest(network(p), p, d, limit=20)
             if s.slot == "chance"}
    joined = " ".join(texts)
    assert "What are you working on?" in joined
    assert "What are you excited about right now?" in joined
    assert "biggest challenge" in joined
    assert all(s.principle == 7 for s in suggest(network(p), p, TODAY, limit=20)
               if s.slot == "chance")


def test_stale_focus_peer_is_told_to_reconnect_without_guilt():
    p = peer(focus=True, focus_since=TODAY - timedelta(days=90),
             log=log((40, Kind.CHAT)))
    for day in WEEKS[8:]:
        found = advice(p, day)
        stale = [s for s in found if s.slot == "stale"]
        assert stale and "reconnect" in stale[0].text.lower()
        assert stale[0].principle == 12
        assert not GUILT.search(stale[0].text)


def test_a_focus_peer_within_cadence_is_not_stale():
    p = peer(focus=True, focus_since=TODAY - timedelta(days=90), log=log((5, Kind.CHAT)))
    assert "stale" not in slots(suggest(network(p), p, TODAY, limit=30))


def test_a_clash_is_repaired_not_reconnected():
    p = peer(log=log((200, Kind.MET)), **CLASH)
    assert "stale" not in slots(suggest(network(p), p, TODAY, limit=30))


def test_graduated_focus_peer_keeps_it_alive_and_frees_the_slot():
    p = peer(tie=Tie.STRONG, focus=True)
    for day in WEEKS:
        found = advice(p, day)
        assert found[0].slot == "graduated" and found[0].principle == 4
        assert "focus" in found[0].text


def test_strong_outside_focus_keeps_it_alive():
    p = peer(tie=Tie.STRONG)
    found = [s for d in WEEKS for s in advice(p, d)]
    assert any(s.slot == "strong_keep" for s in found)
    assert "graduated" not in {s.slot for s in found}


def test_unrated_is_asked_to_rate_first():
    found = advice(peer(tie=None))
    assert found[0].slot == "unrated" and found[0].principle == 2


def test_not_tried_and_future_work_start_before_you_need_something():
    p = peer(matters=[Matters.FUTURE_WORK], **NOT_TRIED)
    found = suggest(network(p), p, TODAY, limit=30)
    assert {"not_tried", "not_tried_future"} <= set(slots(found))
    assert all(s.principle == 5 for s in found if s.slot.startswith("not_tried"))


# --- properties over many situations and weeks -------------------------------------------------


def situations() -> list[Peer]:
    out = []
    ties = [dict(tie=None), dict(tie=Tie.STRONG), dict(tie=Tie.WEAK), CLASH, NOT_TRIED,
            dict(tie=Tie.NONEXISTENT)]
    affects = [[], [Affects.RELIES_ON_ME], [Affects.HELPS_ME, Affects.SHARED_GOALS]]
    matters = [[], [Matters.FUTURE_WORK, Matters.BIG_PICTURE], [Matters.CURRENT_WORK]]
    logs = [[], log((3, Kind.ASKED)), log((50, Kind.SHARED)), log((9, Kind.FEEDBACK_ASKED))]
    places = [dict(team="Compilers", tags=["rust"]), dict(team="Payments", location="Dublin",
                                                          role="Designer")]
    for t, a, m, lg, pl, focus in product(ties, affects, matters, logs, places, (False, True)):
        out.append(Peer(name="Grace Hollis", affects=a, matters=m, log=lg, focus=focus,
                        focus_since=TODAY - timedelta(days=30) if focus else None, **t, **pl))
    return out


def all_advice():
    friend = peer("Zoë Achterberg", tags=["rust"])
    for p in situations():
        net = network(p, friend)
        for day in WEEKS:
            yield p, day, suggest(net, p, day)


def test_every_list_has_two_to_four_named_suggestions_with_valid_principles():
    for p, day, found in all_advice():
        assert 2 <= len(found) <= 4, (p, day)
        assert len({s.slot for s in found}) == len(found)  # one template per slot
        assert len({s.text for s in found}) == len(found)
        for s in found:
            assert "Grace" in s.text
            assert 1 <= s.principle <= 13
            assert not GUILT.search(s.text), s.text
            assert "{" not in s.text and "}" not in s.text


def test_at_least_forty_distinct_texts_across_all_thirteen_principles():
    texts: set[str] = set()
    principles: set[int] = set()
    for _, _, found in all_advice():
        texts |= {s.text for s in found}
        principles |= {s.principle for s in found}
    for p in situations():  # the long tail beyond the first four
        texts |= {s.text for s in suggest(network(p), p, TODAY, limit=40)}
    assert len(texts) >= 40
    assert principles == set(range(1, 14)), sorted(principles)


def test_limit_is_respected():
    p = peer(affects=list(Affects), team="Compilers", tags=["rust"])
    assert len(suggest(network(p), p, TODAY, limit=2)) == 2
    assert len(suggest(network(p), p, TODAY, limit=3)) == 3
    assert len(suggest(network(p), p, TODAY)) == 4


def test_same_date_same_advice_and_the_week_rotates_it():
    p = peer(team="Compilers", affects=[Affects.HELPS_ME], tags=["rust"])
    net = network(p)
    assert suggest(net, p, TODAY) == suggest(net, p, TODAY)
    # Nothing here depends on the day within the week: the whole ISO week reads the same.
    monday = TODAY - timedelta(days=6)
    assert suggest(net, p, monday) == suggest(net, p, TODAY)
    weekly = {tuple(s.text for s in suggest(net, p, d)) for d in WEEKS}
    assert len(weekly) >= 4
    next_week = {s.text for s in suggest(net, p, TODAY + timedelta(weeks=1))}
    assert next_week != {s.text for s in suggest(net, p, TODAY)}


def test_templates_are_distinct_name_the_peer_and_carry_a_principle():
    seen = set()
    total = 0
    for slot, (priority, templates) in SLOTS.items():
        assert 0 <= priority <= 7
        assert len(templates) >= 2, slot
        for principle, template in templates:
            total += 1
            assert template not in seen
            seen.add(template)
            assert "{n}" in template or "{group}" in template, template
            assert 1 <= principle <= 13
            assert not GUILT.search(template), template
    assert total >= 40


def test_first_name_unless_another_peer_shares_it():
    a = peer("Grace Hollis", team="Compilers")
    assert all("Grace" in s.text for s in suggest(network(a), a, TODAY))
    b = peer("Grace Okafor")
    found = suggest(network(a, b), a, TODAY)
    assert all("Grace Hollis" in s.text for s in found)


def test_user_text_with_braces_is_not_a_template():
    p = peer("Ana {n}", team="Team {team}", tags=["{x}"])
    for s in suggest(network(p), p, TODAY, limit=40):
        assert "Ana" in s.text


def test_as_json_has_text_and_principle():
    s = advice(peer())[0]
    assert s.as_json() == {"text": s.text, "principle": s.principle}


# --- top_step ------------------------------------------------------------------------------------


def test_top_step_is_short_and_comes_from_the_first_suggestion():
    for p, day, found in all_advice():
        step = top_step(network(p, peer("Zoë Achterberg", tags=["rust"])), p, day)
        assert 20 <= len(step) <= 100, step
        assert "Grace" in step
        assert found[0].text.startswith(step.rstrip("…")) or step.endswith("…")
        assert not step.endswith(".")


@pytest.mark.parametrize("text, expected", [
    ("Short and sweet.", "Short and sweet"),
    ("Before you ask Grace for anything else, send something useful their way — a link, a "
     "draft, a heads-up — with no ask attached.",
     "Before you ask Grace for anything else, send something useful their way"),
    ("word " * 40, ("word " * 19).strip() + "…"),
])
def test_shorten(text, expected):
    assert shorten(text) == expected
