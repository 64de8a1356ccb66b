"""Who shares your work, from your git history (`discover git`, docs/groups.md): pure ranking.

The communication analysis of code-maat, for one person: people who change the files
you change, review your commits or co-author them are, by definition, peers whose work
affects yours. This module gets parsed commits and `today` and returns ranked people
with their evidence; formats/git_history.py runs git.

Score of a person (higher first; name breaks ties):
- each file both of you changed in the window: sqrt(your changes x theirs) x recency,
  where recency halves every 90 days since the later of your last changes to it;
- each of your commits they reviewed (Reviewed-by) or you reviewed of theirs: 3;
- each commit co-authored (Co-authored-by) either way: 4;
- each Acked-by either way: 2.
Bots and commits touching more than 50 files are left out; one e-mail is one person
(the .mailmap has already been applied by git).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from peermap.core.model import Network, Peer
from peermap.core.text import command, count, name_key

MAX_FILES = 50  # a commit touching more is a mass change (rename, format, vendoring)
HALF_LIFE_DAYS = 90
REVIEW, COAUTHOR, ACK = 3.0, 4.0, 2.0
TRAILERS = {"reviewed-by": "review", "co-authored-by": "coauthor", "acked-by": "ack"}
_BOT = re.compile(r"\[bot\]|(^|[-_.+\s])bots?($|[-_.+@\s])|^(no-?reply|noreply)@", re.I)
_IDENT = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$")


class Commit(NamedTuple):  # a named tuple: tens of thousands are built per run
    name: str  # the author, after .mailmap
    email: str  # after .mailmap, lower case
    day: date
    files: tuple[str, ...]  # "repo-index:path", so two repositories never share a path
    trailers: tuple[tuple[str, str, str], ...] = ()  # (kind, name, email) as written
    raw: str = ""  # the author's e-mail before .mailmap, lower case


def identity(text: str) -> tuple[str, str]:
    """A trailer value `Name <mail>` -> (name, lower-case mail)."""
    m = _IDENT.match(text)
    if m is None:
        return text.strip(), ""
    return m.group(1), m.group(2).strip().lower()


@lru_cache(maxsize=4096)  # the same few hundred authors, tens of thousands of commits
def is_bot(name: str, email: str) -> bool:
    return bool(_BOT.search(name) or _BOT.search(email))


@dataclass
class Person:
    email: str
    names: Counter[str] = field(default_factory=Counter)
    files: Counter[str] = field(default_factory=Counter)  # file -> their changes
    last: dict[str, date] = field(default_factory=dict)  # file -> their last change
    commits: int = 0
    last_commit: date | None = None
    reviewed_yours: int = 0
    you_reviewed: int = 0
    acked_yours: int = 0
    you_acked: int = 0
    co_authored: int = 0

    @property
    def name(self) -> str:
        return min(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[0] if self.names \
            else self.email


@dataclass
class Found:
    """One person with shared work: what `discover git` prints for them."""

    person: Person
    score: float
    shared: int  # files both changed
    peer: Peer | None  # on your map already
    evidence: str

    def as_json(self, today: date) -> dict[str, Any]:
        p = self.person
        out: dict[str, Any] = {
            "name": p.name, "emails": [p.email], "score": round(self.score, 2),
            "shared_files": self.shared, "reviewed_yours": p.reviewed_yours,
            "you_reviewed": p.you_reviewed, "acked_yours": p.acked_yours,
            "you_acked": p.you_acked, "co_authored": p.co_authored,
            "last_commit": p.last_commit.isoformat() if p.last_commit else None,
            "evidence": self.evidence}
        if self.peer is None:
            out["command"] = command("add", p.name)
        else:
            last = self.peer.last_contact()
            out["peer"] = self.peer.name
            out["last_contact"] = last.isoformat() if last else None
        return out


@dataclass
class Discovery:
    since: date
    commits: int  # read, after skipping
    yours: int  # of them yours
    your_files: int
    skipped: Counter[str]  # "bot", "large"
    new: list[Found]
    known: list[Found]

    def as_json(self, today: date) -> dict[str, Any]:
        return {"since": self.since.isoformat(), "as_of": today.isoformat(),
                "commits": self.commits, "your_commits": self.yours,
                "your_files": self.your_files, "skipped": dict(sorted(self.skipped.items())),
                "people": [f.as_json(today) for f in self.new],
                "known": [f.as_json(today) for f in self.known]}


def _recency(d: date, today: date) -> float:
    return float(0.5 ** (max(0, (today - d).days) / HALF_LIFE_DAYS))


@dataclass
class _Tally:
    """What one pass over the commits gathers."""

    authors: dict[str, Person] = field(default_factory=dict)
    # A trailer names people as they wrote it; the authors' .mailmap-ped addresses tell
    # which canonical person each written address belongs to.
    raw_to_canon: dict[str, str] = field(default_factory=dict)
    # (author, kind, name, e-mail) per trailer
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)
    kept: int = 0


def _tally(commits: Iterable[Commit], skipped: Counter[str]) -> _Tally:
    t = _Tally()
    authors, raw_to_canon, edges = t.authors, t.raw_to_canon, t.edges
    for c in commits:
        if is_bot(c.name, c.email):
            skipped["bot"] += 1
            continue
        if len(c.files) > MAX_FILES:
            skipped["large"] += 1
            continue
        t.kept += 1
        if c.raw and c.raw != c.email:
            raw_to_canon[c.raw] = c.email
        key = c.email or name_key(c.name)
        a = authors.get(key)
        if a is None:
            a = authors[key] = Person(key)
        _add_commit(a, c)
        for kind, name, email in c.trailers:
            edges.append((key, kind, name, email))
    return t


def _add_commit(a: Person, c: Commit) -> None:
    a.names[c.name] += 1
    a.commits += 1
    if a.last_commit is None or c.day > a.last_commit:
        a.last_commit = c.day
    files, last, day = a.files, a.last, c.day
    files.update(c.files)
    for f in c.files:  # git writes newest first: the first day seen is nearly always last
        if last.setdefault(f, day) < day:
            last[f] = day


def _take_mine(authors: dict[str, Person], me: set[str]
               ) -> tuple[Counter[str], dict[str, date], int]:
    """Remove your identities from `authors`: your changes per file, last days, commits."""
    mine: Counter[str] = Counter()
    my_last: dict[str, date] = {}
    yours = 0
    for key in me & authors.keys():
        a = authors.pop(key)
        yours += a.commits
        mine.update(a.files)
        for f, d in a.last.items():
            if f not in my_last or d > my_last[f]:
                my_last[f] = d
    return mine, my_last, yours


# A trailer's kind -> the Person counter it adds to, when they did it to yours / you to theirs
# (any other kind is a co-authorship).
_BY_THEM = {"review": "reviewed_yours", "ack": "acked_yours"}
_BY_YOU = {"review": "you_reviewed", "ack": "you_acked"}


def _bump(p: Person, kind: str, table: dict[str, str]) -> None:
    attr = table.get(kind, "co_authored")
    setattr(p, attr, getattr(p, attr) + 1)


def _credit_trailers(people: dict[str, Person], t: _Tally, me: set[str]) -> None:
    """Count the reviews, acks and co-authorships between you and each other person."""
    for author, kind, name, email in t.edges:
        other = t.raw_to_canon.get(email, email) or name_key(name)
        if author in me and other and other not in me and not is_bot(name, email):
            p = people.get(other)
            if p is None:
                p = people[other] = Person(other)
            p.names[name] += 1
            _bump(p, kind, _BY_THEM)
        elif author not in me and other in me:
            _bump(people[author], kind, _BY_YOU)


def _score(p: Person, mine: Counter[str], my_last: dict[str, date],
           recency: dict[date, float], today: date) -> tuple[float, int]:
    """A person's score (module docstring) and how many files you both changed."""
    score = 0.0
    shared = 0
    for f in p.files.keys() & mine.keys():
        shared += 1
        d = max(my_last[f], p.last[f])
        r = recency.get(d)
        if r is None:
            r = recency[d] = _recency(d, today)
        score += math.sqrt(mine[f] * p.files[f]) * r
    score += REVIEW * (p.reviewed_yours + p.you_reviewed) + COAUTHOR * p.co_authored \
        + ACK * (p.acked_yours + p.you_acked)
    return score, shared


def discover(net: Network, commits: Iterable[Commit], me: set[str], since: date,
             today: date, skipped: Counter[str] | None = None) -> Discovery:
    """Rank the people in `commits` by the work they share with the identities `me`.

    `commits` may be a stream (git still writing): each is tallied as it comes, so only
    the scoring is left when the stream ends. `skipped` is the reader's count of what it
    left out (filled while the stream runs) and gets this function's own skips."""
    skipped = skipped if skipped is not None else Counter()
    t = _tally(commits, skipped)
    me = set(me) | {t.raw_to_canon[e] for e in me if e in t.raw_to_canon}
    mine, my_last, yours = _take_mine(t.authors, me)
    people = t.authors
    _credit_trailers(people, t, me)
    from peermap.core.refs import index

    by_email, by_name = index(net)
    new: list[Found] = []
    known: list[Found] = []
    start = _since_words(since, today)
    recency: dict[date, float] = {}
    for p in people.values():
        score, shared = _score(p, mine, my_last, recency, today)
        if score <= 0:
            continue
        peer = by_email.get(p.email) or next(
            (by_name[k] for k in (name_key(n) for n in p.names) if k in by_name), None)
        found = Found(p, score, shared, peer, _evidence(p, shared, start))
        (new if peer is None else known).append(found)
    return Discovery(since, t.kept, yours, len(mine), skipped, sorted(new, key=_order),
                     sorted(known, key=_order))


def _order(f: Found) -> tuple[float, str, str]:
    return (-f.score, name_key(f.person.name), f.person.email)


def _since_words(since: date, today: date) -> str:
    month = since.strftime("%B")
    return f"since {since.day} {month}" + ("" if since.year == today.year else
                                          f" {since.year}")


def _evidence(p: Person, shared: int, since: str) -> str:
    parts = []
    if shared:
        parts.append(f"changed {count(shared, 'file')} you changed {since}")
    if p.reviewed_yours:
        parts.append(f"reviewed {count(p.reviewed_yours, 'commit')} of yours")
    if p.you_reviewed:
        parts.append(f"you reviewed {count(p.you_reviewed, 'commit')} of theirs")
    if p.co_authored:
        parts.append(f"co-authored {count(p.co_authored, 'commit')} with you")
    if p.acked_yours:
        parts.append(f"acked {count(p.acked_yours, 'commit')} of yours")
    if p.you_acked:
        parts.append(f"you acked {count(p.you_acked, 'commit')} of theirs")
    return "; ".join(parts)


def contact_words(peer: Peer, today: date) -> str:
    """How a known peer stands: "on your map, but no contact logged in 60 days"."""
    last = peer.last_contact()
    if last is None:
        return "on your map, but no contact logged"
    days = (today - last).days
    if days >= 60:
        return f"on your map, but no contact logged in {days} days"
    return f"on your map; last contact {days} days ago"


_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def since_date(text: str, today: date) -> date:
    """`--since`: 6m, 12w, 90d, 1y, or a date (YYYY-MM-DD, yesterday, Nd)."""
    from datetime import timedelta

    from peermap.core.dates import parse_date
    from peermap.core.errors import PeermapError

    m = re.fullmatch(r"\s*(\d{1,4})\s*([dwmy])\s*", text.lower())
    if m:
        try:
            return today - timedelta(days=int(m.group(1)) * _UNITS[m.group(2)])
        except OverflowError:
            raise PeermapError(f"--since {text!r} is too far back.") from None
    try:
        day = parse_date(text, today)
    except PeermapError:
        raise PeermapError(f"--since {text!r} is not a period or a date: use 6m, 12w, 90d, "
                           "1y or YYYY-MM-DD.") from None
    if day > today:
        raise PeermapError(f"--since {day.isoformat()} is in the future.")
    return day
