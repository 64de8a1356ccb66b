"""The data model of schema 1 (docs/data-file.md): plain dataclasses, validated by pydantic.

The classes are stdlib dataclasses so that importing them is cheap (the reminder path
never imports pydantic); `validate_document` builds a pydantic TypeAdapter over them on
demand, with `extra="forbid"` so an unknown key is an error that names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic_core import ErrorDetails

from peermap.core.text import (
    bad_char,
    bad_char_problem,
    clean_name,
    describe_char,
    name_key,
    neutral,
)

__all__ = ["bad_char", "clean_name", "describe_char", "name_key", "neutral"]  # re-exported

_Date = date  # a field named `date` shadows the type inside its class

SCHEMA = 1
_FORBID = {"extra": "forbid"}
# The bounds of every integer in the file, the same as `config` and the commands apply.
SETTING_MAX = 10_000
CADENCE_MAX = 3650
CADENCE_BOUNDS = (1, CADENCE_MAX)  # a peer's own cadence_days
SETTING_BOUNDS: dict[str, tuple[int, int]] = {
    "cadence_days": (1, SETTING_MAX),
    "review_every_days": (1, SETTING_MAX),
    "focus_min": (1, SETTING_MAX),
    "focus_max": (1, SETTING_MAX),
    "backups": (0, SETTING_MAX),
}


def bound_problem(label: str, value: int, bounds: tuple[int, int]) -> str | None:
    """The one wording of an integer out of its bounds, or None when it is within them."""
    low, high = bounds
    if low <= value <= high:
        return None
    if high >= SETTING_MAX:
        return f"{label} must be at least {low}" if value < low else \
            f"{label} must be at most {high}"
    return f"{label} must be between {low} and {high}"


def setting_problems(s: Settings, prefix: str = "settings.") -> list[str]:
    """Every rule of [settings], checked in this one place (the file and `config`)."""
    problems = [problem for key, bounds in SETTING_BOUNDS.items()
                if (problem := bound_problem(f"{prefix}{key}", getattr(s, key), bounds))]
    if s.focus_min > s.focus_max:
        problems.append(f"{prefix}focus_min ({s.focus_min}) must not be greater than "
                        f"{prefix}focus_max ({s.focus_max})")
    return problems


class Tie(StrEnum):
    STRONG = "strong"
    WEAK = "weak"
    NONEXISTENT = "nonexistent"


class WhyNone(StrEnum):
    NOT_TRIED = "not-tried"
    CLASH = "clash"


class Affects(StrEnum):
    HELPS_ME = "helps-me"
    RELIES_ON_ME = "relies-on-me"
    SHARED_GOALS = "shared-goals"


class Matters(StrEnum):
    CURRENT_WORK = "current-work"
    FUTURE_WORK = "future-work"
    BIG_PICTURE = "big-picture"


class Kind(StrEnum):
    CHAT = "chat"
    SHARED = "shared"
    HELPED = "helped"
    ASKED = "asked"
    FEEDBACK_ASKED = "feedback-asked"
    FEEDBACK_GIVEN = "feedback-given"
    MET = "met"
    THEY_HELPED = "they-helped"
    THEY_ASKED = "they-asked"
    PROMISED = "promised"


GIVING = frozenset({Kind.SHARED, Kind.HELPED, Kind.FEEDBACK_GIVEN})
ASKING = frozenset({Kind.ASKED, Kind.FEEDBACK_ASKED})
GETTING = frozenset({Kind.THEY_HELPED})  # they helped you
SIGNS = frozenset({Kind.THEY_ASKED})  # they asked your advice: the tie works
OPENS_LOOP = frozenset({Kind.ASKED, Kind.FEEDBACK_ASKED, Kind.PROMISED})  # yours
THEIR_LOOP = frozenset({Kind.THEY_ASKED})  # they asked something of you: you owe an answer
LOOPS = OPENS_LOOP | THEIR_LOOP


class Outcome(StrEnum):
    """How last week's step went, as the review records it."""

    DONE = "done"
    TOO_BIG = "too-big"
    WRONG_MOMENT = "wrong-moment"
    NOT_YET = "not-yet"


@dataclass
class Me:
    __pydantic_config__ = _FORBID
    name: str = ""
    team: str = ""
    location: str = ""
    strengths: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)  # your addresses (git, calendars)
    level: str = ""  # junior, mid, senior or staff: how the advice reads seniority
    joined: _Date | None = None  # when you started: newcomer advice for six months

    def email_keys(self) -> set[str]:
        """Your addresses as git and calendar matching compare them (case aside)."""
        return {e.strip().lower() for e in self.email}


LEVELS = ("junior", "mid", "senior", "staff")


@dataclass
class Settings:
    __pydantic_config__ = _FORBID
    cadence_days: int = 14
    review_every_days: int = 7
    focus_min: int = 3
    focus_max: int = 5
    backups: int = 5
    git_commit: bool = False


@dataclass
class TieChange:
    __pydantic_config__ = _FORBID
    date: date
    tie: Tie


@dataclass
class LogEntry:
    __pydantic_config__ = _FORBID
    date: date
    kind: Kind = Kind.CHAT
    note: str = ""
    # The next step this entry carried out (`peermap done`): structured, so a note of the
    # user's own that happens to start with "Done:" is never counted as a step done.
    completed: str = ""
    # An open loop (asked, feedback-asked, promised, they-asked) closed on this day.
    closed: _Date | None = None
    due: _Date | None = None  # a promise's or an ask's due date
    acted: str = ""  # the situation key of the suggestion this contact carried out
    answer: str = ""  # what they said, when a feedback loop was closed
    # The calendar event an imported meeting came from (docs/groups.md): UID and the
    # occurrence's date, so a second import of the same event logs nothing.
    uid: str = ""

    @property
    def is_open(self) -> bool:
        """An open loop either way: yours (asked, feedback-asked, promised) or theirs
        (they asked something of you, not yet answered)."""
        return self.kind in LOOPS and self.closed is None


@dataclass
class NextStep:
    __pydantic_config__ = _FORBID
    step: str
    due: date | None = None


class Held(StrEnum):
    """What became of a goal or pressure of theirs on a given day (docs/books.md)."""

    ADDED = "added"  # you learned it
    KEPT = "kept"  # you checked and it still holds
    DROPPED = "dropped"  # you checked and it no longer holds (it left the list)


@dataclass
class GoalCheck:
    """The day a goal or pressure was learned, confirmed or dropped: how the advice knows
    how old what it quotes is."""

    __pydantic_config__ = _FORBID
    date: _Date
    text: str
    held: Held = Held.ADDED


@dataclass
class ReplacedStep:
    """A next step that a new plan replaced before it was done (kept, never lost)."""

    __pydantic_config__ = _FORBID
    date: _Date
    step: str
    due: _Date | None = None


@dataclass
class Peer:
    __pydantic_config__ = _FORBID
    name: str
    team: str = ""
    role: str = ""
    location: str = ""
    affects: list[Affects] = field(default_factory=list)
    matters: list[Matters] = field(default_factory=list)
    tie: Tie | None = None
    why_none: WhyNone | None = None
    tags: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    pressures: list[str] = field(default_factory=list)
    at_risk: str = ""  # something they rely on from you that is at risk, in your words
    email: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    focus: bool = False
    focus_since: date | None = None
    cadence_days: int | None = None
    added: date | None = None
    snoozed: date | None = None  # quiet and reconnect lines silent through this day
    introduced_by: str = ""  # the peer who introduced them (docs/groups.md)
    notes: str = ""
    next: NextStep | None = None
    ties: list[TieChange] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    replaced: list[ReplacedStep] = field(default_factory=list)
    goal_checks: list[GoalCheck] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)

    def last_contact(self) -> date | None:
        return max((e.date for e in self.log), default=None)


# --- the field table --------------------------------------------------------------------
# One row per scalar or list field of a peer, in file key order (docs/fields.md). It drives
# the file's key order, the document form (file, JSON, cache), text checks and bounds, CSV
# columns (export and import), the `add`/`edit` options, `import --update`, `merge` and
# `show`. A new field is one row here plus the dataclass attribute above, plus whatever it
# means to the advice.


class Kindof(StrEnum):
    TEXT = "text"  # one line of text, whitespace folded
    NOTES = "notes"  # free text, tabs and newlines allowed
    TEXTS = "texts"  # a list of one-line texts
    ENUM = "enum"
    ENUMS = "enums"  # a set of enum values, written in the enum's order
    BOOL = "bool"
    DATE = "date"
    INT = "int"


class Merge(StrEnum):
    """What `merge KEEP OTHER` does with a field; nothing of OTHER is ever dropped."""

    NAME = "name"  # KEEP's name stays; OTHER's is in the notes' "From OTHER" header
    UNION = "union"  # every item of both lists
    ASIDE = "aside"  # KEEP's value, else OTHER's; OTHER's differing value goes in the notes
    EARLIEST = "earliest"  # the earlier of two dates
    EITHER = "either"  # true when either is
    APPEND = "append"  # OTHER's text appended under a "From OTHER (merged):" line


_MERGE_OF = {Kindof.TEXTS: Merge.UNION, Kindof.ENUMS: Merge.UNION, Kindof.BOOL: Merge.EITHER,
             Kindof.NOTES: Merge.APPEND}


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kindof
    enum: type[StrEnum] | None = None
    csv: int = 0  # position among the CSV columns an import reads back (0: not a column)
    option: str = ""  # the `add`/`edit` option that sets it ("" when none does)
    help: str = ""  # the option's help
    label: str = ""  # how `show` names it ("" when `show` prints it elsewhere)
    merge_as: Merge | None = None  # None: by kind (lists union, single values aside)
    bounds: tuple[int, int] | None = None  # an INT's lowest and highest value

    @property
    def merge(self) -> Merge:
        return self.merge_as or _MERGE_OF.get(self.kind, Merge.ASIDE)

    @property
    def is_list(self) -> bool:
        return self.kind in (Kindof.TEXTS, Kindof.ENUMS)

    @property
    def empty(self) -> Any:
        """The value of the field when it is not set (the key is then omitted)."""
        return [] if self.is_list else "" if self.kind in (Kindof.TEXT, Kindof.NOTES) \
            else False if self.kind is Kindof.BOOL else None


PEER_FIELDS: tuple[Field, ...] = (
    Field("name", Kindof.TEXT, csv=1, merge_as=Merge.NAME),
    Field("team", Kindof.TEXT, csv=2, option="--team", help="Their team.", label="team"),
    Field("role", Kindof.TEXT, csv=3, option="--role", help="Their role.", label="role"),
    Field("location", Kindof.TEXT, csv=4, option="--location", help="Where they work.",
          label="location"),
    Field("affects", Kindof.ENUMS, Affects, csv=7, option="--affects", label="affects",
          help="How their work touches yours (repeat for several)."),
    Field("matters", Kindof.ENUMS, Matters, csv=8, option="--matters", label="matters",
          help="Why the tie matters (repeat for several)."),
    Field("tie", Kindof.ENUM, Tie, csv=5, option="--tie",
          help="strong, weak or nonexistent (or s, w, n; any case)."),
    Field("why_none", Kindof.ENUM, WhyNone, csv=6, option="--why-none",
          help="For a nonexistent tie: not-tried or clash."),
    Field("tags", Kindof.TEXTS, csv=9, option="--tag", help="A tag (repeat for several).",
          label="tags"),
    Field("goals", Kindof.TEXTS, csv=10, option="--goal", label="goals",
          help="What they are aiming for, in your words (repeat; replaces the list)."),
    Field("pressures", Kindof.TEXTS, csv=11, option="--pressure", label="pressures",
          help="What they are under pressure to deliver (repeat; replaces the list)."),
    Field("at_risk", Kindof.TEXT, csv=12, option="--at-risk", label="at risk",
          help="Something they rely on from you that is at risk ('' clears it)."),
    Field("email", Kindof.TEXTS, csv=14, option="--email", label="email",
          help="An e-mail address (repeat for several; replaces the list)."),
    Field("phone", Kindof.TEXTS, csv=15, option="--phone", label="phone",
          help="A phone number (repeat for several; replaces the list)."),
    Field("focus", Kindof.BOOL),
    Field("focus_since", Kindof.DATE, label="focus since", merge_as=Merge.EARLIEST),
    Field("cadence_days", Kindof.INT, option="--cadence", label="cadence",
          help="Reconnect every N days (overrides settings.cadence_days).",
          bounds=CADENCE_BOUNDS),
    Field("added", Kindof.DATE, label="added", merge_as=Merge.EARLIEST),
    Field("snoozed", Kindof.DATE, label="snoozed until"),
    Field("introduced_by", Kindof.TEXT, label="introduced by"),
    Field("notes", Kindof.NOTES, csv=13, option="--note", help="Free-text notes."),
)
FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in PEER_FIELDS}
CSV_FIELDS: tuple[Field, ...] = tuple(
    sorted((f for f in PEER_FIELDS if f.csv), key=lambda f: f.csv))
OPTION_FIELDS: tuple[Field, ...] = tuple(f for f in PEER_FIELDS if f.option)
# The records of a peer (tables and lists of tables): how `merge` and `import --update`
# join them. Each is its own dataclass above; docs/fields.md lists them after the fields.
PEER_RECORDS: tuple[tuple[str, str], ...] = (
    ("next", "KEEP's step stays; OTHER's differing step goes in the notes"),
    ("ties", "both histories, each rating once"),
    ("log", "both logs, every entry kept (a multiset: three equal entries stay three)"),
    ("replaced", "both histories, each replaced step once"),
    ("goal_checks", "both histories, each check once"),
)


def field_text(f: Field, value: Any) -> str:
    """A field's value in words, for `show` and the notes `merge` writes ("" when empty)."""
    if value is None or value == f.empty:
        return ""
    if f.kind is Kindof.ENUMS:
        return ", ".join(str(v) for v in value)
    if f.kind is Kindof.TEXTS:
        return "; ".join(value)
    if f.kind is Kindof.DATE:
        return str(value.isoformat())
    if f.kind is Kindof.INT and f.key == "cadence_days":
        from peermap.core.text import count

        return f"every {count(value, 'day')}"
    if f.kind is Kindof.BOOL:
        return "yes"
    return str(value)


def field_problems(who: str, f: Field, value: Any) -> list[str]:
    """What is wrong with one field's value: control characters, bounds (file and commands)."""
    if f.kind in (Kindof.TEXT, Kindof.NOTES):
        found = bad_char_problem(f"{who}, field {f.key}", value,
                                 multiline=f.kind is Kindof.NOTES)
        return [found] if found else []
    if f.kind is Kindof.TEXTS:
        return [found for item in value
                if (found := bad_char_problem(f"{who}, field {f.key}", item))][:1]
    if f.kind is Kindof.INT and f.bounds is not None and value is not None:
        found = bound_problem(f"{who}: {f.key}", value, f.bounds)
        return [found] if found else []
    return []


@dataclass
class Review:
    __pydantic_config__ = _FORBID
    date: date
    peer: str = ""
    step: str = ""
    outcome: Outcome | None = None  # how the step went, asked at the next review


@dataclass
class Away:
    """Time away (`peermap away`): from and until, both days included."""

    # The file's key is `from` (a Python keyword): the attribute is `start`.
    __pydantic_config__ = {"extra": "forbid",
                           "alias_generator": lambda k: "from" if k == "start" else k}
    until: date
    start: date | None = None


@dataclass
class Group:
    """A peer group that meets on a cadence (docs/groups.md); members are peer names."""

    __pydantic_config__ = _FORBID
    name: str
    members: list[str] = field(default_factory=list)
    cadence_days: int | None = None
    purpose: str = ""
    added: date | None = None


@dataclass
class ToMeet:
    """Someone you don't know yet, with who suggested them (docs/groups.md)."""

    __pydantic_config__ = _FORBID
    name: str
    via: str = ""
    why: str = ""
    added: date | None = None


WALKTHROUGH_STEPS = ("brainstorm", "rate", "focus", "follow-up")


@dataclass
class Progress:
    """How far an unfinished walkthrough got, so `peermap map` resumes exactly there.

    Written as the optional top-level table `[walkthrough]` (schema stays 1) while a
    brainstorm is under way; removed when the brainstorm's last question is answered.
    """

    __pydantic_config__ = _FORBID
    step: str = "brainstorm"
    question: int = 1  # the brainstorm question reached, counting from 1
    profile: str = ""  # the question about you reached: name, team, location, strengths
    adding: str = ""  # a peer just added whose team and location are being asked
    detail: str = ""  # which of them: team or location


@dataclass
class ReviewProgress:
    """A review under way: the focus peers already checked in with on `date`, so a review
    stopped midway does not ask them again. Written as `[review_progress]`; removed when
    the review is recorded."""

    __pydantic_config__ = _FORBID
    date: date
    checked: list[str] = field(default_factory=list)


@dataclass
class MergeConflict:
    """A value the two sides of a git merge set differently, kept until the user settles
    it (`peermap conflicts take ours|theirs N`, docs/sync.md). The file holds our value
    meanwhile; both values are kept here in document form (dates as text, a next step as
    a table, nothing as a missing key), so neither side is ever dropped.
    """

    __pydantic_config__ = _FORBID
    peer: str = ""  # the peer it belongs to ("" for settings and the profile)
    field: str = ""  # "settings.cadence_days", "me.name", or a peer's key ("team", "next")
    removed: str = ""  # "ours" or "theirs": the side that removed `peer` (the other changed it)
    ours: Any = None
    theirs: Any = None

    def __eq__(self, other: object) -> bool:
        """Equal as the file writes it: `true` is not `1`, though Python's True == 1."""
        if not isinstance(other, MergeConflict):
            return NotImplemented
        import json

        return json.dumps(conflict_to_doc(self), sort_keys=True, default=str) == \
            json.dumps(conflict_to_doc(other), sort_keys=True, default=str)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass default


@dataclass
class Network:
    __pydantic_config__ = _FORBID
    schema: int = SCHEMA
    me: Me = field(default_factory=Me)
    settings: Settings = field(default_factory=Settings)
    peers: list[Peer] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    walkthrough: Progress | None = None
    conflicts: list[MergeConflict] = field(default_factory=list)
    away: list[Away] = field(default_factory=list)
    review_progress: ReviewProgress | None = None
    groups: list[Group] = field(default_factory=list)
    to_meet: list[ToMeet] = field(default_factory=list)

    def focus_peers(self) -> list[Peer]:
        return [p for p in self.peers if p.focus]

    def find(self, name: str) -> Peer | None:
        key = name_key(name)
        return next((p for p in self.peers if p.key == key), None)

    def sort(self) -> None:
        """Put everything in the file's canonical order (docs/data-file.md)."""
        self.peers.sort(key=lambda p: (p.key, p.name))
        for p in self.peers:
            p.ties.sort(key=lambda t: t.date)
            p.log.sort(key=lambda e: e.date)
            p.affects = _ordered(p.affects, Affects)
            p.matters = _ordered(p.matters, Matters)
        self.reviews.sort(key=lambda r: r.date)
        self.away.sort(key=lambda a: (a.start or a.until, a.until))
        self.groups.sort(key=lambda g: (name_key(g.name), g.name))
        self.to_meet.sort(key=lambda m: (name_key(m.name), m.name))


E = TypeVar("E", bound=StrEnum)


def _ordered(values: list[E], enum: type[E]) -> list[E]:
    present = set(values)
    return [v for v in enum if v in present]


# --- documents: the plain-dict form used by the TOML writer, JSON and the cache ---------

def _iso(d: date | None, as_text: bool) -> date | str | None:
    return d.isoformat() if (as_text and d is not None) else d


def _field_to_doc(f: Field, v: Any, dates_as_text: bool) -> Any:
    """A field's value in document form, or None when it is empty (the key is omitted)."""
    if v is None or v == "" or v == [] or v is False:
        return None
    if f.kind is Kindof.DATE:
        return _iso(v, dates_as_text)
    if f.kind in (Kindof.TEXTS, Kindof.ENUMS):
        return [str(x) for x in v]
    if f.kind is Kindof.ENUM:
        return str(v)
    return v


def _field_from_doc(f: Field, v: Any) -> Any:
    """The inverse of `_field_to_doc` for a trusted document (dates as text)."""
    if f.kind is Kindof.DATE:
        return date.fromisoformat(v)
    if f.kind is Kindof.ENUM:
        assert f.enum is not None
        return f.enum(v)
    if f.kind is Kindof.ENUMS:
        assert f.enum is not None
        return [f.enum(x) for x in v]
    if f.kind is Kindof.TEXTS:
        return list(v)
    return v


def log_to_doc(e: LogEntry, *, dates_as_text: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {"date": _iso(e.date, dates_as_text), "kind": str(e.kind)}
    if e.note:
        d["note"] = e.note
    if e.completed:
        d["completed"] = e.completed
    if e.closed is not None:
        d["closed"] = _iso(e.closed, dates_as_text)
    if e.due is not None:
        d["due"] = _iso(e.due, dates_as_text)
    if e.acted:
        d["acted"] = e.acted
    if e.answer:
        d["answer"] = e.answer
    if e.uid:
        d["uid"] = e.uid
    return d


def peer_to_doc(p: Peer, *, dates_as_text: bool = False) -> dict[str, Any]:
    """A peer as an ordered dict in file key order, empty optional keys omitted."""
    out: dict[str, Any] = {}
    for f in PEER_FIELDS:
        v = _field_to_doc(f, getattr(p, f.key), dates_as_text)
        if v is not None:
            out[f.key] = v
    if p.next is not None:
        nxt: dict[str, Any] = {"step": p.next.step}
        if p.next.due is not None:
            nxt["due"] = _iso(p.next.due, dates_as_text)
        out["next"] = nxt
    if p.ties:
        out["ties"] = [{"date": _iso(t.date, dates_as_text), "tie": str(t.tie)} for t in p.ties]
    if p.log:
        out["log"] = [log_to_doc(e, dates_as_text=dates_as_text) for e in p.log]
    if p.replaced:
        out["replaced"] = [
            {k: v for k, v in (("date", _iso(r.date, dates_as_text)), ("step", r.step),
                               ("due", _iso(r.due, dates_as_text))) if v is not None}
            for r in p.replaced]
    if p.goal_checks:
        out["goal_checks"] = [{"date": _iso(c.date, dates_as_text), "text": c.text,
                               "held": str(c.held)} for c in p.goal_checks]
    return out


def to_doc(net: Network, *, dates_as_text: bool = False) -> dict[str, Any]:
    """The whole network as an ordered dict (file order). Sorts the network first."""
    net.sort()
    doc: dict[str, Any] = {"schema": net.schema}
    tables = _tables(net, dates_as_text)
    doc.update((k, v) for k, v in tables.items() if v)
    return doc


def _tables(net: Network, dt: bool) -> dict[str, Any]:
    """Each table of the file in order, empty ones as a falsy value (left out)."""
    w, rp = net.walkthrough, net.review_progress
    return {
        "me": {k: _iso(v, dt) if isinstance(v, date) else v
               for k, v in vars(net.me).items() if v not in ("", [], None)},
        "settings": dict(vars(net.settings)),
        "walkthrough": None if w is None else {
            "step": w.step, "question": w.question,
            **{k: v for k, v in (("profile", w.profile), ("adding", w.adding),
                                 ("detail", w.detail)) if v}},
        "review_progress": None if rp is None else {"date": _iso(rp.date, dt),
                                                    "checked": list(rp.checked)},
        "peers": [peer_to_doc(p, dates_as_text=dt) for p in net.peers],
        "reviews": [{k: v for k, v in (("date", _iso(r.date, dt)), ("peer", r.peer),
                                       ("step", r.step),
                                       ("outcome", str(r.outcome) if r.outcome else ""))
                     if v} for r in net.reviews],
        "conflicts": [conflict_to_doc(c) for c in net.conflicts],
        "away": [{k: v for k, v in (("from", _iso(a.start, dt)), ("until", _iso(a.until, dt)))
                  if v is not None} for a in net.away],
        "groups": [_kept(vars(g), dt) for g in net.groups],
        "to_meet": [_kept(vars(m), dt) for m in net.to_meet],
    }


def conflict_to_doc(c: MergeConflict) -> dict[str, Any]:
    """A merge conflict in file key order; empty names and missing values omitted."""
    return {k: v for k, v in (("peer", c.peer), ("field", c.field), ("removed", c.removed),
                              ("ours", c.ours), ("theirs", c.theirs))
            if v is not None and (v != "" or k in ("ours", "theirs"))}


def _kept(values: dict[str, Any], dates_as_text: bool) -> dict[str, Any]:
    """A flat table's non-empty values in attribute order, dates as the document wants."""
    return {k: _iso(v, dates_as_text) if isinstance(v, date) else
            list(v) if isinstance(v, list) else v
            for k, v in values.items() if v not in (None, "", [])}


def _d(v: str | None) -> date | None:
    return None if v is None else date.fromisoformat(v)


def _me(d: dict[str, Any]) -> Me:
    m = Me(**{k: v for k, v in d.items() if k != "joined"})
    m.joined = _d(d.get("joined"))
    return m


def from_trusted_doc(doc: dict[str, Any]) -> Network:
    """Rebuild a Network from `to_doc(..., dates_as_text=True)` output without pydantic.

    Only for documents peermap itself validated (the parse cache); anything else goes
    through `validate_document`.
    """
    peers = []
    for p in doc.get("peers", ()):
        nxt = p.get("next")
        values = {f.key: _field_from_doc(f, p[f.key]) for f in PEER_FIELDS if f.key in p}
        peers.append(Peer(
            **values,
            next=NextStep(nxt["step"], _d(nxt.get("due"))) if nxt else None,
            ties=[TieChange(date.fromisoformat(t["date"]), Tie(t["tie"]))
                  for t in p.get("ties", ())],
            log=[LogEntry(date.fromisoformat(e["date"]), Kind(e["kind"]), e.get("note", ""),
                          e.get("completed", ""), _d(e.get("closed")), _d(e.get("due")),
                          e.get("acted", ""), e.get("answer", ""),
                          uid=e.get("uid", ""))
                 for e in p.get("log", ())],
            replaced=[ReplacedStep(date.fromisoformat(r["date"]), r["step"], _d(r.get("due")))
                      for r in p.get("replaced", ())],
            goal_checks=[GoalCheck(date.fromisoformat(c["date"]), c["text"], Held(c["held"]))
                         for c in p.get("goal_checks", ())],
        ))
    return Network(
        schema=doc["schema"],
        me=_me(doc.get("me", {})),
        settings=Settings(**doc["settings"]),
        peers=peers,
        reviews=[Review(date.fromisoformat(r["date"]), r.get("peer", ""), r.get("step", ""),
                        Outcome(r["outcome"]) if "outcome" in r else None)
                 for r in doc.get("reviews", ())],
        walkthrough=Progress(**doc["walkthrough"]) if "walkthrough" in doc else None,
        conflicts=[MergeConflict(**c) for c in doc.get("conflicts", ())],
        away=[Away(date.fromisoformat(a["until"]), _d(a.get("from")))
              for a in doc.get("away", ())],
        review_progress=ReviewProgress(date.fromisoformat(doc["review_progress"]["date"]),
                                       list(doc["review_progress"]["checked"]))
        if "review_progress" in doc else None,
        groups=[Group(**{**g, "added": _d(g.get("added"))}) for g in doc.get("groups", ())],
        to_meet=[ToMeet(**{**m, "added": _d(m.get("added"))}) for m in doc.get("to_meet", ())],
    )


# --- validation ------------------------------------------------------------------------

_adapter: TypeAdapter[Network] | None = None


def _network_adapter() -> TypeAdapter[Network]:
    global _adapter
    if _adapter is None:
        from pydantic import TypeAdapter

        _adapter = TypeAdapter(Network)
    return _adapter


_FRIENDLY = {
    "tie": "strong, weak or nonexistent",
    "why_none": "not-tried or clash",
    "affects": "helps-me, relies-on-me or shared-goals",
    "matters": "current-work, future-work or big-picture",
    "kind": ", ".join(k.value for k in Kind),
    "outcome": ", ".join(o.value for o in Outcome),
    "held": "added, kept or dropped",
}


def _where(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    """Turn a pydantic location into words: "peer 'Grace Example', field tie"."""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "peers" and isinstance(parts[1], int):
        peers = raw.get("peers") or []
        name = None
        if parts[1] < len(peers) and isinstance(peers[parts[1]], dict):
            name = peers[parts[1]].get("name")
        who = f"peer {name!r}" if isinstance(name, str) else f"peer #{parts[1] + 1}"
        rest = [str(x) if not isinstance(x, int) else f"#{x + 1}" for x in parts[2:]]
        return f"{who}, field {'.'.join(rest)}" if rest else who
    if len(parts) >= 2 and parts[0] == "reviews" and isinstance(parts[1], int):
        field_path = ".".join(str(x) for x in parts[2:])
        return f"review #{parts[1] + 1}" + (f", field {field_path}" if field_path else "")
    return "field " + ".".join(str(x) for x in parts) if parts else "the top level"


def _explain(err: ErrorDetails, raw: dict[str, Any]) -> str:
    loc = tuple(err.get("loc", ()))
    typ = err.get("type", "")
    where = _where(loc, raw)
    field_name = next((x for x in reversed(loc) if isinstance(x, str)), "")
    if typ in ("unexpected_keyword_argument", "extra_forbidden"):
        return f"unknown key {field_name!r} ({where}); check its spelling"
    if typ == "missing" or typ == "missing_argument":
        return f"{where} is required but missing"
    if typ.startswith("enum") or typ == "literal_error":
        allowed = _FRIENDLY.get(field_name) or _FRIENDLY.get(str(loc[-2]) if len(loc) > 1 else "")
        got = err.get("input")
        return f"{where} must be {allowed or 'one of the allowed values'}, not {got!r}"
    if typ.startswith("date"):
        return f"{where} must be a date like 2026-11-20, not {err.get('input')!r}"
    if typ.startswith("int"):
        return f"{where} must be a whole number, not {err.get('input')!r}"
    if typ.startswith("bool"):
        return f"{where} must be true or false, not {err.get('input')!r}"
    if typ.startswith("string"):
        return f"{where} must be text in quotes, not {err.get('input')!r}"
    if typ.startswith("list"):
        return f"{where} must be a list like [\"a\", \"b\"]"
    if typ in ("dataclass_type", "dataclass_args_type", "model_type", "dict_type"):
        return f"{where} must be a table"
    return f"{where}: {err.get('msg', 'invalid value')}"


class InvalidData(ValueError):
    """The document does not follow schema 1; `problems` are sentences in plain words."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _json_default(v: object) -> str:
    if isinstance(v, date):
        if hasattr(v, "hour"):
            raise InvalidData([f"a date-time ({v.isoformat()}) stands where a date belongs"])
        return v.isoformat()
    raise InvalidData([f"a value of an unsupported kind ({v!r}) is in the file"])


def validate_document(raw: dict[str, Any]) -> Network:
    """Validate a parsed document (TOML or JSON) strictly and return the Network.

    Raises InvalidData with plain-words problems that name the peer and field.
    """
    import json

    from pydantic import ValidationError

    if not isinstance(raw, dict):
        raise InvalidData(["the document must be a table"])
    schema = raw.get("schema")
    if schema is None:
        raise InvalidData(["the key 'schema' is missing; add `schema = 1` as the first line"])
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise InvalidData([f"schema must be a whole number like 1, not {schema!r}"])
    if schema > SCHEMA:
        raise InvalidData([
            f"this file uses schema {schema}, newer than this peermap understands ({SCHEMA}); "
            "upgrade peermap"
        ])
    _check_datetimes(raw, (), raw)
    # Strict JSON-mode validation: no silent bool-to-int or number-to-text coercion, while
    # dates and enums arrive as their text spellings.
    text = json.dumps(raw, default=_json_default)
    try:
        net = _network_adapter().validate_json(text, strict=True)
    except ValidationError as e:
        raise InvalidData([_explain(err, raw) for err in e.errors()[:5]]) from None
    problems = check_network(net)
    if problems:
        raise InvalidData(problems)
    return net


_SURROGATE = __import__("re").compile("[\ud800-\udfff]")
_MAX_DEPTH = 12  # schema 1 needs 5 levels (peers > list > peer > log > list > entry)


def _check_datetimes(value: object, path: tuple[Any, ...], raw: dict[str, Any]) -> None:
    from datetime import datetime, time

    if len(path) > _MAX_DEPTH:
        raise InvalidData([f"{_where(path[:4], raw)} is nested too deeply to be peermap data"])
    if isinstance(value, dict):
        for k, v in value.items():
            _check_datetimes(v, (*path, k), raw)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_datetimes(v, (*path, i), raw)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**63:
        raise InvalidData([f"{_where(path, raw)} is a number far too large; peermap's "
                           f"numbers are at most {SETTING_MAX}"])
    elif isinstance(value, str) and (bad := _SURROGATE.search(value)) is not None:
        raise InvalidData([f"{_where(path, raw)} holds a lone surrogate "
                           f"(\\u{ord(bad.group()):04x}), "
                           "which is not a character; fix or remove that escape"])
    elif isinstance(value, datetime | time):
        raise InvalidData([
            f"{_where(path, raw)} holds a date-time or time ({value.isoformat()}) where a "
            "date like 2026-11-20 belongs"
        ])


def _text(problems: list[str], where: str, value: str, *, multiline: bool = False) -> None:
    """Add the problem with a control or direction-override character in `value`, if any."""
    found = bad_char_problem(where, value, multiline=multiline)
    if found:
        problems.append(found)


def check_network(net: Network) -> list[str]:
    """Rules the types cannot express; each problem is a sentence naming peer and field."""
    problems: list[str] = []

    def text(where: str, value: str, *, multiline: bool = False) -> None:
        _text(problems, where, value, multiline=multiline)

    problems += setting_problems(net.settings)
    _me_problems(net.me, problems)
    seen: dict[str, str] = {}
    for p in net.peers:
        _peer_problems(p, seen, problems)
    for r in net.reviews:
        text("a review's peer", r.peer)
        text("a review's step", r.step)
    for n, c in enumerate(net.conflicts, 1):
        problems.extend(_conflict_problems(n, c))
    if net.review_progress is not None:
        for name in net.review_progress.checked:
            text("review_progress.checked", name)
    for a in net.away:
        if a.start is not None and a.start > a.until:
            problems.append(f"an away period ends ({a.until.isoformat()}) before it starts "
                            f"({a.start.isoformat()})")
    problems += _check_lists(net, text)
    if net.walkthrough is not None:
        _walkthrough_problems(net.walkthrough, problems)
    return problems


def _me_problems(me: Me, problems: list[str]) -> None:
    for k in ("name", "team", "location"):
        _text(problems, f"me.{k}", getattr(me, k))
    for st in me.strengths:
        _text(problems, "me.strengths", st)
    for address in me.email:
        _text(problems, "me.email", address)


def _peer_problems(p: Peer, seen: dict[str, str], problems: list[str]) -> None:
    """One peer's problems; `seen` maps the keys of the peers before it to their names."""
    who = f"peer {p.name!r}"
    if not clean_name(p.name):
        problems.append("a peer has an empty name")
        return
    if p.key in seen:
        also = "" if seen[p.key] == p.name else f" (also as {seen[p.key]!r})"
        problems.append(f"{who} appears twice{also}; names are unique")
    seen[p.key] = p.name
    for f in PEER_FIELDS:
        problems += field_problems(who, f, getattr(p, f.key))
    if p.why_none is not None and p.tie != Tie.NONEXISTENT:
        problems.append(f"{who}: why_none only goes with tie = \"nonexistent\"")
    if p.next is not None:
        _text(problems, f"{who}, field next.step", p.next.step)
        if not p.next.step.strip():
            problems.append(f"{who}: next.step is empty")
    for e in p.log:
        _log_problems(who, e, problems)
    for old in p.replaced:
        _text(problems, f"{who}, a replaced step", old.step)
    for c in p.goal_checks:
        _text(problems, f"{who}, a goal check", c.text)


def _log_problems(who: str, e: LogEntry, problems: list[str]) -> None:
    _text(problems, f"{who}, a log note", e.note, multiline=True)
    _text(problems, f"{who}, a log entry's completed step", e.completed)
    if e.closed is not None and e.closed < e.date:
        problems.append(f"{who}: the {e.kind.value} entry of {e.date.isoformat()} is "
                        f"closed ({e.closed.isoformat()}) before it was opened")
    _text(problems, f"{who}, a log entry's answer", e.answer)
    _text(problems, f"{who}, a log entry's acted", e.acted)
    if e.closed is not None and e.kind not in LOOPS:
        problems.append(f"{who}: only asked, feedback-asked, promised and they-asked "
                        f"entries can be closed, not the {e.kind.value} entry of "
                        f"{e.date.isoformat()}")


def _walkthrough_problems(w: Progress, problems: list[str]) -> None:
    if w.step not in WALKTHROUGH_STEPS:
        problems.append(f"walkthrough.step must be one of {', '.join(WALKTHROUGH_STEPS)}, "
                        f"not {w.step!r}")
    if not 1 <= w.question <= 99:
        problems.append("walkthrough.question must be between 1 and 99")
    if w.profile not in ("", "name", "team", "location", "strengths"):
        problems.append("walkthrough.profile must be name, team, location or strengths")
    if w.detail not in ("", "team", "location"):
        problems.append("walkthrough.detail must be team or location")
    _text(problems, "walkthrough.adding", w.adding)


_BARE_KEY = __import__("re").compile(r"[A-Za-z0-9_-]+")


def _conflict_problems(n: int, c: MergeConflict) -> list[str]:
    where = f"conflict #{n}"
    problems = []
    if c.removed not in ("", "ours", "theirs"):
        problems.append(f"{where}: removed must be \"ours\" or \"theirs\", not {c.removed!r}")
    if not c.field and not (c.removed and c.peer):
        problems.append(f"{where} names no field")

    def walk(v: object) -> None:
        if isinstance(v, str) and (found := bad_char_problem(where, v, multiline=True)):
            problems.append(found)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                if not _BARE_KEY.fullmatch(k):
                    problems.append(f"{where} holds a table key {k!r} peermap cannot write")
                walk(x)
        elif v is not None and not isinstance(v, bool | int | str):
            problems.append(f"{where} holds a value of an unsupported kind")

    for v in (c.peer, c.field, c.ours, c.theirs):
        walk(v)
    return problems


def _check_lists(net: Network, text: Any) -> list[str]:
    """Groups and the to-meet list: names given and unique, text clean, cadence in range."""
    problems: list[str] = []
    for label, items in (("group", net.groups), ("to-meet entry", net.to_meet)):
        seen: set[str] = set()
        for item in items:
            who = f"{label} {item.name!r}"
            if not clean_name(item.name):
                problems.append(f"a {label} has an empty name")
                continue
            if name_key(item.name) in seen:
                problems.append(f"{who} appears twice; names are unique")
            seen.add(name_key(item.name))
            for key, value in vars(item).items():
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str):
                        text(f"{who}, field {key}", v)
    for g in net.groups:
        if g.cadence_days is not None and not 1 <= g.cadence_days <= CADENCE_MAX:
            problems.append(f"group {g.name!r}: cadence_days must be between 1 and "
                            f"{CADENCE_MAX}")
    return problems
