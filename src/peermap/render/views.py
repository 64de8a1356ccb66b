"""What the everyday commands show in a terminal: the dashboard, peers, focus, advice.

Every function takes the run's Screen; user text goes through safe() before Rich sees
it. Tables fit the width they are given: below it, columns are dropped (least useful
first) or a peer is stacked on several lines; a word is never split.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table

from peermap.core.model import Network, Peer
from peermap.core.text import ago, command
from peermap.render.console import Screen, bullets, safe, tie_text
from peermap.render.plain import detail_rows

# --- the peer table -------------------------------------------------------------------

_COLUMNS = ("name", "tie", "team", "location", "matters", "last contact", "next step")
# Columns are dropped from the end of this list first when the width runs out.
_PRIORITY = ("name", "tie", "next step", "last contact", "team", "location", "matters")
_NO_WRAP = ("tie", "last contact")
_GAP = 2  # Rich's cell padding between columns without a box


def _cells(p: Peer, today: date) -> dict[str, tuple[str, str]]:
    """Column -> (markup, plain text) for one peer."""
    tie = p.tie.value if p.tie else "unrated"
    nxt = p.next.step if p.next else ""
    due = f"(due {p.next.due.isoformat()})" if p.next and p.next.due else ""
    plain = {
        "name": ("★ " if p.focus else "") + p.name, "tie": tie, "team": p.team or "",
        "location": p.location or "", "matters": ", ".join(m.value for m in p.matters),
        "last contact": ago(p.last_contact(), today),
        "next step": " ".join(x for x in (nxt, due) if x),
    }
    markup = {k: safe(v) for k, v in plain.items()}
    markup["name"] = ("★ " if p.focus else "") + safe(p.name)
    markup["tie"] = tie_text(p.tie)
    markup["next step"] = " ".join(x for x in (safe(nxt), f"[dim]{due}[/]" if due else "") if x)
    return {k: (markup[k], plain[k]) for k in _COLUMNS}


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def column_widths(rows: Sequence[dict[str, tuple[str, str]]], width: int) -> dict[str, int]:
    """The columns that fit in `width` and their widths, or {} when even three do not.

    A column never gets narrower than its longest word; wrapping columns give way,
    widest first, before any column is dropped.
    """
    natural = {c: max([cell_len(c)] + [cell_len(r[c][1]) for r in rows]) for c in _COLUMNS}
    least = {c: natural[c] if c in _NO_WRAP else
             max([_longest_word(c)] + [_longest_word(r[c][1]) for r in rows]) for c in _COLUMNS}
    for keep in range(len(_PRIORITY), 2, -1):
        chosen = [c for c in _COLUMNS if c in _PRIORITY[:keep]]
        room = width - _GAP * (len(chosen) - 1)
        if sum(least[c] for c in chosen) > room:
            continue
        widths = {c: natural[c] for c in chosen}
        while sum(widths.values()) > room:
            c = max((c for c in chosen if widths[c] > least[c]), key=lambda c: widths[c])
            widths[c] -= 1
        return widths
    return {}


def peer_table(screen: Screen, peers: list[Peer], today: date) -> None:
    rows = [_cells(p, today) for p in peers]
    widths = column_widths(rows, screen.width)
    if not widths:
        _stacked(screen, rows)
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for col, w in widths.items():
        table.add_column(col, width=w, no_wrap=col in _NO_WRAP, overflow="fold")
    for r in rows:
        table.add_row(*(r[c][0] for c in widths))
    screen.print(table)
    if not peers:
        screen.print("[dim]No peers match.[/]")


def _stacked(screen: Screen, rows: list[dict[str, tuple[str, str]]]) -> None:
    """A narrow terminal: each peer on a few lines, details indented under the name."""
    for r in rows:
        screen.print(f"[bold]{r['name'][0]}[/]  {r['tie'][0]}")
        where = " · ".join(r[c][0] for c in ("team", "location") if r[c][1])
        details = [where, f"last contact {r['last contact'][0]}",
                   r["matters"][0] and f"matters: {r['matters'][0]}",
                   r["next step"][0] and f"next: {r['next step'][0]}"]
        for line in details:
            if line:
                screen.print(Padding(line, (0, 0, 0, 2)))


# --- one peer -------------------------------------------------------------------------


def peer_detail(screen: Screen, p: Peer, today: date, suggestions: list[Any]) -> None:
    title = ("★ " if p.focus else "") + safe(p.name)
    screen.print(f"[bold]{title}[/]  {tie_text(p.tie)}"
                 + (f" [dim]({p.why_none.value})[/]" if p.why_none else ""))
    rows = detail_rows(p, today, safe)
    if p.notes:
        rows.append(("notes", safe(p.notes, multiline=True)))
    _fields(screen, [(label, value) for label, value in rows if value])
    if p.next:
        due = f" [dim](due {p.next.due.isoformat()})[/]" if p.next.due else ""
        screen.print()
        _hanging(screen, "[bold]Next step[/]  ", 11, f"{safe(p.next.step)}{due}")
    if p.replaced:
        screen.print("\n[bold]Replaced steps[/] [dim](planned, then replaced by a new plan)[/]")
        for r in p.replaced:
            due = f" [dim](was due {r.due.isoformat()})[/]" if r.due else ""
            screen.print(f"  {r.date.isoformat()}  {safe(r.step)}{due}")
    if p.ties:
        screen.print("\n[bold]Tie history[/]")
        for t in p.ties:
            screen.print(f"  {t.date.isoformat()}  {tie_text(t.tie)}")
    if p.log:
        screen.print("\n[bold]Log[/]")
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, style="cyan", min_width=14)
        grid.add_column(overflow="fold")
        for e in p.log:
            mark = " [yellow](open loop)[/]" if e.is_open else (
                f" [dim](closed {e.closed.isoformat()})[/]" if e.closed is not None else "")
            grid.add_row(f"  {e.date.isoformat()} ", e.kind.value,
                         safe(e.note, multiline=True) + mark)
        screen.print(grid)
    if suggestions:
        screen.print("\n[bold]Suggestions[/]")
        bullets(screen, [f"{safe(s.text)} [dim]({s.name})[/]"
                         for s in suggestions])


def _hanging(screen: Screen, label: str, width: int, text: str) -> None:
    """`label` then `text`, whose later lines stay under its first (never at column 0)."""
    grid = Table.grid(pad_edge=False)
    grid.add_column(no_wrap=True, width=width)
    grid.add_column(overflow="fold")
    grid.add_row(label, text)
    screen.print(grid)


def _fields(screen: Screen, rows: list[tuple[str, str]]) -> None:
    """Label and value; a long value wraps under itself, not under the label."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True, style="dim", width=14, justify="left")
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(f"  {label}", value)
    screen.print(grid)


def profile(screen: Screen, rows: list[tuple[str, str]]) -> None:
    """`peermap me`: your own details, "(not set)" where empty."""
    _fields(screen, [(label, safe(value) if value else "[dim](not set)[/]")
                     for label, value in rows])


# --- the dashboard --------------------------------------------------------------------


def dashboard(screen: Screen, net: Network, today: date, due: list[Any],
              last_review: date | None, path: Path) -> None:
    who = safe(net.me.name) if net.me.name else "you"
    screen.print(f"[bold]peermap[/] · {len(net.peers)} peers · {who} · [dim]{safe(path)}[/]")
    focus = net.focus_peers()
    if focus:
        screen.print("\n[bold]Focus[/]")
        rows = []
        for p in focus:
            nxt = (f"\n→ {safe(p.next.step)}" if p.next else
                   f"\n[dim](no next step yet: {safe(command('plan', p.name, 'STEP'))})[/]")
            rows.append(f"{safe(p.name)}  {tie_text(p.tie)}  "
                        f"[dim]last contact {ago(p.last_contact(), today)}[/]{nxt}")
        bullets(screen, rows, marker="★")
    elif net.peers:
        screen.print("\nNo focus peers yet: pick three to five with [bold]peermap focus[/] "
                     "or [bold]peermap map --step focus[/].")
    else:
        screen.print("\nYour map is empty: start with [bold]peermap map[/].")
    if due:
        screen.print("\n[bold]Due[/]")
        from peermap.core.reminders import as_text

        bullets(screen, [safe(as_text(item)) for item in due])
    review = ago(last_review, today) if last_review else "never"
    screen.print(f"\n[dim]Last review: {review}. Weekly ritual: peermap review.[/]")


FIRST_RUN = """[bold]peermap[/] helps you map and strengthen the peer relationships your work \
depends on: list the peers whose work affects yours, rate each tie strong, weak or \
nonexistent, pick three to five to build up, and get concrete next steps.

There is no data file yet ({path}).
Start the fifteen-minute walkthrough with:  [bold]peermap map[/]
or add peers one at a time:                 [bold]peermap add 'Grace Example'[/]
Everything stays in that one local file; nothing leaves your machine."""


def first_run(screen: Screen, path: Path) -> None:
    screen.print(FIRST_RUN.format(path=safe(path)))


# --- focus and advice -----------------------------------------------------------------


def focus_view(screen: Screen, net: Network, candidates: list[Any], today: date,
               left_out: Sequence[tuple[Peer, str]] = ()) -> None:
    focus = net.focus_peers()
    s = net.settings
    screen.print(f"[bold]Focus[/] [dim]({len(focus)} of {s.focus_min}–{s.focus_max})[/]")
    for p in focus:
        graduated = " [green](graduated: strong)[/]" if p.tie is not None and \
            p.tie.value == "strong" else ""
        since = f"since {p.focus_since.isoformat()}" if p.focus_since else ""
        screen.print(f"  ★ {safe(p.name)}  {tie_text(p.tie)} [dim]{since}[/]{graduated}")
    if not focus:
        screen.print("  [dim]none yet[/]")
    screen.print("\n[bold]Candidates[/] [dim](weak or nonexistent ties that matter; "
                 "best first)[/]")
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i, cand in enumerate(candidates, 1):
        grid.add_row(f"{i}.", f"{safe(cand.peer.name)}  {tie_text(cand.peer.tie)} "
                              f"[dim]score {cand.score}[/]\n[dim]{safe(cand.why)}[/]")
    screen.print(grid)
    if not candidates:
        screen.print("  [dim]none: rate ties and say what they matter for "
                     "(peermap rate, peermap edit --matters)[/]")
    elif len(focus) < s.focus_min:
        screen.print("\nPick with [bold]peermap focus set NAME NAME NAME[/] or "
                     "[bold]peermap focus add NAME[/].")
    if left_out:
        screen.print("\n[bold]Left out[/] [dim](weak or nonexistent, but not candidates)[/]")
        for p, why in left_out:
            screen.print(f"  {safe(p.name)}  [dim]{safe(why)}[/]")


def suggestions_view(screen: Screen, result: list[tuple[Peer, list[Any]]]) -> None:
    if not result:
        screen.print("No focus peers yet: pick three to five with [bold]peermap focus[/], "
                     "or ask about one peer: [bold]peermap suggest NAME[/].")
    for i, (p, tips) in enumerate(result):
        if i:
            screen.print()
        nxt = f" [dim]· next: {safe(p.next.step)}[/]" if p.next else ""
        screen.print(f"[bold]{safe(p.name)}[/]  {tie_text(p.tie)}{nxt}")
        bullets(screen, [f"{'[bold]Now:[/] ' if getattr(s, 'now', False) else ''}"
                         f"{safe(s.text)} [dim]({s.name})[/]" for s in tips])
