"""Units that may be the `now` item: something owed or at stake this week
(docs/advice.md). Each text list runs from gentle to direct: an unresolved now item takes
the next one each week it stays (a risk has no date in the file, so its texts take turns
by week instead)."""

from __future__ import annotations

from datetime import timedelta

from peermap.core.dates import week_start
from peermap.core.model import Kind, Outcome
from peermap.core.rules.base import COMMON, Fields, day, quote, span, words
from peermap.core.rules.facts import Facts
from peermap.core.rules.unit import Unit

ASK_GRACE_DAYS = 7  # an open ask is mentioned once they have had a week to answer
PROMISE_DAYS = 7  # a promise without a date falls due a week after it was made
RETHINK_QUIET_DAYS = 42  # a focus peer this long without contact...
RETHINK_LATE_DAYS = 21  # ...and a step this late: drop or change the step
RETHINK_ESCALATED_DAYS = 28  # a step pushed four weeks running: rethink, contact or not
OUTCOME_DAYS = 14  # last week's step is remembered for two weeks


def plan_covers(x: Facts, note: str) -> bool:
    """The planned step is already about this (shares two or more words with its note)."""
    if x.p.next is None or not note:
        return False
    skip = COMMON | words(x.p.name)
    return len((words(x.p.next.step) - skip) & (words(note) - skip)) >= 2


def at_risk(x: Facts) -> Fields | None:
    if not x.p.at_risk.strip() or x.acted_since("bad-news-early", x.today - timedelta(weeks=8)):
        return None
    return {"risk": quote(x.p.at_risk), "act": f"Tell {x.name} early: {quote(x.p.at_risk)}"}


def promise(x: Facts) -> Fields | None:
    for e in x.promises:
        # An undated promise is raised after PROMISE_DAYS, but never given a date the
        # user did not give it (docs/books.md: `log --kind promised --due`).
        due = e.due or e.date + timedelta(days=PROMISE_DAYS)
        if x.today < week_start(due) or x.acted_since("keep-promise", e.date):
            continue
        late = (x.today - due).days
        if e.due is None:  # never a date the user did not give
            when = f"open {span((x.today - e.date).days)}"
        else:
            when = f"due {day(due)}" if late <= 0 else f"due {day(due)}, {span(late)} ago"
        act = e.note.strip() or f"Keep your promise to {x.name}"
        return {"loop": quote(e.note) if e.note else "what you promised", "made": day(e.date),
                "due": when, "act": act}
    return None


def thank(x: Facts) -> Fields | None:
    h = x.help
    if h is None or x.acted_since("thank", h.date):
        return None
    what = {"help": "their help", "feedback": "their feedback",
            "an introduction": "the introduction"}[h.what]
    about = f" to {h.note}" if h.what == "an introduction" else (
        f": {quote(h.note)}" if h.note else "")
    return {"what": what, "when": day(h.date), "about": about,
            "act": f"Thank {x.name} for {what}{about}"}


def answer(x: Facts) -> Fields | None:
    e = x.their_ask
    if e is None:
        return None
    ask = quote(e.note) if e.note else "their question"
    return {"ask": ask, "when": day(e.date), "act": f"Answer {x.name}: {ask}"}


def _late(x: Facts) -> int | None:
    nxt = x.p.next
    if nxt is None or nxt.due is None or x.today < week_start(nxt.due):
        return None
    return (x.today - nxt.due).days


def rethink(x: Facts) -> Fields | None:
    late = _late(x)
    if not x.p.focus or late is None or late < RETHINK_LATE_DAYS or x.p.next is None:
        return None
    last = x.last_contact
    quiet_long = last is None or (x.today - last).days >= RETHINK_QUIET_DAYS
    if not quiet_long and late < RETHINK_ESCALATED_DAYS:
        return None
    quiet = "no contact logged" if last is None else f"no contact for {span((x.today - last).days)}"
    return {"step": quote(x.p.next.step, 100), "since": span(late), "quiet": quiet}


def overdue(x: Facts) -> Fields | None:
    late = _late(x)
    if late is None or x.p.next is None or rethink(x) is not None:
        return None
    for said in (Outcome.TOO_BIG, Outcome.WRONG_MOMENT):  # the review just said why
        o = _outcome(x, said)
        if o is not None and o["step"] == quote(x.p.next.step, 100):
            return None
    nxt = x.p.next
    assert nxt.due is not None
    when = f"due {day(nxt.due)}" if late <= 0 else f"planned for {day(nxt.due)}, {span(late)} ago"
    return {"step": quote(nxt.step, 100), "when": when}


def _loop(x: Facts, kind: Kind) -> Fields | None:
    if x.acted_since("close-loop", x.today - timedelta(days=ASK_GRACE_DAYS)):
        return None
    for lp in x.loops:
        if lp.kind == kind and lp.days >= ASK_GRACE_DAYS and not plan_covers(x, lp.note) \
                and x.answered_by(lp.note, lp.date) is None:
            loop = quote(lp.note) if lp.note else "your ask"
            act = (f"Ask {x.name} for the feedback in one question: {loop}"
                   if kind == Kind.FEEDBACK_ASKED else f"Close the loop with {x.name}: {loop}")
            return {"loop": loop, "when": day(lp.date), "act": act}
    return None


def loop_ask(x: Facts) -> Fields | None:
    return _loop(x, Kind.ASKED)


def loop_feedback(x: Facts) -> Fields | None:
    return _loop(x, Kind.FEEDBACK_ASKED)


def _outcome(x: Facts, which: Outcome) -> Fields | None:
    from peermap.core.outcomes import last_outcome

    r = last_outcome(x.net, x.p)
    if r is None or r.outcome != which or not 0 <= (x.today - r.date).days <= OUTCOME_DAYS:
        return None
    return {"step": quote(r.step, 100), "when": day(r.date),
            "small": f"Send {x.name} two lines on it instead: {quote(r.step, 100)}"}


def was_too_big(x: Facts) -> Fields | None:
    return _outcome(x, Outcome.TOO_BIG)


def was_wrong_moment(x: Facts) -> Fields | None:
    return _outcome(x, Outcome.WRONG_MOMENT)


UNITS = (
    Unit("bad-news-early", "at_risk", (
        ("give-first", "Tell {n} now, while they can still plan around it: {risk} (your "
                       "words). Early bad news is a favour; late bad news is a fire."),
        ("give-first", "Send {n} a short, honest status on what is at risk: {risk} (your "
                       "words). Say what you are doing and when you will know more."),
        ("give-first", "Give {n} the bad news today, plainly: {risk} (your words). Say what "
                       "it means for their plans and what you can still protect."),
    ), at_risk, urgency=1, personal=True,
         step_field="act"),
    Unit("keep-promise", "promise", (
        ("know-them", "Keep your promise to {n} from {made} ({due}): {loop} (your log). Do "
                      "it this week, or tell them when. Then: peermap close {arg}"),
        ("give-first", "Deliver what you promised {n} on {made}, even in a smaller form: "
                       "{loop} (your log). Tell them what they will get and when."),
        ("know-them", "Tell {n} honestly today where your promise stands: {loop} (your log, "
                      "{due}). Give a date you can keep, or release it."),
        ("know-them", "Settle your promise to {n} this week ({due}): {loop} (your log). Keep "
                      "it in its smallest form, or tell them plainly you cannot and close "
                      "it; an open promise costs a little trust every week."),
    ), promise, urgency=2, escalates=True, personal=True,
         step_field="act"),
    Unit("thank", "thank", (
        ("know-them", "Thank {n} with specifics for {what} on {when}{about} (your log): "
                      "say what it made possible."),
        ("know-them", "Tell {n} what {what} on {when} led to{about} (your log); specific "
                      "thanks is rarer than help."),
        ("know-them", "Send {n} a short thank-you for {what} on {when}{about} (your log), "
                      "naming the one thing that mattered most."),
    ), thank, urgency=3, escalates=True, personal=True,
         step_field="act"),
    Unit("answer-ask", "answer", (
        ("give-first", "Answer what {n} asked you on {when}: {ask} (your log). A short "
                       "answer this week beats a perfect one later."),
        ("give-first", "Reply to {n}'s ask of {when} today, even if only to say when: "
                       "{ask} (your log)."),
        ("know-them", "Tell {n} plainly whether you can help; a clear no is kinder than "
                      "silence. They asked on {when}: {ask} (your log)."),
    ), answer, urgency=4, escalates=True, personal=True,
         step_field="act"),
    Unit("rethink-focus", "rethink", (
        ("three-to-five", "Rethink {n} as a focus peer: {quiet}, and your step {step} is "
                          "{since} late. Drop them from focus, or change the step to one "
                          "you will do."),
        ("three-to-five", "Decide about {n} this week: change the step ({step}, {since} "
                          "late) or free the focus slot for someone you will reach. "
                          "peermap focus drop {arg}"),
        ("three-to-five", "Be honest about {n}: {quiet}, and {step} is {since} late. Swap "
                          "the step for one you will do this week, or take them out of "
                          "focus."),
        ("three-to-five", "Choose this week between a new step with {n} and a free focus "
                          "slot; {step} has waited {since} and {quiet}."),
    ), rethink, urgency=5, escalates=True, personal=True, step_field="step"),
    Unit("step-overdue", "overdue", (
        ("small-steps", "Do your step with {n} this week ({when}): {step}."),
        ("small-steps", "Your step with {n} is waiting ({when}): {step}. Book it in your "
                        "calendar now, or swap it for a ten-minute version."),
        ("small-steps", "Shrink your step with {n} to one message you can send today; the "
                        "plan was {step} ({when})."),
        ("small-steps", "Send {n} one message today that starts your step, however small; "
                        "it has waited ({when}): {step}."),
    ), overdue, urgency=6, escalates=True, personal=True, step_field="step"),
    Unit("close-loop", "loop_ask", (
        ("real-feedback", "Close the loop on what you asked {n} on {when}: {loop} (your "
                          "log). Tell them how it turned out, or that you no longer need it."),
        ("give-first", "Make your ask of {n} from {when} easier to answer, or release them "
                       "from it: {loop} (your log)."),
        ("know-them", "Let {n} know today where things stand on your ask of {when}: {loop} "
                      "(your log); an ask left hanging costs more goodwill than a no."),
    ), loop_ask, urgency=7, escalates=True, personal=True,
         step_field="act"),
    Unit("close-loop", "loop_feedback", (
        # The feedback has not come yet (the loop is open): make it easy to give. Thanks
        # and "what you did with it" come once it is closed with what they said.
        ("real-feedback", "Make the feedback you asked {n} for on {when} easy to give: one "
                          "question, one point, by a day that suits them: {loop} (your log)."),
        ("real-feedback", "Check in with {n} on the feedback you asked for on {when}: {loop} "
                          "(your log). If their week is full, release them from it."),
        ("real-feedback", "Ask {n} for the one thing they would change, instead of a full "
                          "review: {loop} (your log, {when})."),
    ), loop_feedback, urgency=7, escalates=True, personal=True,
         step_field="act"),
    Unit("step-overdue", "was_too_big", (
        ("small-steps", "Last week's step with {n} was too big; try the smallest version, "
                        "two lines in a message: {step}."),
        ("small-steps", "Cut last week's step with {n} in half, since it was too big: the "
                        "first question only of {step}."),
    ), was_too_big, urgency=9, personal=True, step_field="small"),
    Unit("step-overdue", "was_wrong_moment", (
        ("know-them", "Last week was the wrong moment for your step with {n}; ask them when "
                      "suits: {step}."),
        ("know-them", "Try last week's step with {n} again after their deadline, since it "
                      "was the wrong moment: {step}."),
    ), was_wrong_moment, urgency=9, personal=True, step_field="step"),
)
