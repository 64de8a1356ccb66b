"""One screen before a 1:1 (`peermap brief`): what you know about a peer, what you owe
them, which way help has flowed, questions to ask and one thing not to do.

A pure function from the Network, a peer and `today` to a JSON-ready dict whose keys are
the contract of `brief --format json` (docs/commands.md).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from peermap.core.goals import learned_on_or_after, to_check
from peermap.core.loops import balance, balance_words, peer_loops
from peermap.core.model import SIGNS, Affects, Kind, Network, Peer, Tie, WhyNone
from peermap.core.suggestions import quote, short_name_of, strength_fit, suggest, times

if TYPE_CHECKING:
    from peermap.core.rules.facts import Facts

RECENT = 3


def trend(p: Peer, today: date) -> dict[str, Any]:
    """The tie now, since when, and what it was before (None when it never changed)."""
    history = sorted((t for t in p.ties if t.date <= today), key=lambda t: t.date)
    tie = p.tie.value if p.tie else "unrated"
    if not history:
        return {"tie": tie, "since": None, "was": None, "direction": "none"}
    since = history[-1].date
    was = None
    for t in reversed(history):
        if t.tie != p.tie:
            was = t.tie
            break
        since = t.date
    order = {Tie.NONEXISTENT: 0, Tie.WEAK: 1, Tie.STRONG: 2}
    direction = "none"
    if was is not None and p.tie is not None:
        direction = "up" if order[p.tie] > order[was] else "down"
    return {"tie": tie, "since": since.isoformat(), "was": was.value if was else None,
            "direction": direction}


# Question kinds, each with several wordings (templates): a kind is asked of a peer at
# most once in three weeks unless nothing was logged with them since (the question is
# still open), and two peers' briefs on one day never share a template.
ASKS: dict[str, tuple[str, ...]] = {
    "clash-side": ("How does it look from your side?",
                   "What did the disagreement look like from where you stood?"),
    "clash-own": ("What would you have me do differently next time?",
                  "What did I get wrong, from where you stood?"),
    "clash-joint": ("What small thing could we get done together this month?",
                    "Where would a hand from my side help you most right now?"),
    "clash-outcome": ("What would a good outcome look like for you this quarter?",
                      "What would make working together easier for you?"),
    "goal": ("How is it going with this, and what is in the way: {q}?",
             "What would have to happen next for this: {q}?",
             "Where does this stand now: {q}?"),
    "goal-holds": ("Is this still what you are aiming for: {q}?",
                   "Has this changed since we last talked: {q}?"),
    "pressure-holds": ("Is this still on your plate: {q}?",
                       "Is this still weighing on you, or has it moved: {q}?"),
    "pressure": ("What would make this lighter: {q}?",
                 "How is this weighing on you now: {q}?"),
    "helped": ("Did my answer help, and what happened next? You asked on {when}: {q}",
               "How did it turn out? You asked me on {when}: {q}"),
    "relies": ("Which of my dates matter most to your plans?",
               "What do you most need from my side next quarter?"),
    "big-picture": ("What is your leadership most concerned about this year?",
                    "What do you see coming that I might not?",
                    "What will matter most for the organisation next year, in your view?"),
    "open": ("What are you working on?", "What's your biggest challenge right now?",
             "What are you excited about right now?",
             "What has surprised you in your work lately?",
             "What is taking most of your time this month?",
             "What would make working with my team easier for you?"),
    "aims": ("What are you aiming for this quarter?", "What would make this quarter a good "
             "one for you?"),
}
ASK_WEEKS = 3


def _kinds(net: Network, p: Peer, today: date) -> list[tuple[str, dict[str, str]]]:
    """The question kinds that fit, the peer's own state first, with their fields."""
    from peermap.core.rules.facts import REQUEST, facts

    x = facts(net, p, today, p.name)
    out: list[tuple[str, dict[str, str]]] = []
    if x.clash:  # the questions follow the repair's stage, as the advice does
        from peermap.core.rules.clash import stage

        n = stage(x) or 0
        now = ("clash-side", "clash-own", "clash-joint")[n] if n < 3 else ""
        out += [(kind, {}) for kind in (now, "clash-outcome") if kind]
    for g in x.goals[:1]:
        out.append(("goal", {"q": quote(g)}))
    for f, text, _ in to_check(p, today)[:1]:  # not confirmed in twelve weeks
        out.append((f"{f.removesuffix('s')}-holds", {"q": quote(text)}))
    for pr in x.pressures[:1]:
        out.append(("pressure", {"q": quote(pr)}))
    advice = [e for e in x.log if e.kind in SIGNS and e.note and e.closed is not None
              and 0 <= (today - e.date).days <= 60 and not REQUEST.search(e.note)]
    if advice:  # "did it help?" only after they asked your advice (and you answered)
        out.append(("helped", {"q": quote(advice[-1].note), "when": advice[-1].date.isoformat()}))
    if Affects.RELIES_ON_ME in p.affects and not x.clash:
        out.append(("relies", {}))
    if not x.clash:
        out.append(("big-picture", {}))
    out.append(("open", {}))
    if not p.goals:
        out.append(("aims", {}))
    return out


# A cold opener, not asked of someone whose goals or pressures you have noted.
COLD = frozenset({"What are you working on?"})
_VARIOUS = ("open", "aims")  # kinds whose wordings are different questions


def _ident(tid: str, fields: dict[str, str]) -> str:
    """What counts as the same question: the kind and its subject (a wording of the open
    kinds is a question of its own)."""
    kind = tid.split(":")[0]
    return tid if kind in _VARIOUS else f"{kind}|{fields.get('q', '')}"


RECALL_DEPTH = 3  # how many weeks of earlier briefs are recomputed, each with its own


Memo = dict[tuple[str, date, int], list[tuple[str, str, str]]]


def _asked_lately(net: Network, p: Peer, today: date, depth: int, memo: Memo) -> set[str]:
    """The questions of this peer's briefs in the last three weeks that were asked (a
    contact was logged after that brief's day); still open when nothing was logged.
    Those briefs are recomputed from the file, `depth` weeks of recall deep."""
    asked: set[str] = set()
    if depth <= 0:
        return asked
    for w in range(1, ASK_WEEKS + 1):
        day = today - timedelta(weeks=w)
        if any(day <= e.date < today for e in p.log):
            new = {quote(t) for t in learned_on_or_after(p, day)}
            asked |= {ident for _, ident, _ in _pick(net, p, day, depth - 1, memo)
                      if ident.partition("|")[2] not in new}
    return asked


def _taken(net: Network, p: Peer, today: date, depth: int, memo: Memo) -> set[str]:
    """Templates the focus peers before `p` (in map order) use on this day."""
    taken: set[str] = set()
    for q in net.focus_peers():
        if q is p:
            break
        taken |= {tid for tid, _, _ in _pick(net, q, today, depth, memo)}
    return taken


def _pick(net: Network, p: Peer, today: date, depth: int,
          memo: Memo) -> list[tuple[str, str, str]]:
    """(template id, question identity, question) for this peer: two or three, one
    big-picture question among them when it fits, none asked lately, no template another
    focus peer's brief uses on the same day."""
    mk = (p.key, today, depth)
    if mk in memo:
        return memo[mk]
    taken = _taken(net, p, today, depth, memo)
    lately = _asked_lately(net, p, today, depth, memo)
    kinds = _kinds(net, p, today)
    seed = today.toordinal() + sum(map(ord, p.key))
    out: list[tuple[str, str, str]] = []

    known = bool(p.goals or p.pressures)

    def take(kind: str, fields: dict[str, str], crowded: bool = False) -> bool:
        texts = ASKS[kind]
        for i in range(len(texts)):
            tid = f"{kind}:{(seed + i) % len(texts)}"
            if (tid in taken and not crowded) or _ident(tid, fields) in lately \
                    or tid in {t for t, _, _ in out} \
                    or (known and texts[(seed + i) % len(texts)] in COLD):
                continue
            text = texts[(seed + i) % len(texts)].format(**fields)
            out.append((tid, _ident(tid, fields), text.replace('?"?', '?"').replace(
                '!"?', '!"')))
            return True
        return False

    for kind, fields in kinds:
        if kind != "big-picture" and len(out) < 2:
            take(kind, fields)
    for kind, fields in kinds:
        if kind == "big-picture":  # one big-picture question
            take(kind, fields)
    for kind in ("open", "open", "aims"):  # two at least, even on a crowded day
        if len(out) < 2:
            take(kind, {})
    while len(out) < 2 and take("open", {}, crowded=True):
        pass
    memo[mk] = out[:3]
    return memo[mk]


def questions(net: Network, p: Peer, today: date) -> list[str]:
    """Two or three questions worth asking, from what you know about them."""
    return [text for _, _, text in _pick(net, p, today, RECALL_DEPTH, {})]


def bring(net: Network, p: Peer, today: date, x: Facts | None = None) -> list[str]:
    """What to bring: promises owed, thanks owed, something for their goal (`x`: the
    peer's facts when the caller has them already)."""
    from peermap.core.rules.facts import facts
    from peermap.core.rules.ideas import strength_fit as fit_of

    x = x or facts(net, p, today, p.name)
    out = []
    for lp in x.promises:
        due = f", due {lp.due.isoformat()}" if lp.due else ""
        out.append(f"What you promised on {lp.date.isoformat()}{due}: {quote(lp.note)}"
                   if lp.note else f"What you promised on {lp.date.isoformat()}{due}")
    h = x.help
    if h is not None and not x.acted_since("thank", h.date):
        what = {"help": "their help", "feedback": "their feedback",
                "an introduction": "the introduction"}[h.what]
        said = f": {quote(h.note)}" if h.note and h.what != "an introduction" else (
            f" to {h.note}" if h.what == "an introduction" else "")
        out.append(f"Thanks for {what} on {h.date.isoformat()}{said}")
    if x.goals and not x.clash:
        fit = fit_of(x)
        offer = f"your {fit[0]}" if fit and fit[2] == "offer" and not x.senior_to_me else (
            "one idea, link or contact")
        out.append(f"Something for their goal, {offer}: {quote(x.goals[0])}")
    return out


def your_asks(net: Network, p: Peer, today: date, x: Facts | None = None) -> list[str]:
    """Your open asks and feedback requests of them."""
    from peermap.core.rules.facts import facts

    x = x or facts(net, p, today, p.name)
    out = []
    for lp in x.mine:
        if lp.kind == Kind.PROMISED:
            continue
        what = "You asked for feedback" if lp.kind == Kind.FEEDBACK_ASKED else "You asked"
        note = f": {quote(lp.note)}" if lp.note else ""
        done = x.answered_by(lp.note, lp.date)
        state = (f"their help of {done.date.isoformat()} looks like the answer; close it"
                 if done is not None else f"{lp.days} days open")
        out.append(f"{what} on {lp.date.isoformat()} ({state}){note}")
    return out


def dont(p: Peer, today: date, x: Facts | None = None) -> str:
    """One thing not to do in this conversation (`x`: the peer's facts, when at hand)."""
    b = x.bal if x is not None else balance(p, today)
    if p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH:
        return ("Don't re-argue the old disagreement" +
                (f" ({quote(p.notes)}, your note)" if p.notes.strip() else "") +
                "; listen first and own your part.")
    if p.at_risk.strip():
        return (f"Don't leave {quote(p.at_risk)} (your words) for the end of the meeting; "
                "say it first.")
    if b.verdict == "taking":
        return (f"Don't open with another ask: lately you have taken {times(b.took)} and "
                f"given {times(b.gave)}.")
    loops = x.loops if x is not None else peer_loops(p, today)
    if any(lp.kind == Kind.PROMISED for lp in loops):
        return "Don't promise anything new before the open promise is kept."
    fb = [lp for lp in loops if lp.kind == Kind.FEEDBACK_ASKED]
    if fb:
        return (f"Don't ask for new feedback while the last request is still open "
                f"({quote(fb[0].note) if fb[0].note else 'your ask'}, your log): ask how it "
                f"is going, or release them from it.")
    if p.tie == Tie.NONEXISTENT:
        return "Don't ask for a favour in the first real conversation."
    if b.verdict == "giving":
        return "Don't hold back your own question: you have given plenty, and asking is fine."
    if p.tie == Tie.STRONG:
        return "Don't make it all business; ask how they are doing."
    return "Don't spend the time on status updates; ask about their work and listen."


def brief(net: Network, p: Peer, today: date) -> dict[str, Any]:
    """Everything `peermap brief` shows, JSON-ready."""
    from peermap.core.rules.facts import facts

    x = facts(net, p, today, p.name)  # once, for the sections below
    log = x.log
    fit = strength_fit(net, p, today, x)
    clash = x.clash
    b = x.bal
    tips = suggest(net, p, today, limit=2)
    return {
        "peer": p.name,
        "tie": trend(p, today),
        "why_none": p.why_none.value if p.why_none else None,
        "team": p.team, "role": p.role, "location": p.location,
        "goals": list(p.goals), "pressures": list(p.pressures), "at_risk": p.at_risk,
        "notes": p.notes,
        "recent": [{"date": e.date.isoformat(), "kind": e.kind.value, "note": e.note}
                   for e in log[-RECENT:]][::-1],
        "open_loops": [lp.as_json() for lp in x.loops],
        "balance": {**b.as_json(), "words": balance_words(b)},
        "strength": None if fit is None or clash else
        {"strength": fit[0], "fits": fit[1], "how": fit[2]},
        "questions": questions(net, p, today),
        "bring": bring(net, p, today, x),
        "your_asks": your_asks(net, p, today, x),
        "dont": dont(p, today, x),
        "next_step": None if p.next is None else {
            "step": p.next.step, "due": p.next.due.isoformat() if p.next.due else None,
            "days_late": max(0, (today - p.next.due).days) if p.next.due else 0},
        "as_of": today.isoformat(),
        "suggestions": [s.as_json() for s in tips],
        "name": short_name_of(net, p),
    }
