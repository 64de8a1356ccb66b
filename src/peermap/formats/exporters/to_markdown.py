"""Markdown: a readable report of the map, the focus peers and their next steps.

Notes are left out on purpose: a report is the thing people paste into a 1:1 document
or share with a mentor, and notes about people are private (principle 13). JSON and
CSV carry them.
"""

from __future__ import annotations

import re
from datetime import date

from peermap.core.model import Network, Peer
from peermap.core.text import count, days_ago
from peermap.formats.exporters.common import TIE_ORDER, by_name, by_tie, tie_name, title

# Characters that can start markup anywhere in a line (links, emphasis, code, HTML,
# tables, entities); each is escaped with a backslash, which CommonMark allows before
# any ASCII punctuation.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!{}])")


def md(text: str) -> str:
    """Text shown literally in a Markdown paragraph or table cell, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _ago(d: date | None, today: date) -> str:
    if d is None:
        return "never"
    days = (today - d).days
    return d.isoformat() if days < 0 else f"{d.isoformat()} ({days_ago(days)})"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c if c else " " for c in cells) + " |"


def _focus_section(peers: list[Peer], today: date) -> list[str]:
    lines = ["## Focus", ""]
    if not peers:
        return [*lines, "No focus peers yet: pick three to five with `peermap map --step focus`.",
                ""]
    lines += [_row(["peer", "tie", "next step", "due", "last contact"]),
              _row(["---"] * 5)]
    for p in peers:
        step = md(p.next.step) if p.next is not None else "none planned"
        due = p.next.due.isoformat() if p.next is not None and p.next.due is not None else ""
        lines.append(_row([f"**{md(p.name)}**", tie_name(p), step, due,
                           _ago(p.last_contact(), today)]))
    return [*lines, ""]


def export(net: Network, today: date) -> str:
    groups = by_tie(net)
    counts = ", ".join(f"{len(groups[t])} {t}" for t in TIE_ORDER)
    how_many = count(len(net.peers), "peer")
    lines = [f"# {md(title(net))}", "", f"As of {today.isoformat()}: {how_many} ({counts}).",
             ""]
    me = net.me
    about = [md(x) for x in (me.team, me.location) if x.strip()]
    if me.name.strip() or about:
        lines.append(f"- **Me:** {md(me.name) or 'you'}" + (f" ({', '.join(about)})" if about
                                                          else ""))
        if me.strengths:
            lines.append(f"- **Strengths to offer:** {', '.join(md(s) for s in me.strengths)}")
        lines.append("")
    lines += _focus_section([p for p in by_name(net.peers) if p.focus], today)
    lines += ["## All peers", ""]
    if not net.peers:
        lines += ["No peers yet: start with `peermap map`.", ""]
    for tie in TIE_ORDER:
        peers = groups[tie]
        if not peers:
            continue
        lines += [f"### {tie.capitalize()} ({len(peers)})", "",
                  _row(["name", "team", "role", "location", "affects", "matters", "tags",
                        "last contact"]),
                  _row(["---"] * 8)]
        for p in peers:
            name = md(p.name) + (" ★" if p.focus else "")
            if p.why_none is not None:
                name += f" ({p.why_none.value})"
            lines.append(_row([
                name, md(p.team), md(p.role), md(p.location),
                ", ".join(a.value for a in p.affects), ", ".join(m.value for m in p.matters),
                ", ".join(md(t) for t in p.tags), _ago(p.last_contact(), today),
            ]))
        lines.append("")
    if any(p.focus for p in net.peers):
        lines += ["★ = focus peer", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
