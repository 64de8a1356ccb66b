"""One layout for every screen: blocks of styled text laid out into lines at a width.

A screen is built once as blocks (paragraphs with a hanging indent, tables); `lay_out`
turns them into lines of styled spans, and the plain writer (a pipe) or the Rich writer
(a terminal) only prints those lines, so the two can never disagree. Nothing here imports
Rich, and user text is never interpreted: a span's text is printed as it is.

Words are never split: a line breaks at spaces only, a name (a `keep` span) never breaks
at all, and a word wider than the room it has overflows instead. Widths are measured by
`width()`, which is right on joined emoji and wide characters (docs/output.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

# peermap's own symbols, one cell each: a line with only these needs no wcwidth.
_OWN = frozenset("★→·–—…•›✓↑↓▁▂▃▄▅▆▇█")


def width(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide characters and emoji two, combining
    marks and the joiners of an emoji sequence ("👩‍💻" is two cells) none.

    Text below U+0300 (and peermap's own symbols) is one cell a character and is measured
    without loading wcwidth, so plain Latin names cost nothing (docs/output.md).
    """
    if not text or max(text) < "\u0300" or all(ch < "\u0300" or ch in _OWN for ch in text):
        return len(text)
    from wcwidth import width as measure

    return max(0, int(measure(text)))


class Span(NamedTuple):
    """A piece of text and its style (a Rich style name, "" for none). A `keep` span is
    never broken across lines: names and commands."""

    text: str
    style: str = ""
    keep: bool = False


Line = list[Span]


def spans(*parts: str | Span) -> list[Span]:
    return [p if isinstance(p, Span) else Span(p) for p in parts if p]


@dataclass
class Para:
    """Text that starts at its leading spaces and whose later lines start at `hang` cells
    (default: two further in, so a wrapped line never reads as a new one). A newline
    inside a span starts a new line at `hang`."""

    parts: list[Span]
    hang: int | None = None


@dataclass
class Column:
    name: str
    wrap: bool = True  # a column that never wraps (tie, dates) takes its widest cell
    keep: bool = False  # names: never wrapped


@dataclass
class Table:
    """Columns laid out to the width; `priority` names the columns kept when the width
    runs out (the rest are dropped from its end); below three columns, `stacked` is shown."""

    columns: list[Column]
    rows: list[list[list[Span]]]
    priority: Sequence[str] = ()
    stacked: list[Block] = field(default_factory=list)
    gap: int = 2


Block = Para | Table


# --- paragraphs ---------------------------------------------------------------------


def _atoms(parts: Sequence[Span]) -> list[list[Span] | str]:
    """Words (lists of spans glued together) and separators (" " or "\\n")."""
    out: list[list[Span] | str] = []
    word: list[Span] = []

    def end_word() -> None:
        nonlocal word
        if word:
            out.append(word)
            word = []

    for sp in parts:
        if sp.keep:
            lines = sp.text.split("\n")
            for i, piece in enumerate(lines):
                if i:
                    end_word()
                    out.append("\n")
                if piece:
                    word.append(Span(piece, sp.style))
            continue
        buf = ""
        for ch in sp.text:
            if ch in " \n":
                if buf:
                    word.append(Span(buf, sp.style))
                    buf = ""
                end_word()
                out.append(ch)
            else:
                buf += ch
        if buf:
            word.append(Span(buf, sp.style))
    end_word()
    return out


def _wlen(word: Sequence[Span]) -> int:
    return sum(width(s.text) for s in word)


def wrap(parts: Sequence[Span], room: int | None, hang: int | None = None) -> list[Line]:
    """Lines of `parts`: the first at the text's own leading spaces, the later ones at
    `hang` cells (default: two further in); never more than `room` cells unless a single
    word is wider."""
    if all("\n" not in sp.text for sp in parts) and (
            room is None or sum(width(sp.text) for sp in parts) <= room):
        return [[sp for sp in parts if sp.text]]  # it fits as it is: one line, unchanged
    atoms = _atoms(parts)
    lead = 0
    while lead < len(atoms) and atoms[lead] == " ":
        lead += 1
    indent = lead
    hang = indent + 2 if hang is None else hang
    lines: list[Line] = [[Span(" " * indent)] if indent else []]
    used = indent
    pending = 0  # spaces waiting between the last word and the next
    fresh = True  # no word on the current line yet
    for atom in atoms[lead:]:
        if atom == " ":
            pending += 1
            continue
        if atom == "\n":
            lines.append([Span(" " * hang)] if hang else [])
            used, pending, fresh = hang, 0, True
            continue
        assert not isinstance(atom, str)
        w = _wlen(atom)
        if not fresh and room is not None and used + pending + w > room:
            lines.append([Span(" " * hang)] if hang else [])
            used, pending = hang, 0
        if pending:  # spaces between two words of one style take that style
            before = lines[-1][-1].style if lines[-1] else ""
            lines[-1].append(Span(" " * pending, before if before == atom[0].style else ""))
            used += pending
        pending = 0
        lines[-1].extend(atom)
        used += w
        fresh = False
    return lines


# --- tables -------------------------------------------------------------------------


def _plain(cell: Sequence[Span]) -> str:
    return "".join(s.text for s in cell)


def _longest_word(cell: Sequence[Span]) -> int:
    return max((_wlen(a) for a in _atoms(cell) if not isinstance(a, str)), default=0)


# A wrapping column narrower than this reads as a tall thin strip: the table drops a
# column, or stacks, instead.
MIN_WRAPPED = 24


def column_widths(table: Table, room: int | None) -> dict[str, int]:
    """The columns that fit in `room` and their widths, or {} when even three do not.

    A column never gets narrower than its longest word (a name column than its longest
    name); wrapping columns give way, widest first, before any column is dropped.
    """
    cols = table.columns
    idx = {c.name: i for i, c in enumerate(cols)}
    natural = {c.name: max([width(c.name)] + [width(_plain(r[idx[c.name]]))
                                                for r in table.rows]) for c in cols}
    least = {c.name: natural[c.name] if not c.wrap or c.keep else
             max([width(c.name), min(natural[c.name], MIN_WRAPPED)]
                 + [_longest_word(r[idx[c.name]]) for r in table.rows])
             for c in cols}
    if room is None:
        return natural
    priority = list(table.priority) or [c.name for c in cols]
    for keep in range(len(priority), 2, -1):
        chosen = [c.name for c in cols if c.name in priority[:keep]]
        space = room - table.gap * (len(chosen) - 1)
        if sum(least[c] for c in chosen) > space:
            continue
        widths = {c: natural[c] for c in chosen}
        while sum(widths.values()) > space:
            c = max((c for c in chosen if widths[c] > least[c]), key=lambda c: widths[c])
            widths[c] -= 1
        return widths
    return {}


def _table(table: Table, room: int | None) -> list[Line]:
    widths = column_widths(table, room)
    if not widths:
        return lay_out(table.stacked, room)
    idx = {c.name: i for i, c in enumerate(table.columns)}
    head = [[Span(c, "bold")] for c in widths]
    out: list[Line] = []
    for row in [head, *([r[idx[c]] for c in widths] for r in table.rows)]:
        cells = [wrap(cell, w) for cell, w in zip(row, widths.values(), strict=True)]
        for n in range(max(len(c) for c in cells)):
            line: Line = []
            for i, (cell, w) in enumerate(zip(cells, widths.values(), strict=True)):
                part = cell[n] if n < len(cell) else []
                if i:
                    line.append(Span(" " * table.gap))
                line.extend(part)
                line.append(Span(" " * max(0, w - _wlen(part))))
            out.append(line)
    return out


# --- the whole screen ----------------------------------------------------------------


def _trim(line: Line) -> Line:
    """No trailing spaces, no empty spans, neighbours of one style joined (a terminal
    then gets one colour code per run, not one per word)."""
    out: Line = []
    for s in line:
        if not s.text:
            continue
        if out and out[-1].style == s.style:
            out[-1] = Span(out[-1].text + s.text, s.style)
        else:
            out.append(Span(s.text, s.style))
    while out and not out[-1].text.strip(" "):
        out.pop()
    if out:
        last = out[-1]
        out[-1] = Span(last.text.rstrip(" "), last.style)
    return out


def lay_out(blocks: Sequence[Block], room: int | None) -> list[Line]:
    """Every block as lines at `room` cells (None: never wrapped), without trailing
    spaces."""
    out: list[Line] = []
    for b in blocks:
        lines = _table(b, room) if isinstance(b, Table) else wrap(b.parts, room, b.hang)
        out.extend(_trim(line) for line in lines)
    return out


def as_text(lines: Sequence[Line]) -> str:
    return "".join("".join(s.text for s in line) + "\n" for line in lines)
