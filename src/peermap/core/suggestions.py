"""Follow-up suggestions for one peer (SPEC section 1): concrete, warm, traceable advice.

Pure functions over the Network and `today`; no I/O, no Rich, no Typer, no pydantic.

Each situation a peer can be in (only asking lately, a clash, relies on your work, ...)
is a *slot* with a priority and a few templates, each template tagged with the number
of the principle it comes from. `suggest` collects the slots that fit, most specific
first, picks one template per slot, and fills in the peer's own data. Which template a
slot uses rotates with the ISO week of `today` (and differs between peers), so the
weekly ritual reads fresh while any given date always gives the same advice.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peermap.core.model import ASKING, GIVING, Affects, Kind, Matters, Network, Peer, Tie, WhyNone
from peermap.core.reminders import cadence, contact_anchor


@dataclass(frozen=True)
class Suggestion:
    text: str
    principle: int  # the number of the principle in SPEC section 1
    slot: str = field(default="", compare=False)  # which situation it answers (see SLOTS)

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "principle": self.principle}


# --- the templates -----------------------------------------------------------------------
#
# slot -> (priority, ((principle, template), ...)). Lower priority comes first; slots of
# equal priority take turns week by week. Priorities: 0 give first when only asking;
# 1 repair a clash; 2 bad news early to those who rely on you; 3 the tie's state needs
# action (graduated, unrated); 4 the situation of the moment (a feedback loop to close,
# time to reconnect, a tie never tried); 5 what the tie is (weak, strong, helps you,
# shared goals, why it matters); 6 enrichment (bridging, interest groups, learning and
# teaching); 7 always-fitting habits.
#
# Fields: {n} the peer's first name (full name when another peer shares it), {arg} the
# name quoted for a shell, {team}, {loc}, {role}, {my_team}, {in_my_team}, {in_my_loc},
# {since}, {fb_date}, {tag}, {group}, {others}, {expertise}, {strength}.

SLOTS: dict[str, tuple[int, tuple[tuple[int, str], ...]]] = {
    "give_first": (0, (
        (6, "Before you ask {n} for anything else, send something useful their way — a link, "
            "a draft, a heads-up — with no ask attached."),
        (6, "Send {n} something that would help them decide or work more easily, before any "
            "new ask; lately it has mostly been asks."),
        (6, "Lead your next message to {n} with something for them — a finding, an "
            "introduction, a shortcut — and keep your question for another day."),
        (6, "Offer {n} a hand with whatever they are pushing on right now before you bring the "
            "next question; the balance has tipped toward asking."),
    )),
    "clash_listen": (1, (
        (9, "Ask {n} for twenty minutes to hear how things look from their side, and spend it "
            "listening rather than re-arguing."),
        (9, "Start the repair with {n} by asking about their pressures and goals this quarter; "
            "understanding comes before agreement."),
        (9, "Ask {n} one genuine question about their view in your next shared meeting, and let "
            "them finish."),
    )),
    "clash_common": (1, (
        (9, "Find one goal you and {n} both care about and open with it; shared goals are "
            "firmer ground than the old disagreement."),
        (9, "Credit {n} by name, where others can see it, for something they got right; it "
            "mends more than talking about the past."),
        (9, "Offer {n} help on a problem you both have to solve, framed around what they need; "
            "repair grows from joint work more than from talk."),
    )),
    "relies": (2, (
        (6, "Tell {n} early about any delay or risk in what they rely on from you, while they "
            "can still plan around it."),
        (6, "Send {n} a short, honest status on what they depend on from you — bad news "
            "included, as early as you know it."),
        (6, "Warn {n} about risks to your deliverables this week; for someone who depends on "
            "you, early bad news is a favour and late bad news is a fire."),
    )),
    "graduated": (3, (
        (4, "Celebrate your strong tie with {n} and free the focus slot for the next candidate: "
            "peermap focus drop {arg}"),
        (4, "Keep {n} in your regular rhythm now that the tie is strong, and make room in your "
            "focus for someone new."),
        (4, "Thank {n} for how well the collaboration has grown, then pick the next tie to "
            "build up with peermap focus."),
    )),
    "unrated": (3, (
        (2, "Rate your tie with {n} honestly: strong if you already help each other, weak if "
            "there is room to improve, nonexistent if not yet connected."),
        (2, "Take a minute to rate how things really stand with {n}: "
            "peermap rate {arg} strong|weak|nonexistent"),
    )),
    "feedback_loop": (4, (
        (8, "Tell {n} what you did with the feedback you asked for on {fb_date}; closing the "
            "loop is what makes people glad they helped."),
        (8, "Show {n} what changed because of their feedback ({fb_date}); people keep helping "
            "when they see their input land."),
        (8, "Thank {n} for their feedback from {fb_date} with specifics: which suggestion you "
            "used and how it turned out."),
    )),
    "stale": (4, (
        (12, "Reconnect with {n} with a two-line note on what you are working on; it has been "
             "{since} since you last talked."),
        (12, "Share one thing that changed in your work with {n} — time to reconnect, {since} "
             "after you last spoke."),
        (12, "Send {n} a short message asking how things went since you last spoke, {since} "
             "ago; time to reconnect."),
    )),
    "not_tried": (4, (
        (5, "Send {n} a two-line hello now, before you need anything: what you are working on "
            "and one question about their work."),
        (5, "Send {n} a low-stakes opener about something you read that relates to their work, "
            "with no ask attached."),
        (5, "Introduce yourself to {n} with one line about your work and one question about "
            "theirs; nothing to decide, nothing to ask for."),
        (5, "Invite {n} to a fifteen-minute coffee or call to hear what they are working on; no "
            "agenda beyond that."),
    )),
    "not_tried_future": (5, (
        (5, "Say hello to {n} while nothing is at stake; you will likely need each other for "
            "future work, and then you won't be strangers."),
        (5, "Ask {n} where their work is heading this year, since yours may meet it; it is "
            "easier to start before you need something."),
        (5, "Follow what {n} is doing and send a note when something of theirs lands; build the "
            "tie months before the work that needs it."),
    )),
    "helps": (5, (
        (9, "Thank {n} for their help with specifics — what it made possible — and credit them "
            "where their manager can see it."),
        (9, "Credit {n} by name in your next update or demo for the part they played in your "
            "work."),
        (6, "Find one way to give back to {n} this week: what are they short of that you "
            "have?"),
    )),
    "shared_goals": (5, (
        (9, "Book thirty minutes with {n} to brainstorm the hardest part of the goal you "
            "share."),
        (9, "Ask {n} what is blocking their side of the goal you share, and problem-solve it "
            "together."),
        (9, "Compare plans with {n} for the next quarter; where your goals overlap, split the "
            "work or pool it."),
    )),
    "weak_share": (5, (
        (6, "Send {n} a short note with something you know that would help them decide better "
            "this month."),
        (6, "Share one practice with {n} that is routine for you but could save them time: a "
            "checklist, a script, a lesson learned."),
        (6, "Pass on to {n} something you heard that affects their work; context travels "
            "slowly and is welcome early."),
    )),
    "weak_feedback": (5, (
        (8, "Ask {n} for a quick bounce on one specific question, framed around how the answer "
            "helps them too, then tell them what you did with it."),
        (8, "Decide whether you want a quick reaction or an in-depth critique from {n}, ask for "
            "exactly that, and close the loop afterwards."),
        (8, "Ask {n} for feedback you genuinely want on one concrete draft, and follow up with "
            "what changed because of it."),
    )),
    "strong_keep": (5, (
        (12, "Keep the tie with {n} alive with a short check-in every few weeks; strong ties "
             "stay strong on small, regular contact."),
        (9, "Spread the word about {n}'s latest win to the people who should hear it; shared "
            "credit keeps a strong tie strong."),
        (6, "Send {n} something useful you came across this week, unasked; small gifts keep a "
            "strong tie alive."),
    )),
    "strong_intro": (5, (
        (1, "Ask {n} for one introduction to someone whose work touches yours, and add them to "
            "your map."),
        (1, "Ask {n} who you should meet before next quarter; strong ties make the best "
            "introductions."),
        (1, "Ask {n} which of their contacts would matter for your future work, and whether "
            "they would introduce you."),
    )),
    "big_picture": (5, (
        (3, "Ask {n} what their leadership is most concerned about this year; it is the bigger "
            "picture your own work sits in."),
        (3, "Ask {n} how their work connects to the organisation's priorities, and what they see "
            "coming that you might not."),
        (3, "Ask {n} what they think will matter most for the organisation next year, and share "
            "your own view."),
    )),
    "no_matters": (3, (
        (3, "Decide what {n} matters for — current work, future work or the big picture: "
            "peermap edit {arg} --matters current-work"),
        (3, "Write down why {n} matters to your work before investing time; relevance, not "
            "liking, decides where the effort goes."),
    )),
    "bridge_team": (6, (
        (10, "Trade ideas with {n}: what is routine {in_my_team} that {team} may never have "
             "seen, and the other way round?"),
        (10, "Ask {n} what {team} does that everyone there takes for granted; it may be news "
             "{in_my_team}."),
        (10, "Tell {n} about one habit from {my_team} that feels ordinary to you; in {team} it "
             "might be a new idea."),
    )),
    "bridge_loc": (6, (
        (10, "Ask {n} what is ordinary in {loc} that would be news {in_my_loc}, and offer the "
             "same in return."),
        (10, "Swap notes with {n} on how work gets done in {loc} and {in_my_loc}; small local "
             "habits travel well."),
    )),
    "group": (6, (
        (10, "Suggest a monthly half-hour on {tag} to {group}: a small interest group of people "
             "who already care about it."),
        (10, "Introduce {n} to {others}; you all share an interest in {tag}, which makes an easy "
             "start."),
        (10, "Start a small {tag} circle with {group}: one shared channel, one topic a month."),
    )),
    "learn_tag": (6, (
        (11, "Ask {n} to walk you through something they know well ({expertise}); twenty "
             "minutes, your questions prepared."),
        (11, "Ask {n} what they would recommend reading or trying to get better at "
             "{expertise}."),
        (11, "Ask {n} for the one thing about {expertise} they wish everyone knew."),
    )),
    "learn_role": (6, (
        (11, "Ask {n} what took them longest to learn in their role ({role}), and what they "
             "would tell someone starting out."),
        (11, "Ask {n} for twenty minutes on how someone in their role ({role}) sees the work "
             "you share."),
    )),
    "teach": (6, (
        (9, "Offer {n} a hand with {strength}; it is one of your strengths and may be exactly "
            "what they need right now."),
        (11, "Offer to show {n} how you approach {strength}; teaching is a generous way to give "
             "first."),
        (9, "Ask {n} whether their work could use help with {strength}; if so, offer an hour "
            "of yours."),
    )),
    "chance": (7, (
        (7, "Next time you run into {n}, skip the small talk and ask: \"What are you working "
            "on?\""),
        (7, "When you see {n} next, ask \"What are you excited about right now?\"; then listen "
            "for where you could help."),
        (7, "Ask {n} \"What is your biggest challenge at the moment?\"; the answer tells you "
            "what would really help."),
        (7, "Open your next chat with {n} with \"What are you working on?\" instead of the "
            "weather."),
    )),
    "small_step": (7, (
        (12, "Pick one small step with {n} for this week; a five-minute message beats a grand "
             "plan."),
        (12, "Put one small thing with {n} on this week's list: a question, a link or a "
             "thank-you."),
        (12, "Choose one ten-minute thing you can do for {n} this week, and do it before "
             "Friday."),
    )),
    "map_broadly": (7, (
        (1, "Ask {n} who else in {team} touches your work, and add them to your map."),
        (1, "Ask {n} who in {team} you may need in six to twelve months, and add them to your "
            "map now."),
    )),
    "confidential": (7, (
        (13, "Keep what you learn about {n}'s goals and pressures in your peermap notes; they "
             "stay on this machine."),
        (13, "Note {n}'s current challenges in peermap rather than in a shared doc; what people "
             "tell you in confidence stays private."),
    )),
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STALE_DAYS_NOT_FOCUS = 60  # a peer outside focus is "time to reconnect" after two months


# --- reading the situation ----------------------------------------------------------------


def only_asking(p: Peer, today: date) -> bool:
    """The last few interactions were all asks, or asks outweigh gives in 90 days."""
    log = sorted((e for e in p.log if e.date <= today), key=lambda e: e.date)
    last = log[-3:]
    if last and all(e.kind in ASKING for e in last):
        return True
    recent = [e for e in log if (today - e.date).days <= 90]
    asks = sum(e.kind in ASKING for e in recent)
    gives = sum(e.kind in GIVING for e in recent)
    return asks > gives


def _short(net: Network, p: Peer) -> str:
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


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _span(days: int) -> str:
    if days < 14:
        return "1 day" if days == 1 else f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    return f"{days // 30} months"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _seed(today: date) -> int:
    year, week, _ = today.isocalendar()
    return year * 53 + week


def _hash(text: str) -> int:
    # crc32, not hash(): str hashes change between runs, the advice must not.
    return zlib.crc32(text.encode("utf-8"))


def _situations(net: Network, p: Peer, today: date) -> dict[str, dict[str, str]]:
    """The slots that fit this peer, each with the fields its templates need."""
    me = net.me
    fits: dict[str, dict[str, str]] = {}
    asking = only_asking(p, today)
    if asking:
        fits["give_first"] = {}
    if p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH:
        fits["clash_listen"] = {}
        fits["clash_common"] = {}
    if Affects.RELIES_ON_ME in p.affects:
        fits["relies"] = {}
    if p.tie == Tie.STRONG and p.focus:
        fits["graduated"] = {}
    if p.tie is None:
        fits["unrated"] = {}

    log = sorted((e for e in p.log if e.date <= today), key=lambda e: e.date)
    if log and log[-1].kind == Kind.FEEDBACK_ASKED and (today - log[-1].date).days <= 60:
        d = log[-1].date
        fits["feedback_loop"] = {"fb_date": f"{_MONTHS[d.month - 1]} {d.day}"}
    anchor = contact_anchor(p)
    clash = p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH
    if log and anchor is not None and not clash:  # a clash gets repair, not "reconnect"
        days = (today - anchor).days
        limit = cadence(net, p) if p.focus else max(cadence(net, p), STALE_DAYS_NOT_FOCUS)
        if days > limit:  # the clock counts from focus_since too; the words from contact
            fits["stale"] = {"since": _span((today - log[-1].date).days)}
    if p.tie == Tie.NONEXISTENT and p.why_none != WhyNone.CLASH:
        fits["not_tried"] = {}
        if Matters.FUTURE_WORK in p.matters:
            fits["not_tried_future"] = {}

    if Affects.HELPS_ME in p.affects:
        fits["helps"] = {}
    if Affects.SHARED_GOALS in p.affects:
        fits["shared_goals"] = {}
    if p.tie == Tie.WEAK:
        if not asking:  # give_first already says it, more pointedly
            fits["weak_share"] = {}
        if not asking and "feedback_loop" not in fits:  # no new ask on top of open ones
            fits["weak_feedback"] = {}
    if p.tie == Tie.STRONG:
        if not p.focus:
            fits["strong_keep"] = {}
        if not asking:
            fits["strong_intro"] = {}
    if Matters.BIG_PICTURE in p.matters:
        fits["big_picture"] = {}
    if p.tie in (Tie.WEAK, Tie.NONEXISTENT) and not p.matters:
        fits["no_matters"] = {}

    if p.team.strip() and _key(p.team) != _key(me.team):
        fits["bridge_team"] = {
            "team": p.team,
            "my_team": me.team or "your team",
            "in_my_team": f"in {me.team}" if me.team else "on your team",
        }
    elif p.location.strip() and _key(p.location) != _key(me.location):
        fits["bridge_loc"] = {
            "loc": p.location,
            "in_my_loc": f"in {me.location}" if me.location else "where you are",
        }
    group = _interest_group(net, p)
    if group is not None:
        tag, others = group
        names = [_short(net, q) for q in others]
        fits["group"] = {"tag": tag, "others": _and(names),
                         "group": _and([_short(net, p), *names])}
    if p.tags and not asking:
        fits["learn_tag"] = {"expertise": _and(p.tags[:2])}
    elif p.role.strip() and not asking:
        fits["learn_role"] = {"role": p.role}
    if me.strengths:
        fits["teach"] = {"strength": _strength(net, p, today)}

    fits["chance"] = {}
    fits["small_step"] = {}
    if p.team.strip():
        fits["map_broadly"] = {"team": p.team}
    fits["confidential"] = {}
    return fits


def _interest_group(net: Network, p: Peer) -> tuple[str, list[Peer]] | None:
    """The tag of `p` shared with the most other peers (at most three named), or None."""
    best: tuple[str, list[Peer]] | None = None
    for tag in p.tags:
        k = _key(tag)
        others = [q for q in net.peers if q is not p and any(_key(t) == k for t in q.tags)]
        if others and (best is None or len(others) > len(best[1])):
            best = (tag, others)
    if best is None:
        return None
    tag, others = best
    others = sorted(others, key=lambda q: (q.key, q.name))[:3]
    return tag, others


def _strength(net: Network, p: Peer, today: date) -> str:
    """One of your strengths for this peer: one whose words appear in their details, else
    one chosen by the week (so over time each strength comes up)."""
    about = _key(" ".join([p.team, p.role, p.notes, *p.tags]))
    for s in net.me.strengths:
        if any(len(w) >= 4 and w in about for w in _key(s).split()):
            return s
    strengths = net.me.strengths
    return strengths[(_seed(today) + _hash(p.key)) % len(strengths)]


# --- choosing and filling -------------------------------------------------------------------


def _ordered(fits: dict[str, dict[str, str]], p: Peer, today: date) -> list[str]:
    """Fitting slots by priority; slots of equal priority take turns by week."""
    seed = _seed(today) + _hash(p.key)
    by_priority: dict[int, list[str]] = {}
    for slot in SLOTS:  # definition order within a priority
        if slot in fits:
            by_priority.setdefault(SLOTS[slot][0], []).append(slot)
    out: list[str] = []
    for prio in sorted(by_priority):
        group = by_priority[prio]
        turn = seed % len(group) if prio >= 4 else 0  # the urgent ones keep their order
        out += group[turn:] + group[:turn]
    return out


def _choose(order: list[str], limit: int) -> list[str]:
    """At most `limit` slots: all urgent ones, no principle more than twice while others
    remain, and room for one enrichment (bridging, groups, learning) when one fits."""
    chosen: list[str] = []
    used: dict[int, int] = {}
    principle_of = {}
    for slot in order:
        # the principle the slot's templates mostly come from
        ps = [pr for pr, _ in SLOTS[slot][1]]
        principle_of[slot] = max(set(ps), key=ps.count)
    for slot in order:
        if len(chosen) >= limit:
            break
        pr = principle_of[slot]
        if SLOTS[slot][0] > 2 and used.get(pr, 0) >= 2:
            continue
        chosen.append(slot)
        used[pr] = used.get(pr, 0) + 1
    for slot in order:  # top up when the cap left the list short
        if len(chosen) >= min(limit, 2):
            break
        if slot not in chosen:
            chosen.append(slot)
    enrich = [s for s in order if SLOTS[s][0] == 6]
    if (enrich and chosen and not any(SLOTS[s][0] == 6 for s in chosen)
            and len(chosen) >= max(limit, 3) and SLOTS[chosen[-1]][0] >= 5):
        chosen[-1] = enrich[0]
    return chosen


def suggest(net: Network, peer: Peer, today: date, limit: int = 4) -> list[Suggestion]:
    """Two to `limit` concrete next actions for `peer`, most situation-specific first."""
    fits = _situations(net, peer, today)
    base = {"n": _short(net, peer), "arg": _arg(peer.name)}
    seed = _seed(today)
    out = []
    for slot in _choose(_ordered(fits, peer, today), max(limit, 0)):
        templates = SLOTS[slot][1]
        principle, template = templates[(seed + _hash(f"{slot}:{peer.key}")) % len(templates)]
        out.append(Suggestion(template.format(**base, **fits[slot]), principle, slot))
    return out


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
