"""Each everyday screen built once, as blocks: `list`, `show`, the dashboard, `focus`,
`suggest`, `stats` and the review's look-back.

These functions return data (render.layout blocks); render.plain prints them into a pipe
and render.views at a terminal, so the two print the same lines (docs/output.md). No Rich
here, and user text is only neutralised (control characters made visible): nothing in it
is read as markup or emoji codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from peermap.core.model import Network, Peer, neutral
from peermap.core.text import ago, command, count
from peermap.render.layout import Block, Column, Para, Span, Table, spans

TIE_STYLE = {"strong": "green", "weak": "yellow", "nonexistent": "red", None: "dim"}


def user(text: object, style: str = "", *, multiline: bool = False) -> Span:
    return Span(neutral(text, multiline=multiline), style)


def mentioning(text: str, who: str, style: str = "") -> list[Span]:
    """Text made by peermap about a peer: the peer's name in it never breaks across
    lines (nor, so, a command quoting it)."""
    text, who = neutral(text), neutral(who)
    if not who or who not in text or " " not in who:
        return [Span(text, style)]
    out: list[Span] = []
    for i, part in enumerate(text.split(who)):
        if i:
            out.append(Span(who, style, keep=True))
        out.append(Span(part, style))
    return out


def name(text: object, style: str = "") -> Span:
    """A name: shown literally and never broken across lines."""
    return Span(neutral(text), style, keep=True)


def cmd(*words: str) -> Span:
    """A command to type, in bold and never broken across lines."""
    return Span(neutral(command(*words)), "bold", keep=True)


def tie(t: Any) -> Span:
    value = t.value if t is not None else None
    return Span(value or "unrated", TIE_STYLE[value])


def bullets(items: list[list[Span]], marker: str = "•", indent: int = 2) -> list[Block]:
    """Items under a right-aligned marker; wrapped lines stay under the item's text."""
    first = indent + len(marker) - 1
    return [Para([Span(" " * (first - len(marker)) + marker + " "), *item], hang=first + 1)
            for item in items]


def _text(parts: list[Span]) -> str:
    return "".join(s.text for s in parts)


def blank() -> Para:
    return Para([])


# --- the peer table -------------------------------------------------------------------

_COLUMNS = (Column("name", keep=True), Column("tie", wrap=False), Column("team"),
            Column("location"), Column("matters"), Column("last contact", wrap=False),
            Column("next step"))
# When the width runs out, columns are dropped from the end of this list first.
_PRIORITY = ("name", "tie", "next step", "last contact", "team", "location", "matters")


def _cells(p: Peer, today: date) -> dict[str, list[Span]]:
    due = f"(due {p.next.due.isoformat()})" if p.next and p.next.due else ""
    nxt = spans(user(p.next.step) if p.next else "", " " if p.next and due else "",
                Span(due, "dim"))
    return {
        "name": [Span("★ " if p.focus else ""), name(p.name)], "tie": [tie(p.tie)],
        "team": spans(user(p.team or "")), "location": spans(user(p.location or "")),
        "matters": spans(", ".join(m.value for m in p.matters)),
        "last contact": spans(ago(p.last_contact(), today)), "next step": nxt,
    }


def peer_table(peers: list[Peer], today: date) -> list[Block]:
    rows = [_cells(p, today) for p in peers]
    stacked: list[Block] = []
    for r in rows:  # a narrow terminal: each peer on a few lines, details under the name
        stacked.append(Para([*(Span(s.text, "bold", s.keep) for s in r["name"]), Span("  "),
                             *r["tie"]], hang=2))
        where: list[Span] = []
        for c in ("team", "location"):
            if _text(r[c]):
                where += [Span(" · ")] * bool(where) + r[c]
        details = [where, [Span("last contact "), *r["last contact"]],
                   [Span("matters: "), *r["matters"]] if _text(r["matters"]) else [],
                   [Span("next: "), *r["next step"]] if _text(r["next step"]) else []]
        stacked += [Para([Span("  "), *d], hang=4) for d in details if d]
    out: list[Block] = [Table(list(_COLUMNS), [[r[c.name] for c in _COLUMNS] for r in rows],
                              priority=_PRIORITY, stacked=stacked)]
    if not peers:
        out.append(Para([Span("No peers match.", "dim")]))
    return out


# --- one peer -------------------------------------------------------------------------


def detail_rows(p: Peer, today: date) -> list[tuple[str, list[Span]]]:
    """The labelled facts `show` prints about a peer, in the field table's order (empty
    ones left out; docs/fields.md), then the last contact and the notes."""
    from peermap.core.model import PEER_FIELDS, field_text

    rows = [(f.label, [user(field_text(f, getattr(p, f.key)))]) for f in PEER_FIELDS
            if f.label]
    rows += [("last contact", spans(ago(p.last_contact(), today) if p.log else "")),
             ("notes", [user(p.notes or "", multiline=True)])]
    return [(label, value) for label, value in rows if _text(value)]


def fields(rows: list[tuple[str, list[Span]]], label_width: int = 14) -> list[Block]:
    """Label and value; a long value wraps under itself, not under the label."""
    return [Para([Span(f"  {label:<{label_width - 1}}", "dim"), Span(" "), *value],
                 hang=label_width + 2) for label, value in rows]


def peer_detail(p: Peer, today: date, suggestions: list[Any]) -> list[Block]:
    out: list[Block] = [Para([Span("★ " if p.focus else "", "bold"), name(p.name, "bold"),
                              Span("  "), tie(p.tie),
                              Span(f" ({p.why_none.value})" if p.why_none else "", "dim")])]
    out += fields(detail_rows(p, today))
    if p.next:
        due = f" (due {p.next.due.isoformat()})" if p.next.due else ""
        out += [blank(), Para([Span("Next step", "bold"), Span("  "), user(p.next.step),
                               Span(due, "dim")], hang=11)]
    if p.replaced:
        out += [blank(), Para([Span("Replaced steps", "bold"),
                               Span(" (planned, then replaced by a new plan)", "dim")])]
        out += [Para([Span(f"  {r.date.isoformat()}  "), user(r.step),
                      Span(f" (was due {r.due.isoformat()})" if r.due else "", "dim")],
                     hang=14) for r in p.replaced]
    if p.goal_checks:
        out += [blank(), Para([Span("Goals and pressures", "bold"),
                               Span(" (learned, still holding, dropped)", "dim")])]
        out += [Para([Span(f"  {c.date.isoformat()}  "), Span(f"{c.held.value:<8}", "cyan"),
                      Span(" "), user(c.text)], hang=24) for c in p.goal_checks]
    if p.ties:
        out += [blank(), Para([Span("Tie history", "bold")])]
        out += [Para([Span(f"  {t.date.isoformat()}  "), tie(t.tie)]) for t in p.ties]
    if p.log:
        out += [blank(), Para([Span("Log", "bold")])]
        for e in p.log:
            mark = (Span(" (open loop)", "yellow") if e.is_open else
                    Span(f" (closed {e.closed.isoformat()})", "dim") if e.closed is not None
                    else Span(""))
            out.append(Para([Span(f"  {e.date.isoformat()}  "),
                             Span(f"{e.kind.value:<14}", "cyan"), Span(" "),
                             user(e.note, multiline=True), mark], hang=29))
    if suggestions:
        out += [blank(), Para([Span("Suggestions", "bold")])]
        out += bullets([[*mentioning(s.text, p.name), Span(f" ({s.name})", "dim")]
                        for s in suggestions])
    return out


# --- the dashboard --------------------------------------------------------------------


def dashboard(net: Network, today: date, due: list[Any], last_review: date | None,
              path: Path | str) -> list[Block]:
    from peermap.core.reminders import as_text

    who = name(net.me.name) if net.me.name else Span("you")
    out: list[Block] = [Para([Span("peermap", "bold"),
                              Span(f" · {count(len(net.peers), 'peer')} · "), who,
                              Span(" · "), Span(neutral(path), "dim", keep=True)])]
    focus = net.focus_peers()
    if focus:
        out += [blank(), Para([Span("Focus", "bold")])]
        for p in focus:  # the step on its own line, wrapped under its first word
            nxt = ([Span("   → "), user(p.next.step)] if p.next else
                   [Span("   "), Span("(no next step yet: ", "dim"),
                    cmd("plan", p.name, "STEP"), Span(")", "dim")])
            out += [Para([Span(" ★ "), name(p.name), Span("  "), tie(p.tie),
                          Span(f"  last contact {ago(p.last_contact(), today)}", "dim")],
                         hang=3),
                    Para(nxt, hang=5)]
    elif net.peers:
        out += [blank(), Para(spans("No focus peers yet: pick three to five with ",
                                    Span("peermap focus", "bold", True), " or ",
                                    Span("peermap map --step focus", "bold", True), "."))]
    else:
        out += [blank(), Para(spans("Your map is empty: start with ",
                                    Span("peermap map", "bold", True), "."))]
    if due:
        out += [blank(), Para([Span("Due", "bold")])]
        out += bullets([[Span(as_text(item))] for item in due])
    review = ago(last_review, today) if last_review else "never"
    out += [blank(), Para([Span(f"Last review: {review}. Weekly ritual: peermap review.",
                                "dim")])]
    if net.conflicts:  # left by the merge driver (docs/sync.md)
        from peermap.core.threeway import waiting

        out += [blank(), Para([Span(waiting(len(net.conflicts)), "bold")])]
    return out


# --- focus and advice -----------------------------------------------------------------


def _no_candidates_hint(net: Network) -> list[Span]:
    """What to do when nobody is a candidate, as a command for a peer where there is one."""
    unrated = next((p for p in net.peers if p.tie is None), None)
    if unrated is not None:
        return [Span("  none: rate ties and say what they matter for, e.g. ", "dim"),
                cmd("rate", unrated.name, "weak")]
    bare = next((p for p in net.peers if not p.matters and p.tie is not None
                 and p.tie.value != "strong"), None)
    if bare is not None:
        return [Span("  none: say what each weak tie matters for, e.g. ", "dim"),
                cmd("edit", bare.name, "--matters", "delivery")]
    return [Span("  none: add the peers whose work affects yours, e.g. ", "dim"),
            cmd("add", "NAME")]


def focus_view(net: Network, candidates: list[Any], today: date,
               left_out: Sequence[tuple[Peer, str]] = ()) -> list[Block]:
    focus = net.focus_peers()
    s = net.settings
    out: list[Block] = [Para([Span("Focus", "bold"),
                              Span(f" ({len(focus)} of {s.focus_min}–{s.focus_max})", "dim")])]
    for p in focus:
        graduated = p.tie is not None and p.tie.value == "strong"
        since = f"since {p.focus_since.isoformat()}" if p.focus_since else ""
        out.append(Para([Span("  ★ "), name(p.name), Span("  "), tie(p.tie),
                         Span(" "), Span(since, "dim"),
                         Span(" (graduated: strong)" if graduated else "", "green")], hang=4))
    if not focus:
        out.append(Para([Span("  none yet", "dim")]))
    out += [blank(), Para([Span("Candidates", "bold"),
                           Span(" (weak or nonexistent ties that matter; best first)", "dim")])]
    for i, c in enumerate(candidates, 1):
        out.append(Para([Span(f"{i}.".rjust(4) + " "), name(c.peer.name), Span("  "),
                         tie(c.peer.tie), Span(" "), Span(f"score {c.score}", "dim"),
                         Span("\n"), *mentioning(c.why, c.peer.name, "dim")], hang=5))
    if not candidates:
        out.append(Para(_no_candidates_hint(net), hang=4))
    elif len(focus) < s.focus_min:
        out += [blank(), Para(spans("Pick with ", Span("peermap focus set NAME NAME NAME",
                                                        "bold", True),
                                    " or ", Span("peermap focus add NAME", "bold", True), "."))]
    if left_out:
        out += [blank(), Para([Span("Left out", "bold"),
                               Span(" (weak or nonexistent, but not candidates)", "dim")])]
        out += [Para([Span("  "), name(p.name), Span("  "), *mentioning(why, p.name, "dim")],
                     hang=4) for p, why in left_out]
    return out


def suggestions_view(result: list[tuple[Peer, list[Any]]]) -> list[Block]:
    out: list[Block] = []
    if not result:
        out.append(Para(spans("No focus peers yet: pick three to five with ",
                              Span("peermap focus", "bold", True),
                              ", or ask about one peer: ",
                              Span("peermap suggest NAME", "bold", True), ".")))
    for i, (p, tips) in enumerate(result):
        if i:
            out.append(blank())
        nxt = [Span(" · next: ", "dim"), user(p.next.step, "dim")] if p.next else []
        out.append(Para([name(p.name, "bold"), Span("  "), tie(p.tie), *nxt], hang=2))
        out += bullets([[Span("Now: ", "bold") if getattr(s, "now", False) else Span(""),
                         *mentioning(s.text, p.name), Span(f" ({s.name})", "dim")]
                        for s in tips])
    return out


# --- text made elsewhere (stats) ------------------------------------------------------


def text_lines(text: str) -> list[Block]:
    """Plain text, each long line wrapped under its own indent plus two."""
    out: list[Block] = []
    for line in text.rstrip("\n").split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        out.append(Para([Span(neutral(line))], hang=indent + 2))
    return out
