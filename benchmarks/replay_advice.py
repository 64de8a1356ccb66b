"""Replay twelve weeks of advice on a second network and measure it (docs/advice.md).

The network is a junior engineer's first months: a clash (Derek), someone who relies on
their work (Priya), a principal engineer in another office (Elena), a fellow newcomer
(Jun), a manager's peer who helps (Sam) and a quiet strong tie (Olu). Each week the
script applies that week's scripted events (contacts logged, some with `acted = KEY`
for the suggestion they carried out, reviews and their outcomes, what a debrief adds),
then prints every focus peer's plan and brief as `suggest` and `brief` would for that
`--today`, and the figures:

  distinct    distinct suggestion texts that week
  repeats     texts given to the same peer in the week before (now items apart)
  re-acted    situations suggested again for a peer within two weeks of a contact that
              carried them out (with no new trigger since)
  filler      privacy reminders, tool tips, "pick one small step", assumed channels
  own words   share of lines quoting something only that peer has

Run:  python benchmarks/replay_advice.py [--weeks N] [--out FILE]
(plain Python; the core is called directly, `today` passed in, nothing is written but
`--out`). Exit status 1 when a figure is worse than the goals in docs/advice.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

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
from peermap.core.suggestions import Suggestion, suggest_all  # noqa: E402

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


@dataclass
class Figures:
    lines: int = 0
    distinct: list[int] = field(default_factory=list)
    repeats: int = 0
    reacted: int = 0
    filler: int = 0
    own: int = 0


def own_words(p: Peer, s: Suggestion) -> bool:
    mine = [p.notes, p.at_risk, *p.goals, *p.pressures, *(e.note for e in p.log),
            *(e.answer for e in p.log)]
    return any(q.rstrip("…") and any(q.rstrip("…") in m for m in mine if m)
               for q in QUOTED.findall(s.text))


def replay(weeks: int, out: list[str]) -> Figures:
    net = network()
    fig = Figures()
    last: dict[str, set[str]] = {}
    for w in range(weeks):
        story(net, w)
        today = d(w)
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
    return fig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weeks", type=int, default=12)
    ap.add_argument("--out", type=Path, help="write every week's lines to this file")
    args = ap.parse_args(argv)
    out: list[str] = []
    fig = replay(args.weeks, out)
    share = fig.own / fig.lines if fig.lines else 0.0
    summary = [
        f"weeks {args.weeks}, lines {fig.lines}",
        f"distinct texts per week: {' '.join(map(str, fig.distinct))}",
        f"repeats per peer across consecutive weeks (now items apart): {fig.repeats}",
        f"situations carried out, then suggested again within two weeks: {fig.reacted}",
        f"filler lines: {fig.filler}",
        f"lines quoting something only that peer has: {share:.0%}",
    ]
    if args.out:
        args.out.write_text("\n".join(out + ["", *summary]) + "\n", encoding="utf-8")
    print("\n".join(summary))
    bad = fig.repeats > GOALS["repeats"] or fig.reacted > GOALS["re-acted"] \
        or fig.filler > GOALS["filler"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
