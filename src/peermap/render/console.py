"""Terminal rendering: the one module family (render*.py) that imports Rich.

Everything a user typed reaches Rich through `safe()`, so markup in a name is shown
literally and control characters cannot reach the terminal. JSON and CSV never come
here: they go straight to stdout.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from peermap.core.model import Network, Peer, neutral  # noqa: F401 (re-exported)


def safe(text: object, *, multiline: bool = False) -> str:
    """User text ready for Rich: neutralised, then markup escaped."""
    return escape(neutral(text, multiline=multiline))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """`peermap show x | head -1`: the reader has what it wanted; that is success."""
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


_consoles: dict[bool, Console] = {}


def console(stderr: bool = False) -> Console:
    """The shared console; NO_COLOR (honoured by Rich) and a pipe turn colour off."""
    if stderr not in _consoles:
        width = int(os.environ["PEERMAP_WIDTH"]) if os.environ.get("PEERMAP_WIDTH") else None
        _consoles[stderr] = _Console(
            stderr=stderr, highlight=False, soft_wrap=False, width=width,
            file=sys.stderr if stderr else sys.stdout,
        )
    return _consoles[stderr]


def bullets(items: list[str], marker: str = "•", indent: int = 2) -> None:
    """Items under a marker with a hanging indent, so wrapped lines stay readable."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=indent + len(marker) - 1, justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(marker, item)
    console().print(grid)


def say(markup: str) -> None:
    """Print a line of peermap's own markup (user text inside must already be safe())."""
    console().print(markup)


def note(markup: str) -> None:
    console(stderr=True).print(markup)


TIE_STYLE = {"strong": "green", "weak": "yellow", "nonexistent": "red", None: "dim"}


def tie_text(tie) -> str:
    value = tie.value if tie is not None else None
    return f"[{TIE_STYLE[value]}]{value or 'unrated'}[/]"


def ago(d: date | None, today: date) -> str:
    if d is None:
        return "never"
    days = (today - d).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} days"
    return f"{days} days ago"


def peer_table(peers: list[Peer], today: date) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for col in ("name", "tie", "team", "location", "matters", "last contact", "next step"):
        table.add_column(col, overflow="fold")
    for p in peers:
        name = ("★ " if p.focus else "") + safe(p.name)
        nxt = safe(p.next.step) if p.next else ""
        if p.next and p.next.due:
            nxt += f" [dim](due {p.next.due.isoformat()})[/]"
        table.add_row(
            name, tie_text(p.tie), safe(p.team), safe(p.location),
            ", ".join(m.value for m in p.matters), ago(p.last_contact(), today), nxt,
        )
    console().print(table)
    if not peers:
        say("[dim]No peers match.[/]")


def peer_detail(p: Peer, today: date, suggestions: list) -> None:
    c = console()
    title = ("★ " if p.focus else "") + safe(p.name)
    c.print(f"[bold]{title}[/]  {tie_text(p.tie)}"
            + (f" [dim]({p.why_none.value})[/]" if p.why_none else ""))
    rows = [
        ("team", safe(p.team)), ("role", safe(p.role)), ("location", safe(p.location)),
        ("affects", ", ".join(a.value for a in p.affects)),
        ("matters", ", ".join(m.value for m in p.matters)),
        ("tags", ", ".join(safe(t) for t in p.tags)),
        ("focus since", p.focus_since.isoformat() if p.focus_since else ""),
        ("cadence", f"every {p.cadence_days} days" if p.cadence_days else ""),
        ("added", p.added.isoformat() if p.added else ""),
        ("last contact", ago(p.last_contact(), today) if p.log else ""),
    ]
    for label, value in rows:
        if value:
            c.print(f"  [dim]{label:<13}[/]{value}")
    if p.notes:
        c.print(f"  [dim]{'notes':<13}[/]{safe(p.notes, multiline=True)}")
    if p.next:
        due = f" [dim](due {p.next.due.isoformat()})[/]" if p.next.due else ""
        c.print(f"\n[bold]Next step[/]  {safe(p.next.step)}{due}")
    if p.ties:
        c.print("\n[bold]Tie history[/]")
        for t in p.ties:
            c.print(f"  {t.date.isoformat()}  {tie_text(t.tie)}")
    if p.log:
        c.print("\n[bold]Log[/]")
        for e in p.log:
            text = f"  {e.date.isoformat()}  [cyan]{e.kind.value:<14}[/] "
            c.print(text + safe(e.note, multiline=True))
    if suggestions:
        c.print("\n[bold]Suggestions[/]")
        bullets([f"{safe(s.text)} [dim](principle {s.principle})[/]" for s in suggestions])


def dashboard(net: Network, today: date, due: list, last_review: date | None, path) -> None:
    c = console()
    who = safe(net.me.name) if net.me.name else "you"
    c.print(f"[bold]peermap[/] · {len(net.peers)} peers · {who} · [dim]{safe(path)}[/]")
    focus = net.focus_peers()
    if focus:
        c.print("\n[bold]Focus[/]")
        rows = []
        for p in focus:
            nxt = (f"\n→ {safe(p.next.step)}" if p.next
                   else "\n[dim](no next step yet: peermap plan)[/]")
            rows.append(f"{safe(p.name)}  {tie_text(p.tie)}  "
                        f"[dim]last contact {ago(p.last_contact(), today)}[/]{nxt}")
        bullets(rows, marker="★")
    elif net.peers:
        c.print("\nNo focus peers yet: pick three to five with [bold]peermap focus[/] "
                "or [bold]peermap map --step focus[/].")
    else:
        c.print("\nYour map is empty: start with [bold]peermap map[/].")
    if due:
        from peermap.core.reminders import as_text

        c.print("\n[bold]Due[/]")
        bullets([safe(as_text(item)) for item in due])
    review = ago(last_review, today) if last_review else "never"
    c.print(f"\n[dim]Last review: {review}. Weekly ritual: peermap review.[/]")


FIRST_RUN = """[bold]peermap[/] helps you map and strengthen the peer relationships your work \
depends on: list the peers whose work affects yours, rate each tie strong, weak or \
nonexistent, pick three to five to build up, and get concrete next steps.

There is no data file yet ({path}).
Start the fifteen-minute walkthrough with:  [bold]peermap map[/]
or add peers one at a time:                 [bold]peermap add "Grace Example"[/]
Everything stays in that one local file; nothing leaves your machine."""


def first_run(path) -> None:
    console().print(FIRST_RUN.format(path=safe(path)))


def focus_view(net: Network, candidates: list, today: date) -> None:
    c = console()
    focus = net.focus_peers()
    s = net.settings
    c.print(f"[bold]Focus[/] [dim]({len(focus)} of {s.focus_min}–{s.focus_max})[/]")
    for p in focus:
        graduated = " [green](graduated: strong)[/]" if p.tie is not None and \
            p.tie.value == "strong" else ""
        since = f"since {p.focus_since.isoformat()}" if p.focus_since else ""
        c.print(f"  ★ {safe(p.name)}  {tie_text(p.tie)} [dim]{since}[/]{graduated}")
    if not focus:
        c.print("  [dim]none yet[/]")
    c.print("\n[bold]Candidates[/] [dim](weak or nonexistent ties that matter; best first)[/]")
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i, cand in enumerate(candidates, 1):
        grid.add_row(f"{i}.", f"{safe(cand.peer.name)}  {tie_text(cand.peer.tie)} "
                              f"[dim]score {cand.score}[/]\n[dim]{safe(cand.why)}[/]")
    c.print(grid)
    if not candidates:
        c.print("  [dim]none: rate ties and say what they matter for "
                "(peermap rate, peermap edit --matters)[/]")
    elif len(focus) < s.focus_min:
        c.print("\nPick with [bold]peermap focus set NAME NAME NAME[/] or "
                "[bold]peermap focus add NAME[/].")


def suggestions_view(result: list) -> None:
    c = console()
    if not result:
        c.print("No focus peers yet: pick three to five with [bold]peermap focus[/], "
                "or ask about one peer: peermap suggest NAME.")
    for i, (p, tips) in enumerate(result):
        if i:
            c.print()
        nxt = f" [dim]· next: {safe(p.next.step)}[/]" if p.next else ""
        c.print(f"[bold]{safe(p.name)}[/]  {tie_text(p.tie)}{nxt}")
        bullets([f"{safe(s.text)} [dim](principle {s.principle})[/]" for s in tips])


def progress_bar(total: int, label: str):
    """A Rich progress bar on stderr; call it with rows done, and with None to finish."""
    from rich.progress import Progress

    bar = Progress(console=console(stderr=True), transient=True)
    task = bar.add_task(label, total=total)
    bar.start()

    def advance(done: int | None) -> None:
        if done is None:
            bar.stop()
        else:
            bar.update(task, completed=done)

    return advance
