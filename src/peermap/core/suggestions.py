"""Follow-up suggestions for one peer (docs/principles.md): the situation first, in the user's
own words, each suggestion traceable to one principle.

Pure functions over the Network and `today`; no I/O, no Rich, no Typer, no pydantic.

`_situations` reads what fits this peer (a risk you flagged, open loops, a clash, a tie
never tried, their goals and pressures, which way help has flowed...) into slots of the
table in `core.advice_texts`, each with the fields its texts need. `suggest` then takes
the urgent and state slots in order, one or two about the person and one about the wider
map taking turns by ISO week (so the weekly ritual reads fresh while a given date always
gives the same advice), and keeps these rules: never the step already planned, no
principle more than twice for one peer, and no text twice in one run (`seen`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

from peermap.core.advice_texts import SLOTS
from peermap.core.loops import balance, peer_loops
from peermap.core.model import (
    OPENS_LOOP,
    SIGNS,
    Affects,
    Kind,
    Matters,
    Network,
    Peer,
    Tie,
    WhyNone,
)
from peermap.core.principles import short_name
from peermap.core.reminders import QUIET_FACTOR, cadence, contact_anchor
from peermap.core.state import state_of
from peermap.core.text import join_and

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STALE_DAYS_NOT_FOCUS = 60  # a peer outside focus is "time to reconnect" after two months
ASK_GRACE_DAYS = 7  # an open ask is mentioned once they have had a week to answer
OVERDUE_DAYS = 7  # a step this far past its date is brought up
RERATE_DAYS = 60  # a focus tie's rating this old is worth a second look
RECENT_DAYS = 60  # a last log note this recent is worth following up
FRESH_DAYS = 30  # a sign the tie works (they asked, they helped) is news for a month
QUOTE_WIDTH = 70
# Slots about the person in the user's own words (or help logged either way): one of
# them always gets a place when any fits.
PERSONAL = frozenset({"was_done", "goal", "pressure", "note", "relies_note", "last_talk",
                      "strength_offer", "strength_compare", "they_helped", "they_asked"})
_REMOTE = {"remote", "anywhere", "distributed", "home", "wfh", "various", "online"}
_SENIOR = {"principal", "staff", "senior", "lead", "head", "director", "manager", "vp",
           "distinguished", "architect", "chief", "cto", "fellow"}
_COMMON = {"and", "or", "the", "of", "for", "a", "an", "to", "in", "on", "with", "at", "by",
           "what", "her", "his", "their", "they", "them", "about", "after", "before", "you",
           "your", "is", "it", "that", "this", "one"}
_GIVING_VERBS = {"send", "share", "offer", "pass", "forward", "introduce", "help", "thank",
                 "credit", "give", "show", "cover", "review"}
_STOP = _COMMON  # strengths match on their meaningful words, whole words only


@dataclass(frozen=True)
class Suggestion:
    text: str
    principle: str  # the key of the principle in docs/principles.md
    slot: str = field(default="", compare=False)  # which situation it answers

    @property
    def name(self) -> str:
        """The principle's short name, printed after the text."""
        return short_name(self.principle)

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "principle": self.principle}


# --- small helpers ------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"[\w+#]+", text.casefold()))


def _seed(today: date) -> int:
    year, week, _ = today.isocalendar()
    return year * 53 + week


def _hash(text: str) -> int:
    # crc32, not hash(): str hashes change between runs, the advice must not.
    return zlib.crc32(text.encode("utf-8"))


def _day(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.day}"


def _span(days: int) -> str:
    if days < 14:
        return "1 day" if days == 1 else f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    return f"{days // 30} months"


def times(n: int) -> str:
    """A count in words: nothing, once, twice, 3 times."""
    return {0: "nothing", 1: "once", 2: "twice"}.get(n, f"{n} times")


def quote(text: str, width: int = QUOTE_WIDTH) -> str:
    """The user's words in double quotes, on one line, cut at a word when long."""
    t = " ".join(text.split()).rstrip(".;,: ")
    if len(t) > width:
        t = t[: width - 1].rsplit(" ", 1)[0].rstrip(".;,: ") + "…"
    return f"\"{t}\""


def short_name_of(net: Network, p: Peer) -> str:
    """First name, or the full name when another peer shares that first name."""
    words = p.name.split()
    if not words:
        return p.name
    first = words[0].casefold()
    clash = any(q is not p and q.name.split()[:1] and q.name.split()[0].casefold() == first
                for q in net.peers)
    return p.name if clash else words[0]


def _arg(name: str) -> str:
    from peermap.core.text import shell_quote as quote

    return quote(name)


_and = join_and  # the one "a, b and c" (core.text)


def real_place(location: str) -> bool:
    """A location you can meet in: not empty and not "Remote" or the like."""
    return bool(location.strip()) and _key(location) not in _REMOTE


def same_place(net: Network, p: Peer) -> bool:
    return real_place(p.location) and _key(p.location) == _key(net.me.location)


def senior(p: Peer) -> bool:
    return bool(_words(p.role) & _SENIOR)


def strength_fit(net: Network, p: Peer) -> tuple[str, str, str] | None:
    """(strength, where it fits, "offer" or "compare") for one of your strengths that
    matches the peer's goals, pressures or tags as whole words; None when none does.

    A strength matching their goals or pressures is something to offer; one matching
    their tags is their own field, so you compare notes instead of teaching (and never
    offer to teach a senior peer what they do for a living)."""
    for s in net.me.strengths:
        words = _words(s) - _STOP
        if not words:
            continue
        for text in [*p.goals, *p.pressures]:
            if words & _words(text):
                mode = "compare" if senior(p) and words & _words(" ".join(p.tags)) else "offer"
                return s, text, mode
        for tag in p.tags:
            if words & _words(tag):
                return s, tag, "compare"
    return None


def _pick(items: list[str], today: date, p: Peer) -> str:
    return items[(_seed(today) + _hash(p.key)) % len(items)]


# --- reading the situation ----------------------------------------------------------------


def only_asking(p: Peer, today: date) -> bool:
    """The give/get balance of the last 90 days leans to taking."""
    return balance(p, today).verdict == "taking"


def _situations(net: Network, p: Peer, today: date) -> dict[str, dict[str, str]]:
    """The slots that fit this peer, each with the fields its texts need."""
    me = net.me
    fits: dict[str, dict[str, str]] = {}
    clash = p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH
    not_tried = state_of(p, net, today).not_tried  # any logged contact ends it
    bal = balance(p, today)
    log = sorted((e for e in p.log if e.date <= today), key=lambda e: e.date)
    noted = [e for e in log if e.note.strip()]
    last = noted[-1] if noted else None

    # tier 0: urgent
    if p.at_risk.strip():
        fits["at_risk"] = {"risk": quote(p.at_risk)}
    loops = peer_loops(p, today)
    for kind, slot, grace in ((Kind.PROMISED, "loop_promise", 0),
                              (Kind.FEEDBACK_ASKED, "loop_feedback", 0),
                              (Kind.ASKED, "loop_ask", ASK_GRACE_DAYS)):
        found = [lp for lp in loops if lp.kind == kind and lp.days >= grace
                 and not _plan_covers(p, lp.note)]
        if found:
            lp = found[0]
            fits[slot] = {"loop": quote(lp.note) if lp.note else "no note",
                          "when": _day(lp.date)}
    if p.next is not None and p.next.due is not None:
        late = (today - p.next.due).days
        if late >= OVERDUE_DAYS:
            fits["overdue"] = {"step": quote(p.next.step, 100), "due": _day(p.next.due),
                               "since": _span(late)}
    outcome = _recent_outcome(net, p, today)
    if outcome is not None:
        fits[outcome[0]] = outcome[1]
    if bal.verdict == "taking":
        counts = {"took": times(bal.took), "gave": times(bal.gave), "days": "90"}
        if p.next is not None and _words(p.next.step) & _GIVING_VERBS:
            fits["give_first_planned"] = {**counts, "step": quote(p.next.step, 100)}
        else:
            fits["give_first"] = counts
    if clash:
        fits["clash_listen"] = {}
        fits["clash_own"] = {"about": f"{quote(p.notes)} (your note)" if p.notes.strip()
                             else "the disagreement"}
        hint = f" (perhaps {quote(p.goals[0])}, their goal in your words)" if p.goals else ""
        fits["clash_goals"] = {"goal_hint": hint}
        fits["clash_credit"] = {}

    # tier 1: the tie's state
    if not_tried:
        if same_place(net, p):
            fits["first_here"] = {"loc": p.location}
        else:
            far = f" in {p.location}" if real_place(p.location) else ""
            fits["first_far"] = {"far": far}
        if Matters.FUTURE_WORK in p.matters:
            fits["not_tried_future"] = {}
    if p.tie is None:
        fits["unrated"] = {}
    if p.tie == Tie.STRONG and p.focus:
        fits["graduated"] = {}
    rerate = _rerate(p, today)
    if rerate is not None:
        fits["rerate_fresh" if rerate.pop("fresh") else "rerate"] = rerate
    if p.tie in (Tie.WEAK, Tie.NONEXISTENT) and not p.matters:
        fits["no_matters"] = {}
    anchor = contact_anchor(p)
    # A clash gets repair, not "reconnect"; a step long past says it already.
    if log and anchor is not None and not clash and "overdue" not in fits:
        days = (today - anchor).days
        limit = cadence(net, p) if p.focus else max(cadence(net, p), STALE_DAYS_NOT_FOCUS)
        if p.tie == Tie.STRONG and not p.focus:  # "going quiet", as remind says
            limit = min(limit, QUIET_FACTOR * cadence(net, p))
        if days > limit:
            since = _span((today - log[-1].date).days)
            if last is not None and last.kind not in OPENS_LOOP:
                fits["stale"] = {"since": since, "last": quote(last.note)}
            else:
                fits["stale_plain"] = {"since": since}

    # tier 2: the person
    if p.goals and not clash:
        fits["goal"] = {"goal": quote(_pick(p.goals, today, p))}
    if p.pressures and not clash:
        fits["pressure"] = {"pressure": quote(_pick(p.pressures, today, p))}
    if p.notes.strip() and not clash:
        if Affects.RELIES_ON_ME in p.affects and not p.at_risk:
            fits["relies_note"] = {"note": quote(p.notes)}
        else:
            fits["note"] = {"note": quote(p.notes)}
    elif Affects.RELIES_ON_ME in p.affects and not p.at_risk and not clash:
        fits["relies"] = {}
    recent = last is not None and (today - last.date).days <= RECENT_DAYS
    if recent and last is not None and not clash and "stale" not in fits \
            and "stale_plain" not in fits:
        slot = {Kind.THEY_HELPED: "they_helped", Kind.THEY_ASKED: "they_asked"}.get(
            last.kind, "last_talk")
        # Loops speak for asks and promises; a fresh rating question for signs.
        if last.kind not in OPENS_LOOP and not (slot != "last_talk" and "rerate_fresh" in fits):
            fits[slot] = {"last": quote(last.note), "when": _day(last.date)}
    fit = strength_fit(net, p) if not clash else None
    if fit is not None:
        strength, where, mode = fit
        slot = "strength_offer" if mode == "offer" else "strength_compare"
        fits[slot] = {"strength": strength, "fit": quote(where) if mode == "offer" else where}
    if bal.verdict == "giving" and not clash:
        fits["fine_to_ask"] = {}
    # Credit, shared plans and the bigger picture presume you have talked: not before.
    talked = not clash and not not_tried
    if Affects.HELPS_ME in p.affects and talked:
        fits["helps"] = {}
    if Affects.SHARED_GOALS in p.affects and talked:
        fits["shared_goals"] = {"goal_hint": f" ({quote(p.goals[0])}, in your words)"
                                if p.goals else ""}
    taking = bal.verdict == "taking"
    if p.tie == Tie.WEAK and not taking:
        fits["weak_share"] = {}
        if not any(lp.kind == Kind.FEEDBACK_ASKED for lp in loops) and bal.verdict != "giving":
            fits["weak_feedback"] = {}
    if p.tie == Tie.STRONG:
        if not p.focus:
            fits["strong_keep"] = {}
        if not taking:
            fits["strong_intro"] = {}
    if Matters.BIG_PICTURE in p.matters and talked:
        fits["big_picture"] = {}
    if Matters.FUTURE_WORK in p.matters and p.tie in (Tie.WEAK, Tie.STRONG):
        fits["future_work"] = {}

    # tier 3: the wider map and habits (a clash gets none of the bridging or teaching)
    if clash:
        return fits
    tied = p.tie in (Tie.WEAK, Tie.STRONG)
    if tied and p.team.strip() and _key(p.team) != _key(me.team):
        fits["bridge_team"] = {"team": p.team, "my_team": me.team or "your team",
                               "in_my_team": f"in {me.team}" if me.team else "on your team"}
    elif tied and real_place(p.location) and not same_place(net, p) and real_place(me.location):
        fits["bridge_loc"] = {"loc": p.location, "in_my_loc": f"in {me.location}"}
    group = _interest_group(net, p) if tied else None
    if group is not None:
        tag, others = group
        names = [short_name_of(net, q) for q in others]
        fits["group"] = {"tag": tag, "others": _and(names),
                         "group": _and([short_name_of(net, p), *names])}
    if tied and not taking:
        if p.tags:
            fits["learn_tag"] = {"topic": _and(p.tags[:2])}
        elif p.role.strip():
            fits["learn_role"] = {"role": p.role}
    if tied:
        if same_place(net, p):
            fits["chance_here"] = {"loc": p.location}
        else:
            fits["chance_far"] = {}
        fits["small_step"] = {}
        if p.team.strip():
            fits["map_broadly"] = {"team": p.team}
    if p.pressures:
        fits["confidential_known"] = {"pressure": quote(p.pressures[0])}
    else:
        fits["confidential"] = {}
    return fits


OUTCOME_DAYS = 14  # last week's step is remembered for two weeks


def _recent_outcome(net: Network, p: Peer, today: date) -> tuple[str, dict[str, str]] | None:
    """A slot for how the last reviewed step with this peer went, when it is recent."""
    from peermap.core.model import Outcome
    from peermap.core.outcomes import last_outcome

    r = last_outcome(net, p)
    if r is None or r.outcome is None or not 0 <= (today - r.date).days <= OUTCOME_DAYS:
        return None
    slot = {Outcome.TOO_BIG: "was_too_big", Outcome.WRONG_MOMENT: "was_wrong_moment",
            Outcome.DONE: "was_done"}.get(r.outcome)
    if slot is None:
        return None
    return slot, {"step": quote(r.step, 100), "when": _day(r.date)}


def _plan_covers(p: Peer, note: str) -> bool:
    """The planned step is already about this (shares two or more words with its note)."""
    if p.next is None or not note:
        return False
    skip = _COMMON | _words(p.name)
    return len((_words(p.next.step) - skip) & (_words(note) - skip)) >= 2


def _rerate(p: Peer, today: date) -> dict[str, str] | None:
    """A focus tie whose rating may be out of date: rated long ago with contact since,
    or they have asked your advice or helped you since the rating."""
    if not p.focus or p.tie not in (Tie.WEAK, Tie.NONEXISTENT) or not p.ties:
        return None
    rated = max(t.date for t in p.ties if t.date <= today) if any(
        t.date <= today for t in p.ties) else None
    if rated is None:
        return None
    since = [e for e in p.log if rated < e.date <= today]
    signs = [e for e in since if e.kind in SIGNS or e.kind == Kind.THEY_HELPED]
    old = (today - rated).days >= RERATE_DAYS and len(since) >= 2
    if not (signs or old):
        return None
    if signs:
        e = signs[-1]
        evidence = (f"{p.name.split()[0]} asked your advice on {_day(e.date)}"
                    if e.kind in SIGNS else f"{p.name.split()[0]} helped you on {_day(e.date)}")
    else:
        evidence = f"{len(since)} contacts logged"
    fresh = bool(signs) and (today - signs[-1].date).days <= FRESH_DAYS
    return {"tie": p.tie.value, "rated": _day(rated), "evidence": evidence,
            "evidence_cap": evidence[:1].upper() + evidence[1:], "fresh": "1" if fresh else ""}


def _interest_group(net: Network, p: Peer) -> tuple[str, list[Peer]] | None:
    """The tag of `p` shared with the most other rated peers (at most three named)."""
    best: tuple[str, list[Peer]] | None = None
    for tag in p.tags:
        k = _key(tag)
        others = [q for q in net.peers if q is not p and q.tie in (Tie.WEAK, Tie.STRONG)
                  and any(_key(t) == k for t in q.tags)]
        if others and (best is None or len(others) > len(best[1])):
            best = (tag, others)
    if best is None:
        return None
    tag, others = best
    return tag, sorted(others, key=lambda q: (q.key, q.name))[:3]


# --- choosing and filling -------------------------------------------------------------------


def _rotated(slots: list[str], offset: int) -> list[str]:
    if not slots:
        return []
    turn = offset % len(slots)
    return slots[turn:] + slots[:turn]


def _planned(p: Peer) -> set[str]:
    """The planned step, to skip: a suggestion never repeats what is already planned."""
    if p.next is None:
        return set()
    return {_key(p.next.step).rstrip("….")}


_ABOUT_PLAN = ("overdue", "give_first_planned", "was_too_big", "was_wrong_moment",
               "was_done")  # slots that name the plan on purpose


def _is_planned(text_key: str, planned: set[str], name: str) -> bool:
    """The text is the planned step, the planned step is this text shortened, or it says
    mostly the same thing (most of the step's words appear in it)."""
    body = text_key.rstrip(".")
    skip = _COMMON | _words(name)
    for p in planned:
        if body == p or (len(p) >= 20 and body.startswith(p)):
            return True
        words = _words(p) - skip
        shared = words & _words(body)
        if len(shared) >= 3 and len(shared) >= 0.6 * len(words):
            return True
    return False


def suggest(net: Network, peer: Peer, today: date, limit: int = 4,
            seen: set[str] | None = None) -> list[Suggestion]:
    """Up to `limit` concrete next actions for `peer`, the most pressing first.

    `seen` collects texts (and, prefixed with "#", templates) already given in this run:
    a text is never repeated, and a template already used for another peer gives way to
    another text of the same slot when there is one.
    """
    if limit <= 0:
        return []
    seen = set() if seen is None else seen
    fits = _situations(net, peer, today)
    base = {"n": short_name_of(net, peer), "arg": _arg(peer.name)}
    seed = _seed(today) + _hash(peer.key)
    planned = _planned(peer)
    by_tier: dict[int, list[str]] = {0: [], 1: [], 2: [], 3: []}
    for slot in SLOTS:
        if slot in fits:
            by_tier[SLOTS[slot][0]].append(slot)
    fixed = by_tier[0] + by_tier[1]
    first = [s for s in fixed if s in ("first_here", "first_far")]
    if first and "at_risk" not in fits:  # a tie never tried starts with a first contact
        fixed = first + [s for s in fixed if s not in first]
    personal = _rotated([s for s in by_tier[2] if s in PERSONAL], seed)
    generic = _rotated([s for s in by_tier[2] if s not in PERSONAL], seed + 1)
    wider = _rotated(by_tier[3], seed // 2 + _hash(peer.name))
    # The pressing slots first, leaving room for one about the person (in the user's own
    # words when there are any) and one about the wider map; then the rest.
    room = max(limit - (1 if personal else 0) - (1 if wider and limit >= 3 else 0), 1)
    # A second text in their own words and one about what the tie is take turns by week.
    middle = personal[1:2] + generic if _seed(today) % 2 else generic[:1] + personal[1:2] \
        + generic[1:]
    plan = fixed[:room] + personal[:1] + wider[:1] + middle + personal[2:] + wider[1:] \
        + fixed[room:]
    out: list[Suggestion] = []
    used: dict[str, int] = {}
    for slot in plan:
        if len(out) >= limit:
            break
        made = _fill(slot, fits[slot], base, seed, seen, planned, used)
        if made is not None:
            out.append(made)
            used[made.principle] = used.get(made.principle, 0) + 1
            seen.add(_key(made.text))
    return out


def _fill(slot: str, fields: dict[str, str], base: dict[str, str], seed: int,
          seen: set[str], planned: set[str], used: dict[str, int]) -> Suggestion | None:
    """The slot's text for this week, or the next one that keeps the rules; None if none."""
    texts = SLOTS[slot][1]
    start = (seed + _hash(slot)) % len(texts)
    order = [(start + i) % len(texts) for i in range(len(texts))]
    fresh = [i for i in order if f"#{slot}:{i}" not in seen]
    for i in fresh + [i for i in order if i not in fresh]:
        key, template = texts[i]
        if used.get(key, 0) >= 2:
            continue
        text = template.format(**base, **fields)
        k = _key(text)
        if k in seen or (slot not in _ABOUT_PLAN and _is_planned(k, planned, base["n"])):
            continue
        seen.add(f"#{slot}:{i}")
        return Suggestion(text, key, slot)
    return None


def suggest_all(net: Network, peers: list[Peer], today: date,
                limit: int = 4) -> list[tuple[Peer, list[Suggestion]]]:
    """Suggestions for several peers in one run: no text twice, templates spread out."""
    seen: set[str] = set()
    return [(p, suggest(net, p, today, limit, seen)) for p in peers]


def top_step(net: Network, peer: Peer, today: date, width: int = 100) -> str:
    """A short default for `next.step`: the first suggestion, shortened to fit `width`."""
    found = suggest(net, peer, today)
    if not found:
        return ""
    return shorten(found[0].text, width)


def shorten(text: str, width: int = 100) -> str:
    """Text cut at a clause boundary (or a word, with an ellipsis) to at most `width`."""
    t = " ".join(text.split())
    if len(t) <= width:
        return t.rstrip(".")
    # Clause ends first (a dash only at its first use: the second closes an aside), and
    # a comma only when there is no clause end that fits.
    for seps in (("; ", ". ", ": ", " — "), (", ",)):
        ends = [i for sep in seps for i in _finds(t, sep, once=sep == " — ")]
        fitting = [i for i in ends if 30 <= i <= width]
        if fitting:
            return t[: max(fitting)].rstrip(".,;:")
    cut = t[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(".,;:") + "…"


def _finds(text: str, sep: str, *, once: bool = False) -> list[int]:
    found = []
    i = text.find(sep)
    while i != -1:
        found.append(i)
        if once:
            break
        i = text.find(sep, i + 1)
    return found
