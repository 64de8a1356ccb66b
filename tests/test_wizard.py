"""The walkthrough's steps with scripted answers: no terminal, a real store in tmp_path."""

from __future__ import annotations

from datetime import date

import pytest

from peermap.core.duplicates import near_duplicates, similar
from peermap.core.errors import EndOfInput
from peermap.core.model import Affects, Matters, Network, Peer, Tie, WhyNone
from peermap.flows.answers import parse_matters, parse_numbers, parse_tie, parse_why
from peermap.flows.walkthrough import Wizard, first_step
from peermap.storage.store import Store

TODAY = date(2026, 11, 22)


class Script:
    """A conversation with answers given in advance; runs out like a closed stdin."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.asked: list[str] = []
        self.said: list[tuple[str, str, str]] = []

    def ask(self, prompt: str, hint: str = "") -> str:
        self.asked.append(prompt.strip())
        if not self.answers:
            raise EndOfInput
        return self.answers.pop(0)

    def say(self, kind: str, text: str = "", detail: str = "") -> None:
        self.said.append((kind, text, detail))

    def text(self) -> str:
        return "\n".join(f"{t} {d}" for _, t, d in self.said)


@pytest.fixture
def store(data_file) -> Store:
    return Store(data_file)


def run(store: Store, answers, start: str | None = None) -> Script:
    ui = Script(answers)
    Wizard(store, ui, TODAY).run(start)
    return ui


def seed(store: Store, *peers: Peer, team: str = "Payments") -> None:
    def change(net: Network) -> None:
        net.me.team = team
        net.peers.extend(peers)

    store.update(change, "seed")


def weak(name: str, *matters: Matters, **kw) -> Peer:
    return Peer(name=name, tie=Tie.WEAK, matters=list(matters or [Matters.CURRENT_WORK]),
                added=TODAY, **kw)


# --- reading answers --------------------------------------------------------------------


def test_parse_tie_accepts_letters_words_and_prefixes():
    assert parse_tie("s") == Tie.STRONG
    assert parse_tie(" Weak ") == Tie.WEAK
    assert parse_tie("n") == parse_tie("nonexistent") == parse_tie("non") == Tie.NONEXISTENT
    assert parse_tie("x") is None
    assert parse_tie("") is None


def test_parse_why_and_matters():
    assert parse_why("c") == parse_why("clash") == WhyNone.CLASH
    assert parse_why("t") == parse_why("not tried") == parse_why("not-tried") == WhyNone.NOT_TRIED
    assert parse_matters("1 3") == [Matters.CURRENT_WORK, Matters.BIG_PICTURE]
    assert parse_matters("future-work, big picture") == [Matters.FUTURE_WORK,
                                                          Matters.BIG_PICTURE]
    assert parse_matters("2 2") == [Matters.FUTURE_WORK]
    with pytest.raises(ValueError, match="4"):
        parse_matters("1 4")


def test_parse_numbers():
    assert parse_numbers("1 3, 4", 5) == [1, 3, 4]
    assert parse_numbers("2 2", 5) == [2]
    for bad in ("0", "6", "x"):
        with pytest.raises(ValueError):
            parse_numbers(bad, 5)


def test_similar_names():
    assert similar("Grace", "Grace Example")
    assert similar("grace e.", "Grace Example")
    assert similar("Grace Exmaple", "Grace Example")
    assert similar("Zoe Achterberg", "Zoë Achterberg")
    assert not similar("Grace Example", "grace example")  # the same name, not a variant
    assert not similar("Bob", "Grace Example")
    assert not similar("Ann Lee", "Anna Smith")


def test_near_duplicates_closest_first():
    net = Network(peers=[Peer("Grace Example"), Peer("Grace Hopper"), Peer("Bob")])
    assert [p.name for p in near_duplicates(net, "Grace Exampel")][0] == "Grace Example"
    assert {p.name for p in near_duplicates(net, "Grace")} == {"Grace Example", "Grace Hopper"}


# --- step 1: brainstorm -------------------------------------------------------------------


def test_brainstorm_adds_names_with_categories_team_and_location(store):
    ui = run(store, [
        "Ada", "Payments", "London", "SQL tuning; code review",  # about you
        "Joan Clarke", "",                             # your own team: no team question
        "",
        "Grace Example", "Compilers", "Remote",        # helps me
        "Bob Builder", "", "",                         # helps me, no team, no location
        "",
        "Alan Turing", "Data", "",                     # relies on me
        "",
        "Zoe Quinn", "", "Berlin",                     # shared goals: no team, a location
        "",
        "Priya Patel", "", "Dublin",                   # outside: location asked anyway
        "",
        "Ken Thompson", "Kernel", "",                  # future
        "",
    ])
    net = store.load()
    assert (net.me.name, net.me.team, net.me.location) == ("Ada", "Payments", "London")
    assert net.me.strengths == ["SQL tuning", "code review"]
    by = {p.name: p for p in net.peers}
    assert set(by) == {"Joan Clarke", "Grace Example", "Bob Builder", "Alan Turing",
                       "Zoe Quinn", "Priya Patel", "Ken Thompson"}
    assert (by["Joan Clarke"].team, by["Joan Clarke"].affects) == ("Payments", [])
    assert (by["Zoe Quinn"].team, by["Zoe Quinn"].location) == ("", "Berlin")
    assert (by["Grace Example"].team, by["Grace Example"].location) == ("Compilers", "Remote")
    assert by["Grace Example"].affects == [Affects.HELPS_ME]
    assert by["Alan Turing"].affects == [Affects.RELIES_ON_ME]
    assert by["Zoe Quinn"].affects == [Affects.SHARED_GOALS]
    assert (by["Priya Patel"].affects, by["Priya Patel"].location) == ([], "Dublin")
    assert by["Ken Thompson"].matters == [Matters.FUTURE_WORK]
    assert all(p.tie is None and p.added == TODAY for p in net.peers)
    assert "Who outside Payments or London touches your work?" in ui.text()
    assert "Start at home: who on your own team (Payments) do you work with most?" in ui.text()
    assert ui.asked[:4] == ["your name", "your team", "your location", "two or three strengths"]
    # each detail is asked on its own: skipping the team still asks the location
    i = ui.asked.index("name", ui.asked.index("team"))
    assert ui.asked[i - 2:i + 4] == ["team", "location", "name", "team", "location", "name"]
    assert "fifteen minutes" in ui.text()


def test_existing_name_gains_the_category_instead_of_a_duplicate(store):
    seed(store, Peer("Grace Example", affects=[Affects.HELPS_ME], added=TODAY))
    ui = run(store, ["", "", "GRACE  example", "", "", "grace example", ""], start="brainstorm")
    net = store.load()
    assert [p.name for p in net.peers] == ["Grace Example"]
    assert net.peers[0].affects == [Affects.HELPS_ME, Affects.RELIES_ON_ME]
    assert "Grace Example is already on your map; noted: depends on your work." in ui.text()
    assert "same as Grace Example?" not in ui.asked


def test_near_duplicate_asks_and_merges_on_yes(store):
    seed(store, Peer("Grace Example", added=TODAY))
    ui = run(store, ["", "Grace", "", ""], start="brainstorm")  # Enter means yes
    assert "same as Grace Example?" in ui.asked
    net = store.load()
    assert [p.name for p in net.peers] == ["Grace Example"]
    assert net.peers[0].affects == [Affects.HELPS_ME]


def test_near_duplicate_no_adds_a_new_peer(store):
    seed(store, Peer("Grace Example", added=TODAY))
    run(store, ["Grace Exmaple", "maybe", "n", "", ""], start="brainstorm")
    assert sorted(p.name for p in store.load().peers) == ["Grace Example", "Grace Exmaple"]


def test_bad_name_is_refused_and_the_next_one_taken(store):
    ui = run(store, ["", "", "", "", "Bad\x1b[31mName", "[bold]Ada[/]", "", ""])
    assert [p.name for p in store.load().peers] == ["[bold]Ada[/]"]
    assert any(k == "warn" and "control" in t for k, t, _ in ui.said)


# --- step 2: rate -----------------------------------------------------------------------------


def test_rate_each_unrated_peer_with_why_and_matters(store):
    seed(store, Peer("Alan", added=TODAY), Peer("Bob", added=TODAY),
         Peer("Cleo", matters=[Matters.FUTURE_WORK], added=TODAY),
         Peer("Dan", added=TODAY), Peer("Eve", tie=Tie.STRONG, added=TODAY))
    ui = run(store, [
        "weak", "1 3",          # Alan
        "x", "n", "?", "c", "2",  # Bob: a bad answer is asked again
        "s", "",                # Cleo: Enter keeps future work
        "",                     # Dan: skipped
    ], start=None)
    by = {p.name: p for p in store.load().peers}
    assert by["Alan"].tie == Tie.WEAK
    assert by["Alan"].matters == [Matters.CURRENT_WORK, Matters.BIG_PICTURE]
    assert (by["Bob"].tie, by["Bob"].why_none) == (Tie.NONEXISTENT, WhyNone.CLASH)
    assert by["Bob"].matters == [Matters.FUTURE_WORK]
    assert [t.tie for t in by["Bob"].ties] == [Tie.NONEXISTENT]  # one history entry
    assert (by["Cleo"].tie, by["Cleo"].matters) == (Tie.STRONG, [Matters.FUTURE_WORK])
    assert by["Dan"].tie is None
    assert "tie with Eve" not in ui.asked
    defs = [t for k, t, _ in ui.said if k == "define"]
    assert defs == ["strong", "weak", "nonexistent"]  # shown once
    assert any("1 of 5 peers rated" in t for k, t, _ in ui.said if k == "progress")


def test_nonexistent_why_defaults_to_not_tried(store):
    seed(store, Peer("Alan", added=TODAY))
    run(store, ["n", "", ""])
    p = store.load().peers[0]
    assert (p.tie, p.why_none, p.matters) == (Tie.NONEXISTENT, WhyNone.NOT_TRIED, [])


def test_rate_step_again_rerates_everyone_enter_keeps(store):
    seed(store, weak("Alan"), Peer("Bob", tie=Tie.STRONG, added=TODAY))
    run(store, ["", "", "w", "-"], start="rate")
    by = {p.name: p for p in store.load().peers}
    assert (by["Alan"].tie, by["Alan"].matters) == (Tie.WEAK, [Matters.CURRENT_WORK])
    assert (by["Bob"].tie, by["Bob"].matters) == (Tie.WEAK, [])
    assert [t.tie for t in by["Bob"].ties] == [Tie.WEAK]


# --- step 3: focus -------------------------------------------------------------------------


def test_focus_enforces_min_and_max(store):
    seed(store, *(weak(n) for n in ("Ann", "Ben", "Cat", "Dov", "Eli", "Fay", "Gus")))
    ui = run(store, ["1 2", "1 2 3 4 5 6", "1 9", "abc", "2 4 6", "-", "-", "-"])
    warnings = [t for k, t, _ in ui.said if k == "warn"]
    assert any(w.startswith("Pick at least 3 (you picked 2);") for w in warnings)
    assert not any("follow-through" in w for w in warnings if "you picked 2" in w)
    assert any("you picked 6" in w for w in warnings)
    assert "9 is not a number from 1 to 7." in warnings
    net = store.load()
    assert [p.name for p in net.focus_peers()] == ["Ben", "Dov", "Fay"]
    assert all(p.focus_since == TODAY for p in net.focus_peers())
    assert all(p.next is None for p in net.peers)  # "-" skipped each follow-up


def test_focus_with_fewer_candidates_than_min_takes_what_there_is(store):
    seed(store, weak("Ann"), weak("Ben"), Peer("Cat", tie=Tie.STRONG, added=TODAY))
    ui = run(store, ["y"], start="focus")
    assert "only 2 candidates, fewer than the 3" in ui.text()
    assert [p.name for p in store.load().focus_peers()] == ["Ann", "Ben"]


def test_focus_without_candidates_says_why(store):
    seed(store, Peer("Ann", tie=Tie.STRONG, added=TODAY), Peer("Ben", tie=Tie.WEAK))
    ui = run(store, [], start="focus")
    assert "No candidates yet" in ui.text()
    assert not ui.asked
    assert store.load().focus_peers() == []


def test_focus_step_again_enter_keeps_current_set(store):
    seed(store, *(weak(n, focus=True) for n in ("Ann", "Ben", "Cat")), weak("Dov"))
    before = store.read_bytes()
    ui = run(store, [""], start="focus")
    assert "In focus now (★): Ann (weak), Ben (weak) and Cat (weak)." in ui.text()
    assert store.read_bytes() == before


# --- step 4: follow up --------------------------------------------------------------------


def test_follow_up_default_number_own_text_and_skip(store):
    from peermap.core.books import action, is_filler
    from peermap.core.suggestions import suggest

    seed(store, *(weak(n, focus=True) for n in ("Ann", "Ben", "Cat", "Dov")))
    net = store.load()

    def offered(name: str) -> list[str]:  # filler is never offered as a step
        return [action(t) for t in suggest(net, net.find(name), TODAY) if not is_filler(t)]

    ann_default, ben_second = offered("Ann")[0], offered("Ben")[1]
    ui = run(store, ["", "2", "  Ask Cat   about the roadmap ", "-"])
    by = {p.name: p for p in store.load().peers}
    assert by["Ann"].next.step == ann_default
    assert by["Ben"].next.step == ben_second
    assert by["Cat"].next.step == "Ask Cat about the roadmap"
    assert by["Dov"].next is None
    assert {by[n].next.due for n in ("Ann", "Ben", "Cat")} == {date(2026, 11, 29)}
    assert any(k == "tip" and "(principle" not in t for k, t, _ in ui.said)
    from peermap.core.principles import PRINCIPLES

    names = {pr.name for pr in PRINCIPLES}
    assert all(d in names for k, _, d in ui.said if k == "tip")


def test_follow_up_due_is_the_next_review(store):
    from peermap.core.model import Review

    seed(store, weak("Ann", focus=True))
    store.update(lambda net: net.reviews.append(Review(date(2026, 11, 20))), "review")
    run(store, [""], start="follow-up")
    assert store.load().peers[0].next.due == date(2026, 11, 27)


# --- resuming and stopping ------------------------------------------------------------------


def test_first_step_with_work_left():
    net = Network()
    assert first_step(net) == "brainstorm"
    net.peers = [Peer("Ann"), weak("Ben"), weak("Cat"), weak("Dov")]
    assert first_step(net) == "rate"
    net.peers[0].tie = Tie.STRONG
    assert first_step(net) == "focus"
    for p in net.peers[1:]:
        p.focus = True
    assert first_step(net) == "follow-up"
    from peermap.core.model import NextStep

    for p in net.peers[1:]:
        p.next = NextStep("Say hello")
    assert first_step(net) is None
    assert first_step(net, after="brainstorm") is None


def test_no_focus_and_no_candidates_is_not_work_left():
    net = Network(peers=[Peer("Ann", tie=Tie.STRONG), Peer("Ben", tie=Tie.WEAK,
                                                           matters=[Matters.CURRENT_WORK])])
    net.peers[1].focus = True
    from peermap.core.model import NextStep

    net.peers[1].next = NextStep("Say hello")
    assert first_step(net) is None


@pytest.mark.parametrize("state, first_prompt", [
    ("empty", "your name"),
    ("unrated", "tie with Ann"),
    ("rated", "pick 3 to 5"),
    ("focus", "next step"),
])
def test_run_resumes_at_the_first_step_with_work_left(store, state, first_prompt):
    if state != "empty":
        peers = [weak("Ann"), weak("Ben"), weak("Cat")]
        if state == "unrated":
            peers[0] = Peer("Ann")
        if state == "focus":
            for p in peers:
                p.focus = True
        seed(store, *peers)
    ui = run(store, [])
    assert ui.asked == [first_prompt]


def test_complete_map_says_so_and_offers_step(store):
    from peermap.core.model import NextStep

    seed(store, *(weak(n, focus=True, next=NextStep("Say hello", TODAY)) for n in "ABC"))
    ui = run(store, [])
    assert not ui.asked
    assert "Your map is complete" in ui.text()
    assert ("command", "peermap map --step STEP",
            "redo a step: brainstorm, rate, focus or follow-up") in ui.said


def test_explicit_step_runs_then_continues_only_with_work_left(store):
    seed(store, weak("Ann"), weak("Ben"), weak("Cat"))
    ui = run(store, ["Dan", "", "", "", "", "", "", "", "w", "1"], start="brainstorm")
    # the new name is rated right away; then focus asks to pick
    assert ui.asked[-2:] == ["matters for", "pick 3 to 5"]
    assert store.load().find("Dan").tie == Tie.WEAK


def test_end_of_input_keeps_answers_and_says_where_to_pick_up(store):
    ui = run(store, ["", "", "", "", "", "Grace Example", "Compilers"])
    p = store.load().peers[0]
    assert (p.name, p.team) == ("Grace Example", "Compilers")
    assert ui.said[-1][0] == "info"
    assert "End of input. Your answers so far are saved" in ui.said[-1][1]
    assert "step 1 (brainstorm, question 2)" in ui.said[-1][1]


def test_every_answer_is_saved_before_the_next_question_and_the_lock_is_free(store):
    """Each answer is its own transaction; the lock is never held while asking."""
    from filelock import FileLock

    seen: list[bytes | None] = []

    class Watching(Script):
        def ask(self, prompt: str, hint: str = "") -> str:
            with FileLock(str(store.lock_path), timeout=0):  # would raise if held
                pass
            seen.append(store.read_bytes())
            return super().ask(prompt, hint)

    ui = Watching(["", "Payments", "", "", "", "Grace Example", "Compilers", "Remote", ""])
    Wizard(store, ui, TODAY).run()
    assert seen[2] is not None and b"Payments" in seen[2]
    assert b"Grace Example" in seen[6] and b"Compilers" not in seen[6]
    assert b"Compilers" in seen[7] and b"Remote" not in seen[7]
    assert b"Remote" in seen[8]


def test_focus_with_exactly_min_candidates_enter_takes_all(store):
    seed(store, weak("Ann"), weak("Ben"), weak("Cat"))
    ui = run(store, ["", "-", "-", "-"], start="focus")
    assert [p.name for p in store.load().focus_peers()] == ["Ann", "Ben", "Cat"]
    assert not any(k == "warn" for k, _, _ in ui.said)


def test_focus_enter_without_a_default_asks_for_numbers(store):
    seed(store, *(weak(n) for n in ("Ann", "Ben", "Cat", "Dov")))
    ui = run(store, ["", "1 2 3"], start="focus")
    assert ("warn", "Type the numbers of 3 to 5 candidates, e.g. 1 3 4.", "") in ui.said
    assert len(store.load().focus_peers()) == 3


# --- the walkthrough as a person lives it --------------------------------------


def test_rated_peer_without_matters_is_asked_for_it(store):
    """Item 2: a weak tie without `matters` is asked again, and only that is asked."""
    seed(store, Peer("Ann", tie=Tie.WEAK, added=TODAY), weak("Ben"))
    ui = run(store, ["1"])
    assert ui.asked[0] == "matters for"
    assert "tie with Ann" not in ui.asked
    assert store.load().find("Ann").matters == [Matters.CURRENT_WORK]
    assert any(k == "peer" and t == "Ann" and "not yet said" in d for k, t, d in ui.said)


def test_focus_step_names_the_ties_left_out_and_why(store):
    seed(store, Peer("Ann", tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH, added=TODAY),
         weak("Ben"), weak("Cat"), weak("Dov"))
    ui = run(store, [""], start="focus")
    notes = [t for k, t, _ in ui.said if k == "note"]
    assert any(n.startswith("Left out: Ann (nonexistent, clash): say what it matters for")
               for n in notes)


def test_focus_command_names_the_ties_left_out(cli, data_file):
    cli("add", "Ann", "--tie", "weak")
    cli("add", "Ben", "--tie", "weak", "--matters", "current-work")
    r = cli("focus")
    assert r.exit_code == 0
    assert "Left out" in r.stdout and "Ann" in r.stdout
    assert "say what it matters for first" in r.stdout


def test_follow_up_goes_in_the_order_picked(store):
    """Item 5: follow-up walks the focus peers in the user's pick order."""
    seed(store, *(weak(n) for n in ("Ann", "Ben", "Cat", "Dov")))
    ui = run(store, ["3 1 2", "-", "-", "-"], start="focus")
    order = [t for k, t, _ in ui.said if k == "peer"]
    assert order == ["Cat", "Ann", "Ben"]


def test_suggested_step_is_never_cut(store):
    """Item 5: the 'suggested:' line and the step saved are the whole first suggestion."""
    from peermap.core.books import action, is_filler
    from peermap.core.suggestions import suggest

    seed(store, weak("Grace Example", focus=True, team="Compilers"))
    net = store.load()
    first = next(action(t) for t in suggest(net, net.peers[0], TODAY) if not is_filler(t))
    ui = run(store, [""], start="follow-up")
    default = next(t for k, t, d in ui.said if k == "default")
    assert default == first and "…" not in default
    assert store.load().peers[0].next.step == first


def test_planned_step_is_not_offered_again_in_follow_up(store):
    """Item 10 in the walkthrough: the planned step is not among the numbered ideas."""
    from peermap.core.model import NextStep
    from peermap.core.suggestions import suggest
    from peermap.flows.answers import step_text

    seed(store, weak("Ann", focus=True))
    net = store.load()
    planned = step_text(suggest(net, net.peers[0], TODAY)[0].text)
    store.update(lambda n: setattr(n.peers[0], "next", NextStep(planned, TODAY)), "plan")
    ui = run(store, [""], start="follow-up")
    assert not any(k == "tip" and planned in t for k, t, _ in ui.said)
    assert ("default", planned, f"next step now (due {TODAY.isoformat()}):") in ui.said


def test_brainstorm_progress_is_kept_in_the_file_and_survives_the_cache(store):
    """Item 1: [walkthrough] is written in a fixed place, read back with and without the
    parse cache, and removed when the brainstorm ends."""
    from peermap.core.model import Progress

    seed(store, weak("Ann"))
    run(store, ["", "", "Bob"], start="brainstorm")  # end of input at question 3
    text = store.path.read_text()
    assert '[settings]' in text and '[walkthrough]\nstep = "brainstorm"\nquestion = 3\n' in text
    assert text.index("[walkthrough]") < text.index("[[peers]]")
    # Stopped at Bob's team: that is where it picks up.
    at = Progress("brainstorm", 3, adding="Bob", detail="team")
    assert Store(store.path).load().walkthrough == at  # parsed
    assert Store(store.path).load().walkthrough == at  # from cache
    assert first_step(store.load()) == "brainstorm"
    run(store, ["", "", "", "", "", ""])  # Bob's team and location, questions 3 to 6
    assert "[walkthrough]" not in store.path.read_text()


@pytest.mark.parametrize("table, problem", [
    ('step = "brainstorm"\nquestion = 0\n', "walkthrough.question"),
    ('step = "dance"\nquestion = 2\n', "walkthrough.step"),
    ('step = "brainstorm"\nquestoin = 2\n', "questoin"),
])
def test_bad_walkthrough_table_is_refused_by_name(store, table, problem):
    from peermap.core.errors import DataFileError

    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(f"schema = 1\n\n[walkthrough]\n{table}")
    with pytest.raises(DataFileError, match=problem):
        store.load()
