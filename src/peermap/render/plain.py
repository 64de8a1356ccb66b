"""The daily views as plain text for a pipe or a file: no Rich, no colour, no wrapping.

When stdout is not a terminal nobody sees colour or a width, so `list`, `show`, `focus`,
`suggest` and the dashboard print the same lines as `render.console` without loading
Rich (its import and its table layout were most of peermap's own start-up; docs/performance.md).
Lines are never wrapped and carry no trailing spaces; table columns are aligned by
their display width. A test keeps each view equal to the Rich one, styles aside.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from peermap.core.model import Network, Peer, neutral
from peermap.core.text import ago, command


def wanted(width: int | None) -> bool:
    """Plain output: stdout is not a terminal and no width was asked for (the run's
    $PEERMAP_WIDTH pins Rich's layout, for tests and for people who want the terminal
    look in a file)."""
    return width is None and not _isatty()


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except ValueError:  # a closed stdout
        return False


def width(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide characters two, combining marks none."""
    if not text or max(text) < "\u0300":  # Latin without combining marks: one cell each
        return len(text)
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def _write(lines: Sequence[str]) -> None:
    text = "".join(line.rstrip() + "\n" for line in lines)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `peermap list | head -1`: the reader has what it wanted; that is success.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None


def _safe(text: object, *, multiline: bool = False) -> str:
    return neutral(text, multiline=multiline)


def _tie(tie: Any) -> str:
    return tie.value if tie is not None else "unrated"


def _grid(rows: list[tuple[str, str]], first: int, gap: int = 1) -> list[str]:
    """Two columns: the first right-aligned in `first` cells, the second's extra lines
    indented under it (Rich's `Table.grid` with a hanging indent)."""
    out = []
    for mark, text in rows:
        lines = text.split("\n")
        out.append(" " * (first - width(mark)) + mark + " " * gap + lines[0])
        out.extend(" " * (first + gap) + line for line in lines[1:])
    return out


def _hang(head: str, text: str) -> list[str]:
    """`head` then text whose later lines start under its first one."""
    lines = text.split("\n")
    return [head + lines[0]] + [" " * width(head) + line for line in lines[1:]]


def _bullets(items: list[str], marker: str = "•", indent: int = 2) -> list[str]:
    return _grid([(marker, item) for item in items], indent + len(marker) - 1)


def peer_table(peers: list[Peer], today: date) -> None:
    head = ("name", "tie", "team", "location", "matters", "last contact", "next step")
    rows = [head]
    for p in peers:
        nxt = _safe(p.next.step) if p.next else ""
        if p.next and p.next.due:
            nxt += f" (due {p.next.due.isoformat()})"
        rows.append((("★ " if p.focus else "") + _safe(p.name), _tie(p.tie), _safe(p.team),
                     _safe(p.location), ", ".join(m.value for m in p.matters),
                     ago(p.last_contact(), today), nxt))
    widths = [max(width(r[i]) for r in rows) for i in range(len(head))]
    _write(["  ".join(cell + " " * (w - width(cell)) for cell, w in zip(r, widths, strict=True))
            for r in rows] + ([] if peers else ["No peers match."]))


def detail_rows(p: Peer, today: date, safe: Callable[[str], str]) -> list[tuple[str, str]]:
    """The labelled facts `show` prints about a peer (notes aside), in order; both the
    terminal and the plain view lay them out. `safe` escapes user text for the view."""
    return [
        ("team", safe(p.team)), ("role", safe(p.role)), ("location", safe(p.location)),
        ("affects", ", ".join(a.value for a in p.affects)),
        ("matters", ", ".join(m.value for m in p.matters)),
        ("tags", ", ".join(safe(t) for t in p.tags)),
        ("focus since", p.focus_since.isoformat() if p.focus_since else ""),
        ("cadence", f"every {p.cadence_days} days" if p.cadence_days else ""),
        ("added", p.added.isoformat() if p.added else ""),
        ("last contact", ago(p.last_contact(), today) if p.log else ""),
        ("goals", "; ".join(safe(x) for x in p.goals)),
        ("pressures", "; ".join(safe(x) for x in p.pressures)),
        ("at risk", safe(p.at_risk)),
    ]


def peer_detail(p: Peer, today: date, suggestions: list[Any]) -> None:
    out = [("★ " if p.focus else "") + _safe(p.name) + "  " + _tie(p.tie)
           + (f" ({p.why_none.value})" if p.why_none else "")]
    rows = detail_rows(p, today, _safe)
    out += [f"  {label:<13}{value}" for label, value in rows if value]
    if p.notes:  # later lines of a note stay under its first line
        out += _hang(f"  {'notes':<13}", _safe(p.notes, multiline=True))
    if p.next:
        due = f" (due {p.next.due.isoformat()})" if p.next.due else ""
        out += ["", f"Next step  {_safe(p.next.step)}{due}"]
    if p.replaced:
        out += ["", "Replaced steps (planned, then replaced by a new plan)"]
        out += [f"  {r.date.isoformat()}  {_safe(r.step)}"
                + (f" (was due {r.due.isoformat()})" if r.due else "") for r in p.replaced]
    if p.ties:
        out += ["", "Tie history"] + [f"  {t.date.isoformat()}  {_tie(t.tie)}" for t in p.ties]
    if p.log:
        out += ["", "Log"]
        for e in p.log:
            mark = " (open loop)" if e.is_open else (
                f" (closed {e.closed.isoformat()})" if e.closed is not None else "")
            out += _hang(f"  {e.date.isoformat()}  {e.kind.value:<14} ",
                         _safe(e.note, multiline=True) + mark)
    if suggestions:
        out += ["", "Suggestions"]
        out += _bullets([f"{_safe(s.text)} ({s.name})" for s in suggestions])
    _write(out)


def dashboard(net: Network, today: date, due: list[Any], last_review: date | None,
              path: Path) -> None:
    who = _safe(net.me.name) if net.me.name else "you"
    out = [f"peermap · {len(net.peers)} peers · {who} · {_safe(path)}"]
    focus = net.focus_peers()
    if focus:
        out += ["", "Focus"]
        rows = []
        for p in focus:
            nxt = (f"\n→ {_safe(p.next.step)}" if p.next
                   else f"\n(no next step yet: {_safe(command('plan', p.name, 'STEP'))})")
            rows.append(f"{_safe(p.name)}  {_tie(p.tie)}  "
                        f"last contact {ago(p.last_contact(), today)}{nxt}")
        out += _bullets(rows, marker="★")
    elif net.peers:
        out += ["", "No focus peers yet: pick three to five with peermap focus "
                    "or peermap map --step focus."]
    else:
        out += ["", "Your map is empty: start with peermap map."]
    if due:
        from peermap.core.reminders import as_text

        out += ["", "Due"] + _bullets([_safe(as_text(item)) for item in due])
    review = ago(last_review, today) if last_review else "never"
    out += ["", f"Last review: {review}. Weekly ritual: peermap review."]
    _write(out)


def focus_view(net: Network, candidates: list[Any], today: date) -> None:
    focus = net.focus_peers()
    s = net.settings
    out = [f"Focus ({len(focus)} of {s.focus_min}–{s.focus_max})"]
    for p in focus:
        graduated = " (graduated: strong)" if p.tie is not None and \
            p.tie.value == "strong" else ""
        since = f"since {p.focus_since.isoformat()}" if p.focus_since else ""
        out.append(f"  ★ {_safe(p.name)}  {_tie(p.tie)} {since}{graduated}")
    if not focus:
        out.append("  none yet")
    out += ["", "Candidates (weak or nonexistent ties that matter; best first)"]
    out += _grid([(f"{i}.", f"{_safe(c.peer.name)}  {_tie(c.peer.tie)} score {c.score}\n"
                            f"{_safe(c.why)}") for i, c in enumerate(candidates, 1)], 4)
    if not candidates:
        out.append("  none: rate ties and say what they matter for "
                   "(peermap rate, peermap edit --matters)")
    elif len(focus) < s.focus_min:
        out += ["", "Pick with peermap focus set NAME NAME NAME or peermap focus add NAME."]
    _write(out)


def left_out(out: list[tuple[Peer, str]]) -> None:
    """Weak or nonexistent ties that are not candidates, each with the reason."""
    if out:
        _write(["", "Left out (weak or nonexistent, but not candidates)"]
               + [f"  {_safe(p.name)}  {_safe(why)}" for p, why in out])


def suggestions_view(result: list[tuple[Peer, list[Any]]]) -> None:
    out: list[str] = []
    if not result:
        out.append("No focus peers yet: pick three to five with peermap focus, "
                   "or ask about one peer: peermap suggest NAME.")
    for i, (p, tips) in enumerate(result):
        if i:
            out.append("")
        nxt = f" · next: {_safe(p.next.step)}" if p.next else ""
        out.append(f"{_safe(p.name)}  {_tie(p.tie)}{nxt}")
        out += _bullets([f"{'Now: ' if getattr(s, 'now', False) else ''}{_safe(s.text)} "
                         f"({s.name})" for s in tips])
    _write(out)


def wrapped(text: str, width: int) -> str:
    """Text made elsewhere, each long line wrapped under its own indent plus two, never
    inside a word (`stats` in a terminal)."""
    import textwrap

    out = []
    for line in text.split("\n"):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out.append(textwrap.fill(line, width=width, subsequent_indent=indent + "  ",
                                 break_long_words=False, break_on_hyphens=False)
                   if line.strip() else line)
    return "\n".join(out)
