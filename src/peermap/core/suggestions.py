"""Follow-up suggestions for one peer as one plan (docs/advice.md): at most one `now`
item, the most urgent thing owed or at stake, then up to three ideas that fit with it.

The situations are units in `core.rules`, each a condition over the peer's facts; this
module only chooses among the units that fit and fills their texts. Pure functions over
the Network and `today`; the same file and date always give the same advice.

Rules kept here: the `now` item is first, and while it stays unresolved it takes a more
direct text each week; the other urgent units follow (thanks and credit are never
crowded out), then ideas about the person and the wider map taking turns by ISO week;
no two situations that contradict; no principle more than twice for one peer; no
template twice in one run (`seen`, across peers too); no idea that was in this peer's
plan last week (recomputed from the file for `today - 7`); never the step already planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from peermap.core.model import Network, Peer
from peermap.core.principles import short_name
from peermap.core.rules import conflict, fitting
from peermap.core.rules.base import (
    COMMON,
    Fields,
    crc,
    key,
    quote,
    short_name_of,
    step_of,
    times,
    week_seed,
    words,
)
from peermap.core.rules.facts import Facts, facts, real_place
from peermap.core.rules.ideas import strength_fit as _strength_fit
from peermap.core.rules.unit import Unit
from peermap.core.text import shell_quote

__all__ = ["Suggestion", "quote", "real_place", "short_name_of",
           "shorten", "strength_fit", "suggest", "suggest_all", "times", "top_step"]

IDEAS = 3  # ideas after the now item
ESCALATE_WEEKS = 3  # how far back an unresolved now item is looked for
ACTED_REST_DAYS = 28  # an idea carried out is not suggested again for four weeks


@dataclass(frozen=True)
class Suggestion:
    text: str
    principle: str  # the key of the principle in docs/principles.md
    slot: str = field(default="", compare=False)  # which unit it came from
    situation: str = field(default="", compare=False)  # the unit's situation key
    step: str = field(default="", compare=False)  # the action alone
    now: bool = field(default=False, compare=False)  # the one most urgent item

    @property
    def name(self) -> str:
        """The principle's short name, printed after the text."""
        return short_name(self.principle)

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "step": self.step, "principle": self.principle,
                "situation": self.situation, "now": self.now}


def strength_fit(net: Network, p: Peer, today: date,
                 x: Facts | None = None) -> tuple[str, str, str] | None:
    """(strength, where it fits, "offer" or "compare"), or None (see core.rules.ideas);
    `x`: the peer's facts when the caller has them already."""
    x = x or facts(net, p, today, p.name)
    fit = _strength_fit(x)
    if fit is not None and fit[2] == "offer" and x.senior_to_me:
        return fit[0], fit[1], "compare"
    return fit


def _planned(p: Peer) -> set[str]:
    if p.next is None:
        return set()
    return {key(p.next.step).rstrip("….")}


def _is_planned(text_key: str, planned: set[str], name: str) -> bool:
    """The text is the planned step or says mostly the same thing."""
    body = text_key.rstrip(".")
    skip = COMMON | words(name)
    for p in planned:
        if body == p or (len(p) >= 20 and body.startswith(p)):
            return True
        mine = words(p) - skip
        shared = mine & words(body)
        if len(shared) >= 3 and len(shared) >= 0.6 * len(mine):
            return True
    return False


_ABOUT_PLAN = frozenset({"overdue", "rethink", "give_first_planned", "was_too_big",
                         "was_wrong_moment", "was_done"})  # units that name the plan


def _now_slot(net: Network, p: Peer, today: date) -> str:
    x = facts(net, p, today, p.name)
    urgent = sorted((u for u, _ in fitting(x) if u.urgency), key=lambda u: u.urgency)
    return urgent[0].slot if urgent else ""


def _stage(net: Network, p: Peer, today: date, slot: str) -> int:
    """Weeks in a row (before this one) that `slot` was this peer's now item."""
    n = 0
    while n < ESCALATE_WEEKS and _now_slot(net, p, today - timedelta(weeks=n + 1)) == slot:
        n += 1
    return n


def _unquote(text: str) -> str:
    whole = len(text) >= 2 and text[0] == text[-1] == '"' and '"' not in text[1:-1]
    return text[1:-1] if whole else text


@dataclass
class _Run:
    """What one plan keeps while it fills texts."""

    x: Facts
    base: dict[str, str]
    seen: set[str]
    avoid: frozenset[str]
    planned: set[str]
    used: dict[str, int] = field(default_factory=dict)

    def fill(self, u: Unit, fields: Fields, start: int, now: bool) -> Suggestion | None:
        n = len(u.texts)
        # An idea says this week's text or nothing: a text that gives way to another
        # could repeat last week's or next week's turn. The now item stands: its stage's
        # text, else a more direct one, else any; and, when every text of it was used
        # for other peers in this run, its own text again.
        order = [start]
        if now:
            order = [start, *(i for i in range(n) if i > start),
                     *(i for i in range(n) if i < start)]
        for i in order:
            principle, template = u.texts[i]
            if f"#{u.slot}:{i}" in self.seen or self.used.get(principle, 0) >= 2:
                continue
            text = template.format(**self.base, **fields)
            k = key(text)
            if k in self.seen or (not now and k in self.avoid):
                continue
            # The now item stands even when it is the plan; ideas never repeat the plan.
            if not now and u.slot not in _ABOUT_PLAN and _is_planned(
                    k, self.planned, self.base["n"]):
                continue
            self.seen.add(f"#{u.slot}:{i}")
            return self._made(u, fields, text, principle, now)
        if now:
            principle, template = u.texts[start]
            return self._made(u, fields, template.format(**self.base, **fields), principle,
                              now)
        return None

    def _made(self, u: Unit, fields: Fields, text: str, principle: str,
              now: bool) -> Suggestion:
        self.seen.add(key(text))
        self.used[principle] = self.used.get(principle, 0) + 1
        step = _unquote(fields[u.step_field]).rstrip(".;: ") if u.step_field else step_of(
            text, self.base["n"])
        return Suggestion(text, principle, u.slot, u.situation, step, now)


_EARLY = ("credit", "first-contact")  # ideas placed before the turn-taking ones


def _order(found: list[tuple[Unit, Fields]], today: date, peer_key: str) -> list[
        tuple[Unit, Fields]]:
    """Urgent units by urgency, then thanks and credit, then ideas taking turns by week
    (one about the person, one about the tie or the wider map, and so on)."""
    urgent = sorted((f for f in found if f[0].urgency), key=lambda f: f[0].urgency)
    early = [f for f in found if not f[0].urgency and f[0].situation in _EARLY]
    rest = [f for f in found if not f[0].urgency and f[0].situation not in _EARLY]
    seed = week_seed(today) + crc(peer_key)
    personal = [f for f in rest if f[0].personal]
    general = [f for f in rest if not f[0].personal]
    personal = personal[seed % len(personal):] + personal[:seed % len(personal)] \
        if personal else []
    general = general[seed % len(general):] + general[:seed % len(general)] if general else []
    mixed: list[tuple[Unit, Fields]] = []
    for i in range(max(len(personal), len(general))):
        mixed += personal[i:i + 1] + general[i:i + 1]
    return urgent + early + mixed


def _plan(net: Network, peer: Peer, today: date, limit: int, seen: set[str],
          avoid: frozenset[str]) -> list[Suggestion]:
    name = short_name_of(net, peer)
    x = facts(net, peer, today, name)
    run = _Run(x, {"n": name, "arg": shell_quote(peer.name)}, seen, avoid, _planned(peer))
    ordered = _order(fitting(x), today, peer.key)
    out: list[Suggestion] = []
    situations: list[str] = []
    seed = week_seed(today) + crc(peer.key)
    # A general idea (one that quotes nothing of theirs) rests every other week, by the
    # week's number, unless the plan would have fewer than two items without it.
    # An idea carried out lately (a contact with `acted = KEY`) rests four weeks; urgent
    # units and clash stages read `acted` against their own trigger.
    since = today - timedelta(days=ACTED_REST_DAYS)
    ordered = [uf for uf in ordered if uf[0].urgency or not x.acted_since(uf[0].situation,
                                                                          since)]
    rested = [uf for uf in ordered if not uf[0].urgency and not uf[0].personal
              and uf[0].situation not in _EARLY
              and (week_seed(today) + crc(uf[0].slot + peer.key)) % 2]
    for u, fields in [uf for uf in ordered if uf not in rested]:
        if len(out) >= min(limit, 1 + IDEAS):
            break
        if not _fits(u, out, situations, run, name):
            continue
        now = not out and bool(u.urgency)
        start = (seed + crc(u.slot)) % len(u.texts)
        if now and u.escalates:
            start = min(_stage(net, peer, today, u.slot), len(u.texts) - 1)
        made = run.fill(u, fields, start, now)
        if made is not None:
            out.append(made)
            situations.append(u.situation)
    for u, fields in rested:  # little else to say: a rested idea, in new words
        if len(out) >= min(limit, 2):
            break
        if not _fits(u, out, situations, run, name):
            continue
        made = run.fill(u, fields, (seed + crc(u.slot)) % len(u.texts), False)
        if made is not None:
            out.append(made)
            situations.append(u.situation)
    return out


def _fits(u: Unit, out: list[Suggestion], situations: list[str], run: _Run,
          name: str) -> bool:
    """The unit may join the plan: no contradiction, one idea per situation, one item
    about the planned step."""
    if any(conflict(u.situation, s) for s in situations):
        return False
    if u.situation in situations and not u.urgency:
        return False
    return not (u.slot in _ABOUT_PLAN and any(
        s.slot in _ABOUT_PLAN or _is_planned(key(s.text), run.planned, name) for s in out))


def suggest(net: Network, peer: Peer, today: date, limit: int = 4,
            seen: set[str] | None = None) -> list[Suggestion]:
    """One plan for `peer`: the `now` item (if any) first, then up to three ideas.

    `seen` collects texts (and, prefixed with "#", templates) already given in this run:
    neither is ever given twice, across peers too.
    """
    if limit <= 0:
        return []
    seen = set() if seen is None else seen
    last = _plan(net, peer, today - timedelta(weeks=1), 1 + IDEAS, set(), frozenset())
    avoid = frozenset(key(s.text) for s in last)
    return _plan(net, peer, today, limit, seen, avoid)


def suggest_all(net: Network, peers: list[Peer], today: date,
                limit: int = 4) -> list[tuple[Peer, list[Suggestion]]]:
    """Plans for several peers in one run: no text or template twice."""
    seen: set[str] = set()
    return [(p, suggest(net, p, today, limit, seen)) for p in peers]


def top_step(net: Network, peer: Peer, today: date, width: int = 100) -> str:
    """A short default for `next.step`: the first suggestion's step, fitted to `width`."""
    found = suggest(net, peer, today)
    if not found:
        return ""
    return shorten(found[0].step, width)


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
