"""Networks for tests: one place that builds peers, logs and maps, and the Hypothesis
strategies for arbitrary valid networks (CONTRIBUTING.md).

Builders take plain keywords and fill in only what the test does not say, so a test
reads as the situation it pins.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from peermap.core.model import (
    CADENCE_MAX,
    LOOPS,
    Affects,
    Away,
    GoalCheck,
    Group,
    Held,
    Kind,
    LogEntry,
    Matters,
    Me,
    MergeConflict,
    Network,
    NextStep,
    Outcome,
    Peer,
    Review,
    ReviewProgress,
    Settings,
    Tie,
    TieChange,
    ToMeet,
    WhyNone,
    bad_char,
    check_network,
    clean_name,
    name_key,
)

TODAY = date(2026, 11, 22)  # a Sunday, ISO week 47; conftest pins PEERMAP_TODAY to it
D = date.fromisoformat


def write(path: Path, net: Network) -> Path:
    """Put `net` at `path` as peermap writes it (folders made as needed)."""
    from peermap.storage.store import dumps

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(net))
    return path


def ago(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


def day(d: date | str) -> date:
    return D(d) if isinstance(d, str) else d


def log(d: date | str, kind: Kind = Kind.CHAT, note: str = "", **kw: Any) -> LogEntry:
    return LogEntry(day(d), kind, note, **kw)


def peer(name: str, **kw: Any) -> Peer:
    """A peer with exactly the fields given (unrated, no team, unless said)."""
    return Peer(name=name, **kw)


def candidate(name: str, **kw: Any) -> Peer:
    """A typical focus candidate: a weak tie that matters for current work, in Payments,
    London (the `me()` team and location), unless the keywords say otherwise."""
    kw.setdefault("tie", Tie.WEAK)
    kw.setdefault("matters", [Matters.CURRENT_WORK])
    kw.setdefault("team", "Payments")
    kw.setdefault("location", "London")
    return Peer(name=name, **kw)


def focus_peer(name: str = "Grace Example", *, since: str | None = "2026-10-01",
               log: tuple[str, ...] = (), cadence: int | None = None, **kw: Any) -> Peer:
    kw.setdefault("tie", Tie.WEAK)
    return Peer(name=name, focus=True, focus_since=D(since) if since else None,
                cadence_days=cadence, log=[LogEntry(D(d)) for d in log], **kw)


def me(**kw: Any) -> Me:
    kw.setdefault("name", "Mira")
    kw.setdefault("team", "Payments")
    kw.setdefault("location", "London")
    return Me(**kw)


def network(*peers: Peer, me: Me | None = None, reviews: tuple[Any, ...] | list[Any] = (),
            **settings: Any) -> Network:
    """A map of `peers`; `me` defaults to an empty profile; reviews may be dates or
    Review objects; other keywords are settings."""
    return Network(
        me=me if me is not None else Me(),
        settings=Settings(**settings),
        peers=list(peers),
        reviews=[r if isinstance(r, Review) else Review(day(r)) for r in reviews],
    )


# --- Hypothesis: arbitrary valid networks ---------------------------------------------

# Printable Unicode: every character but surrogates, C0/C1 controls and direction
# overrides (the alphabet leaves them out so the bad_char filter below rarely rejects).
_BIDI = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_chars = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=_BIDI)
_punct = st.sampled_from(['"', "'", "\\", '"""', "'''", "#", "=", "[", "]", "{", "}", " ",
                          "\u00a0", "\u2028", "\ufeff", "\U0001f600", "\u0301"])


def texts(multiline: bool = False, min_size: int = 0) -> st.SearchStrategy[str]:
    pieces = st.lists(st.one_of(st.text(_chars, max_size=6), _punct,
                                st.just("\n\t") if multiline else st.just("x")),
                      min_size=min_size, max_size=6)
    return pieces.map("".join).filter(lambda s: bad_char(s, multiline=multiline) is None)


line = texts()
note = texts(multiline=True)
names = texts(min_size=1).filter(lambda s: clean_name(s) != "")
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
small = st.integers(min_value=1, max_value=CADENCE_MAX)


def _subset(enum: Any) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(list(enum)), unique=True)


@st.composite
def peers(draw: st.DrawFn, peer_name: str) -> Peer:
    tie = draw(st.none() | st.sampled_from(list(Tie)))
    return Peer(
        name=peer_name,
        team=draw(line), role=draw(line), location=draw(line),
        affects=draw(_subset(Affects)), matters=draw(_subset(Matters)),
        tie=tie,
        why_none=draw(st.none() | st.sampled_from(list(WhyNone)))
        if tie == Tie.NONEXISTENT else None,
        tags=draw(st.lists(line, max_size=3)),
        goals=draw(st.lists(line, max_size=2)),
        pressures=draw(st.lists(line, max_size=2)),
        at_risk=draw(line),
        email=draw(st.lists(line, max_size=2)),
        phone=draw(st.lists(line, max_size=2)),
        focus=draw(st.booleans()),
        focus_since=draw(st.none() | dates),
        cadence_days=draw(st.none() | small),
        added=draw(st.none() | dates),
        snoozed=draw(st.none() | dates),
        introduced_by=draw(line),
        notes=draw(note),
        next=draw(st.none() | st.builds(
            NextStep, step=line.filter(lambda s: s.strip() != ""), due=st.none() | dates)),
        ties=draw(st.lists(st.builds(TieChange, date=dates, tie=st.sampled_from(list(Tie))),
                           max_size=3)),
        log=draw(st.lists(log_entries(), max_size=3)),
        goal_checks=draw(st.lists(st.builds(GoalCheck, date=dates, text=line,
                                            held=st.sampled_from(list(Held))), max_size=2)),
    )


@st.composite
def log_entries(draw: st.DrawFn) -> LogEntry:
    """Any log entry; an open-loop kind may be closed on or after its date."""
    kind = draw(st.sampled_from(list(Kind)))
    day_ = draw(dates)
    closed = None
    if kind in LOOPS:
        closed = draw(st.none() | st.dates(min_value=day_, max_value=date(9999, 12, 31)))
    return LogEntry(day_, kind, draw(note), draw(st.just("") | line), closed,
                    due=draw(st.none() | dates), acted=draw(st.just("") | line),
                    answer=draw(st.just("") | line), uid=draw(st.just("") | line))


@st.composite
def away_periods(draw: st.DrawFn) -> Away:
    until = draw(dates)
    return Away(until, draw(st.none() | st.dates(max_value=until)))


# A conflict's kept values, in document form (docs/sync.md): text, numbers, flags, word
# lists, a next step's table, or nothing.
_kept = st.one_of(st.none(), note, small, st.booleans(), st.lists(line, max_size=2),
                  st.fixed_dictionaries({"step": line}, optional={"due": dates.map(str)}))


@st.composite
def merge_conflicts(draw: st.DrawFn) -> MergeConflict:
    if draw(st.booleans()):
        return MergeConflict(peer=draw(names), removed=draw(st.sampled_from(["ours", "theirs"])))
    return MergeConflict(peer=draw(st.just("") | names),
                         field=draw(st.sampled_from(["settings.cadence_days", "me.name",
                                                     "team", "next", "notes", "tie",
                                                     'groups["Platform"].purpose'])),
                         ours=draw(_kept), theirs=draw(_kept))


@st.composite
def networks(draw: st.DrawFn) -> Network:
    """Any valid network, text in any printable Unicode; sorted as the file keeps it."""
    raw_names = draw(st.lists(names, max_size=5, unique_by=name_key))
    focus_min = draw(st.integers(1, 20))
    net = Network(
        me=Me(name=draw(line), team=draw(line), location=draw(line),
              strengths=draw(st.lists(line, max_size=3)),
              email=draw(st.lists(line, max_size=2)),

              level=draw(st.sampled_from(["", "junior", "mid", "senior", "staff"])),
              joined=draw(st.none() | dates)),
        settings=Settings(
            cadence_days=draw(small), review_every_days=draw(small), focus_min=focus_min,
            focus_max=draw(st.integers(focus_min, 40)),
            backups=draw(st.integers(0, 100)), git_commit=draw(st.booleans())),
        peers=[draw(peers(n)) for n in raw_names],
        reviews=draw(st.lists(st.builds(Review, date=dates, peer=line, step=line,
                                        outcome=st.none() | st.sampled_from(list(Outcome))),
                              max_size=3)),
        conflicts=draw(st.lists(merge_conflicts(), max_size=3)),
        away=draw(st.lists(away_periods(), max_size=2)),
        review_progress=draw(st.none() | st.builds(ReviewProgress, date=dates,
                                                   checked=st.lists(line, max_size=2))),
        groups=[Group(n, draw(st.lists(line, max_size=3)), draw(st.none() | small), draw(line),
                      draw(st.none() | dates))
                for n in draw(st.lists(names, max_size=2, unique_by=name_key))],
        to_meet=[ToMeet(n, draw(line), draw(line), draw(st.none() | dates))
                 for n in draw(st.lists(names, max_size=2, unique_by=name_key))],
    )
    assert check_network(net) == [], check_network(net)
    net.sort()
    return net


_plain_names = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x17F),
    min_size=1, max_size=8,
)


@st.composite
def ranked_networks(draw: st.DrawFn, today: date = TODAY) -> Network:
    """Maps shaped for ranking: plain names, a few teams and places, recent contacts."""
    raw = draw(st.lists(_plain_names, min_size=0, max_size=12, unique_by=name_key))
    out = []
    for n in raw:
        tie = draw(st.sampled_from([None, Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT]))
        why = draw(st.sampled_from([None, *WhyNone])) if tie == Tie.NONEXISTENT else None
        offsets = draw(st.lists(st.integers(0, 400), max_size=3))
        out.append(Peer(
            name=n,
            team=draw(st.sampled_from(["", "Payments", "Compilers", "Risk"])),
            location=draw(st.sampled_from(["", "London", "Remote"])),
            tie=tie, why_none=why,
            matters=draw(st.lists(st.sampled_from(list(Matters)), unique=True)),
            affects=draw(st.lists(st.sampled_from(list(Affects)), unique=True)),
            focus=draw(st.booleans()),
            added=draw(st.none() | st.just(today - timedelta(days=100))),
            ties=[TieChange(today - timedelta(days=200), tie)] if tie else [],
            log=[LogEntry(today - timedelta(days=o), Kind.CHAT) for o in sorted(offsets)],
        ))
    return Network(me=Me(team="Payments", location="London"), peers=out)
