"""Replay twelve weeks of advice on a scripted network and measure it (docs/advice.md).

Two networks (`--network`):

  junior   (default) a junior engineer's first months: a clash (Derek), someone who
           relies on their work (Priya), a principal engineer in another office (Elena),
           a fellow newcomer (Jun), a manager's peer who helps (Sam), a quiet strong tie
           (Olu); from Sunday 2026-09-06.
  example  examples/network.toml, the map the README and docs/ use, read through the
           real parser and never written; from Sunday 2026-11-22, the day docs/ranking.md
           shows it. Its events come from what its peers hold: Dara's month-end SQL
           pressure, Aoife's threat models, Tomás's feedback open since October, Zoë's
           read of the batching doc, Kwame's guild demo, and Søren, the clash, brought into
           focus in Kwame's place once Kwame's tie is strong.

Each week the script applies that week's scripted events (contacts logged, some with
`acted = KEY` for the suggestion they carried out, the outcome of the last review's step,
what a debrief adds), prints every focus peer's plan and brief as `suggest` and `brief`
would for that `--today`, then (example) records that day's review step, and counts:

  distinct    distinct suggestion texts that week
  repeats     texts given to the same peer in the week before (now items apart)
  re-acted    situations suggested again for a peer within two weeks of a contact that
              carried them out (with no new trigger since)
  filler      privacy reminders, tool tips, "pick one small step", assumed channels
  own words   share of lines quoting something only that peer has

Run:  python benchmarks/replay_advice.py [--network junior|example] [--weeks N] [--out FILE]
      python benchmarks/replay_advice.py --kept    (rewrites both kept outputs in tests/data)
(plain Python; the core is called directly, `today` passed in, nothing is written but
`--out` or `--kept`). Exit status 1 when a figure is worse than the goals in docs/advice.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from peermap.core import debrief  # noqa: E402
from peermap.core.books import close_entry, contact, step_outcome  # noqa: E402
from peermap.core.brief import brief  # noqa: E402
from peermap.core.model import (  # noqa: E402
    Affects,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    NextStep,
    Outcome,
    Peer,
    Review,
    Tie,
    TieChange,
    WhyNone,
)
from peermap.core.peers import complete_step, rate_peer  # noqa: E402
from peermap.core.review import record_review, swap_focus  # noqa: E402
from peermap.core.suggestions import Suggestion, suggest_all  # noqa: E402
from peermap.storage.codec import parse  # noqa: E402

START = date(2026, 9, 6)  # a Sunday: the weekly review day
FILLER = re.compile(r"confiden|gossip|stays on this machine|pick one small step|"
                    r"peermap edit|shared call|next call with|in your next shared", re.I)
QUOTED = re.compile(r'"([^"]{4,})"')
GOALS = {"repeats": 0, "re-acted": 0, "filler": 0}  # per run, at most


def d(week: int, day: int = 0) -> date:
    return START + timedelta(weeks=week, days=day)


def network() -> Network:
    me = Me(name="Robin", team="Checkout", location="Dublin", level="junior",
            joined=date(2026, 8, 17), strengths=["frontend testing", "accessibility"])
    rated = [TieChange(date(2026, 8, 30), Tie.WEAK)]
    derek = Peer("Derek Lowe", team="Checkout", role="Senior engineer", location="Dublin",
                 tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH, focus=True,
                 focus_since=date(2026, 8, 30), affects=[Affects.HELPS_ME],
                 matters=[Matters.CURRENT_WORK], added=date(2026, 8, 30),
                 ties=[TieChange(date(2026, 8, 30), Tie.NONEXISTENT)],
                 notes="I argued with him in the incident channel.")
    priya = Peer("Priya Natarajan", team="Payments", role="Engineer", location="Dublin",
                 tie=Tie.WEAK, focus=True, focus_since=date(2026, 8, 30),
                 affects=[Affects.RELIES_ON_ME], matters=[Matters.CURRENT_WORK],
                 added=date(2026, 8, 30), ties=list(rated),
                 goals=["launch 3-D Secure fallback before Black Friday"],
                 pressures=["on-call rotation is two people short"],
                 next=NextStep("Ask Priya which checkout dates her launch depends on",
                               date(2026, 9, 11)))
    elena = Peer("Elena Sokolova", team="Platform", role="Principal engineer",
                 location="Berlin", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED,
                 focus=True, focus_since=date(2026, 8, 30), added=date(2026, 8, 30),
                 matters=[Matters.FUTURE_WORK, Matters.BIG_PICTURE], tags=["accessibility"],
                 ties=[TieChange(date(2026, 8, 30), Tie.NONEXISTENT)])
    jun = Peer("Jun Park", team="Search", role="Engineer", location="Dublin", tie=Tie.WEAK,
               focus=True, focus_since=date(2026, 8, 30), added=date(2026, 8, 30),
               affects=[Affects.SHARED_GOALS], matters=[Matters.CURRENT_WORK],
               ties=list(rated), notes="Started the same week as me; also a new grad.",
               goals=["pass the on-call shadowing"])
    sam = Peer("Sam Okoro", team="Risk", role="Engineering manager", location="London",
               tie=Tie.WEAK, added=date(2026, 8, 30), ties=list(rated),
               affects=[Affects.HELPS_ME], matters=[Matters.CURRENT_WORK])
    olu = Peer("Olu Adebayo", team="Checkout", role="Engineer", location="Dublin",
               tie=Tie.STRONG, added=date(2026, 8, 1),
               ties=[TieChange(date(2026, 8, 1), Tie.STRONG)],
               log=[LogEntry(date(2026, 8, 20), Kind.CHAT, "Lunch; he showed me the deploy")])
    return Network(me=me, peers=[derek, priya, elena, jun, sam, olu])


def story(net: Network, week: int) -> None:
    """What happens in the days before week `week`'s review (scripted)."""
    p = {q.name.split()[0]: q for q in net.peers}

    def log(name: str, day: int, kind: Kind, note: str, **kw: object) -> None:
        p[name].log.append(LogEntry(d(week, day - 7), kind, note, **kw))  # type: ignore[arg-type]

    if week == 1:
        log("Priya", 2, Kind.MET, "Asked which dates her launch depends on: Oct 20 checkout "
            "freeze", acted="step-overdue")
        p["Priya"].next = None
        log("Elena", 4, Kind.CHAT, "Two-line hello about the accessibility audit",
            acted="first-contact")
        p["Elena"].tie = Tie.WEAK
        p["Elena"].ties.append(TieChange(d(week, -3), Tie.WEAK))
    if week == 2:
        log("Derek", 3, Kind.MET, "Coffee: listened to how the incident looked from his side",
            acted="clash-repair")
        log("Sam", 5, Kind.THEY_HELPED, "Reviewed my design doc overnight")
        log("Elena", 6, Kind.THEY_HELPED, "Reviewed my accessibility PR overnight")
        net.reviews.append(Review(d(week, -7), "Jun Park", "Ask Jun to pair on a shadow shift"))
    if week == 3:
        log("Sam", 1, Kind.CHAT, "Thanked him for the review, named the two fixes",
            acted="thank")
        log("Elena", 2, Kind.CHAT, "Thanked her: the PR shipped the same day", acted="thank")
        p["Priya"].at_risk = "the checkout API change may slip past Oct 20"
        net.reviews[-1].outcome = Outcome.TOO_BIG
        log("Jun", 4, Kind.THEY_ASKED, "Asked how I set up the local payments sandbox")
    if week == 4:
        log("Priya", 1, Kind.CHAT, "Told her the API change may slip; she moves her test "
            "window", acted="bad-news-early")
        log("Derek", 3, Kind.CHAT, "Said I was wrong to argue in the channel",
            acted="clash-repair")
        for e in p["Jun"].log:
            if e.kind == Kind.THEY_ASKED:
                e.closed = d(week, -2)
        log("Elena", 5, Kind.PROMISED, "Send Elena our screen-reader test notes",
            due=d(week, 4))
    if week == 5:
        log("Elena", 2, Kind.THEY_ASKED, "Asked me to present the audit at the platform guild")
    if week == 6:
        p["Priya"].at_risk = ""
        log("Derek", 2, Kind.MET, "Paired on the flaky checkout test", acted="clash-repair")
    if week == 7:
        for e in p["Elena"].log:
            if e.kind == Kind.PROMISED:
                e.closed = d(week, -3)
        log("Elena", 4, Kind.SHARED, "Sent the screen-reader notes", acted="keep-promise")
        log("Jun", 3, Kind.FEEDBACK_ASKED, "Asked for a read of my on-call runbook")
    if week == 8:
        log("Derek", 2, Kind.CHAT, "Credited him in the retro for the test fix",
            acted="clash-repair")
        for e in p["Jun"].log:
            if e.kind == Kind.FEEDBACK_ASKED:
                e.closed = d(week, -2)
                e.answer = "Split the runbook by alert"
    if week == 9:
        log("Elena", 3, Kind.CHAT, "Said yes to the guild talk", acted="answer-ask")
        for e in p["Elena"].log:
            if e.kind == Kind.THEY_ASKED:
                e.closed = d(week, -4)
    if week == 10:
        p["Derek"].tie = Tie.WEAK
        p["Derek"].why_none = None
        p["Derek"].ties.append(TieChange(d(week, -1), Tie.WEAK))
        log("Priya", 3, Kind.THEY_HELPED, "Covered my on-call handover")


# The project's example map (examples/network.toml: Mira Lindqvist, Payments, London),
# read through the real parser and never written. Its last entries are of Nov 19 and
# docs/ranking.md and docs/stats.md show it on Sunday Nov 22, so the replay starts there.
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "network.toml"
EX_START = date(2026, 11, 22)


def x(week: int, day: int = 0) -> date:
    return EX_START + timedelta(weeks=week, days=day)


def example() -> Network:
    return parse(EXAMPLE.read_bytes(), EXAMPLE)


def example_story(net: Network, week: int) -> None:
    """What happens on the example map in the days before week `week`'s review, then
    how the last review's step went (asked first at a review), all through the same core
    functions the commands use: `log --acted`, `done`, `debrief`, `close`, `rate`.
    `week` counts from 0, as in `story`: the printout's "week 1" is week 0."""

    def on(day: int) -> date:
        return x(week, day - 7)

    def log(name: str, day: int, kind: Kind, note: str, acted: str = "",
            due: date | None = None) -> None:
        contact(net_peer(name), LogEntry(on(day), kind, note, due=due, acted=acted))

    def done(name: str, day: int, kind: Kind, note: str, acted: str = "") -> None:
        complete_step(net, name, note, kind, on(day), acted)

    def close(name: str, kind: Kind, start: str, day: int, answer: str = "") -> None:
        e = next(e for e in net_peer(name).log
                 if e.kind == kind and e.note.startswith(start) and e.closed is None)
        close_entry(e, on(day), answer)

    def outcome(result: Outcome) -> None:
        r = next(r for r in net.reviews if r.date == x(week - 1))
        step_outcome(net, r.peer, r.date, result, x(week))

    def net_peer(name: str) -> Peer:
        return next(p for p in net.peers if p.name.startswith(name))

    if week == 0:  # the review of Nov 14 planned a step that waits on Zoë's read
        r = next(r for r in net.reviews if r.date == date(2026, 11, 14))
        step_outcome(net, r.peer, r.date, Outcome.NOT_YET, x(0))
    if week == 1:
        done("Tomás", 1, Kind.SHARED, "Sent the backfill checklist", acted="step-overdue")
        log("Kwame", 2, Kind.CHAT, "Said yes to co-presenting at the guild on Dec 3",
            acted="answer-ask")
        close("Kwame", Kind.THEY_ASKED, "He asked me to co-present", 2)
        debrief.feedback(net_peer("Zoë"), "Batch by cache line, not by count; the count "
                         "hides the allocations", "", on(3))
        done("Aoife", 3, Kind.MET, "Asked what excites her: threat-model checks that run "
             "in CI", acted="step-overdue")
        debrief.apply(net, "Aoife", debrief.Answers(
            met=False, goals=["threat-model checks that run in CI"],
            promises=[("Send Aoife our post-incident action tracker", x(1, 5))]), on(3))
        done("Dara", 4, Kind.CHAT, "Two-line hello; she replied that the settlement "
             "report takes 40 minutes at month-end", acted="first-contact")
        log("Kwame", 5, Kind.SHARED, "Sent Kwame the demo outline", acted="keep-promise")
        close("Kwame", Kind.PROMISED, "Send Kwame the demo outline", 5)
        outcome(Outcome.DONE)
    if week == 2:
        done("Zoë", 2, Kind.CHAT, "Told her we now batch by cache line; allocations on "
             "the path down a third", acted="thank")
        debrief.apply(net, "Dara", debrief.Answers(
            note="Call: she walked me through the month-end reconciliation",
            goals=["close the month-end books in three days instead of five"],
            promises=[("Send Dara a faster settlement report query", x(2, 5))],
            tie=Tie.WEAK), on(3))
        done("Kwame", 4, Kind.MET, "Co-presented the refund incident review at the guild "
             "and thanked him in the demo", acted="credit")
        close("Tomás", Kind.ASKED, "Asked when the schema change lands", 5,
              "It lands on Jan 12")
        outcome(Outcome.DONE)
    if week == 3:  # Søren came into focus at the last review, in Kwame's place
        done("Søren", 2, Kind.MET, "Call: listened to how the September handover looked "
             "from his side; his team took three extra pages that week", acted="clash-repair")
        close("Søren", Kind.ASKED, "Asked for an exception", 2)  # August's, long moot
        log("Tomás", 3, Kind.CHAT, "Asked again with one question: is the export job "
            "partitioned right?", acted="close-loop")
        log("Aoife", 4, Kind.FEEDBACK_ASKED, "Asked her to review the refunds flow's "
            "threat model", due=x(3, 5))
        outcome(Outcome.DONE)
    if week == 4:
        debrief.feedback(net_peer("Tomás"), "Partition the export by settlement date, not "
                         "by hour", "", on(2))
        log("Dara", 3, Kind.SHARED, "Sent the rewritten settlement report query, five days "
            "late", acted="keep-promise")
        close("Dara", Kind.PROMISED, "Send Dara a faster", 3)
        log("Søren", 4, Kind.CHAT, "Said I was wrong to push the handover onto his team "
            "without asking", acted="clash-repair")
        outcome(Outcome.TOO_BIG)
    if week == 5:
        log("Tomás", 2, Kind.CHAT, "Thanked him: partitioned by date, the export runs in "
            "half the time", acted="thank")
        debrief.feedback(net_peer("Aoife"), "Add replayed refund webhooks to the threat "
                         "model", "", on(3))
        outcome(Outcome.NOT_YET)
    if week == 6:
        log("Søren", 2, Kind.HELPED, "Wrote runbooks for the two payments alerts that page "
            "his team most", acted="clash-repair")
        done("Aoife", 3, Kind.CHAT, "Thanked her: the webhook replay check is in the "
             "refunds flow", acted="thank")
        outcome(Outcome.DONE)
    if week == 7:
        done("Dara", 2, Kind.MET, "The month-end report ran in 4 minutes instead of 40; "
             "she closed a day early")
        log("Dara", 3, Kind.THEY_HELPED, "Showed me where our settlement files disagree "
            "with the ledger")
        done("Tomás", 4, Kind.CHAT, "He named ledger_entries as the first table to move",
             acted="step-overdue")
        log("Tomás", 4, Kind.THEY_HELPED, "Gave me read access to the lakehouse staging "
            "tables")
        outcome(Outcome.DONE)
    if week == 8:
        log("Dara", 2, Kind.CHAT, "Thanked her for the settlement-file walkthrough",
            acted="thank")
        done("Søren", 3, Kind.CHAT, "Asked whether the runbooks helped: pages down from "
             "nine a week to four")
        rate_peer(net, "Søren", Tie.WEAK, None, on(3))
        log("Tomás", 4, Kind.CHAT, "Thanked him for the staging access", acted="thank")
        outcome(Outcome.DONE)
    if week == 9:
        done("Zoë", 3, Kind.SHARED, "Sent her our allocation profiler setup",
             acted="give-first")
        log("Aoife", 4, Kind.THEY_ASKED, "Asked for our incident-review template for the "
            "PCI evidence")
        outcome(Outcome.DONE)
    if week == 10:
        done("Aoife", 2, Kind.SHARED, "Sent the incident-review template",
             acted="answer-ask")
        close("Aoife", Kind.THEY_ASKED, "Asked for our incident-review template", 2)
        log("Tomás", 4, Kind.MET, "The schema change landed; walked through the snapshot "
            "move plan")
        outcome(Outcome.DONE)
    if week == 11:
        log("Dara", 3, Kind.CHAT, "Month-end close took three days this time")
        outcome(Outcome.NOT_YET)


# The step each week's review plans (after the plan is shown), and a focus swap when a
# tie has graduated. The promise to Aoife (made Nov 25, due Dec 4) is never kept.
EXAMPLE_REVIEWS = {
    0: ("Dara", "Send Dara a two-line hello: who I am and how our settlement files "
        "reach her"),
    1: ("Zoë", "Tell Zoë we now batch by cache line, and what it saved"),
    2: ("Søren", "Ask Søren for twenty minutes on how the September handover looked "
        "from his side"),
    3: ("Tomás", "Pair with Tomás on moving the ledger snapshot to the lakehouse"),
    4: ("Tomás", "Ask Tomás which lakehouse table the ledger snapshot needs first"),
    5: ("Aoife", "Thank Aoife for the threat-model review and show her the webhook fix"),
    6: ("Dara", "Ask Dara how month-end went with the new query"),
    7: ("Søren", "Ask Søren whether the runbooks cut his team's pages"),
    8: ("Zoë", "Offer Zoë our allocation profiler setup before the Q1 freeze"),
    9: ("Aoife", "Send Aoife the incident-review template"),
    10: ("Tomás", "Offer Tomás our reconciliation checks for the snapshot move"),
}


def example_review(net: Network, week: int) -> None:
    if week == 2:  # Kwame is a strong tie since Nov 14: his focus slot goes to Søren
        swap_focus(net, "Kwame", "Søren", x(week))
    if week in EXAMPLE_REVIEWS:
        name, step = EXAMPLE_REVIEWS[week]
        record_review(net, name, step, x(week))


@dataclass(frozen=True)
class Scenario:
    start: date
    build: Callable[[], Network]
    story: Callable[[Network, int], None]  # the week's events, before its review
    review: Callable[[Network, int], None]  # what the review plans, after the plan is seen


NETWORKS = {
    "junior": Scenario(START, network, story, lambda net, week: None),
    "example": Scenario(EX_START, example, example_story, example_review),
}
KEPT = {name: Path(__file__).resolve().parent.parent / "tests" / "data" / f"replay_{kept}.txt"
        for name, kept in (("junior", "advice"), ("example", "example"))}


@dataclass
class Figures:
    lines: int = 0
    distinct: list[int] = field(default_factory=list)
    repeats: int = 0
    reacted: int = 0
    filler: int = 0
    own: int = 0

    def summary(self, weeks: int) -> list[str]:
        share = self.own / self.lines if self.lines else 0.0
        return [
            f"weeks {weeks}, lines {self.lines}",
            f"distinct texts per week: {' '.join(map(str, self.distinct))}",
            f"repeats per peer across consecutive weeks (now items apart): {self.repeats}",
            f"situations carried out, then suggested again within two weeks: {self.reacted}",
            f"filler lines: {self.filler}",
            f"lines quoting something only that peer has: {share:.0%}",
        ]


def own_words(p: Peer, s: Suggestion) -> bool:
    mine = [p.notes, p.at_risk, *p.goals, *p.pressures, *(e.note for e in p.log),
            *(e.answer for e in p.log)]
    return any(q.rstrip("…") and any(q.rstrip("…") in m for m in mine if m)
               for q in QUOTED.findall(s.text))


def replay(weeks: int, out: list[str], name: str = "junior") -> Figures:
    run = NETWORKS[name]
    net = run.build()
    fig = Figures()
    last: dict[str, set[str]] = {}
    for w in range(weeks):
        run.story(net, w)
        today = run.start + timedelta(weeks=w)
        out.append(f"== week {w + 1}: {today.isoformat()}")
        texts: set[str] = set()
        for p, tips in suggest_all(net, net.focus_peers(), today):
            out.append(f"-- {p.name}")
            for s in tips:
                out.append(f"  {'NOW ' if s.now else '    '}[{s.situation}] {s.text}")
                fig.lines += 1
                texts.add(s.text)
                if not s.now and s.text in last.get(p.key, set()):
                    fig.repeats += 1
                    out.append("      ^ repeated from last week")
                acted = [e for e in p.log if e.acted == s.situation
                         and 0 <= (today - e.date).days <= 14]
                if acted and s.situation not in ("clash-repair", "thank", "keep-promise"):
                    fig.reacted += 1
                    out.append("      ^ carried out lately")
                if FILLER.search(s.text):
                    fig.filler += 1
                    out.append("      ^ filler")
                fig.own += own_words(p, s)
            last[p.key] = {s.text for s in tips}
            b = brief(net, p, today)
            for k in ("bring", "your_asks", "questions"):
                for line in b[k]:
                    out.append(f"      {k}: {line}")
        fig.distinct.append(len(texts))
        run.review(net, w)
    return fig


def render(weeks: int, name: str) -> tuple[str, Figures]:
    """What `--out` writes: every week's lines, a blank line, the figures."""
    out: list[str] = []
    fig = replay(weeks, out, name)
    return "\n".join(out + ["", *fig.summary(weeks)]) + "\n", fig


def within_goals(fig: Figures) -> bool:
    return fig.repeats <= GOALS["repeats"] and fig.reacted <= GOALS["re-acted"] \
        and fig.filler <= GOALS["filler"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--network", choices=sorted(NETWORKS), default="junior",
                    help="junior: the scripted junior engineer (default); example: "
                         "examples/network.toml")
    ap.add_argument("--weeks", type=int, default=12)
    ap.add_argument("--out", type=Path, help="write every week's lines to this file")
    ap.add_argument("--kept", action="store_true",
                    help="rewrite the kept outputs of both networks in tests/data (12 weeks)")
    args = ap.parse_args(argv)
    if args.kept:
        ok = True
        for name, path in KEPT.items():
            text, fig = render(12, name)
            path.write_text(text, encoding="utf-8")
            print(f"{path.name}:", *fig.summary(12), sep="\n  ")
            ok = ok and within_goals(fig)
        return 0 if ok else 1
    text, fig = render(args.weeks, args.network)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print("\n".join(fig.summary(args.weeks)))
    return 0 if within_goals(fig) else 1


if __name__ == "__main__":
    sys.exit(main())
