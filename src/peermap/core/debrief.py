"""What a debrief saves (docs/books.md): the parts of one 1:1, applied to the peer in one
change when they come as options, or one at a time as a person answers.

Pure functions over the Network; a peer is addressed as the caller resolved it (by its
exact name, `refs.Chosen`, in the interactive flow) and loops by their identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peermap.core import goals
from peermap.core.books import close_entry, contact, mark_private
from peermap.core.errors import PeermapError
from peermap.core.model import Kind, LogEntry, Network, Peer, Tie, ToMeet, WhyNone
from peermap.core.state import open_entries
from peermap.core.text import check_line, count


@dataclass
class Answers:
    """A debrief's answers; empty means "nothing to save" for that part."""

    met: bool = True
    note: str = ""
    goals: list[str] = field(default_factory=list)
    pressures: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # older goals or pressures that still hold
    dropped: list[str] = field(default_factory=list)  # ...and those that no longer do
    promises: list[tuple[str, date | None]] = field(default_factory=list)
    they_asked: list[str] = field(default_factory=list)
    meet: list[str] = field(default_factory=list)  # whom they suggested you meet
    feedback: str = ""
    will_do: str = ""
    close: list[int] = field(default_factory=list)  # numbers as `peermap loops` shows them
    private: str = ""
    at_risk: str | None = None  # "" or "-" clears it
    tie: Tie | None = None
    why: WhyNone | None = None
    next: str = ""
    due: date | None = None


def log_met(p: Peer, note: str, today: date) -> LogEntry:
    from peermap.core.text import check_text

    return contact(p, LogEntry(today, Kind.MET, check_text("note", note,
                                                           multiline=True).strip()))


def add_item(p: Peer, field_name: str, text: str, today: date) -> bool:
    """One goal or pressure in the user's words, dated today; False when it was there
    already (or empty)."""
    return bool(text.strip()) and goals.add(p, field_name, text, today)


def still_holds(p: Peer, kept: list[str], dropped: list[str], today: date) -> list[str]:
    """Goals and pressures confirmed or dropped, each named by its text or the start of
    it; what was done, in words. Every name is found before anything changes."""
    found = [(goals.find(p, ref), True) for ref in kept]
    found += [(goals.find(p, ref), False) for ref in dropped]
    both = {ft for ft, k in found if k} & {ft for ft, k in found if not k}
    if both:
        raise PeermapError(f"{next(iter(both))[1]!r} cannot be both kept and dropped.")
    done = []
    for (f, text), holds in found:
        if holds:
            goals.keep(p, text, today)
        else:
            goals.drop(p, f, text, today)
        done.append(f"{'still holds' if holds else 'dropped'}: {text}")
    return done


def promise(p: Peer, text: str, due: date | None, today: date) -> None:
    contact(p, LogEntry(today, Kind.PROMISED, check_line("promise", text), due=due))


def they_asked(p: Peer, text: str, today: date) -> None:
    """What they asked of you: a loop you owe until you close it."""
    contact(p, LogEntry(today, Kind.THEY_ASKED, check_line("ask", text)))


def meet(net: Network, p: Peer, name: str, today: date) -> tuple[ToMeet, bool]:
    """Someone they suggested you meet, onto the to-meet list with them as the introducer
    (docs/groups.md); True when new."""
    from peermap.core.groups import add_to_meet

    return add_to_meet(net, name, p.name, None, today)


def feedback(p: Peer, said: str, will_do: str, today: date) -> str:
    """Feedback they gave: it answers your oldest open feedback request, or is kept as
    help received. Returns where it went."""
    said, will_do = check_line("feedback", said), check_line("plan", will_do)
    text = said + (f" (you will: {will_do})" if will_do else "")
    asked = [e for e in open_entries(p) if e.kind == Kind.FEEDBACK_ASKED]
    if asked:
        close_entry(asked[0], today, text)
        return f"closed your feedback request of {asked[0].date.isoformat()}"
    contact(p, LogEntry(today, Kind.THEY_HELPED, "Feedback: " + text))
    return "kept as help they gave"


def add_private(p: Peer, text: str) -> None:
    """What was said in confidence: a line of the peer's notes marked private."""
    from peermap.core.text import check_text

    line = mark_private(check_text("private note", text, multiline=True))
    if line:
        p.notes = (p.notes.rstrip("\n") + "\n" + line) if p.notes.strip() else line


def set_at_risk(p: Peer, text: str) -> None:
    p.at_risk = "" if text.strip() in ("", "-") else check_line("at-risk note", text)


def set_tie(p: Peer, tie: Tie, why: WhyNone | None, today: date) -> bool:
    from peermap.core.peers import set_tie as rate

    if tie == p.tie and (why == p.why_none or tie != Tie.NONEXISTENT):
        return False
    rate(p, tie, why if tie == Tie.NONEXISTENT else None, today)
    return True


def apply(net: Network, ref: str, a: Answers, today: date) -> tuple[Peer, list[str]]:
    """Every part of a debrief given as options, in one change; what was saved, in words.

    `close` numbers are those of this peer's open loops as they stand now (oldest first)."""
    from peermap.core.peers import replan
    from peermap.core.refs import resolve
    from peermap.core.reminders import next_review

    p = resolve(net, ref)
    done: list[str] = []
    loops = open_entries(p)  # numbered before anything below opens new ones
    for n in a.close:
        if not 1 <= n <= len(loops):
            raise PeermapError(f"{p.name} has {count(len(loops), 'open loop')}; --close takes "
                               f"a number from 1 to {len(loops)}." if loops else
                               f"{p.name} has no open loops to close.")
    if a.met:
        log_met(p, a.note, today)
        done.append("logged met")
    for e in [loops[n - 1] for n in sorted(set(a.close))]:
        close_entry(e, today)
        done.append(f"closed the {e.kind.value} of {e.date.isoformat()}")
    done += still_holds(p, a.kept, a.dropped, today)
    done += [f"goal: {g}" for g in a.goals if add_item(p, "goals", g, today)]
    done += [f"pressure: {x}" for x in a.pressures if add_item(p, "pressures", x, today)]
    for text, due in a.promises:
        promise(p, text, due, today)
        done.append("promise" + (f" (due {due.isoformat()})" if due else ""))
    for text in a.they_asked:
        they_asked(p, text, today)
        done.append("what they asked of you (an open loop)")
    for name in a.meet:
        m, _ = meet(net, p, name, today)
        done.append(f"to meet: {m.name} (via {p.name})")
    if a.feedback.strip():
        done.append("feedback: " + feedback(p, a.feedback, a.will_do, today))
    if a.private.strip():
        add_private(p, a.private)
        done.append("a private note")
    if a.at_risk is not None:
        set_at_risk(p, a.at_risk)
        done.append("at risk: cleared" if not p.at_risk else "at risk")
    if a.tie is not None and set_tie(p, a.tie, a.why, today):
        done.append(f"tie: {a.tie.value}")
    if a.next.strip():
        replan(net, p.name, a.next, a.due or next_review(net, today), today)
        done.append("next step")
    return p, done
