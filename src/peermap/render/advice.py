"""Terminal rendering for the principles, open loops and the brief before a 1:1.

Rich is reached only through peermap.render.console; user text goes through `safe()`.
"""

from __future__ import annotations

from typing import Any

from peermap.core.loops import Loop
from peermap.core.principles import PRINCIPLES
from peermap.core.text import count, neutral, shell_quote
from peermap.render.console import Screen, bullets, safe, tie_text
from peermap.render.layout import Block, Para, Span, width
from peermap.render.screens import name


def principles(c: Screen) -> None:
    for p in PRINCIPLES:
        c.print(f"[bold]{p.number:>2}. {p.name}[/] [dim]({p.key})[/]")
        bullets(c, [p.text], marker=" ", indent=3)


def loops(c: Screen, found: list[Loop]) -> None:
    if not found:
        c.print("No open loops: every ask and promise is closed.")
        return
    widest = max(width(neutral(lp.peer)) for lp in found)
    blocks: list[Block] = []
    for lp in found:
        pad = " " * (widest - width(neutral(lp.peer)))
        head = f"{pad}  {lp.number}  {lp.date.isoformat()}  "
        blocks.append(Para([name(lp.peer), Span(head), Span(lp.what, "cyan"),
                            Span(f": {neutral(lp.note)}" if lp.note else ""),
                            Span(f" ({count(lp.days, 'day')})", "dim")],
                           hang=widest + width(head)))
    blocks.append(Para([Span("Close one with: peermap close NAME [N]", "dim")]))
    c.blocks(blocks)


def _tie_line(t: dict[str, Any]) -> str:
    from peermap.core.model import Tie

    tie = Tie(t["tie"]) if t["tie"] != "unrated" else None
    out = tie_text(tie)
    if t["since"]:
        out += f" since {t['since']}"
    if t["was"]:
        arrow = "↑" if t["direction"] == "up" else "↓"
        out += f" [dim]({arrow} from {t['was']})[/]"
    return out


def brief(c: Screen, b: dict[str, Any]) -> None:
    """The brief before a 1:1 (docs/advice.md), in its sections."""
    for section in (_brief_who, _brief_recent, _brief_plan, _brief_lists):
        section(c, b)
    c.print(f"\n[dim]Afterwards: peermap debrief {safe(shell_quote(b['peer']))}[/]")


def _brief_who(c: Screen, b: dict[str, Any]) -> None:
    why = f" [dim]({b['why_none']})[/]" if b["why_none"] else ""
    c.print(f"[bold]Before your 1:1 with {safe(b['peer'])}[/]  {_tie_line(b['tie'])}{why}")
    where = " · ".join(safe(x) for x in (b["role"], b["team"], b["location"]) if x)
    if where:
        c.print(f"  {where}")
    rows = [("goals", "; ".join(safe(g) for g in b["goals"])),
            ("pressures", "; ".join(safe(x) for x in b["pressures"])),
            ("at risk", safe(b["at_risk"])),
            ("notes", safe(b["notes"], multiline=True))]
    for label, value in rows:
        if value:
            c.print(f"  [dim]{label:<10}[/]{value}")
    if not b["goals"] and not b["pressures"]:
        c.print("  [dim]goals and pressures not noted yet: ask, then `peermap debrief`[/]")


def _brief_recent(c: Screen, b: dict[str, Any]) -> None:
    c.print("\n[bold]Recent[/]")
    if b["recent"]:
        for e in b["recent"]:
            c.print(f"  {e['date']}  [cyan]{e['kind']:<14}[/] {safe(e['note'])}")
    else:
        c.print("  [dim]nothing logged yet[/]")
    if b["open_loops"]:
        c.print("\n[bold]Open loops[/]")
        for lp in b["open_loops"]:
            note = f": {safe(lp['note'])}" if lp["note"] else ""
            c.print(f"  {lp['n']}. {lp['date']}  [cyan]{lp['kind']}[/]{note}")


def _brief_plan(c: Screen, b: dict[str, Any]) -> None:
    c.print(f"\n[bold]Give and get[/]  {safe(b['balance']['words'])}")
    s = b["strength"]
    if s:
        verb = "offer" if s["how"] == "offer" else "compare notes on"
        c.print(f"[bold]Your strength[/]  {verb} {safe(s['strength'])} "
                f"[dim](fits \"{safe(s['fits'])}\")[/]")
    if b["next_step"]:
        nxt = b["next_step"]
        due = f" [dim](due {nxt['due']})[/]" if nxt["due"] else ""
        if nxt["days_late"]:
            due = f" [yellow](due {nxt['due']}, {count(nxt['days_late'], 'day')} ago)[/]"
        c.print(f"[bold]Planned step[/]  {safe(b['next_step']['step'])}{due}")


def _brief_lists(c: Screen, b: dict[str, Any]) -> None:
    for key, title in (("bring", "Bring"), ("your_asks", "Your asks")):
        if b.get(key):
            c.print(f"\n[bold]{title}[/]")
            bullets(c, [safe(x) for x in b[key]])
    c.print("\n[bold]Ask[/]")
    bullets(c, [safe(q) for q in b["questions"]])
    c.print(f"[bold]Don't[/]  {safe(b['dont'])}")
