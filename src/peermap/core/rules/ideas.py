"""Units that are ideas, never the `now` item: the tie's state, the person, the wider map
(docs/advice.md). No filler: no privacy reminders, tool tips or "pick one small step"."""

from __future__ import annotations

from datetime import timedelta

from peermap.core.model import OPENS_LOOP, Affects, Kind, Matters, Peer, Tie
from peermap.core.reminders import QUIET_FACTOR, cadence, contact_anchor
from peermap.core.rules.base import (
    COMMON,
    Fields,
    day,
    key,
    quote,
    short_name_of,
    span,
    times,
    week_seed,
    words,
)
from peermap.core.rules.facts import NOT_ABOUT_THEM, REQUEST, Facts, real_place
from peermap.core.rules.unit import Unit
from peermap.core.text import join_and

STALE_DAYS_NOT_FOCUS = 60  # a peer outside focus is "time to reconnect" after two months
RECENT_DAYS = 60  # a last log note this recent is worth following up
SIGN_DAYS = 7  # a new sign brings one re-rate prompt, in the week it was logged
FOLLOW_DAYS = 3  # "what happened next" after a contact reads right from three days on
RERATE_DAYS = 60  # a focus tie's rating this old is worth one second look
_THANKS = {"thank", "thanks", "thanked", "thanking", "credit", "credited"}
_TALKING_VERBS = {"ask", "talk", "meet", "call", "chat", "coffee", "lunch", "listen", "hear"}
_GIVING_VERBS = {"send", "share", "offer", "pass", "forward", "introduce", "help", "thank",
                 "credit", "give", "show", "cover", "review"}


def pick(items: list[str], x: Facts) -> str:
    from peermap.core.rules.base import crc

    return items[(week_seed(x.today) + crc(x.p.key)) % len(items)]


def strength_fit(x: Facts) -> tuple[str, str, str] | None:
    """(strength, where it fits, "offer" or "compare") for one of your strengths that
    matches the peer's goals, pressures or tags as whole words; None when none does."""
    p = x.p
    for s in x.net.me.strengths:
        mine = words(s) - COMMON
        if not mine:
            continue
        for text in [*p.goals, *p.pressures]:
            if mine & words(text):
                return s, text, "compare" if mine & words(" ".join(p.tags)) else "offer"
        for tag in p.tags:
            if mine & words(tag):
                return s, tag, "compare"
    return None


# --- the tie's state ----------------------------------------------------------------------


def first_here(x: Facts) -> Fields | None:
    return {"loc": x.p.location} if x.not_tried and x.same_place else None


def first_far(x: Facts) -> Fields | None:
    if not x.not_tried or x.same_place:
        return None
    return {"far": f" ({x.p.location})" if real_place(x.p.location) else ""}


def not_tried_future(x: Facts) -> Fields | None:
    return {} if x.not_tried and Matters.FUTURE_WORK in x.p.matters else None


def unrated(x: Facts) -> Fields | None:
    return {} if x.p.tie is None else None


def rerate(x: Facts) -> Fields | None:
    """One prompt per new sign (in the week it was logged) or once when a focus rating
    turns two months old with contact since; a strong tie gone quiet may be lower now."""
    p = x.p
    if x.rated is None or p.tie is None or x.clash or x.acted_since("rerate", x.rated):
        return None
    signs = x.signs_since_rating
    if signs and (x.today - signs[-1].date).days < SIGN_DAYS and p.tie != Tie.STRONG:
        e = signs[-1]
        did = "helped you" if e.kind == Kind.THEY_HELPED else (
            "asked something of you" if REQUEST.search(e.note) else "asked your advice")
        return {"tie": p.tie.value, "rated": day(x.rated), "evidence": f"{x.name} {did} on "
                f"{day(e.date)}", "to": "strong|weak"}
    age = (x.today - x.rated).days
    since = [e for e in x.log if e.date > x.rated]
    if p.focus and p.tie == Tie.WEAK and RERATE_DAYS <= age < RERATE_DAYS + 7 and len(since) >= 2:
        return {"tie": p.tie.value, "rated": day(x.rated),
                "evidence": f"{len(since)} contacts logged", "to": "strong|weak"}
    last = x.last_contact or x.rated
    if p.tie == Tie.STRONG and 90 <= (x.today - last).days < 97:
        return {"tie": "strong", "rated": day(x.rated),
                "evidence": f"no contact for {span((x.today - last).days)}", "to": "weak"}
    return None


def first_talk(x: Facts) -> Fields | None:
    """A "nonexistent" tie with a first contact logged this week: rating it is the next
    honest step (one prompt; docs/advice.md)."""
    p = x.p
    if p.tie != Tie.NONEXISTENT or x.clash or not x.log:
        return None
    first = x.log[0]
    if not 0 <= (x.today - first.date).days < SIGN_DAYS or x.acted_since("rerate", first.date):
        return None
    return {"when": day(first.date)}


def graduated(x: Facts) -> Fields | None:
    return {} if x.p.tie == Tie.STRONG and x.p.focus else None


def no_matters(x: Facts) -> Fields | None:
    return {} if x.p.tie in (Tie.WEAK, Tie.NONEXISTENT) and not x.p.matters else None


def stale(x: Facts) -> Fields | None:
    p = x.p
    anchor = contact_anchor(p)
    if not x.log or anchor is None or x.clash or p.next is not None and p.next.due is not None \
            and p.next.due < x.today:
        return None
    limit = cadence(x.net, p) if p.focus else max(cadence(x.net, p), STALE_DAYS_NOT_FOCUS)
    if p.tie == Tie.STRONG and not p.focus:  # "going quiet", as remind says
        limit = min(limit, QUIET_FACTOR * cadence(x.net, p))
    if (x.today - anchor).days <= limit:
        return None
    since = span((x.today - x.log[-1].date).days)
    last = x.last_noted
    if last is not None and last.kind not in OPENS_LOOP:
        return {"since": since, "last": quote(last.note), "when": day(last.date)}
    return {"since": since, "last": "", "when": ""}


# --- the person ---------------------------------------------------------------------------


def goal(x: Facts) -> Fields | None:
    return {"goal": quote(pick(x.goals, x))} if x.goals and not x.clash else None


def pressure(x: Facts) -> Fields | None:
    return {"pressure": quote(pick(x.pressures, x))} if x.pressures and not x.clash else None


def lapsed(x: Facts) -> Fields | None:
    if not x.lapsed or x.clash:
        return None
    what = "what they were aiming for" if x.p.goals else "what was weighing on them"
    return {"what": what}


def note(x: Facts) -> Fields | None:
    """A remembered fact about them: never a note about you or a quarrel."""
    text = x.p.notes.strip()
    if not text or not x.talked or NOT_ABOUT_THEM.search(text):
        return None
    return {"note": quote(text)}


def last_talk(x: Facts) -> Fields | None:
    last = x.last_noted
    if last is None or x.clash or last.kind in OPENS_LOOP or last.kind in (
            Kind.THEY_HELPED, Kind.THEY_ASKED) or (x.today - last.date).days > RECENT_DAYS \
            or (x.today - last.date).days < FOLLOW_DAYS or stale(x) is not None \
            or words(last.note) & _THANKS:  # a thank-you has no "what happened next"
        return None
    return {"last": quote(last.note), "when": day(last.date)}


def advice_followup(x: Facts) -> Fields | None:
    """They asked your advice (answered since): did it help?"""
    asks = [e for e in x.log if e.kind == Kind.THEY_ASKED and e.note
            and 7 <= (x.today - e.date).days <= RECENT_DAYS and not REQUEST.search(e.note)]
    if not asks or x.their_ask is not None or x.clash:
        return None
    ask = asks[-1]
    if any(e.date >= ask.date + timedelta(days=FOLLOW_DAYS) and e.kind != Kind.THEY_ASKED
           for e in x.log):
        return None  # you have talked since: the follow-up had its moment
    return {"last": quote(ask.note), "when": day(ask.date)}


def was_done(x: Facts) -> Fields | None:
    from peermap.core.model import Outcome
    from peermap.core.outcomes import last_outcome

    r = last_outcome(x.net, x.p)
    if r is None or r.outcome != Outcome.DONE or not 0 <= (x.today - r.date).days <= 8:
        return None  # last week's, while it is fresh
    if words(r.step) & (_TALKING_VERBS | _THANKS):
        return None  # the step was the conversation or a thank-you: nothing came "of" it
    return {"step": quote(r.step, 100),
            "next": f"Ask {x.name} what came of {quote(r.step, 100)}"}


def strength_offer(x: Facts) -> Fields | None:
    fit = strength_fit(x)
    if fit is None or fit[2] != "offer" or x.clash or x.senior_to_me \
            or x.gave_lately(42):  # given lately: ask how it landed first
        return None
    return {"strength": fit[0], "fit": quote(fit[1])}


def strength_compare(x: Facts) -> Fields | None:
    fit = strength_fit(x)
    if fit is None or fit[2] != "compare" or x.clash or x.senior_to_me or not x.talked:
        return None
    return {"strength": fit[0], "fit": fit[1]}


def relies(x: Facts) -> Fields | None:
    ok = Affects.RELIES_ON_ME in x.p.affects and not x.p.at_risk.strip() and not x.clash
    return {} if ok else None


def give_first(x: Facts) -> Fields | None:
    if x.bal.verdict != "taking":
        return None
    nxt = x.p.next
    if nxt is not None and words(nxt.step) & _GIVING_VERBS:
        return None
    return {"took": times(x.bal.took), "gave": times(x.bal.gave)}


def give_first_planned(x: Facts) -> Fields | None:
    nxt = x.p.next
    if x.bal.verdict != "taking" or nxt is None or not words(nxt.step) & _GIVING_VERBS:
        return None
    return {"step": quote(nxt.step, 100), "took": times(x.bal.took), "gave": times(x.bal.gave)}


def credit(x: Facts) -> Fields | None:
    h = x.help
    if h is None or not x.talked or x.acted_since("credit", h.date):
        return None
    return {"what": {"help": "their help", "feedback": "their feedback",
                     "an introduction": "the introduction"}[h.what], "when": day(h.date)}


def helps(x: Facts) -> Fields | None:
    nxt = x.p.next  # a planned thanks or credit says it already
    if nxt is not None and words(nxt.step) & {"thank", "thanks", "credit", "name"}:
        return None
    if Affects.HELPS_ME not in x.p.affects or not x.talked or x.help is not None:
        return None
    team = x.p.team.strip()
    return {"in_team": f" in {team}" if team else "", "their": f"{x.name}'s"}


def helps_hard(x: Facts) -> Fields | None:
    return {} if Affects.HELPS_ME in x.p.affects and x.talked and not x.p.pressures else None


def shared_goals(x: Facts) -> Fields | None:
    if Affects.SHARED_GOALS not in x.p.affects or not x.talked:
        return None
    return {"goal_hint": f": {quote(x.goals[0])} (your words)" if x.goals else ""}


def weak_share(x: Facts) -> Fields | None:
    return {} if x.p.tie == Tie.WEAK and x.bal.verdict != "taking" else None


def weak_feedback(x: Facts) -> Fields | None:
    if x.p.tie != Tie.WEAK or x.bal.verdict in ("taking", "giving") or any(
            lp.kind in (Kind.FEEDBACK_ASKED, Kind.ASKED) for lp in x.loops):
        return None
    return {}


def fine_to_ask(x: Facts) -> Fields | None:
    return {} if x.bal.verdict == "giving" and x.talked and not x.loops else None


def strong_keep(x: Facts) -> Fields | None:
    return {} if x.p.tie == Tie.STRONG and not x.p.focus else None


def strong_intro(x: Facts) -> Fields | None:
    return {} if x.p.tie == Tie.STRONG and x.bal.verdict != "taking" else None


def big_picture(x: Facts) -> Fields | None:
    return {} if Matters.BIG_PICTURE in x.p.matters and x.talked else None


def future_work(x: Facts) -> Fields | None:
    return {} if Matters.FUTURE_WORK in x.p.matters and x.tied else None


# --- the wider map ------------------------------------------------------------------------


def bridge_team(x: Facts) -> Fields | None:
    me = x.net.me
    if not x.tied or not x.p.team.strip() or key(x.p.team) == key(me.team):
        return None
    return {"team": x.p.team, "in_my_team": f"in {me.team}" if me.team else "on your team"}


def bridge_loc(x: Facts) -> Fields | None:
    me = x.net.me
    if not x.tied or bridge_team(x) is not None or not real_place(x.p.location) \
            or x.same_place or not real_place(me.location):
        return None
    return {"loc": x.p.location, "in_my_loc": f"in {me.location}"}


def _interest_group(x: Facts) -> tuple[str, list[Peer]] | None:
    best: tuple[str, list[Peer]] | None = None
    for tag in x.p.tags:
        k = key(tag)
        others = [q for q in x.net.peers if q is not x.p and q.tie in (Tie.WEAK, Tie.STRONG)
                  and any(key(t) == k for t in q.tags)]
        if others and (best is None or len(others) > len(best[1])):
            best = (tag, others)
    if best is None:
        return None
    return best[0], sorted(best[1], key=lambda q: (q.key, q.name))[:3]


def group(x: Facts) -> Fields | None:
    if not x.tied:
        return None
    found = _interest_group(x)
    if found is None:
        return None
    tag, others = found
    names = [short_name_of(x.net, q) for q in others]
    return {"tag": tag, "others": join_and(names), "group": join_and([x.name, *names])}


def learn_tag(x: Facts) -> Fields | None:
    ok = x.tied and x.bal.verdict != "taking" and x.p.tags
    return {"topic": join_and(x.p.tags[:2])} if ok else None


def learn_role(x: Facts) -> Fields | None:
    ok = x.tied and x.bal.verdict != "taking" and not x.p.tags and x.p.role.strip()
    return {"role": x.p.role} if ok else None


def chance_here(x: Facts) -> Fields | None:
    if x.p.tie == Tie.STRONG or x.goals:  # you know what they are working on
        return None
    return {"loc": x.p.location} if x.tied and x.same_place else None


def chance_goal(x: Facts) -> Fields | None:
    """A hallway question about their goal: where it stands, or (noted over twelve weeks
    ago) whether it still holds."""
    from peermap.core.goals import to_check

    if not (x.tied and x.same_place) or x.clash:
        return None
    if x.goals:
        return {"loc": x.p.location, "goal": quote(pick(x.goals, x)),
                "ask": "where their goal stands"}
    old = [text for f, text, _ in to_check(x.p, x.today) if f == "goals"]
    return {"loc": x.p.location, "goal": quote(old[0]),
            "ask": "whether this is still their goal"} if old else None


def map_broadly(x: Facts) -> Fields | None:
    return {"team": x.p.team} if x.tied and x.p.team.strip() else None


def newcomer(x: Facts) -> Fields | None:
    return {} if x.newcomer and x.talked else None


def newcomer_first(x: Facts) -> Fields | None:
    return {} if x.newcomer and not x.talked and not x.clash else None


UNITS = (
    Unit("first-contact", "first_here", (
        ("chance-encounters", "Find {n} in person this week in {loc} and skip the small "
                              "talk: ask \"What are you working on?\""),
        ("chance-encounters", "Sit near {n} at lunch or a talk in {loc} and ask \"What's "
                              "your biggest challenge?\"; the answer tells you where you "
                              "could help."),
        ("start-early", "Introduce yourself to {n} in person in {loc} before you need "
                        "anything: one line on your work, then \"What are you excited about "
                        "right now?\""),
    ), first_here),
    Unit("first-contact", "first_far", (
        ("start-early", "Send {n}{far} a two-line hello: what you work on and one question "
                        "about theirs, with nothing to ask for."),
        ("start-early", "Ask {n}{far} for fifteen minutes to hear what they are working on, "
                        "with no agenda beyond that."),
        ("start-early", "Message {n}{far} about something of theirs you noticed, with one "
                        "question and no ask."),
    ), first_far),
    Unit("first-contact", "not_tried_future", (
        ("start-early", "Say hello to {n} while nothing is at stake; you will likely need "
                        "each other for future work."),
        ("start-early", "Ask {n} where their work is heading this year, since yours may "
                        "meet it."),
    ), not_tried_future),
    Unit("rerate", "unrated", (
        ("rate-honestly", "Rate your tie with {n} honestly: strong if you already help each "
                          "other, weak if there is room to improve, nonexistent if not yet "
                          "connected."),
        ("rate-honestly", "Take a minute to rate how things really stand with {n}: "
                          "peermap rate {arg} strong|weak|nonexistent"),
    ), unrated),
    Unit("rerate", "first_talk", (
        ("rate-honestly", "You have talked with {n} now ({when}): if it was a start, say "
                          "so: peermap rate {arg} weak"),
        ("rate-honestly", "After your first contact with {n} on {when}, \"nonexistent\" "
                          "no longer says what is true. Rate it: peermap rate {arg} weak"),
    ), first_talk),
    Unit("rerate", "rerate", (
        ("rate-honestly", "Check your rating of {n}: {tie} since {rated}, and {evidence} "
                          "since. Rate what is true now: peermap rate {arg} {to}"),
        ("rate-honestly", "You rated {n} {tie} on {rated}; {evidence} since. Does {tie} "
                          "still hold? peermap rate {arg} {to}"),
    ), rerate),
    Unit("rethink-focus", "graduated", (
        ("three-to-five", "Keep {n} in your regular rhythm now that the tie is strong, and "
                          "free the focus slot: peermap focus drop {arg}"),
        ("three-to-five", "Celebrate the strong tie with {n}, then make room in your focus "
                          "for the next tie to build up."),
    ), graduated),
    Unit("rethink-focus", "no_matters", (
        ("relevance", "Decide what {n} matters for (current work, future work or the big "
                      "picture) before investing more time."),
        ("relevance", "Write down why {n} matters to your work; relevance, not liking, "
                      "decides where the effort goes."),
    ), no_matters),
    Unit("reconnect", "stale", (
        ("small-steps", "Reconnect with {n} ({since} since you last spoke): share one thing "
                        "that changed in your work and ask what changed in theirs."),
        ("small-steps", "Send {n} a two-line note on what you are working on; {since} since "
                        "you last talked is long enough."),
    ), stale),
    Unit("know-them", "goal", (
        ("know-them", "Ask {n} how their goal is going, and listen for one thing you could "
                      "do about it: {goal} (your words)."),
        ("know-them", "Bring {n} one idea, link or contact for their goal, and ask what is "
                      "in the way: {goal} (your words)."),
        ("give-first", "Share with {n} what you know that bears on their goal before they "
                       "have to ask: {goal} (your words)."),
        ("know-them", "Ask {n} what would have to be true by next quarter for their goal to "
                      "count as done: {goal} (your words)."),
    ), goal, personal=True),
    Unit("give-first", "pressure", (
        ("give-first", "Offer {n} one concrete thing that takes weight off their pressure "
                       "this week: {pressure} (your words)."),
        ("know-them", "Ask {n} how they are coping with the pressure you noted, and "
                      "problem-solve the hardest part with them: {pressure} (your words)."),
        ("give-first", "Check whether anything from your side makes their pressure harder "
                       "for {n}, and flag it early: {pressure} (your words)."),
        ("know-them", "Ask {n} what would make their pressure lighter, and listen before "
                      "you offer anything: {pressure} (your words)."),
    ), pressure, personal=True),
    Unit("know-them", "lapsed", (
        ("know-them", "Ask {n} whether {what} still holds; your notes are over three months "
                      "old."),
        ("know-them", "Ask {n} what has changed since you last noted {what}: kept, "
                      "changed or dropped?"),
    ), lapsed),
    Unit("know-them", "note", (
        ("know-them", "Your note on {n} says: {note}. Ask one question that shows you "
                      "remembered."),
        ("know-them", "Remember what you noted about {n} when you next talk, and ask about "
                      "it: {note} (your note)."),
    ), note, personal=True),
    Unit("know-them", "last_talk", (
        ("know-them", "Ask {n} what happened next after your last contact on {when}: "
                      "{last} (your log)."),
        ("small-steps", "Carry your last contact with {n} one step further with one "
                        "message: {last} (your log of {when})."),
    ), last_talk, personal=True),
    Unit("know-them", "advice_followup", (
        ("know-them", "Ask {n} whether your advice helped, and what happened next: {last} "
                      "(your log of {when})."),
        ("know-them", "Ask {n} how it turned out with what they asked you on {when}: "
                      "{last} (your log)."),
    ), advice_followup, personal=True),
    Unit("know-them", "was_done", (
        ("know-them", "Ask {n} what came of last week's step, and build the next one on "
                      "their answer: {step}."),
        ("small-steps", "Follow up last week's step with {n} while it is fresh: {step}."),
    ), was_done, personal=True, step_field="next"),
    Unit("give-first", "strength_offer", (
        ("give-first", "Offer {n} an hour of your {strength}; it fits what you noted: {fit} "
                       "(your words)."),
        ("give-first", "Send {n} one tip from your {strength}, with no strings attached; it "
                       "bears on {fit} (your words)."),
    ), strength_offer, personal=True),
    Unit("learn", "strength_compare", (
        ("learn-from-peers", "Compare notes with {n}: your {strength} and their {fit}; trade "
                             "one lesson each."),
        ("learn-from-peers", "Ask {n} how they approach {fit}, and share how you do "
                             "{strength}."),
    ), strength_compare),
    Unit("give-first", "relies", (
        ("know-them", "Ask {n} what they most need from your work next quarter, and by "
                      "when, so you know early if anything slips."),
        ("give-first", "Tell {n} about changes coming in the work they rely on from you, "
                       "before they find out some other way."),
        ("know-them", "Ask {n} which of your dates matter most to their plans, so you can "
                      "warn them in time if one moves."),
    ), relies),
    Unit("give-first", "give_first", (
        ("give-first", "Send {n} something useful (a link, a draft, a heads-up) with no ask "
                       "attached; lately you have taken {took} and given {gave}."),
        ("give-first", "Lead your next message to {n} with something for them: a finding, a "
                       "shortcut, context they are missing."),
        ("give-first", "Offer {n} a hand with whatever they are pushing on before your next "
                       "question; the balance has tipped toward asking."),
    ), give_first),
    Unit("give-first", "give_first_planned", (
        ("give-first", "Do your planned step with {n} before any new ask: {step}."),
        ("give-first", "Hold your next question for {n} until your planned step has landed: "
                       "{step}."),
    ), give_first_planned, personal=True, step_field="step"),
    Unit("credit", "credit", (
        ("know-them", "Credit {n} for {what} of {when} where their manager can see it: in "
                      "your next update, demo or review."),
        ("know-them", "Name {n} in your next team update for {what} of {when}; credit that "
                      "travels upward is remembered."),
    ), credit, personal=True),
    Unit("credit", "helps", (
        ("know-them", "Name {n} in your next update or demo, with the one thing {their} "
                      "work made possible in yours."),
        ("know-them", "Tell {n}'s manager{in_team} one specific thing {their} work made "
                      "possible for yours; managers rarely hear it."),
    ), helps),
    Unit("know-them", "helps_hard", (
        ("know-them", "Ask {n} what is hardest in their work right now; you rely on it, so "
                      "their problems are partly yours."),
        ("know-them", "Ask {n} what would make their part of the work you rely on easier."),
    ), helps_hard),
    Unit("know-them", "shared_goals", (
        ("know-them", "Book thirty minutes with {n} to brainstorm the hardest part of the "
                      "goal you share{goal_hint}."),
        ("know-them", "Ask {n} what is blocking their side of the goal you share, and "
                      "problem-solve it together{goal_hint}."),
    ), shared_goals),
    Unit("give-first", "weak_share", (
        ("give-first", "Send {n} a short note with something you know that would help them "
                       "decide better this month."),
        ("give-first", "Pass on to {n} something you heard that affects their work; context "
                       "travels slowly and is welcome early."),
    ), weak_share),
    Unit("ask-feedback", "weak_feedback", (
        ("real-feedback", "Ask {n} for a quick reaction to one thing you are working on "
                          "this week, and tell them afterwards what you did with it."),
        ("real-feedback", "Ask {n} for feedback you genuinely want on one concrete draft, "
                          "then tell them what changed because of it."),
    ), weak_feedback),
    Unit("ask-feedback", "fine_to_ask", (
        ("real-feedback", "Ask {n} for a quick bounce on one question they would enjoy; you "
                          "have given more than you asked lately."),
        ("learn-from-peers", "Ask {n} to teach you one thing they know well; after what you "
                             "have given, they will likely be glad to."),
    ), fine_to_ask),
    Unit("give-first", "strong_keep", (
        ("give-first", "Send {n} something useful you came across this week, unasked; small "
                       "gifts keep a strong tie alive."),
        ("know-them", "Spread the word about {n}'s latest win to the people who should hear "
                      "it."),
    ), strong_keep),
    Unit("meet-someone", "strong_intro", (
        ("map-broadly", "Ask {n} for one introduction to someone whose work touches yours."),
        ("map-broadly", "Ask {n} who you should meet before next quarter; strong ties make "
                        "the best introductions."),
    ), strong_intro),
    Unit("meet-someone", "map_broadly", (
        ("map-broadly", "Ask {n} who else in {team} touches your work, and add them to your "
                        "map."),
        ("map-broadly", "Ask {n} who in {team} you may need in six to twelve months."),
    ), map_broadly),
    Unit("big-picture", "big_picture", (
        ("relevance", "Ask {n} what their leadership is most concerned about this year."),
        ("relevance", "Ask {n} what they see coming for the organisation that you might "
                      "not, and share your own view."),
    ), big_picture),
    Unit("big-picture", "future_work", (
        ("start-early", "Ask {n} where their work is heading in the next six to twelve "
                        "months; yours may meet it."),
        ("start-early", "Tell {n} what your team plans for next year that may touch theirs."),
    ), future_work),
    Unit("bridge", "bridge_team", (
        ("bridge-groups", "Trade ideas with {n}: what is routine {in_my_team} that {team} may "
                          "never have seen, and the other way round?"),
        ("bridge-groups", "Ask {n} what {team} does that everyone there takes for granted; "
                          "it may be news {in_my_team}."),
    ), bridge_team),
    Unit("bridge", "bridge_loc", (
        ("bridge-groups", "Ask {n} what is ordinary in {loc} that would be news {in_my_loc}, "
                          "and offer the same in return."),
        ("bridge-groups", "Swap notes with {n} on how work gets done in {loc} and "
                          "{in_my_loc}."),
    ), bridge_loc),
    Unit("bridge", "group", (
        ("bridge-groups", "Suggest a monthly half-hour on {tag} to {group}: a small interest "
                          "group of people who already care about it."),
        ("bridge-groups", "Ask {n} whether a short {tag} session with {others} would be "
                          "worth their time."),
    ), group),
    Unit("learn", "learn_tag", (
        ("learn-from-peers", "Ask {n} what they have learned lately about {topic} that "
                             "surprised them."),
        ("learn-from-peers", "Ask {n} what they would recommend reading or trying on "
                             "{topic}."),
        ("learn-from-peers", "Ask {n} which mistake about {topic} they see most often."),
    ), learn_tag),
    Unit("learn", "learn_role", (
        ("learn-from-peers", "Ask {n} what took longest to learn in their role, and what "
                             "they would tell someone starting out."),
        ("learn-from-peers", "Ask {n} for twenty minutes on how their role sees the work "
                             "you share."),
    ), learn_role),
    Unit("know-them", "chance_here", (
        ("chance-encounters", "Next time you run into {n} in {loc}, skip the small talk and "
                              "ask \"What are you working on?\""),
        ("chance-encounters", "When you see {n} around the office, ask \"What are you "
                              "excited about right now?\""),
    ), chance_here),
    Unit("know-them", "chance_goal", (
        ("chance-encounters", "Next time you run into {n} in {loc}, skip the small talk and "
                              "ask {ask}: {goal} (your words)."),
        ("chance-encounters", "When you pass {n} in {loc}, ask {ask} instead of talking "
                              "about the weather: {goal} (your words)."),
    ), chance_goal, personal=True),
    Unit("newcomer", "newcomer", (
        ("learn-from-peers", "Ask {n} for the context a newcomer misses: how decisions "
                             "really get made around their work."),
        ("map-broadly", "Ask {n} whom you should meet in your first months, and why."),
    ), newcomer),
    Unit("newcomer", "newcomer_first", (
        ("start-early", "Introduce yourself to {n} as someone new: one line on your work "
                        "and one question about theirs."),
        ("map-broadly", "Tell {n} you are new and ask what you should know about working "
                        "with their team."),
    ), newcomer_first),
)

